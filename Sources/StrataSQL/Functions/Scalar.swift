// Scalar: SQLite's built-in scalar functions (func.c), and the registry the binder looks them up in.
//
// A ScalarFunction is a small value (an enum case and a name): the binder resolves it once per
// statement with `scalarFunction(named:arity:)`, and the executor calls `call(_:collation:)`, a
// switch with no allocation beyond the result. Arguments convert as SQLite's sqlite3_value_text /
// _int / _int64 / _double do (Value+Conversions.swift).
//
// Text is read as C reads it where SQLite does (length, substr, trim, quote, like stop at a NUL
// byte). Results that would be invalid UTF-8 (char(55296), substr of a blob read as text) are
// repaired with U+FFFD, because Value.text holds a Swift String: the one known difference.
//
// LIMITS  results over 1,000,000,000 bytes (SQLITE_MAX_LENGTH) are "string or blob too big".
// changes(), total_changes() and last_insert_rowid() read the connection's `ChangeCounts`
// (SQLSession.swift), which the executor passes in.
// NOT HERE  iif, CASE, AND/OR (the executor evaluates them lazily), the aggregates (Aggregates.swift).

import StrataCatalog
import StrataCore

/// A resolved scalar function: what to call, and what the planner may assume about it.
package struct ScalarFunction: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case abs, char, coalesce, glob, hex, ifnull, instr, length, like, likelihood, likely, lower, ltrim
        case max, min, nullif, printf, quote, random, randomblob, replace, round, rtrim, sign, substr
        case trim, typeof, unicode, unlikely, upper, zeroblob
        case changes, totalChanges, lastInsertRowid
    }

    package let kind: Kind

    /// The same arguments always give the same result (all but random, randomblob and the
    /// connection's counts): the planner may fold calls on constants and use them in indexes.
    package var isDeterministic: Bool {
        switch kind {
        case .random, .randomblob, .changes, .totalChanges, .lastInsertRowid: false
        default: true
        }
    }

    /// The function compares its arguments and takes the collation of the first one that has
    /// an explicit or column collation (min, max, nullif), as SQLite's SQLITE_FUNC_NEEDCOLL.
    package var usesCollation: Bool { kind == .min || kind == .max || kind == .nullif }

    /// Calls the function. `args` has an arity `scalarFunction(named:arity:)` accepted.
    ///
    /// - Throws: "integer overflow" (abs of -9223372036854775808), "string or blob too big",
    ///   "ESCAPE expression must be a single character", "LIKE or GLOB pattern too complex".
    /// `counts` are the connection's, for changes(), total_changes() and last_insert_rowid()
    /// (0 without them).
    func call(_ args: [Value], collation: StrataCatalog.Collation = .binary, counts: ChangeCounts? = nil) throws(StrataError) -> Value {
        switch kind {
        case .abs: return try ScalarFunctions.abs(args[0])
        case .char: return ScalarFunctions.char(args)
        case .coalesce, .ifnull:
            for a in args where !a.isNull { return a }
            return .null
        case .glob: return try ScalarFunctions.glob(args[0], args[1])
        case .hex: return ScalarFunctions.hex(args[0])
        case .instr: return ScalarFunctions.instr(args[0], args[1])
        case .length: return ScalarFunctions.length(args[0])
        case .like: return try ScalarFunctions.like(args[0], args[1], escape: args.count > 2 ? args[2] : nil)
        case .likelihood, .likely, .unlikely: return args[0]
        case .lower: return ScalarFunctions.mapASCII(args[0], asciiLower)
        case .upper: return ScalarFunctions.mapASCII(args[0], asciiUpper)
        case .ltrim: return ScalarFunctions.trim(args, left: true, right: false)
        case .rtrim: return ScalarFunctions.trim(args, left: false, right: true)
        case .trim: return ScalarFunctions.trim(args, left: true, right: true)
        case .max: return ScalarFunctions.minMax(args, max: true, collation: collation)
        case .min: return ScalarFunctions.minMax(args, max: false, collation: collation)
        case .nullif:
            return compareValues(args[0], args[1], collation: collation) != 0 ? args[0] : .null
        case .printf: return try SQLPrintf.format(args)
        case .quote: return .text(ScalarFunctions.quote(args[0]))
        case .random: return .integer(ScalarFunctions.random())
        case .randomblob: return try ScalarFunctions.randomblob(args[0])
        case .replace: return try ScalarFunctions.replace(args[0], args[1], args[2])
        case .round: return ScalarFunctions.round(args[0], args.count > 1 ? args[1] : nil)
        case .sign: return ScalarFunctions.sign(args[0])
        case .substr: return ScalarFunctions.substr(args[0], args[1], args.count > 2 ? args[2] : nil)
        case .typeof: return .text(args[0].typeName)
        case .unicode: return ScalarFunctions.unicode(args[0])
        case .zeroblob: return try ScalarFunctions.zeroblob(args[0])
        case .changes: return .integer(counts?.changes ?? 0)
        case .totalChanges: return .integer(counts?.totalChanges ?? 0)
        case .lastInsertRowid: return .integer(counts?.lastInsertRowid ?? 0)
        }
    }
}

