// Output: the shell's result formats (`.mode`): table, list, csv, json, line. Each renders a
// query's column names and rows to bytes appended to a buffered writer.

import Strata

#if canImport(Glibc)
import Glibc
#endif

enum OutputMode: String, CaseIterable, Sendable {
    case table, list, csv, json, line
}

/// What `.mode`, `.headers`, `.nullvalue`, `.timer` and `.bail` set.
struct ShellSettings {
    var mode: OutputMode = .list
    /// nil: the mode's default (shown in table mode, hidden otherwise, as sqlite3 does).
    var headers: Bool?
    /// nil: the mode's default ("NULL" in table and line mode, nothing in list and csv, null in json).
    var nullValue: String?
    var timer = false
    var bail = false

    var showsHeaders: Bool { headers ?? (mode == .table) }

    var nullText: String {
        if let nullValue { return nullValue }
        switch mode {
        case .table, .line: return "NULL"
        case .list, .csv, .json: return ""
        }
    }
}

/// Where rendered results go.
protocol TextSink: AnyObject {
    func write(_ text: String)
    func write(bytes: [UInt8])
}

/// Text collected in memory (tests, and anything that wants a result as a string).
final class StringSink: TextSink {
    var text = ""
    func write(_ text: String) { self.text += text }
    func write(bytes: [UInt8]) { text += String(decoding: bytes, as: UTF8.self) }
}

/// A file descriptor written through a buffer: rows are appended as bytes and written in large
/// pieces (results of a million rows must not cost a write call each).
final class BufferedWriter: TextSink {
    let fd: Int32
    private var buffer: [UInt8] = []
    /// Asked before each write to the descriptor: true (Ctrl-C while a result is printed) drops
    /// the rest of the output until `resume()`.
    var isCancelled: (() -> Bool)?
    /// Whether output is being dropped after a cancel.
    private(set) var dropping = false

