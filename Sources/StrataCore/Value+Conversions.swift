// Value+Conversions: SQLite's conversions between storage classes, exactly as SQLite 3.40 does them.
//
// integerValue, realValue and textValue are sqlite3_value_int64, sqlite3_value_double and
// sqlite3_value_text. Text (and a blob, read as text) converts by SQLite's own parsers:
// SQLiteNumberText.parseInt64 is sqlite3Atoi64 (the longest integer prefix after leading spaces,
// clamped to the Int64 range: "1e3" -> 1), and parseReal is sqlite3AtoF (the longest real prefix,
// computed with x87 long double on x86_64 as SQLite is, so the last bit agrees). Reals render as
// SQLite's printf "%!.15g" (SQLiteRealFormatter, also used by the SQL printf function).
//
// INVARIANTS
//   (1) Nothing here traps: NaN, infinities, overflowing text and invalid UTF-8 all have a value.
//   (2) The results equal sqlite3 3.40.1 on x86_64 Linux (Tests/StrataSQLTests/ValueTests.swift
//       quotes the query behind each expectation).

extension Value {
    /// Bytes as upper-case hex digits, as SQLite's hex() and blob literals write them.
    public static func hexText(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value as a 64-bit integer, as `sqlite3_value_int64` gives it.
    ///
    /// NULL is 0; a real truncates toward zero, clamped to the Int64 range; text and blobs parse
    /// their longest integer prefix after leading spaces ("12abc" is 12, "abc" 0, "1e3" 1, " 3.9" 3),
    /// clamped on overflow.
    public var integerValue: Int64 {
        switch self {
        case .null: return 0
        case .integer(let i): return i
        case .real(let d): return SQLiteNumberText.int64(fromReal: d)
        case .text(let s): return SQLiteNumberText.withUTF8(s) { SQLiteNumberText.parseInt64($0).value }
        case .blob(let b): return b.withUnsafeBufferPointer { SQLiteNumberText.parseInt64($0).value }
        }
    }

    /// The value as a double, as `sqlite3_value_double` gives it: NULL is 0.0, text and blobs
    /// parse their longest real prefix ("1.5e3x" is 1500.0, "abc" 0.0).
    public var realValue: Double {
        switch self {
        case .null: return 0
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let s): return SQLiteNumberText.withUTF8(s) { SQLiteNumberText.parseReal($0).value }
        case .blob(let b): return b.withUnsafeBufferPointer { SQLiteNumberText.parseReal($0).value }
        }
    }

    /// The value as text, as `sqlite3_value_text` gives it: integers in decimal, reals as SQLite's
    /// `%!.15g` (1.0 is "1.0", 1e20 "1.0e+20", -0.0 "0.0"), blobs' bytes read as UTF-8 (invalid
    /// sequences become U+FFFD), NULL the empty string.
    public var textValue: String {
        switch self {
        case .null: return ""
        case .integer(let i): return String(i)
        case .real(let d): return SQLiteRealFormatter.text(d)
        case .text(let s): return s
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }
}

// MARK: - Parsing numbers in text (sqlite3Atoi64, sqlite3AtoF)

/// SQLite's parsers for numbers written in text, over UTF-8 bytes.
package enum SQLiteNumberText {
    /// How `parseInt64` ended, as sqlite3Atoi64's return code.
    package enum IntegerStatus: Int8, Sendable {
        /// No digits at all (after spaces and a sign).
        case noDigits = -1
        /// A well-formed integer, optionally surrounded by spaces, that fits.
        case exact = 0
        /// Digits followed by something other than spaces; the value is the prefix's.
        case trailingText = 1
        /// More than Int64 holds; the value is clamped.
        case overflow = 2
        /// Exactly 9223372036854775808 without a minus sign; the value is clamped.
        case twoToThe63 = 3
    }

    /// What `parseReal` recognized, as sqlite3AtoF's return code.
    package enum RealKind: Int8, Sendable {
        /// A prefix with a '.' or exponent, followed by other text ("1.5x", "1e5x", "1e").
        case realPrefix = -1
        /// Not a number as a whole (an integer prefix at most, or nothing).
        case notNumeric = 0
        /// The whole text (bar spaces) is an integer.
        case integer = 1
        /// The whole text (bar spaces) is a real: it has a '.' or an exponent, or both.
        case real = 2

        /// The whole text is a well-formed number (SQLite's "rc > 0").
        package var isWellFormed: Bool { rawValue > 0 }
    }

    /// sqlite3Isspace: space, tab, newline, vertical tab, form feed, carriage return.
    @inline(__always)
    package static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Runs `body` over the string's UTF-8 bytes without copying a native string.
    @inline(__always)
    package static func withUTF8<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = string.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = string
        return copy.withUTF8(body)
    }

