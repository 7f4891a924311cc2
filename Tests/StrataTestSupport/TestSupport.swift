// What the test targets share: a seeded generator, so a failing run replays, and a way to run
// code on a thread with a small stack. A library target used only by tests.

import Foundation

/// A deterministic generator (SplitMix64): the same seed gives the same sequence, so a printed
/// seed replays a run.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body` on a new thread with `stackSize` bytes of stack, waits for it and returns its result.
public func onSmallStack<T: Sendable>(stackSize: Int = 512 * 1024, _ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
    return box.value!
}

/// Carries a result out of `onSmallStack`'s thread; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
