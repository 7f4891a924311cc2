// PseudoTerminal: runs a program on a real pseudo-terminal (a tty, not a pipe), for the tests that
// drive the interactive shell as a person would: keys go in through the master side, and what
// the program draws comes back through it, ANSI escape sequences stripped before matching.
//
// The child is spawned with POSIX_SPAWN_SETSID and opens the slave as its standard input without
// O_NOCTTY, so the terminal becomes its controlling terminal and its process group the foreground
// one: a 0x03 byte makes the line discipline send it SIGINT, as a real Ctrl-C does.

import Foundation

#if canImport(Glibc)
import Glibc
#endif

final class PseudoTerminal {
    let pid: pid_t
    private var master: Int32
    /// What the child wrote, escape sequences and carriage returns removed.
    private var transcript: [UInt8] = []
    /// Raw bytes not yet stripped: an escape sequence cut at the end of a read.
    private var pending: [UInt8] = []
    /// How far `expect` has consumed `transcript`.
    private var consumed = 0
    private var exitStatus: Int32?
    /// The slave side is closed (the child and everything it started are gone).
    private var hungUp = false

    /// Starts `executable` with `arguments` on a new terminal of `columns` x `rows`, with exactly
    /// `environment` (nothing is inherited that is not in it), in `currentDirectory` if given.
    init(executable: String, arguments: [String] = [], environment: [String: String],
         currentDirectory: String? = nil, columns: UInt16 = 120, rows: UInt16 = 40) throws {
        let c = try GNUFunctions()
        let master = c.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw TestFailure("posix_openpt: \(String(cString: strerror(errno)))") }
        var ok = false
        defer { if !ok { Glibc.close(master) } }
        guard c.grantpt(master) == 0, c.unlockpt(master) == 0 else {
            throw TestFailure("grantpt/unlockpt: \(String(cString: strerror(errno)))")
        }
        var nameBuffer = [CChar](repeating: 0, count: 256)
        guard c.ptsname_r(master, &nameBuffer, nameBuffer.count) == 0 else {
            throw TestFailure("ptsname_r: \(String(cString: strerror(errno)))")
        }
        let slavePath = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else {
            throw TestFailure("TIOCSWINSZ: \(String(cString: strerror(errno)))")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // No O_NOCTTY: after setsid, opening the terminal makes it the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        if let currentDirectory { _ = c.addchdir(&actions, currentDirectory) }
        // Nothing else of the test process (other tests' pipes) leaks into the child.
        _ = c.addclosefrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session; no signal blocked or ignored because the test runner had it so.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH] {
            sigaddset(&defaults, s)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(GNUFunctions.POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw TestFailure("posix_spawn \(executable): \(String(cString: strerror(status)))") }
        self.pid = child
        self.master = master
        ok = true
    }

    deinit { close() }

