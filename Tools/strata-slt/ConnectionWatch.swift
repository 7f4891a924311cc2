// ConnectionWatch: what the runner knows about the statement running on one connection, for the
// multi-connection records of CONTRACT.md §3: whether it has started to wait for a lock or the
// serial gate (the engine says so through its wait hook, never a timer), and, for an async
// statement, how it ended.
//
// STATES  idle -> plain (beginPlain ... endPlain) -> idle
//         idle -> async (beginAsync) -> finished (finishAsync, on the statement's thread)
//              -> idle (takeResult, on the runner's thread)
// SAFETY LIMIT  A plain statement runs on the runner's thread, so nothing of the file can release
//   a lock it waits for except an async statement finishing; `waitLimit` after it starts to wait,
//   the watch interrupts it (again every `repeatInterval` while it still runs), so a wrong file
//   fails instead of hanging. Async statements get the limit from the runner, which waits for
//   them with a deadline.
// CONCURRENCY  Three threads share a watch: the runner's, the statement's (the engine calls
//   `noteWait` there; an async statement runs there wholly) and a timer's. All state is in `state`;
//   `events` is signalled after each change that the runner may be waiting for, and only the
//   runner waits on it. The interrupt is raised under the lock, so it never reaches a statement
//   that started after the one it was meant for.

import Foundation

/// How an async statement or query ended.
enum AsyncResult: Sendable {
    case statement(SLTError?)
    case query(Result<SLTRows, SLTError>)
}

final class ConnectionWatch: Sendable {
    private struct State {
        /// Counts the statements started here, so a timer acts only on the statement that armed it.
        var statement: UInt64 = 0
        var isRunning = false
        var isAsync = false
        /// The running (or last) statement has started to wait at least once.
        var hasWaited = false
        /// The safety limit interrupted the running plain statement.
        var wasStopped = false
        /// The async statement's result, from its end until the runner takes it.
        var result: AsyncResult?
    }

    private let state = Guarded(State())
    private let events = DispatchSemaphore(value: 0)
    private let interrupt: @Sendable () -> Void
    let waitLimit: Duration
    /// How often a plain statement past its limit is interrupted again: the engine clears the
    /// request when a statement starts, so one SQL text of several statements could miss it.
    static let repeatInterval = Duration.milliseconds(100)

    init(interrupt: @escaping @Sendable () -> Void, waitLimit: Duration) {
        self.interrupt = interrupt
        self.waitLimit = waitLimit
    }

    /// The engine's wait hook: runs on the statement's thread, each time it starts to wait.
    func noteWait() {
        let armFor: UInt64? = state.withLock { s in
            guard s.isRunning else { return nil }
            let first = !s.hasWaited
            s.hasWaited = true
            return first && !s.isAsync ? s.statement : nil
        }
        events.signal()
        if let statement = armFor { stopPlain(statement, after: waitLimit) }
    }

    // MARK: Plain statements (on the runner's thread)

    func beginPlain() {
        state.withLock { s in
            s.statement &+= 1
            s.isRunning = true
            s.isAsync = false
            s.hasWaited = false
            s.wasStopped = false
        }
    }

    /// Ends a plain statement; true if the safety limit interrupted it.
    func endPlain() -> Bool {
        state.withLock { s in
            s.isRunning = false
            return s.wasStopped
        }
    }

    private func stopPlain(_ statement: UInt64, after delay: Duration) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay.dispatchInterval) { [self] in
            let running = state.withLock { s in
                guard s.isRunning, s.statement == statement else { return false }
                s.wasStopped = true
                interrupt()
                return true
            }
            if running { stopPlain(statement, after: Self.repeatInterval) }
        }
    }

    // MARK: Async statements

    /// Before the async statement's thread starts.
    func beginAsync() {
        state.withLock { s in
            s.statement &+= 1
            s.isRunning = true
            s.isAsync = true
            s.hasWaited = false
            s.wasStopped = false
            s.result = nil
        }
    }

    /// On the async statement's thread, after its last use of the session.
    func finishAsync(_ result: AsyncResult) {
        state.withLock { s in
            s.isRunning = false
            s.result = result
        }
        events.signal()
    }

    enum Start: Equatable {
        /// The statement waits for a lock or the serial gate (it may have finished since).
        case waiting
        /// The statement finished without having waited.
        case finishedWithoutWaiting
        /// Neither happened before the deadline.
        case timedOut
    }

    /// Blocks the runner until the async statement starts to wait or finishes, or until `deadline`.
    func awaitStart(deadline: DispatchTime) -> Start {
        let start: Start? = awaitEvent(deadline: deadline) { s in
            if s.hasWaited { return .waiting }
            return s.result == nil ? nil : .finishedWithoutWaiting
        }
        return start ?? .timedOut
    }

    /// Blocks the runner until the async statement has finished, or until `deadline` (nil then).
    /// The caller owns the session again once this returns a result.
    func awaitFinish(deadline: DispatchTime) -> AsyncResult? {
        awaitEvent(deadline: deadline) { s in
            guard let result = s.result else { return nil }
            s.result = nil
            return result
        }
    }

    /// The async statement has finished and its result is not taken yet.
    var hasFinished: Bool { state.withLock { $0.result != nil } }

    /// Interrupts the running async statement (it then fails, if it still runs).
    func stopAsync() {
        state.withLock { s in
            if s.isRunning && s.isAsync { interrupt() }
        }
    }

    private func awaitEvent<T>(deadline: DispatchTime, _ check: (inout State) -> T?) -> T? {
        while true {
            if let value = state.withLock({ check(&$0) }) { return value }
            if events.wait(timeout: deadline) == .timedOut { return state.withLock { check(&$0) } }
        }
    }
}

/// Carries a connection's session to the thread of its async statement and back.
///
/// CONCURRENCY  One owner at a time: the runner until it starts the thread, the thread until it
/// publishes its result (`ConnectionWatch.finishAsync`, under the watch's lock), and the runner
/// again once it has taken that result under the same lock. Thread start and that lock order the
/// hand-overs, so the session (not Sendable: a Strata `Connection`) is never used by two threads
/// at once; that discipline is what `@unchecked Sendable` stands for here.
final class SessionCarrier<Session: SLTSession>: @unchecked Sendable {
    let session: Session
    init(_ session: Session) { self.session = session }
}

extension Duration {
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}

/// Runs `body` on a new thread with the stack Suite gives its workers (the engine may recurse
/// deeply on nested input).
func startThread(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.stackSize = 64 << 20
    thread.start()
}
