// Every golden scenario of scenarios/v1, replayed in a loop through the
// by-name door with the same expectations as the Rust runner, and the
// invariants checked after every step.

import Foundation
import Lotwise
import XCTest

final class ScenarioTests: XCTestCase {
    func testEveryScenarioReplaysAsInRust() throws {
        let dir = repoRoot.appendingPathComponent("scenarios/v1")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 12, "scenarios in \(dir.path)")
        var steps = 0
        for file in files {
            let scenario = try XCTUnwrap(readJSON(dir.appendingPathComponent(file)) as? [String: Any])
            let clock = try XCTUnwrap(scenario["clock"] as? String)
            let engine = try Engine.openWithFixedClock(url: ":memory:", at: instant(clock))
            for (i, item) in try XCTUnwrap(scenario["steps"] as? [[String: Any]]).enumerated() {
                let at = "\(file) step \(i + 1) (`\(item["do"] ?? "?")`)"
                let (ok, error) = runStep(engine, item)
                switch item["expect"] as? [String: Any] {
                case nil:
                    XCTAssertNil(error, "\(at): expected success, got \(jsonText(error))")
                case let want? where want["ok"] != nil:
                    XCTAssertNil(error, "\(at): expected success, got \(jsonText(error))")
                    if let ok = ok, let why = subset(want["ok"] as Any, ok) { XCTFail("\(at): \(why)") }
                case let want?:
                    guard let error = error else {
                        XCTFail("\(at): expected an error, got \(jsonText(ok))")
                        continue
                    }
                    if let why = subset(want["error"] as Any, error) { XCTFail("\(at): \(why)") }
                }
                XCTAssertEqual(try engine.checkInvariants(), [], "\(at): invariants")
                steps += 1
            }
        }
        XCTAssertGreaterThan(steps, 200, "steps replayed")
    }
}
