// ValueFormatter: renders a result value for one type letter, as SQLite's reference runner
// (slt_sqlite.c, sqliteQuery) does:
//
//   NULL (any letter)  "NULL"
//   I                  sqlite3_column_int64, printed "%lld"
//   R                  sqlite3_column_double, printed by sqlite3_snprintf "%.3f"
//   T                  sqlite3_column_text as a C string (so it ends at a NUL byte); "" prints
//                      "(empty)"; every byte outside ' '...'~' prints '@' (one per UTF-8 byte)
//
// The conversions are the public Value.integerValue / realValue / textValue (SQLite's). The
// "%.3f" is SQLite's own printf, not C's: it rounds half up on the decimal digits and prints at
// most 16 significant digits (0.0625 -> "0.063", 123456789012345678 -> "123456789012345700.000";
// glibc gives "0.062" and "...680.000"). See `real(_:)` for which SQLite version and why.

import Strata

enum ValueFormatter {
    static func format(_ value: Value, as type: ColumnType) -> String {
        switch value {
        case .null:
            return "NULL"
        case .integer(let i):
            switch type {
            case .integer, .text: return String(i)
            case .real: return real(Double(i))
            }
        case .real(let d):
            switch type {
            case .integer: return String(value.integerValue)
            case .real: return real(d)
            case .text: return printable(value.textValue)
            }
        case .text(let s):
            switch type {
            case .integer: return String(value.integerValue)
            case .real: return real(value.realValue)
            case .text: return printable(s)
            }
        case .blob(let bytes):
            switch type {
            case .integer: return String(value.integerValue)
            case .real: return real(value.realValue)
            case .text: return bytes.withUnsafeBufferPointer { printable($0) }
            }
        }
    }

    /// Text as the reference prints it: up to the first NUL, "(empty)" when that is nothing, and
    /// '@' for each byte that is not printable ASCII.
    static func printable(_ text: String) -> String {
        var copy = text
        let isClean = copy.withUTF8 { bytes in
            !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7e }
        }
        if isClean { return text }
        return copy.withUTF8 { printable($0) }
    }

    static func printable(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        if end == 0 { return "(empty)" }
        var out = [UInt8]()
        out.reserveCapacity(end)
        for i in 0..<end {
            let byte = bytes[i]
            out.append(byte >= 0x20 && byte <= 0x7e ? byte : UInt8(ascii: "@"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `sqlite3_snprintf("%.3f", value)` as SQLite 3.43+ computes it (sqlite3FpDecode, then the
    /// etFLOAT digits of printf.c): the value scaled by powers of ten in long double to an integer
    /// of 17 to 19 digits, rounded half up on those digits at 3 decimals but at 16 significant
    /// digits at most, zeros after.
    ///
    /// Why not 3.40's algorithm, which truncates at the 16th digit: the corpus expects
    /// sum(DISTINCT x) of -2^63 as "-9223372036854776000.000" (evidence/slt_lang_aggfunc.test),
    /// which only the rounding gives; every other R value in the corpus agrees with both.
    static func real(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        let precision = 3
        let negative = value < 0
        var digits: [UInt8]
        var decimalPoint: Int  // digits before the decimal point (iDP); may be <= 0
        if value == 0 {
            digits = [UInt8(ascii: "0")]
            decimalPoint = 1
        } else {
            var rr = LongDouble(negative ? -value : value)
            var exp = 0
            if rr >= 1.0e+19 {
                while rr >= 1.0e+119 { exp += 100; rr *= 1.0e-100 }
                while rr >= 1.0e+29 { exp += 10; rr *= 1.0e-10 }
                while rr >= 1.0e+19 { exp += 1; rr *= 1.0e-1 }
            } else {
                while rr < 1.0e-97 { exp -= 100; rr *= 1.0e+100 }
                while rr < 1.0e+07 { exp -= 10; rr *= 1.0e+10 }
                while rr < 1.0e+17 { exp -= 1; rr *= 1.0e+1 }
            }
            var v = UInt64(rr)
            digits = []
            digits.reserveCapacity(20)
            while v > 0 {
                digits.append(UInt8(v % 10) + 0x30)
                v /= 10
            }
            digits.reverse()
            decimalPoint = digits.count + exp

            // Round at `precision` decimals (iRound = iDP + precision), 16 significant at most.
            var round = decimalPoint + precision
            if round == 0 && digits[0] >= UInt8(ascii: "5") {
                digits.insert(UInt8(ascii: "0"), at: 0)
                decimalPoint += 1
                round = 1
            }
            if round > 0 && (round < digits.count || digits.count > 16) {
                round = min(round, 16)
                let roundUp = round < digits.count && digits[round] >= UInt8(ascii: "5")
                digits.removeSubrange(round...)
                if roundUp {
                    var j = round - 1
                    while true {
                        digits[j] += 1
                        if digits[j] <= UInt8(ascii: "9") { break }
                        digits[j] = UInt8(ascii: "0")
                        if j == 0 {
                            digits.insert(UInt8(ascii: "1"), at: 0)
                            decimalPoint += 1
                            break
                        }
                        j -= 1
                    }
                }
            }
        }

        var out = [UInt8]()
        out.reserveCapacity(max(decimalPoint, 1) + precision + 2)
        if negative { out.append(UInt8(ascii: "-")) }
        var next = 0
        func digit() -> UInt8 {
            defer { next += 1 }
            return next < digits.count ? digits[next] : UInt8(ascii: "0")
        }
        if decimalPoint <= 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            for _ in 0..<decimalPoint { out.append(digit()) }
        }
        out.append(UInt8(ascii: "."))
        var remaining = precision
        var leadingZeros = decimalPoint < 0 ? -decimalPoint : 0
        while leadingZeros > 0 && remaining > 0 {
            out.append(UInt8(ascii: "0"))
            leadingZeros -= 1
            remaining -= 1
        }
        while remaining > 0 {
            out.append(digit())
            remaining -= 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// C's `long double`, in which SQLite scales the value: x87 80-bit on x86; elsewhere a double
/// (where a 17th digit may then differ from SQLite on x86_64).
#if arch(x86_64) || arch(i386)
typealias LongDouble = Float80
#else
typealias LongDouble = Double
#endif
