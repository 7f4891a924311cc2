// StrataShell: the shell's state (database, connection, settings) and the loop shared by every
// way input arrives: lines are gathered until they make a complete statement (Connection.isComplete:
// quotes, comments and trigger bodies taken into account), a line starting with "." between
// statements is a dot-command, and each statement's rows are written in the current mode.

import Strata

#if canImport(Glibc)
import Glibc
#endif

final class StrataShell {
    static let version = "0.1.0"

    var database: Database
    var connection: Connection
    /// The file open now; nil for an in-memory database.
    var path: String?
    var settings: ShellSettings
    let interactive: Bool
    let out = BufferedWriter(fd: 1)
    /// Whether any statement or command has failed (the exit status of a script).
    var failed = false
    /// Nesting of `.read`, which must not recurse forever.
    var readDepth = 0
    /// Whether no statement is half typed (completion offers dot-commands only then).
    var pendingStatementIsEmpty = true
    /// Set when Ctrl-C cancelled a statement: a script being read (`.read`) stops there, as a
    /// whole, rather than going on with its next statement.
    var cancelled = false
    /// Set by `.quit` / `.exit`: the input loop ends with this status.
    var exitStatus: Int32?
    /// The running statement's connection, for Ctrl-C (interactive only).
    let interrupts: InterruptWatcher?

    init(path: String?, settings: ShellSettings, interactive: Bool) throws {
        self.path = path == ":memory:" ? nil : path
        self.settings = settings
        self.interactive = interactive
        database = try Database(path: path)
        connection = database.connection()
        interrupts = interactive ? InterruptWatcher.start() : nil
    }

    func close() {
        out.flush()
        do { try database.close() } catch { report("Error: \(Self.describe(error))") }
    }

    static func describe(_ error: any Error) -> String {
        (error as? StrataError)?.message ?? "\(error)"
    }

    /// An error line (or lines) on standard error, after the output written so far.
    func report(_ message: String) {
        out.flush()
        StandardError.write(message.hasSuffix("\n") ? message : message + "\n")
    }

    var formatter: ResultFormatter {
        var width: Int?
        if settings.mode == .table, isatty(1) == 1 {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
        }
        return ResultFormatter(settings: settings, terminalWidth: width)
    }

    // MARK: Inputs

    /// The SQL argument: statements and dot-commands, as a script.
    func runArgument(_ bytes: [UInt8]) -> Int32 {
        guard let text = validText(bytes, source: "the SQL argument") else { return 1 }
        runScript(text)
        return exitStatus ?? (failed ? 1 : 0)
    }

