// The Kotlin binding's tests on the host JVM: a plain `main` with a tiny
// harness, so the last line is `N passed, M failed` and the exit code says
// whether all passed. Run by scripts/kotlin.sh; the first argument is the
// repository root (for scenarios/v1 and bindings-swift/testdata).
package lotwise.tests

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.system.exitProcess
import lotwise.*

private var passed = 0
private var failed = 0

/** Runs one test; a thrown exception or a failed [expect] fails it. */
fun check(name: String, body: () -> Unit) {
    try {
        body()
        passed++
        println("ok    $name")
    } catch (e: Throwable) {
        failed++
        println("FAIL  $name: $e")
    }
}

class Failure(message: String) : Exception(message)

fun expect(condition: Boolean, what: () -> String) {
    if (!condition) throw Failure(what())
}

fun main(args: Array<String>) {
    val root = File(args.firstOrNull() ?: ".")
    scenarioTests(root)
    badInputTests(root)
    typedApiTests()
    sqliteTests()
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0 && passed > 0) 0 else 1)
}

// ── Golden scenarios: every file, in a loop, through the by-name door ─────

/** Runs one step; the answer or the typed error as the contract's JSON. */
fun runStep(engine: Engine, step: Map<*, *>): Pair<Any?, Any?> {
    val args = Json.write(step["args"] ?: emptyMap<String, Any?>())
    return try {
        Json.parse(engine.execute(step["do"] as String, args)) to null
    } catch (e: LotwiseException) {
        null to Json.parse(e.toJson())
    }
}

fun scenarioTests(root: File) {
    val files = File(root, "scenarios/v1").listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
    check("scenarios/v1 holds the golden scenarios") { expect(files.size >= 12) { "only ${files.size} files" } }
    for (file in files) {
        check("scenario ${file.nameWithoutExtension}") {
            val scenario = Json.parse(file.readText()) as Map<*, *>
            Engine.openWithFixedClock(":memory:", Instant.parse(scenario["clock"] as String)).use { engine ->
                for ((i, s) in (scenario["steps"] as List<*>).withIndex()) {
                    val step = s as Map<*, *>
                    val at = "step ${i + 1} (`${step["do"]}`)"
                    val (ok, error) = runStep(engine, step)
                    val want = step["expect"] as Map<*, *>?
                    when {
                        want == null -> expect(error == null) { "$at: expected success, got ${Json.write(error)}" }
                        want.containsKey("ok") -> {
                            expect(error == null) { "$at: expected success, got ${Json.write(error)}" }
                            subset(want["ok"], ok)?.let { throw Failure("$at: $it") }
                        }
                        else -> {
                            expect(error != null) { "$at: expected an error, got ${Json.write(ok)}" }
                            subset(want["error"], error)?.let { throw Failure("$at: $it") }
                        }
                    }
                    val broken = engine.checkInvariants()
                    expect(broken.isEmpty()) { "$at: invariants violated: $broken" }
                }
            }
        }
    }
}

// ── The bad-input table: typed errors, state unchanged ─────────────────────

fun camel(snake: String): String =
    snake.split('_').mapIndexed { i, p -> if (i == 0) p else p.replaceFirstChar { it.uppercase() } }.joinToString("")

/** A typed field of the exception as JSON-like data, read by reflection from its Kotlin property. */
fun typedField(e: LotwiseException, name: String): Any? {
    val field = e.javaClass.getDeclaredField(camel(name))
    field.isAccessible = true
    return when (val v = field.get(e)) {
        is BigDecimal -> v.toPlainString()
        is LocalDate -> v.toString()
        is Long -> BigDecimal.valueOf(v)
        else -> v
    }
}

