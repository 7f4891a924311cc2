// ThreadStack: where the current thread's stack ends, so the Parser can refuse to nest deeper
// than the stack allows (Parser.swift, INVARIANTS (2)) whatever the thread's stack size.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import StrataCore

enum ThreadStack {
    /// Bytes kept free below the deepest parse level: room for the frames between two checks,
    /// building the error, and unwinding. Half the stack on threads with less than 256 KB.
    static let reserveByteCount = 128 * 1024

    /// The lowest address the current thread's stack may grow to while keeping
    /// `reserveByteCount` bytes free, or 0 if the platform does not say. Stacks grow down on
    /// every platform Strata runs on.
    ///
    /// Found once per thread and kept in a thread-specific slot: on Linux finding it reads the
    /// thread's attributes, which for the main thread means parsing /proc/self/maps.
    static func lowestUsableAddress() -> UInt {
        let key = StackLimitKey.shared.key
        if let cached = pthread_getspecific(key) { return UInt(bitPattern: cached) }
        let limit = computeLowestUsableAddress() ?? 1
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: limit))
        return limit
    }

    private static func computeLowestUsableAddress() -> UInt? {
        #if os(Linux)
        guard let getAttributes = GNUThreadAttributes.shared.function else { return nil }
        var attributes = pthread_attr_t()
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return UInt(bitPattern: address) + UInt(min(reserveByteCount, size / 2))
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = pthread_get_stacksize_np(pthread_self())
        return top - UInt(size) + UInt(min(reserveByteCount, size / 2))
        #else
        return nil
        #endif
    }
}

/// The thread-specific slot caching each thread's stack limit (created once, never deleted).
private struct StackLimitKey: @unchecked Sendable {
    let key: pthread_key_t

    static let shared = StackLimitKey()

    private init() {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        self.key = key
    }
}

#if os(Linux)
/// glibc's pthread_getattr_np, which the Glibc module does not import (it needs _GNU_SOURCE):
/// looked up once with dlsym.
private struct GNUThreadAttributes: @unchecked Sendable {
    typealias Function = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
    let function: Function?

    static let shared = GNUThreadAttributes()

    private init() {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "pthread_getattr_np") else {
            function = nil
            return
        }
        function = unsafeBitCast(symbol, to: Function.self)
    }
}
#endif

extension ThreadStack {
    static let exhaustedMessage = "statement nested too deeply for this thread's stack"

    /// Throws 54000 when the current frame is below `limit` (from `lowestUsableAddress()`):
    /// the binder, planner and evaluator call it as they recurse, so a statement nested deeper
    /// than the thread's stack allows gets an error, not a crash.
    @inline(__always)
    static func check(limit: UInt) throws(StrataError) {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if here < limit { throw StrataError(.programLimitExceeded, exhaustedMessage) }
    }

    /// Whether `error` says the stack ran out (and the same work may succeed on a bigger one).
    static func isExhaustion(_ error: StrataError) -> Bool {
        error.code == .programLimitExceeded && error.message == exhaustedMessage
    }

    /// `check(limit:)` against the current thread's limit.
    static func check() throws(StrataError) { try check(limit: lowestUsableAddress()) }
}

extension ThreadStack {
    /// Bytes of stack one level of nesting may take across parsing, binding, planning, walking
    /// and evaluating a statement: measured at about 3 KB in a debug build (binder and planner
    /// walkers), with room to spare.
    static let bytesPerLevel = 16 * 1024

    /// Bytes left on the current thread's stack above the usable limit; nil if unknown.
    static func remainingByteCount() -> Int? {
        let limit = lowestUsableAddress()
        if limit <= 1 { return nil }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here > limit ? Int(here - limit) : 0
    }

    /// Runs `body` on the current thread when `height` levels of nesting fit in what is left of
    /// its stack; otherwise on a new thread with a stack big enough, waiting for it. So a
    /// statement nested as deeply as the parser allows gets an answer on any caller's thread
    /// (an app's worker thread may have 512 KB), and shallow statements cost nothing extra.
    static func withStack<T>(forHeight height: Int, _ body: () throws(StrataError) -> T) throws(StrataError) -> T {
        if fitsOnThisThread(height: height) { return try body() }
        let needed = (height + 8) * bytesPerLevel
        var result: Result<T, StrataError>?
        let ran = withoutActuallyEscaping({ result = Result { () throws(StrataError) in try body() } }) { work in
            runOnNewThread(stackSize: max(8 << 20, 2 * needed + reserveByteCount), work)
        }
        guard ran, let result else { return try body() }
        return try result.get()
    }

    /// Whether `height` levels of nesting fit in what is left of the current thread's stack.
    static func fitsOnThisThread(height: Int) -> Bool {
        if let remaining = remainingByteCount() { return remaining >= (height + 8) * bytesPerLevel }
        return height < 64
    }

    /// Runs `work` on a new thread with `stackSize` bytes of stack and waits for it; false if the
    /// thread could not be created (then `work` has not run).
    private static func runOnNewThread(stackSize: Int, _ work: @escaping () -> Void) -> Bool {
        let box = Unmanaged.passRetained(WorkBox(work))
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let rc = pthread_create(&thread, &attributes, { raw in
            #if canImport(Darwin)
            let box = Unmanaged<WorkBox>.fromOpaque(raw).takeRetainedValue()
            #else
            let box = Unmanaged<WorkBox>.fromOpaque(raw!).takeRetainedValue()
            #endif
            box.work()
            return nil
        }, box.toOpaque())
        guard rc == 0 else {
            box.release()
            return false
        }
        #if canImport(Darwin)
        pthread_join(thread!, nil)
        #else
        pthread_join(thread, nil)
        #endif
        return true
    }
}

/// The closure handed to the new thread. The caller waits for the thread with pthread_join,
/// which orders everything the thread did before the caller goes on, so nothing is shared at
/// the same time.
private final class WorkBox: @unchecked Sendable {
    let work: () -> Void
    init(_ work: @escaping () -> Void) { self.work = work }
}
