// The thin Kotlin layer over the generated `lotwise` package: only what
// UniFFI's output lacks — quantities and money from and to their text.
// Everything else (Engine, records, enums, LotwiseException) is generated.
package lotwise

import java.math.BigDecimal

/** A quantity read from its text, `qty("2.4 kg")`; a bad one throws the typed error (`UnknownUnit`, ...). */
fun qty(text: String): Qty = parseQty(text)

/** A quantity of [amount] in [unit] (`mg g kg ml l pcs`). */
fun qty(amount: BigDecimal, unit: String): Qty = Qty(amount, unit)

/** Money read from its text, `money("18.00 USD")`. */
fun money(text: String): Money = parseMoney(text)

/** The contract's text of this quantity, `"2.4 kg"` (never through a Double). */
val Qty.text: String get() = "${amount.toPlainString()} $unit"

/** The contract's text of this amount, `"18.00 USD"`. */
val Money.text: String get() = "${amount.toPlainString()} $currency"

/**
 * Runs [work] on [kotlinx.coroutines.Dispatchers.IO] and suspends until it
 * ends, so a coroutine on the main thread never waits on a SQLite
 * transaction: `val level = engine.io { it.stock("WAX") }`.
 */
suspend fun <T> Engine.io(work: (Engine) -> T): T =
    kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) { work(this@io) }
