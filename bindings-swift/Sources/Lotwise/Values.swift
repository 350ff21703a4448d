// The thin Swift layer over the generated module: the conversions
// uniffi.toml names for the contract's text values, and quantities and money
// from and to their text. Everything else (Engine, records, enums,
// LotwiseError) is generated.
//
// Decimals cross the boundary as their exact text and become
// `Foundation.Decimal` here: never a Double. Dates become `Date` (a day at
// UTC midnight; an instant to the millisecond).

import Foundation

private let posix = Locale(identifier: "en_US_POSIX")
// UTC always exists; the fallback only keeps this free of a force unwrap.
private let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current

/// A value the Rust side sent that Swift cannot read: a bug, raised as the
/// `internal` error rather than a crash.
private func unreadable(_ what: String, _ text: String) -> LotwiseError {
    let reason = "`\(text)` from lotwise is not \(what)"
    return LotwiseError.Internal(detail: "internal error: \(reason)", reason: reason)
}

func lotwiseDecimal(_ text: String) throws -> Decimal {
    guard let value = Decimal(string: text, locale: posix), !value.isNaN else {
        throw unreadable("a decimal", text)
    }
    return value
}

func lotwiseDecimalText(_ value: Decimal) -> String {
    // Plain digits with a `.`, whatever the user's locale: the contract's form.
    value.description
}

private let dayFormat: ISO8601DateFormatter = {
    let format = ISO8601DateFormatter()
    format.formatOptions = [.withFullDate]
    format.timeZone = utc
    return format
}()

private let instantFormat: ISO8601DateFormatter = {
    let format = ISO8601DateFormatter()
    format.formatOptions = [.withInternetDateTime]
    format.timeZone = utc
    return format
}()

private let instantMillisFormat: ISO8601DateFormatter = {
    let format = ISO8601DateFormatter()
    format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    format.timeZone = utc
    return format
}()

func lotwiseDay(_ text: String) throws -> Date {
    guard let date = dayFormat.date(from: text) else { throw unreadable("a day", text) }
    return date
}

func lotwiseDayText(_ date: Date) -> String {
    dayFormat.string(from: date)
}

func lotwiseInstant(_ text: String) throws -> Date {
    // Foundation reads at most milliseconds: cut longer fractions (the core
    // may keep nanoseconds; a Date cannot hold them anyway).
    var shown = text
    if let dot = shown.firstIndex(of: "."), let end = shown[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
        let digits = shown[shown.index(after: dot)..<end].prefix(3)
        shown = String(shown[..<dot]) + "." + digits + String(shown[end...])
    }
    let format = shown.contains(".") ? instantMillisFormat : instantFormat
    guard let date = format.date(from: shown) else { throw unreadable("an RFC 3339 instant", text) }
    return date
}

func lotwiseInstantText(_ date: Date) -> String {
    let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
    return (whole ? instantFormat : instantMillisFormat).string(from: date)
}

extension Qty: CustomStringConvertible {
    /// Reads a quantity as the core does, `try Qty("2.4 kg")` (units
    /// `mg g kg ml l pcs`); bad text throws the typed error
    /// (`LotwiseError.UnknownUnit`, `.InvalidQuantity`).
    public init(_ text: String) throws {
        self = try parseQty(text: text)
    }

    /// The contract's text, `"2.4 kg"`.
    public var description: String { "\(lotwiseDecimalText(amount)) \(unit)" }
}

extension Money: CustomStringConvertible {
    /// Reads an amount of money as the core does, `try Money("18.00 USD")`.
    public init(_ text: String) throws {
        self = try parseMoney(text: text)
    }

    /// The contract's text, `"18.00 USD"`.
    public var description: String { "\(lotwiseDecimalText(amount)) \(currency)" }
}

extension Engine {
    /// Runs `work` on a background queue and awaits it, so a UI never waits
    /// on a SQLite transaction: `let level = try await engine.background { try $0.stock(sku: "WAX") }`.
    /// Every call blocks until its transaction ends; this is the form for
    /// the main actor.
    public func background<T: Sendable>(_ work: @escaping @Sendable (Engine) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work(self) })
            }
        }
    }
}