/// The scalar function `name` (any case) taking `arity` arguments, or nil: either no such
/// function, or not with that many arguments (`isScalarFunctionName` tells which).
///
/// min and max with one argument are the aggregates (`aggregateFunction(named:arity:)`).
package func scalarFunction(named name: String, arity: Int) -> ScalarFunction? {
    guard let (kind, arities) = scalarFunctionTable[name.lowercased()] else { return nil }
    guard arities.contains(arity) else { return nil }
    return ScalarFunction(kind: kind)
}

/// Whether `name` names a built-in scalar function with some arity ("wrong number of arguments
/// to function name()" rather than "no such function: name").
package func isScalarFunctionName(_ name: String) -> Bool {
    scalarFunctionTable[name.lowercased()] != nil
}

private let anyArity = 0...Int.max

private let scalarFunctionTable: [String: (ScalarFunction.Kind, ClosedRange<Int>)] = [
    "abs": (.abs, 1...1), "changes": (.changes, 0...0), "char": (.char, anyArity), "coalesce": (.coalesce, 2...Int.max),
    "format": (.printf, anyArity), "glob": (.glob, 2...2), "hex": (.hex, 1...1), "ifnull": (.ifnull, 2...2),
    "instr": (.instr, 2...2), "last_insert_rowid": (.lastInsertRowid, 0...0), "length": (.length, 1...1), "like": (.like, 2...3), "likelihood": (.likelihood, 2...2),
    "likely": (.likely, 1...1), "lower": (.lower, 1...1), "ltrim": (.ltrim, 1...2), "max": (.max, 2...Int.max),
    "min": (.min, 2...Int.max), "nullif": (.nullif, 2...2), "printf": (.printf, anyArity), "quote": (.quote, 1...1),
    "random": (.random, 0...0), "randomblob": (.randomblob, 1...1), "replace": (.replace, 3...3),
    "round": (.round, 1...2), "rtrim": (.rtrim, 1...2), "sign": (.sign, 1...1), "substr": (.substr, 2...3),
    "substring": (.substr, 2...3), "total_changes": (.totalChanges, 0...0), "trim": (.trim, 1...2), "typeof": (.typeof, 1...1), "unicode": (.unicode, 1...1),
    "unlikely": (.unlikely, 1...1), "upper": (.upper, 1...1), "zeroblob": (.zeroblob, 1...1),
]

