// Support: clocks, temporary directories, threads, memory and machine facts for the benchmark.

import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: time

/// Seconds that `body` takes, by the monotonic clock.
@inline(__always)
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return (ContinuousClock.now - start).seconds
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

func median(_ xs: [Double]) -> Double {
    precondition(!xs.isEmpty, "median of nothing")
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// MARK: files

/// A fresh directory under `parent`, removed (with the files in it) by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(under parent: String, label: String) throws(BenchError) {
        var template = Array("\(parent)/strata-storage-bench-\(label).XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchError("cannot create a temporary directory in \(parent): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// Deletes the files in the directory (the engines create no subdirectories), then the directory.
    func remove() {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(path)
    }

    /// Total bytes of the files in the directory.
    var byteCount: Int {
        var total = 0
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                var st = stat()
                if name != "." && name != "..", stat(path + "/" + name, &st) == 0 { total += Int(st.st_size) }
            }
            closedir(dir)
        }
        return total
    }
}

// MARK: threads

/// Runs `body(0..<count)` on `count` new OS threads and waits for all of them. (Dispatch's
/// concurrentPerform would cap the width at the core count, and the point is 8 committers on 2 cores.)
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Start {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
    var threads: [pthread_t] = []
    for i in 0..<count {
        let start = Unmanaged.passRetained(Start { body(i) }).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { arg in
            Unmanaged<Start>.fromOpaque(arg!).takeRetainedValue().body()
            return nil
        }, start)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        threads.append(thread)
    }
    for t in threads { pthread_join(t, nil) }
}

/// The first error any thread reported.
final class FirstError: Sendable {
    private let error = Mutex<String?>(nil)
    func record(_ message: String) { error.withLock { if $0 == nil { $0 = message } } }
    func check() throws(BenchError) {
        if let message = error.withLock({ $0 }) { throw BenchError(message) }
    }
}

// MARK: memory and machine

/// Peak resident set size of this process, in bytes.
func peakRSSBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024
}

func firstLine(ofFile path: String, where match: (String) -> Bool = { _ in true }) -> String? {
    guard let f = fopen(path, "r") else { return nil }
    defer { fclose(f) }
    var buffer = [CChar](repeating: 0, count: 4096)
    while fgets(&buffer, Int32(buffer.count), f) != nil {
        let line = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if match(line) { return line.hasSuffix("\n") ? String(line.dropLast()) : line }
    }
    return nil
}

/// "CPU model, N cores" from /proc/cpuinfo.
func machineDescription() -> String {
    let model = firstLine(ofFile: "/proc/cpuinfo") { $0.hasPrefix("model name") }
        .flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { String($0.drop { $0 == " " }) } ?? "unknown CPU"
    return "\(model), \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores"
}

/// The short commit hash of the working tree (with "+dirty" when it has changes), or "unknown".
func sourceCommit() -> String {
    func run(_ command: String) -> String? {
        guard let p = popen(command, "r") else { return nil }
        defer { pclose(p) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), p) != nil else { return nil }
        let s = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }
    guard let hash = run("git rev-parse --short HEAD 2>/dev/null") else { return "unknown" }
    let dirty = run("git status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null") != nil
    return dirty ? hash + "+dirty" : hash
}

// MARK: output and formatting (no Foundation)

/// Writes `text` to a file descriptor (1 standard output, 2 standard error) unbuffered.
func emit(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { b in
        var done = 0
        while done < b.count {
            let n = write(fd, b.baseAddress! + done, b.count - done)
            if n <= 0 { if errno == EINTR { continue }; return }
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
    let whole = Int(r / scale)
    let fraction = Int(r - Double(whole) * scale)
    var f = String(fraction)
    while f.count < digits { f = "0" + f }
    return (x < 0 && r != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
}

/// A number with about `significant` significant digits (at least 0 decimals).
func short(_ x: Double, significant: Int = 3) -> String {
    var digits = significant - 1
    var m = abs(x)
    while m >= 10 && digits > 0 {
        m /= 10
        digits -= 1
    }
    return fixed(x, m < 1 && x != 0 ? significant + Int(-log10(abs(x))) : digits)
}

func pad(_ s: String, _ width: Int, right: Bool = true) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return right ? fill + s : s + fill
}

func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) + " MiB" }