    func resume() { dropping = false }

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) {
        if dropping { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: [UInt8]) {
        if dropping { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        if let isCancelled, isCancelled() {
            dropping = true
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var written = 0
        while written < buffer.count {
            let n = buffer[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Standard error, unbuffered.
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            written += n
        }
        bytes.removeAll()
    }
}

/// Renders results in one of the output modes.
struct ResultFormatter {
    var settings: ShellSettings
    /// The terminal's width in columns, when output goes to a terminal: table mode fits its
    /// columns into it, cutting long values with an ellipsis.
    var terminalWidth: Int?

    /// The result as text.
    func render(columns: [String], rows: [[Value]]) -> String {
        let sink = StringSink()
        write(columns: columns, rows: rows, to: sink)
        return sink.text
    }

    /// Writes one query's result.
    func write(columns: [String], rows: [[Value]], to out: TextSink) {
        switch settings.mode {
        case .list: writeList(columns: columns, rows: rows, to: out)
        case .csv: writeCSV(columns: columns, rows: rows, to: out)
        case .json: writeJSON(columns: columns, rows: rows, to: out)
        case .line: writeLine(columns: columns, rows: rows, to: out)
        case .table: writeTable(columns: columns, rows: rows, to: out)
        }
    }

    private func text(_ v: Value) -> String {
        v.isNull ? settings.nullText : v.textValue
    }

    // MARK: list

    private func writeList(columns: [String], rows: [[Value]], to out: TextSink) {
        // As sqlite3: an empty result prints nothing, not even its column names.
        guard !rows.isEmpty else { return }
        if settings.showsHeaders { out.write(columns.joined(separator: "|") + "\n") }
        // Built in a local buffer and handed over in large pieces: the sink is a class, and each
        // access to its storage would cost an exclusivity check.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        let null = Array(settings.nullText.utf8)
        for row in rows {
            for (i, v) in row.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: "|")) }
                switch v {
                case .null: bytes.append(contentsOf: null)
                case .text(let s): bytes.append(contentsOf: s.utf8)
                case .blob(let b): bytes.append(contentsOf: b)
                default: bytes.append(contentsOf: v.textValue.utf8)
                }
            }
            bytes.append(UInt8(ascii: "\n"))
            if bytes.count >= 1 << 15 {
                out.write(bytes: bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        if !bytes.isEmpty { out.write(bytes: bytes) }
    }

    // MARK: csv (RFC 4180)

    /// A field quoted when it holds a separator, a quote, a line break, or leading or trailing
    /// spaces, or is empty text (so that it differs from NULL, written as nothing).
    static func csvField(_ s: String, isNull: Bool = false) -> String {
        if isNull { return s }
        if s.isEmpty { return "\"\"" }
        var needsQuotes = false
        for u in s.utf8 where u == UInt8(ascii: ",") || u == UInt8(ascii: "\"") || u == 10 || u == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes, s.utf8.first == UInt8(ascii: " ") || s.utf8.last == UInt8(ascii: " ") { needsQuotes = true }
        guard needsQuotes else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }

    private func writeCSV(columns: [String], rows: [[Value]], to out: TextSink) {
        guard !rows.isEmpty else { return }
        if settings.showsHeaders { out.write(columns.map { Self.csvField($0) }.joined(separator: ",") + "\r\n") }
        for row in rows {
            var bytes: [UInt8] = []
            for (i, v) in row.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                switch v {
                case .blob(let b):
                    // A blob's own bytes, as sqlite3 writes them (quoted like text when needed).
                    let special = b.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
                    if special {
                        bytes.append(UInt8(ascii: "\""))
                        for c in b {
                            if c == UInt8(ascii: "\"") { bytes.append(c) }
                            bytes.append(c)
                        }
                        bytes.append(UInt8(ascii: "\""))
                    } else {
                        bytes.append(contentsOf: b)
                    }
                default:
                    bytes.append(contentsOf: Self.csvField(text(v), isNull: v.isNull).utf8)
                }
            }
            bytes.append(contentsOf: [13, 10])
            out.write(bytes: bytes)
        }
    }

    // MARK: json

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private func jsonValue(_ v: Value) -> String {
        switch v {
        case .null: return settings.nullValue.map(Self.jsonString) ?? "null"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? v.textValue : "null"
        case .text(let s): return Self.jsonString(s)
        case .blob(let b): return Self.jsonString(Value.hexText(b))
        }
    }

    /// One array per result, an object per row, as sqlite3's json mode writes it.
    private func writeJSON(columns: [String], rows: [[Value]], to out: TextSink) {
        guard !rows.isEmpty else { return }
        let keys = columns.map(Self.jsonString)
        for (r, row) in rows.enumerated() {
            var line = r == 0 ? "[{" : "{"
            for (i, v) in row.enumerated() {
                if i > 0 { line += "," }
                line += keys[i] + ":" + jsonValue(v)
            }
            line += r == rows.count - 1 ? "}]\n" : "},\n"
            out.write(line)
        }
    }

    // MARK: line

    private func writeLine(columns: [String], rows: [[Value]], to out: TextSink) {
        let width = columns.map(DisplayWidth.of).max() ?? 0
        let names = columns.map { String(repeating: " ", count: width - DisplayWidth.of($0)) + $0 }
        for (r, row) in rows.enumerated() {
            if r > 0 { out.write("\n") }
            for (i, v) in row.enumerated() {
                if case .blob(let b) = v {
                    out.write(bytes: Array((names[i] + " = ").utf8) + b + [10])
                } else {
                    out.write(names[i] + " = " + text(v) + "\n")
                }
            }
        }
    }

    // MARK: table

    /// A value as one line of a table cell: control characters shown as escapes.
    private func cell(_ v: Value) -> String {
        if case .blob(let b) = v { return "X'" + Value.hexText(b) + "'" }
        return Self.oneLine(text(v))
    }

    /// Text with its control characters shown as escapes, for one line of a table.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "?" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Boxed, with column widths fitted to the values; numbers right-aligned. On a terminal too
    /// narrow for the table, the widest columns shrink and their long values end in "…".
    private func writeTable(columns: [String], rows: [[Value]], to out: TextSink) {
        guard !columns.isEmpty, !rows.isEmpty else { return }
        let headers = settings.showsHeaders
        let cells = rows.map { $0.map(cell) }
        let columns = columns.map(Self.oneLine)
        var widths = columns.map { headers ? DisplayWidth.of($0) : 1 }
        var numeric = [Bool](repeating: true, count: columns.count)
        for (r, row) in cells.enumerated() {
            for (i, c) in row.enumerated() {
                widths[i] = max(widths[i], DisplayWidth.of(c))
                switch rows[r][i] {
                case .integer, .real, .null: break
                default: numeric[i] = false
                }
            }
        }
        if let terminalWidth { Self.fit(&widths, into: terminalWidth) }

        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func line(_ values: [String], alignRight: [Bool]) -> String {
            var s = "│"
            for (i, v) in values.enumerated() {
                let shown = DisplayWidth.truncate(v, to: widths[i])
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(shown))
                s += " " + (alignRight[i] ? pad + shown : shown + pad) + " │"
            }
            return s + "\n"
        }
        out.write(rule("┌", "┬", "┐"))
        if headers {
            out.write(line(columns, alignRight: columns.map { _ in false }))
            out.write(rule("├", "┼", "┤"))
        }
        for row in cells { out.write(line(row, alignRight: numeric)) }
        out.write(rule("└", "┴", "┘"))
    }

    /// Narrows the widest columns until a table with `widths` fits `width` terminal columns
    /// (each column takes its width plus 3 for padding and rule, plus 1 for the last rule).
    static func fit(_ widths: inout [Int], into width: Int) {
        let minimum = 3
        var total = widths.reduce(0, +) + 3 * widths.count + 1
        while total > width {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > minimum else { return }
            widths[widest] -= 1
            total -= 1
        }
    }
}

/// How many terminal columns text takes: East Asian wide characters and most emoji take two,
/// combining marks and zero-width characters none.
enum DisplayWidth {
    static func of(_ s: String) -> Int {
        var width = 0
        for scalar in s.unicodeScalars { width += of(scalar) }
        return width
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 || v == 0x7F ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Skin-tone modifiers join the emoji before them.
        if (0x1F3FB...0x1F3FF).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F680...0x1F6FF).contains(v) || (0x1F900...0x1F9FF).contains(v) || (0x1FA70...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// `s` cut to at most `width` columns, ending in "…" when it was cut.
    static func truncate(_ s: String, to width: Int) -> String {
        if of(s) <= width { return s }
        var out = ""
        var used = 0
        for scalar in s.unicodeScalars {
            let w = of(scalar)
            if used + w > width - 1 { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out + "…"
    }
}
