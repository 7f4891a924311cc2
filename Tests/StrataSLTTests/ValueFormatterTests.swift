// Value formatting per type letter, as slt_sqlite.c prints it. The "%.3f" expectations are
// SQLite's printf (3.40.1 agrees on all but the rounding at 16 digits; see ValueFormatter.real).

import Strata
import Testing

@testable import StrataSLT

@Suite struct ValueFormatterTests {
    @Test func nullPrintsNULLForEveryType() {
        for type in [ColumnType.integer, .real, .text] {
            #expect(ValueFormatter.format(.null, as: type) == "NULL")
        }
    }

    @Test func integerColumn() {
        #expect(ValueFormatter.format(.integer(42), as: .integer) == "42")
        #expect(ValueFormatter.format(.integer(-9_223_372_036_854_775_808), as: .integer) == "-9223372036854775808")
        // sqlite3_column_int64 of other classes: reals truncate, text parses its integer prefix.
        #expect(ValueFormatter.format(.real(3.9), as: .integer) == "3")
        #expect(ValueFormatter.format(.real(-3.9), as: .integer) == "-3")
        #expect(ValueFormatter.format(.real(1e30), as: .integer) == "9223372036854775807")
        #expect(ValueFormatter.format(.text("12abc"), as: .integer) == "12")
        #expect(ValueFormatter.format(.text("abc"), as: .integer) == "0")
        #expect(ValueFormatter.format(.text(""), as: .integer) == "0")
        #expect(ValueFormatter.format(.blob(Array("7".utf8)), as: .integer) == "7")
    }

    @Test func realColumn() {
        #expect(ValueFormatter.format(.real(1.5), as: .real) == "1.500")
        #expect(ValueFormatter.format(.integer(7), as: .real) == "7.000")
        #expect(ValueFormatter.format(.integer(-7), as: .real) == "-7.000")
        #expect(ValueFormatter.format(.text("2.25xyz"), as: .real) == "2.250")
        #expect(ValueFormatter.format(.text("abc"), as: .real) == "0.000")
    }

    /// SQLite's printf, not glibc's: half up on the decimal digits, 16 significant at most.
    @Test(arguments: [
        (0.0, "0.000"),
        (-0.0, "0.000"),
        (0.0625, "0.063"),  // glibc: 0.062 (ties to even on the exact binary value)
        (0.1875, "0.188"),
        (-0.0625, "-0.063"),
        (2.0 / 3.0, "0.667"),
        (0.0005, "0.001"),
        (0.00049, "0.000"),
        (-0.0001, "-0.000"),
        (0.9995, "1.000"),  // 0.99950000000000005507 rounds up into the next integer digit
        (9.9999, "10.000"),
        (123.456, "123.456"),
        (1e-300, "0.000"),
        (1e20, "100000000000000000000.000"),
        (123456789012345678.0, "123456789012345700.000"),  // glibc: ...680.000
        (-9223372036854775808.0, "-9223372036854776000.000"),  // the corpus (slt_lang_aggfunc.test:484)
        (-18446744073709551616.0, "-18446744073709550000.000"),  // the corpus (slt_lang_aggfunc.test:490)
        (Double.infinity, "Inf"),
        (-Double.infinity, "-Inf"),
    ])
    func realDigits(value: Double, text: String) {
        #expect(ValueFormatter.real(value) == text)
    }

    @Test func hugeRealPrintsEveryIntegerDigit() {
        let text = ValueFormatter.real(1e300)
        #expect(text == "1" + String(repeating: "0", count: 300) + ".000")
    }

    @Test func textColumn() {
        #expect(ValueFormatter.format(.text("hello world"), as: .text) == "hello world")
        #expect(ValueFormatter.format(.text(""), as: .text) == "(empty)")
        #expect(ValueFormatter.format(.integer(-12), as: .text) == "-12")
        // sqlite3_column_text of a real is "%!.15g".
        #expect(ValueFormatter.format(.real(1.0), as: .text) == "1.0")
        #expect(ValueFormatter.format(.real(0.1), as: .text) == "0.1")
    }

    @Test func unprintableBytesBecomeAtSigns() {
        #expect(ValueFormatter.format(.text("a\tb\nc"), as: .text) == "a@b@c")
        #expect(ValueFormatter.format(.text("\u{7f}"), as: .text) == "@")
        // One '@' per UTF-8 byte, as the reference scans bytes: "é" is two bytes, "€" three.
        #expect(ValueFormatter.format(.text("café"), as: .text) == "caf@@")
        #expect(ValueFormatter.format(.text("€1"), as: .text) == "@@@1")
        // Printable ASCII at both ends of the range stays.
        #expect(ValueFormatter.format(.text(" ~"), as: .text) == " ~")
    }

    @Test func textEndsAtNULAsACString() {
        #expect(ValueFormatter.format(.text("ab\u{0}cd"), as: .text) == "ab")
        #expect(ValueFormatter.format(.text("\u{0}cd"), as: .text) == "(empty)")
    }

    @Test func blobAsTextIsItsBytes() {
        #expect(ValueFormatter.format(.blob(Array("xyz".utf8)), as: .text) == "xyz")
        #expect(ValueFormatter.format(.blob([]), as: .text) == "(empty)")
        #expect(ValueFormatter.format(.blob([0x41, 0xff, 0x42]), as: .text) == "A@B")
        #expect(ValueFormatter.format(.blob([0x41, 0x00, 0x42]), as: .text) == "A")
    }
}
