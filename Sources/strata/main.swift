// strata: the command-line shell. This first version is script mode (CONTRACT.md §5):
//
//   strata [-bail] [DATABASE] [SQL]
//
// With SQL, runs it and exits; otherwise reads statements from standard input. Results print in
// `list` mode (values separated by "|", NULL as an empty string, as sqlite3 does). Any failed
// statement makes the exit status 1; -bail stops at the first. No DATABASE: an in-memory database.
// The interactive shell (readline, output modes, dot-commands) is issue 4.

import Strata

#if canImport(Glibc)
import Glibc
#endif

/// Standard output, buffered: rows are appended as bytes and written in large pieces.
struct Output {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func line(_ row: [Value]) {
        for (i, v) in row.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: "|")) }
            if !v.isNull { buffer.append(contentsOf: v.textValue.utf8) }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var written = 0
        while written < buffer.count {
            let n = buffer[written...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

var output = Output()

@MainActor
func printError(_ message: String) {
    output.flush()
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

var bail = false
var positional: [String] = []
/// Where each positional argument is in argv.
var positionalIndexes: [Int] = []
for (argIndex, arg) in CommandLine.arguments.enumerated().dropFirst() {
    switch arg {
    case "-bail", "--bail": bail = true
    case "--help", "-help", "-h":
        print("""
        usage: strata [-bail] [DATABASE] [SQL]
          DATABASE  a database file (created if missing); none: an in-memory database
          SQL       statements to run; without it, statements are read from standard input
          -bail     stop at the first error
        """)
        exit(0)
    case "--version", "-version":
        print("strata 0.1.0")
        exit(0)
    default:
        if arg.hasPrefix("-") && arg.count > 1 {
            printError("strata: unknown option \(arg) (try --help)")
            exit(2)
        }
        positional.append(arg)
        positionalIndexes.append(argIndex)
    }
}
guard positional.count <= 2 else {
    printError("strata: too many arguments (try --help)")
    exit(2)
}


/// The offset of the first byte of `bytes` that is not part of valid UTF-8, if any.
func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
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

/// SQL text from raw bytes. Invalid UTF-8 is refused with its line and column (counted as the
/// parser counts them), rather than replaced, which would change the user's data silently.
@MainActor
func sqlText(_ bytes: [UInt8], source: String) -> String {
    guard let bad = firstInvalidUTF8(bytes) else { return String(decoding: bytes, as: UTF8.self) }
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
    printError("Error: near line \(line), column \(column): \(source) is not valid UTF-8 (byte 0x\(byte)); nothing was run")
    exit(1)
}

var script: String
if positional.count == 2 {
    // The raw argument: CommandLine.arguments would have replaced invalid UTF-8 already.
    let raw = CommandLine.unsafeArgv[positionalIndexes[1]].map { UnsafeRawPointer($0) }
    let bytes = raw.map { Array(UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: strlen($0.assumingMemoryBound(to: CChar.self)))) }
    script = sqlText(bytes ?? Array(positional[1].utf8), source: "the SQL argument")
} else {
    var input: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(0, &buffer, buffer.count)
        if n <= 0 { break }
        input.append(contentsOf: buffer[0..<n])
    }
    script = sqlText(input, source: "the input")
}

let database: Database
do {
    database = try Database(path: positional.first)
} catch {
    printError("Error: \((error as? StrataError)?.message ?? "\(error)")")
    exit(1)
}
let connection = database.connection()

var failed = false
do {
    try connection.executeScript(script, stopOnError: bail) { result in
        for row in result.rows { output.line(row) }
    } onError: { error in
        failed = true
        var text = "Error: "
        if let location = error.location { text += "near line \(location.line), column \(location.column): " }
        printError(text + error.message)
    }
} catch {
    failed = true
}
output.flush()
do { try database.close() } catch { printError("Error: \(error)") }
exit(failed ? 1 : 0)