    /// A double truncated toward zero and clamped to the Int64 range (SQLite's doubleToInt64);
    /// NaN gives 0.
    package static func int64(fromReal r: Double) -> Int64 {
        if r.isNaN { return 0 }
        if r <= -9223372036854775808.0 { return Int64.min }
        if r >= 9223372036854775808.0 { return Int64.max }
        return Int64(r)
    }

    /// sqlite3Atoi64: leading spaces, an optional sign, then the longest run of digits.
    package static func parseInt64(_ text: UnsafeBufferPointer<UInt8>) -> (value: Int64, status: IntegerStatus) {
        let end = text.count
        var i = 0
        while i < end && isSpace(text[i]) { i += 1 }
        var negative = false
        if i < end {
            if text[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            else if text[i] == UInt8(ascii: "+") { i += 1 }
        }
        let start = i
        while i < end && text[i] == UInt8(ascii: "0") { i += 1 }
        let digitsStart = i
        var u: UInt64 = 0
        while i < end && isDigit(text[i]) {
            u = u &* 10 &+ UInt64(text[i] &- 0x30)
            i += 1
        }
        let digitCount = i - digitsStart
        var status: IntegerStatus = .exact
        if digitCount == 0 && start == digitsStart {
            status = .noDigits
        } else if i < end {
            var j = i
            while j < end {
                if !isSpace(text[j]) { status = .trailingText; break }
                j += 1
            }
        }
        if digitCount < 19 {
            return (negative ? -Int64(u) : Int64(u), status)
        }
        // 19 or more significant digits: compare with 9223372036854775808.
        var comparison = 1
        if digitCount == 19 {
            comparison = 0
            let pow63: StaticString = "922337203685477580"
            pow63.withUTF8Buffer { p in
                for k in 0..<18 where comparison == 0 {
                    comparison = (Int(text[digitsStart + k]) - Int(p[k])) * 10
                }
            }
            if comparison == 0 { comparison = Int(text[digitsStart + 18]) - Int(UInt8(ascii: "8")) }
        }
        if comparison < 0 {
            return (negative ? -Int64(u) : Int64(u), status)
        }
        let clamped = negative ? Int64.min : Int64.max
        if comparison > 0 { return (clamped, .overflow) }
        return (clamped, negative ? status : .twoToThe63)
    }

    /// sqlite3AtoF: leading spaces, sign, digits, optional fraction and exponent, trailing spaces.
    package static func parseReal(_ text: UnsafeBufferPointer<UInt8>) -> (value: Double, kind: RealKind) {
        let end = text.count
        var z = 0
        var sign: Int64 = 1
        var s: Int64 = 0
        var d = 0
        var esign = 1
        var e = 0
        var eValid = true
        var nDigit = 0
        var eType = 1
        while z < end && isSpace(text[z]) { z += 1 }
        if z >= end { return (0, .notNumeric) }
        if text[z] == UInt8(ascii: "-") { sign = -1; z += 1 }
        else if text[z] == UInt8(ascii: "+") { z += 1 }
        let limit = (Int64.max - 9) / 10
        parse: do {
            while z < end && isDigit(text[z]) {
                s = s * 10 + Int64(text[z] &- 0x30)
                z += 1
                nDigit += 1
                if s >= limit {
                    while z < end && isDigit(text[z]) { z += 1; d += 1 }
                }
            }
            if z >= end { break parse }
            if text[z] == UInt8(ascii: ".") {
                z += 1
                eType += 1
                while z < end && isDigit(text[z]) {
                    if s < limit {
                        s = s * 10 + Int64(text[z] &- 0x30)
                        d -= 1
                        nDigit += 1
                    }
                    z += 1
                }
            }
            if z >= end { break parse }
            if text[z] == UInt8(ascii: "e") || text[z] == UInt8(ascii: "E") {
                z += 1
                eValid = false
                eType += 1
                if z >= end { break parse }
                if text[z] == UInt8(ascii: "-") { esign = -1; z += 1 }
                else if text[z] == UInt8(ascii: "+") { z += 1 }
                while z < end && isDigit(text[z]) {
                    e = e < 10000 ? e * 10 + Int(text[z] &- 0x30) : 10000
                    z += 1
                    eValid = true
                }
            }
            while z < end && isSpace(text[z]) { z += 1 }
        }
        e = e * esign + d
        if e < 0 { esign = -1; e = -e } else { esign = 1 }
        let result: Double
        if s == 0 {
            result = sign < 0 ? -0.0 : 0.0
        } else {
            while e > 0 {
                if esign > 0 {
                    if s >= Int64.max / 10 { break }
                    s *= 10
                } else {
                    if s % 10 != 0 { break }
                    s /= 10
                }
                e -= 1
            }
            s = sign < 0 ? -s : s
            if e == 0 {
                result = Double(s)
            } else if e > 307 {
                if e < 342 {
                    let scale = pow10(e - 308)
                    var r: Double
                    if esign < 0 {
                        r = Double(LongDouble(s) / scale)
                        r /= 1.0e+308
                    } else {
                        r = Double(LongDouble(s) * scale)
                        r *= 1.0e+308
                    }
                    result = r
                } else {
                    result = esign < 0 ? 0.0 * Double(s) : Double.infinity * Double(s)
                }
            } else {
                let scale = pow10(e)
                result = esign < 0 ? Double(LongDouble(s) / scale) : Double(LongDouble(s) * scale)
            }
        }
        let kind: RealKind
        if z == end && nDigit > 0 && eValid && eType > 0 {
            kind = eType == 1 ? .integer : .real
        } else if eType >= 2 && (eType == 3 || eValid) && nDigit > 0 {
            kind = .realPrefix
        } else {
            kind = .notNumeric
        }
        return (result, kind)
    }

    /// sqlite3Pow10: 10^e by repeated squaring in long double.
    private static func pow10(_ exponent: Int) -> LongDouble {
        var e = exponent
        var x: LongDouble = 10
        var r: LongDouble = 1
        while true {
            if e & 1 != 0 { r *= x }
            e >>= 1
            if e == 0 { break }
            x *= x
        }
        return r
    }
}

/// The C `long double` SQLite computes with: x87 80-bit on x86, plain double elsewhere (where
/// the last bit of a few conversions may then differ from SQLite on x86_64).
#if arch(x86_64) || arch(i386)
package typealias LongDouble = Float80
#else
package typealias LongDouble = Double
#endif

// MARK: - Formatting reals (SQLite's printf %f %e %g)

/// SQLite 3.40's own printf conversion of a double (sqlite3_str_vappendf, etFLOAT/etEXP/etGENERIC),
/// which differs from C's: it computes digits in long double, "%!" keeps a ".0", and "%f" adds a
/// tiny extra rounding term.
package enum SQLiteRealFormatter {
    package enum Style: Sendable { case fixed, exponent, generic }

    /// `value` as SQLite's `%!.15g`, the text form of every real (CAST, ||, typeof-free display).
    package static func text(_ value: Double) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        format(value, style: .generic, precision: 15, alternateForm2: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value` converted as SQLite's printf would, without width padding.
    ///
    /// - Parameters:
    ///   - precision: digits (nil: 6); for `.generic` the number of significant digits.
    ///   - signPrefix: the byte shown before a non-negative number ("+" or " "), or nil.
    ///   - alternateForm: the `#` flag (keep the point and trailing zeros of %g).
    ///   - alternateForm2: the `!` flag (16 more significant digits; "%g" keeps one ".0").
    ///   - uppercase: 'E' rather than 'e' in the exponent.
    package static func format(
        _ value: Double, style: Style, precision: Int?, signPrefix: UInt8? = nil,
        alternateForm: Bool = false, alternateForm2: Bool = false, uppercase: Bool = false,
        into out: inout [UInt8]
    ) {
        var precision = precision ?? 6
        var realvalue = LongDouble(value)
        var prefix: UInt8? = signPrefix
        if realvalue < 0 {
            realvalue = -realvalue
            prefix = UInt8(ascii: "-")
        }
        var style = style
        if style == .generic && precision > 0 { precision -= 1 }
        var idx = precision & 0xfff
        let arRound: [Double] = [5.0e-01, 5.0e-02, 5.0e-03, 5.0e-04, 5.0e-05, 5.0e-06, 5.0e-07, 5.0e-08, 5.0e-09, 5.0e-10]
        var rounder = arRound[idx % 10]
        while idx >= 10 { rounder *= 1.0e-10; idx -= 10 }
        if style == .fixed {
            let rx = Double(realvalue)
            let ex = -1023 + Int((rx.bitPattern >> 52) & 0x7ff)
            if precision + (ex / 3) < 15 { rounder += Double(realvalue * LongDouble(3e-16)) }
            realvalue += LongDouble(rounder)
        }
        var exp = 0
        if realvalue.isNaN {
            out.append(contentsOf: "NaN".utf8)
            return
        }
        if realvalue > 0 {
            var scale: LongDouble = 1
            let e100 = LongDouble(1e100 as Double)
            let e10 = LongDouble(1e10 as Double)
            while realvalue >= e100 * scale && exp <= 350 { scale *= e100; exp += 100 }
            while realvalue >= e10 * scale && exp <= 350 { scale *= e10; exp += 10 }
            while realvalue >= 10 * scale && exp <= 350 { scale *= 10; exp += 1 }
            realvalue /= scale
            while realvalue < 1e-8 { realvalue *= 1e8; exp -= 8 }
            while realvalue < 1 { realvalue *= 10; exp -= 1 }
            if exp > 350 {
                if let prefix { out.append(prefix) }
                out.append(contentsOf: "Inf".utf8)
                return
            }
        }
        if style != .fixed {
            realvalue += LongDouble(rounder)
            if realvalue >= 10 { realvalue *= LongDouble(0.1 as Double); exp += 1 }
        }
        let removeTrailingZeros: Bool
        if style == .generic {
            removeTrailingZeros = !alternateForm
            if exp < -4 || exp > precision {
                style = .exponent
            } else {
                precision -= exp
                style = .fixed
            }
        } else {
            removeTrailingZeros = alternateForm2
        }
        var e2 = style == .exponent ? 0 : exp
        var significantDigits = 16 + (alternateForm2 ? 10 : 0)
        let hasPoint = precision > 0 || alternateForm || alternateForm2
        let start = out.count
        if let prefix { out.append(prefix) }
        if e2 < 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            while e2 >= 0 {
                out.append(digit(&realvalue, &significantDigits))
                e2 -= 1
            }
        }
        if hasPoint { out.append(UInt8(ascii: ".")) }
        e2 += 1
        while e2 < 0 {
            out.append(UInt8(ascii: "0"))
            precision -= 1
            e2 += 1
        }
        while precision > 0 {
            out.append(digit(&realvalue, &significantDigits))
            precision -= 1
        }
        if removeTrailingZeros && hasPoint {
            while out.count > start, out[out.count - 1] == UInt8(ascii: "0") { out.removeLast() }
            if out.count > start, out[out.count - 1] == UInt8(ascii: ".") {
                if alternateForm2 { out.append(UInt8(ascii: "0")) } else { out.removeLast() }
            }
        }
        if style == .exponent {
            out.append(uppercase ? UInt8(ascii: "E") : UInt8(ascii: "e"))
            if exp < 0 {
                out.append(UInt8(ascii: "-"))
                exp = -exp
            } else {
                out.append(UInt8(ascii: "+"))
            }
            if exp >= 100 {
                out.append(UInt8(exp / 100) + 0x30)
                exp %= 100
            }
            out.append(UInt8(exp / 10) + 0x30)
            out.append(UInt8(exp % 10) + 0x30)
        }
    }

    /// et_getdigit: the next decimal digit of `value` in [0, 10), or '0' once the budget is spent.
    @inline(__always)
    private static func digit(_ value: inout LongDouble, _ budget: inout Int) -> UInt8 {
        if budget <= 0 { return UInt8(ascii: "0") }
        budget -= 1
        let d = Int(value)
        value = (value - LongDouble(d)) * 10
        return UInt8(truncatingIfNeeded: d) &+ 0x30
    }
}
