// ValueTests: SQLite's value conversions, comparison, affinity, CAST and truth.
//
// Every expectation comes from sqlite3 3.40.1 (the query that produced it is quoted beside it),
// never from Strata's own output.

import Testing

@testable import StrataCatalog
@testable import StrataCore
@testable import StrataSQL

@Suite struct ValueConversionTests {
    // sqlite3 :memory: "select cast(1.0 as text), cast(0.1 as text), cast(1e20 as text),
    //   cast(1.5e-7 as text), cast(-0.0 as text), cast(123456789012345678.0 as text),
    //   cast(100.0 as text), cast(1e15 as text), cast(1e16 as text), cast(0.0001 as text),
    //   cast(0.00001 as text), cast(-2.5 as text), cast(3.14159265358979323846 as text),
    //   cast(1e308*10 as text), cast(-1e308*10 as text), cast(9007199254740993.0 as text),
    //   cast(1.7976931348623157e308 as text), cast(4.9e-324 as text)"
    // 1.0|0.1|1.0e+20|1.5e-07|0.0|1.23456789012346e+17|100.0|1.0e+15|1.0e+16|0.0001|1.0e-05|-2.5|
    // 3.14159265358979|Inf|-Inf|9.00719925474099e+15|1.79769313486232e+308|4.94065645841247e-324
    @Test(arguments: [
        (1.0, "1.0"), (0.1, "0.1"), (1e20, "1.0e+20"), (1.5e-7, "1.5e-07"), (-0.0, "0.0"),
        (123456789012345678.0, "1.23456789012346e+17"), (100.0, "100.0"), (1e15, "1.0e+15"),
        (1e16, "1.0e+16"), (0.0001, "0.0001"), (0.00001, "1.0e-05"), (-2.5, "-2.5"),
        (3.14159265358979323846, "3.14159265358979"), (Double.infinity, "Inf"), (-Double.infinity, "-Inf"),
        (9007199254740993.0, "9.00719925474099e+15"), (1.7976931348623157e308, "1.79769313486232e+308"),
        (Double.leastNonzeroMagnitude, "4.94065645841247e-324"),
    ])
    func realRendersAsSQLiteText(value: Double, text: String) {
        #expect(Value.real(value).textValue == text)
    }

    @Test func integersBlobsAndNullAsText() {
        #expect(Value.integer(-9_223_372_036_854_775_808).textValue == "-9223372036854775808")
        #expect(Value.blob([0x61, 0x62]).textValue == "ab")
        #expect(Value.null.textValue == "")
    }

    // sqlite3 :memory: "select cast('12abc' as integer), cast('abc' as integer), cast('1e3' as integer),
    //   cast(' 3.9' as integer), cast(x'3132' as integer), cast('9223372036854775808' as integer),
    //   cast('-9223372036854775809' as integer), cast(3.9 as integer), cast(-3.9 as integer),
    //   cast(1e30 as integer), cast(-1e30 as integer), cast(null as integer) is null,
    //   cast('  +42  ' as integer), cast('0x1F' as integer), cast(char(10)||'7' as integer)"
    // 12|0|1|3|12|9223372036854775807|-9223372036854775808|3|-3|9223372036854775807|
    // -9223372036854775808|1|42|0|7
    @Test func integerValueIsSQLiteValueInt64() {
        #expect(Value.text("12abc").integerValue == 12)
        #expect(Value.text("abc").integerValue == 0)
        #expect(Value.text("1e3").integerValue == 1)
        #expect(Value.text(" 3.9").integerValue == 3)
        #expect(Value.blob([0x31, 0x32]).integerValue == 12)
        #expect(Value.text("9223372036854775808").integerValue == .max)
        #expect(Value.text("-9223372036854775809").integerValue == .min)
        #expect(Value.real(3.9).integerValue == 3)
        #expect(Value.real(-3.9).integerValue == -3)
        #expect(Value.real(1e30).integerValue == .max)
        #expect(Value.real(-1e30).integerValue == .min)
        #expect(Value.null.integerValue == 0)
        #expect(Value.text("  +42  ").integerValue == 42)
        #expect(Value.text("0x1F").integerValue == 0)
        #expect(Value.text("\n7").integerValue == 7)
    }

    // sqlite3 :memory: "select cast('1.5e3x' as real), cast('abc' as real), cast('.5' as real),
    //   cast('1e' as real), cast(x'332e35' as real), cast(' -2.5e-3 ' as real), cast(12 as real),
    //   cast('1e400' as real), cast('-0' as real)"
    // 1500.0|0.0|0.5|1.0|3.5|-0.0025|12.0|Inf|0.0
    @Test func realValueIsSQLiteValueDouble() {
        #expect(Value.text("1.5e3x").realValue == 1500)
        #expect(Value.text("abc").realValue == 0)
        #expect(Value.text(".5").realValue == 0.5)
        #expect(Value.text("1e").realValue == 1)
        #expect(Value.blob([0x33, 0x2E, 0x35]).realValue == 3.5)
        #expect(Value.text(" -2.5e-3 ").realValue == -0.0025)
        #expect(Value.integer(12).realValue == 12)
        #expect(Value.text("1e400").realValue == .infinity)
        #expect(Value.text("-0").realValue == 0)
    }

    // Parsing and formatting agree with sqlite3 to the last bit. The table was produced by
    // sqlite3 :memory: "select printf('%!.20e', cast('<text>' as real))" for each text.
    @Test(arguments: [
        ("1234567890123456789012345.678e-5", "1.23456789012345671677e+19"),
        ("1e-320", "9.99988867182683005638e-321"),
        ("2.2250738585072014e-308", "2.22507385850720138345e-308"),
        ("1.7976931348623159e308", "Inf"),
        ("9.999999999999999e22", "9.99999999999999916126e+22"),
        ("0.99999999999999999", "1.0e+00"),
        ("3.14159265358979323846", "3.14159265358979311599e+00"),
        ("123456.7", "1.23456699999999997094e+05"),
        ("+1371E171", "1.37099999999999988173e+174"),
    ])
    func textToRealMatchesSQLiteBitForBit(text: String, rendered: String) {
        var out: [UInt8] = []
        SQLiteRealFormatter.format(
            Value.text(text).realValue, style: .exponent, precision: 20, alternateForm2: true, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == rendered)
    }
}
