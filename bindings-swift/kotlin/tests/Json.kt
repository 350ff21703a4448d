// A small JSON reader and writer for the tests (the JVM has none built in,
// and the tests take no dependency besides JNA). Numbers are BigDecimal:
// no floating point, as everywhere in lotwise.
package lotwise.tests

import java.math.BigDecimal

object Json {
    fun parse(text: String): Any? {
        val r = Reader(text)
        val value = r.value()
        r.skipSpace()
        require(r.at == text.length) { "trailing text at ${r.at}" }
        return value
    }

    fun write(value: Any?): String = StringBuilder().also { write(value, it) }.toString()

    private fun write(value: Any?, out: StringBuilder) {
        when (value) {
            null -> out.append("null")
            is String -> quote(value, out)
            is Boolean -> out.append(value)
            is BigDecimal -> out.append(value.toPlainString())
            is Number -> out.append(value.toString())
            is Map<*, *> -> {
                out.append('{')
                value.entries.forEachIndexed { i, (k, v) ->
                    if (i > 0) out.append(',')
                    quote(k as String, out); out.append(':'); write(v, out)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                value.forEachIndexed { i, v -> if (i > 0) out.append(','); write(v, out) }
                out.append(']')
            }
            else -> error("cannot write ${value::class}")
        }
    }

    private fun quote(s: String, out: StringBuilder) {
        out.append('"')
        for (c in s) {
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c < ' ' -> out.append(String.format("\\u%04x", c.code))
                else -> out.append(c)
            }
        }
        out.append('"')
    }

    private class Reader(val s: String) {
        var at = 0

        fun skipSpace() { while (at < s.length && s[at].isWhitespace()) at++ }

        fun value(): Any? {
            skipSpace()
            require(at < s.length) { "unexpected end" }
            return when (val c = s[at]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $at")
            }
        }

        private fun word(w: String, v: Any?): Any? {
            require(s.startsWith(w, at)) { "expected $w at $at" }
            at += w.length
            return v
        }

        private fun num(): BigDecimal {
            val start = at
            while (at < s.length && (s[at].isDigit() || s[at] in "+-.eE")) at++
            return BigDecimal(s.substring(start, at))
        }

        private fun str(): String {
            val out = StringBuilder()
            at++
            while (true) {
                val c = s[at++]
                when (c) {
                    '"' -> return out.toString()
                    '\\' -> {
                        when (val e = s[at++]) {
                            'n' -> out.append('\n'); 't' -> out.append('\t'); 'r' -> out.append('\r')
                            'b' -> out.append('\b'); 'f' -> out.append('\u000c')
                            'u' -> { out.append(s.substring(at, at + 4).toInt(16).toChar()); at += 4 }
                            else -> out.append(e)
                        }
                    }
                    else -> out.append(c)
                }
            }
        }

        private fun obj(): Map<String, Any?> {
            val m = LinkedHashMap<String, Any?>()
            at++
            skipSpace()
            if (s[at] == '}') { at++; return m }
            while (true) {
                skipSpace()
                val k = str()
                skipSpace(); require(s[at++] == ':') { "expected : at $at" }
                m[k] = value()
                skipSpace()
                when (s[at++]) { ',' -> continue; '}' -> return m; else -> error("expected , or } at $at") }
            }
        }

        private fun arr(): List<Any?> {
            val l = ArrayList<Any?>()
            at++
            skipSpace()
            if (s[at] == ']') { at++; return l }
            while (true) {
                l.add(value())
                skipSpace()
                when (s[at++]) { ',' -> continue; ']' -> return l; else -> error("expected , or ] at $at") }
            }
        }
    }
}

/**
 * The scenario matching rule of scenarios/README.md: objects by the keys
 * they list, arrays by length and element (or `$contains` as an ordered
 * subsequence), decimal strings by value with the same unit, else equality.
 * Answers null on a match, else where and why it did not match.
 */
fun subset(want: Any?, got: Any?, path: String = "$"): String? {
    val mismatch = "at $path: expected ${Json.write(want)}, got ${Json.write(got)}"
    if (want is Map<*, *> && want.size == 1 && want.containsKey("\$contains")) {
        val items = want["\$contains"] as? List<*> ?: return mismatch
        val actual = got as? List<*> ?: return mismatch
        var from = 0
        for ((k, item) in items.withIndex()) {
            val found = (from until actual.size).firstOrNull { subset(item, actual[it], path) == null }
                ?: return "at $path: \$contains item $k ${Json.write(item)} not found in order"
            from = found + 1
        }
        return null
    }
    if (want is Map<*, *> && got is Map<*, *>) {
        for ((k, v) in want) {
            if (!got.containsKey(k)) return "at $path: missing key `$k`"
            subset(v, got[k], "$path.$k")?.let { return it }
        }
        return null
    }
    if (want is List<*> && got is List<*>) {
        if (want.size != got.size) return "at $path: expected ${want.size} elements, got ${got.size}"
        for (i in want.indices) subset(want[i], got[i], "$path[$i]")?.let { return it }
        return null
    }
    if (want is String && got is String && (want == got || sameDecimal(want, got))) return null
    if (want is BigDecimal && got is BigDecimal) return if (want.compareTo(got) == 0) null else mismatch
    return if (want == got) null else mismatch
}

private val plainDecimal = Regex("^-?[0-9.]+$")
private val letters = Regex("^[A-Za-z]*$")

/** `"24"` matches `"24.000"`, `"2.5 kg"` matches `"2.50 kg"`. */
fun sameDecimal(a: String, b: String): Boolean {
    fun split(s: String): Pair<BigDecimal, String>? {
        val space = s.indexOf(' ')
        val num = if (space < 0) s else s.substring(0, space)
        val suffix = if (space < 0) "" else s.substring(space + 1)
        if (!plainDecimal.matches(num) || !letters.matches(suffix)) return null
        return try { BigDecimal(num) to suffix } catch (e: NumberFormatException) { null }
    }
    val x = split(a) ?: return false
    val y = split(b) ?: return false
    return x.first.compareTo(y.first) == 0 && x.second == y.second
}
