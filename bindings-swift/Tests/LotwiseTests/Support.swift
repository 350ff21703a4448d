// Shared by the tests: where the repository's data is, JSON in and out, and
// the scenario matching rule of scenarios/README.md.

import Foundation
import Lotwise
import XCTest

/// The repository root: $LOTWISE_ROOT, else three levels above this file
/// (bindings-swift/Tests/LotwiseTests/).
let repoRoot: URL = {
    if let root = ProcessInfo.processInfo.environment["LOTWISE_ROOT"] {
        return URL(fileURLWithPath: root)
    }
    return URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}()

func readJSON(_ url: URL) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
}

func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

func jsonText(_ value: Any?) -> String {
    guard let value = value else { return "{}" }
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) else {
        return "\(value)"
    }
    return String(decoding: data, as: UTF8.self)
}

func instant(_ text: String) -> Date {
    let format = ISO8601DateFormatter()
    format.formatOptions = [.withInternetDateTime]
    guard let date = format.date(from: text) else {
        XCTFail("not an instant: \(text)")
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

func day(_ text: String) -> Date {
    instant(text + "T00:00:00Z")
}

/// Runs one step through the by-name door: the answer, or the typed error
/// as the contract's JSON.
func runStep(_ engine: Engine, _ step: [String: Any]) -> (ok: Any?, error: Any?) {
    let name = step["do"] as? String ?? ""
    do {
        return (try parseJSON(try engine.execute(name: name, argsJson: jsonText(step["args"]))), nil)
    } catch let error as LotwiseError {
        return (nil, try? parseJSON(error.toJson()))
    } catch {
        return (nil, ["code": "not a LotwiseError: \(error)"])
    }
}

/// The matching rule: objects by the keys they list, arrays by length and
/// element (or `$contains` as an ordered subsequence), decimal strings by
/// value with the same unit, anything else by equality. nil on a match,
/// else where and why not.
func subset(_ want: Any, _ got: Any, _ path: String = "$") -> String? {
    let mismatch = "at \(path): expected \(jsonText(want)), got \(jsonText(got))"
    if let w = want as? [String: Any], w.count == 1, let items = w["$contains"] {
        guard let items = items as? [Any], let actual = got as? [Any] else { return mismatch }
        var from = 0
        for (k, item) in items.enumerated() {
            guard let found = (from..<actual.count).first(where: { subset(item, actual[$0], path) == nil }) else {
                return "at \(path): $contains item \(k) \(jsonText(item)) not found in order"
            }
            from = found + 1
        }
        return nil
    }
    if let w = want as? [String: Any], let g = got as? [String: Any] {
        for (key, value) in w {
            guard let actual = g[key] else { return "at \(path): missing key `\(key)`" }
            if let why = subset(value, actual, "\(path).\(key)") { return why }
        }
        return nil
    }
    if let w = want as? [Any], let g = got as? [Any] {
        guard w.count == g.count else { return "at \(path): expected \(w.count) elements, got \(g.count)" }
        for (k, pair) in zip(w, g).enumerated() {
            if let why = subset(pair.0, pair.1, "\(path)[\(k)]") { return why }
        }
        return nil
    }
    if let w = want as? String, let g = got as? String {
        return w == g || sameDecimal(w, g) ? nil : mismatch
    }
    if want is NSNull || got is NSNull {
        return (want is NSNull && got is NSNull) ? nil : mismatch
    }
    if let w = want as? NSNumber, let g = got as? NSNumber {
        return w == g ? nil : mismatch
    }
    return mismatch
}

/// `"24"` matches `"24.000"`, `"2.5 kg"` matches `"2.50 kg"`.
func sameDecimal(_ a: String, _ b: String) -> Bool {
    func split(_ s: String) -> (Decimal, Substring)? {
        let parts = s.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let number = parts[0]
        let suffix = parts.count > 1 ? parts[1] : ""
        let plain = !number.isEmpty && number.enumerated().allSatisfy { i, c in
            c.isASCII && (c.isNumber || c == "." || (i == 0 && c == "-"))
        }
        guard plain, suffix.allSatisfy({ $0.isASCII && $0.isLetter }),
              let value = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return (value, suffix)
    }
    guard let x = split(a), let y = split(b) else { return false }
    return x.0 == y.0 && x.1 == y.1
}
