// Printf: SQL's printf(FORMAT, ...) and format(FORMAT, ...), as SQLite 3.40's sqlite3_str_vappendf
// runs them for the SQL function (SQLITE_PRINTF_SQLFUNC).
//
// Conversions: %d %i %u %x %X %o %p %r (ordinals) %c %s %z %q %Q %w %f %e %E %g %G %n %%; flags
// - + space 0 # ! and ','; width and precision, either may be '*'; 'l'/'ll' are accepted and
// ignored. Arguments convert as sqlite3_value_int64 / _double / _text; a missing argument is 0,
// 0.0 or NULL. An unknown conversion (or %T, %S) ends the output there, as in SQLite. Widths and
// precisions count bytes unless the '!' flag asks for characters.
//
// LIMITS  a result over 1,000,000,000 bytes (SQLITE_MAX_LENGTH) is "string or blob too big".

import StrataCatalog
import StrataCore

package enum SQLPrintf {
    /// SQLITE_MAX_LENGTH: the largest text or blob a function may produce.
    package static let maximumLength = 1_000_000_000

    /// printf(args[0], args[1...]); NULL when there is no format, it is NULL, or nothing at all was
    /// output (an empty format, or one that starts with an unknown conversion; '%s' of '' is '').
    package static func format(_ args: [Value]) throws(StrataError) -> Value {
        guard let first = args.first, !first.isNull else { return .null }
        let formatText = first.textValue
        var out: [UInt8] = []
        var state = Arguments(values: args, next: 1)
        var appended = false
        // The format is a C string: a NUL byte ends it.
        let formatBytes = Array(ScalarFunctions.cPrefix(Array(formatText.utf8)))
        try formatBytes.withUnsafeBufferPointer { (f: UnsafeBufferPointer<UInt8>) throws(StrataError) -> Void in
            try render(f, &state, &out, &appended)
        }
        if !appended { return .null }
        return .text(String(decoding: out, as: UTF8.self))
    }

    private struct Arguments {
        let values: [Value]
        var next: Int

        mutating func int64() -> Int64 {
            guard next < values.count else { return 0 }
            defer { next += 1 }
            return values[next].integerValue
        }

        mutating func double() -> Double {
            guard next < values.count else { return 0 }
            defer { next += 1 }
            return values[next].realValue
        }

        /// The next argument's text, or nil for NULL or a missing argument.
        mutating func text() -> [UInt8]? {
            guard next < values.count else { return nil }
            defer { next += 1 }
            switch values[next] {
            case .null: return nil
            case .blob(let b): return b
            case let v: return Array(v.textValue.utf8)
            }
        }
    }

    /// SQLITE_FP_PRECISION_LIMIT: the largest precision a floating-point conversion honours.
    private static let floatPrecisionLimit = 100_000_000

    private static func tooBig() -> StrataError { StrataError(.programLimitExceeded, "string or blob too big") }

    private static func render(
        _ f: UnsafeBufferPointer<UInt8>, _ args: inout Arguments, _ out: inout [UInt8], _ appended: inout Bool
    ) throws(StrataError) {
        let n = f.count
        var i = 0
        @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? f[k] : 0 }
        while i < n {
            if f[i] != UInt8(ascii: "%") {
                let start = i
                while i < n && f[i] != UInt8(ascii: "%") { i += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: f[start..<i]))
                appended = true
                if i >= n { break }
            }
            i += 1  // past '%'
            var c = at(i)
            if c == 0 {
                out.append(UInt8(ascii: "%"))
                appended = true
                break
            }
            var leftJustify = false, zeroPad = false, alternate = false, alternate2 = false
            var prefix: UInt8? = nil
            var thousands = false
            var width = 0
            var precision = -1
            var done = false
            repeat {
                switch c {
                case UInt8(ascii: "-"): leftJustify = true
                case UInt8(ascii: "+"): prefix = UInt8(ascii: "+")
                case UInt8(ascii: " "): prefix = UInt8(ascii: " ")
                case UInt8(ascii: "#"): alternate = true
                case UInt8(ascii: "!"): alternate2 = true
                case UInt8(ascii: "0"): zeroPad = true
                case UInt8(ascii: ","): thousands = true
                case UInt8(ascii: "l"):
                    i += 1
                    c = at(i)
                    if c == UInt8(ascii: "l") {
                        i += 1
                        c = at(i)
                    }
                    done = true
                case UInt8(ascii: "1")...UInt8(ascii: "9"):
                    var wx = UInt32(c - 0x30)
                    i += 1
                    c = at(i)
                    while c >= 0x30 && c <= 0x39 {
                        wx = wx &* 10 &+ UInt32(c - 0x30)
                        i += 1
                        c = at(i)
                    }
                    width = Int(wx & 0x7fff_ffff)
                    if c != UInt8(ascii: ".") && c != UInt8(ascii: "l") {
                        done = true
                    } else {
                        i -= 1
                    }
                case UInt8(ascii: "*"):
                    var w = Int(Int32(truncatingIfNeeded: args.int64()))
                    if w < 0 {
                        leftJustify = true
                        w = w >= -2_147_483_647 ? -w : 0
                    }
                    width = w
                    let next = at(i + 1)
                    if next != UInt8(ascii: ".") && next != UInt8(ascii: "l") {
                        i += 1
                        c = at(i)
                        done = true
                    }
                case UInt8(ascii: "."):
                    i += 1
                    c = at(i)
                    if c == UInt8(ascii: "*") {
                        var p = Int(Int32(truncatingIfNeeded: args.int64()))
                        if p < 0 { p = p >= -2_147_483_647 ? -p : -1 }
                        precision = p
                        i += 1
                        c = at(i)
                    } else {
                        var px: UInt32 = 0
                        while c >= 0x30 && c <= 0x39 {
                            px = px &* 10 &+ UInt32(c - 0x30)
                            i += 1
                            c = at(i)
                        }
                        precision = Int(px & 0x7fff_ffff)
                    }
                    if c == UInt8(ascii: "l") {
                        i -= 1
                    } else {
                        done = true
                    }
                default:
                    done = true
                }
                if !done {
                    i += 1
                    c = at(i)
                    if c == 0 { break }
                }
            } while !done
            if width > maximumLength || precision > maximumLength { throw tooBig() }

            // The converted field, before width padding.
            var field: [UInt8] = []
            var fieldIsCharacters = false  // width counts characters ('!' with %s %c %q)
            switch c {
            case UInt8(ascii: "d"), UInt8(ascii: "i"), UInt8(ascii: "u"), UInt8(ascii: "x"), UInt8(ascii: "X"),
                UInt8(ascii: "o"), UInt8(ascii: "p"), UInt8(ascii: "r"):
                let signed = c == UInt8(ascii: "d") || c == UInt8(ascii: "i") || c == UInt8(ascii: "r")
                let base: UInt64
                var digits = "0123456789ABCDEF"
                var radixPrefix = ""
                switch c {
                case UInt8(ascii: "x"): base = 16; digits = "0123456789abcdef"; radixPrefix = "0x"
                case UInt8(ascii: "X"): base = 16; radixPrefix = "0X"
                case UInt8(ascii: "p"): base = 16; radixPrefix = "0x"
                case UInt8(ascii: "o"): base = 8; radixPrefix = "0"
                default: base = 10
                }
                if c != UInt8(ascii: "d") && c != UInt8(ascii: "i") && c != UInt8(ascii: "u") { thousands = false }
                var sign: UInt8? = nil
                var magnitude: UInt64
                let v = args.int64()
                if signed {
                    if v < 0 {
                        magnitude = UInt64(bitPattern: ~v) &+ 1
                        sign = UInt8(ascii: "-")
                    } else {
                        magnitude = UInt64(v)
                        sign = prefix
                    }
                } else {
                    magnitude = UInt64(bitPattern: v)
                }
                var altForm = alternate
                if magnitude == 0 { altForm = false }
                if zeroPad && precision < width - (sign != nil ? 1 : 0) {
                    precision = width - (sign != nil ? 1 : 0)
                }
                var reversed: [UInt8] = []
                if c == UInt8(ascii: "r") {
                    var x = Int(magnitude % 10)
                    if x >= 4 || (magnitude / 10) % 10 == 1 { x = 0 }
                    let ord = Array("thstndrd".utf8)
                    reversed.append(ord[x * 2 + 1])
                    reversed.append(ord[x * 2])
                }
                let digitBytes = Array(digits.utf8)
                var length = 0
                repeat {
                    reversed.append(digitBytes[Int(magnitude % base)])
                    magnitude /= base
                    length += 1
                } while magnitude > 0
                if c == UInt8(ascii: "r") { length += 2 }
                while precision > length {
                    reversed.append(UInt8(ascii: "0"))
                    length += 1
                }
                var body = Array(reversed.reversed())
                if thousands {
                    var grouped: [UInt8] = []
                    let count = body.count
                    for (k, b) in body.enumerated() {
                        if k > 0 && (count - k) % 3 == 0 { grouped.append(UInt8(ascii: ",")) }
                        grouped.append(b)
                    }
                    body = grouped
                }
                // A sign (signed conversions) and a radix prefix (unsigned ones) never meet.
                if altForm { field.append(contentsOf: radixPrefix.utf8) }
                if let sign { field.append(sign) }
                field.append(contentsOf: body)
            case UInt8(ascii: "f"), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "g"), UInt8(ascii: "G"):
                let value = args.double()
                if precision > floatPrecisionLimit { precision = floatPrecisionLimit }
                let style: SQLiteRealFormatter.Style =
                    c == UInt8(ascii: "f") ? .fixed : (c == UInt8(ascii: "g") || c == UInt8(ascii: "G") ? .generic : .exponent)
                SQLiteRealFormatter.format(
                    value, style: style, precision: precision < 0 ? nil : precision, signPrefix: prefix,
                    alternateForm: alternate, alternateForm2: alternate2,
                    uppercase: c == UInt8(ascii: "E") || c == UInt8(ascii: "G"), into: &field)
                let isSpecial = field.last == UInt8(ascii: "f") || field.last == UInt8(ascii: "N")  // Inf, NaN
                if zeroPad && !leftJustify && field.count < width && !isSpecial {
                    let signCount = field.first == UInt8(ascii: "-") || prefix != nil ? 1 : 0
                    field.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - field.count), at: signCount)
                }
            case UInt8(ascii: "n"):
                width = 0
            case UInt8(ascii: "%"):
                field = [UInt8(ascii: "%")]
            case UInt8(ascii: "c"):
                let text = args.text() ?? []
                var ch: [UInt8] = [text.first ?? 0]
                if let lead = text.first, lead & 0xC0 == 0xC0 {
                    var k = 1
                    while ch.count < 4 && k < text.count && text[k] & 0xC0 == 0x80 {
                        ch.append(text[k])
                        k += 1
                    }
                }
                if precision > 1 {
                    if (precision - 1) * ch.count > maximumLength - out.count { throw tooBig() }
                    width -= precision - 1
                    if width > 1 && !leftJustify {
                        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - 1))
                        width = 0
                    }
                    for _ in 0..<(precision - 1) { out.append(contentsOf: ch) }
                }
                field = ch
                fieldIsCharacters = true
            case UInt8(ascii: "s"), UInt8(ascii: "z"):
                let text = args.text() ?? []
                var length = text.count
                if let nul = text.firstIndex(of: 0) { length = nul }
                if precision >= 0 {
                    if alternate2 {
                        var k = 0
                        var remaining = precision
                        while remaining > 0 && k < length {
                            k += 1
                            if text[k - 1] >= 0xC0 { while k < length && text[k] & 0xC0 == 0x80 { k += 1 } }
                            remaining -= 1
                        }
                        length = k
                    } else {
                        length = min(length, precision)
                    }
                }
                field = Array(text[0..<length])
                fieldIsCharacters = alternate2
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), UInt8(ascii: "w"):
                let quote: UInt8 = c == UInt8(ascii: "w") ? UInt8(ascii: "\"") : UInt8(ascii: "'")
                let argument = args.text()
                let isNull = argument == nil
                var text = argument ?? Array((c == UInt8(ascii: "Q") ? "NULL" : "(NULL)").utf8)
                if let nul = text.firstIndex(of: 0) { text.removeSubrange(nul...) }
                var k = 0
                var remaining = precision
                while remaining != 0 && k < text.count {
                    if alternate2 && text[k] & 0xC0 == 0xC0 {
                        while k + 1 < text.count && text[k + 1] & 0xC0 == 0x80 { k += 1 }
                    }
                    k += 1
                    remaining -= 1
                }
                let needQuote = !isNull && c == UInt8(ascii: "Q")
                if needQuote { field.append(quote) }
                for b in text[0..<k] {
                    field.append(b)
                    if b == quote { field.append(b) }
                }
                if needQuote { field.append(quote) }
                fieldIsCharacters = alternate2
            default:
                // Unknown conversion, %T, %S: SQLite stops formatting here.
                return
            }
            appended = true
            if fieldIsCharacters && width > 0 {
                for b in field where b & 0xC0 == 0x80 { width += 1 }
            }
            let pad = width - field.count
            if pad > 0 {
                if out.count + width > maximumLength { throw tooBig() }
                if !leftJustify { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad)) }
                out.append(contentsOf: field)
                if leftJustify { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad)) }
            } else {
                out.append(contentsOf: field)
            }
            if out.count > maximumLength { throw tooBig() }
            i += 1
        }
    }
}
