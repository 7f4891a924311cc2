// FunctionTests: operators, CAST, comparison and the scalar and aggregate functions against
// expectations produced by sqlite3 3.40.1.
//
// `sqliteCases` (at the end of this file) holds lines "EXPR<TAB>EXPECTED", where EXPECTED is what
// sqlite3 3.40.1 (the system libsqlite3, through Python's sqlite3 module) returned for
//     select typeof(EXPR)||':'||quote(EXPR)
// or "error:" and its message. The expressions are every operator over pairs of edge values
// (NULL, 0, +-1, Int64 limits, -0.0, 1.5, 1e20, 'abc', '12abc', '1e3', ' 12 ', 'héllo', blobs),
// CAST to each type, and each scalar function over such arguments: a sample of 3,100 from a run of
// 13,642 that all agreed. The test evaluates EXPR with Strata's functions (a tiny reader of
// literals, one operator, CAST and calls stands in for the parser) and formats the result the
// same way.

import Testing

@testable import StrataCatalog
@testable import StrataCore
@testable import StrataSQL

/// Evaluates the small expressions of the case tables.
struct CaseExpression {
    private let bytes: [UInt8]
    private var p = 0

    /// "typeof:quote" of the expression's value, or "error:message".
    static func evaluate(_ text: String) -> String {
        var reader = CaseExpression(bytes: Array(text.utf8))
        do {
            let v = try reader.expression()
            reader.skipSpaces()
            if reader.p != reader.bytes.count { return "unparsed: \(text)" }
            return v.typeName + ":" + ScalarFunctions.quote(v)
        } catch let e as StrataError {
            return "error:" + e.message
        } catch {
            return "unparsed: \(text) (\(error))"
        }
    }

    /// The value of a literal (or any expression this reader knows).
    static func value(_ text: String) throws -> Value {
        var reader = CaseExpression(bytes: Array(text.utf8))
        return try reader.expression()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    struct ParseFailure: Error { let at: Int }

    private var current: UInt8 { p < bytes.count ? bytes[p] : 0 }

    private mutating func skipSpaces() { while current == 0x20 { p += 1 } }

    private mutating func take(_ s: String) -> Bool {
        skipSpaces()
        let b = Array(s.utf8)
        guard p + b.count <= bytes.count else { return false }
        for k in 0..<b.count where asciiLower(bytes[p + k]) != asciiLower(b[k]) { return false }
        p += b.count
        return true
    }

    private mutating func expect(_ s: String) throws {
        guard take(s) else { throw ParseFailure(at: p) }
    }

    mutating func expression() throws -> Value {
        let left = try operand()
        skipSpaces()
        let ops = ["||", "<<", ">>", "<", ">", "=", "+", "-", "*", "/", "%", "&", "|", "IS "]
        for op in ops where take(op) {
            let right = try operand()
            return try apply(op, left, right)
        }
        return left
    }

    private func apply(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        func truth(_ c: Int?, _ f: (Int) -> Bool) -> Value { c.map { .integer(f($0) ? 1 : 0) } ?? .null }
        switch op {
        case "+": return SQLArithmetic.add(a, b)
        case "-": return SQLArithmetic.subtract(a, b)
        case "*": return SQLArithmetic.multiply(a, b)
        case "/": return SQLArithmetic.divide(a, b)
        case "%": return SQLArithmetic.remainder(a, b)
        case "&": return SQLArithmetic.bitAnd(a, b)
        case "|": return SQLArithmetic.bitOr(a, b)
        case "<<": return SQLArithmetic.shiftLeft(a, b)
        case ">>": return SQLArithmetic.shiftRight(a, b)
        case "||": return SQLArithmetic.concat(a, b)
        case "<": return truth(sqlCompare(a, b)) { $0 < 0 }
        case ">": return truth(sqlCompare(a, b)) { $0 > 0 }
        case "=": return truth(sqlCompare(a, b)) { $0 == 0 }
        case "IS ": return .integer(isSame(a, b) ? 1 : 0)
        default: throw ParseFailure(at: p)
        }
    }

    private mutating func operand() throws -> Value {
        skipSpaces()
        let c = current
        if c == UInt8(ascii: "-") && p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: "(") {
            p += 2
            let v = try expression()
            try expect(")")
            return SQLArithmetic.negate(v)
        }
        if c == UInt8(ascii: "~") {
            p += 1
            try expect("(")
            let v = try expression()
            try expect(")")
            return SQLArithmetic.bitNot(v)
        }
        if c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") {
            return number()
        }
        if c == UInt8(ascii: "'") { return .text(quoted()) }
        if (c == UInt8(ascii: "x") || c == UInt8(ascii: "X")) && p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: "'") {
            p += 1
            let hex = Array(quoted().utf8)
            var out: [UInt8] = []
            var k = 0
            while k + 1 < hex.count {
                out.append(UInt8(String(decoding: hex[k...k + 1], as: UTF8.self), radix: 16)!)
                k += 2
            }
            return .blob(out)
        }
        if take("NULL") {
            if (current >= UInt8(ascii: "a") && current <= UInt8(ascii: "z")) || current == UInt8(ascii: "_") {
                p -= 4
            } else {
                return .null
            }
        }
        if take("cast(") {
            let v = try expression()
            try expect("as")
            skipSpaces()
            let start = p
            while current >= UInt8(ascii: "a") && current <= UInt8(ascii: "z") { p += 1 }
            let type = String(decoding: bytes[start..<p], as: UTF8.self)
            try expect(")")
            return v.cast(to: Affinity(declaredType: type))
        }
        // A call.
        let start = p
        while (current >= UInt8(ascii: "a") && current <= UInt8(ascii: "z")) || current == UInt8(ascii: "_") { p += 1 }
        let name = String(decoding: bytes[start..<p], as: UTF8.self)
        try expect("(")
        var args: [Value] = []
        if !take(")") {
            repeat { args.append(try expression()) } while take(",")
            try expect(")")
        }
        guard let f = scalarFunction(named: name, arity: args.count) else {
            throw StrataError(.syntaxError, "no function \(name)/\(args.count)")
        }
        return try f.call(args)
    }

    private mutating func number() -> Value {
        let start = p
        if current == UInt8(ascii: "-") { p += 1 }
        var isReal = false
        while true {
            let c = current
            if c >= 0x30 && c <= 0x39 {
                p += 1
            } else if c == UInt8(ascii: ".") {
                isReal = true
                p += 1
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                isReal = true
                p += 1
                if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") { p += 1 }
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<p], as: UTF8.self)
        if !isReal, let i = Int64(text) { return .integer(i) }
        return .real(Value.text(text).realValue)
    }

    private mutating func quoted() -> String {
        p += 1
        var out: [UInt8] = []
        while p < bytes.count {
            if bytes[p] == UInt8(ascii: "'") {
                if p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: "'") {
                    out.append(bytes[p])
                    p += 2
                    continue
                }
                p += 1
                break
            }
            out.append(bytes[p])
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

@Suite struct SQLiteCaseTableTests {
    /// Every line of `sqliteCases` evaluates to what sqlite3 printed.
    @Test func everyCaseMatchesSQLite() {
        var failures: [String] = []
        var count = 0
        for line in sqliteCases.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let expression = String(line[..<tab])
            let expected = String(line[line.index(after: tab)...])
            count += 1
            let actual = CaseExpression.evaluate(expression)
            if actual != expected { failures.append("\(expression): expected \(expected), got \(actual)") }
        }
        #expect(count > 1000)
        if !failures.isEmpty {
            Issue.record("\(failures.count) of \(count) differ:\n\(failures.prefix(60).joined(separator: "\n"))")
        }
    }
}

/// Runs one aggregate over `rows` (one argument list per row) and renders "typeof:quote".
private func aggregate(_ name: String, _ rows: [[Value]], collation: Collation = .binary) -> String {
    guard let f = aggregateFunction(named: name, arity: rows.first?.count ?? 1) else { return "no function" }
    var acc = f.makeAccumulator(collation: collation)
    do {
        for row in rows { try acc.step(row) }
    } catch {
        return "error:" + error.message
    }
    let v = acc.finish()
    return v.typeName + ":" + ScalarFunctions.quote(v)
}

@Suite struct AggregateTests {
    // create table t(x); insert into t values(1),(2.5),(null),('3'),('abc'),(x'34');
    // select count(x), count(*), sum(x), total(x), avg(x), min(x), max(x), group_concat(x),
    //   group_concat(x, '-'), group_concat(x, null) from t;
    // 5|6|10.5|10.5|2.1|1|4|1,2.5,3,abc,4|1-2.5-3-abc-4|12.53abc4   (max is the blob x'34')
    static let mixed: [Value] = [.integer(1), .real(2.5), .null, .text("3"), .text("abc"), .blob([0x34])]

    @Test func mixedColumn() {
        let rows = Self.mixed.map { [$0] }
        #expect(aggregate("count", rows) == "integer:5")
        #expect(aggregate("count", Self.mixed.map { _ in [] }) == "integer:6")
        #expect(aggregate("sum", rows) == "real:10.5")
        #expect(aggregate("total", rows) == "real:10.5")
        #expect(aggregate("avg", rows) == "real:2.1")
        #expect(aggregate("min", rows) == "integer:1")
        #expect(aggregate("max", rows) == "blob:X'34'")
        #expect(aggregate("group_concat", rows) == "text:'1,2.5,3,abc,4'")
        #expect(aggregate("group_concat", Self.mixed.map { [$0, .text("-")] }) == "text:'1-2.5-3-abc-4'")
        #expect(aggregate("group_concat", Self.mixed.map { [$0, .null] }) == "text:'12.53abc4'")
    }

    // select sum(x), total(x), avg(x), min(x), max(x), group_concat(x), count(x) from t where x is null;
    // ||0.0||||0  (NULLs, then 0.0 and 0)
    @Test func noRows() {
        #expect(aggregate("sum", [[.null]]) == "null:NULL")
        #expect(aggregate("total", []) == "real:0.0")
        #expect(aggregate("avg", [[.null]]) == "null:NULL")
        #expect(aggregate("min", []) == "null:NULL")
        #expect(aggregate("max", [[.null]]) == "null:NULL")
        #expect(aggregate("group_concat", [[.null]]) == "null:NULL")
        #expect(aggregate("count", [[.null]]) == "integer:0")
    }

    // select typeof(sum(x)), sum(x) from (select 1 x union all select '2' union all select 3);  integer|6
    // select sum(x) from (select '12abc' x);                                                  12.0
    // select quote(group_concat(x)) from (select '' x);                                       ''
    // select sum(x) from (select 9223372036854775807 x union all select 1);       Error: integer overflow
    // select sum(x) from (select 9223372036854775807 x union all select 1 union all select 1.5);
    //                                                                             Error: integer overflow
    // select quote(sum(x)) from (select 1.5 x union all select 9223372036854775807 union all select 1);
    //                                                                             9.2233720368547758078e+18
    // select quote(avg(x)), quote(total(x)) from (select 9223372036854775807 x union all select 9223372036854775807);
    //                                                 9.2233720368547758078e+18|1.84467440737095516156e+19
    // select quote(avg(x)), quote(sum(x)) from (select 0.1 x union all select 0.2 union all select 0.3);
    //                                                 2.00000000000000038857e-01|6.00000000000000088817e-01
    // select group_concat(x, x) from (select 1 x union all select 2 union all select 3);      12233
    @Test func sumsAndConcatenation() {
        #expect(aggregate("sum", [[.integer(1)], [.text("2")], [.integer(3)]]) == "integer:6")
        #expect(aggregate("sum", [[.text("12abc")]]) == "real:12.0")
        #expect(aggregate("group_concat", [[.text("")]]) == "text:''")
        #expect(aggregate("sum", [[.integer(.max)], [.integer(1)]]) == "error:integer overflow")
        #expect(aggregate("sum", [[.integer(.max)], [.integer(1)], [.real(1.5)]]) == "error:integer overflow")
        #expect(aggregate("sum", [[.real(1.5)], [.integer(.max)], [.integer(1)]]) == "real:9.2233720368547758078e+18")
        #expect(aggregate("avg", [[.integer(.max)], [.integer(.max)]]) == "real:9.2233720368547758078e+18")
        #expect(aggregate("total", [[.integer(.max)], [.integer(.max)]]) == "real:1.84467440737095516156e+19")
        #expect(aggregate("avg", [[.real(0.1)], [.real(0.2)], [.real(0.3)]]) == "real:2.00000000000000038857e-01")
        #expect(aggregate("sum", [[.real(0.1)], [.real(0.2)], [.real(0.3)]]) == "real:6.00000000000000088817e-01")
        #expect(aggregate("group_concat", [1, 2, 3].map { [Value.integer($0), .integer($0)] }) == "text:'12233'")
    }

    // select quote(max(x)), quote(min(x)) from (select 'a' x union all select 'B' union all select 'b');  'b'|'B'
    // select quote(max(x collate nocase)), quote(min(x collate nocase))
    //   from (select 'a' x union all select 'B' union all select 'b' union all select 'A');            'B'|'a'
    // select typeof(min(x)) from (select 1.0 x union all select 1);                                     real
    @Test func minMaxKeepTheFirstOfEquals() {
        let letters: [[Value]] = [[.text("a")], [.text("B")], [.text("b")]]
        #expect(aggregate("max", letters) == "text:'b'")
        #expect(aggregate("min", letters) == "text:'B'")
        let folded = letters + [[.text("A")]]
        #expect(aggregate("max", folded, collation: .nocase) == "text:'B'")
        #expect(aggregate("min", folded, collation: .nocase) == "text:'a'")
        #expect(aggregate("min", [[.real(1)], [.integer(1)]]) == "real:1.0")
        var acc = MinMaxAccumulator(isMax: true)
        let changes = [Value.integer(1), .integer(3), .real(3), .null].map { acc.step([$0]) }
        #expect(changes == [true, true, false, false])
    }

    // select count(distinct x), sum(distinct x), group_concat(distinct x)
    //   from (select 1 x union all select 1.0 union all select 2 union all select '1');  3|4|1,2,1
    // select count(distinct x), quote(group_concat(distinct x))
    //   from (select 'a' x union all select 'A' union all select 'a');                   2|'a,A'
    @Test func distinctThroughValueSet() throws {
        var seen = ValueSet()
        var count = AggregateFunction(kind: .count).makeAccumulator()
        var sum = AggregateFunction(kind: .sum).makeAccumulator()
        var concat = AggregateFunction(kind: .groupConcat).makeAccumulator()
        for v: Value in [.integer(1), .real(1), .integer(2), .text("1")] where seen.insert(v) {
            try count.step([v])
            try sum.step([v])
            try concat.step([v])
        }
        #expect(count.finish() == .integer(3))
        #expect(sum.finish() == .integer(4))
        #expect(concat.finish() == .text("1,2,1"))
        var letters = ValueSet()
        var folded = ValueSet(collations: [.nocase])
        var distinctLetters = 0, distinctFolded = 0
        for v: Value in [.text("a"), .text("A"), .text("a")] {
            if letters.insert(v) { distinctLetters += 1 }
            if folded.insert(v) { distinctFolded += 1 }
        }
        #expect(distinctLetters == 2)
        #expect(distinctFolded == 1)
    }

    @Test func registry() {
        #expect(aggregateFunction(named: "COUNT", arity: 0)?.kind == .countAll)
        #expect(aggregateFunction(named: "group_concat", arity: 3) == nil)
        #expect(aggregateFunction(named: "String_Agg", arity: 2)?.kind == .groupConcat)
        #expect(aggregateFunction(named: "string_agg", arity: 1) == nil)
        #expect(isAggregateFunctionName("string_agg"))
        #expect(aggregateFunction(named: "min", arity: 2) == nil)
        #expect(scalarFunction(named: "min", arity: 1) == nil)
        #expect(scalarFunction(named: "Min", arity: 3)?.kind == .min)
        #expect(scalarFunction(named: "coalesce", arity: 1) == nil)
        #expect(isScalarFunctionName("coalesce"))
        #expect(scalarFunction(named: "random", arity: 0)?.isDeterministic == false)
        #expect(scalarFunction(named: "abs", arity: 1)?.isDeterministic == true)
        #expect(scalarFunction(named: "no_such", arity: 1) == nil)
    }
}