fun badInputTests(root: File) {
    val table = Json.parse(File(root, "bindings-swift/testdata/bad_input.json").readText()) as Map<*, *>
    val cases = table["cases"] as List<*>
    check("the bad-input table has every row of the core's") { expect(cases.size >= 50) { "only ${cases.size} cases" } }
    for (c in cases) {
        val case = c as Map<*, *>
        check("bad input: ${case["name"]}") {
            Engine.openWithFixedClock(":memory:", Instant.parse(table["clock"] as String)).use { engine ->
                val setup = (table["fixture"] as List<*>) +
                    ((case["setup"] as String?)?.let { (table["setups"] as Map<*, *>)[it] as List<*> } ?: emptyList())
                for (step in setup) {
                    val (_, error) = runStep(engine, step as Map<*, *>)
                    expect(error == null) { "setup ${Json.write(step)} failed: ${Json.write(error)}" }
                }
                val before = engine.snapshot()
                val cursor = engine.eventCursor("mailer")
                val error = try {
                    engine.execute(case["do"] as String, Json.write(case["args"]))
                    null
                } catch (e: LotwiseException) {
                    e
                }
                expect(error != null) { "the command succeeded" }
                error!!
                expect(error.code() == case["code"]) { "code ${error.code()}, expected ${case["code"]}: $error" }
                for ((key, want) in case["fields"] as Map<*, *>) {
                    subset(want, typedField(error, key as String), key)?.let { throw Failure("$it in $error") }
                }
                expect(error.toString().isNotBlank()) { "no description" }
                expect(engine.snapshot() == before) { "the refused command changed the state" }
                expect(engine.eventCursor("mailer") == cursor) { "the event cursor moved" }
                expect(engine.checkInvariants().isEmpty()) { "invariants violated" }
            }
        }
    }
}

// ── The typed surface: records, BigDecimal, java.time, typed exceptions ───

fun candleShop(engine: Engine) {
    engine.defineItem(sku = "WAX", name = "Soy wax", kind = ItemKind.MATERIAL, uom = Uom.KG, shelfLifeDays = 730L)
    engine.defineItem(sku = "CANDLE", name = "Lavender candle", kind = ItemKind.PRODUCT, uom = Uom.PCS)
    engine.defineRecipe(
        product = "CANDLE",
        batchSize = qty("12 pcs"),
        inputs = listOf(NewRecipeInput(sku = "WAX", qty = qty(BigDecimal("2.4"), "kg"), scrapPct = BigDecimal.ZERO)),
    )
}

fun typedApiTests() {
    check("typed calls carry BigDecimal, Qty and LocalDate both ways") {
        Engine.openWithFixedClock(":memory:", Instant.parse("2026-03-02T09:00:00Z")).use { engine ->
            candleShop(engine)
            val lot = engine.receive(sku = "WAX", qty = qty("10.5 kg"), lot = "SW-1", expiry = LocalDate.of(2027, 1, 31))
            expect(lot.code == "SW-1" && lot.expiry == LocalDate.of(2027, 1, 31)) { "lot $lot" }
            expect(lot.origin is LotOrigin.Receipt) { "origin ${lot.origin}" }
            expect(lot.createdAt == Instant.parse("2026-03-02T09:00:00Z")) { "created ${lot.createdAt}" }
            val stock = engine.stock("WAX")
            // Stock is kept in the base unit: 10.5 kg is 10500 g, exactly.
            expect(stock.onHand.compareTo(BigDecimal("10500")) == 0) { "on hand ${stock.onHand}" }
            expect(stock.available.compareTo(stock.onHand) == 0) { "available ${stock.available}" }
            expect(engine.item("WAX").uom == Uom.G) { "base unit" }
            expect(engine.backend() == "memory") { engine.backend() }
            // Events carry their payload as a sealed class, one subclass per kind.
            val received = engine.eventsAfter(0L, 100L).map { it.payload }.filterIsInstance<EventData.StockReceived>()
            expect(received.map { it.lot } == listOf("SW-1")) { "events $received" }
            expect(received[0].qty.amount.compareTo(BigDecimal("10500")) == 0 && received[0].expiry == LocalDate.of(2027, 1, 31)) { "${received[0]}" }
        }
    }
    check("a refused typed call throws its exception subclass with code and fields") {
        Engine.openInMemory().use { engine ->
            candleShop(engine)
            try {
                engine.adjustStock(sku = "WAX", lot = "NOPE", delta = qty("-1 kg"), reason = "count")
                throw Failure("no exception")
            } catch (e: LotwiseException.UnknownLot) {
                expect(e.lot == "NOPE" && e.code() == "unknown_lot" && e.category() == "not_found") { "$e" }
                expect(e.toString().contains("NOPE")) { "description: $e" }
            }
            try {
                engine.placeOrder(channel = "manual", customer = Customer("Ada", null), lines = emptyList())
                throw Failure("no exception")
            } catch (e: LotwiseException.InvalidInput) {
                expect(e.field == "lines" && e.value == "[]") { "$e" }
            }
        }
    }
    check("io runs the call on Dispatchers.IO and keeps the typed exception") {
        Engine.openInMemory().use { engine ->
            candleShop(engine)
            val caller = Thread.currentThread()
            val (level, thread) = kotlinx.coroutines.runBlocking { engine.io { it.stock("WAX") to Thread.currentThread() } }
            expect(thread != caller && thread.name.contains("DefaultDispatcher")) { "ran on ${thread.name}" }
            expect(level.onHand.signum() == 0) { "on hand ${level.onHand}" }
            try {
                kotlinx.coroutines.runBlocking { engine.io { it.stock("NOPE") } }
                throw Failure("no exception")
            } catch (e: LotwiseException.UnknownSku) {
                expect(e.sku == "NOPE") { "$e" }
            }
        }
    }
    check("quantities and money parse as the core does, and refuse bad text typed") {
        // The core reads the decimal exactly ("2.50" is 2.5) and keeps the unit given.
        val q = qty("2.50 kg")
        expect(q.amount.compareTo(BigDecimal("2.5")) == 0 && q.unit == "kg" && q.text == "${q.amount.toPlainString()} kg") { "$q" }
        val m = money("18.00 USD")
        expect(m.amount == BigDecimal("18.00") && m.currency == "USD" && m.text == "18.00 USD") { "$m" }
        try {
            qty("3 furlongs")
            throw Failure("no exception")
        } catch (e: LotwiseException.UnknownUnit) {
            expect(e.unit == "furlongs") { "$e" }
        }
    }
    check("the JSON door answers errors as data and never throws") {
        Engine.openInMemory().use { engine ->
            val answer = Json.parse(engine.executeJson("""{"do": "stock", "args": {"sku": "NOPE"}}""")) as Map<*, *>
            subset(mapOf("error" to mapOf("code" to "unknown_sku", "sku" to "NOPE")), answer)?.let { throw Failure(it) }
            val broken = Json.parse(engine.executeJson("not json")) as Map<*, *>
            subset(mapOf("error" to mapOf("code" to "invalid_input")), broken)?.let { throw Failure(it) }
            try {
                engine.execute("no_such_operation", "{}")
                throw Failure("no exception")
            } catch (e: LotwiseException.InvalidInput) {
                expect(e.field == "do" && e.value == "no_such_operation") { "$e" }
            }
        }
    }
}

