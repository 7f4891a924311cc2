// ThreadStack: where the current thread's stack ends, so the Parser can refuse to nest deeper
// than the stack allows (Parser.swift, INVARIANTS (2)) whatever the thread's stack size.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