@Suite struct ScalarFunctionTests {
    // sqlite3 :memory: "select typeof(random()), length(randomblob(0)), length(randomblob(5)), hex(zeroblob(3))"
    // integer|1|5|000000
    @Test func randomness() throws {
        #expect(ScalarFunctions.random() != Int64.min)
        #expect(try ScalarFunctions.randomblob(.integer(0)) != .blob([]))
        if case .blob(let b) = try ScalarFunctions.randomblob(.integer(5)) { #expect(b.count == 5) }
        #expect(try ScalarFunctions.zeroblob(.integer(3)) == .blob([0, 0, 0]))
    }

    // sqlite3 :memory: "select 'a' like 'a' escape 'xy'"  -> Error: ESCAPE expression must be a single character
    // sqlite3 :memory: "select like('a', 'a', null)"      -> (NULL)
    @Test func likeEscapeErrors() throws {
        #expect(throws: StrataError.self) { try ScalarFunctions.like(.text("a"), .text("a"), escape: .text("xy")) }
        #expect(try ScalarFunctions.like(.text("a"), .text("a"), escape: .null) == .null)
        let long = Value.text(String(repeating: "%", count: 50_001))
        #expect(throws: StrataError.self) { try ScalarFunctions.like(long, .text("a"), escape: nil) }
    }

    // A pathological pattern still ends: '%a%a%a...' against a long run of 'a' then 'b'.
    @Test func likeOnPathologicalPatternTerminates() {
        let pattern = String(repeating: "%a", count: 8) + "%c"
        let text = String(repeating: "a", count: 40) + "b"
        #expect(!PatternMatch.like(pattern, text))
    }
}

// swift-format-ignore
private let sqliteCases = #"""
NULL + -2.5	null:NULL
NULL + 'abc'	null:NULL
NULL + ' 12 '	null:NULL
0 + NULL	null:NULL
0 + 1	integer:1
0 + -3	integer:-3
1 + 0	integer:1
1 + 0.0	real:1.0
1 + '1e3'	real:1001.0
1 + 64	integer:65
-1 + 0	integer:-1
-1 + -1	integer:-2
-1 + 7	integer:6
-1 + '12abc'	integer:11
7 + 7	integer:14
7 + 1e20	real:1.0e+20
7 + 'abc'	integer:7
-3 + '1e3'	real:997.0
-3 + ' 12 '	integer:9
9223372036854775807 + 7	real:9.2233720368547758078e+18
9223372036854775807 + 'abc'	integer:9223372036854775807
9223372036854775807 + ' 12 '	real:9.2233720368547758078e+18
-9223372036854775808 + 9223372036854775807	integer:-1
-9223372036854775808 + -9223372036854775808	real:-1.84467440737095516156e+19
-9223372036854775808 + 1e20	real:9.07766279631452241948e+19
-9223372036854775808 + x'3132'	integer:-9223372036854775796
0.0 + '3.9'	real:3.9
1.5 + -3	real:-1.5
1.5 + -9223372036854775808	real:-9.2233720368547758078e+18
1.5 + '3.9'	real:5.4
1e20 + 1e20	real:2.0e+20
1e20 + 'abc'	real:1.0e+20
1e20 + '1e3'	real:1.0e+20
1e20 + -64	real:1.0e+20
'abc' + 0	integer:0
'abc' + -3	integer:-3
'abc' + '3.9'	real:3.9
'12abc' + 0.0	real:12.0
'1e3' + '3.9'	real:1003.9
' 12 ' + NULL	null:NULL
' 12 ' + 1	integer:13
' 12 ' + '3.9'	real:15.9
'3.9' + x'3132'	real:15.9
x'3132' + 7	integer:19
64 + 0	integer:64
64 + 0.0	real:64.0
-64 + 63	integer:-1
63 + 9223372036854775807	real:9.2233720368547758078e+18
63 + 1e20	real:1.0e+20
63 + x'3132'	integer:75
63 + 64	integer:127
63 + -64	integer:-1
NULL - 0.0	null:NULL
NULL - 1.5	null:NULL
NULL - 64	null:NULL
0 - -9223372036854775808	real:9.2233720368547758078e+18
1 - -2.5	real:3.5
1 - '12abc'	integer:-11
-1 - 1.5	real:-2.5
-1 - '1e3'	real:-1001.0
-1 - x'3132'	integer:-13
7 - 9223372036854775807	integer:-9223372036854775800
7 - 1.5	real:5.5
7 - '3.9'	real:3.1
-3 - -9223372036854775808	integer:9223372036854775805
-3 - 1.5	real:-4.5
-3 - ' 12 '	integer:-15
-3 - 64	integer:-67
9223372036854775807 - -2.5	real:9.2233720368547758078e+18
9223372036854775807 - '1e3'	real:9.22337203685477478431e+18
-9223372036854775808 - 0.0	real:-9.2233720368547758078e+18
0.0 - -1	real:1.0
0.0 - 7	real:-7.0
0.0 - 0.0	real:0.0
0.0 - -2.5	real:2.5
0.0 - 1e20	real:-1.0e+20
1.5 - NULL	null:NULL
1.5 - 0	real:1.5
1.5 - 64	real:-62.5
1.5 - 63	real:-61.5
-2.5 - NULL	null:NULL
-2.5 - 9223372036854775807	real:-9.2233720368547758078e+18
-2.5 - 1.5	real:-4.0
-2.5 - 64	real:-66.5
'abc' - -3	integer:3
'abc' - 'abc'	integer:0
'abc' - ' 12 '	integer:-12
'abc' - '3.9'	real:-3.9
'abc' - -64	integer:64
'1e3' - -64	real:1064.0
' 12 ' - NULL	null:NULL
' 12 ' - 7	integer:5
' 12 ' - 0.0	real:12.0
' 12 ' - 1.5	real:10.5
'3.9' - 1e20	real:-1.0e+20
x'3132' - NULL	null:NULL
x'3132' - 64	integer:-52
64 - 0	integer:64
64 - 7	integer:57
64 - '1e3'	real:-936.0
-64 - 1	integer:-65
-64 - 0.0	real:-64.0
-64 - '1e3'	real:-1064.0
-64 - 63	integer:-127
63 - 63	integer:0
NULL * 0	null:NULL
NULL * 0.0	null:NULL
NULL * '12abc'	null:NULL
0 * 1	integer:0
0 * 1.5	real:0.0
0 * '12abc'	integer:0
1 * '1e3'	real:1000.0
7 * 0	integer:0
7 * 1	integer:7
7 * '12abc'	integer:84
-3 * 7	integer:-21
9223372036854775807 * -9223372036854775808	real:-8.50705917302346158615e+37
9223372036854775807 * ' 12 '	real:1.10680464442257309697e+20
9223372036854775807 * 63	real:5.81072438321850875909e+20
-9223372036854775808 * 9223372036854775807	real:-8.50705917302346158615e+37
-9223372036854775808 * x'3132'	real:-1.10680464442257309697e+20
0.0 * 0	real:0.0
0.0 * -3	real:0.0
0.0 * 1e20	real:0.0
0.0 * 'abc'	real:0.0
1.5 * '12abc'	real:18.0
1.5 * '1e3'	real:1500.0
-2.5 * -1	real:2.5
1e20 * 0	real:0.0
1e20 * 9223372036854775807	real:9.22337203685477580693e+38
1e20 * 1e20	real:1.0e+40
1e20 * 63	real:6.3e+21
'12abc' * -2.5	real:-30.0
'12abc' * x'3132'	integer:144
'1e3' * 1	real:1000.0
'1e3' * -2.5	real:-2500.0
'1e3' * '3.9'	real:3900.0
' 12 ' * -1	integer:-12
' 12 ' * 0.0	real:0.0
' 12 ' * ' 12 '	integer:144
'3.9' * 0	real:0.0
'3.9' * 1	real:3.9
'3.9' * '3.9'	real:1.52099999999999990762e+01
'3.9' * -64	real:-249.6
64 * -1	integer:-64
64 * -9223372036854775808	real:-5.90295810358705651732e+20
-64 * NULL	null:NULL
-64 * -1	integer:64
-64 * 0.0	real:0.0
-64 * 1e20	real:-6.4e+21
-64 * '1e3'	real:-64000.0
63 * '12abc'	integer:756
63 * '1e3'	real:63000.0
NULL / 0.0	null:NULL
NULL / 1e20	null:NULL
0 / 0	null:NULL
0 / 1.5	real:0.0
0 / 'abc'	null:NULL
0 / '1e3'	real:0.0
0 / 63	integer:0
-1 / 0	null:NULL
-1 / 'abc'	null:NULL
-3 / 7	integer:0
-3 / -3	integer:1
-3 / 9223372036854775807	integer:0
-3 / 0.0	null:NULL
-3 / ' 12 '	integer:0
9223372036854775807 / 64	integer:144115188075855871
-9223372036854775808 / 0.0	null:NULL
-9223372036854775808 / -2.5	real:3.68934881474191052807e+18
-9223372036854775808 / 1e20	real:-9.22337203685477530212e-02
-9223372036854775808 / x'3132'	integer:-768614336404564650
0.0 / '1e3'	real:0.0
0.0 / 63	real:0.0
1.5 / 0.0	null:NULL
1.5 / 1.5	real:1.0
1.5 / 'abc'	null:NULL
-2.5 / 0	null:NULL
-2.5 / '12abc'	real:-2.08333333333333342585e-01
-2.5 / ' 12 '	real:-2.08333333333333342585e-01
-2.5 / '3.9'	real:-6.41025641025641079728e-01
1e20 / NULL	null:NULL
1e20 / -1	real:-1.0e+20
1e20 / '12abc'	real:8.33333333333333299217e+18
1e20 / -64	real:-1.5625e+18
'abc' / 1e20	real:0.0
'abc' / -64	integer:0
'12abc' / 1	integer:12
'12abc' / 'abc'	null:NULL
'1e3' / x'3132'	real:8.33333333333333285946e+01
' 12 ' / -9223372036854775808	integer:0
'3.9' / 'abc'	null:NULL
x'3132' / 1	integer:12
x'3132' / ' 12 '	integer:1
x'3132' / '3.9'	real:3.07692307692307709388e+00
x'3132' / 63	integer:0
64 / -3	integer:-21
64 / '1e3'	real:0.064
-64 / -3	integer:21
63 / 64	integer:0
NULL % '3.9'	null:NULL
NULL % 64	null:NULL
0 % -3	integer:0
1 % NULL	null:NULL
1 % 1e20	real:1.0
1 % 63	integer:1
-1 % 0	null:NULL
-1 % -3	integer:-1
-1 % 1.5	real:0.0
-1 % '3.9'	real:-1.0
7 % 0	null:NULL
7 % -9223372036854775808	integer:7
7 % x'3132'	integer:7
-3 % -1	integer:0
-3 % 7	integer:-3
-3 % 1.5	real:0.0
-3 % 1e20	real:-3.0
-3 % '12abc'	integer:-3
9223372036854775807 % 'abc'	null:NULL
9223372036854775807 % '1e3'	real:0.0
9223372036854775807 % -64	integer:63
-9223372036854775808 % -3	integer:-2
-9223372036854775808 % 0.0	null:NULL
0.0 % NULL	null:NULL
0.0 % 0	null:NULL
0.0 % -2.5	real:0.0
0.0 % 64	real:0.0
0.0 % 63	real:0.0
1.5 % 7	real:1.0
1.5 % 0.0	null:NULL
1.5 % '1e3'	real:0.0
-2.5 % NULL	null:NULL
-2.5 % -1	real:0.0
-2.5 % 7	real:-2.0
-2.5 % 0.0	null:NULL
-2.5 % 1.5	real:0.0
1e20 % NULL	null:NULL
1e20 % 1.5	real:0.0
'abc' % 'abc'	null:NULL
'12abc' % 7	integer:5
'12abc' % -9223372036854775808	integer:12
'12abc' % '3.9'	real:0.0
'1e3' % ' 12 '	real:1.0
' 12 ' % x'3132'	integer:0
'3.9' % -2.5	real:1.0
'3.9' % '12abc'	real:3.0
'3.9' % ' 12 '	real:3.0
'3.9' % x'3132'	real:3.0
x'3132' % NULL	null:NULL
x'3132' % 1	integer:0
x'3132' % -1	integer:0
x'3132' % -2.5	real:0.0
x'3132' % 63	integer:12
64 % '1e3'	real:0.0
-64 % NULL	null:NULL
-64 % -1	integer:0
-64 % 7	integer:-1
-64 % -9223372036854775808	integer:-64
-64 % 0.0	null:NULL
-64 % ' 12 '	integer:-4
-64 % '3.9'	real:-1.0
63 % 1	integer:0
NULL & 1e20	null:NULL
0 & 'abc'	integer:0
0 & ' 12 '	integer:0
1 & x'3132'	integer:0
1 & 63	integer:1
-1 & 1.5	integer:1
-1 & 1e20	integer:9223372036854775807
7 & 0.0	integer:0
7 & 1e20	integer:7
7 & '3.9'	integer:3
-3 & 1	integer:1
-3 & 7	integer:5
9223372036854775807 & '12abc'	integer:12
-9223372036854775808 & NULL	null:NULL
-9223372036854775808 & 9223372036854775807	integer:0
-9223372036854775808 & '12abc'	integer:0
1.5 & 7	integer:1
1.5 & 'abc'	integer:0
1.5 & '1e3'	integer:1
-2.5 & 7	integer:6
-2.5 & ' 12 '	integer:12
1e20 & 63	integer:63
'abc' & 1.5	integer:0
'abc' & -2.5	integer:0
'12abc' & '12abc'	integer:12
'1e3' & 7	integer:1
'1e3' & 0.0	integer:0
'1e3' & 1.5	integer:1
' 12 ' & NULL	null:NULL
' 12 ' & -1	integer:12
' 12 ' & -3	integer:12
' 12 ' & 9223372036854775807	integer:12
' 12 ' & 1.5	integer:0
' 12 ' & '3.9'	integer:0
x'3132' & 64	integer:0
64 & -9223372036854775808	integer:0
63 & -3	integer:61
63 & '1e3'	integer:1
NULL | 1	null:NULL
NULL | -1	null:NULL
NULL | 1.5	null:NULL
1 | 7	integer:7
1 | 9223372036854775807	integer:9223372036854775807
1 | -2.5	integer:-1
1 | 1e20	integer:9223372036854775807
1 | '3.9'	integer:3
1 | x'3132'	integer:13
1 | 64	integer:65
-1 | 'abc'	integer:-1
-1 | '3.9'	integer:-1
7 | ' 12 '	integer:15
7 | x'3132'	integer:15
-3 | '12abc'	integer:-3
9223372036854775807 | 0	integer:9223372036854775807
9223372036854775807 | -1	integer:-1
9223372036854775807 | -9223372036854775808	integer:-1
-9223372036854775808 | -1	integer:-1
-9223372036854775808 | -9223372036854775808	integer:-9223372036854775808
-9223372036854775808 | 'abc'	integer:-9223372036854775808
-9223372036854775808 | 64	integer:-9223372036854775744
-9223372036854775808 | -64	integer:-64
0.0 | 1	integer:1
0.0 | '12abc'	integer:12
1.5 | -3	integer:-3
1.5 | x'3132'	integer:13
-2.5 | NULL	null:NULL
-2.5 | 0	integer:-2
-2.5 | '3.9'	integer:-1
-2.5 | 64	integer:-2
1e20 | -3	integer:-1
1e20 | 1.5	integer:9223372036854775807
1e20 | -2.5	integer:-1
1e20 | '12abc'	integer:9223372036854775807
1e20 | '1e3'	integer:9223372036854775807
1e20 | 64	integer:9223372036854775807
1e20 | -64	integer:-1
'abc' | 0	integer:0
'abc' | '12abc'	integer:12
'abc' | x'3132'	integer:12
'12abc' | 0.0	integer:12
'12abc' | -64	integer:-52
'1e3' | x'3132'	integer:13
' 12 ' | '12abc'	integer:12
' 12 ' | '1e3'	integer:13
' 12 ' | ' 12 '	integer:12
' 12 ' | 63	integer:63
'3.9' | -64	integer:-61
x'3132' | -3	integer:-3
x'3132' | 9223372036854775807	integer:9223372036854775807
x'3132' | -9223372036854775808	integer:-9223372036854775796
x'3132' | '1e3'	integer:13
x'3132' | '3.9'	integer:15
x'3132' | 64	integer:76
x'3132' | 63	integer:63
64 | 64	integer:64
-64 | -1	integer:-1
-64 | 63	integer:-1
63 | 0	integer:63
63 | '12abc'	integer:63
63 | 63	integer:63
NULL << 7	null:NULL
NULL << 1.5	null:NULL
NULL << -2.5	null:NULL
NULL << '3.9'	null:NULL
0 << 1	integer:0
0 << -2.5	integer:0
1 << 9223372036854775807	integer:0
1 << -9223372036854775808	integer:0
-1 << 63	integer:-9223372036854775808
7 << 7	integer:896
7 << 0.0	integer:7
7 << 63	integer:-9223372036854775808
-3 << 7	integer:-384
-3 << -3	integer:-1
-3 << 0.0	integer:-3
-3 << 'abc'	integer:-3
9223372036854775807 << 0	integer:9223372036854775807
9223372036854775807 << -1	integer:4611686018427387903
9223372036854775807 << 7	integer:-128
-9223372036854775808 << 7	integer:0
-9223372036854775808 << 9223372036854775807	integer:0
-9223372036854775808 << 64	integer:0
-9223372036854775808 << 63	integer:0
0.0 << 0	integer:0
0.0 << 'abc'	integer:0
0.0 << x'3132'	integer:0
-2.5 << 1.5	integer:-4
-2.5 << 'abc'	integer:-2
-2.5 << '12abc'	integer:-8192
-2.5 << x'3132'	integer:-8192
1e20 << -3	integer:1152921504606846975
1e20 << 9223372036854775807	integer:0
1e20 << 1e20	integer:0
'abc' << -64	integer:0
'12abc' << -3	integer:1
'12abc' << -2.5	integer:3
'12abc' << 1e20	integer:0
'12abc' << x'3132'	integer:49152
'1e3' << 1	integer:2
'1e3' << -3	integer:0
'1e3' << 9223372036854775807	integer:0
'1e3' << 0.0	integer:1
'1e3' << '12abc'	integer:4096
'1e3' << '1e3'	integer:2
' 12 ' << 1e20	integer:0
' 12 ' << '3.9'	integer:96
'3.9' << -9223372036854775808	integer:0
'3.9' << '12abc'	integer:12288
'3.9' << '3.9'	integer:24
'3.9' << -64	integer:0
x'3132' << 0	integer:12
x'3132' << 0.0	integer:12
64 << -3	integer:8
64 << 9223372036854775807	integer:0
64 << -2.5	integer:16
64 << '3.9'	integer:512
-64 << -64	integer:-1
63 << 1	integer:126
63 << -1	integer:31
63 << '1e3'	integer:126
NULL >> 1	null:NULL
NULL >> -1	null:NULL
NULL >> 'abc'	null:NULL
NULL >> -64	null:NULL
0 >> NULL	null:NULL
0 >> -2.5	integer:0
0 >> '3.9'	integer:0
1 >> 9223372036854775807	integer:0
1 >> '12abc'	integer:0
-1 >> 7	integer:-1
-1 >> 'abc'	integer:-1
7 >> NULL	null:NULL
7 >> '3.9'	integer:0
-3 >> 1.5	integer:-2
-3 >> 1e20	integer:-1
-3 >> 'abc'	integer:-3
-3 >> x'3132'	integer:-1
-3 >> -64	integer:0
9223372036854775807 >> -1	integer:-2
9223372036854775807 >> -3	integer:-8
9223372036854775807 >> 1.5	integer:4611686018427387903
-9223372036854775808 >> -1	integer:0
-9223372036854775808 >> 0.0	integer:-9223372036854775808
-9223372036854775808 >> -2.5	integer:0
-9223372036854775808 >> 64	integer:-1
0.0 >> -3	integer:0
0.0 >> 9223372036854775807	integer:0
0.0 >> 1.5	integer:0
1.5 >> NULL	null:NULL
1.5 >> -1	integer:2
1.5 >> -3	integer:8
1.5 >> 0.0	integer:1
1.5 >> '1e3'	integer:0
1.5 >> '3.9'	integer:0
-2.5 >> -1	integer:-4
-2.5 >> '1e3'	integer:-1
-2.5 >> x'3132'	integer:-1
1e20 >> -9223372036854775808	integer:0
1e20 >> 1.5	integer:4611686018427387903
1e20 >> '12abc'	integer:2251799813685247
'abc' >> 7	integer:0
'abc' >> ' 12 '	integer:0
'12abc' >> -9223372036854775808	integer:0
'12abc' >> '12abc'	integer:0
'12abc' >> ' 12 '	integer:0
'1e3' >> 0	integer:1
'1e3' >> -9223372036854775808	integer:0
'1e3' >> 0.0	integer:1
'1e3' >> 1.5	integer:0
' 12 ' >> 0	integer:12
' 12 ' >> 0.0	integer:12
' 12 ' >> '1e3'	integer:6
' 12 ' >> ' 12 '	integer:0
' 12 ' >> -64	integer:0
'3.9' >> 64	integer:0
'3.9' >> -64	integer:0
x'3132' >> 0	integer:12
64 >> 1	integer:32
-64 >> -1	integer:-128
-64 >> 0.0	integer:-64
63 >> x'3132'	integer:0
63 >> 64	integer:0
NULL || 1.5	null:NULL
0 || 7	text:'07'
0 || 9223372036854775807	text:'09223372036854775807'
0 || '3.9'	text:'03.9'
1 || -9223372036854775808	text:'1-9223372036854775808'
-1 || 63	text:'-163'
7 || 0	text:'70'
7 || 1	text:'71'
7 || -3	text:'7-3'
7 || 1.5	text:'71.5'
7 || 1e20	text:'71.0e+20'
7 || 'abc'	text:'7abc'
-3 || -1	text:'-3-1'
-3 || 1e20	text:'-31.0e+20'
9223372036854775807 || -3	text:'9223372036854775807-3'
9223372036854775807 || -9223372036854775808	text:'9223372036854775807-9223372036854775808'
9223372036854775807 || 0.0	text:'92233720368547758070.0'
9223372036854775807 || 1.5	text:'92233720368547758071.5'
-9223372036854775808 || -3	text:'-9223372036854775808-3'
0.0 || -9223372036854775808	text:'0.0-9223372036854775808'
1.5 || NULL	null:NULL
1.5 || 1.5	text:'1.51.5'
1.5 || 'abc'	text:'1.5abc'
1.5 || '3.9'	text:'1.53.9'
1.5 || -64	text:'1.5-64'
-2.5 || NULL	null:NULL
-2.5 || -2.5	text:'-2.5-2.5'
1e20 || -9223372036854775808	text:'1.0e+20-9223372036854775808'
'abc' || '3.9'	text:'abc3.9'
'12abc' || 7	text:'12abc7'
'12abc' || 9223372036854775807	text:'12abc9223372036854775807'
'12abc' || '1e3'	text:'12abc1e3'
'1e3' || 0	text:'1e30'
'1e3' || '3.9'	text:'1e33.9'
' 12 ' || -2.5	text:' 12 -2.5'
' 12 ' || 1e20	text:' 12 1.0e+20'
'3.9' || '12abc'	text:'3.912abc'
x'3132' || -3	text:'12-3'
x'3132' || 1.5	text:'121.5'
x'3132' || 1e20	text:'121.0e+20'
64 || -2.5	text:'64-2.5'
64 || '3.9'	text:'643.9'
64 || x'3132'	text:'6412'
-64 || 0	text:'-640'
-64 || 1	text:'-641'
-64 || 9223372036854775807	text:'-649223372036854775807'
-64 || 0.0	text:'-640.0'
-64 || '3.9'	text:'-643.9'
-64 || 63	text:'-6463'
63 || -1	text:'63-1'
63 || ' 12 '	text:'63 12 '
63 || x'3132'	text:'6312'
-(NULL)	null:NULL
~(NULL)	null:NULL
-(0)	integer:0
~(0)	integer:-1
-(1)	integer:-1
~(1)	integer:-2
-(-1)	integer:1
~(-1)	integer:0
-(2)	integer:-2
~(2)	integer:-3
-(3)	integer:-3
~(3)	integer:-4
-(-3)	integer:3
~(-3)	integer:2
-(7)	integer:-7
~(7)	integer:-8
-(9223372036854775807)	integer:-9223372036854775807
~(9223372036854775807)	integer:-9223372036854775808
-(-9223372036854775808)	real:9.2233720368547758078e+18
~(-9223372036854775808)	integer:9223372036854775807
-(0.0)	real:0.0
~(0.0)	integer:-1
-(-0.0)	real:0.0
~(-0.0)	integer:-1
-(1.5)	real:-1.5
~(1.5)	integer:-2
-(-2.5)	real:2.5
~(-2.5)	integer:1
-(2.675)	real:-2.675
~(2.675)	integer:-3
-(1e20)	real:-1.0e+20
~(1e20)	integer:-9223372036854775808
-(1.5e-7)	real:-1.5e-07
~(1.5e-7)	integer:-1
-('abc')	integer:0
~('abc')	integer:-1
-('ABC')	integer:0
~('ABC')	integer:-1
-('')	integer:0
~('')	integer:-1
-(' 12 ')	integer:-12
~(' 12 ')	integer:-13
-('12abc')	integer:-12
~('12abc')	integer:-13
-('1e3')	real:-1000.0
~('1e3')	integer:-2
-('héllo')	integer:0
~('héllo')	integer:-1
-('a''b')	integer:0
~('a''b')	integer:-1
-('3.9')	real:-3.9
~('3.9')	integer:-4
-('-5')	integer:5
~('-5')	integer:4
-(x'00ff')	integer:0
~(x'00ff')	integer:-1
-(x'616263')	integer:0
~(x'616263')	integer:-1
-(x'')	integer:0
~(x'')	integer:-1
-(x'3132')	integer:-12
~(x'3132')	integer:-13
NULL < 7	null:NULL
NULL < ' 12 '	null:NULL
NULL < 'a''b'	null:NULL
NULL < x'3132'	null:NULL
0 < 1	integer:1
0 < -1	integer:0
0 < 9223372036854775807	integer:1
0 < 2.675	integer:1
0 < 'ABC'	integer:1
0 < 'héllo'	integer:1
0 < x'616263'	integer:1
1 < 2.675	integer:1
1 < x'3132'	integer:1
-1 < 2	integer:1
-1 < 0.0	integer:1
-1 < 1.5	integer:1
-1 < -2.5	integer:0
-1 < 'abc'	integer:1
2 < -2.5	integer:0
2 < '12abc'	integer:1
2 < '1e3'	integer:1
2 < '3.9'	integer:1
3 < NULL	null:NULL
3 < -1	integer:0
3 < 7	integer:1
3 < 9223372036854775807	integer:1
3 < -9223372036854775808	integer:0
3 < 2.675	integer:0
3 < '1e3'	integer:1
3 < '-5'	integer:1
3 < x'616263'	integer:1
3 < x''	integer:1
-3 < 0.0	integer:1
-3 < 'abc'	integer:1
-3 < ''	integer:1
-3 < x'00ff'	integer:1
7 < 1	integer:0
7 < -3	integer:0
7 < 'abc'	integer:1
7 < x'3132'	integer:1
9223372036854775807 < NULL	null:NULL
9223372036854775807 < 1	integer:0
9223372036854775807 < 9223372036854775807	integer:0
9223372036854775807 < 1.5	integer:0
9223372036854775807 < 2.675	integer:0
9223372036854775807 < x'3132'	integer:1
-9223372036854775808 < '1e3'	integer:1
-9223372036854775808 < x'616263'	integer:1
0.0 < NULL	null:NULL
0.0 < -2.5	integer:0
0.0 < '3.9'	integer:1
-0.0 < 2	integer:1
-0.0 < 0.0	integer:0
-0.0 < 1.5e-7	integer:1
-0.0 < '3.9'	integer:1
1.5 < 0	integer:0
1.5 < 1	integer:0
1.5 < -0.0	integer:0
1.5 < 1e20	integer:1
1.5 < 1.5e-7	integer:0
1.5 < '12abc'	integer:1
-2.5 < 3	integer:1
-2.5 < 0.0	integer:1
-2.5 < 1e20	integer:1
-2.5 < 'ABC'	integer:1
-2.5 < '1e3'	integer:1
2.675 < -2.5	integer:0
2.675 < ' 12 '	integer:1
1e20 < -1	integer:0
1e20 < 2	integer:0
1e20 < 7	integer:0
1e20 < 1e20	integer:0
1e20 < x'00ff'	integer:1
1.5e-7 < 3	integer:1
1.5e-7 < -0.0	integer:0
1.5e-7 < '3.9'	integer:1
1.5e-7 < x'00ff'	integer:1
'abc' < NULL	null:NULL
'abc' < 2	integer:0
'abc' < 1e20	integer:0
'ABC' < 1	integer:0
'ABC' < -3	integer:0
'ABC' < -2.5	integer:0
'' < NULL	null:NULL
'' < -1	integer:0
'' < 7	integer:0
'' < 2.675	integer:0
'' < '12abc'	integer:1
'' < x''	integer:1
' 12 ' < 3	integer:0
' 12 ' < 0.0	integer:0
' 12 ' < 'abc'	integer:1
' 12 ' < 'ABC'	integer:1
'12abc' < 0	integer:0
'12abc' < 9223372036854775807	integer:0
'12abc' < 0.0	integer:0
'12abc' < '1e3'	integer:1
'1e3' < -3	integer:0
'1e3' < 7	integer:0
'1e3' < 1e20	integer:0
'1e3' < 'abc'	integer:1
'1e3' < 'ABC'	integer:1
'1e3' < 'héllo'	integer:1
'héllo' < NULL	null:NULL
'héllo' < 'ABC'	integer:0
'héllo' < x'616263'	integer:1
'a''b' < 0	integer:0
'a''b' < -9223372036854775808	integer:0
'a''b' < 'a''b'	integer:0
'3.9' < 'ABC'	integer:1
'3.9' < ' 12 '	integer:0
'3.9' < '-5'	integer:0
'3.9' < x'3132'	integer:1
'-5' < -1	integer:0
'-5' < 2	integer:0
'-5' < 2.675	integer:0
x'00ff' < '-5'	integer:0
x'616263' < 0.0	integer:0
x'616263' < ' 12 '	integer:0
x'616263' < x''	integer:0
x'' < 1.5	integer:0
x'3132' < 1e20	integer:0
NULL = 2	null:NULL
NULL = '1e3'	null:NULL
NULL = 'héllo'	null:NULL
0 = 1.5	integer:0
0 = 2.675	integer:0
0 = ' 12 '	integer:0
0 = 'a''b'	integer:0
1 = -9223372036854775808	integer:0
1 = '3.9'	integer:0
-1 = 0	integer:0
-1 = -0.0	integer:0
-1 = 'abc'	integer:0
2 = -3	integer:0
2 = 9223372036854775807	integer:0
2 = 2.675	integer:0
2 = 1e20	integer:0
3 = -1	integer:0
3 = 1.5	integer:0
3 = -2.5	integer:0
-3 = NULL	null:NULL
-3 = '12abc'	integer:0
-3 = 'héllo'	integer:0
-3 = '3.9'	integer:0
7 = -1	integer:0
7 = 2	integer:0
9223372036854775807 = 1	integer:0
9223372036854775807 = 9223372036854775807	integer:1
9223372036854775807 = -0.0	integer:0
9223372036854775807 = 'ABC'	integer:0
9223372036854775807 = 'héllo'	integer:0
9223372036854775807 = '3.9'	integer:0
9223372036854775807 = x''	integer:0
-9223372036854775808 = 2	integer:0
-9223372036854775808 = '3.9'	integer:0
0.0 = 1.5e-7	integer:0
0.0 = 'abc'	integer:0
0.0 = ''	integer:0
0.0 = 'héllo'	integer:0
0.0 = '3.9'	integer:0
-0.0 = NULL	null:NULL
-0.0 = 'héllo'	integer:0
-0.0 = x''	integer:0
1.5 = -2.5	integer:0
-2.5 = NULL	null:NULL
-2.5 = -3	integer:0
-2.5 = -0.0	integer:0
-2.5 = x'00ff'	integer:0
2.675 = 0	integer:0
2.675 = 9223372036854775807	integer:0
2.675 = ' 12 '	integer:0
1e20 = '-5'	integer:0
1.5e-7 = NULL	null:NULL
1.5e-7 = -1	integer:0
1.5e-7 = 7	integer:0
1.5e-7 = '3.9'	integer:0
1.5e-7 = x''	integer:0
'abc' = NULL	null:NULL
'abc' = -9223372036854775808	integer:0
'abc' = 0.0	integer:0
'abc' = -0.0	integer:0
'abc' = '1e3'	integer:0
'ABC' = -0.0	integer:0
'' = NULL	null:NULL
'' = 7	integer:0
'' = -9223372036854775808	integer:0
'' = x'00ff'	integer:0
'' = x'616263'	integer:0
' 12 ' = NULL	null:NULL
' 12 ' = 3	integer:0
' 12 ' = -2.5	integer:0
' 12 ' = 'abc'	integer:0
' 12 ' = 'ABC'	integer:0
' 12 ' = 'a''b'	integer:0
' 12 ' = '-5'	integer:0
'12abc' = NULL	null:NULL
'1e3' = 1	integer:0
'1e3' = 2.675	integer:0
'1e3' = 'a''b'	integer:0
'1e3' = x'616263'	integer:0
'héllo' = -9223372036854775808	integer:0
'héllo' = -0.0	integer:0
'héllo' = 2.675	integer:0
'héllo' = '12abc'	integer:0
'héllo' = 'héllo'	integer:1
'a''b' = 3	integer:0
'a''b' = 1.5	integer:0
'a''b' = 1e20	integer:0
'a''b' = '-5'	integer:0
'a''b' = x'00ff'	integer:0
'3.9' = NULL	null:NULL
'3.9' = -1	integer:0
'3.9' = 0.0	integer:0
'3.9' = '12abc'	integer:0
'3.9' = 'héllo'	integer:0
'3.9' = 'a''b'	integer:0
'3.9' = x''	integer:0
'-5' = 'abc'	integer:0
'-5' = x'00ff'	integer:0
x'00ff' = 9223372036854775807	integer:0
x'00ff' = -0.0	integer:0
x'616263' = -9223372036854775808	integer:0
x'616263' = 1e20	integer:0
x'616263' = ' 12 '	integer:0
x'616263' = '12abc'	integer:0
x'' = 7	integer:0
x'' = 9223372036854775807	integer:0
x'' = 2.675	integer:0
x'' = 1.5e-7	integer:0
x'' = 'héllo'	integer:0
x'' = x'616263'	integer:0
x'' = x'3132'	integer:0
x'3132' = NULL	null:NULL
x'3132' = -0.0	integer:0
x'3132' = '1e3'	integer:0
x'3132' = 'a''b'	integer:0
NULL > 1	null:NULL
NULL > 2	null:NULL
NULL > x'3132'	null:NULL
0 > 'abc'	integer:0
0 > 'ABC'	integer:0
0 > 'a''b'	integer:0
0 > x''	integer:0
1 > '1e3'	integer:0
1 > 'héllo'	integer:0
-1 > -1	integer:0
-1 > 3	integer:0
-1 > -3	integer:1
-1 > 'abc'	integer:0
-1 > x'3132'	integer:0
2 > 3	integer:0
2 > 'abc'	integer:0
2 > '1e3'	integer:0
3 > 7	integer:0
3 > -9223372036854775808	integer:1
3 > '12abc'	integer:0
3 > 'a''b'	integer:0
-3 > -2.5	integer:0
-3 > 1e20	integer:0
-3 > 'abc'	integer:0
7 > -0.0	integer:1
7 > ''	integer:0
7 > x'3132'	integer:0
9223372036854775807 > ''	integer:0
9223372036854775807 > 'a''b'	integer:0
9223372036854775807 > '-5'	integer:0
9223372036854775807 > x'616263'	integer:0
-9223372036854775808 > 0	integer:0
-9223372036854775808 > 9223372036854775807	integer:0
-9223372036854775808 > 2.675	integer:0
-9223372036854775808 > 1e20	integer:0
-9223372036854775808 > x'616263'	integer:0
0.0 > NULL	null:NULL
0.0 > '12abc'	integer:0
0.0 > x'00ff'	integer:0
-0.0 > 1	integer:0
-0.0 > ''	integer:0
1.5 > -0.0	integer:1
1.5 > '1e3'	integer:0
1.5 > 'héllo'	integer:0
1.5 > 'a''b'	integer:0
1.5 > x'3132'	integer:0
-2.5 > -1	integer:0
-2.5 > -9223372036854775808	integer:1
-2.5 > 2.675	integer:0
-2.5 > 1.5e-7	integer:0
-2.5 > 'ABC'	integer:0
2.675 > 3	integer:0
2.675 > -0.0	integer:1
2.675 > x'616263'	integer:0
2.675 > x'3132'	integer:0
1e20 > 1	integer:1
1e20 > ''	integer:0
1e20 > '12abc'	integer:0
1e20 > '-5'	integer:0
1.5e-7 > 2	integer:0
1.5e-7 > 7	integer:0
1.5e-7 > 2.675	integer:0
1.5e-7 > '12abc'	integer:0
1.5e-7 > 'a''b'	integer:0
1.5e-7 > '3.9'	integer:0
1.5e-7 > x'00ff'	integer:0
'abc' > NULL	null:NULL
'abc' > -1	integer:1
'abc' > -9223372036854775808	integer:1
'abc' > '12abc'	integer:1
'abc' > '1e3'	integer:1
'ABC' > ''	integer:1
'ABC' > x'3132'	integer:0
'' > 3	integer:1
'' > '-5'	integer:0
'' > x'616263'	integer:0
' 12 ' > 2	integer:1
' 12 ' > -9223372036854775808	integer:1
' 12 ' > 1.5	integer:1
' 12 ' > 'ABC'	integer:0
' 12 ' > ''	integer:1
' 12 ' > 'a''b'	integer:0
' 12 ' > x'616263'	integer:0
'12abc' > 1	integer:1
'12abc' > -1	integer:1
'12abc' > 'héllo'	integer:0
'12abc' > '3.9'	integer:0
'12abc' > x''	integer:0
'1e3' > 9223372036854775807	integer:1
'1e3' > -2.5	integer:1
'1e3' > x'616263'	integer:0
'héllo' > -3	integer:1
'héllo' > 'a''b'	integer:1
'héllo' > '-5'	integer:1
'a''b' > 1	integer:1
'a''b' > 3	integer:1
'a''b' > 1.5	integer:1
'a''b' > 'ABC'	integer:1
'3.9' > '12abc'	integer:1
'-5' > -2.5	integer:1
'-5' > 2.675	integer:1
'-5' > 1e20	integer:1
'-5' > 'ABC'	integer:0
'-5' > ' 12 '	integer:1
x'00ff' > NULL	null:NULL
x'616263' > -0.0	integer:1
x'616263' > x''	integer:1
x'' > NULL	null:NULL
x'' > 3	integer:1
x'' > 9223372036854775807	integer:1
x'' > 'ABC'	integer:1
x'' > ''	integer:1
x'' > x'00ff'	integer:0
x'' > x'3132'	integer:0
x'3132' > 1.5e-7	integer:1
NULL IS 2.675	integer:0
NULL IS 'a''b'	integer:0
0 IS 1	integer:0
0 IS -3	integer:0
0 IS 7	integer:0
0 IS 'abc'	integer:0
0 IS x'3132'	integer:0
-1 IS -1	integer:1
-1 IS 'abc'	integer:0
-1 IS x'00ff'	integer:0
2 IS 0.0	integer:0
2 IS 1.5e-7	integer:0
2 IS 'ABC'	integer:0
2 IS '-5'	integer:0
2 IS x'3132'	integer:0
3 IS 1.5e-7	integer:0
3 IS ' 12 '	integer:0
3 IS '3.9'	integer:0
3 IS x'00ff'	integer:0
-3 IS ' 12 '	integer:0
-3 IS 'héllo'	integer:0
7 IS -3	integer:0
7 IS '12abc'	integer:0
7 IS '3.9'	integer:0
7 IS x'00ff'	integer:0
9223372036854775807 IS -3	integer:0
9223372036854775807 IS 1.5	integer:0
-9223372036854775808 IS 'ABC'	integer:0
-9223372036854775808 IS '3.9'	integer:0
-9223372036854775808 IS x'616263'	integer:0
-9223372036854775808 IS x'3132'	integer:0
0.0 IS 2	integer:0
0.0 IS 3	integer:0
0.0 IS -2.5	integer:0
0.0 IS ''	integer:0
-0.0 IS 1	integer:0
-0.0 IS ' 12 '	integer:0
1.5 IS -0.0	integer:0
1.5 IS 'a''b'	integer:0
1.5 IS '-5'	integer:0
-2.5 IS 0	integer:0
-2.5 IS x'00ff'	integer:0
2.675 IS 0	integer:0
2.675 IS -1	integer:0
2.675 IS 3	integer:0
2.675 IS -9223372036854775808	integer:0
2.675 IS -0.0	integer:0
2.675 IS 'abc'	integer:0
2.675 IS x'00ff'	integer:0
1e20 IS 1.5	integer:0
1e20 IS ''	integer:0
1e20 IS '3.9'	integer:0
1.5e-7 IS 3	integer:0
1.5e-7 IS 1e20	integer:0
1.5e-7 IS 'ABC'	integer:0
1.5e-7 IS ''	integer:0
1.5e-7 IS '-5'	integer:0
'abc' IS 0.0	integer:0
'abc' IS 1.5e-7	integer:0
'abc' IS '1e3'	integer:0
'abc' IS 'a''b'	integer:0
'abc' IS '-5'	integer:0
'abc' IS x'616263'	integer:0
'ABC' IS 2	integer:0
'ABC' IS ' 12 '	integer:0
'ABC' IS x'3132'	integer:0
'' IS -9223372036854775808	integer:0
'' IS ''	integer:1
' 12 ' IS 1.5	integer:0
' 12 ' IS 1.5e-7	integer:0
' 12 ' IS 'ABC'	integer:0
' 12 ' IS 'héllo'	integer:0
'12abc' IS -9223372036854775808	integer:0
'1e3' IS 1	integer:0
'1e3' IS 3	integer:0
'1e3' IS 2.675	integer:0
'1e3' IS 'ABC'	integer:0
'héllo' IS -1	integer:0
'héllo' IS -9223372036854775808	integer:0
'héllo' IS 0.0	integer:0
'héllo' IS 'ABC'	integer:0
'héllo' IS x'3132'	integer:0
'a''b' IS x''	integer:0
'3.9' IS ' 12 '	integer:0
'3.9' IS '-5'	integer:0
'-5' IS 3	integer:0
'-5' IS -9223372036854775808	integer:0
'-5' IS 0.0	integer:0
'-5' IS 1.5	integer:0
'-5' IS ' 12 '	integer:0
'-5' IS x''	integer:0
x'00ff' IS NULL	integer:0
x'616263' IS 'abc'	integer:0
x'616263' IS 'ABC'	integer:0
x'616263' IS x'3132'	integer:0
x'' IS -3	integer:0
x'' IS -9223372036854775808	integer:0
x'' IS -2.5	integer:0
x'' IS 1e20	integer:0
x'' IS '3.9'	integer:0
x'' IS '-5'	integer:0
x'3132' IS -9223372036854775808	integer:0
x'3132' IS x''	integer:0
cast(NULL as integer)	null:NULL
cast(0 as integer)	integer:0
cast(1 as integer)	integer:1
cast(-1 as integer)	integer:-1
cast(2 as integer)	integer:2
cast(3 as integer)	integer:3
cast(-3 as integer)	integer:-3
cast(-9223372036854775808 as integer)	integer:-9223372036854775808
cast(0.0 as integer)	integer:0
cast(-0.0 as integer)	integer:0
cast(1.5 as integer)	integer:1
cast(2.675 as integer)	integer:2
cast(1e20 as integer)	integer:9223372036854775807
cast(1.5e-7 as integer)	integer:0
cast('abc' as integer)	integer:0
cast('ABC' as integer)	integer:0
cast('' as integer)	integer:0
cast(' 12 ' as integer)	integer:12
cast('1e3' as integer)	integer:1
cast('héllo' as integer)	integer:0
cast('a''b' as integer)	integer:0
cast('3.9' as integer)	integer:3
cast('-5' as integer)	integer:-5
cast(x'616263' as integer)	integer:0
cast(x'' as integer)	integer:0
cast(x'3132' as integer)	integer:12
cast('0x10' as integer)	integer:0
cast('1.0' as integer)	integer:1
cast('1e5' as integer)	integer:1
cast('9223372036854775808' as integer)	integer:9223372036854775807
cast('-9223372036854775809' as integer)	integer:-9223372036854775808
cast('1e18' as integer)	integer:1
cast('1.5abc' as integer)	integer:1
cast('  -7.00  ' as integer)	integer:-7
cast('1e-400' as integer)	integer:1
cast('1e400' as integer)	integer:1
cast(' +42 ' as integer)	integer:42
cast('-' as integer)	integer:0
cast('1e' as integer)	integer:1
cast('00012' as integer)	integer:12
cast('1.0e15' as integer)	integer:1
cast(2.5e15 as integer)	integer:2500000000000000
cast(4503599627370497.0 as integer)	integer:4503599627370497
cast(9.3e18 as integer)	integer:9223372036854775807
cast(-9.3e18 as integer)	integer:-9223372036854775808
cast(NULL as real)	null:NULL
cast(0 as real)	real:0.0
cast(1 as real)	real:1.0
cast(-1 as real)	real:-1.0
cast(2 as real)	real:2.0
cast(3 as real)	real:3.0
cast(-3 as real)	real:-3.0
cast(7 as real)	real:7.0
cast(-9223372036854775808 as real)	real:-9.2233720368547758078e+18
cast(0.0 as real)	real:0.0
cast(-0.0 as real)	real:0.0
cast(1.5 as real)	real:1.5
cast(1e20 as real)	real:1.0e+20
cast(1.5e-7 as real)	real:1.5e-07
cast('abc' as real)	real:0.0
cast('ABC' as real)	real:0.0
cast('' as real)	real:0.0
cast(' 12 ' as real)	real:12.0
cast('1e3' as real)	real:1000.0
cast('héllo' as real)	real:0.0
cast('a''b' as real)	real:0.0
cast('3.9' as real)	real:3.9
cast('-5' as real)	real:-5.0
cast(x'00ff' as real)	real:0.0
cast(x'' as real)	real:0.0
cast('0x10' as real)	real:0.0
cast('9223372036854775808' as real)	real:9.2233720368547758078e+18
cast('-9223372036854775809' as real)	real:-9.2233720368547758078e+18
cast('1e18' as real)	real:1.0e+18
cast('1.5abc' as real)	real:1.5
cast('  -7.00  ' as real)	real:-7.0
cast('1e400' as real)	real:Inf
cast('.5' as real)	real:0.5
cast('1e' as real)	real:1.0
cast('1.0e15' as real)	real:1.0e+15
cast(9.3e18 as real)	real:9.3e+18
cast(-9.3e18 as real)	real:-9.3e+18
cast(NULL as text)	null:NULL
cast(0 as text)	text:'0'
cast(1 as text)	text:'1'
cast(3 as text)	text:'3'
cast(-3 as text)	text:'-3'
cast(7 as text)	text:'7'
cast(9223372036854775807 as text)	text:'9223372036854775807'
cast(-9223372036854775808 as text)	text:'-9223372036854775808'
cast(-0.0 as text)	text:'0.0'
cast(1.5 as text)	text:'1.5'
cast(1e20 as text)	text:'1.0e+20'
cast(1.5e-7 as text)	text:'1.5e-07'
cast('1e3' as text)	text:'1e3'
cast('héllo' as text)	text:'héllo'
cast('-5' as text)	text:'-5'
cast(x'616263' as text)	text:'abc'
cast('1.0' as text)	text:'1.0'
cast('1e5' as text)	text:'1e5'
cast('9223372036854775808' as text)	text:'9223372036854775808'
cast('-9223372036854775809' as text)	text:'-9223372036854775809'
cast('1e18' as text)	text:'1e18'
cast('1e-400' as text)	text:'1e-400'
cast('1e400' as text)	text:'1e400'
cast(' +42 ' as text)	text:' +42 '
cast('.5' as text)	text:'.5'
cast('-' as text)	text:'-'
cast('1e' as text)	text:'1e'
cast('1.0e15' as text)	text:'1.0e15'
cast('1e16' as text)	text:'1e16'
cast(2.5e15 as text)	text:'2.5e+15'
cast(4503599627370497.0 as text)	text:'4.5035996273705e+15'
cast(9.3e18 as text)	text:'9.3e+18'
cast(-9.3e18 as text)	text:'-9.3e+18'
cast(NULL as blob)	null:NULL
cast(0 as blob)	blob:X'30'
cast(-1 as blob)	blob:X'2D31'
cast(2 as blob)	blob:X'32'
cast(3 as blob)	blob:X'33'
cast(-3 as blob)	blob:X'2D33'
cast(7 as blob)	blob:X'37'
cast(9223372036854775807 as blob)	blob:X'39323233333732303336383534373735383037'
cast(0.0 as blob)	blob:X'302E30'
cast(-0.0 as blob)	blob:X'302E30'
cast(2.675 as blob)	blob:X'322E363735'
cast(1e20 as blob)	blob:X'312E30652B3230'
cast('abc' as blob)	blob:X'616263'
cast('' as blob)	blob:X''
cast(' 12 ' as blob)	blob:X'20313220'
cast('12abc' as blob)	blob:X'3132616263'
cast('1e3' as blob)	blob:X'316533'
cast('a''b' as blob)	blob:X'612762'
cast('3.9' as blob)	blob:X'332E39'
cast(x'00ff' as blob)	blob:X'00FF'
cast(x'3132' as blob)	blob:X'3132'
cast('0x10' as blob)	blob:X'30783130'
cast('1e5' as blob)	blob:X'316535'
cast('1e18' as blob)	blob:X'31653138'
cast('1.5abc' as blob)	blob:X'312E35616263'
cast('  -7.00  ' as blob)	blob:X'20202D372E30302020'
cast('1e-400' as blob)	blob:X'31652D343030'
cast('1e400' as blob)	blob:X'3165343030'
cast(' +42 ' as blob)	blob:X'202B343220'
cast('.5' as blob)	blob:X'2E35'
cast('5.' as blob)	blob:X'352E'
cast('-' as blob)	blob:X'2D'
cast('00012' as blob)	blob:X'3030303132'
cast('1.0e15' as blob)	blob:X'312E30653135'
cast('1e16' as blob)	blob:X'31653136'
cast(2.5e15 as blob)	blob:X'322E35652B3135'
cast(4503599627370497.0 as blob)	blob:X'342E35303335393936323733373035652B3135'
cast(9.3e18 as blob)	blob:X'392E33652B3138'
cast(-9.3e18 as blob)	blob:X'2D392E33652B3138'
cast(NULL as numeric)	null:NULL
cast(0 as numeric)	integer:0
cast(-1 as numeric)	integer:-1
cast(2 as numeric)	integer:2
cast(3 as numeric)	integer:3
cast(-3 as numeric)	integer:-3
cast(7 as numeric)	integer:7
cast(9223372036854775807 as numeric)	integer:9223372036854775807
cast(-9223372036854775808 as numeric)	integer:-9223372036854775808
cast(0.0 as numeric)	real:0.0
cast(-0.0 as numeric)	real:0.0
cast(1.5 as numeric)	real:1.5
cast(-2.5 as numeric)	real:-2.5
cast(2.675 as numeric)	real:2.675
cast(1e20 as numeric)	real:1.0e+20
cast(1.5e-7 as numeric)	real:1.5e-07
cast('ABC' as numeric)	integer:0
cast('' as numeric)	integer:0
cast('12abc' as numeric)	integer:12
cast('1e3' as numeric)	integer:1000
cast('héllo' as numeric)	integer:0
cast('-5' as numeric)	integer:-5
cast(x'00ff' as numeric)	integer:0
cast(x'' as numeric)	integer:0
cast(x'3132' as numeric)	integer:12
cast('0x10' as numeric)	integer:0
cast('1.0' as numeric)	integer:1
cast('1e5' as numeric)	integer:100000
cast('1e18' as numeric)	real:1.0e+18
cast('  -7.00  ' as numeric)	integer:-7
cast('1e-400' as numeric)	integer:0
cast('1e400' as numeric)	real:Inf
cast(' +42 ' as numeric)	integer:42
cast('-' as numeric)	integer:0
cast('1e' as numeric)	integer:1
cast('00012' as numeric)	integer:12
cast('1.0e15' as numeric)	integer:1000000000000000
cast('1e16' as numeric)	real:1.0e+16
cast(4503599627370497.0 as numeric)	real:4.50359962737049700004e+15
cast(9.3e18 as numeric)	real:9.3e+18
cast(-9.3e18 as numeric)	real:-9.3e+18
abs(0)	integer:0
abs(-1)	integer:1
abs(3)	integer:3
abs(-3)	integer:3
abs(9223372036854775807)	integer:9223372036854775807
abs(-9223372036854775808)	error:integer overflow
abs(0.0)	real:0.0
abs(-2.5)	real:2.5
abs('abc')	real:0.0
abs('ABC')	real:0.0
abs('')	real:0.0
abs(' 12 ')	real:12.0
abs('12abc')	real:12.0
abs('-5')	real:5.0
abs(x'00ff')	real:0.0
abs(x'616263')	real:0.0
abs('  ab  ')	real:0.0
abs(-0.4)	real:0.4
abs(0.5)	real:0.5
abs(0.1)	real:0.1
length(NULL)	null:NULL
length(3)	integer:1
length(-9223372036854775808)	integer:20
length(0.0)	integer:3
length(-0.0)	integer:3
length(-2.5)	integer:4
length(2.675)	integer:5
length(1e20)	integer:7
length(1.5e-7)	integer:7
length('abc')	integer:3
length('ABC')	integer:3
length('12abc')	integer:5
length('1e3')	integer:3
length('a''b')	integer:3
length(x'00ff')	integer:2
length(x'616263')	integer:3
length(x'')	integer:0
length(x'3132')	integer:2
length('xXx')	integer:3
length(-0.4)	integer:4
length(-0.5)	integer:4
length(1e300)	integer:8
length(123456789012345678.0)	integer:20
length(0.1)	integer:3
length(1.005)	integer:5
lower(-1)	text:'-1'
lower(2)	text:'2'
lower(3)	text:'3'
lower(9223372036854775807)	text:'9223372036854775807'
lower(-9223372036854775808)	text:'-9223372036854775808'
lower(1.5)	text:'1.5'
lower(-2.5)	text:'-2.5'
lower(2.675)	text:'2.675'
lower('abc')	text:'abc'
lower('')	text:''
lower(' 12 ')	text:' 12 '
lower('12abc')	text:'12abc'
lower('1e3')	text:'1e3'
lower('héllo')	text:'héllo'
lower('3.9')	text:'3.9'
lower(x'00ff')	text:''
lower(x'616263')	text:'abc'
lower(x'')	text:''
lower(-0.5)	text:'-0.5'
lower(1e300)	text:'1.0e+300'
lower(0.1)	text:'0.1'
lower(1.005)	text:'1.005'
lower(4503599627370497.0)	text:'4.5035996273705e+15'
upper(NULL)	null:NULL
upper(1)	text:'1'
upper(-1)	text:'-1'
upper(2)	text:'2'
upper(3)	text:'3'
upper(7)	text:'7'
upper(-0.0)	text:'0.0'
upper(-2.5)	text:'-2.5'
upper(1.5e-7)	text:'1.5E-07'
upper('')	text:''
upper(' 12 ')	text:' 12 '
upper('3.9')	text:'3.9'
upper(x'616263')	text:'ABC'
upper(x'')	text:''
upper(x'3132')	text:'12'
upper(-0.5)	text:'-0.5'
upper(1e300)	text:'1.0E+300'
upper(1e-300)	text:'1.0E-300'
typeof(1)	text:'integer'
typeof(2)	text:'integer'
typeof(7)	text:'integer'
typeof(9223372036854775807)	text:'integer'
typeof(-9223372036854775808)	text:'integer'
typeof(0.0)	text:'real'
typeof(2.675)	text:'real'
typeof(1e20)	text:'real'
typeof('abc')	text:'text'
typeof('ABC')	text:'text'
typeof('')	text:'text'
typeof('12abc')	text:'text'
typeof('1e3')	text:'text'
typeof('héllo')	text:'text'
typeof('3.9')	text:'text'
typeof(x'00ff')	text:'blob'
typeof(x'3132')	text:'blob'
typeof('  ab  ')	text:'text'
typeof('xXx')	text:'text'
typeof(-0.4)	text:'real'
typeof(0.5)	text:'real'
typeof(2.5)	text:'real'
typeof(123456789012345678.0)	text:'real'
typeof(0.1)	text:'real'
typeof(4503599627370497.0)	text:'real'
typeof(1e-300)	text:'real'
hex(NULL)	text:''
hex(2)	text:'32'
hex(7)	text:'37'
hex(9223372036854775807)	text:'39323233333732303336383534373735383037'
hex(-9223372036854775808)	text:'2D39323233333732303336383534373735383038'
hex(0.0)	text:'302E30'
hex(2.675)	text:'322E363735'
hex(1e20)	text:'312E30652B3230'
hex(1.5e-7)	text:'312E35652D3037'
hex('abc')	text:'616263'
hex('')	text:''
hex('12abc')	text:'3132616263'
hex('3.9')	text:'332E39'
hex(x'00ff')	text:'00FF'
hex(x'616263')	text:'616263'
hex(x'')	text:''
hex('  ab  ')	text:'202061622020'
hex(-0.4)	text:'2D302E34'
hex(0.5)	text:'302E35'
hex(123456789012345678.0)	text:'312E3233343536373839303132333436652B3137'
hex(1.005)	text:'312E303035'
hex(1e-300)	text:'312E30652D333030'
quote(NULL)	text:'NULL'
quote(1)	text:'1'
quote(-1)	text:'-1'
quote(2)	text:'2'
quote(7)	text:'7'
quote(9223372036854775807)	text:'9223372036854775807'
quote(-9223372036854775808)	text:'-9223372036854775808'
quote(0.0)	text:'0.0'
quote(-0.0)	text:'0.0'
quote(1.5)	text:'1.5'
quote(-2.5)	text:'-2.5'
quote(1e20)	text:'1.0e+20'
quote('ABC')	text:'''ABC'''
quote('')	text:''''''
quote('12abc')	text:'''12abc'''
quote('a''b')	text:'''a''''b'''
quote('3.9')	text:'''3.9'''
quote(x'00ff')	text:'X''00FF'''
quote(x'3132')	text:'X''3132'''
quote('  ab  ')	text:'''  ab  '''
quote('xXx')	text:'''xXx'''
quote(0.5)	text:'0.5'
quote(2.5)	text:'2.5'
quote(123456789012345678.0)	text:'1.23456789012345680004e+17'
unicode(NULL)	null:NULL
unicode(1)	integer:49
unicode(-3)	integer:45
unicode(0.0)	integer:48
unicode(-0.0)	integer:48
unicode(2.675)	integer:50
unicode(1.5e-7)	integer:49
unicode('abc')	integer:97
unicode('ABC')	integer:65
unicode('12abc')	integer:49
unicode('1e3')	integer:49
unicode('3.9')	integer:51
unicode(x'00ff')	null:NULL
unicode(x'616263')	integer:97
unicode('xXx')	integer:120
unicode(-0.4)	integer:45
unicode(0.5)	integer:48
unicode(2.5)	integer:50
unicode(123456789012345678.0)	integer:49
unicode(1.005)	integer:49
unicode(1e-300)	integer:49
zeroblob(NULL)	blob:X''
zeroblob(1)	blob:X'00'
zeroblob(-1)	blob:X''
zeroblob(-9223372036854775808)	blob:X''
zeroblob(1.5)	blob:X'00'
zeroblob(-2.5)	blob:X''
zeroblob(1.5e-7)	blob:X''
zeroblob('abc')	blob:X''
zeroblob('12abc')	blob:X'000000000000000000000000'
zeroblob('1e3')	blob:X'00'
zeroblob('-5')	blob:X''
zeroblob(x'00ff')	blob:X''
zeroblob(x'')	blob:X''
zeroblob('  ab  ')	blob:X''
zeroblob(0.5)	blob:X''
zeroblob(-0.5)	blob:X''
zeroblob(2.5)	blob:X'0000'
zeroblob(1e300)	error:string or blob too big
zeroblob(123456789012345678.0)	error:string or blob too big
zeroblob(1.005)	blob:X'00'
zeroblob(4503599627370497.0)	error:string or blob too big
round(NULL)	null:NULL
round(0)	real:0.0
round(1)	real:1.0
round(-1)	real:-1.0
round(3)	real:3.0
round(-3)	real:-3.0
round(7)	real:7.0
round(9223372036854775807)	real:9.2233720368547758078e+18
round(-9223372036854775808)	real:-9.2233720368547758078e+18
round(1e20)	real:1.0e+20
round(1.5e-7)	real:0.0
round('abc')	real:0.0
round('')	real:0.0
round('12abc')	real:12.0
round('1e3')	real:1000.0
round('3.9')	real:4.0
round('-5')	real:-5.0
round(x'00ff')	real:0.0
round(x'')	real:0.0
round('  ab  ')	real:0.0
round(-0.4)	real:0.0
round(-0.5)	real:-1.0
round(1e300)	real:1.0e+300
round(0.1)	real:0.0
trim(1)	text:'1'
trim(3)	text:'3'
trim(-3)	text:'-3'
trim(7)	text:'7'
trim(9223372036854775807)	text:'9223372036854775807'
trim(-9223372036854775808)	text:'-9223372036854775808'
trim(0.0)	text:'0.0'
trim('héllo')	text:'héllo'
trim('3.9')	text:'3.9'
trim(x'616263')	text:'abc'
trim(x'3132')	text:'12'
trim('  ab  ')	text:'ab'
trim(0.5)	text:'0.5'
trim(-0.5)	text:'-0.5'
trim(1e300)	text:'1.0e+300'
trim(123456789012345678.0)	text:'1.23456789012346e+17'
trim(4503599627370497.0)	text:'4.5035996273705e+15'
ltrim(NULL)	null:NULL
ltrim(1)	text:'1'
ltrim(3)	text:'3'
ltrim(0.0)	text:'0.0'
ltrim(-0.0)	text:'0.0'
ltrim(1.5)	text:'1.5'
ltrim(2.675)	text:'2.675'
ltrim(1e20)	text:'1.0e+20'
ltrim(1.5e-7)	text:'1.5e-07'
ltrim('abc')	text:'abc'
ltrim('ABC')	text:'ABC'
ltrim('')	text:''
ltrim('1e3')	text:'1e3'
ltrim('a''b')	text:'a''b'
ltrim('3.9')	text:'3.9'
ltrim('-5')	text:'-5'
ltrim(2.5)	text:'2.5'
ltrim(0.1)	text:'0.1'
ltrim(1e-300)	text:'1.0e-300'
rtrim(NULL)	null:NULL
rtrim(3)	text:'3'
rtrim(-0.0)	text:'0.0'
rtrim(2.675)	text:'2.675'
rtrim(1e20)	text:'1.0e+20'
rtrim('abc')	text:'abc'
rtrim('12abc')	text:'12abc'
rtrim('a''b')	text:'a''b'
rtrim(x'3132')	text:'12'
rtrim('  ab  ')	text:'  ab'
rtrim(-0.4)	text:'-0.4'
rtrim(0.5)	text:'0.5'
rtrim(123456789012345678.0)	text:'1.23456789012346e+17'
rtrim(1e-300)	text:'1.0e-300'
sign(NULL)	null:NULL
sign(0)	integer:0
sign(1)	integer:1
sign(-9223372036854775808)	integer:-1
sign(0.0)	integer:0
sign(-0.0)	integer:0
sign(1.5)	integer:1
sign(-2.5)	integer:-1
sign(1.5e-7)	integer:1
sign(' 12 ')	integer:1
sign('12abc')	null:NULL
sign('a''b')	null:NULL
sign('3.9')	integer:1
sign(x'616263')	null:NULL
sign(-0.4)	integer:-1
sign(0.5)	integer:1
sign(-0.5)	integer:-1
sign(2.5)	integer:1
sign(1e300)	integer:1
sign(123456789012345678.0)	integer:1
sign(1.005)	integer:1
sign(4503599627370497.0)	integer:1
sign(1e-300)	integer:1
likely(0)	integer:0
likely(1)	integer:1
likely(-1)	integer:-1
likely(7)	integer:7
likely(0.0)	real:0.0
likely(1e20)	real:1.0e+20
likely('1e3')	text:'1e3'
likely('a''b')	text:'a''b'
likely('3.9')	text:'3.9'
likely(x'00ff')	blob:X'00FF'
likely('xXx')	text:'xXx'
likely(0.5)	real:0.5
likely(2.5)	real:2.5
likely(1e300)	real:1.0e+300
likely(0.1)	real:0.1
char(0)	text:''
char(9223372036854775807)	text:'�'
char(-9223372036854775808)	text:'�'
char(0.0)	text:''
char(-0.0)	text:''
char(-2.5)	text:'�'
char(1e20)	text:'�'
char(1.5e-7)	text:''
char('abc')	text:''
char('ABC')	text:''
char('')	text:''
char('héllo')	text:''
char('a''b')	text:''
char('-5')	text:'�'
char(x'00ff')	text:''
char(x'')	text:''
char('xXx')	text:''
char(0.5)	text:''
char(-0.5)	text:''
char(1e300)	text:'�'
char(123456789012345678.0)	text:'�'
char(4503599627370497.0)	text:'�'
char(1e-300)	text:''
round(2.5, 1)	real:2.5
round(2.5, 2)	real:2.5
round(2.5, 3)	real:2.5
round(2.5, -1)	real:3.0
round(2.5, 40)	real:2.5
round(2.5, NULL)	null:NULL
round(2.5, 3.9)	real:2.5
round(2.5, 15)	real:2.5
round(-2.5, 0)	real:-3.0
round(-2.5, 1)	real:-2.5
round(-2.5, 2)	real:-2.5
round(-2.5, -1)	real:-3.0
round(-2.5, 3.9)	real:-2.5
round(-2.5, '2')	real:-2.5
round(-2.5, 16)	real:-2.5
round(-2.5, 30)	real:-2.5
round(1.005, 0)	real:1.0
round(1.005, 1)	real:1.0
round(1.005, 2)	real:1.01
round(1.005, 3)	real:1.005
round(1.005, NULL)	null:NULL
round(1.005, 15)	real:1.005
round(2.675, 2)	real:2.68
round(2.675, 3)	real:2.675
round(2.675, -1)	real:3.0
round(2.675, 40)	real:2.67499999999999893418e+00
round(2.675, NULL)	null:NULL
round(2.675, '2')	real:2.68
round(2.675, 15)	real:2.675
round(-1.005, 0)	real:-1.0
round(-1.005, 1)	real:-1.0
round(-1.005, 2)	real:-1.01
round(-1.005, 3)	real:-1.005
round(-1.005, 40)	real:-1.00499999999999900524e+00
round(-1.005, NULL)	null:NULL
round(-1.005, 3.9)	real:-1.005
round(-1.005, '2')	real:-1.01
round(-1.005, 16)	real:-1.00499999999999900524e+00
round(-1.005, 20)	real:-1.00499999999999900524e+00
round(9.95, 0)	real:10.0
round(9.95, 1)	real:10.0
round(9.95, 2)	real:9.95
round(9.95, '2')	real:9.95
round(9.95, 15)	real:9.95
round(9.95, 16)	real:9.95
round(9.95, 20)	real:9.95
round(9.95, 30)	real:9.95
round(0.285, 0)	real:0.0
round(0.285, 1)	real:0.3
round(0.285, 3)	real:0.285
round(0.285, -1)	real:0.0
round(0.285, 15)	real:0.285
round(0.285, 16)	real:0.285
round(0.285, 20)	real:2.84999999999999920063e-01
round(1234.5678, 0)	real:1235.0
round(1234.5678, 2)	real:1234.57
round(1234.5678, 3)	real:1234.568
round(1234.5678, -1)	real:1235.0
round(1234.5678, 40)	real:1234.5678
round(1234.5678, NULL)	null:NULL
round(1234.5678, 3.9)	real:1234.568
round(1234.5678, '2')	real:1234.57
round(1234.5678, 16)	real:1234.5678
round(1234.5678, 20)	real:1234.5678
round(1e300, 0)	real:1.0e+300
round(1e300, 1)	real:1.0e+300
round(1e300, 3)	real:1.0e+300
round(1e300, -1)	real:1.0e+300
round(1e300, 40)	real:1.0e+300
round(1e300, NULL)	null:NULL
round(1e300, '2')	real:1.0e+300
round(1e300, 15)	real:1.0e+300
round(1e300, 16)	real:1.0e+300
round(1e300, 20)	real:1.0e+300
round('3.7x', 0)	real:4.0
round('3.7x', 1)	real:3.7
round('3.7x', 2)	real:3.7
round('3.7x', 3)	real:3.7
round('3.7x', -1)	real:4.0
round('3.7x', 3.9)	real:3.7
round('3.7x', '2')	real:3.7
round('3.7x', 16)	real:3.7
round('3.7x', 20)	real:3.7
round(NULL, 1)	null:NULL
round(NULL, 2)	null:NULL
round(NULL, 3)	null:NULL
round(NULL, 40)	null:NULL
round(NULL, NULL)	null:NULL
round(NULL, 3.9)	null:NULL
round(NULL, 16)	null:NULL
round(0.1, 3)	real:0.1
round(0.1, -1)	real:0.0
round(0.1, NULL)	null:NULL
round(0.1, '2')	real:0.1
round(0.1, 15)	real:0.1
round(0.1, 30)	real:0.1
round(1.23456789, 0)	real:1.0
round(1.23456789, 1)	real:1.2
round(1.23456789, 2)	real:1.23
round(1.23456789, 3)	real:1.235
round(1.23456789, 40)	real:1.23456788999999900191e+00
round(1.23456789, '2')	real:1.23
round(1.23456789, 20)	real:1.23456788999999900191e+00
round(1.23456789, 30)	real:1.23456788999999900191e+00
round(12345678901234567890.5, 2)	real:1.23456789012345671677e+19
round(12345678901234567890.5, 40)	real:1.23456789012345671677e+19
round(12345678901234567890.5, 3.9)	real:1.23456789012345671677e+19
round(12345678901234567890.5, '2')	real:1.23456789012345671677e+19
round(12345678901234567890.5, 15)	real:1.23456789012345671677e+19
round(12345678901234567890.5, 16)	real:1.23456789012345671677e+19
round(12345678901234567890.5, 30)	real:1.23456789012345671677e+19
round(5, 3)	real:5.0
round(5, 40)	real:5.0
round(5, NULL)	null:NULL
round(5, 3.9)	real:5.0
round(5, '2')	real:5.0
round(5, 20)	real:5.0
round(5, 30)	real:5.0
round(-0.4, 0)	real:0.0
round(-0.4, 3)	real:-0.4
round(-0.4, -1)	real:0.0
round(-0.4, 3.9)	real:-0.4
round(-0.4, '2')	real:-0.4
round(-0.4, 15)	real:-0.4
round(-0.4, 20)	real:-0.4
round(0.125, 0)	real:0.0
round(0.125, 1)	real:0.1
round(0.125, 2)	real:0.13
round(0.125, 3)	real:0.125
round(0.125, -1)	real:0.0
round(0.125, 40)	real:0.125
round(0.125, NULL)	null:NULL
round(0.125, '2')	real:0.13
round(0.125, 20)	real:0.125
round(0.125, 30)	real:0.125
round(0.375, 0)	real:0.0
round(0.375, 2)	real:0.38
round(0.375, 3)	real:0.375
round(0.375, 40)	real:0.375
round(0.375, 3.9)	real:0.375
round(0.375, 16)	real:0.375
round(0.375, 30)	real:0.375
round(1.45, 0)	real:1.0
round(1.45, 1)	real:1.5
round(1.45, 2)	real:1.45
round(1.45, 40)	real:1.44999999999999906741e+00
round(1.45, '2')	real:1.45
round(1.45, 15)	real:1.45
round(1.45, 16)	real:1.45
round(1.45, 20)	real:1.44999999999999906741e+00
round(2.345, 0)	real:2.0
round(2.345, 1)	real:2.3
round(2.345, 3)	real:2.345
round(2.345, -1)	real:2.0
round(2.345, '2')	real:2.35
round(2.345, 15)	real:2.345
round(2.345, 16)	real:2.345
round(2.345, 20)	real:2.345
round(2.345, 30)	real:2.345
round(1e-7, 2)	real:0.0
round(1e-7, -1)	real:0.0
round(1e-7, 40)	real:1.0e-07
round(1e-7, NULL)	null:NULL
round(1e-7, 3.9)	real:0.0
round(1e-7, 16)	real:1.0e-07
round(1e-7, 30)	real:1.0e-07
round(123.456e10, 0)	real:1234560000000.0
round(123.456e10, 2)	real:1234560000000.0
round(123.456e10, 3)	real:1234560000000.0
round(123.456e10, -1)	real:1234560000000.0
round(123.456e10, 40)	real:1234560000000.0
round(123.456e10, NULL)	null:NULL
round(123.456e10, 3.9)	real:1234560000000.0
round(123.456e10, '2')	real:1234560000000.0
round(123.456e10, 15)	real:1234560000000.0
round(123.456e10, 16)	real:1234560000000.0
round(123.456e10, 20)	real:1234560000000.0
substr('abcdef', 0, -1)	text:''
substr('abcdef', 0, -10)	text:''
substr('abcdef', 0, 100)	text:'abcdef'
substr('abcdef', 1)	text:'abcdef'
substr('abcdef', 1, 2)	text:'ab'
substr('abcdef', 1, -3)	text:''
substr('abcdef', 2, -1)	text:'a'
substr('abcdef', 2, -10)	text:'a'
substr('abcdef', 2, NULL)	null:NULL
substr('abcdef', -1, 2)	text:'f'
substr('abcdef', -1, -1)	text:'e'
substr('abcdef', -2)	text:'ef'
substr('abcdef', -2, 0)	text:''
substr('abcdef', -2, 1)	text:'e'
substr('abcdef', -2, -3)	text:'bcd'
substr('abcdef', -10, 1)	text:''
substr('abcdef', -10, 100)	text:'abcdef'
substr('abcdef', -10, NULL)	null:NULL
substr('abcdef', 7, NULL)	null:NULL
substr('abcdef', NULL, 1)	null:NULL
substr('abcdef', NULL, 2)	null:NULL
substr('abcdef', NULL, -3)	null:NULL
substr('abcdef', NULL, -10)	null:NULL
substr('abcdef', NULL, NULL)	null:NULL
substr('abcdef', 1.9)	text:'abcdef'
substr('abcdef', 1.9, 0)	text:''
substr('abcdef', 1.9, -1)	text:''
substr('abcdef', 1.9, NULL)	null:NULL
substr('abcdef', '2', 0)	text:''
substr('abcdef', '2', 1)	text:'b'
substr('abcdef', '2', -10)	text:'a'
substr('abcdef', '2', 100)	text:'bcdef'
substr('abcdef', '2', NULL)	null:NULL
substr('abcdef', 4294967298, 0)	text:''
substr('abcdef', 4294967298, -3)	text:'a'
substr('abcdef', 4294967298, 100)	text:'bcdef'
substr('héllo', 0, 0)	text:''
substr('héllo', 1)	text:'héllo'
substr('héllo', 1, 2)	text:'hé'
substr('héllo', 1, -1)	text:''
substr('héllo', 2)	text:'éllo'
substr('héllo', 2, 1)	text:'é'
substr('héllo', 2, -1)	text:'h'
substr('héllo', 2, -3)	text:'h'
substr('héllo', -1)	text:'o'
substr('héllo', -1, 0)	text:''
substr('héllo', -1, 1)	text:'o'
substr('héllo', -1, -1)	text:'l'
substr('héllo', -1, -3)	text:'éll'
substr('héllo', -2, 0)	text:''
substr('héllo', -2, 1)	text:'l'
substr('héllo', -2, -10)	text:'hél'
substr('héllo', -2, 100)	text:'lo'
substr('héllo', -10)	text:'héllo'
substr('héllo', -10, -1)	text:''
substr('héllo', -10, -10)	text:''
substr('héllo', 7)	text:''
substr('héllo', 7, 0)	text:''
substr('héllo', 7, 1)	text:''
substr('héllo', 7, 2)	text:''
substr('héllo', 7, -1)	text:''
substr('héllo', 7, -10)	text:'héllo'
substr('héllo', 7, 100)	text:''
substr('héllo', NULL, 0)	null:NULL
substr('héllo', NULL, -1)	null:NULL
substr('héllo', NULL, 100)	null:NULL
substr('héllo', 1.9)	text:'héllo'
substr('héllo', 1.9, 0)	text:''
substr('héllo', 1.9, -3)	text:''
substr('héllo', '2', 2)	text:'él'
substr('héllo', '2', -3)	text:'h'
substr('héllo', '2', NULL)	null:NULL
substr('héllo', 4294967298)	text:'éllo'
substr(x'0102030405', 0)	blob:X'0102030405'
substr(x'0102030405', 0, 2)	blob:X'01'
substr(x'0102030405', 0, -10)	blob:X''
substr(x'0102030405', 0, NULL)	null:NULL
substr(x'0102030405', 1, 0)	blob:X''
substr(x'0102030405', 2)	blob:X'02030405'
substr(x'0102030405', 2, 0)	blob:X''
substr(x'0102030405', 2, 1)	blob:X'02'
substr(x'0102030405', 2, -3)	blob:X'01'
substr(x'0102030405', 2, -10)	blob:X'01'
substr(x'0102030405', 2, 100)	blob:X'02030405'
substr(x'0102030405', 2, NULL)	null:NULL
substr(x'0102030405', -1)	blob:X'05'
substr(x'0102030405', -1, 2)	blob:X'05'
substr(x'0102030405', -1, -1)	blob:X'04'
substr(x'0102030405', -1, -10)	blob:X'01020304'
substr(x'0102030405', -1, 100)	blob:X'05'
substr(x'0102030405', -2, 2)	blob:X'0405'
substr(x'0102030405', -2, -1)	blob:X'03'
substr(x'0102030405', -10)	blob:X'0102030405'
substr(x'0102030405', -10, 0)	blob:X''
substr(x'0102030405', -10, 100)	blob:X'0102030405'
substr(x'0102030405', 7)	blob:X''
substr(x'0102030405', 7, -3)	blob:X'0405'
substr(x'0102030405', NULL, 0)	null:NULL
substr(x'0102030405', NULL, -1)	null:NULL
substr(x'0102030405', 1.9, 2)	blob:X'0102'
substr(x'0102030405', 1.9, NULL)	null:NULL
substr(x'0102030405', '2', 2)	blob:X'0203'
substr(x'0102030405', '2', -3)	blob:X'01'
substr(x'0102030405', '2', 100)	blob:X'02030405'
substr(x'0102030405', 4294967298)	blob:X'02030405'
substr(x'0102030405', 4294967298, 0)	blob:X''
substr(x'0102030405', 4294967298, 1)	blob:X'02'
substr(x'0102030405', 4294967298, 2)	blob:X'0203'
substr(x'0102030405', 4294967298, -1)	blob:X'01'
substr(x'0102030405', 4294967298, -3)	blob:X'01'
substr(x'0102030405', 4294967298, -10)	blob:X'01'
substr(12345, 0, -1)	text:''
substr(12345, 0, -10)	text:''
substr(12345, 1, 2)	text:'12'
substr(12345, 1, NULL)	null:NULL
substr(12345, 2, 0)	text:''
substr(12345, 2, 1)	text:'2'
substr(12345, 2, 2)	text:'23'
substr(12345, 2, -1)	text:'1'
substr(12345, 2, -10)	text:'1'
substr(12345, 2, NULL)	null:NULL
substr(12345, -1, 1)	text:'5'
substr(12345, -1, 2)	text:'5'
substr(12345, -1, -1)	text:'4'
substr(12345, -1, -3)	text:'234'
substr(12345, -2, 0)	text:''
substr(12345, -2, 1)	text:'4'
substr(12345, -2, 2)	text:'45'
substr(12345, -2, -10)	text:'123'
substr(12345, -10, -1)	text:''
substr(12345, -10, -3)	text:''
substr(12345, 7, 1)	text:''
substr(12345, NULL, 100)	null:NULL
substr(12345, NULL, NULL)	null:NULL
substr(12345, 1.9)	text:'12345'
substr(12345, 1.9, 0)	text:''
substr(12345, 1.9, 1)	text:'1'
substr(12345, 1.9, -1)	text:''
substr(12345, '2')	text:'2345'
substr(12345, '2', -3)	text:'1'
substr(12345, '2', 100)	text:'2345'
substr(12345, '2', NULL)	null:NULL
substr(12345, 4294967298, 0)	text:''
substr(12345, 4294967298, 1)	text:'2'
substr(12345, 4294967298, -1)	text:'1'
substr(12345, 4294967298, -3)	text:'1'
substr(12345, 4294967298, 100)	text:'2345'
substr(NULL, 0, 0)	null:NULL
substr(NULL, 0, 2)	null:NULL
substr(NULL, 0, -3)	null:NULL
substr(NULL, 0, -10)	null:NULL
substr(NULL, 0, 100)	null:NULL
substr(NULL, 1)	null:NULL
substr(NULL, 1, 0)	null:NULL
substr(NULL, 1, 2)	null:NULL
substr(NULL, 2, -3)	null:NULL
substr(NULL, 2, -10)	null:NULL
substr(NULL, -1)	null:NULL
substr(NULL, -1, 0)	null:NULL
substr(NULL, -1, -1)	null:NULL
substr(NULL, -2, 2)	null:NULL
substr(NULL, -2, -3)	null:NULL
substr(NULL, -2, -10)	null:NULL
substr(NULL, -10)	null:NULL
substr(NULL, -10, NULL)	null:NULL
substr(NULL, 7, 0)	null:NULL
substr(NULL, 7, -1)	null:NULL
substr(NULL, NULL, 1)	null:NULL
substr(NULL, NULL, -10)	null:NULL
substr(NULL, NULL, 100)	null:NULL
substr(NULL, NULL, NULL)	null:NULL
substr(NULL, 1.9)	null:NULL
substr(NULL, 1.9, 0)	null:NULL
substr(NULL, 1.9, -3)	null:NULL
substr(NULL, 1.9, -10)	null:NULL
substr(NULL, 1.9, 100)	null:NULL
substr(NULL, '2')	null:NULL
substr(NULL, '2', 1)	null:NULL
substr(NULL, '2', -3)	null:NULL
substr(NULL, 4294967298, 0)	null:NULL
substr(NULL, 4294967298, 1)	null:NULL
substr(NULL, 4294967298, 2)	null:NULL
substr(NULL, 4294967298, -1)	null:NULL
substr(NULL, 4294967298, -3)	null:NULL
substr('', 0, 1)	text:''
substr('', 0, 2)	text:''
substr('', 0, -10)	text:''
substr('', 1, -1)	text:''
substr('', 1, 100)	text:''
substr('', 1, NULL)	null:NULL
substr('', 2, 1)	text:''
substr('', 2, -1)	text:''
substr('', -1)	text:''
substr('', -1, 1)	text:''
substr('', -1, 2)	text:''
substr('', -2, 0)	text:''
substr('', -2, 1)	text:''
substr('', -2, 2)	text:''
substr('', -2, -10)	text:''
substr('', -2, NULL)	null:NULL
substr('', -10, 0)	text:''
substr('', -10, 1)	text:''
substr('', -10, NULL)	null:NULL
substr('', 7, 0)	text:''
substr('', NULL)	null:NULL
substr('', NULL, 0)	null:NULL
substr('', NULL, -1)	null:NULL
substr('', NULL, -3)	null:NULL
substr('', 1.9, 0)	text:''
substr('', 1.9, 1)	text:''
substr('', 1.9, -3)	text:''
substr('', '2', NULL)	null:NULL
substr('', 4294967298)	text:''
substr('', 4294967298, -1)	text:''
substr('', 4294967298, -3)	text:''
substr(1.5, 0)	text:'1.5'
substr(1.5, 0, 0)	text:''
substr(1.5, 0, 2)	text:'1'
substr(1.5, 0, NULL)	null:NULL
substr(1.5, 1, 2)	text:'1.'
substr(1.5, 1, -1)	text:''
substr(1.5, 1, -3)	text:''
substr(1.5, 1, -10)	text:''
substr(1.5, 2, 2)	text:'.5'
substr(1.5, 2, -10)	text:'1'
substr(1.5, -1)	text:'5'
substr(1.5, -1, 2)	text:'5'
substr(1.5, -1, -1)	text:'.'
substr(1.5, -1, -3)	text:'1.'
substr(1.5, -1, NULL)	null:NULL
substr(1.5, -2, 1)	text:'.'
substr(1.5, -2, -1)	text:'1'
substr(1.5, -10)	text:'1.5'
substr(1.5, -10, 1)	text:''
substr(1.5, -10, -10)	text:''
substr(1.5, -10, NULL)	null:NULL
substr(1.5, 7, 0)	text:''
substr(1.5, 7, 1)	text:''
substr(1.5, 7, 100)	text:''
substr(1.5, 7, NULL)	null:NULL
substr(1.5, NULL)	null:NULL
substr(1.5, NULL, 2)	null:NULL
substr(1.5, NULL, -1)	null:NULL
substr(1.5, NULL, -3)	null:NULL
substr(1.5, NULL, -10)	null:NULL
substr(1.5, 1.9)	text:'1.5'
substr(1.5, 1.9, -3)	text:''
substr(1.5, 1.9, -10)	text:''
substr(1.5, 1.9, 100)	text:'1.5'
substr(1.5, '2')	text:'.5'
substr(1.5, '2', 0)	text:''
substr(1.5, '2', 1)	text:'.'
substr(1.5, '2', -10)	text:'1'
substr(1.5, '2', 100)	text:'.5'
substr(1.5, '2', NULL)	null:NULL
substr(1.5, 4294967298, 0)	text:''
substr(1.5, 4294967298, 1)	text:'.'
substr(1.5, 4294967298, 2)	text:'.5'
substr(1.5, 4294967298, -3)	text:'1'
rtrim('xxaxx', 'x')	text:'xxa'
ltrim('xxaxx', 'yx')	text:'axx'
ltrim('xxaxx', 'é')	text:'xxaxx'
ltrim('xxaxx', '0')	text:'xxaxx'
trim('xxaxx', '')	text:'xxaxx'
rtrim('xxaxx', '')	text:'xxaxx'
rtrim('xxaxx', ' ')	text:'xxaxx'
rtrim('xyxab', 'x')	text:'xyxab'
trim('xyxab', 'é')	text:'xyxab'
rtrim('xyxab', '0')	text:'xyxab'
ltrim('xyxab', '')	text:'xyxab'
trim('xyxab', NULL)	null:NULL
rtrim('xyxab', 'ab')	text:'xyx'
trim('xyxab', ' ')	text:'xyxab'
trim('abéé', 'x')	text:'abéé'
rtrim('abéé', 'é')	text:'ab'
trim('abéé', '0')	text:'abéé'
rtrim('abéé', '0')	text:'abéé'
ltrim('abéé', NULL)	null:NULL
rtrim('abéé', NULL)	null:NULL
ltrim('abéé', 'ab')	text:'éé'
ltrim('abéé', ' ')	text:'abéé'
trim(12.50, 'x')	text:'12.5'
trim(12.50, 'yx')	text:'12.5'
rtrim(12.50, 'é')	text:'12.5'
trim(12.50, '')	text:'12.5'
ltrim(12.50, '')	text:'12.5'
rtrim(12.50, '')	text:'12.5'
ltrim(12.50, NULL)	null:NULL
rtrim(12.50, ' ')	text:'12.5'
ltrim('  ab  ', 'x')	text:'  ab  '
trim('  ab  ', 'yx')	text:'  ab  '
ltrim('  ab  ', '0')	text:'  ab  '
trim('  ab  ', '')	text:'  ab  '
rtrim('  ab  ', '')	text:'  ab  '
trim('  ab  ', 'ab')	text:'  ab  '
ltrim(NULL, 'x')	null:NULL
trim(NULL, '0')	null:NULL
rtrim(NULL, '')	null:NULL
trim(NULL, NULL)	null:NULL
trim(NULL, 'ab')	null:NULL
ltrim(NULL, 'ab')	null:NULL
rtrim(NULL, 'ab')	null:NULL
trim(NULL, ' ')	null:NULL
rtrim(NULL, ' ')	null:NULL
trim(x'616263', 'x')	text:'abc'
rtrim(x'616263', 'x')	text:'abc'
trim(x'616263', '0')	text:'abc'
ltrim(x'616263', '0')	text:'abc'
rtrim(x'616263', '0')	text:'abc'
trim(x'616263', '')	text:'abc'
rtrim(x'616263', NULL)	null:NULL
trim(x'616263', ' ')	text:'abc'
trim('', 'x')	text:''
ltrim('', 'yx')	text:''
rtrim('', 'yx')	text:''
trim('', 'é')	text:''
trim('', '0')	text:''
rtrim('', '')	text:''
trim('', 'ab')	text:''
trim('', ' ')	text:''
rtrim('', ' ')	text:''
replace('aaa', 'a', 'x')	text:'xxx'
replace('aaa', 'a', 'YY')	text:'YYYYYY'
replace('aaa', '', '')	text:'aaa'
replace('aaa', '', NULL)	text:'aaa'
replace('aaa', '', 9)	text:'aaa'
replace('aaa', '', 'YY')	text:'aaa'
replace('aaa', 'bc', 'x')	text:'aaa'
replace('aaa', 'bc', 'YY')	text:'aaa'
replace('aaa', 2, 'x')	text:'aaa'
replace('aaa', 2, NULL)	null:NULL
replace('aaa', NULL, NULL)	null:NULL
replace('aaa', NULL, 9)	null:NULL
replace('aaa', NULL, 'YY')	null:NULL
replace('aaa', 'é', NULL)	null:NULL
replace('aaa', 'é', 'YY')	text:'aaa'
replace('aaa', '.', 9)	text:'aaa'
replace('aaa', 'aa', 'YY')	text:'YYa'
replace('abcabc', 'a', NULL)	null:NULL
replace('abcabc', 'a', 'YY')	text:'YYbcYYbc'
replace('abcabc', '', 'x')	text:'abcabc'
replace('abcabc', 'bc', 'x')	text:'axax'
replace('abcabc', 2, '')	text:'abcabc'
replace('abcabc', 2, NULL)	null:NULL
replace('abcabc', 2, 'YY')	text:'abcabc'
replace('abcabc', NULL, 'x')	null:NULL
replace('abcabc', NULL, NULL)	null:NULL
replace('abcabc', 'é', 9)	text:'abcabc'
replace('abcabc', '.', 9)	text:'abcabc'
replace('abcabc', '.', 'YY')	text:'abcabc'
replace('abcabc', 'aa', 9)	text:'abcabc'
replace(123, 'a', '')	text:'123'
replace(123, 'a', 9)	text:'123'
replace(123, 'a', 'YY')	text:'123'
replace(123, '', '')	integer:123
replace(123, '', 9)	integer:123
replace(123, '', 'YY')	integer:123
replace(123, 'bc', 'x')	text:'123'
replace(123, 'bc', 9)	text:'123'
replace(123, 2, '')	text:'13'
replace(123, 2, NULL)	null:NULL
replace(123, 2, 9)	text:'193'
replace(123, 'é', 'x')	text:'123'
replace(123, 'é', 'YY')	text:'123'
replace(123, 'aa', '')	text:'123'
replace(123, 'aa', NULL)	null:NULL
replace(123, 'aa', 9)	text:'123'
replace('héllo', '', NULL)	text:'héllo'
replace('héllo', '', 9)	text:'héllo'
replace('héllo', 'bc', 'YY')	text:'héllo'
replace('héllo', 2, 9)	text:'héllo'
replace('héllo', 'é', NULL)	null:NULL
replace('héllo', 'é', 9)	text:'h9llo'
replace('héllo', 'é', 'YY')	text:'hYYllo'
replace('héllo', '.', 9)	text:'héllo'
replace('héllo', 'aa', NULL)	null:NULL
replace('héllo', 'aa', 'YY')	text:'héllo'
replace(NULL, '', NULL)	null:NULL
replace(NULL, 2, NULL)	null:NULL
replace(NULL, 2, 'YY')	null:NULL
replace(NULL, NULL, NULL)	null:NULL
replace(NULL, NULL, 9)	null:NULL
replace(NULL, NULL, 'YY')	null:NULL
replace(NULL, 'é', NULL)	null:NULL
replace(NULL, 'é', 'YY')	null:NULL
replace(NULL, '.', NULL)	null:NULL
replace(NULL, 'aa', 'x')	null:NULL
replace('', 'a', NULL)	null:NULL
replace('', 'a', 9)	text:''
replace('', 'a', 'YY')	text:''
replace('', '', NULL)	text:''
replace('', 'bc', 'YY')	text:''
replace('', NULL, '')	null:NULL
replace('', 'é', 'x')	text:''
replace('', '.', 9)	text:''
replace('', 'aa', 9)	text:''
replace(x'616263', 'a', 'x')	text:'xbc'
replace(x'616263', '', 'x')	text:'abc'
replace(x'616263', '', 9)	text:'abc'
replace(x'616263', 2, '')	text:'abc'
replace(x'616263', NULL, 'x')	null:NULL
replace(x'616263', 'é', NULL)	null:NULL
replace(x'616263', '.', 9)	text:'abc'
replace(x'616263', 'aa', 'YY')	text:'abc'
replace(1.5, 'a', NULL)	null:NULL
replace(1.5, 'a', 'YY')	text:'1.5'
replace(1.5, '', '')	real:1.5
replace(1.5, '', 'YY')	real:1.5
replace(1.5, 2, 'YY')	text:'1.5'
replace(1.5, 'é', 'x')	text:'1.5'
replace(1.5, '.', 'x')	text:'1x5'
replace(1.5, '.', 9)	text:'195'
replace(1.5, '.', 'YY')	text:'1YY5'
replace(1.5, 'aa', 'x')	text:'1.5'
instr('héllo', 'l')	integer:3
instr('héllo', '')	integer:1
instr('héllo', x'02')	integer:0
instr('héllo', 'd')	integer:0
instr('héllo', 34)	integer:0
instr('héllo', '.')	integer:0
instr('abc', 'l')	integer:0
instr('abc', '')	integer:1
instr('abc', 'd')	integer:0
instr('abc', NULL)	null:NULL
instr('abc', 34)	integer:0
instr('abc', 'a')	integer:1
instr(x'010203', 'l')	integer:0
instr(x'010203', 34)	integer:0
instr(x'010203', '.')	integer:0
instr(x'010203', x'61')	integer:0
instr(12345, '')	integer:1
instr(12345, x'02')	integer:0
instr(12345, 'd')	integer:0
instr(12345, NULL)	null:NULL
instr(12345, 34)	integer:3
instr(12345, '.')	integer:0
instr(12345, x'61')	integer:0
instr(12345, 'lo')	integer:0
instr(NULL, '')	null:NULL
instr(NULL, 'd')	null:NULL
instr(NULL, 'a')	null:NULL
instr(NULL, '.')	null:NULL
instr(NULL, x'61')	null:NULL
instr(NULL, 'lo')	null:NULL
instr('', 'l')	integer:0
instr('', x'02')	integer:0
instr('', NULL)	null:NULL
instr('', 34)	integer:0
instr('', '.')	integer:0
instr('', x'61')	integer:0
instr('', 'lo')	integer:0
instr('aaa', '')	integer:1
instr('aaa', x'02')	integer:0
instr('aaa', 'd')	integer:0
instr('aaa', NULL)	null:NULL
instr('aaa', 'a')	integer:1
instr('aaa', '.')	integer:0
instr('aaa', x'61')	integer:1
instr('aaa', 'lo')	integer:0
instr(1.5, 'l')	integer:0
instr(1.5, x'02')	integer:0
instr(1.5, 'd')	integer:0
instr(1.5, NULL)	null:NULL
instr(1.5, 34)	integer:0
instr(1.5, 'a')	integer:0
min(NULL, 0)	null:NULL
min(NULL, 'abc')	null:NULL
min(NULL, '1e3')	null:NULL
min(NULL, ' 12 ')	null:NULL
min(0, -1)	integer:-1
min(0, 3)	integer:0
min(0, '12abc')	integer:0
min(1, 1)	integer:1
min(1, '')	integer:1
min(-1, 1)	integer:-1
min(-1, 3)	integer:-1
min(-1, -3)	integer:-3
min(-1, 'abc')	integer:-1
min(-1, '12abc')	integer:-1
min(-1, x'616263')	integer:-1
min(-1, '')	integer:-1
min(2, -3)	integer:-3
min(2, -2.5)	real:-2.5
min(3, 1)	integer:1
min(3, 2)	integer:2
min(3, 3)	integer:3
min(3, -2.5)	real:-2.5
min(3, 'abc')	integer:3
min(3, ' 12 ')	integer:3
min(-3, '12abc')	integer:-3
min(-3, '1e3')	integer:-3
min(-3, 'héllo')	integer:-3
min(1.5, NULL)	null:NULL
min(1.5, 0)	integer:0
min(1.5, -1)	integer:-1
min(1.5, -3)	integer:-3
min(1.5, 'héllo')	real:1.5
min(-2.5, 0)	real:-2.5
min(-2.5, 1)	real:-2.5
min(-2.5, 1.5)	real:-2.5
min(-2.5, 'héllo')	real:-2.5
min('abc', 1.5)	real:1.5
min('abc', '12abc')	text:'12abc'
min('abc', x'616263')	text:'abc'
min('abc', ' 12 ')	text:' 12 '
min('12abc', 1)	integer:1
min('12abc', 1.5)	real:1.5
min('12abc', 'héllo')	text:'12abc'
min('12abc', ' 12 ')	text:' 12 '
min('1e3', 3)	integer:3
min('1e3', -2.5)	real:-2.5
min('1e3', '12abc')	text:'12abc'
min('1e3', '1e3')	text:'1e3'
min('1e3', 'héllo')	text:'1e3'
min('1e3', x'616263')	text:'1e3'
min('héllo', 2)	integer:2
min('héllo', -2.5)	real:-2.5
min('héllo', 'héllo')	text:'héllo'
min(x'616263', NULL)	null:NULL
min(x'616263', 3)	integer:3
min(x'616263', -2.5)	real:-2.5
min(x'616263', '1e3')	text:'1e3'
min(x'616263', '')	text:''
min(' 12 ', NULL)	null:NULL
min(' 12 ', -3)	integer:-3
min(' 12 ', '12abc')	text:' 12 '
min(' 12 ', x'616263')	text:' 12 '
min('', 0)	integer:0
min('', 1)	integer:1
min('', 2)	integer:2
min('', '1e3')	text:''
min('', 'héllo')	text:''
min('', ' 12 ')	text:''
max(NULL, NULL)	null:NULL
max(NULL, 1)	null:NULL
max(NULL, -1)	null:NULL
max(NULL, 1.5)	null:NULL
max(NULL, ' 12 ')	null:NULL
max(0, 1)	integer:1
max(0, -3)	integer:0
max(0, '1e3')	text:'1e3'
max(0, '')	text:''
max(1, 0)	integer:1
max(1, -3)	integer:1
max(1, 'héllo')	text:'héllo'
max(-1, 2)	integer:2
max(-1, -3)	integer:-1
max(-1, 1.5)	real:1.5
max(-1, 'héllo')	text:'héllo'
max(2, -1)	integer:2
max(2, 'abc')	text:'abc'
max(2, '')	text:''
max(3, NULL)	null:NULL
max(3, -3)	integer:3
max(3, '12abc')	text:'12abc'
max(3, 'héllo')	text:'héllo'
max(-3, 1)	integer:1
max(-3, 1.5)	real:1.5
max(-3, '1e3')	text:'1e3'
max(1.5, 2)	integer:2
max(1.5, -3)	real:1.5
max(1.5, x'616263')	blob:X'616263'
max(-2.5, 'abc')	text:'abc'
max(-2.5, '12abc')	text:'12abc'
max('abc', 2)	text:'abc'
max('abc', 1.5)	text:'abc'
max('abc', '1e3')	text:'abc'
max('abc', x'616263')	blob:X'616263'
max('abc', ' 12 ')	text:'abc'
max('12abc', NULL)	null:NULL
max('12abc', '12abc')	text:'12abc'
max('12abc', x'616263')	blob:X'616263'
max('1e3', 2)	text:'1e3'
max('1e3', -3)	text:'1e3'
max('1e3', x'616263')	blob:X'616263'
max('héllo', 1)	text:'héllo'
max('héllo', 2)	text:'héllo'
max('héllo', 3)	text:'héllo'
max('héllo', 'abc')	text:'héllo'
max('héllo', '1e3')	text:'héllo'
max('héllo', '')	text:'héllo'
max(x'616263', 0)	blob:X'616263'
max(x'616263', 2)	blob:X'616263'
max(x'616263', 3)	blob:X'616263'
max(x'616263', 'abc')	blob:X'616263'
max(' 12 ', 1)	text:' 12 '
max(' 12 ', 2)	text:' 12 '
max(' 12 ', 3)	text:' 12 '
max(' 12 ', -3)	text:' 12 '
max(' 12 ', -2.5)	text:' 12 '
max(' 12 ', ' 12 ')	text:' 12 '
max('', -1)	text:''
max('', 3)	text:''
coalesce(NULL, 1.5)	real:1.5
coalesce(0, x'616263')	integer:0
coalesce(1, 1)	integer:1
coalesce(1, 'abc')	integer:1
coalesce(-1, 3)	integer:-1
coalesce(-1, x'616263')	integer:-1
coalesce(2, x'616263')	integer:2
coalesce(-3, -3)	integer:-3
coalesce(-3, 'abc')	integer:-3
coalesce(1.5, '1e3')	real:1.5
coalesce(1.5, x'616263')	real:1.5
coalesce(-2.5, NULL)	real:-2.5
coalesce(-2.5, x'616263')	real:-2.5
coalesce('abc', 2)	text:'abc'
coalesce('abc', -2.5)	text:'abc'
coalesce('abc', '1e3')	text:'abc'
coalesce('abc', ' 12 ')	text:'abc'
coalesce('1e3', NULL)	text:'1e3'
coalesce('1e3', -3)	text:'1e3'
coalesce('héllo', NULL)	text:'héllo'
coalesce('héllo', 2)	text:'héllo'
coalesce('héllo', '1e3')	text:'héllo'
coalesce('héllo', 'héllo')	text:'héllo'
coalesce(x'616263', -1)	blob:X'616263'
coalesce(x'616263', 'héllo')	blob:X'616263'
coalesce(x'616263', x'616263')	blob:X'616263'
coalesce('', -1)	text:''
ifnull(NULL, 0)	integer:0
ifnull(0, 1)	integer:0
ifnull(0, 2)	integer:0
ifnull(0, 1.5)	integer:0
ifnull(0, 'héllo')	integer:0
ifnull(1, ' 12 ')	integer:1
ifnull(1, '')	integer:1
ifnull(-1, 2)	integer:-1
ifnull(-1, 3)	integer:-1
ifnull(-1, 'abc')	integer:-1
ifnull(2, 2)	integer:2
ifnull(2, 'abc')	integer:2
ifnull(3, -2.5)	integer:3
ifnull(-3, 2)	integer:-3
ifnull(-3, -3)	integer:-3
ifnull(-3, -2.5)	integer:-3
ifnull(1.5, 0)	real:1.5
ifnull(1.5, 'héllo')	real:1.5
ifnull(1.5, ' 12 ')	real:1.5
ifnull('12abc', 3)	text:'12abc'
ifnull('1e3', 1.5)	text:'1e3'
ifnull('1e3', ' 12 ')	text:'1e3'
ifnull('héllo', '')	text:'héllo'
ifnull(x'616263', 2)	blob:X'616263'
ifnull(x'616263', 'héllo')	blob:X'616263'
ifnull(x'616263', x'616263')	blob:X'616263'
ifnull('', ' 12 ')	text:''
nullif(NULL, -1)	null:NULL
nullif(NULL, 2)	null:NULL
nullif(NULL, 'abc')	null:NULL
nullif(NULL, 'héllo')	null:NULL
nullif(NULL, x'616263')	null:NULL
nullif(0, 1)	integer:0
nullif(0, -1)	integer:0
nullif(0, -2.5)	integer:0
nullif(0, 'abc')	integer:0
nullif(0, ' 12 ')	integer:0
nullif(0, '')	integer:0
nullif(1, -1)	integer:1
nullif(1, -2.5)	integer:1
nullif(1, '12abc')	integer:1
nullif(-1, 1)	integer:-1
nullif(-1, 'abc')	integer:-1
nullif(-1, '')	integer:-1
nullif(2, 3)	integer:2
nullif(2, 'abc')	integer:2
nullif(2, '12abc')	integer:2
nullif(2, '1e3')	integer:2
nullif(2, ' 12 ')	integer:2
nullif(3, 2)	integer:3
nullif(3, 1.5)	integer:3
nullif(3, 'héllo')	integer:3
nullif(3, '')	integer:3
nullif(-3, NULL)	integer:-3
nullif(-3, 0)	integer:-3
nullif(-3, 3)	integer:-3
nullif(-3, -3)	null:NULL
nullif(-3, -2.5)	integer:-3
nullif(-3, 'abc')	integer:-3
nullif(1.5, 0)	real:1.5
nullif(1.5, 2)	real:1.5
nullif(1.5, -3)	real:1.5
nullif(1.5, -2.5)	real:1.5
nullif(1.5, '1e3')	real:1.5
nullif(1.5, 'héllo')	real:1.5
nullif(1.5, x'616263')	real:1.5
nullif(1.5, '')	real:1.5
nullif(-2.5, 1.5)	real:-2.5
nullif(-2.5, '12abc')	real:-2.5
nullif(-2.5, ' 12 ')	real:-2.5
nullif(-2.5, '')	real:-2.5
nullif('abc', 0)	text:'abc'
nullif('abc', 2)	text:'abc'
nullif('abc', 3)	text:'abc'
nullif('abc', 1.5)	text:'abc'
nullif('abc', -2.5)	text:'abc'
nullif('abc', '12abc')	text:'abc'
nullif('12abc', '')	text:'12abc'
nullif('1e3', 1)	text:'1e3'
nullif('1e3', ' 12 ')	text:'1e3'
nullif('1e3', '')	text:'1e3'
nullif('héllo', NULL)	text:'héllo'
nullif('héllo', -2.5)	text:'héllo'
nullif(x'616263', NULL)	blob:X'616263'
nullif(x'616263', 1)	blob:X'616263'
nullif(x'616263', -3)	blob:X'616263'
nullif(x'616263', -2.5)	blob:X'616263'
nullif(x'616263', 'héllo')	blob:X'616263'
nullif(' 12 ', -1)	text:' 12 '
nullif(' 12 ', 'héllo')	text:' 12 '
nullif('', 0)	text:''
nullif('', -3)	text:''
nullif('', x'616263')	text:''
nullif(1, 1.0)	null:NULL
nullif('a', 'A')	text:'a'
char(1114111)	text:'􏿿'
char(65.7)	text:'A'
char('66')	text:'B'
glob('abc', 'ABC')	integer:0
like('abc', 'a%c')	integer:0
like('abc', 'héllo')	integer:0
like('abc', ']')	integer:0
like('abc', 12)	integer:0
glob('abc', 12)	integer:0
glob('abc', 1.5)	integer:0
glob('ABC', 'abc')	integer:0
like('ABC', 'ABC')	integer:1
glob('ABC', 'ABC')	integer:1
like('ABC', 'a%c')	integer:0
like('ABC', 'aXc')	integer:0
glob('ABC', 'b')	integer:0
like('ABC', 'xbc')	integer:0
like('ABC', NULL)	null:NULL
glob('ABC', 12)	integer:0
glob('ABC', 1.5)	integer:0
like('ABC', 'ab')	integer:0
glob('a%', 'a_c')	integer:0
like('a%', 'aXc')	integer:1
glob('a%', 'aXc')	integer:0
like('a%', '')	integer:0
glob('a%', 'HÉLLO')	integer:0
like('a%', 'é')	integer:0
glob('a%', 'é')	integer:0
glob('a%', ']')	integer:0
glob('a%', 'b')	integer:0
like('a%', 12)	integer:0
like('a%', 1.5)	integer:0
glob('a%', 1.5)	integer:0
like('a%', x'616263')	integer:0
glob('a%', x'616263')	integer:0
like('%c', 'abc')	integer:1
like('%c', 'ABC')	integer:1
glob('%c', 'a%c')	integer:0
glob('%c', 'a_c')	integer:0
glob('%c', 'aXc')	integer:0
glob('%c', 'héllo')	integer:0
like('%c', 'HÉLLO')	integer:0
like('%c', ']')	integer:0
glob('%c', 'b')	integer:0
like('%c', 'a')	integer:0
glob('%c', 'a')	integer:0
like('%c', x'616263')	integer:0
glob('%c', x'616263')	integer:0
like('%c', 'ab')	integer:0
glob('a_c', 'a_c')	integer:1
like('a_c', 'aXc')	integer:1
like('a_c', '')	integer:0
like('a_c', ']')	integer:0
glob('a_c', ']')	integer:0
glob('a_c', 'b')	integer:0
glob('a_c', 'a')	integer:0
glob('a_c', 1.5)	integer:0
like('_', 'ABC')	integer:0
like('_', 'a_c')	integer:0
glob('_', 'a_c')	integer:0
glob('_', 'aXc')	integer:0
glob('_', 'HÉLLO')	integer:0
like('_', 'b')	integer:1
glob('_', 'b')	integer:0
glob('_', 'a')	integer:0
like('_', 'xbc')	integer:0
like('_', x'616263')	integer:0
like('_', 'ab')	integer:0
glob('_', 'ab')	integer:0
glob('%', 'ABC')	integer:0
glob('%', 'a%c')	integer:0
like('%', 'a_c')	integer:1
like('%', 'aXc')	integer:1
glob('%', 'aXc')	integer:0
glob('%', '')	integer:0
like('%', 'héllo')	integer:1
like('%', 'é')	integer:1
glob('%', ']')	integer:0
like('%', '-')	integer:1
like('%', 'b')	integer:1
glob('%', 'xbc')	integer:0
like('%', 1.5)	integer:1
like('%', x'616263')	integer:0
glob('', 'ABC')	integer:0
like('', 'a%c')	integer:0
glob('', 'a_c')	integer:0
like('', 'aXc')	integer:0
like('', ']')	integer:0
like('', '-')	integer:0
glob('', 'b')	integer:0
like('', 'a')	integer:0
like('', 'xbc')	integer:0
like('', NULL)	null:NULL
glob('', NULL)	null:NULL
glob('', 1.5)	integer:0
like('a%%%', 'ABC')	integer:1
like('a%%%', 'a%c')	integer:1
like('a%%%', 'a_c')	integer:1
like('a%%%', 'aXc')	integer:1
like('a%%%', '')	integer:0
glob('a%%%', '')	integer:0
glob('a%%%', 'héllo')	integer:0
like('a%%%', 'HÉLLO')	integer:0
like('a%%%', 'b')	integer:0
like('a%%%', 12)	integer:0
like('a%%%', x'616263')	integer:0
glob('a%%%', x'616263')	integer:0
like('%b%', 'abc')	integer:1
glob('%b%', 'ABC')	integer:0
like('%b%', 'a%c')	integer:0
like('%b%', 'aXc')	integer:0
glob('%b%', 'aXc')	integer:0
glob('%b%', 'é')	integer:0
like('%b%', '-')	integer:0
glob('%b%', '-')	integer:0
like('%b%', 'b')	integer:1
glob('%b%', 'a')	integer:0
like('%b%', 'xbc')	integer:1
like('%b%', NULL)	null:NULL
like('%b%', 1.5)	integer:0
like('%b%', x'616263')	integer:0
like('%b%', 'ab')	integer:1
glob('%b%', 'ab')	integer:0
glob('_b_', 'abc')	integer:0
like('_b_', 'a_c')	integer:0
glob('_b_', '')	integer:0
glob('_b_', 'é')	integer:0
like('_b_', ']')	integer:0
like('_b_', 'b')	integer:0
glob('_b_', 'xbc')	integer:0
like('_b_', NULL)	null:NULL
like('_b_', 12)	integer:0
glob('_b_', 'ab')	integer:0
like('é', 'abc')	integer:0
like('é', 'ABC')	integer:0
like('é', '')	integer:0
glob('é', '')	integer:0
like('é', 'héllo')	integer:0
like('é', 'b')	integer:0
glob('é', 'b')	integer:0
like('é', NULL)	null:NULL
glob('é', NULL)	null:NULL
glob('É', 'a_c')	integer:0
glob('É', 'aXc')	integer:0
like('É', '')	integer:0
glob('É', '')	integer:0
glob('É', 'héllo')	integer:0
like('É', 'HÉLLO')	integer:0
like('É', '-')	integer:0
glob('É', 'xbc')	integer:0
glob('É', NULL)	null:NULL
glob('É', 1.5)	integer:0
glob('É', x'616263')	integer:0
glob('h_llo', 'abc')	integer:0
like('h_llo', 'a%c')	integer:0
glob('h_llo', 'a%c')	integer:0
glob('h_llo', 'a_c')	integer:0
like('h_llo', 'aXc')	integer:0
like('h_llo', 'HÉLLO')	integer:1
glob('h_llo', 'é')	integer:0
like('h_llo', 'b')	integer:0
glob('h_llo', 'b')	integer:0
glob('h_llo', 'xbc')	integer:0
like('h_llo', NULL)	null:NULL
glob('h_llo', NULL)	null:NULL
like('h_llo', 1.5)	integer:0
glob('h_llo', 1.5)	integer:0
like('h_llo', x'616263')	integer:0
like('[a-c]bc', 'abc')	integer:0
like('[a-c]bc', 'a%c')	integer:0
like('[a-c]bc', 'a_c')	integer:0
like('[a-c]bc', ']')	integer:0
glob('[a-c]bc', '-')	integer:0
glob('[a-c]bc', NULL)	null:NULL
like('[a-c]bc', x'616263')	integer:0
glob('[a-c]bc', x'616263')	integer:0
like('[^a-c]bc', 'abc')	integer:0
like('[^a-c]bc', 'a_c')	integer:0
glob('[^a-c]bc', 'a_c')	integer:0
like('[^a-c]bc', 'aXc')	integer:0
glob('[^a-c]bc', 'aXc')	integer:0
like('[^a-c]bc', '-')	integer:0
glob('[^a-c]bc', '-')	integer:0
like('[^a-c]bc', 'xbc')	integer:0
glob('[^a-c]bc', 'xbc')	integer:1
like('[^a-c]bc', 1.5)	integer:0
glob('[^a-c]bc', 1.5)	integer:0
like('[^a-c]bc', x'616263')	integer:0
like('a*', 'abc')	integer:0
like('a*', 'a%c')	integer:0
like('a*', 'aXc')	integer:0
glob('a*', 'aXc')	integer:1
glob('a*', '')	integer:0
like('a*', 'HÉLLO')	integer:0
like('a*', 'é')	integer:0
glob('a*', ']')	integer:0
like('a*', '-')	integer:0
glob('a*', '-')	integer:0
like('a*', 'xbc')	integer:0
like('a*', NULL)	null:NULL
glob('a*', NULL)	null:NULL
glob('a*', x'616263')	integer:0
like('*c', 'a%c')	integer:0
like('*c', 'héllo')	integer:0
glob('*c', 'héllo')	integer:0
like('*c', 'HÉLLO')	integer:0
glob('*c', 'HÉLLO')	integer:0
like('*c', ']')	integer:0
glob('*c', ']')	integer:0
glob('*c', '-')	integer:0
like('*c', 'xbc')	integer:0
glob('*c', NULL)	null:NULL
like('*c', 1.5)	integer:0
like('*c', x'616263')	integer:0
glob('a?c', 'abc')	integer:1
like('a?c', 'a%c')	integer:0
glob('a?c', 'a_c')	integer:1
like('a?c', 'aXc')	integer:0
glob('a?c', '')	integer:0
like('a?c', 'é')	integer:0
glob('a?c', 'é')	integer:0
like('a?c', ']')	integer:0
glob('a?c', ']')	integer:0
like('a?c', '-')	integer:0
glob('a?c', 'b')	integer:0
like('a?c', 'xbc')	integer:0
like('a?c', 12)	integer:0
glob('a?c', 12)	integer:0
like('a?c', 1.5)	integer:0
like('a?c', 'ab')	integer:0
glob('[]]', 'a%c')	integer:0
like('[]]', 'a_c')	integer:0
glob('[]]', 'a_c')	integer:0
like('[]]', 'é')	integer:0
like('[]]', '-')	integer:0
like('[]]', x'616263')	integer:0
like('[a-]', 'abc')	integer:0
glob('[a-]', 'abc')	integer:0
glob('[a-]', 'ABC')	integer:0
like('[a-]', 'a_c')	integer:0
glob('[a-]', 'héllo')	integer:0
glob('[a-]', 'HÉLLO')	integer:0
like('[a-]', 'xbc')	integer:0
glob('[a-]', NULL)	null:NULL
like('[a-]', 12)	integer:0
like('[a-]', x'616263')	integer:0
glob('[a-]', x'616263')	integer:0
like('*[a]', 'abc')	integer:0
glob('*[a]', 'abc')	integer:0
glob('*[a]', 'ABC')	integer:0
glob('*[a]', 'a%c')	integer:0
like('*[a]', 'a_c')	integer:0
glob('*[a]', 'aXc')	integer:0
like('*[a]', 'é')	integer:0
glob('*[a]', ']')	integer:0
like('*[a]', 'a')	integer:0
glob('*[a]', 1.5)	integer:0
like('*[a]', x'616263')	integer:0
like('*[a]', 'ab')	integer:0
glob('*[a]', 'ab')	integer:0
glob('[abc]*[c]', 'ABC')	integer:0
like('[abc]*[c]', 'a%c')	integer:0
like('[abc]*[c]', 'a_c')	integer:0
like('[abc]*[c]', '')	integer:0
glob('[abc]*[c]', 'héllo')	integer:0
like('[abc]*[c]', 'HÉLLO')	integer:0
glob('[abc]*[c]', 'HÉLLO')	integer:0
glob('[abc]*[c]', 'é')	integer:0
glob('[abc]*[c]', ']')	integer:0
glob('[abc]*[c]', 'b')	integer:0
like('[abc]*[c]', NULL)	null:NULL
like('[abc]*[c]', 12)	integer:0
like('[abc]*[c]', 1.5)	integer:0
glob('[abc]*[c]', 1.5)	integer:0
like('[abc]*[c]', x'616263')	integer:0
like('a\%c', 'ABC')	integer:0
glob('a\%c', 'ABC')	integer:0
like('a\%c', 'a_c')	integer:0
glob('a\%c', 'aXc')	integer:0
like('a\%c', '')	integer:0
like('a\%c', 'héllo')	integer:0
glob('a\%c', 'héllo')	integer:0
like('a\%c', 'HÉLLO')	integer:0
glob('a\%c', 'HÉLLO')	integer:0
like('a\%c', 'é')	integer:0
like('a\%c', ']')	integer:0
like('a\%c', 'b')	integer:0
glob('a\%c', 'b')	integer:0
like('a\%c', NULL)	null:NULL
like('a\%c', 12)	integer:0
glob('a\%c', 1.5)	integer:0
like('a\%c', x'616263')	integer:0
glob('a\_c', 'abc')	integer:0
like('a\_c', 'ABC')	integer:0
like('a\_c', 'a%c')	integer:0
glob('a\_c', 'a%c')	integer:0
like('a\_c', 'aXc')	integer:0
glob('a\_c', '')	integer:0
glob('a\_c', 'héllo')	integer:0
like('a\_c', 'HÉLLO')	integer:0
like('a\_c', 'é')	integer:0
like('a\_c', ']')	integer:0
like('a\_c', '-')	integer:0
glob('a\_c', '-')	integer:0
like('a\_c', 'xbc')	integer:0
glob('a\_c', NULL)	null:NULL
glob('a\_c', 12)	integer:0
like('a\_c', 1.5)	integer:0
glob('a\_c', 'ab')	integer:0
glob(NULL, 'abc')	null:NULL
glob(NULL, 'ABC')	null:NULL
glob(NULL, 'a%c')	null:NULL
like(NULL, 'aXc')	null:NULL
like(NULL, 'HÉLLO')	null:NULL
like(NULL, 'é')	null:NULL
glob(NULL, 'é')	null:NULL
glob(NULL, ']')	null:NULL
like(NULL, '-')	null:NULL
like(NULL, 'xbc')	null:NULL
glob(NULL, NULL)	null:NULL
like(NULL, 12)	null:NULL
glob(NULL, 12)	null:NULL
glob(NULL, 1.5)	null:NULL
like(NULL, x'616263')	integer:0
glob(12, 'ABC')	integer:0
like(12, 'a_c')	integer:0
glob(12, 'a_c')	integer:0
glob(12, 'héllo')	integer:0
glob(12, 'HÉLLO')	integer:0
like(12, ']')	integer:0
glob(12, ']')	integer:0
like(12, 12)	integer:1
like(12, 1.5)	integer:0
like(12, x'616263')	integer:0
like('1%', 'abc')	integer:0
like('1%', 'a%c')	integer:0
glob('1%', 'a%c')	integer:0
glob('1%', '')	integer:0
like('1%', 'HÉLLO')	integer:0
glob('1%', 'é')	integer:0
glob('1%', 'b')	integer:0
like('1%', 'a')	integer:0
like('1%', 'xbc')	integer:0
glob('1%', 'xbc')	integer:0
like('1%', NULL)	null:NULL
glob('1%', x'616263')	integer:0
glob('1%', 'ab')	integer:0
like('%.5', 'abc')	integer:0
like('%.5', 'a%c')	integer:0
glob('%.5', 'a%c')	integer:0
glob('%.5', 'a_c')	integer:0
glob('%.5', '')	integer:0
glob('%.5', 'héllo')	integer:0
glob('%.5', 'é')	integer:0
like('%.5', ']')	integer:0
glob('%.5', ']')	integer:0
like('%.5', '-')	integer:0
like('%.5', 'a')	integer:0
glob('%.5', 'a')	integer:0
glob('%.5', 'xbc')	integer:0
glob('%.5', NULL)	null:NULL
like('%.5', 12)	integer:0
like('a\%c', 'a%c', '\')	integer:1
like('a\%c', 'a%c', '!')	integer:0
like('a\%c', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'a%c', '')	error:ESCAPE expression must be a single character
like('a\%c', 'a%c', NULL)	null:NULL
like('a\%c', 'a%c', 'é')	integer:0
like('a\%c', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'abc', '')	error:ESCAPE expression must be a single character
like('a\%c', 'abc', NULL)	null:NULL
like('a\%c', 'a_c', '\')	integer:0
like('a\%c', 'a_c', '!')	integer:0
like('a\%c', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'a_c', '')	error:ESCAPE expression must be a single character
like('a\%c', 'aXc', '!')	integer:0
like('a\%c', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'aXc', '')	error:ESCAPE expression must be a single character
like('a\%c', 'a', '\')	integer:0
like('a\%c', 'a', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'a', '')	error:ESCAPE expression must be a single character
like('a\%c', 'a', NULL)	null:NULL
like('a\%c', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'a\c', '')	error:ESCAPE expression must be a single character
like('a\%c', '50%', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', '50%', '')	error:ESCAPE expression must be a single character
like('a\%c', '50%', 'é')	integer:0
like('a\%c', 'x%y', '!')	integer:0
like('a\%c', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('a\%c', 'x%y', '')	error:ESCAPE expression must be a single character
like('a\_c', 'a%c', '!')	integer:0
like('a\_c', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'a%c', '')	error:ESCAPE expression must be a single character
like('a\_c', 'a%c', NULL)	null:NULL
like('a\_c', 'a%c', 'é')	integer:0
like('a\_c', 'abc', '\')	integer:0
like('a\_c', 'abc', '!')	integer:0
like('a\_c', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'abc', '')	error:ESCAPE expression must be a single character
like('a\_c', 'a_c', '!')	integer:0
like('a\_c', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'a_c', '')	error:ESCAPE expression must be a single character
like('a\_c', 'a_c', 'é')	integer:0
like('a\_c', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'aXc', '')	error:ESCAPE expression must be a single character
like('a\_c', 'aXc', 'é')	integer:0
like('a\_c', 'a', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'a', '')	error:ESCAPE expression must be a single character
like('a\_c', 'a\c', '\')	integer:0
like('a\_c', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'a\c', '')	error:ESCAPE expression must be a single character
like('a\_c', '50%', '!')	integer:0
like('a\_c', '50%', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', '50%', '')	error:ESCAPE expression must be a single character
like('a\_c', '50%', NULL)	null:NULL
like('a\_c', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('a\_c', 'x%y', '')	error:ESCAPE expression must be a single character
like('a\', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'a%c', '')	error:ESCAPE expression must be a single character
like('a\', 'a%c', 'é')	integer:0
like('a\', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'abc', '')	error:ESCAPE expression must be a single character
like('a\', 'abc', 'é')	integer:0
like('a\', 'a_c', '\')	integer:0
like('a\', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'a_c', '')	error:ESCAPE expression must be a single character
like('a\', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'aXc', '')	error:ESCAPE expression must be a single character
like('a\', 'aXc', 'é')	integer:0
like('a\', 'a', '\')	integer:0
like('a\', 'a', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'a', '')	error:ESCAPE expression must be a single character
like('a\', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'a\c', '')	error:ESCAPE expression must be a single character
like('a\', 'a\c', NULL)	null:NULL
like('a\', 'a\c', 'é')	integer:0
like('a\', '50%', '\')	integer:0
like('a\', '50%', 'xy')	error:ESCAPE expression must be a single character
like('a\', '50%', '')	error:ESCAPE expression must be a single character
like('a\', '50%', NULL)	null:NULL
like('a\', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('a\', 'x%y', '')	error:ESCAPE expression must be a single character
like('a!%', 'a%c', '!')	integer:0
like('a!%', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'a%c', '')	error:ESCAPE expression must be a single character
like('a!%', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'abc', '')	error:ESCAPE expression must be a single character
like('a!%', 'abc', NULL)	null:NULL
like('a!%', 'a_c', '!')	integer:0
like('a!%', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'a_c', '')	error:ESCAPE expression must be a single character
like('a!%', 'aXc', '\')	integer:0
like('a!%', 'aXc', '!')	integer:0
like('a!%', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'aXc', '')	error:ESCAPE expression must be a single character
like('a!%', 'a', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'a', '')	error:ESCAPE expression must be a single character
like('a!%', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'a\c', '')	error:ESCAPE expression must be a single character
like('a!%', 'a\c', 'é')	integer:0
like('a!%', '50%', 'xy')	error:ESCAPE expression must be a single character
like('a!%', '50%', '')	error:ESCAPE expression must be a single character
like('a!%', '50%', NULL)	null:NULL
like('a!%', 'x%y', '\')	integer:0
like('a!%', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('a!%', 'x%y', '')	error:ESCAPE expression must be a single character
like('a!%', 'x%y', 'é')	integer:0
like('%!%%', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'a%c', '')	error:ESCAPE expression must be a single character
like('%!%%', 'a%c', 'é')	integer:0
like('%!%%', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'abc', '')	error:ESCAPE expression must be a single character
like('%!%%', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'a_c', '')	error:ESCAPE expression must be a single character
like('%!%%', 'aXc', '\')	integer:0
like('%!%%', 'aXc', '!')	integer:0
like('%!%%', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'aXc', '')	error:ESCAPE expression must be a single character
like('%!%%', 'aXc', NULL)	null:NULL
like('%!%%', 'a', '\')	integer:0
like('%!%%', 'a', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'a', '')	error:ESCAPE expression must be a single character
like('%!%%', 'a\c', '\')	integer:0
like('%!%%', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'a\c', '')	error:ESCAPE expression must be a single character
like('%!%%', '50%', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', '50%', '')	error:ESCAPE expression must be a single character
like('%!%%', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('%!%%', 'x%y', '')	error:ESCAPE expression must be a single character
like('abc', 'a%c', '\')	integer:0
like('abc', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'a%c', '')	error:ESCAPE expression must be a single character
like('abc', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'abc', '')	error:ESCAPE expression must be a single character
like('abc', 'abc', 'é')	integer:1
like('abc', 'a_c', '!')	integer:0
like('abc', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'a_c', '')	error:ESCAPE expression must be a single character
like('abc', 'a_c', NULL)	null:NULL
like('abc', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'aXc', '')	error:ESCAPE expression must be a single character
like('abc', 'aXc', NULL)	null:NULL
like('abc', 'a', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'a', '')	error:ESCAPE expression must be a single character
like('abc', 'a', NULL)	null:NULL
like('abc', 'a', 'é')	integer:0
like('abc', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'a\c', '')	error:ESCAPE expression must be a single character
like('abc', 'a\c', NULL)	null:NULL
like('abc', '50%', 'xy')	error:ESCAPE expression must be a single character
like('abc', '50%', '')	error:ESCAPE expression must be a single character
like('abc', '50%', NULL)	null:NULL
like('abc', 'x%y', '\')	integer:0
like('abc', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('abc', 'x%y', '')	error:ESCAPE expression must be a single character
like('abc', 'x%y', 'é')	integer:0
like('a\\c', 'a%c', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'a%c', '')	error:ESCAPE expression must be a single character
like('a\\c', 'a%c', NULL)	null:NULL
like('a\\c', 'abc', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'abc', '')	error:ESCAPE expression must be a single character
like('a\\c', 'abc', NULL)	null:NULL
like('a\\c', 'a_c', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'a_c', '')	error:ESCAPE expression must be a single character
like('a\\c', 'a_c', 'é')	integer:0
like('a\\c', 'aXc', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'aXc', '')	error:ESCAPE expression must be a single character
like('a\\c', 'aXc', NULL)	null:NULL
like('a\\c', 'a', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'a', '')	error:ESCAPE expression must be a single character
like('a\\c', 'a\c', '!')	integer:0
like('a\\c', 'a\c', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'a\c', '')	error:ESCAPE expression must be a single character
like('a\\c', 'a\c', NULL)	null:NULL
like('a\\c', '50%', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', '50%', '')	error:ESCAPE expression must be a single character
like('a\\c', '50%', 'é')	integer:0
like('a\\c', 'x%y', '\')	integer:0
like('a\\c', 'x%y', '!')	integer:0
like('a\\c', 'x%y', 'xy')	error:ESCAPE expression must be a single character
like('a\\c', 'x%y', '')	error:ESCAPE expression must be a single character
like('a\\c', 'x%y', NULL)	null:NULL
printf('%d|%5d|%-5d|%05d|%+d|% d', 42, 42, 42, 42, 42, 42)	text:'42|   42|42   |00042|+42| 42'
printf('%x|%X|%o|%#x|%#o|%#X', 255, 255, 8, 255, 8, 0)	text:'ff|FF|10|0xff|010|0'
printf('%c|%s|%.2s|%q|%Q|%Q|%%|%i|%u', 'hello', 'abc', 'abcdef', 'it''s', 'it''s', NULL, -3, -1)	text:'h|abc|ab|it''''s|''it''''s''|NULL|%|-3|18446744073709551615'
printf('%f|%.2f|%e|%.3E|%g|%G|%10.3f|%-10.2e|%010.2f|%+.1f|%#g|%!g|%.0f|%.0e|%g|%g|%g', 3.14159, 2.5, 12345.678, 0.000123, 0.0001, 1e20, -3.14159, 1.5, -2.5, 2.25, 1.0, 1.0, 2.5, 15, 100000, 1000000, 1e-5)	text:'3.141590|2.50|1.234568e+04|1.230E-04|0.0001|1E+20|    -3.142|1.50e+00  |-000002.50|+2.3|1.00000|1.0|3|2e+01|100000|1e+06|1e-05'
printf('%d', '12abc')	text:'12'
printf('%d', 3.9)	text:'3'
printf('%s', 1.5)	text:'1.5'
printf('%s', x'6162')	text:'ab'
printf('%d %d')	text:'0 0'
printf('%s|%d|%f', NULL, NULL, NULL)	text:'|0|0.000000'
printf(NULL)	null:NULL
printf('abc')	text:'abc'
printf('%')	text:'%'
printf('%y abc')	null:NULL
printf('%,d', 1234567)	text:'1,234,567'
printf('%,d', -1234)	text:'-1,234'
printf('%,d', 123)	text:'123'
printf('%r %r %r %r %r %r', 1, 2, 3, 4, 11, 112)	text:'1st 2nd 3rd 4th 11th 112th'
printf('%p', 255)	text:'FF'
printf('%#p', 255)	text:'0xFF'
printf('%5s|%-5s|', 'é', 'é')	text:'   é|é   |'
printf('%!5s|', 'é')	text:'    é|'
printf('%.*f', 2, 3.14159)	text:'3.14'
printf('%*d', -5, 1)	text:'1    '
printf('%*d|', 5, 1)	text:'    1|'
printf('%5c|%.3c|%-4c|', 'x', 'yz', 'é')	text:'    x|yyy|é   |'
printf('%z', 'zz')	text:'zz'
printf('%lld %ld %lu', 5, 6, 7)	text:'5 6 7'
printf('%w', 'a"b')	text:'a""b'
printf('%.3q', 'a''bcd')	text:'a''''b'
printf('%n abc')	text:' abc'
printf('%T abc')	null:NULL
printf('%5%|')	text:'    %|'
printf('%.3s|%.3!s|', 'héllo', 'héllo')	text:'hé|'
printf('%!.3s|', 'héllo')	text:'hél|'
printf('%-8.3f|', 3.14159)	text:'3.142   |'
printf('%08.3f|%+08d|% 08d|', -3.14159, 42, 42)	text:'-003.142|+0000042| 0000042|'
printf('%.20f', 0.1)	text:'0.10000000000000000000'
printf('%.0f %.0f %.0f', 0.5, 1.5, 2.5)	text:'1 2 3'
printf('%e', 0)	text:'0.000000e+00'
printf('%g %g', 0, -0.0)	text:'0 0'
printf('%.15g %.17g %.20g', 0.1, 0.1, 0.1)	text:'0.1 0.1 0.1'
printf('%!.15g %!.20e', 0.1, 0.1)	text:'0.1 1.00000000000000005551e-01'
printf('%10.4e|', -123.456)	text:'-1.2346e+02|'
printf('%G', 1e-10)	text:'1E-10'
printf('%#.3g|%#x|%#o', 1, 0, 0)	text:'1.00|0|0'
printf('%f %e %g', 1e308*10, -1e308*10, 1e308*10)	text:'Inf -Inf Inf'
printf('%08.2f|', 1e308*10)	text:'     Inf|'
printf('%c%c', '', NULL)	text:''
printf('%s', '')	text:''
printf('%x', -1)	text:'ffffffffffffffff'
printf('%o', -1)	text:'1777777777777777777777'
printf('%d', 9223372036854775807)	text:'9223372036854775807'
printf('%d', -9223372036854775808)	text:'-9223372036854775808'
printf('%u', -9223372036854775808)	text:'9223372036854775808'
printf('%.3d|%.0d|%5.3d', 7, 0, -7)	text:'007|0| -007'
printf('%+.3e', 0.00012345)	text:'+1.234e-04'
printf('%.100f', 1.0/3)	text:'0.3333333333333333000000000000000000000000000000000000000000000000000000000000000000000000000000000000'
printf('%#.0f|%#.0e', 3, 3)	text:'3.|3.e+00'
printf('%-+6d|', 5)	text:'+5    |'
printf('%Q', 'it''s')	text:'''it''''s'''
printf('%q', NULL)	text:'(NULL)'
printf('%w', NULL)	text:'(NULL)'
printf('%.1000d', 1)	text:'0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001'
printf('%s %s', 'a')	text:'a '
printf('x%')	text:'x%'
printf('%5')	null:NULL
printf('%-')	null:NULL
printf('%.')	null:NULL
printf('%.2')	null:NULL
printf('%*', 3)	null:NULL
printf('%5.2l')	null:NULL
printf('%d%%%d', 1, 2)	text:'1%2'
printf('%i', '0x10')	text:'0'
printf('%f', 'abc')	text:'0.000000'
printf('%.3g', 1234567)	text:'1.23e+06'
printf('%g', 123456)	text:'123456'
printf('%g', 1234567)	text:'1.23457e+06'
printf('%!g %!g', 123456789012345678, 1e-5)	text:'1.23457e+17 1.0e-05'
printf('%,.2f', 1234567.891)	text:'1234567.89'
printf('%,x', 65535)	text:'ffff'
printf('%#,d', 1234)	text:'1,234'
printf()	null:NULL
format('%d-%s', 1, 'x')	text:'1-x'
"""#
