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

/// Lines of `affinityCases`: what sqlite3 3.40.1 printed, one line per query.
///   store TYPE LIT EXPECTED    create table t(c TYPE); insert into t values(LIT);
///                              select typeof(c)||':'||quote(c) from t
///   cmp A LA OP B LB EXPECTED  A, B column types ('-': the literal itself, no affinity):
///                              create table c(a A, b B); insert into c values(LA, LB);
///                              select quote(a OP b) from c    (or a OP LB, or LA OP LB)
///   truth LIT EXPECTED         select quote(case when LIT then 1 when not LIT then 0 else NULL end)
/// All 14,203 lines of the generated table agreed; the comparisons kept here are a 10% sample.
@Suite struct AffinityTests {
    @Test func storeCompareAndTruthMatchSQLite() throws {
        var failures: [String] = []
        var count = 0
        for line in affinityCases.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            count += 1
            switch f[0] {
            case "store":
                let v = try CaseExpression.value(f[2]).applyingAffinity(Affinity(declaredType: f[1]))
                let actual = v.typeName + ":" + ScalarFunctions.quote(v)
                if actual != f[3] { failures.append("\(line): got \(actual)") }
            case "cmp":
                let left = f[1] == "-" ? nil : Affinity(declaredType: f[1])
                let right = f[4] == "-" ? nil : Affinity(declaredType: f[4])
                var a = try CaseExpression.value(f[2])
                var b = try CaseExpression.value(f[5])
                if let left { a = a.applyingAffinity(left) }
                if let right { b = b.applyingAffinity(right) }
                let affinity = Affinity.comparisonAffinity(left: left, right: right)
                a = a.applyingComparisonAffinity(affinity)
                b = b.applyingComparisonAffinity(affinity)
                let c = sqlCompare(a, b)
                let result = c.map { (f[3] == "=" ? $0 == 0 : $0 < 0) ? "1" : "0" } ?? "NULL"
                if result != f[6] { failures.append("\(line): got \(result)") }
            default:
                let t = try CaseExpression.value(f[1]).isTrue
                let result = t.map { $0 ? "1" : "0" } ?? "NULL"
                if result != f[2] { failures.append("\(line): got \(result)") }
            }
        }
        #expect(count > 500)
        if !failures.isEmpty {
            Issue.record("\(failures.count) of \(count) differ:\n\(failures.prefix(60).joined(separator: "\n"))")
        }
    }

    // sqlite3 :memory: "select 1 < 1.5, 9223372036854775807 < 9223372036854775808.0,
    //   9223372036854775807 = 9223372036854775807.0, 9007199254740993 > 9007199254740992.0, 'a' < 'b',
    //   'B' < 'a', 'a' = 'A' collate nocase, '_' < 'a' collate nocase, 'abc ' = 'abc' collate rtrim,
    //   'abc' < x'00', 1 < '0', null < 1, ..., 'ab' < 'abc', 'a' collate nocase < 'B', x'00' < x'0000',
    //   -0.0 = 0, 'a ' < 'a' collate rtrim, 'a\t' < 'a ' collate rtrim"
    // 1|1|0|1|1|1|1|1|1|1|1||...|1|1|1|1|0|0
    @Test func ordering() {
        #expect(compareValues(.integer(1), .real(1.5)) < 0)
        #expect(compareValues(.integer(.max), .real(9223372036854775808.0)) < 0)
        #expect(compareValues(.integer(.max), .real(9223372036854775807.0)) != 0)
        #expect(compareValues(.integer(9_007_199_254_740_993), .real(9007199254740992.0)) > 0)
        #expect(compareValues(.text("a"), .text("b")) < 0)
        #expect(compareValues(.text("B"), .text("a")) < 0)
        #expect(compareValues(.text("a"), .text("A"), collation: .nocase) == 0)
        #expect(compareValues(.text("_"), .text("a"), collation: .nocase) < 0)
        #expect(compareValues(.text("abc "), .text("abc"), collation: .rtrim) == 0)
        #expect(compareValues(.text("abc"), .blob([0])) < 0)
        #expect(compareValues(.integer(1), .text("0")) < 0)
        #expect(sqlCompare(.null, .integer(1)) == nil)
        #expect(compareValues(.text("ab"), .text("abc")) < 0)
        #expect(compareValues(.text("a"), .text("B"), collation: .nocase) < 0)
        #expect(compareValues(.blob([0]), .blob([0, 0])) < 0)
        #expect(compareValues(.real(-0.0), .integer(0)) == 0)
        #expect(compareValues(.text("a "), .text("a"), collation: .rtrim) == 0)
        #expect(compareValues(.text("a\t"), .text("a "), collation: .rtrim) > 0)
        #expect(compareValues(.null, .null) == 0 && isSame(.null, .null) && !isSame(.null, .integer(0)))
    }

    @Test func comparisonAffinityRule() {
        #expect(Affinity.comparisonAffinity(left: .integer, right: nil) == .integer)
        #expect(Affinity.comparisonAffinity(left: .text, right: .integer) == .numeric)
        #expect(Affinity.comparisonAffinity(left: .text, right: .blob) == nil)
        #expect(Affinity.comparisonAffinity(left: nil, right: .text) == .text)
        #expect(Affinity.comparisonAffinity(left: .blob, right: nil) == nil)
        #expect(Affinity.comparisonAffinity(left: nil, right: nil) == nil)
    }
}

