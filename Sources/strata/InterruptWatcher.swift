// InterruptWatcher: Ctrl-C in the interactive shell. The SIGINT handler only writes a byte to a
// pipe (write is async-signal-safe); a watcher thread reads it and either interrupts the running
// statement (Interrupter, safe from any thread) or, at the prompt, tells the line editor to
// abandon the line being typed, through a second pipe. The shell itself never dies of Ctrl-C.

import Strata
import Synchronization  // Atomic, Mutex (the shell is not run under ThreadSanitizer, whose Linux build cannot see Mutex's futex waits)

#if canImport(Glibc)
import Glibc
#endif

/// The write end of the signal pipe; set once before the handler is installed.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1

final class InterruptWatcher: Sendable {
    /// The running statement's interrupter; nil at the prompt.
    private let running = Mutex<Interrupter?>(nil)
    /// Set by a Ctrl-C while a statement runs (or its rows are printed); cleared when the next starts.
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
    /// Read end of the pipe that tells the prompt a Ctrl-C came.
    let promptCancelFD: Int32
    private let promptCancelWrite: Int32
    private let signalRead: Int32

    private init(signalRead: Int32, promptRead: Int32, promptWrite: Int32) {
        self.signalRead = signalRead
        promptCancelFD = promptRead
        promptCancelWrite = promptWrite
    }

    /// Installs the SIGINT handler and starts the watcher thread.
    static func start() -> InterruptWatcher? {
        var signalFDs: [Int32] = [0, 0]
        var promptFDs: [Int32] = [0, 0]
        guard pipe(&signalFDs) == 0, pipe(&promptFDs) == 0 else { return nil }
        for fd in [signalFDs[1], promptFDs[0], promptFDs[1]] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        for fd in signalFDs + promptFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let watcher = InterruptWatcher(signalRead: signalFDs[0], promptRead: promptFDs[0], promptWrite: promptFDs[1])
        signalPipeWrite = signalFDs[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 3
            _ = write(signalPipeWrite, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)

        let box = Unmanaged.passRetained(watcher)
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            let watcher = Unmanaged<InterruptWatcher>.fromOpaque(context!).takeRetainedValue()
            watcher.watch()
            return nil
        }, box.toOpaque())
        if created != 0 {
            box.release()
            return nil
        }
        pthread_detach(thread)
        return watcher
    }

    private func watch() {
        var byte: UInt8 = 0
        while true {
            let n = read(signalRead, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            let interrupted = running.withLock { interrupter -> Bool in
                guard let interrupter else { return false }
                interrupter.interrupt()
                cancelled.store(true, ordering: .relaxed)
                return true
            }
            if !interrupted {
                var b: UInt8 = 3
                _ = write(promptCancelWrite, &b, 1)
            }
        }
    }

    func statementStarts(_ connection: Connection) {
        let interrupter = connection.interrupter
        cancelled.store(false, ordering: .relaxed)
        running.withLock { $0 = interrupter }
    }

    func statementEnds() {
        running.withLock { $0 = nil }
        // A Ctrl-C that came as the statement ended must not cancel the next line.
        Self.drain(promptCancelFD)
    }

    static func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fd, &buffer, buffer.count) > 0 {}
    }
}