    /// Standard input, not a terminal: read whole, checked, then run as a script.
    func runStandardInput() -> Int32 {
        var input: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            input.append(contentsOf: buffer[0..<n])
        }
        guard let text = validText(input, source: "the input") else { return 1 }
        runScript(text)
        return exitStatus ?? (failed ? 1 : 0)
    }

    /// Runs a script's statements and dot-commands in order. With bail, stops at the first
    /// failure. Returns whether it ran to its end without a failure.
    @discardableResult
    func runScript(_ text: String, fileName: String? = nil) -> Bool {
        var input = StatementInput()
        var lineNumber = 0
        var ok = true
        // Lines are found by byte: Character iteration would cost more than running the statements.
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex, exitStatus == nil, !cancelled {
            lineNumber += 1
            let end = utf8[start...].firstIndex(of: 10) ?? utf8.endIndex
            let line = Substring(utf8[start..<end])
            start = end < utf8.endIndex ? utf8.index(after: end) : end
            if !handle(line: line, number: lineNumber, input: &input, fileName: fileName) {
                ok = false
                if settings.bail { return false }
            }
        }
        // A statement left without its ending ";" still runs: the parser reports what is missing.
        if exitStatus == nil, !cancelled, let chunk = input.take(atEnd: true) {
            if !execute(chunk.text, firstLine: chunk.firstLine, fileName: fileName) { ok = false }
        }
        return ok && !cancelled
    }

    /// One line of input: a dot-command between statements, or part of a statement, which runs
    /// once complete. Returns false if something failed.
    func handle(line: Substring, number: Int, input: inout StatementInput, fileName: String?) -> Bool {
        if input.isEmpty {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { return true }
            if trimmed.first == "." {
                let ok = runDotCommand(String(trimmed), lineNumber: number, fileName: fileName)
                if !ok { failed = true }
                return ok
            }
        }
        input.append(line, lineNumber: number)
        guard input.isComplete, let chunk = input.take() else { return true }
        return execute(chunk.text, firstLine: chunk.firstLine, fileName: fileName)
    }

    // MARK: Running statements

    /// Runs `sql` (whole lines of input starting at `firstLine`), writing each query's rows.
    /// Returns false if a statement failed.
    @discardableResult
    func execute(_ sql: String, firstLine: Int, fileName: String?) -> Bool {
        let formatter = self.formatter
        var ok = true
        let timer = settings.timer ? RunTimer() : nil
        if let interrupts {
            interrupts.statementStarts(connection)
            out.isCancelled = { interrupts.isCancelled }
        }
        defer { interrupts?.statementEnds() }
        do {
            // An error ends the rest of its input line too, as in sqlite3 (the next line still runs
            // unless .bail is on).
            try connection.executeScript(sql, stopOnError: true) { result in
                formatter.write(columns: result.columns, rows: result.rows, to: out)
            } onError: { error in
                ok = false
                // The terminal echoed "^C" where the cursor was: the message starts a line of its own.
                if error.code == .queryCanceled {
                    cancelled = true
                    if interactive { out.write("\n") }
                }
                reportError(error, in: sql, firstLine: firstLine, fileName: fileName)
            }
        } catch {
            ok = false
        }
        if interrupts != nil {
            out.flush()
            let cut = out.dropping
            out.isCancelled = nil
            out.resume()
            if cut {
                // Ctrl-C while rows were being printed: the rest of them are not.
                cancelled = true
                if ok { report("Error: interrupted (the rest of the output was dropped)") }
                ok = false
            }
        }
        if !ok { failed = true }
        if let timer { out.write(timer.report()) }
        // A script's output stays buffered across statements (an error report flushes it first);
        // at a prompt it is shown at once.
        if interactive { out.flush() }
        return ok
    }

    /// "Error: near line L, column C: message", then the line with a caret under the column.
    func reportError(_ error: StrataError, in sql: String, firstLine: Int, fileName: String?) {
        var text = "Error: "
        let place = fileName.map { "\($0): " } ?? ""
        guard let location = error.location else {
            if !interactive || fileName != nil {
                text += "\(place)near line \(firstLine): "
            }
            report(text + error.message)
            return
        }
        let line = firstLine + location.line - 1
        text += "\(place)near line \(line), column \(location.column): \(error.message)\n"
        text += ErrorCaret.render(sql: sql, line: location.line, column: location.column)
        report(text)
    }

    // MARK: UTF-8

    /// Text from raw bytes. Invalid UTF-8 is refused with its line and column (counted as the
    /// parser counts them), rather than replaced, which would change the user's data silently.
    func validText(_ bytes: [UInt8], source: String) -> String? {
        // A UTF-8 byte-order mark at the start is not text (editors on some systems write one).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return validText(Array(bytes.dropFirst(3)), source: source) }
        guard let bad = Self.firstInvalidUTF8(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var line = 1
        var column = 1
        for b in bytes[..<bad] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        let byte = String(bytes[bad], radix: 16, uppercase: true)
        report("Error: near line \(line), column \(column): \(source) is not valid UTF-8 (byte 0x\(byte)); nothing was run")
        failed = true
        return nil
    }

    /// The offset of the first byte of `bytes` that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Lines of a statement being typed or read, until they make a complete statement.
struct StatementInput {
    private(set) var text = ""
    private(set) var firstLine = 0
    /// Whether the last line added held a ";" outside quotes and comments, so that it could have
    /// completed the statement.
    private var mayBeComplete = false
    /// Where the text so far ends: inside a quoted string or name, or a block comment.
    private var state = ScanState.code

    private enum ScanState {
        case code
        case quoted(UInt8)
        case blockComment
    }

    var isEmpty: Bool { text.isEmpty }

    mutating func append(_ line: Substring, lineNumber: Int) {
        if text.isEmpty { firstLine = lineNumber }
        text += line
        text += "\n"
        mayBeComplete = scan(line.utf8)
    }

    /// Follows quotes and comments through one line (as the lexer reads them: '' inside '...'
    /// is a quote, and so on); returns whether a ";" was seen outside them.
    private mutating func scan(_ bytes: Substring.UTF8View) -> Bool {
        var semicolon = false
        var previous: UInt8 = 0
        var lineComment = false
        for b in bytes {
            if lineComment { break }
            switch state {
            case .code:
                switch b {
                case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"): state = .quoted(b)
                case UInt8(ascii: "["): state = .quoted(UInt8(ascii: "]"))
                case UInt8(ascii: ";"): semicolon = true
                case UInt8(ascii: "-") where previous == UInt8(ascii: "-"): lineComment = true
                case UInt8(ascii: "*") where previous == UInt8(ascii: "/"):
                    state = .blockComment
                    previous = 0
                    continue
                default: break
                }
            case .quoted(let close):
                // A doubled quote closes and reopens: the same state after both.
                if b == close { state = .code }
            case .blockComment:
                if b == UInt8(ascii: "/") && previous == UInt8(ascii: "*") {
                    state = .code
                    previous = 0
                    continue
                }
            }
            previous = b
        }
        return semicolon
    }

    /// Complete: ends with a ";" that ends a statement. Connection.isComplete decides (trigger
    /// bodies, trailing comments), and is asked only after a line with a ";" outside quotes and
    /// comments, so a long statement is not rescanned at every line.
    var isComplete: Bool { mayBeComplete && Connection.isComplete(text) }

    /// The gathered text (nil if only blank), emptied. At the end of input the last line's
    /// added line break goes, so that "incomplete input" points just after the last character.
    mutating func take(atEnd: Bool = false) -> (text: String, firstLine: Int)? {
        defer {
            text = ""
            mayBeComplete = false
            state = .code
        }
        if text.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) { return nil }
        if atEnd, text.last == "\n" { text.removeLast() }
        return (text, firstLine)
    }
}

