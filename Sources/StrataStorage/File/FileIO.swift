// FileIO: every system call Strata makes on its files goes through `StorageFile`, the one seam
// where tests inject faults (a failed write or sync, a torn write) and where errors get the
// file's name.
//
// CONCURRENCY  pread/pwrite are positional, so any thread may read while another writes other
// offsets; `fault` is guarded by its own lock.

import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a test wants a file to do wrong. Counts are of calls on this file, starting at 1.
package struct FaultPlan: Sendable {
    /// Fail the Nth write with EIO; a torn write writes only the first `tornBytes` bytes, then fails.
    package var failWrite: Int?
    package var tornBytes: Int = 0
    /// Fail the Nth sync with EIO.
    package var failSync: Int?
    package init(failWrite: Int? = nil, tornBytes: Int = 0, failSync: Int? = nil) {
        self.failWrite = failWrite
        self.tornBytes = tornBytes
        self.failSync = failSync
    }
}

package final class StorageFile: Sendable {
    package let path: String
    let fd: Int32
    private struct Counters { var writes = 0; var syncs = 0; var plan: FaultPlan? }
    private let counters = Locked(Counters())

    /// Opens (creating if asked) `path` for reading and writing.
    package init(path: String, create: Bool) throws(StrataError) {
        self.path = path
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let fd = open(path, flags, 0o644)
        if fd < 0 {
            let e = errno
            if e == ENOENT { throw StrataError(.ioError, "cannot open \(path): no such file") }
            throw .io("open", file: path, errno: e)
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Takes an exclusive OS lock on the file, or fails with "database is locked by another process".
    package func lockExclusive() throws(StrataError) {
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            if e == EWOULDBLOCK {
                throw StrataError(.objectInUse, "database is locked by another process: \(path)")
            }
            throw .io("lock", file: path, errno: e)
        }
    }

    package func unlock() { _ = flock(fd, LOCK_UN) }

    package func injectFaults(_ plan: FaultPlan?) {
        counters.withLock { $0 = Counters(plan: plan) }
    }

    package func size() throws(StrataError) -> Int {
        var st = stat()
        if fstat(fd, &st) != 0 { throw .io("stat", file: path, errno: errno) }
        return Int(st.st_size)
    }

    /// Reads up to `count` bytes at `offset`; returns how many were read (short only at end of file).
    package func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(StrataError) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("read", file: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    package func write(_ buffer: UnsafeRawPointer, count: Int, at offset: Int) throws(StrataError) {
        var limit = count
        var fail = false
        counters.withLock { c in
            c.writes += 1
            if let n = c.plan?.failWrite, n == c.writes {
                fail = true
                limit = min(count, c.plan?.tornBytes ?? 0)
            }
        }
        var done = 0
        while done < limit {
            let n = pwrite(fd, buffer + done, limit - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("write", file: path, errno: errno)
            }
            done += n
        }
        if fail { throw .io("write", file: path, errno: EIO) }
    }

    /// Makes every completed write durable (fdatasync: data and the size, not the timestamps).
    package func sync() throws(StrataError) {
        let fail = counters.withLock { c -> Bool in
            c.syncs += 1
            if let n = c.plan?.failSync, n == c.syncs { return true }
            return false
        }
        if fail { throw .io("sync", file: path, errno: EIO) }
        while fdatasync(fd) != 0 {
            if errno == EINTR { continue }
            throw .io("sync", file: path, errno: errno)
        }
    }

    package func truncate(to size: Int) throws(StrataError) {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno == EINTR { continue }
            throw .io("truncate", file: path, errno: errno)
        }
    }

    /// Writes all of `bytes` at `offset`.
    package func write(_ bytes: [UInt8], at offset: Int) throws(StrataError) {
        var failure: StrataError?
        bytes.withUnsafeBytes { b in
            do throws(StrataError) { try write(b.baseAddress!, count: b.count, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Fills `bytes` from `offset`; returns how many bytes were read (short only at end of file).
    package func read(into bytes: inout [UInt8], at offset: Int) throws(StrataError) -> Int {
        var failure: StrataError?
        let n = bytes.withUnsafeMutableBytes { b -> Int in
            do throws(StrataError) { return try read(into: b.baseAddress!, count: b.count, at: offset) } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return n
    }

    /// Creates `path` as a new, empty file, failing with 58P02 `duplicateFile` if anything exists
    /// there already (O_EXCL: the check and the creation are one step, so a file another process
    /// creates meanwhile is never taken over).
    package static func createNew(_ path: String) throws(StrataError) {
        let fd = open(path, O_RDWR | O_CLOEXEC | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            let e = errno
            if e == EEXIST { throw StrataError(.duplicateFile, "\(path) already exists") }
            throw .io("create", file: path, errno: e)
        }
        close(fd)
    }

    /// Syncs the directory holding `path`, so that a file created or removed there stays so after
    /// a power loss (fsync of the file itself does not cover its directory entry).
    package static func syncDirectory(of path: String) throws(StrataError) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let fd = open(directory, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        if fd < 0 { throw .io("open", file: directory, errno: errno) }
        defer { close(fd) }
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw .io("sync", file: directory, errno: errno)
        }
    }

    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
    package static func remove(_ path: String) { unlink(path) }
}