// ── A SQLite file: write, close, reopen, read back ─────────────────────────

fun sqliteTests() {
    check("a SQLite file keeps what was written across close and reopen") {
        val dir = kotlin.io.path.createTempDirectory("lotwise-kotlin").toFile()
        val path = File(dir, "shop.db").path
        try {
            Engine.openSqlite(path).use { engine ->
                candleShop(engine)
                engine.receive(sku = "WAX", qty = qty("20 kg"), lot = "SW-A", expiry = LocalDate.of(2027, 1, 31))
                val placed = engine.placeOrder(
                    channel = "etsy", externalRef = "3141592", customer = Customer("Grace Hopper", null),
                    lines = listOf(NewOrderLine("CANDLE", qty("3 pcs"), money("18.00 USD"), null, null, null)),
                )
                expect(placed.order.id == "SO-000001" && !placed.replayed) { "$placed" }
                expect(engine.backend() == "sqlite") { engine.backend() }
                engine.closeStore()
                expect(!engine.isOpen()) { "still open" }
                try {
                    engine.stock("WAX")
                    throw Failure("a closed store answered")
                } catch (e: LotwiseException.Storage) {
                    expect(e.code() == "storage") { "$e" }
                }
            }
            Engine.openSqlite(path).use { engine ->
                expect(engine.stock("WAX").onHand.compareTo(BigDecimal("20000")) == 0) { "stock after reopen" }
                val order = engine.order("SO-000001")
                expect(order.customer.name == "Grace Hopper" && order.externalRef == "3141592") { "$order" }
                val price = order.lines[0].unitPrice
                expect(price != null && price.amount.compareTo(BigDecimal("18")) == 0 && price.currency == "USD") { "price $price" }
                expect(engine.lotsOfItem("WAX").map { it.code } == listOf("SW-A")) { "lots" }
                expect(engine.checkInvariants().isEmpty()) { "invariants" }
            }
        } finally {
            dir.deleteRecursively()
        }
    }
}