    /// Kills the child if it is still running, reaps it, and closes the terminal. Safe to call twice.
    func close() {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            exitStatus = Self.decode(status)
        }
        if master >= 0 {
            Glibc.close(master)
            master = -1
        }
    }

    // MARK: Input

    /// Types `text` (UTF-8). "\r" is Enter, as a terminal sends it.
    func send(_ text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw TestFailure("writing to the terminal: \(String(cString: strerror(errno)))\n\(transcriptDump())")
            }
            offset += n
        }
    }

    // MARK: Output

    /// Reads until the output since the last `expect` (escape sequences and carriage returns
    /// removed) contains `substring`; returns that output up to the end of the match, which the
    /// next `expect` starts after. Fails with everything read so far when `timeout` passes.
    @discardableResult
    func expect(_ substring: String, timeout: Duration = .seconds(10)) throws -> String {
        try expect(anyOf: [substring], timeout: timeout).text
    }

    /// Like `expect(_:)`, for whichever of `substrings` appears first in the output.
    @discardableResult
    func expect(anyOf substrings: [String], timeout: Duration = .seconds(10)) throws -> (index: Int, text: String) {
        let needles = substrings.map { Array($0.utf8) }
        let deadline = ContinuousClock.now + timeout
        while true {
            var best: (index: Int, start: Int, end: Int)?
            for (i, needle) in needles.enumerated() {
                if let start = Self.find(needle, in: transcript, from: consumed), best == nil || start < best!.start {
                    best = (i, start, start + needle.count)
                }
            }
            if let best {
                let text = String(decoding: transcript[consumed..<best.end], as: UTF8.self)
                consumed = best.end
                return (best.index, text)
            }
            let now = ContinuousClock.now
            if now >= deadline || hungUp {
                let why = hungUp ? "the terminal was closed (the program ended)" : "timed out after \(timeout)"
                throw TestFailure("""
                    expected \(substrings.map { "\"\($0)\"" }.joined(separator: " or ")) in the terminal's output: \(why).
                    Output since the last match:
                    \(String(decoding: transcript[consumed...], as: UTF8.self))
                    --- whole output ---
                    \(transcriptDump())
                    """)
            }
            _ = readAvailable(waitingUpTo: deadline - now)
        }
    }

    /// Keeps reading for `duration` (a pause that still collects the output).
    func readOutput(for duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while case let now = ContinuousClock.now, now < deadline, !hungUp {
            readAvailable(waitingUpTo: deadline - now)
        }
    }

    /// Everything the program has written so far, stripped (a failure's context).
    var output: String { String(decoding: transcript, as: UTF8.self) }

    /// The output after the last `expect`'s match that has been read so far.
    var unmatchedOutput: String { String(decoding: transcript[consumed...], as: UTF8.self) }

    /// Waits for the child to exit, reading (and keeping) what it writes meanwhile; its exit
    /// status, or 128 + the signal that ended it.
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let code = Self.decode(status)
                exitStatus = code
                // What it wrote last is still in the terminal.
                while readAvailable(waitingUpTo: .zero) {}
                return code
            }
            if r < 0 && errno != EINTR {
                throw TestFailure("waitpid: \(String(cString: strerror(errno)))")
            }
            let now = ContinuousClock.now
            if now >= deadline {
                throw TestFailure("the program did not exit within \(timeout). Output:\n\(transcriptDump())")
            }
            if hungUp {
                usleep(10_000)  // nothing more to read: do not spin
            } else {
                readAvailable(waitingUpTo: min(.milliseconds(50), deadline - now))
            }
        }
    }

    /// Reads what is there, waiting at most `wait` for something. Returns whether bytes came.
    @discardableResult
    private func readAvailable(waitingUpTo wait: Duration) -> Bool {
        guard master >= 0, !hungUp else { return false }
        let (seconds, attoseconds) = max(wait, .zero).components
        let milliseconds = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        let n = poll(&fds, 1, milliseconds)
        if n <= 0 { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
            pending += buffer[0..<count]
            let (clean, rest) = Self.strip(pending)
            transcript += clean
            pending = rest
            return true
        }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return false }
        // EIO (Linux) or end of file: the slave side has no process left.
        hungUp = true
        return false
    }

    private func transcriptDump() -> String {
        output + (pending.isEmpty ? "" : "\n[unfinished escape sequence: \(pending)]")
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty else { return start }
        guard haystack.count - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    // MARK: Escape sequences

    /// `text` without ANSI escape sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ESC \`,
    /// two-byte `ESC x`, charset `ESC ( B`), carriage returns, backspaces and bells: readline's
    /// bracketed-paste switches, cursor movement and redraws leave the text a person would read.
    static func stripEscapes(_ text: String) -> String {
        let (clean, rest) = strip(Array(text.utf8))
        return String(decoding: clean + rest, as: UTF8.self)
    }

    /// The stripped bytes, and the tail that may be the start of an escape sequence still
    /// arriving.
    static func strip(_ bytes: [UInt8]) -> (clean: [UInt8], rest: [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b != 0x1B {
                if b != 0x0D && b != 0x08 && b != 0x07 { out.append(b) }
                i += 1
                continue
            }
            // ESC: find where the sequence ends, or keep it for the next read.
            guard i + 1 < n else { return (out, Array(bytes[i...])) }
            let kind = bytes[i + 1]
            var j = i + 2
            switch kind {
            case UInt8(ascii: "["):  // CSI: parameters and intermediates, then a final byte.
                while j < n, !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                guard j < n else { return (out, Array(bytes[i...])) }
                j += 1
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"):
                // OSC, DCS, APC, PM: up to BEL or ESC \.
                var end: Int?
                while j < n, end == nil {
                    if bytes[j] == 0x07 {
                        end = j + 1
                    } else if bytes[j] == 0x1B {
                        if j + 1 < n { end = j + 2 } else { break }
                    }
                    j += 1
                }
                guard let end else { return (out, Array(bytes[i...])) }
                j = end
            case 0x20...0x2F:  // ESC ( B and the like: intermediates, then a final byte.
                while j < n, (0x20...0x2F).contains(bytes[j]) { j += 1 }
                guard j < n else { return (out, Array(bytes[i...])) }
                j += 1
            default:  // ESC = , ESC > , ESC 7 ...
                break
            }
            i = j
        }
        return (out, [])
    }
}

/// The C library functions that Swift's Glibc module leaves out (they are declared only under
/// _XOPEN_SOURCE or _GNU_SOURCE, which it is not built with), looked up at run time.
private struct GNUFunctions {
    /// glibc's value (spawn.h, since 2.26).
    static let POSIX_SPAWN_SETSID: Int32 = 0x80

    typealias FileActions = UnsafeMutablePointer<posix_spawn_file_actions_t>
    let posix_openpt: @convention(c) (Int32) -> Int32
    let grantpt: @convention(c) (Int32) -> Int32
    let unlockpt: @convention(c) (Int32) -> Int32
    let ptsname_r: @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    let addchdir: @convention(c) (FileActions?, UnsafePointer<CChar>?) -> Int32
    let addclosefrom: @convention(c) (FileActions?, Int32) -> Int32

    init() throws {
        guard let library = dlopen(nil, RTLD_NOW) else { throw TestFailure("dlopen: the program's own symbols") }
        func find<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let symbol = dlsym(library, name) else { throw TestFailure("\(name) is not in the C library") }
            return unsafeBitCast(symbol, to: type)
        }
        posix_openpt = try find("posix_openpt", (@convention(c) (Int32) -> Int32).self)
        grantpt = try find("grantpt", (@convention(c) (Int32) -> Int32).self)
        unlockpt = try find("unlockpt", (@convention(c) (Int32) -> Int32).self)
        ptsname_r = try find("ptsname_r", (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)
        addchdir = try find("posix_spawn_file_actions_addchdir_np", (@convention(c) (FileActions?, UnsafePointer<CChar>?) -> Int32).self)
        addclosefrom = try find("posix_spawn_file_actions_addclosefrom_np", (@convention(c) (FileActions?, Int32) -> Int32).self)
    }
}