// swift-format-ignore
private let affinityCases = #"""
store	INTEGER	NULL	null:NULL
store	INTEGER	0	integer:0
store	INTEGER	1	integer:1
store	INTEGER	-1	integer:-1
store	INTEGER	5.0	integer:5
store	INTEGER	-0.0	integer:0
store	INTEGER	1.5	real:1.5
store	INTEGER	1e18	integer:1000000000000000000
store	INTEGER	1e20	real:1.0e+20
store	INTEGER	9223372036854775807	integer:9223372036854775807
store	INTEGER	-9223372036854775808	integer:-9223372036854775808
store	INTEGER	9.3e18	real:9.3e+18
store	INTEGER	'5'	integer:5
store	INTEGER	' 12 '	integer:12
store	INTEGER	'1e5'	integer:100000
store	INTEGER	'0x10'	text:'0x10'
store	INTEGER	'12abc'	text:'12abc'
store	INTEGER	'abc'	text:'abc'
store	INTEGER	''	text:''
store	INTEGER	'1.0'	integer:1
store	INTEGER	'-0'	integer:0
store	INTEGER	'1e-400'	integer:0
store	INTEGER	'1e400'	real:Inf
store	INTEGER	'9223372036854775807'	integer:9223372036854775807
store	INTEGER	'9223372036854775808'	real:9.2233720368547758078e+18
store	INTEGER	'  -7.00  '	integer:-7
store	INTEGER	'1.5e3'	integer:1500
store	INTEGER	'00012'	integer:12
store	INTEGER	'1e16'	integer:10000000000000000
store	INTEGER	'.5'	real:0.5
store	INTEGER	'5.'	integer:5
store	INTEGER	'1e'	text:'1e'
store	INTEGER	'3.9'	real:3.9
store	INTEGER	x'3132'	blob:X'3132'
store	INTEGER	x''	blob:X''
store	INTEGER	'héllo'	text:'héllo'
store	INTEGER	'4503599627370497'	integer:4503599627370497
store	INTEGER	'2251799813685248.0'	integer:2251799813685248
store	INTEGER	'-2251799813685248.0'	integer:-2251799813685248
store	INTEGER	1e-7	real:1.0e-07
store	INTEGER	123456789012345678.0	integer:123456789012345680
store	TEXT	NULL	null:NULL
store	TEXT	0	text:'0'
store	TEXT	1	text:'1'
store	TEXT	-1	text:'-1'
store	TEXT	5.0	text:'5.0'
store	TEXT	-0.0	text:'0.0'
store	TEXT	1.5	text:'1.5'
store	TEXT	1e18	text:'1.0e+18'
store	TEXT	1e20	text:'1.0e+20'
store	TEXT	9223372036854775807	text:'9223372036854775807'
store	TEXT	-9223372036854775808	text:'-9223372036854775808'
store	TEXT	9.3e18	text:'9.3e+18'
store	TEXT	'5'	text:'5'
store	TEXT	' 12 '	text:' 12 '
store	TEXT	'1e5'	text:'1e5'
store	TEXT	'0x10'	text:'0x10'
store	TEXT	'12abc'	text:'12abc'
store	TEXT	'abc'	text:'abc'
store	TEXT	''	text:''
store	TEXT	'1.0'	text:'1.0'
store	TEXT	'-0'	text:'-0'
store	TEXT	'1e-400'	text:'1e-400'
store	TEXT	'1e400'	text:'1e400'
store	TEXT	'9223372036854775807'	text:'9223372036854775807'
store	TEXT	'9223372036854775808'	text:'9223372036854775808'
store	TEXT	'  -7.00  '	text:'  -7.00  '
store	TEXT	'1.5e3'	text:'1.5e3'
store	TEXT	'00012'	text:'00012'
store	TEXT	'1e16'	text:'1e16'
store	TEXT	'.5'	text:'.5'
store	TEXT	'5.'	text:'5.'
store	TEXT	'1e'	text:'1e'
store	TEXT	'3.9'	text:'3.9'
store	TEXT	x'3132'	blob:X'3132'
store	TEXT	x''	blob:X''
store	TEXT	'héllo'	text:'héllo'
store	TEXT	'4503599627370497'	text:'4503599627370497'
store	TEXT	'2251799813685248.0'	text:'2251799813685248.0'
store	TEXT	'-2251799813685248.0'	text:'-2251799813685248.0'
store	TEXT	1e-7	text:'1.0e-07'
store	TEXT	123456789012345678.0	text:'1.23456789012346e+17'
store	BLOB	NULL	null:NULL
store	BLOB	0	integer:0
store	BLOB	1	integer:1
store	BLOB	-1	integer:-1
store	BLOB	5.0	real:5.0
store	BLOB	-0.0	real:0.0
store	BLOB	1.5	real:1.5
store	BLOB	1e18	real:1.0e+18
store	BLOB	1e20	real:1.0e+20
store	BLOB	9223372036854775807	integer:9223372036854775807
store	BLOB	-9223372036854775808	integer:-9223372036854775808
store	BLOB	9.3e18	real:9.3e+18
store	BLOB	'5'	text:'5'
store	BLOB	' 12 '	text:' 12 '
store	BLOB	'1e5'	text:'1e5'
store	BLOB	'0x10'	text:'0x10'
store	BLOB	'12abc'	text:'12abc'
store	BLOB	'abc'	text:'abc'
store	BLOB	''	text:''
store	BLOB	'1.0'	text:'1.0'
store	BLOB	'-0'	text:'-0'
store	BLOB	'1e-400'	text:'1e-400'
store	BLOB	'1e400'	text:'1e400'
store	BLOB	'9223372036854775807'	text:'9223372036854775807'
store	BLOB	'9223372036854775808'	text:'9223372036854775808'
store	BLOB	'  -7.00  '	text:'  -7.00  '
store	BLOB	'1.5e3'	text:'1.5e3'
store	BLOB	'00012'	text:'00012'
store	BLOB	'1e16'	text:'1e16'
store	BLOB	'.5'	text:'.5'
store	BLOB	'5.'	text:'5.'
store	BLOB	'1e'	text:'1e'
store	BLOB	'3.9'	text:'3.9'
store	BLOB	x'3132'	blob:X'3132'
store	BLOB	x''	blob:X''
store	BLOB	'héllo'	text:'héllo'
store	BLOB	'4503599627370497'	text:'4503599627370497'
store	BLOB	'2251799813685248.0'	text:'2251799813685248.0'
store	BLOB	'-2251799813685248.0'	text:'-2251799813685248.0'
store	BLOB	1e-7	real:1.0e-07
store	BLOB	123456789012345678.0	real:1.23456789012345680004e+17
store	REAL	NULL	null:NULL
store	REAL	0	real:0.0
store	REAL	1	real:1.0
store	REAL	-1	real:-1.0
store	REAL	5.0	real:5.0
store	REAL	-0.0	real:0.0
store	REAL	1.5	real:1.5
store	REAL	1e18	real:1.0e+18
store	REAL	1e20	real:1.0e+20
store	REAL	9223372036854775807	real:9.2233720368547758078e+18
store	REAL	-9223372036854775808	real:-9.2233720368547758078e+18
store	REAL	9.3e18	real:9.3e+18
store	REAL	'5'	real:5.0
store	REAL	' 12 '	real:12.0
store	REAL	'1e5'	real:100000.0
store	REAL	'0x10'	text:'0x10'
store	REAL	'12abc'	text:'12abc'
store	REAL	'abc'	text:'abc'
store	REAL	''	text:''
store	REAL	'1.0'	real:1.0
store	REAL	'-0'	real:0.0
store	REAL	'1e-400'	real:0.0
store	REAL	'1e400'	real:Inf
store	REAL	'9223372036854775807'	real:9.2233720368547758078e+18
store	REAL	'9223372036854775808'	real:9.2233720368547758078e+18
store	REAL	'  -7.00  '	real:-7.0
store	REAL	'1.5e3'	real:1500.0
store	REAL	'00012'	real:12.0
store	REAL	'1e16'	real:1.0e+16
store	REAL	'.5'	real:0.5
store	REAL	'5.'	real:5.0
store	REAL	'1e'	text:'1e'
store	REAL	'3.9'	real:3.9
store	REAL	x'3132'	blob:X'3132'
store	REAL	x''	blob:X''
store	REAL	'héllo'	text:'héllo'
store	REAL	'4503599627370497'	real:4.50359962737049700004e+15
store	REAL	'2251799813685248.0'	real:2.25179981368524799998e+15
store	REAL	'-2251799813685248.0'	real:-2.25179981368524799998e+15
store	REAL	1e-7	real:1.0e-07
store	REAL	123456789012345678.0	real:1.23456789012345680004e+17
store	NUMERIC	NULL	null:NULL
store	NUMERIC	0	integer:0
store	NUMERIC	1	integer:1
store	NUMERIC	-1	integer:-1
store	NUMERIC	5.0	integer:5
store	NUMERIC	-0.0	integer:0
store	NUMERIC	1.5	real:1.5
store	NUMERIC	1e18	integer:1000000000000000000
store	NUMERIC	1e20	real:1.0e+20
store	NUMERIC	9223372036854775807	integer:9223372036854775807
store	NUMERIC	-9223372036854775808	integer:-9223372036854775808
store	NUMERIC	9.3e18	real:9.3e+18
store	NUMERIC	'5'	integer:5
store	NUMERIC	' 12 '	integer:12
store	NUMERIC	'1e5'	integer:100000
store	NUMERIC	'0x10'	text:'0x10'
store	NUMERIC	'12abc'	text:'12abc'
store	NUMERIC	'abc'	text:'abc'
store	NUMERIC	''	text:''
store	NUMERIC	'1.0'	integer:1
store	NUMERIC	'-0'	integer:0
store	NUMERIC	'1e-400'	integer:0
store	NUMERIC	'1e400'	real:Inf
store	NUMERIC	'9223372036854775807'	integer:9223372036854775807
store	NUMERIC	'9223372036854775808'	real:9.2233720368547758078e+18
store	NUMERIC	'  -7.00  '	integer:-7
store	NUMERIC	'1.5e3'	integer:1500
store	NUMERIC	'00012'	integer:12
store	NUMERIC	'1e16'	integer:10000000000000000
store	NUMERIC	'.5'	real:0.5
store	NUMERIC	'5.'	integer:5
store	NUMERIC	'1e'	text:'1e'
store	NUMERIC	'3.9'	real:3.9
store	NUMERIC	x'3132'	blob:X'3132'
store	NUMERIC	x''	blob:X''
store	NUMERIC	'héllo'	text:'héllo'
store	NUMERIC	'4503599627370497'	integer:4503599627370497
store	NUMERIC	'2251799813685248.0'	integer:2251799813685248
store	NUMERIC	'-2251799813685248.0'	integer:-2251799813685248
store	NUMERIC	1e-7	real:1.0e-07
store	NUMERIC	123456789012345678.0	integer:123456789012345680
cmp	INTEGER	NULL	=	INTEGER	1.5	NULL
cmp	INTEGER	NULL	=	INTEGER	'1abc'	NULL
cmp	INTEGER	NULL	=	INTEGER	'9'	NULL
cmp	INTEGER	1	<	INTEGER	'abc'	1
cmp	INTEGER	1	=	INTEGER	x'31'	0
cmp	INTEGER	1	<	INTEGER	'9'	1
cmp	INTEGER	1	<	INTEGER	9	1
cmp	INTEGER	1.0	=	INTEGER	1	1
cmp	INTEGER	1.0	=	INTEGER	1.5	0
cmp	INTEGER	1.0	<	INTEGER	1.5	1
cmp	INTEGER	1.0	=	INTEGER	10	0
cmp	INTEGER	1.0	=	INTEGER	'10'	0
cmp	INTEGER	1.5	=	INTEGER	1.0	0
cmp	INTEGER	1.5	<	INTEGER	'1'	0
cmp	INTEGER	1.5	=	INTEGER	x'31'	0
cmp	INTEGER	1.5	=	INTEGER	'01'	0
cmp	INTEGER	'1'	=	INTEGER	'01'	1
cmp	INTEGER	'1.0'	=	INTEGER	'1.0'	1
cmp	INTEGER	' 1 '	=	INTEGER	'1abc'	0
cmp	INTEGER	' 1 '	<	INTEGER	10	1
cmp	INTEGER	' 1 '	=	INTEGER	'9'	0
cmp	INTEGER	'abc'	<	INTEGER	NULL	NULL
cmp	INTEGER	'abc'	=	INTEGER	'1'	0
cmp	INTEGER	'abc'	<	INTEGER	'abc'	0
cmp	INTEGER	'abc'	<	INTEGER	'1abc'	0
cmp	INTEGER	'1abc'	<	INTEGER	1.0	0
cmp	INTEGER	x'31'	=	INTEGER	1.5	0
cmp	INTEGER	'01'	=	INTEGER	1	1
cmp	INTEGER	'01'	=	INTEGER	'1'	1
cmp	INTEGER	'01'	=	INTEGER	10	0
cmp	INTEGER	10	<	INTEGER	1.5	0
cmp	INTEGER	10	=	INTEGER	' 1 '	0
cmp	INTEGER	10	<	INTEGER	'1abc'	1
cmp	INTEGER	'10'	<	INTEGER	NULL	NULL
cmp	INTEGER	'10'	=	INTEGER	1.0	0
cmp	INTEGER	'10'	<	INTEGER	1.0	0
cmp	INTEGER	'10'	=	INTEGER	'1abc'	0
cmp	INTEGER	'9'	=	INTEGER	1.5	0
cmp	INTEGER	'9'	=	INTEGER	'1'	0
cmp	INTEGER	'9'	=	INTEGER	'1abc'	0
cmp	INTEGER	'9'	=	INTEGER	x'31'	0
cmp	INTEGER	9	=	INTEGER	'1abc'	0
cmp	INTEGER	9	<	INTEGER	'1abc'	1
cmp	INTEGER	9	<	INTEGER	x'31'	1
cmp	INTEGER	9	<	INTEGER	10	1
cmp	INTEGER	9	<	INTEGER	9	0
cmp	INTEGER	NULL	=	TEXT	' 1 '	NULL
cmp	INTEGER	NULL	<	TEXT	'9'	NULL
cmp	INTEGER	NULL	<	TEXT	9	NULL
cmp	INTEGER	1	<	TEXT	'abc'	1
cmp	INTEGER	1	=	TEXT	'1abc'	0
cmp	INTEGER	1	<	TEXT	x'31'	1
cmp	INTEGER	1	=	TEXT	'10'	0
cmp	INTEGER	1	<	TEXT	'10'	1
cmp	INTEGER	1	<	TEXT	9	1
cmp	INTEGER	1.0	<	TEXT	NULL	NULL
cmp	INTEGER	1.0	<	TEXT	1	0
cmp	INTEGER	1.0	<	TEXT	1.5	1
cmp	INTEGER	1.0	=	TEXT	'1'	1
cmp	INTEGER	1.0	=	TEXT	'abc'	0
cmp	INTEGER	1.0	=	TEXT	10	0
cmp	INTEGER	1.5	=	TEXT	1.5	1
cmp	INTEGER	1.5	<	TEXT	'1.0'	0
cmp	INTEGER	1.5	<	TEXT	' 1 '	0
cmp	INTEGER	1.5	<	TEXT	'1abc'	1
cmp	INTEGER	1.5	<	TEXT	x'31'	1
cmp	INTEGER	1.5	<	TEXT	10	1
cmp	INTEGER	'1'	=	TEXT	' 1 '	1
cmp	INTEGER	'1'	<	TEXT	'1abc'	1
cmp	INTEGER	'1'	=	TEXT	'01'	1
cmp	INTEGER	'1'	<	TEXT	'01'	0
cmp	INTEGER	'1.0'	<	TEXT	NULL	NULL
cmp	INTEGER	'1.0'	<	TEXT	1.0	0
cmp	INTEGER	'1.0'	=	TEXT	'9'	0
cmp	INTEGER	'1.0'	=	TEXT	9	0
cmp	INTEGER	' 1 '	=	TEXT	'01'	1
cmp	INTEGER	' 1 '	=	TEXT	10	0
cmp	INTEGER	'abc'	<	TEXT	1	0
cmp	INTEGER	'abc'	<	TEXT	'1'	0
cmp	INTEGER	'abc'	<	TEXT	'9'	0
cmp	INTEGER	'abc'	=	TEXT	9	0
cmp	INTEGER	'1abc'	<	TEXT	1.5	0
cmp	INTEGER	'1abc'	<	TEXT	10	0
cmp	INTEGER	x'31'	=	TEXT	'1abc'	0
cmp	INTEGER	'01'	=	TEXT	NULL	NULL
cmp	INTEGER	'01'	=	TEXT	'1.0'	1
cmp	INTEGER	'01'	<	TEXT	'10'	1
cmp	INTEGER	10	=	TEXT	'1.0'	0
cmp	INTEGER	10	=	TEXT	'1abc'	0
cmp	INTEGER	10	<	TEXT	'9'	0
cmp	INTEGER	'10'	=	TEXT	'1abc'	0
cmp	INTEGER	'10'	=	TEXT	'01'	0
cmp	INTEGER	'10'	=	TEXT	10	1
cmp	INTEGER	'10'	=	TEXT	9	0
cmp	INTEGER	'9'	<	TEXT	NULL	NULL
cmp	INTEGER	'9'	=	TEXT	1.0	0
cmp	INTEGER	'9'	<	TEXT	'1'	0
cmp	INTEGER	'9'	=	TEXT	'abc'	0
cmp	INTEGER	'9'	<	TEXT	x'31'	1
cmp	INTEGER	'9'	<	TEXT	'9'	0
cmp	INTEGER	'9'	=	TEXT	9	1
cmp	INTEGER	9	=	TEXT	10	0
cmp	INTEGER	9	<	TEXT	'9'	0
cmp	INTEGER	NULL	<	BLOB	1.0	NULL
cmp	INTEGER	NULL	=	BLOB	'1abc'	NULL
cmp	INTEGER	1	=	BLOB	1	1
cmp	INTEGER	1	=	BLOB	'1'	1
cmp	INTEGER	1	=	BLOB	'1.0'	1
cmp	INTEGER	1	<	BLOB	' 1 '	0
cmp	INTEGER	1	<	BLOB	'9'	1
cmp	INTEGER	1.0	=	BLOB	' 1 '	1
cmp	INTEGER	1.0	<	BLOB	' 1 '	0
cmp	INTEGER	1.5	<	BLOB	1	0
cmp	INTEGER	1.5	=	BLOB	1.5	1
cmp	INTEGER	1.5	<	BLOB	1.5	0
cmp	INTEGER	1.5	<	BLOB	'1.0'	0
cmp	INTEGER	1.5	=	BLOB	'01'	0
cmp	INTEGER	1.5	=	BLOB	10	0
cmp	INTEGER	1.5	<	BLOB	10	1
cmp	INTEGER	1.5	=	BLOB	9	0
cmp	INTEGER	'1'	<	BLOB	1.0	0
cmp	INTEGER	'1'	<	BLOB	'abc'	1
cmp	INTEGER	'1'	<	BLOB	'1abc'	1
cmp	INTEGER	'1.0'	=	BLOB	'10'	0
cmp	INTEGER	' 1 '	=	BLOB	1	1
cmp	INTEGER	' 1 '	<	BLOB	1	0
cmp	INTEGER	' 1 '	<	BLOB	1.5	1
cmp	INTEGER	' 1 '	<	BLOB	'1abc'	1
cmp	INTEGER	' 1 '	<	BLOB	9	1
cmp	INTEGER	'abc'	<	BLOB	'1abc'	0
cmp	INTEGER	'1abc'	=	BLOB	'1'	0
cmp	INTEGER	'1abc'	=	BLOB	x'31'	0
cmp	INTEGER	x'31'	<	BLOB	'1'	0
cmp	INTEGER	x'31'	<	BLOB	'10'	0
cmp	INTEGER	x'31'	<	BLOB	9	0
cmp	INTEGER	'01'	<	BLOB	' 1 '	0
cmp	INTEGER	'01'	=	BLOB	'9'	0
cmp	INTEGER	10	=	BLOB	NULL	NULL
cmp	INTEGER	10	<	BLOB	NULL	NULL
cmp	INTEGER	10	<	BLOB	'1'	0
cmp	INTEGER	10	=	BLOB	x'31'	0
cmp	INTEGER	10	=	BLOB	10	1
cmp	INTEGER	10	=	BLOB	'9'	0
cmp	INTEGER	10	=	BLOB	9	0
cmp	INTEGER	'10'	<	BLOB	'1.0'	0
cmp	INTEGER	'9'	=	BLOB	1.5	0
cmp	INTEGER	'9'	<	BLOB	'1.0'	0
cmp	INTEGER	'9'	<	BLOB	'abc'	1
cmp	INTEGER	'9'	<	BLOB	'01'	0
cmp	INTEGER	'9'	<	BLOB	10	1
cmp	INTEGER	'9'	=	BLOB	'10'	0
cmp	INTEGER	9	=	BLOB	'1.0'	0
cmp	INTEGER	9	<	BLOB	'abc'	1
cmp	INTEGER	9	<	BLOB	'10'	1
cmp	INTEGER	9	<	BLOB	9	0
cmp	INTEGER	NULL	=	REAL	1.5	NULL
cmp	INTEGER	NULL	=	REAL	'1.0'	NULL
cmp	INTEGER	NULL	=	REAL	'abc'	NULL
cmp	INTEGER	NULL	<	REAL	'1abc'	NULL
cmp	INTEGER	NULL	=	REAL	10	NULL
cmp	INTEGER	NULL	=	REAL	9	NULL
cmp	INTEGER	1	<	REAL	10	1
cmp	INTEGER	1	<	REAL	'9'	1
cmp	INTEGER	1	=	REAL	9	0
cmp	INTEGER	1.0	=	REAL	1	1
cmp	INTEGER	1.5	=	REAL	'1.0'	0
cmp	INTEGER	1.5	=	REAL	'10'	0
cmp	INTEGER	1.5	=	REAL	9	0
cmp	INTEGER	'1'	=	REAL	1.0	1
cmp	INTEGER	'1'	=	REAL	'1.0'	1
cmp	INTEGER	'1'	=	REAL	'01'	1
cmp	INTEGER	'1'	=	REAL	'10'	0
cmp	INTEGER	'1.0'	<	REAL	1.0	0
cmp	INTEGER	'1.0'	<	REAL	'1'	0
cmp	INTEGER	'1.0'	<	REAL	'10'	1
cmp	INTEGER	'1.0'	=	REAL	9	0
cmp	INTEGER	' 1 '	=	REAL	'1abc'	0
cmp	INTEGER	' 1 '	=	REAL	'01'	1
cmp	INTEGER	'abc'	<	REAL	'1.0'	0
cmp	INTEGER	'abc'	=	REAL	'abc'	1
cmp	INTEGER	'abc'	<	REAL	x'31'	1
cmp	INTEGER	'abc'	<	REAL	10	0
cmp	INTEGER	'1abc'	<	REAL	'1'	0
cmp	INTEGER	'1abc'	<	REAL	'10'	0
cmp	INTEGER	x'31'	=	REAL	'1.0'	0
cmp	INTEGER	x'31'	<	REAL	10	0
cmp	INTEGER	'01'	=	REAL	'1.0'	1
cmp	INTEGER	'01'	=	REAL	'abc'	0
cmp	INTEGER	'01'	=	REAL	9	0
cmp	INTEGER	10	<	REAL	'01'	0
cmp	INTEGER	10	=	REAL	'10'	1
cmp	INTEGER	'10'	=	REAL	NULL	NULL
cmp	INTEGER	'10'	<	REAL	'1'	0
cmp	INTEGER	'9'	=	REAL	NULL	NULL
cmp	INTEGER	'9'	<	REAL	1	0
cmp	INTEGER	'9'	=	REAL	' 1 '	0
cmp	INTEGER	'9'	<	REAL	' 1 '	0
cmp	INTEGER	'9'	=	REAL	x'31'	0
cmp	INTEGER	'9'	=	REAL	10	0
cmp	INTEGER	'9'	=	REAL	9	1
cmp	INTEGER	9	=	REAL	x'31'	0
cmp	INTEGER	9	<	REAL	10	1
cmp	INTEGER	NULL	=	NUMERIC	1.5	NULL
cmp	INTEGER	NULL	=	NUMERIC	'1'	NULL
cmp	INTEGER	NULL	<	NUMERIC	x'31'	NULL
cmp	INTEGER	1	=	NUMERIC	NULL	NULL
cmp	INTEGER	1	<	NUMERIC	10	1
cmp	INTEGER	1	<	NUMERIC	'9'	1
cmp	INTEGER	1	=	NUMERIC	9	0
cmp	INTEGER	1.0	=	NUMERIC	9	0
cmp	INTEGER	'1'	=	NUMERIC	1.0	1
cmp	INTEGER	'1'	=	NUMERIC	'9'	0
cmp	INTEGER	'1.0'	<	NUMERIC	'1'	0
cmp	INTEGER	'1.0'	<	NUMERIC	'10'	1
cmp	INTEGER	' 1 '	<	NUMERIC	'01'	0
cmp	INTEGER	' 1 '	=	NUMERIC	10	0
cmp	INTEGER	' 1 '	=	NUMERIC	'9'	0
cmp	INTEGER	'abc'	<	NUMERIC	1.5	0
cmp	INTEGER	'abc'	<	NUMERIC	'1.0'	0
cmp	INTEGER	x'31'	<	NUMERIC	1.0	0
cmp	INTEGER	x'31'	<	NUMERIC	'10'	0
cmp	INTEGER	'01'	=	NUMERIC	NULL	NULL
cmp	INTEGER	'01'	<	NUMERIC	'01'	0
cmp	INTEGER	'01'	=	NUMERIC	10	0
cmp	INTEGER	10	<	NUMERIC	x'31'	1
cmp	INTEGER	'10'	<	NUMERIC	1.0	0
cmp	INTEGER	'9'	=	NUMERIC	'abc'	0
cmp	INTEGER	9	=	NUMERIC	1	0
cmp	INTEGER	9	=	NUMERIC	1.5	0
cmp	INTEGER	9	<	NUMERIC	'abc'	1
cmp	INTEGER	NULL	<	-	' 1 '	NULL
cmp	INTEGER	1.0	=	-	'10'	0
cmp	INTEGER	1.5	<	-	NULL	NULL
cmp	INTEGER	1.5	<	-	'1'	0
cmp	INTEGER	1.5	=	-	' 1 '	0
cmp	INTEGER	'1'	=	-	9	0
cmp	INTEGER	'1.0'	<	-	'01'	0
cmp	INTEGER	' 1 '	<	-	1	0
cmp	INTEGER	' 1 '	=	-	1.5	0
cmp	INTEGER	' 1 '	<	-	1.5	1
cmp	INTEGER	' 1 '	<	-	'9'	1
cmp	INTEGER	'abc'	=	-	'1'	0
cmp	INTEGER	'abc'	=	-	'abc'	1
cmp	INTEGER	'abc'	=	-	'1abc'	0
cmp	INTEGER	'abc'	=	-	10	0
cmp	INTEGER	'abc'	=	-	'10'	0
cmp	INTEGER	'1abc'	<	-	'10'	0
cmp	INTEGER	x'31'	=	-	'abc'	0
cmp	INTEGER	'01'	=	-	1.0	1
cmp	INTEGER	'01'	<	-	' 1 '	0
cmp	INTEGER	'01'	<	-	'abc'	1
cmp	INTEGER	10	=	-	'1.0'	0
cmp	INTEGER	10	<	-	'1.0'	0
cmp	INTEGER	10	<	-	' 1 '	0
cmp	INTEGER	'10'	=	-	'10'	1
cmp	INTEGER	'10'	<	-	9	0
cmp	INTEGER	'9'	<	-	1	0
cmp	INTEGER	'9'	=	-	x'31'	0
cmp	INTEGER	'9'	=	-	'10'	0
cmp	INTEGER	9	<	-	1.0	0
cmp	INTEGER	9	=	-	'1'	0
cmp	INTEGER	9	=	-	'01'	0
cmp	INTEGER	9	<	-	10	1
cmp	INTEGER	9	=	-	'10'	0
cmp	INTEGER	9	=	-	9	1
cmp	TEXT	NULL	=	INTEGER	1.0	NULL
cmp	TEXT	NULL	<	INTEGER	1.5	NULL
cmp	TEXT	NULL	=	INTEGER	'1abc'	NULL
cmp	TEXT	1	=	INTEGER	'1'	1
cmp	TEXT	1	<	INTEGER	10	1
cmp	TEXT	1.5	=	INTEGER	1.0	0
cmp	TEXT	1.5	=	INTEGER	'1.0'	0
cmp	TEXT	'1'	<	INTEGER	1	0
cmp	TEXT	'1'	<	INTEGER	1.0	0
cmp	TEXT	'1'	<	INTEGER	'1.0'	0
cmp	TEXT	'1'	=	INTEGER	' 1 '	1
cmp	TEXT	'1'	<	INTEGER	'1abc'	1
cmp	TEXT	'1'	<	INTEGER	'9'	1
cmp	TEXT	'1.0'	=	INTEGER	'1abc'	0
cmp	TEXT	'1.0'	=	INTEGER	'10'	0
cmp	TEXT	'1.0'	=	INTEGER	9	0
cmp	TEXT	' 1 '	=	INTEGER	1	1
cmp	TEXT	'abc'	<	INTEGER	' 1 '	0
cmp	TEXT	'abc'	<	INTEGER	'10'	0
cmp	TEXT	'abc'	<	INTEGER	'9'	0
cmp	TEXT	'1abc'	=	INTEGER	' 1 '	0
cmp	TEXT	'1abc'	=	INTEGER	'abc'	0
cmp	TEXT	'1abc'	=	INTEGER	9	0
cmp	TEXT	x'31'	<	INTEGER	NULL	NULL
cmp	TEXT	x'31'	=	INTEGER	'1abc'	0
cmp	TEXT	x'31'	=	INTEGER	'10'	0
cmp	TEXT	'01'	<	INTEGER	1	0
cmp	TEXT	'01'	=	INTEGER	'1'	1
cmp	TEXT	'01'	<	INTEGER	x'31'	1
cmp	TEXT	'01'	<	INTEGER	'01'	0
cmp	TEXT	'01'	<	INTEGER	'9'	1
cmp	TEXT	10	<	INTEGER	'abc'	1
cmp	TEXT	10	<	INTEGER	10	0
cmp	TEXT	10	=	INTEGER	'9'	0
cmp	TEXT	'10'	=	INTEGER	' 1 '	0
cmp	TEXT	'10'	=	INTEGER	'1abc'	0
cmp	TEXT	'10'	=	INTEGER	'9'	0
cmp	TEXT	'9'	=	INTEGER	'1.0'	0
cmp	TEXT	9	=	INTEGER	1.0	0
cmp	TEXT	9	<	INTEGER	x'31'	1
cmp	TEXT	9	<	INTEGER	'01'	0
cmp	TEXT	9	<	INTEGER	'10'	1
cmp	TEXT	NULL	<	TEXT	1	NULL
cmp	TEXT	NULL	<	TEXT	1.5	NULL
cmp	TEXT	NULL	<	TEXT	x'31'	NULL
cmp	TEXT	1	<	TEXT	'abc'	1
cmp	TEXT	1.5	<	TEXT	' 1 '	0
cmp	TEXT	1.5	=	TEXT	'abc'	0
cmp	TEXT	'1'	<	TEXT	' 1 '	0
cmp	TEXT	'1'	<	TEXT	x'31'	1
cmp	TEXT	'1.0'	=	TEXT	1.0	1
cmp	TEXT	'1.0'	=	TEXT	x'31'	0
cmp	TEXT	'1.0'	<	TEXT	x'31'	1
cmp	TEXT	'1.0'	=	TEXT	'01'	0
cmp	TEXT	'1.0'	=	TEXT	10	0
cmp	TEXT	' 1 '	=	TEXT	'1.0'	0
cmp	TEXT	' 1 '	=	TEXT	9	0
cmp	TEXT	'abc'	<	TEXT	'1'	0
cmp	TEXT	'1abc'	<	TEXT	NULL	NULL
cmp	TEXT	'1abc'	=	TEXT	1.0	0
cmp	TEXT	'1abc'	<	TEXT	'1.0'	0
cmp	TEXT	'1abc'	=	TEXT	'01'	0
cmp	TEXT	x'31'	<	TEXT	x'31'	0
cmp	TEXT	'01'	=	TEXT	'abc'	0
cmp	TEXT	'01'	<	TEXT	'10'	1
cmp	TEXT	'01'	<	TEXT	'9'	1
cmp	TEXT	10	<	TEXT	1.5	0
cmp	TEXT	10	<	TEXT	'1.0'	0
cmp	TEXT	10	=	TEXT	' 1 '	0
cmp	TEXT	10	<	TEXT	10	0
cmp	TEXT	'10'	<	TEXT	1	0
cmp	TEXT	'10'	=	TEXT	'1.0'	0
cmp	TEXT	'10'	=	TEXT	'01'	0
cmp	TEXT	'10'	<	TEXT	'10'	0
cmp	TEXT	'9'	=	TEXT	'1'	0
cmp	TEXT	'9'	<	TEXT	'1.0'	0
cmp	TEXT	'9'	<	TEXT	'01'	0
cmp	TEXT	'9'	=	TEXT	'10'	0
cmp	TEXT	9	=	TEXT	'1abc'	0
cmp	TEXT	9	=	TEXT	x'31'	0
cmp	TEXT	9	=	TEXT	'10'	0
cmp	TEXT	NULL	<	BLOB	1.5	NULL
cmp	TEXT	NULL	<	BLOB	'abc'	NULL
cmp	TEXT	NULL	=	BLOB	'9'	NULL
cmp	TEXT	1	<	BLOB	1	0
cmp	TEXT	1	=	BLOB	1.0	0
cmp	TEXT	1	<	BLOB	'1'	0
cmp	TEXT	1	=	BLOB	' 1 '	0
cmp	TEXT	1.0	=	BLOB	1.0	0
cmp	TEXT	1.0	=	BLOB	'1.0'	1
cmp	TEXT	1.5	=	BLOB	1.0	0
cmp	TEXT	1.5	=	BLOB	'1.0'	0
cmp	TEXT	1.5	=	BLOB	'abc'	0
cmp	TEXT	'1'	<	BLOB	NULL	NULL
cmp	TEXT	'1'	<	BLOB	'1.0'	1
cmp	TEXT	'1'	<	BLOB	'10'	1
cmp	TEXT	'1.0'	=	BLOB	1.0	0
cmp	TEXT	'1.0'	=	BLOB	'9'	0
cmp	TEXT	' 1 '	<	BLOB	' 1 '	0
cmp	TEXT	' 1 '	=	BLOB	'1abc'	0
cmp	TEXT	'abc'	<	BLOB	1.5	0
cmp	TEXT	'abc'	<	BLOB	'1'	0
cmp	TEXT	'abc'	=	BLOB	9	0
cmp	TEXT	'1abc'	<	BLOB	NULL	NULL
cmp	TEXT	'1abc'	=	BLOB	1.0	0
cmp	TEXT	'1abc'	=	BLOB	' 1 '	0
cmp	TEXT	'1abc'	<	BLOB	'1abc'	0
cmp	TEXT	'1abc'	<	BLOB	'01'	0
cmp	TEXT	x'31'	=	BLOB	'1'	0
cmp	TEXT	x'31'	=	BLOB	9	0
cmp	TEXT	'01'	<	BLOB	'10'	1
cmp	TEXT	'10'	=	BLOB	NULL	NULL
cmp	TEXT	'10'	=	BLOB	1	0
cmp	TEXT	'10'	<	BLOB	1	0
cmp	TEXT	'10'	=	BLOB	1.5	0
cmp	TEXT	'10'	<	BLOB	'1abc'	1
cmp	TEXT	'10'	=	BLOB	x'31'	0
cmp	TEXT	'10'	<	BLOB	'9'	1
cmp	TEXT	'9'	=	BLOB	'1'	0
cmp	TEXT	'9'	<	BLOB	x'31'	1
cmp	TEXT	9	=	BLOB	NULL	NULL
cmp	TEXT	9	<	BLOB	1.0	0
cmp	TEXT	9	<	BLOB	'abc'	1
cmp	TEXT	9	<	BLOB	'1abc'	0
cmp	TEXT	9	<	BLOB	9	0
cmp	TEXT	NULL	<	REAL	NULL	NULL
cmp	TEXT	NULL	=	REAL	1.5	NULL
cmp	TEXT	NULL	=	REAL	10	NULL
cmp	TEXT	NULL	<	REAL	'9'	NULL
cmp	TEXT	1	<	REAL	NULL	NULL
cmp	TEXT	1	<	REAL	'1'	0
cmp	TEXT	1	=	REAL	'1.0'	1
cmp	TEXT	1.0	=	REAL	'1'	1
cmp	TEXT	1.0	=	REAL	'abc'	0
cmp	TEXT	1.0	=	REAL	x'31'	0
cmp	TEXT	1.0	=	REAL	10	0
cmp	TEXT	1.0	<	REAL	'9'	1
cmp	TEXT	1.5	=	REAL	1	0
cmp	TEXT	1.5	<	REAL	1.0	0
cmp	TEXT	1.5	<	REAL	' 1 '	0
cmp	TEXT	1.5	<	REAL	x'31'	1
cmp	TEXT	1.5	=	REAL	'01'	0
cmp	TEXT	'1'	<	REAL	1	0
cmp	TEXT	'1'	<	REAL	1.5	1
cmp	TEXT	'1'	=	REAL	'1'	1
cmp	TEXT	'1'	<	REAL	'1'	0
cmp	TEXT	'1'	<	REAL	'01'	0
cmp	TEXT	'1'	=	REAL	9	0
cmp	TEXT	'1.0'	<	REAL	NULL	NULL
cmp	TEXT	'1.0'	=	REAL	9	0
cmp	TEXT	' 1 '	=	REAL	'9'	0
cmp	TEXT	'abc'	=	REAL	'1'	0
cmp	TEXT	'abc'	=	REAL	'1.0'	0
cmp	TEXT	'abc'	=	REAL	10	0
cmp	TEXT	x'31'	=	REAL	NULL	NULL
cmp	TEXT	x'31'	<	REAL	'abc'	0
cmp	TEXT	x'31'	=	REAL	10	0
cmp	TEXT	x'31'	<	REAL	10	0
cmp	TEXT	x'31'	=	REAL	9	0
cmp	TEXT	'01'	<	REAL	'1abc'	1
cmp	TEXT	10	=	REAL	'1'	0
cmp	TEXT	10	=	REAL	'1abc'	0
cmp	TEXT	10	=	REAL	'9'	0
cmp	TEXT	'9'	<	REAL	10	1
cmp	TEXT	'9'	<	REAL	'9'	0
cmp	TEXT	9	<	REAL	'1.0'	0
cmp	TEXT	9	=	REAL	10	0
cmp	TEXT	9	=	REAL	'9'	1
cmp	TEXT	NULL	<	NUMERIC	10	NULL
cmp	TEXT	1	=	NUMERIC	'1'	1
cmp	TEXT	1	<	NUMERIC	'1.0'	0
cmp	TEXT	1	=	NUMERIC	10	0
cmp	TEXT	1.5	=	NUMERIC	x'31'	0
cmp	TEXT	'1'	=	NUMERIC	1	1
cmp	TEXT	'1'	=	NUMERIC	' 1 '	1
cmp	TEXT	'1'	=	NUMERIC	'01'	1
cmp	TEXT	'1.0'	<	NUMERIC	1.5	1
cmp	TEXT	'1.0'	<	NUMERIC	'1'	0
cmp	TEXT	'1.0'	=	NUMERIC	'01'	1
cmp	TEXT	'1.0'	<	NUMERIC	'10'	1
cmp	TEXT	' 1 '	=	NUMERIC	'1.0'	1
cmp	TEXT	' 1 '	=	NUMERIC	'1abc'	0
cmp	TEXT	' 1 '	=	NUMERIC	x'31'	0
cmp	TEXT	' 1 '	=	NUMERIC	'9'	0
cmp	TEXT	'abc'	=	NUMERIC	'1.0'	0
cmp	TEXT	'abc'	=	NUMERIC	x'31'	0
cmp	TEXT	'abc'	<	NUMERIC	'01'	0
cmp	TEXT	'1abc'	<	NUMERIC	'1.0'	0
cmp	TEXT	'1abc'	<	NUMERIC	x'31'	1
cmp	TEXT	'1abc'	=	NUMERIC	'01'	0
cmp	TEXT	'1abc'	=	NUMERIC	'10'	0
cmp	TEXT	x'31'	=	NUMERIC	'1.0'	0
cmp	TEXT	x'31'	=	NUMERIC	x'31'	1
cmp	TEXT	'01'	=	NUMERIC	'1abc'	0
cmp	TEXT	10	<	NUMERIC	1.0	0
cmp	TEXT	10	<	NUMERIC	'1'	0
cmp	TEXT	10	=	NUMERIC	'1abc'	0
cmp	TEXT	10	=	NUMERIC	10	1
cmp	TEXT	10	<	NUMERIC	'9'	0
cmp	TEXT	'10'	<	NUMERIC	1.0	0
cmp	TEXT	'10'	<	NUMERIC	' 1 '	0
cmp	TEXT	'10'	<	NUMERIC	'10'	0
cmp	TEXT	'9'	=	NUMERIC	NULL	NULL
cmp	TEXT	'9'	=	NUMERIC	' 1 '	0
cmp	TEXT	'9'	=	NUMERIC	'1abc'	0
cmp	TEXT	'9'	<	NUMERIC	'01'	0
cmp	TEXT	'9'	<	NUMERIC	10	1
cmp	TEXT	'9'	<	NUMERIC	'9'	0
cmp	TEXT	9	<	NUMERIC	'01'	0
cmp	TEXT	NULL	=	-	' 1 '	NULL
cmp	TEXT	NULL	<	-	' 1 '	NULL
cmp	TEXT	NULL	<	-	'abc'	NULL
cmp	TEXT	NULL	=	-	'1abc'	NULL
cmp	TEXT	1	<	-	NULL	NULL
cmp	TEXT	1	=	-	10	0
cmp	TEXT	1.0	<	-	1.0	0
cmp	TEXT	1.5	=	-	1	0
cmp	TEXT	1.5	=	-	1.5	1
cmp	TEXT	1.5	<	-	'abc'	1
cmp	TEXT	1.5	<	-	x'31'	1
cmp	TEXT	'1'	<	-	'01'	0
cmp	TEXT	'1.0'	<	-	1	0
cmp	TEXT	'1.0'	<	-	1.0	0
cmp	TEXT	'1.0'	<	-	'abc'	1
cmp	TEXT	'1.0'	=	-	'1abc'	0
cmp	TEXT	'1.0'	<	-	10	1
cmp	TEXT	'1.0'	<	-	'9'	1
cmp	TEXT	' 1 '	<	-	'10'	1
cmp	TEXT	' 1 '	<	-	'9'	1
cmp	TEXT	'abc'	<	-	1.5	0
cmp	TEXT	'abc'	=	-	'1'	0
cmp	TEXT	'abc'	=	-	'01'	0
cmp	TEXT	'abc'	=	-	'10'	0
cmp	TEXT	'1abc'	<	-	NULL	NULL
cmp	TEXT	'1abc'	<	-	' 1 '	0
cmp	TEXT	'1abc'	<	-	'01'	0
cmp	TEXT	'1abc'	<	-	'10'	0
cmp	TEXT	x'31'	<	-	1	0
cmp	TEXT	x'31'	=	-	'abc'	0
cmp	TEXT	x'31'	=	-	'1abc'	0
cmp	TEXT	x'31'	=	-	'10'	0
cmp	TEXT	x'31'	=	-	9	0
cmp	TEXT	x'31'	<	-	9	0
cmp	TEXT	'01'	=	-	'1'	0
cmp	TEXT	'01'	<	-	'1abc'	1
cmp	TEXT	10	=	-	'1'	0
cmp	TEXT	10	<	-	' 1 '	0
cmp	TEXT	10	<	-	'1abc'	1
cmp	TEXT	10	=	-	'10'	1
cmp	TEXT	'10'	=	-	NULL	NULL
cmp	TEXT	'10'	=	-	'1.0'	0
cmp	TEXT	'10'	<	-	' 1 '	0
cmp	TEXT	'10'	=	-	'01'	0
cmp	TEXT	'10'	<	-	'01'	0
cmp	TEXT	'10'	=	-	'10'	1
cmp	TEXT	'9'	=	-	NULL	NULL
cmp	TEXT	'9'	=	-	1.5	0
cmp	TEXT	'9'	<	-	x'31'	1
cmp	TEXT	9	=	-	'abc'	0
cmp	TEXT	9	<	-	x'31'	1
cmp	TEXT	9	<	-	'10'	0
cmp	BLOB	NULL	<	INTEGER	'9'	NULL
cmp	BLOB	1	<	INTEGER	10	1
cmp	BLOB	1	<	INTEGER	'10'	1
cmp	BLOB	1.0	<	INTEGER	1.0	0
cmp	BLOB	1.0	<	INTEGER	'1.0'	0
cmp	BLOB	1.0	<	INTEGER	'9'	1
cmp	BLOB	1.5	=	INTEGER	NULL	NULL
cmp	BLOB	1.5	=	INTEGER	'abc'	0
cmp	BLOB	1.5	<	INTEGER	'10'	1
cmp	BLOB	'1'	<	INTEGER	'01'	0
cmp	BLOB	'1.0'	<	INTEGER	1.0	0
cmp	BLOB	' 1 '	<	INTEGER	' 1 '	0
cmp	BLOB	'abc'	<	INTEGER	'1'	0
cmp	BLOB	'abc'	=	INTEGER	10	0
cmp	BLOB	x'31'	<	INTEGER	'abc'	0
cmp	BLOB	x'31'	<	INTEGER	'10'	0
cmp	BLOB	'01'	=	INTEGER	'10'	0
cmp	BLOB	'01'	<	INTEGER	'10'	1
cmp	BLOB	'01'	=	INTEGER	9	0
cmp	BLOB	10	=	INTEGER	' 1 '	0
cmp	BLOB	10	=	INTEGER	'01'	0
cmp	BLOB	'10'	=	INTEGER	1	0
cmp	BLOB	'10'	=	INTEGER	x'31'	0
cmp	BLOB	'10'	<	INTEGER	'01'	0
cmp	BLOB	'9'	<	INTEGER	1.0	0
cmp	BLOB	'9'	=	INTEGER	'1.0'	0
cmp	BLOB	'9'	<	INTEGER	'abc'	1
cmp	BLOB	'9'	=	INTEGER	x'31'	0
cmp	BLOB	'9'	=	INTEGER	'01'	0
cmp	BLOB	NULL	<	TEXT	1.5	NULL
cmp	BLOB	NULL	=	TEXT	'1'	NULL
cmp	BLOB	NULL	<	TEXT	'10'	NULL
cmp	BLOB	1	=	TEXT	'abc'	0
cmp	BLOB	1	<	TEXT	'10'	1
cmp	BLOB	1.0	<	TEXT	NULL	NULL
cmp	BLOB	1.0	<	TEXT	'1.0'	1
cmp	BLOB	1.0	<	TEXT	' 1 '	1
cmp	BLOB	1.0	=	TEXT	'abc'	0
cmp	BLOB	1.0	=	TEXT	9	0
cmp	BLOB	1.5	=	TEXT	1.0	0
cmp	BLOB	1.5	=	TEXT	'1abc'	0
cmp	BLOB	1.5	<	TEXT	10	1
cmp	BLOB	1.5	<	TEXT	'9'	1
cmp	BLOB	'1'	=	TEXT	1.5	0
cmp	BLOB	'1'	<	TEXT	1.5	1
cmp	BLOB	'1'	=	TEXT	'abc'	0
cmp	BLOB	'1'	<	TEXT	x'31'	1
cmp	BLOB	'1'	=	TEXT	'9'	0
cmp	BLOB	'1'	<	TEXT	'9'	1
cmp	BLOB	'1.0'	<	TEXT	1.5	1
cmp	BLOB	'1.0'	<	TEXT	9	1
cmp	BLOB	' 1 '	<	TEXT	'1.0'	1
cmp	BLOB	'abc'	=	TEXT	'1abc'	0
cmp	BLOB	'1abc'	=	TEXT	NULL	NULL
cmp	BLOB	'1abc'	<	TEXT	NULL	NULL
cmp	BLOB	'1abc'	=	TEXT	' 1 '	0
cmp	BLOB	x'31'	=	TEXT	'1'	0
cmp	BLOB	x'31'	<	TEXT	'9'	0
cmp	BLOB	x'31'	<	TEXT	9	0
cmp	BLOB	'01'	=	TEXT	'1abc'	0
cmp	BLOB	'01'	=	TEXT	9	0
cmp	BLOB	10	=	TEXT	' 1 '	0
cmp	BLOB	10	=	TEXT	'10'	0
cmp	BLOB	'10'	=	TEXT	'1.0'	0
cmp	BLOB	'10'	<	TEXT	'1.0'	0
cmp	BLOB	'10'	<	TEXT	' 1 '	0
cmp	BLOB	'10'	=	TEXT	'9'	0
cmp	BLOB	'10'	<	TEXT	9	1
cmp	BLOB	'9'	<	TEXT	1	0
cmp	BLOB	'9'	<	TEXT	1.5	0
cmp	BLOB	'9'	<	TEXT	'1'	0
cmp	BLOB	'9'	<	TEXT	'10'	0
cmp	BLOB	9	<	TEXT	1	1
cmp	BLOB	9	<	TEXT	' 1 '	1
cmp	BLOB	9	=	TEXT	'01'	0
cmp	BLOB	9	=	TEXT	'10'	0
cmp	BLOB	NULL	=	BLOB	' 1 '	NULL
cmp	BLOB	NULL	<	BLOB	' 1 '	NULL
cmp	BLOB	NULL	<	BLOB	'9'	NULL
cmp	BLOB	NULL	=	BLOB	9	NULL
cmp	BLOB	NULL	<	BLOB	9	NULL
cmp	BLOB	1	=	BLOB	'1'	0
cmp	BLOB	1	=	BLOB	'abc'	0
cmp	BLOB	1.0	=	BLOB	1.5	0
cmp	BLOB	1.5	=	BLOB	1.0	0
cmp	BLOB	1.5	=	BLOB	'1abc'	0
cmp	BLOB	1.5	=	BLOB	9	0
cmp	BLOB	'1'	<	BLOB	'1.0'	1
cmp	BLOB	'1'	=	BLOB	'1abc'	0
cmp	BLOB	'1'	=	BLOB	10	0
cmp	BLOB	'1'	<	BLOB	'10'	1
cmp	BLOB	'1'	=	BLOB	9	0
cmp	BLOB	'1.0'	<	BLOB	'1.0'	0
cmp	BLOB	'1.0'	=	BLOB	x'31'	0
cmp	BLOB	'1.0'	=	BLOB	'01'	0
cmp	BLOB	'1.0'	<	BLOB	10	0
cmp	BLOB	'1.0'	<	BLOB	9	0
cmp	BLOB	' 1 '	<	BLOB	1	0
cmp	BLOB	' 1 '	<	BLOB	1.5	0
cmp	BLOB	' 1 '	<	BLOB	'1.0'	1
cmp	BLOB	'abc'	=	BLOB	'1.0'	0
cmp	BLOB	'abc'	<	BLOB	'1.0'	0
cmp	BLOB	'abc'	=	BLOB	9	0
cmp	BLOB	'abc'	<	BLOB	9	0
cmp	BLOB	'1abc'	=	BLOB	1.0	0
cmp	BLOB	'1abc'	<	BLOB	'1abc'	0
cmp	BLOB	x'31'	=	BLOB	NULL	NULL
cmp	BLOB	x'31'	<	BLOB	' 1 '	0
cmp	BLOB	x'31'	=	BLOB	10	0
cmp	BLOB	'01'	<	BLOB	'1'	1
cmp	BLOB	'01'	<	BLOB	'abc'	1
cmp	BLOB	10	<	BLOB	NULL	NULL
cmp	BLOB	10	<	BLOB	1	0
cmp	BLOB	10	<	BLOB	' 1 '	1
cmp	BLOB	10	<	BLOB	'abc'	1
cmp	BLOB	10	=	BLOB	x'31'	0
cmp	BLOB	'10'	<	BLOB	NULL	NULL
cmp	BLOB	'10'	=	BLOB	' 1 '	0
cmp	BLOB	'9'	=	BLOB	NULL	NULL
cmp	BLOB	'9'	=	BLOB	1.5	0
cmp	BLOB	'9'	<	BLOB	' 1 '	0
cmp	BLOB	'9'	=	BLOB	'abc'	0
cmp	BLOB	9	=	BLOB	1.0	0
cmp	BLOB	9	<	BLOB	'1.0'	1
cmp	BLOB	9	=	BLOB	'abc'	0
cmp	BLOB	9	<	BLOB	'10'	1
cmp	BLOB	9	<	BLOB	'9'	1
cmp	BLOB	NULL	<	REAL	' 1 '	NULL
cmp	BLOB	NULL	=	REAL	'abc'	NULL
cmp	BLOB	NULL	<	REAL	x'31'	NULL
cmp	BLOB	1	=	REAL	NULL	NULL
cmp	BLOB	1	<	REAL	NULL	NULL
cmp	BLOB	1	<	REAL	'1'	0
cmp	BLOB	1	<	REAL	'1abc'	1
cmp	BLOB	1	=	REAL	x'31'	0
cmp	BLOB	1	<	REAL	x'31'	1
cmp	BLOB	1	=	REAL	'10'	0
cmp	BLOB	1.0	=	REAL	NULL	NULL
cmp	BLOB	1.0	=	REAL	1.0	1
cmp	BLOB	1.0	=	REAL	'01'	1
cmp	BLOB	1.5	<	REAL	' 1 '	0
cmp	BLOB	1.5	<	REAL	'abc'	1
cmp	BLOB	1.5	<	REAL	'01'	0
cmp	BLOB	1.5	<	REAL	9	1
cmp	BLOB	'1'	<	REAL	NULL	NULL
cmp	BLOB	'1'	<	REAL	' 1 '	0
cmp	BLOB	'1.0'	=	REAL	1.5	0
cmp	BLOB	'1.0'	=	REAL	'1.0'	1
cmp	BLOB	'1.0'	<	REAL	'1.0'	0
cmp	BLOB	' 1 '	=	REAL	1	1
cmp	BLOB	' 1 '	=	REAL	10	0
cmp	BLOB	' 1 '	<	REAL	10	1
cmp	BLOB	'abc'	<	REAL	'1'	0
cmp	BLOB	'abc'	=	REAL	'01'	0
cmp	BLOB	'abc'	<	REAL	'10'	0
cmp	BLOB	'1abc'	<	REAL	'abc'	1
cmp	BLOB	'1abc'	=	REAL	'01'	0
cmp	BLOB	'1abc'	<	REAL	'10'	0
cmp	BLOB	'1abc'	=	REAL	'9'	0
cmp	BLOB	x'31'	=	REAL	1.5	0
cmp	BLOB	x'31'	<	REAL	1.5	0
cmp	BLOB	x'31'	<	REAL	'10'	0
cmp	BLOB	x'31'	=	REAL	'9'	0
cmp	BLOB	'01'	=	REAL	1.5	0
cmp	BLOB	'01'	<	REAL	'1.0'	0
cmp	BLOB	10	=	REAL	' 1 '	0
cmp	BLOB	10	<	REAL	'1abc'	1
cmp	BLOB	10	<	REAL	'01'	0
cmp	BLOB	10	=	REAL	'9'	0
cmp	BLOB	'10'	=	REAL	1	0
cmp	BLOB	'10'	<	REAL	1	0
cmp	BLOB	'10'	<	REAL	1.0	0
cmp	BLOB	'10'	<	REAL	'1'	0
cmp	BLOB	'10'	<	REAL	10	0
cmp	BLOB	'10'	<	REAL	'10'	0
cmp	BLOB	'9'	<	REAL	'1.0'	0
cmp	BLOB	9	=	REAL	1.0	0
cmp	BLOB	9	<	REAL	'1'	0
cmp	BLOB	9	<	REAL	'1.0'	0
cmp	BLOB	9	=	REAL	'abc'	0
cmp	BLOB	9	<	REAL	'01'	0
cmp	BLOB	9	<	REAL	'10'	1
cmp	BLOB	NULL	=	NUMERIC	1.0	NULL
cmp	BLOB	1	<	NUMERIC	'10'	1
cmp	BLOB	1	<	NUMERIC	'9'	1
cmp	BLOB	1.0	<	NUMERIC	NULL	NULL
cmp	BLOB	1.0	<	NUMERIC	1.0	0
cmp	BLOB	1.0	=	NUMERIC	'1.0'	1
cmp	BLOB	1.0	=	NUMERIC	'abc'	0
cmp	BLOB	1.0	<	NUMERIC	'abc'	1
cmp	BLOB	1.0	<	NUMERIC	'01'	0
cmp	BLOB	1.5	=	NUMERIC	NULL	NULL
cmp	BLOB	1.5	<	NUMERIC	10	1
cmp	BLOB	1.5	=	NUMERIC	9	0
cmp	BLOB	'1'	=	NUMERIC	1	1
cmp	BLOB	'1'	<	NUMERIC	1.0	0
cmp	BLOB	'1'	=	NUMERIC	1.5	0
cmp	BLOB	'1'	=	NUMERIC	' 1 '	1
cmp	BLOB	'1.0'	=	NUMERIC	' 1 '	1
cmp	BLOB	'1.0'	<	NUMERIC	'9'	1
cmp	BLOB	' 1 '	<	NUMERIC	' 1 '	0
cmp	BLOB	'abc'	=	NUMERIC	1	0
cmp	BLOB	'1abc'	=	NUMERIC	'1'	0
cmp	BLOB	'1abc'	=	NUMERIC	'1.0'	0
cmp	BLOB	'1abc'	=	NUMERIC	' 1 '	0
cmp	BLOB	'1abc'	=	NUMERIC	'9'	0
cmp	BLOB	x'31'	<	NUMERIC	1	0
cmp	BLOB	x'31'	=	NUMERIC	9	0
cmp	BLOB	'01'	=	NUMERIC	'1abc'	0
cmp	BLOB	'01'	=	NUMERIC	'01'	1
cmp	BLOB	10	=	NUMERIC	1	0
cmp	BLOB	10	=	NUMERIC	' 1 '	0
cmp	BLOB	10	<	NUMERIC	'abc'	1
cmp	BLOB	10	=	NUMERIC	'9'	0
cmp	BLOB	10	<	NUMERIC	9	0
cmp	BLOB	'9'	<	NUMERIC	'1.0'	0
cmp	BLOB	'9'	=	NUMERIC	x'31'	0
cmp	BLOB	'9'	<	NUMERIC	10	1
cmp	BLOB	9	<	NUMERIC	NULL	NULL
cmp	BLOB	NULL	=	-	NULL	NULL
cmp	BLOB	NULL	=	-	1	NULL
cmp	BLOB	NULL	=	-	' 1 '	NULL
cmp	BLOB	NULL	<	-	' 1 '	NULL
cmp	BLOB	1	<	-	NULL	NULL
cmp	BLOB	1.0	<	-	NULL	NULL
cmp	BLOB	1.0	=	-	1	1
cmp	BLOB	1.0	<	-	'10'	1
cmp	BLOB	1.0	<	-	'9'	1
cmp	BLOB	'1'	<	-	1.5	0
cmp	BLOB	'1'	<	-	'1.0'	1
cmp	BLOB	'1'	=	-	'abc'	0
cmp	BLOB	'1'	=	-	10	0
cmp	BLOB	'1.0'	=	-	10	0
cmp	BLOB	'1.0'	<	-	10	0
cmp	BLOB	'1.0'	=	-	'9'	0
cmp	BLOB	'1.0'	=	-	9	0
cmp	BLOB	' 1 '	<	-	'10'	1
cmp	BLOB	' 1 '	<	-	9	0
cmp	BLOB	'abc'	<	-	1.5	0
cmp	BLOB	'abc'	=	-	'abc'	1
cmp	BLOB	'abc'	=	-	'1abc'	0
cmp	BLOB	'abc'	<	-	'01'	0
cmp	BLOB	'1abc'	=	-	1	0
cmp	BLOB	'1abc'	<	-	1.5	0
cmp	BLOB	x'31'	=	-	'1abc'	0
cmp	BLOB	x'31'	=	-	'10'	0
cmp	BLOB	x'31'	=	-	9	0
cmp	BLOB	'01'	<	-	1.5	0
cmp	BLOB	'01'	=	-	'1.0'	0
cmp	BLOB	'01'	=	-	x'31'	0
cmp	BLOB	'01'	<	-	x'31'	1
cmp	BLOB	'01'	=	-	'9'	0
cmp	BLOB	'01'	<	-	'9'	1
cmp	BLOB	10	<	-	NULL	NULL
cmp	BLOB	10	=	-	1.5	0
cmp	BLOB	'10'	<	-	NULL	NULL
cmp	BLOB	'10'	=	-	'1abc'	0
cmp	BLOB	'10'	<	-	10	0
cmp	BLOB	'9'	=	-	NULL	NULL
cmp	BLOB	'9'	<	-	NULL	NULL
cmp	BLOB	'9'	=	-	1.0	0
cmp	BLOB	'9'	<	-	1.5	0
cmp	BLOB	'9'	=	-	x'31'	0
cmp	BLOB	9	=	-	1	0
cmp	BLOB	9	=	-	1.0	0
cmp	BLOB	9	<	-	x'31'	1
cmp	BLOB	9	<	-	'01'	1
cmp	BLOB	9	=	-	'10'	0
cmp	REAL	NULL	<	INTEGER	1	NULL
cmp	REAL	NULL	=	INTEGER	1.5	NULL
cmp	REAL	1	<	INTEGER	1.0	0
cmp	REAL	1	=	INTEGER	'1'	1
cmp	REAL	1	<	INTEGER	'10'	1
cmp	REAL	1	=	INTEGER	9	0
cmp	REAL	1.5	<	INTEGER	1.5	0
cmp	REAL	1.5	<	INTEGER	' 1 '	0
cmp	REAL	1.5	<	INTEGER	'9'	1
cmp	REAL	1.5	<	INTEGER	9	1
cmp	REAL	'1'	=	INTEGER	1	1
cmp	REAL	'1'	=	INTEGER	1.5	0
cmp	REAL	'1'	<	INTEGER	'1'	0
cmp	REAL	'1.0'	<	INTEGER	'abc'	1
cmp	REAL	'1.0'	=	INTEGER	x'31'	0
cmp	REAL	'1.0'	=	INTEGER	10	0
cmp	REAL	'1.0'	<	INTEGER	10	1
cmp	REAL	'1.0'	=	INTEGER	'10'	0
cmp	REAL	' 1 '	<	INTEGER	' 1 '	0
cmp	REAL	' 1 '	=	INTEGER	x'31'	0
cmp	REAL	' 1 '	<	INTEGER	'9'	1
cmp	REAL	'abc'	=	INTEGER	'1abc'	0
cmp	REAL	'abc'	=	INTEGER	9	0
cmp	REAL	'1abc'	<	INTEGER	9	0
cmp	REAL	x'31'	<	INTEGER	NULL	NULL
cmp	REAL	x'31'	=	INTEGER	'1'	0
cmp	REAL	x'31'	=	INTEGER	'1.0'	0
cmp	REAL	'01'	=	INTEGER	'abc'	0
cmp	REAL	10	<	INTEGER	1.0	0
cmp	REAL	10	<	INTEGER	'01'	0
cmp	REAL	'10'	<	INTEGER	'01'	0
cmp	REAL	'10'	<	INTEGER	10	0
cmp	REAL	'10'	<	INTEGER	'10'	0
cmp	REAL	'10'	=	INTEGER	'9'	0
cmp	REAL	'9'	<	INTEGER	'1'	0
cmp	REAL	'9'	=	INTEGER	9	1
cmp	REAL	9	=	INTEGER	1.0	0
cmp	REAL	9	<	INTEGER	'1'	0
cmp	REAL	9	=	INTEGER	' 1 '	0
cmp	REAL	NULL	=	TEXT	NULL	NULL
cmp	REAL	NULL	<	TEXT	9	NULL
cmp	REAL	1	=	TEXT	'10'	0
cmp	REAL	1.5	<	TEXT	'9'	1
cmp	REAL	'1'	<	TEXT	'1'	0
cmp	REAL	'1.0'	<	TEXT	1.5	1
cmp	REAL	' 1 '	=	TEXT	NULL	NULL
cmp	REAL	' 1 '	<	TEXT	1.0	0
cmp	REAL	' 1 '	=	TEXT	1.5	0
cmp	REAL	' 1 '	<	TEXT	'10'	1
cmp	REAL	'abc'	<	TEXT	1.5	0
cmp	REAL	'abc'	<	TEXT	'abc'	0
cmp	REAL	'1abc'	<	TEXT	1.0	0
cmp	REAL	'1abc'	=	TEXT	' 1 '	0
cmp	REAL	'1abc'	<	TEXT	10	0
cmp	REAL	x'31'	<	TEXT	1	0
cmp	REAL	x'31'	=	TEXT	1.5	0
cmp	REAL	x'31'	=	TEXT	' 1 '	0
cmp	REAL	x'31'	<	TEXT	10	0
cmp	REAL	x'31'	=	TEXT	'9'	0
cmp	REAL	x'31'	<	TEXT	'9'	0
cmp	REAL	'01'	<	TEXT	1.0	0
cmp	REAL	'01'	=	TEXT	'1'	1
cmp	REAL	'01'	<	TEXT	'01'	0
cmp	REAL	'01'	<	TEXT	9	1
cmp	REAL	'10'	=	TEXT	1	0
cmp	REAL	'10'	<	TEXT	'1'	0
cmp	REAL	'10'	<	TEXT	x'31'	1
cmp	REAL	'9'	<	TEXT	'abc'	1
cmp	REAL	'9'	=	TEXT	9	1
cmp	REAL	9	=	TEXT	1	0
cmp	REAL	9	=	TEXT	'abc'	0
cmp	REAL	9	=	TEXT	'1abc'	0
cmp	REAL	9	<	TEXT	'1abc'	1
cmp	REAL	NULL	<	BLOB	NULL	NULL
cmp	REAL	NULL	=	BLOB	'1abc'	NULL
cmp	REAL	NULL	<	BLOB	'10'	NULL
cmp	REAL	1	=	BLOB	1.0	1
cmp	REAL	1	<	BLOB	'1.0'	0
cmp	REAL	1	=	BLOB	'01'	1
cmp	REAL	1	<	BLOB	'9'	1
cmp	REAL	1.0	<	BLOB	NULL	NULL
cmp	REAL	1.0	=	BLOB	'abc'	0
cmp	REAL	1.5	<	BLOB	1	0
cmp	REAL	'1'	<	BLOB	NULL	NULL
cmp	REAL	'1'	=	BLOB	1	1
cmp	REAL	'1'	<	BLOB	' 1 '	0
cmp	REAL	'1'	=	BLOB	'1abc'	0
cmp	REAL	'1'	<	BLOB	'10'	1
cmp	REAL	'1.0'	=	BLOB	'1.0'	1
cmp	REAL	'1.0'	<	BLOB	10	1
cmp	REAL	' 1 '	<	BLOB	NULL	NULL
cmp	REAL	' 1 '	<	BLOB	'abc'	1
cmp	REAL	' 1 '	=	BLOB	'01'	1
cmp	REAL	' 1 '	=	BLOB	9	0
cmp	REAL	'abc'	=	BLOB	1.0	0
cmp	REAL	'abc'	<	BLOB	'1'	0
cmp	REAL	'abc'	<	BLOB	' 1 '	0
cmp	REAL	'abc'	=	BLOB	'abc'	1
cmp	REAL	'abc'	<	BLOB	'10'	0
cmp	REAL	'1abc'	<	BLOB	1	0
cmp	REAL	'1abc'	<	BLOB	'1.0'	0
cmp	REAL	'1abc'	=	BLOB	'1abc'	1
cmp	REAL	'1abc'	=	BLOB	'10'	0
cmp	REAL	x'31'	=	BLOB	NULL	NULL
cmp	REAL	x'31'	=	BLOB	1.0	0
cmp	REAL	x'31'	<	BLOB	'10'	0
cmp	REAL	'01'	<	BLOB	1	0
cmp	REAL	'01'	=	BLOB	1.0	1
cmp	REAL	'01'	=	BLOB	'1'	1
cmp	REAL	'01'	=	BLOB	x'31'	0
cmp	REAL	'01'	=	BLOB	'01'	1
cmp	REAL	'01'	<	BLOB	'9'	1
cmp	REAL	10	<	BLOB	NULL	NULL
cmp	REAL	10	=	BLOB	'1'	0
cmp	REAL	10	=	BLOB	' 1 '	0
cmp	REAL	10	<	BLOB	'abc'	1
cmp	REAL	10	<	BLOB	'9'	0
cmp	REAL	'10'	<	BLOB	1.5	0
cmp	REAL	'10'	=	BLOB	' 1 '	0
cmp	REAL	'10'	<	BLOB	'01'	0
cmp	REAL	'9'	<	BLOB	' 1 '	0
cmp	REAL	'9'	<	BLOB	9	0
cmp	REAL	9	=	BLOB	1	0
cmp	REAL	9	<	BLOB	1	0
cmp	REAL	9	=	BLOB	' 1 '	0
cmp	REAL	9	<	BLOB	x'31'	1
cmp	REAL	NULL	=	REAL	1.5	NULL
cmp	REAL	NULL	=	REAL	'1.0'	NULL
cmp	REAL	1	=	REAL	1	1
cmp	REAL	1	<	REAL	1.0	0
cmp	REAL	1	<	REAL	'1'	0
cmp	REAL	1	=	REAL	'1.0'	1
cmp	REAL	1.0	<	REAL	1	0
cmp	REAL	1.0	=	REAL	'abc'	0
cmp	REAL	1.5	=	REAL	' 1 '	0
cmp	REAL	'1'	=	REAL	'1.0'	1
cmp	REAL	'1.0'	=	REAL	1	1
cmp	REAL	' 1 '	<	REAL	' 1 '	0
cmp	REAL	'abc'	=	REAL	1.5	0
cmp	REAL	'abc'	<	REAL	' 1 '	0
cmp	REAL	'abc'	=	REAL	'abc'	1
cmp	REAL	'abc'	<	REAL	'01'	0
cmp	REAL	'1abc'	<	REAL	1.0	0
cmp	REAL	'1abc'	=	REAL	x'31'	0
cmp	REAL	'1abc'	<	REAL	x'31'	1
cmp	REAL	x'31'	=	REAL	NULL	NULL
cmp	REAL	x'31'	=	REAL	'1'	0
cmp	REAL	'01'	=	REAL	'1'	1
cmp	REAL	'01'	<	REAL	x'31'	1
cmp	REAL	'01'	<	REAL	9	1
cmp	REAL	10	=	REAL	NULL	NULL
cmp	REAL	10	=	REAL	9	0
cmp	REAL	'10'	=	REAL	' 1 '	0
cmp	REAL	'10'	=	REAL	'10'	1
cmp	REAL	'9'	<	REAL	1	0
cmp	REAL	9	=	REAL	'10'	0
cmp	REAL	NULL	=	NUMERIC	'01'	NULL
cmp	REAL	1	=	NUMERIC	' 1 '	1
cmp	REAL	1	<	NUMERIC	'01'	0
cmp	REAL	1.0	=	NUMERIC	' 1 '	1
cmp	REAL	1.5	<	NUMERIC	1.5	0
cmp	REAL	1.5	=	NUMERIC	'9'	0
cmp	REAL	'1'	=	NUMERIC	x'31'	0
cmp	REAL	'1'	<	NUMERIC	10	1
cmp	REAL	'1.0'	<	NUMERIC	' 1 '	0
cmp	REAL	'1.0'	<	NUMERIC	'01'	0
cmp	REAL	'1.0'	<	NUMERIC	'10'	1
cmp	REAL	' 1 '	<	NUMERIC	'10'	1
cmp	REAL	'abc'	=	NUMERIC	NULL	NULL
cmp	REAL	'abc'	=	NUMERIC	' 1 '	0
cmp	REAL	'1abc'	=	NUMERIC	NULL	NULL
cmp	REAL	'1abc'	=	NUMERIC	10	0
cmp	REAL	x'31'	<	NUMERIC	'9'	0
cmp	REAL	'01'	=	NUMERIC	'1.0'	1
cmp	REAL	10	=	NUMERIC	1.0	0
cmp	REAL	'10'	<	NUMERIC	'abc'	1
cmp	REAL	'10'	<	NUMERIC	'01'	0
cmp	REAL	'9'	<	NUMERIC	' 1 '	0
cmp	REAL	9	<	NUMERIC	1.0	0
cmp	REAL	9	<	NUMERIC	1.5	0
cmp	REAL	9	<	NUMERIC	'9'	0
cmp	REAL	NULL	<	-	'1abc'	NULL
cmp	REAL	NULL	<	-	'01'	NULL
cmp	REAL	NULL	<	-	10	NULL
cmp	REAL	1	=	-	10	0
cmp	REAL	1	<	-	9	1
cmp	REAL	1.0	<	-	1.0	0
cmp	REAL	1.0	=	-	1.5	0
cmp	REAL	1.0	=	-	'1'	1
cmp	REAL	1.5	<	-	' 1 '	0
cmp	REAL	1.5	=	-	'10'	0
cmp	REAL	'1'	=	-	1.5	0
cmp	REAL	'1'	<	-	'1.0'	0
cmp	REAL	'1'	<	-	' 1 '	0
cmp	REAL	'1'	<	-	10	1
cmp	REAL	'1'	=	-	9	0
cmp	REAL	'1.0'	<	-	1	0
cmp	REAL	'1.0'	=	-	10	0
cmp	REAL	' 1 '	<	-	NULL	NULL
cmp	REAL	' 1 '	=	-	x'31'	0
cmp	REAL	'abc'	<	-	NULL	NULL
cmp	REAL	'abc'	<	-	1	0
cmp	REAL	'abc'	=	-	'1.0'	0
cmp	REAL	'abc'	<	-	'1.0'	0
cmp	REAL	'abc'	<	-	10	0
cmp	REAL	'1abc'	=	-	'1.0'	0
cmp	REAL	'1abc'	=	-	' 1 '	0
cmp	REAL	'1abc'	<	-	x'31'	1
cmp	REAL	'1abc'	=	-	9	0
cmp	REAL	x'31'	=	-	x'31'	1
cmp	REAL	'01'	=	-	1	1
cmp	REAL	'01'	<	-	1	0
cmp	REAL	'01'	<	-	' 1 '	0
cmp	REAL	'01'	<	-	'9'	1
cmp	REAL	10	=	-	1.5	0
cmp	REAL	10	=	-	'abc'	0
cmp	REAL	10	=	-	'01'	0
cmp	REAL	10	<	-	'01'	0
cmp	REAL	10	=	-	10	1
cmp	REAL	10	<	-	'10'	0
cmp	REAL	'10'	<	-	'abc'	1
cmp	REAL	'10'	=	-	x'31'	0
cmp	REAL	'10'	<	-	'01'	0
cmp	REAL	'10'	<	-	'10'	0
cmp	REAL	'10'	=	-	'9'	0
cmp	REAL	'9'	=	-	1	0
cmp	REAL	'9'	=	-	'1abc'	0
cmp	REAL	'9'	=	-	x'31'	0
cmp	REAL	9	<	-	NULL	NULL
cmp	REAL	9	<	-	1.5	0
cmp	REAL	9	=	-	'1abc'	0
cmp	REAL	9	<	-	'1abc'	1
cmp	REAL	9	=	-	x'31'	0
cmp	REAL	9	=	-	'10'	0
cmp	NUMERIC	NULL	<	INTEGER	1	NULL
cmp	NUMERIC	NULL	<	INTEGER	'9'	NULL
cmp	NUMERIC	1	<	INTEGER	'1'	0
cmp	NUMERIC	1	<	INTEGER	9	1
cmp	NUMERIC	1.0	<	INTEGER	1	0
cmp	NUMERIC	1.0	=	INTEGER	10	0
cmp	NUMERIC	'1'	<	INTEGER	NULL	NULL
cmp	NUMERIC	'1'	<	INTEGER	' 1 '	0
cmp	NUMERIC	'1.0'	=	INTEGER	1.0	1
cmp	NUMERIC	'1.0'	=	INTEGER	'1'	1
cmp	NUMERIC	'1.0'	=	INTEGER	'1.0'	1
cmp	NUMERIC	' 1 '	=	INTEGER	'1abc'	0
cmp	NUMERIC	' 1 '	<	INTEGER	'9'	1
cmp	NUMERIC	'abc'	=	INTEGER	1	0
cmp	NUMERIC	'abc'	<	INTEGER	1	0
cmp	NUMERIC	'abc'	<	INTEGER	'1'	0
cmp	NUMERIC	'abc'	<	INTEGER	'abc'	0
cmp	NUMERIC	'abc'	=	INTEGER	'01'	0
cmp	NUMERIC	'abc'	<	INTEGER	10	0
cmp	NUMERIC	'abc'	<	INTEGER	'10'	0
cmp	NUMERIC	'abc'	<	INTEGER	'9'	0
cmp	NUMERIC	'1abc'	<	INTEGER	NULL	NULL
cmp	NUMERIC	'1abc'	=	INTEGER	1.0	0
cmp	NUMERIC	'1abc'	<	INTEGER	1.0	0
cmp	NUMERIC	'1abc'	<	INTEGER	1.5	0
cmp	NUMERIC	'1abc'	<	INTEGER	10	0
cmp	NUMERIC	'1abc'	=	INTEGER	'10'	0
cmp	NUMERIC	'1abc'	=	INTEGER	'9'	0
cmp	NUMERIC	x'31'	=	INTEGER	1	0
cmp	NUMERIC	x'31'	<	INTEGER	1	0
cmp	NUMERIC	x'31'	=	INTEGER	x'31'	1
cmp	NUMERIC	x'31'	=	INTEGER	'01'	0
cmp	NUMERIC	x'31'	=	INTEGER	'10'	0
cmp	NUMERIC	'01'	=	INTEGER	'1'	1
cmp	NUMERIC	'01'	=	INTEGER	' 1 '	1
cmp	NUMERIC	10	<	INTEGER	x'31'	1
cmp	NUMERIC	10	=	INTEGER	'10'	1
cmp	NUMERIC	10	=	INTEGER	'9'	0
cmp	NUMERIC	10	<	INTEGER	'9'	0
cmp	NUMERIC	'10'	<	INTEGER	NULL	NULL
cmp	NUMERIC	'10'	=	INTEGER	'10'	1
cmp	NUMERIC	'10'	=	INTEGER	'9'	0
cmp	NUMERIC	'9'	<	INTEGER	'1'	0
cmp	NUMERIC	'9'	<	INTEGER	'1.0'	0
cmp	NUMERIC	'9'	=	INTEGER	' 1 '	0
cmp	NUMERIC	'9'	=	INTEGER	'abc'	0
cmp	NUMERIC	'9'	=	INTEGER	x'31'	0
cmp	NUMERIC	9	<	INTEGER	1.0	0
cmp	NUMERIC	9	<	INTEGER	1.5	0
cmp	NUMERIC	9	=	INTEGER	'1'	0
cmp	NUMERIC	9	<	INTEGER	'1abc'	1
cmp	NUMERIC	9	<	INTEGER	10	1
cmp	NUMERIC	NULL	=	TEXT	NULL	NULL
cmp	NUMERIC	NULL	<	TEXT	NULL	NULL
cmp	NUMERIC	NULL	=	TEXT	1.5	NULL
cmp	NUMERIC	NULL	<	TEXT	'abc'	NULL
cmp	NUMERIC	NULL	<	TEXT	'01'	NULL
cmp	NUMERIC	NULL	<	TEXT	'10'	NULL
cmp	NUMERIC	1	=	TEXT	1.0	1
cmp	NUMERIC	1	<	TEXT	1.5	1
cmp	NUMERIC	1	<	TEXT	'10'	1
cmp	NUMERIC	1.0	=	TEXT	x'31'	0
cmp	NUMERIC	1.0	<	TEXT	'01'	0
cmp	NUMERIC	1.5	=	TEXT	' 1 '	0
cmp	NUMERIC	1.5	=	TEXT	'01'	0
cmp	NUMERIC	'1'	=	TEXT	'1'	1
cmp	NUMERIC	'1'	<	TEXT	'abc'	1
cmp	NUMERIC	'1'	=	TEXT	'01'	1
cmp	NUMERIC	'1'	<	TEXT	'9'	1
cmp	NUMERIC	'1'	=	TEXT	9	0
cmp	NUMERIC	'1'	<	TEXT	9	1
cmp	NUMERIC	'1.0'	=	TEXT	1	1
cmp	NUMERIC	'1.0'	<	TEXT	1	0
cmp	NUMERIC	'1.0'	=	TEXT	'1'	1
cmp	NUMERIC	'1.0'	<	TEXT	'1.0'	0
cmp	NUMERIC	'1.0'	<	TEXT	9	1
cmp	NUMERIC	' 1 '	<	TEXT	1.0	0
cmp	NUMERIC	' 1 '	<	TEXT	'1.0'	0
cmp	NUMERIC	' 1 '	=	TEXT	x'31'	0
cmp	NUMERIC	' 1 '	<	TEXT	10	1
cmp	NUMERIC	' 1 '	=	TEXT	'10'	0
cmp	NUMERIC	' 1 '	<	TEXT	'10'	1
cmp	NUMERIC	'abc'	<	TEXT	'1.0'	0
cmp	NUMERIC	'abc'	=	TEXT	'1abc'	0
cmp	NUMERIC	'abc'	<	TEXT	9	0
cmp	NUMERIC	'1abc'	<	TEXT	1	0
cmp	NUMERIC	'1abc'	<	TEXT	1.5	0
cmp	NUMERIC	'1abc'	=	TEXT	'10'	0
cmp	NUMERIC	x'31'	<	TEXT	NULL	NULL
cmp	NUMERIC	x'31'	=	TEXT	1.5	0
cmp	NUMERIC	x'31'	<	TEXT	'abc'	0
cmp	NUMERIC	x'31'	=	TEXT	'1abc'	0
cmp	NUMERIC	x'31'	<	TEXT	'01'	0
cmp	NUMERIC	x'31'	<	TEXT	'9'	0
cmp	NUMERIC	'01'	=	TEXT	NULL	NULL
cmp	NUMERIC	'01'	<	TEXT	'1abc'	1
cmp	NUMERIC	'01'	<	TEXT	'01'	0
cmp	NUMERIC	'01'	<	TEXT	'10'	1
cmp	NUMERIC	10	=	TEXT	1	0
cmp	NUMERIC	10	=	TEXT	'abc'	0
cmp	NUMERIC	10	=	TEXT	'01'	0
cmp	NUMERIC	10	<	TEXT	'9'	0
cmp	NUMERIC	'10'	<	TEXT	' 1 '	0
cmp	NUMERIC	'9'	=	TEXT	1.0	0
cmp	NUMERIC	'9'	=	TEXT	'9'	1
cmp	NUMERIC	9	<	TEXT	1	0
cmp	NUMERIC	9	<	TEXT	'1'	0
cmp	NUMERIC	9	=	TEXT	' 1 '	0
cmp	NUMERIC	9	<	TEXT	'1abc'	1
cmp	NUMERIC	NULL	=	BLOB	1.0	NULL
cmp	NUMERIC	NULL	=	BLOB	'1abc'	NULL
cmp	NUMERIC	NULL	=	BLOB	'10'	NULL
cmp	NUMERIC	1	<	BLOB	NULL	NULL
cmp	NUMERIC	1	=	BLOB	'1'	1
cmp	NUMERIC	1	<	BLOB	' 1 '	0
cmp	NUMERIC	1	<	BLOB	'10'	1
cmp	NUMERIC	1.0	<	BLOB	NULL	NULL
cmp	NUMERIC	1.0	<	BLOB	'1.0'	0
cmp	NUMERIC	1.5	<	BLOB	'1abc'	1
cmp	NUMERIC	'1'	=	BLOB	'01'	1
cmp	NUMERIC	'1'	=	BLOB	'10'	0
cmp	NUMERIC	'1.0'	<	BLOB	'1abc'	1
cmp	NUMERIC	'1.0'	<	BLOB	'9'	1
cmp	NUMERIC	' 1 '	=	BLOB	1	1
cmp	NUMERIC	' 1 '	=	BLOB	'1.0'	1
cmp	NUMERIC	' 1 '	<	BLOB	'01'	0
cmp	NUMERIC	'abc'	=	BLOB	1.0	0
cmp	NUMERIC	'abc'	=	BLOB	'abc'	1
cmp	NUMERIC	'abc'	=	BLOB	'10'	0
cmp	NUMERIC	'1abc'	=	BLOB	' 1 '	0
cmp	NUMERIC	'1abc'	<	BLOB	'1abc'	0
cmp	NUMERIC	x'31'	=	BLOB	1	0
cmp	NUMERIC	x'31'	<	BLOB	x'31'	0
cmp	NUMERIC	x'31'	=	BLOB	10	0
cmp	NUMERIC	x'31'	=	BLOB	'9'	0
cmp	NUMERIC	'01'	<	BLOB	1	0
cmp	NUMERIC	'01'	<	BLOB	10	1
cmp	NUMERIC	10	<	BLOB	1	0
cmp	NUMERIC	10	=	BLOB	'1.0'	0
cmp	NUMERIC	'10'	<	BLOB	NULL	NULL
cmp	NUMERIC	'9'	=	BLOB	1	0
cmp	NUMERIC	'9'	<	BLOB	1.0	0
cmp	NUMERIC	'9'	=	BLOB	1.5	0
cmp	NUMERIC	'9'	=	BLOB	'1.0'	0
cmp	NUMERIC	'9'	<	BLOB	'9'	0
cmp	NUMERIC	9	<	BLOB	'1.0'	0
cmp	NUMERIC	9	<	BLOB	'abc'	1
cmp	NUMERIC	NULL	<	REAL	1.0	NULL
cmp	NUMERIC	NULL	=	REAL	'1.0'	NULL
cmp	NUMERIC	NULL	<	REAL	'1.0'	NULL
cmp	NUMERIC	NULL	=	REAL	10	NULL
cmp	NUMERIC	NULL	<	REAL	10	NULL
cmp	NUMERIC	NULL	=	REAL	'10'	NULL
cmp	NUMERIC	1	<	REAL	1.5	1
cmp	NUMERIC	1	<	REAL	9	1
cmp	NUMERIC	1.0	=	REAL	1.5	0
cmp	NUMERIC	1.0	=	REAL	'1'	1
cmp	NUMERIC	1.0	<	REAL	'1'	0
cmp	NUMERIC	1.0	=	REAL	'abc'	0
cmp	NUMERIC	1.0	=	REAL	9	0
cmp	NUMERIC	1.5	<	REAL	1	0
cmp	NUMERIC	1.5	<	REAL	x'31'	1
cmp	NUMERIC	1.5	<	REAL	'01'	0
cmp	NUMERIC	1.5	=	REAL	10	0
cmp	NUMERIC	1.5	=	REAL	'9'	0
cmp	NUMERIC	'1'	<	REAL	1	0
cmp	NUMERIC	'1'	=	REAL	' 1 '	1
cmp	NUMERIC	'1'	=	REAL	'9'	0
cmp	NUMERIC	'1'	<	REAL	9	1
cmp	NUMERIC	'1.0'	=	REAL	1	1
cmp	NUMERIC	'1.0'	<	REAL	1	0
cmp	NUMERIC	'1.0'	<	REAL	'1.0'	0
cmp	NUMERIC	'1.0'	=	REAL	10	0
cmp	NUMERIC	' 1 '	<	REAL	'10'	1
cmp	NUMERIC	'abc'	<	REAL	' 1 '	0
cmp	NUMERIC	'abc'	=	REAL	10	0
cmp	NUMERIC	'1abc'	=	REAL	1.5	0
cmp	NUMERIC	'1abc'	<	REAL	'1'	0
cmp	NUMERIC	'1abc'	<	REAL	'10'	0
cmp	NUMERIC	'1abc'	<	REAL	'9'	0
cmp	NUMERIC	x'31'	=	REAL	'abc'	0
cmp	NUMERIC	x'31'	<	REAL	'abc'	0
cmp	NUMERIC	'01'	<	REAL	1.5	1
cmp	NUMERIC	'01'	=	REAL	'1.0'	1
cmp	NUMERIC	'01'	=	REAL	x'31'	0
cmp	NUMERIC	'01'	<	REAL	'01'	0
cmp	NUMERIC	10	<	REAL	1	0
cmp	NUMERIC	10	<	REAL	'1abc'	1
cmp	NUMERIC	10	<	REAL	'10'	0
cmp	NUMERIC	10	=	REAL	9	0
cmp	NUMERIC	'10'	=	REAL	1	0
cmp	NUMERIC	'10'	=	REAL	' 1 '	0
cmp	NUMERIC	'10'	=	REAL	x'31'	0
cmp	NUMERIC	'10'	<	REAL	x'31'	1
cmp	NUMERIC	'10'	=	REAL	'10'	1
cmp	NUMERIC	'9'	=	REAL	NULL	NULL
cmp	NUMERIC	'9'	<	REAL	1.5	0
cmp	NUMERIC	'9'	<	REAL	'abc'	1
cmp	NUMERIC	'9'	=	REAL	'01'	0
cmp	NUMERIC	'9'	=	REAL	10	0
cmp	NUMERIC	9	=	REAL	'1'	0
cmp	NUMERIC	9	<	REAL	'1abc'	1
cmp	NUMERIC	9	<	REAL	'9'	0
cmp	NUMERIC	NULL	=	NUMERIC	NULL	NULL
cmp	NUMERIC	NULL	<	NUMERIC	NULL	NULL
cmp	NUMERIC	NULL	=	NUMERIC	'9'	NULL
cmp	NUMERIC	1	=	NUMERIC	1	1
cmp	NUMERIC	1	<	NUMERIC	1.0	0
cmp	NUMERIC	1	<	NUMERIC	'1.0'	0
cmp	NUMERIC	1	=	NUMERIC	x'31'	0
cmp	NUMERIC	1	<	NUMERIC	x'31'	1
cmp	NUMERIC	1	=	NUMERIC	10	0
cmp	NUMERIC	1.0	=	NUMERIC	NULL	NULL
cmp	NUMERIC	1.0	<	NUMERIC	NULL	NULL
cmp	NUMERIC	1.0	=	NUMERIC	1.5	0
cmp	NUMERIC	1.0	<	NUMERIC	'abc'	1
cmp	NUMERIC	1.5	<	NUMERIC	1.5	0
cmp	NUMERIC	1.5	<	NUMERIC	'10'	1
cmp	NUMERIC	1.5	=	NUMERIC	9	0
cmp	NUMERIC	'1'	<	NUMERIC	'abc'	1
cmp	NUMERIC	'1'	<	NUMERIC	x'31'	1
cmp	NUMERIC	'1'	=	NUMERIC	'9'	0
cmp	NUMERIC	'1.0'	<	NUMERIC	1	0
cmp	NUMERIC	'1.0'	<	NUMERIC	x'31'	1
cmp	NUMERIC	'1.0'	<	NUMERIC	'10'	1
cmp	NUMERIC	' 1 '	=	NUMERIC	1.0	1
cmp	NUMERIC	' 1 '	=	NUMERIC	'1.0'	1
cmp	NUMERIC	' 1 '	<	NUMERIC	' 1 '	0
cmp	NUMERIC	' 1 '	<	NUMERIC	10	1
cmp	NUMERIC	'abc'	=	NUMERIC	' 1 '	0
cmp	NUMERIC	'1abc'	<	NUMERIC	NULL	NULL
cmp	NUMERIC	'1abc'	=	NUMERIC	'1'	0
cmp	NUMERIC	'1abc'	<	NUMERIC	'1abc'	0
cmp	NUMERIC	'1abc'	=	NUMERIC	'10'	0
cmp	NUMERIC	x'31'	<	NUMERIC	1	0
cmp	NUMERIC	x'31'	<	NUMERIC	'1.0'	0
cmp	NUMERIC	'01'	=	NUMERIC	'1'	1
cmp	NUMERIC	'01'	=	NUMERIC	' 1 '	1
cmp	NUMERIC	10	<	NUMERIC	x'31'	1
cmp	NUMERIC	10	=	NUMERIC	10	1
cmp	NUMERIC	10	=	NUMERIC	'10'	1
cmp	NUMERIC	'10'	=	NUMERIC	'abc'	0
cmp	NUMERIC	'10'	=	NUMERIC	x'31'	0
cmp	NUMERIC	'10'	<	NUMERIC	'01'	0
cmp	NUMERIC	'10'	=	NUMERIC	'9'	0
cmp	NUMERIC	'9'	=	NUMERIC	'01'	0
cmp	NUMERIC	'9'	=	NUMERIC	'9'	1
cmp	NUMERIC	'9'	<	NUMERIC	9	0
cmp	NUMERIC	9	=	NUMERIC	NULL	NULL
cmp	NUMERIC	9	<	NUMERIC	1	0
cmp	NUMERIC	9	=	NUMERIC	'1.0'	0
cmp	NUMERIC	9	<	NUMERIC	x'31'	1
cmp	NUMERIC	9	=	NUMERIC	9	1
cmp	NUMERIC	NULL	<	-	NULL	NULL
cmp	NUMERIC	NULL	<	-	'1'	NULL
cmp	NUMERIC	NULL	=	-	'9'	NULL
cmp	NUMERIC	1.0	=	-	'1'	1
cmp	NUMERIC	1.0	=	-	'abc'	0
cmp	NUMERIC	1.5	<	-	NULL	NULL
cmp	NUMERIC	1.5	=	-	1.5	1
cmp	NUMERIC	'1'	<	-	NULL	NULL
cmp	NUMERIC	'1'	<	-	'9'	1
cmp	NUMERIC	'1'	<	-	9	1
cmp	NUMERIC	'1.0'	<	-	'1'	0
cmp	NUMERIC	' 1 '	<	-	1.0	0
cmp	NUMERIC	' 1 '	=	-	' 1 '	1
cmp	NUMERIC	' 1 '	=	-	x'31'	0
cmp	NUMERIC	' 1 '	<	-	'10'	1
cmp	NUMERIC	' 1 '	<	-	9	1
cmp	NUMERIC	'abc'	<	-	1	0
cmp	NUMERIC	'abc'	=	-	'1.0'	0
cmp	NUMERIC	'abc'	<	-	'abc'	0
cmp	NUMERIC	'abc'	=	-	'01'	0
cmp	NUMERIC	'abc'	<	-	10	0
cmp	NUMERIC	'abc'	<	-	'10'	0
cmp	NUMERIC	'1abc'	<	-	'1.0'	0
cmp	NUMERIC	x'31'	<	-	9	0
cmp	NUMERIC	'01'	<	-	'1'	0
cmp	NUMERIC	10	=	-	'1.0'	0
cmp	NUMERIC	10	=	-	' 1 '	0
cmp	NUMERIC	10	<	-	'1abc'	1
cmp	NUMERIC	10	<	-	x'31'	1
cmp	NUMERIC	'10'	=	-	NULL	NULL
cmp	NUMERIC	'10'	=	-	1.0	0
cmp	NUMERIC	'10'	<	-	'1'	0
cmp	NUMERIC	'10'	=	-	'1.0'	0
cmp	NUMERIC	9	=	-	'10'	0
cmp	NUMERIC	9	=	-	'9'	1
cmp	NUMERIC	9	<	-	9	0
cmp	-	NULL	<	-	x'31'	NULL
cmp	-	NULL	=	-	'01'	NULL
cmp	-	1	=	-	1	1
cmp	-	1	=	-	1.0	1
cmp	-	1	=	-	'1abc'	0
cmp	-	1.0	<	-	'10'	1
cmp	-	1.5	=	-	'9'	0
cmp	-	1.5	<	-	'9'	1
cmp	-	'1'	=	-	1	0
cmp	-	'1'	=	-	x'31'	0
cmp	-	'1'	=	-	'01'	0
cmp	-	'1'	<	-	'01'	0
cmp	-	'1.0'	<	-	'1'	0
cmp	-	'1.0'	=	-	' 1 '	0
cmp	-	'1.0'	=	-	'9'	0
cmp	-	' 1 '	<	-	10	0
cmp	-	' 1 '	<	-	'10'	1
cmp	-	'abc'	=	-	NULL	NULL
cmp	-	'abc'	=	-	1.5	0
cmp	-	'abc'	<	-	'1'	0
cmp	-	'abc'	<	-	' 1 '	0
cmp	-	'abc'	=	-	'abc'	1
cmp	-	'abc'	=	-	10	0
cmp	-	'abc'	<	-	'10'	0
cmp	-	'1abc'	<	-	9	0
cmp	-	x'31'	<	-	1.0	0
cmp	-	x'31'	=	-	'01'	0
cmp	-	x'31'	=	-	10	0
cmp	-	x'31'	<	-	'9'	0
cmp	-	x'31'	<	-	9	0
cmp	-	'01'	<	-	1	0
cmp	-	'01'	<	-	'01'	0
cmp	-	'01'	=	-	'10'	0
cmp	-	10	=	-	1	0
cmp	-	10	<	-	1.5	0
cmp	-	10	=	-	' 1 '	0
cmp	-	10	<	-	'abc'	1
cmp	-	10	<	-	x'31'	1
cmp	-	10	<	-	10	0
cmp	-	'10'	<	-	1.0	0
cmp	-	'10'	<	-	'1.0'	0
cmp	-	'10'	<	-	'abc'	1
cmp	-	'10'	=	-	x'31'	0
cmp	-	'10'	<	-	x'31'	1
cmp	-	'10'	=	-	10	0
cmp	-	'9'	<	-	NULL	NULL
cmp	-	'9'	=	-	1	0
cmp	-	'9'	=	-	'1.0'	0
cmp	-	'9'	<	-	'1.0'	0
cmp	-	'9'	=	-	'abc'	0
cmp	-	'9'	<	-	'10'	0
cmp	-	9	<	-	1.0	0
cmp	-	9	<	-	1.5	0
cmp	-	9	<	-	' 1 '	1
cmp	-	9	<	-	x'31'	1
truth	NULL	NULL
truth	0	0
truth	1	1
truth	-1	1
truth	5.0	1
truth	-0.0	0
truth	1.5	1
truth	1e18	1
truth	1e20	1
truth	9223372036854775807	1
truth	-9223372036854775808	1
truth	9.3e18	1
truth	'5'	1
truth	' 12 '	1
truth	'1e5'	1
truth	'0x10'	0
truth	'12abc'	1
truth	'abc'	0
truth	''	0
truth	'1.0'	1
truth	'-0'	0
truth	'1e-400'	0
truth	'1e400'	1
truth	'9223372036854775807'	1
truth	'9223372036854775808'	1
truth	'  -7.00  '	1
truth	'1.5e3'	1
truth	'00012'	1
truth	'1e16'	1
truth	'.5'	1
truth	'5.'	1
truth	'1e'	1
truth	'3.9'	1
truth	x'3132'	1
truth	x''	0
truth	'héllo'	0
truth	'4503599627370497'	1
truth	'2251799813685248.0'	1
truth	'-2251799813685248.0'	1
truth	1e-7	1
truth	123456789012345678.0	1
truth	'0.0'	0
truth	'0.5'	1
truth	'-0.1x'	1
truth	x'00'	0
truth	0.0	0
truth	'0'	0
truth	' 0'	0
"""#
