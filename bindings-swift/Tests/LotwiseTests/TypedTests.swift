// The typed surface: generated methods and records with Foundation.Decimal,
// Qty, Money and Date; typed errors; a SQLite file across close and reopen.

import Foundation
import Lotwise
import XCTest

private func candleShop(_ engine: Engine) throws {
    _ = try engine.defineItem(sku: "WAX", name: "Soy wax", kind: .material, uom: .kg, shelfLifeDays: 730)
    _ = try engine.defineItem(sku: "CANDLE", name: "Lavender candle", kind: .product, uom: .pcs)
    _ = try engine.defineRecipe(
        product: "CANDLE", batchSize: try Qty("12 pcs"),
        inputs: [NewRecipeInput(sku: "WAX", qty: Qty(amount: Decimal(string: "2.4")!, unit: "kg"), scrapPct: 0)]
    )
}

final class TypedTests: XCTestCase {
    func testTypedCallsCarryDecimalQtyAndDates() throws {
        let engine = try Engine.openWithFixedClock(url: ":memory:", at: instant("2026-03-02T09:00:00Z"))
        try candleShop(engine)
        let lot = try engine.receive(sku: "WAX", qty: try Qty("10.5 kg"), lot: "SW-1", expiry: day("2027-01-31"))
        XCTAssertEqual(lot.code, "SW-1")
        XCTAssertEqual(lot.expiry, day("2027-01-31"))
        XCTAssertEqual(lot.createdAt, instant("2026-03-02T09:00:00Z"))
        XCTAssertEqual(lot.origin, .receipt)
        // Stock is kept in the base unit: 10.5 kg is exactly 10500 g.
        let stock = try engine.stock(sku: "WAX")
        XCTAssertEqual(stock.onHand, Decimal(10500))
        XCTAssertEqual(stock.available, stock.onHand)
        XCTAssertEqual(try engine.item(sku: "WAX").uom, .g)
        // Amounts below a cent survive exactly (a Double would not).
        let tiny = try engine.receive(sku: "WAX", qty: try Qty("0.001 kg"))
        XCTAssertEqual(tiny.sku, "WAX")
        XCTAssertEqual(try engine.stock(sku: "WAX").onHand, Decimal(string: "10501")!)
        // Events carry their payload as a typed enum, one case per kind.
        let received = try engine.eventsAfter(after: 0, limit: 100).compactMap { event -> (String, Qty)? in
            guard case let .stockReceived(lot, qty, _, _, _) = event.payload else { return nil }
            return (lot, qty)
        }
        XCTAssertEqual(received.map(\.0), ["SW-1", "WAX-R0001"])
        XCTAssertEqual(received.first?.1.amount, Decimal(10500))
    }

    func testARefusedTypedCallThrowsItsCaseWithFields() throws {
        let engine = try Engine.openInMemory()
        try candleShop(engine)
        XCTAssertThrowsError(try engine.adjustStock(sku: "WAX", lot: "NOPE", delta: try Qty("-1 kg"), reason: "count")) {
            guard case let LotwiseError.UnknownLot(_, lot) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(lot, "NOPE")
            let error = $0 as! LotwiseError
            XCTAssertEqual(error.code(), "unknown_lot")
            XCTAssertEqual(error.category(), "not_found")
            XCTAssertTrue(error.description.contains("NOPE"), error.description)
        }
        XCTAssertThrowsError(try engine.placeOrder(channel: "manual", customer: Customer(name: "Ada", email: nil), lines: [])) {
            guard case let LotwiseError.InvalidInput(_, field, value, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(field, "lines")
            XCTAssertEqual(value, "[]")
        }
    }

    // On the main actor, as UI code calls it: the work must leave the main thread.
    @MainActor
    func testBackgroundRunsOffTheMainThreadAndKeepsTypedErrors() async throws {
        let engine = try Engine.openInMemory()
        try candleShop(engine)
        let (level, onMain) = try await engine.background { lw in
            (try lw.stock(sku: "WAX"), Thread.isMainThread)
        }
        XCTAssertFalse(onMain, "ran on the main thread")
        XCTAssertEqual(level.onHand, 0)
        do {
            _ = try await engine.background { try $0.stock(sku: "NOPE") }
            XCTFail("an unknown SKU answered")
        } catch LotwiseError.UnknownSku(_, let sku) {
            XCTAssertEqual(sku, "NOPE")
        }
    }

    func testQuantitiesAndMoneyParseAsTheCoreDoes() throws {
        let q = try Qty("2.5 kg")
        XCTAssertEqual(q.amount, Decimal(string: "2.5")!)
        XCTAssertEqual(q.unit, "kg")
        XCTAssertEqual(q.description, "2.5 kg")
        let m = try Money("18.00 USD")
        XCTAssertEqual(m.amount, Decimal(18))
        XCTAssertEqual(m.currency, "USD")
        XCTAssertThrowsError(try Qty("3 furlongs")) {
            guard case let LotwiseError.UnknownUnit(_, unit, _, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(unit, "furlongs")
        }
    }

    func testTheJsonDoorAnswersErrorsAsDataAndNeverThrows() throws {
        let engine = try Engine.openInMemory()
        let answer = try parseJSON(engine.executeJson(command: #"{"do": "stock", "args": {"sku": "NOPE"}}"#))
        XCTAssertNil(subset(["error": ["code": "unknown_sku", "sku": "NOPE"]], answer))
        let broken = try parseJSON(engine.executeJson(command: "not json"))
        XCTAssertNil(subset(["error": ["code": "invalid_input"]], broken))
        XCTAssertThrowsError(try engine.execute(name: "no_such_operation", argsJson: "{}")) {
            guard case let LotwiseError.InvalidInput(_, field, value, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(field, "do")
            XCTAssertEqual(value, "no_such_operation")
        }
    }

    func testASqliteFileKeepsWhatWasWrittenAcrossCloseAndReopen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lotwise-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("shop.db").path

        let engine = try Engine.openSqlite(path: path)
        try candleShop(engine)
        _ = try engine.receive(sku: "WAX", qty: try Qty("20 kg"), lot: "SW-A", expiry: day("2027-01-31"))
        let line = NewOrderLine(sku: "CANDLE", qty: try Qty("3 pcs"), unitPrice: try Money("18.00 USD"))
        let placed = try engine.placeOrder(
            channel: "etsy", customer: Customer(name: "Grace Hopper", email: nil), lines: [line], externalRef: "3141592"
        )
        XCTAssertEqual(placed.order.id, "SO-000001")
        XCTAssertEqual(try engine.backend(), "sqlite")
        engine.closeStore()
        XCTAssertFalse(engine.isOpen())
        XCTAssertThrowsError(try engine.stock(sku: "WAX")) {
            XCTAssertEqual(($0 as? LotwiseError)?.code(), "storage")
        }

        let reopened = try Engine.openSqlite(path: path)
        XCTAssertEqual(try reopened.stock(sku: "WAX").onHand, Decimal(20000))
        let order = try reopened.order(id: "SO-000001")
        XCTAssertEqual(order.customer.name, "Grace Hopper")
        XCTAssertEqual(order.externalRef, "3141592")
        XCTAssertEqual(order.lines.first?.unitPrice?.amount, Decimal(18))
        XCTAssertEqual(try reopened.lotsOfItem(sku: "WAX").map(\.code), ["SW-A"])
        XCTAssertEqual(try reopened.lotsOfItem(sku: "WAX").first?.expiry, day("2027-01-31"))
        XCTAssertEqual(try reopened.checkInvariants(), [])
        reopened.closeStore()
    }
}