/// The implementations, one per SQLite function; each is what func.c does.
package enum ScalarFunctions {
    /// SQLITE_MAX_LENGTH.
    package static let maximumLength = 1_000_000_000

    static func tooBig() -> StrataError { StrataError(.programLimitExceeded, "string or blob too big") }

    /// abs(X): integers stay integers; NULL is NULL; anything else is the real |realValue|.
    package static func abs(_ x: Value) throws(StrataError) -> Value {
        switch x {
        case .null: return .null
        case .integer(let i):
            if i == Int64.min { throw StrataError(SQLState("22003"), "integer overflow") }
            return .integer(i < 0 ? -i : i)
        default:
            let r = x.realValue
            return .real(r < 0 ? -r : r)
        }
    }

    /// length(X): characters of text (up to a NUL), bytes of a blob, characters of a number's text.
    package static func length(_ x: Value) -> Value {
        switch x {
        case .null: return .null
        case .blob(let b): return .integer(Int64(b.count))
        case .integer, .real: return .integer(Int64(x.textValue.utf8.count))
        case .text(let s):
            var n: Int64 = 0
            for scalar in s.unicodeScalars {
                if scalar.value == 0 { break }
                n += 1
            }
            return .integer(n)
        }
    }

    /// lower(X) / upper(X): ASCII letters only.
    package static func mapASCII(_ x: Value, _ transform: (UInt8) -> UInt8) -> Value {
        if x.isNull { return .null }
        let s = x.textValue
        var bytes = Array(s.utf8)
        var changed = false
        for k in bytes.indices {
            let t = transform(bytes[k])
            if t != bytes[k] {
                bytes[k] = t
                changed = true
            }
        }
        if !changed, case .text = x { return x }
        return .text(changed ? String(decoding: bytes, as: UTF8.self) : s)
    }

    /// The bytes sqlite3_value_text gives, or nil for NULL.
    @inline(__always)
    static func textBytes(_ x: Value) -> [UInt8]? {
        switch x {
        case .null: return nil
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return Array(x.textValue.utf8)
        }
    }

    /// The bytes up to the first NUL (C's view of a string).
    @inline(__always)
    static func cPrefix(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        if let nul = bytes.firstIndex(of: 0) { return bytes[..<nul] }
        return bytes[...]
    }

    /// substr(X, Y [, Z]) with SQLite's rules for zero and negative Y and Z.
    package static func substr(_ x: Value, _ y: Value, _ z: Value?) -> Value {
        if y.isNull || z?.isNull == true || x.isNull { return .null }
        var p1 = Int64(Int32(truncatingIfNeeded: y.integerValue))
        var p2: Int64
        var negativeLength = false
        if let z {
            p2 = Int64(Int32(truncatingIfNeeded: z.integerValue))
            if p2 < 0 {
                p2 = -p2
                negativeLength = true
            }
        } else {
            p2 = Int64(maximumLength)
        }
        if case .blob(let b) = x {
            let len = Int64(b.count)
            adjust(&p1, &p2, len: len, negativeLength: negativeLength)
            if p1 + p2 > len {
                p2 = max(len - p1, 0)
            }
            if p2 == 0 { return .blob([]) }
            return .blob(Array(b[Int(p1)..<Int(p1 + p2)]))
        }
        let bytes = textBytes(x) ?? []
        let text = cPrefix(bytes)
        var len: Int64 = 0
        if p1 < 0 {
            var k = text.startIndex
            while k < text.endIndex {
                skipUTF8(text, &k)
                len += 1
            }
        }
        adjust(&p1, &p2, len: len, negativeLength: negativeLength)
        var start = text.startIndex
        while start < text.endIndex && p1 > 0 {
            skipUTF8(text, &start)
            p1 -= 1
        }
        var end = start
        while end < text.endIndex && p2 > 0 {
            skipUTF8(text, &end)
            p2 -= 1
        }
        return .text(String(decoding: text[start..<end], as: UTF8.self))
    }

    private static func adjust(_ p1: inout Int64, _ p2: inout Int64, len: Int64, negativeLength: Bool) {
        if p1 < 0 {
            p1 += len
            if p1 < 0 {
                p2 += p1
                if p2 < 0 { p2 = 0 }
                p1 = 0
            }
        } else if p1 > 0 {
            p1 -= 1
        } else if p2 > 0 {
            p2 -= 1
        }
        if negativeLength {
            p1 -= p2
            if p1 < 0 {
                p2 += p1
                p1 = 0
            }
        }
    }

    /// SQLITE_SKIP_UTF8 within a slice.
    @inline(__always)
    static func skipUTF8(_ s: ArraySlice<UInt8>, _ k: inout Int) {
        let c = s[k]
        k += 1
        if c >= 0xC0 { while k < s.endIndex && s[k] & 0xC0 == 0x80 { k += 1 } }
    }

    /// trim/ltrim/rtrim(X [, Y]): removes any of Y's characters (default a space) from the ends.
    package static func trim(_ args: [Value], left: Bool, right: Bool) -> Value {
        guard let input = textBytes(args[0]) else { return .null }
        var characters: [ArraySlice<UInt8>]
        if args.count > 1 {
            guard let set = textBytes(args[1]) else { return .null }
            let chars = cPrefix(set)
            characters = []
            var k = chars.startIndex
            while k < chars.endIndex {
                let start = k
                skipUTF8(chars, &k)
                characters.append(chars[start..<k])
            }
        } else {
            characters = [[0x20][...]]
        }
        var lo = 0, hi = input.count
        if !characters.isEmpty {
            if left {
                while lo < hi {
                    guard let c = characters.first(where: { $0.count <= hi - lo && input[lo..<(lo + $0.count)].elementsEqual($0) })
                    else { break }
                    lo += c.count
                }
            }
            if right {
                while lo < hi {
                    guard let c = characters.first(where: { $0.count <= hi - lo && input[(hi - $0.count)..<hi].elementsEqual($0) })
                    else { break }
                    hi -= c.count
                }
            }
        }
        if lo == 0 && hi == input.count, case .text = args[0] { return args[0] }
        return .text(String(decoding: input[lo..<hi], as: UTF8.self))
    }

    /// replace(X, Y, Z): every non-overlapping Y in X, left to right, becomes Z; an empty Y
    /// returns X unchanged (a number stays a number, a blob becomes text).
    package static func replace(_ x: Value, _ y: Value, _ z: Value) throws(StrataError) -> Value {
        guard let str = textBytes(x) else { return .null }
        guard let pattern = textBytes(y) else { return .null }
        if pattern.isEmpty || pattern[0] == 0 {
            if case .blob(let b) = x { return .text(String(decoding: b, as: UTF8.self)) }
            return x
        }
        guard let rep = textBytes(z) else { return .null }
        if str.count < pattern.count { return .text(String(decoding: str, as: UTF8.self)) }
        var out: [UInt8] = []
        out.reserveCapacity(str.count)
        var k = 0
        let first = pattern[0]
        let last = str.count - pattern.count
        while k <= last {
            if str[k] == first && str[k..<(k + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: rep)
                if out.count > maximumLength { throw tooBig() }
                k += pattern.count
            } else {
                out.append(str[k])
                k += 1
            }
        }
        out.append(contentsOf: str[k...])
        return .text(String(decoding: out, as: UTF8.self))
    }

    /// instr(X, Y): 1-based position of the first Y in X (characters for text, bytes when both
    /// are blobs); 0 if absent, 1 if Y is empty.
    package static func instr(_ x: Value, _ y: Value) -> Value {
        if x.isNull || y.isNull { return .null }
        let isText: Bool
        let hay: [UInt8], needle: [UInt8]
        if case .blob(let h) = x, case .blob(let n) = y {
            hay = h
            needle = n
            isText = false
        } else {
            hay = textBytes(x) ?? []
            needle = textBytes(y) ?? []
            isText = true
        }
        if needle.isEmpty { return .integer(1) }
        var n: Int64 = 1
        var k = 0
        while needle.count <= hay.count - k {
            if hay[k] == needle[0] && hay[k..<(k + needle.count)].elementsEqual(needle) { return .integer(n) }
            n += 1
            repeat { k += 1 } while isText && k < hay.count && hay[k] & 0xC0 == 0x80
        }
        return .integer(0)
    }

    /// round(X [, Y]): a real, rounded half away from zero to Y (0...30) digits by SQLite's printf.
    package static func round(_ x: Value, _ y: Value?) -> Value {
        var n = 0
        if let y {
            if y.isNull { return .null }
            n = Int(Int32(truncatingIfNeeded: y.integerValue))
            n = min(max(n, 0), 30)
        }
        if x.isNull { return .null }
        var r = x.realValue
        if r < -4503599627370496.0 || r > 4503599627370496.0 {
            // Already integral.
        } else if n == 0 {
            r = Double(SQLiteNumberText.int64(fromReal: r + (r < 0 ? -0.5 : 0.5)))
        } else {
            var text: [UInt8] = []
            // "%.*f" (without '!': 16 significant digits), then read back.
            SQLiteRealFormatter.format(r, style: .fixed, precision: n, into: &text)
            r = text.withUnsafeBufferPointer { SQLiteNumberText.parseReal($0).value }
        }
        return .real(r)
    }

    /// hex(X): upper-case hex of the blob, or of the text's (or number's text's) UTF-8 bytes.
    package static func hex(_ x: Value) -> Value {
        let bytes = textBytes(x) ?? []
        return .text(hexString(bytes))
    }

    static func hexString(_ bytes: [UInt8]) -> String { Value.hexText(bytes) }

    /// quote(X): an SQL literal for X. Reals use 15 significant digits when that reads back
    /// exactly, else 20 ("%!.20e").
    package static func quote(_ x: Value) -> String {
        switch x {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let r):
            var out: [UInt8] = []
            SQLiteRealFormatter.format(r, style: .generic, precision: 15, alternateForm2: true, into: &out)
            let back = out.withUnsafeBufferPointer { SQLiteNumberText.parseReal($0).value }
            if back != r {
                out.removeAll()
                SQLiteRealFormatter.format(r, style: .exponent, precision: 20, alternateForm2: true, into: &out)
            }
            return String(decoding: out, as: UTF8.self)
        case .text(let s):
            var out: [UInt8] = [0x27]
            for b in cPrefix(Array(s.utf8)) {
                out.append(b)
                if b == 0x27 { out.append(b) }
            }
            out.append(0x27)
            return String(decoding: out, as: UTF8.self)
        case .blob(let b):
            return "X'" + hexString(b) + "'"
        }
    }

    /// random(): a pseudo-random Int64, never -9223372036854775808.
    package static func random() -> Int64 {
        var r = Int64.random(in: .min ... .max)
        if r < 0 { r = -(r & Int64.max) }
        return r
    }

    /// randomblob(N): N (at least 1) random bytes.
    package static func randomblob(_ x: Value) throws(StrataError) -> Value {
        var n = x.integerValue
        if n < 1 { n = 1 }
        if n > Int64(maximumLength) { throw tooBig() }
        var g = SystemRandomNumberGenerator()
        return .blob((0..<Int(n)).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    /// zeroblob(N): N zero bytes (none for N < 0).
    package static func zeroblob(_ x: Value) throws(StrataError) -> Value {
        let n = max(x.integerValue, 0)
        if n > Int64(maximumLength) { throw tooBig() }
        return .blob([UInt8](repeating: 0, count: Int(n)))
    }

    /// Scalar min/max: NULL if any argument is; ties go to the later argument for min, the
    /// earlier for max (func.c minmaxFunc).
    package static func minMax(_ args: [Value], max: Bool, collation: StrataCatalog.Collation) -> Value {
        var best = 0
        if args[0].isNull { return .null }
        for i in 1..<args.count {
            if args[i].isNull { return .null }
            let c = compareValues(args[best], args[i], collation: collation)
            if max ? c < 0 : c >= 0 { best = i }
        }
        return args[best]
    }

    /// char(X, ...): the characters with those code points (out of range: U+FFFD).
    package static func char(_ args: [Value]) -> Value {
        var out: [UInt8] = []
        out.reserveCapacity(args.count)
        for a in args {
            var x = a.integerValue
            if x < 0 || x > 0x10FFFF { x = 0xFFFD }
            let c = UInt32(x & 0x1FFFFF)
            if c < 0x80 {
                out.append(UInt8(c))
            } else if c < 0x800 {
                out.append(0xC0 + UInt8((c >> 6) & 0x1F))
                out.append(0x80 + UInt8(c & 0x3F))
            } else if c < 0x10000 {
                out.append(0xE0 + UInt8((c >> 12) & 0x0F))
                out.append(0x80 + UInt8((c >> 6) & 0x3F))
                out.append(0x80 + UInt8(c & 0x3F))
            } else {
                out.append(0xF0 + UInt8((c >> 18) & 0x07))
                out.append(0x80 + UInt8((c >> 12) & 0x3F))
                out.append(0x80 + UInt8((c >> 6) & 0x3F))
                out.append(0x80 + UInt8(c & 0x3F))
            }
        }
        return .text(String(decoding: out, as: UTF8.self))
    }

    /// unicode(X): the code point of the first character, NULL for empty text or NULL.
    package static func unicode(_ x: Value) -> Value {
        if x.isNull { return .null }
        guard let first = x.textValue.unicodeScalars.first, first.value != 0 else { return .null }
        return .integer(Int64(first.value))
    }

    /// sign(X): -1, 0 or 1 for numbers and numeric text; NULL otherwise.
    package static func sign(_ x: Value) -> Value {
        let n = x.numericAffinityApplied
        switch n {
        case .integer, .real:
            let r = n.realValue
            return .integer(r < 0 ? -1 : (r > 0 ? 1 : 0))
        default:
            return .null
        }
    }

    /// like(P, X [, E]): `X LIKE P ESCAPE E`; NULL if any argument is NULL, but 0 if P or X is a
    /// blob (SQLite built with SQLITE_LIKE_DOESNT_MATCH_BLOBS, as the reference sqlite3 is).
    package static func like(_ pattern: Value, _ text: Value, escape: Value?) throws(StrataError) -> Value {
        if case .blob = pattern { return .integer(0) }
        if case .blob = text { return .integer(0) }
        let p = textBytes(pattern)
        if let p, p.count > PatternMatch.maximumPatternByteCount { throw patternTooComplex() }
        var escapeCharacter: UInt32? = nil
        if let escape {
            guard let e = textBytes(escape) else { return .null }
            let scalars = String(decoding: cPrefix(e), as: UTF8.self).unicodeScalars
            guard scalars.count == 1, let only = scalars.first else {
                throw StrataError(.invalidParameterValue, "ESCAPE expression must be a single character")
            }
            escapeCharacter = only.value
        }
        guard let p, let t = textBytes(text) else { return .null }
        let match = p.withUnsafeBufferPointer { pp in
            t.withUnsafeBufferPointer { tp in PatternMatch.like(pp, tp, escape: escapeCharacter) }
        }
        return .integer(match ? 1 : 0)
    }

    /// glob(P, X): `X GLOB P`; NULL if either is NULL, 0 if either is a blob (as like).
    package static func glob(_ pattern: Value, _ text: Value) throws(StrataError) -> Value {
        if case .blob = pattern { return .integer(0) }
        if case .blob = text { return .integer(0) }
        let p = textBytes(pattern)
        if let p, p.count > PatternMatch.maximumPatternByteCount { throw patternTooComplex() }
        guard let p, let t = textBytes(text) else { return .null }
        let match = p.withUnsafeBufferPointer { pp in t.withUnsafeBufferPointer { tp in PatternMatch.glob(pp, tp) } }
        return .integer(match ? 1 : 0)
    }

    static func patternTooComplex() -> StrataError {
        StrataError(.programLimitExceeded, "LIKE or GLOB pattern too complex")
    }
}
