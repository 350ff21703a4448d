// The Swift example of bindings-swift/README.md, run as written (on a
// temporary SQLite file), so the README cannot drift from the API.

import Foundation
import Lotwise
import XCTest

final class ReadmeTests: XCTestCase {
    func testTheReadmeExampleRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lotwise-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shopFile = dir.appendingPathComponent("shop.db")

        let lw = try Engine.openSqlite(path: shopFile.path)
        _ = try lw.defineItem(sku: "WAX", name: "Soy wax", kind: .material, uom: .kg)
        _ = try lw.defineItem(sku: "CANDLE", name: "Lavender candle", kind: .product, uom: .pcs)
        _ = try lw.defineRecipe(product: "CANDLE", batchSize: try Qty("12 pcs"),
                                inputs: [NewRecipeInput(sku: "WAX", qty: try Qty("2.4 kg"))])
        _ = try lw.receive(sku: "WAX", qty: try Qty("10 kg"))
        let placed = try lw.placeOrder(
            channel: "etsy", customer: Customer(name: "Grace Hopper"),
            lines: [NewOrderLine(sku: "CANDLE", qty: try Qty("3 pcs"), unitPrice: try Money("18.00 USD"))],
            externalRef: "3141592")
        let report = try lw.confirmOrder(id: placed.order.id)
        XCTAssertEqual(report.mos, ["MO-000001"])
        // 2.4 kg of the 10 kg are reserved for the batch of 12.
        XCTAssertEqual(try lw.stock(sku: "WAX").available, Decimal(7600))
        do {
            _ = try lw.startMo(id: "MO-000099")
            XCTFail("an unknown MO started")
        } catch LotwiseError.UnknownMo(let detail, let mo) {
            XCTAssertEqual(mo, "MO-000099")
            XCTAssertFalse(detail.isEmpty)
        }
        lw.closeStore()
    }
}
