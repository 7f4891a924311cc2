// Support: memory, temporary directories, machine facts and text formatting (no Foundation).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

func median(_ xs: [Double]) -> Double {
    precondition(!xs.isEmpty, "median of nothing")
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// CPU time this process has used (all threads), in seconds.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

// MARK: memory

/// The process's resident memory over one workload on one engine. Linux resets the peak
/// (VmHWM) to the current size when "5" is written to /proc/self/clear_refs, so the peak is that
/// workload's own; where that fails, it is the peak of the whole run so far.
struct MemoryUse: Sendable {
    var startBytes: Int
    var peakBytes: Int
    /// How far the workload took the resident size above where it started.
    var growthBytes: Int { max(0, peakBytes - startBytes) }

    static func start() -> MemoryUse {
        if let f = fopen("/proc/self/clear_refs", "w") {
            fputs("5", f)
            fclose(f)
        }
        let now = statusField("VmRSS:") ?? 0
        return MemoryUse(startBytes: now, peakBytes: now)
    }

    func finish() -> MemoryUse {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let peak = Self.statusField("VmHWM:") ?? Int(usage.ru_maxrss) * 1024
        return MemoryUse(startBytes: startBytes, peakBytes: peak)
    }

    /// A "Name:   1234 kB" line of /proc/self/status, in bytes.
    private static func statusField(_ name: String) -> Int? {
        guard let line = firstLine(ofFile: "/proc/self/status", where: { $0.hasPrefix(name) }) else { return nil }
        return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
}

func firstLine(ofFile path: String, where match: (String) -> Bool) -> String? {
    guard let f = fopen(path, "r") else { return nil }
    defer { fclose(f) }
    var buffer = [CChar](repeating: 0, count: 4096)
    while fgets(&buffer, Int32(buffer.count), f) != nil {
        var line = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if line.hasSuffix("\n") { line.removeLast() }
        if match(line) { return line.replacing("\t", with: " ") }
    }
    return nil
}

// MARK: files

/// A fresh directory under `parent`, removed with the files in it by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(under parent: String) throws(BenchError) {
        var template = Array("\(parent)/strata-bench.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchError("cannot create a temporary directory in \(parent): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// Deletes the files in the directory (the engines make no subdirectories), then the directory.
    func remove() {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(dir)
        rmdir(path)
    }
}

// MARK: machine and source

/// "CPU model, N cores".
func machineDescription() -> String {
    let model = firstLine(ofFile: "/proc/cpuinfo") { $0.hasPrefix("model name") }
        .flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { String($0.drop { $0 == " " }) } ?? "unknown CPU"
    return "\(model), \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores"
}

/// The short commit of the working tree, "+dirty" when Sources/ has changes; "unknown" outside git.
func sourceCommit() -> String {
    func firstOutputLine(_ command: String) -> String? {
        guard let p = popen(command, "r") else { return nil }
        defer { pclose(p) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), p) != nil else { return nil }
        let s = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }
    guard let hash = firstOutputLine("git rev-parse --short HEAD 2>/dev/null") else { return "unknown" }
    let dirty = firstOutputLine("git status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null") != nil
    return dirty ? hash + "+dirty" : hash
}

// MARK: output

/// Writes `text` to a file descriptor (1 standard output, 2 standard error), unbuffered.
func emit(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { b in
        var done = 0
        while done < b.count {
            let n = write(fd, b.baseAddress! + done, b.count - done)
            if n <= 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }
}

/// `x` with `digits` decimals.
func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = r / scale
    let fraction = String(Int(r - whole.rounded(.down) * scale))
    return (x < 0 && r != 0 ? "-" : "") + String(Int(whole)) + (digits > 0 ? "." + String(repeating: "0", count: digits - fraction.count) + fraction : "")
}

/// About three significant digits: 12345 -> "12345", 12.3456 -> "12.3", 0.001234 -> "0.00123".
func short(_ x: Double) -> String {
    var digits = 2
    var m = abs(x)
    while m >= 10 && digits > 0 {
        m /= 10
        digits -= 1
    }
    while m < 1 && m > 0 && digits < 9 {
        m *= 10
        digits += 1
    }
    return fixed(x, digits)
}

func pad(_ s: String, _ width: Int, right: Bool = true) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return right ? fill + s : s + fill
}

func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) }
