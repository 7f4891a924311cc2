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

func printError(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

var bail = false
var positional: [String] = []
for arg in CommandLine.arguments.dropFirst() {
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
    }
}
guard positional.count <= 2 else {
    printError("strata: too many arguments (try --help)")
    exit(2)
}

let database: Database
do {
    database = try Database(path: positional.first)
} catch {
    printError("Error: \((error as? StrataError)?.message ?? "\(error)")")
    exit(1)
}
let connection = database.connection()

var script: String
if positional.count == 2 {
    script = positional[1]
} else {
    var input: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(0, &buffer, buffer.count)
        if n <= 0 { break }
        input.append(contentsOf: buffer[0..<n])
    }
    script = String(decoding: input, as: UTF8.self)
}

var failed = false
do {
    try connection.executeScript(script, stopOnError: bail) { result in
        for row in result.rows {
            print(row.map { $0.isNull ? "" : $0.textValue }.joined(separator: "|"))
        }
    } onError: { error in
        failed = true
        var text = "Error: "
        if let location = error.location { text += "near line \(location.line), column \(location.column): " }
        printError(text + error.message)
    }
} catch {
    failed = true
}
do { try database.close() } catch { printError("Error: \(error)") }
exit(failed ? 1 : 0)
