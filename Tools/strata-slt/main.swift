// strata-slt: the sqllogictest runner (CONTRACT.md §2 and §3). Options.swift has the command
// line, Suite.swift the run, ScriptParser/ScriptRunner one script, StrataBackend the public API.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` to a file descriptor in as many write(2) calls as it takes. Suite calls it
/// with whole lines, under its lock, so reports never interleave.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case .help:
    writeAll(Options.usage + "\n", to: 1)
    exit(0)
case .usageError(let message):
    writeAll("strata-slt: \(message)\n\(Options.usage)\n", to: 2)
    exit(2)
case .run(let options):
    StrataBackend.removeLeftovers()
    let inMemory = options.inMemory
    let status = Suite.run(
        options,
        makeDatabase: { () throws(SLTError) in try StrataBackend(inMemory: inMemory) },
        write: { writeAll($0, to: 1) })
    exit(status)
}
