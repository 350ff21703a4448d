// The core's bad-input table (core/tests/bad_input.rs, as data in
// bindings-swift/testdata/bad_input.json): each bad command throws its
// `LotwiseError` case with the offending values, and leaves the snapshot and
// the event cursor as they were.

import Foundation
import Lotwise
import XCTest

/// The associated values of an error case, by their snake_case names, as
/// JSON-like values (Decimal as its text, a Date as its UTC day).
func typedFields(_ error: LotwiseError) -> [String: Any] {
    var fields: [String: Any] = [:]
    guard let payload = Mirror(reflecting: error).children.first?.value else { return fields }
    for child in Mirror(reflecting: payload).children {
        guard let label = child.label else { continue }
        let snake = label.reduce(into: "") { out, c in
            out += c.isUppercase ? "_" + c.lowercased() : String(c)
        }
        fields[snake] = plain(child.value)
    }
    return fields
}

private func plain(_ value: Any) -> Any {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .optional {
        return mirror.children.first.map { plain($0.value) } ?? NSNull()
    }
    switch value {
    case let d as Decimal: return d.description
    case let date as Date:
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        return format.string(from: date)
    case let n as Int64: return NSNumber(value: n)
    case let list as [Any]: return list.map(plain)
    default: return value
    }
}

final class BadInputTests: XCTestCase {
    func testEveryBadCommandIsRefusedTypedAndChangesNothing() throws {
        let url = repoRoot.appendingPathComponent("bindings-swift/testdata/bad_input.json")
        let table = try XCTUnwrap(readJSON(url) as? [String: Any])
        let cases = try XCTUnwrap(table["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 50, "rows of the core's table")
        let fixture = try XCTUnwrap(table["fixture"] as? [[String: Any]])
        let setups = try XCTUnwrap(table["setups"] as? [String: [[String: Any]]])
        let clock = try XCTUnwrap(table["clock"] as? String)
        for row in cases {
            let name = row["name"] as? String ?? "?"
            let engine = try Engine.openWithFixedClock(url: ":memory:", at: instant(clock))
            let setup = fixture + (row["setup"].flatMap { setups[$0 as? String ?? ""] } ?? [])
            for step in setup {
                let (_, error) = runStep(engine, step)
                XCTAssertNil(error, "\(name): setup \(jsonText(step)) failed: \(jsonText(error))")
            }
            let before = try engine.snapshot()
            let cursor = try engine.eventCursor(consumer: "mailer")
            do {
                _ = try engine.execute(name: row["do"] as? String ?? "", argsJson: jsonText(row["args"]))
                XCTFail("\(name): the command succeeded")
            } catch let error as LotwiseError {
                XCTAssertEqual(error.code(), row["code"] as? String, "\(name): \(error)")
                let fields = typedFields(error)
                for (key, want) in row["fields"] as? [String: Any] ?? [:] {
                    guard let got = fields[key] else {
                        XCTFail("\(name): no field `\(key)` in \(error)")
                        continue
                    }
                    if let why = subset(want, got, key) { XCTFail("\(name): \(why)") }
                }
                XCTAssertFalse(error.description.isEmpty, "\(name): a readable description")
            }
            XCTAssertEqual(try engine.snapshot(), before, "\(name): the refused command changed the state")
            XCTAssertEqual(try engine.eventCursor(consumer: "mailer"), cursor, "\(name): the event cursor")
            XCTAssertEqual(try engine.checkInvariants(), [], "\(name): invariants")
        }
    }
}