/// The line of a statement an error points into, with a caret under the error's column; a long
/// line is shown as a window around the column.
enum ErrorCaret {
    static func render(sql: String, line: Int, column: Int) -> String {
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        let scalars = Array(lines[line - 1].unicodeScalars)
        let index = min(max(column - 1, 0), scalars.count)
        let before = 60, after = 40
        let start = max(0, index - before)
        let end = min(scalars.count, index + after)
        var shown = start > 0 ? "…" : ""
        var pad = start > 0 ? " " : ""
        for (i, s) in scalars[start..<end].enumerated() {
            let visible: Unicode.Scalar = s == "\t" || s == "\r" ? " " : s
            shown.unicodeScalars.append(visible)
            if start + i < index { pad += String(repeating: " ", count: DisplayWidth.of(visible)) }
        }
        if end < scalars.count { shown += "…" }
        return "  \(shown)\n  \(pad)^--- error here\n"
    }
}

/// `.timer on`: wall-clock, user and system time of each statement.
struct RunTimer {
    private let wall: Double
    private let user: Double
    private let system: Double

    init() { (wall, user, system) = Self.now() }

    func report() -> String {
        let (w, u, s) = Self.now()
        func f(_ x: Double, _ digits: Int) -> String {
            let scale = digits == 3 ? 1000 : 1_000_000
            let n = Int((max(x, 0) * Double(scale)).rounded())
            let fraction = String(n % scale)
            return "\(n / scale)." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return "Run Time: real \(f(w - wall, 3)) user \(f(u - user, 6)) sys \(f(s - system, 6))\n"
    }

    private static func now() -> (Double, Double, Double) {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9, seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
