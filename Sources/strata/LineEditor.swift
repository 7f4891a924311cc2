// LineEditor: GNU readline for the interactive shell, through its callback interface so that a
// Ctrl-C at the prompt (reported by InterruptWatcher through a pipe) can abandon the line being
// typed: the loop waits on the terminal and that pipe together.
//
// History: one entry per statement or dot-command, appended to the history file as it is entered
// (so a crash loses nothing) and the file trimmed to `historyLimit` entries at start.

import CReadline

#if canImport(Glibc)
import Glibc
#endif

/// What readline's C callbacks hand back to Swift. Readline runs them on the thread that calls
/// rl_callback_read_char, the shell's only input thread, so nothing here is shared across threads.
private enum ReadlineState {
    nonisolated(unsafe) static var line: [UInt8]?
    nonisolated(unsafe) static var finished = false
    nonisolated(unsafe) static var completer: Completer?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0
    nonisolated(unsafe) static let sqlWordBreaks = strdup(" \t\n\"'`@$><=;|&{}(),+-*/%")
    nonisolated(unsafe) static let pathWordBreaks = strdup(" \t\n")
}

final class LineEditor {
    enum Input {
        case line([UInt8])
        case endOfInput
        case interrupted
    }

    static let historyLimit = 1000
    let historyPath: String?
    private let cancelFD: Int32
    /// Entries appended to the history file since it was last trimmed.
    private var appended = 0
    /// The terminal's width when a key was last read (0: not known yet).
    private var lastWidth: UInt16 = 0

    init(historyPath: String?, cancelFD: Int32, completer: Completer) {
        self.historyPath = historyPath
        self.cancelFD = cancelFD
        ReadlineState.completer = completer
        // Word breaks for SQL: "." is not one, so "t.col" completes as a column of t.
        strata_readline_setup(strdup("strata"), ReadlineState.sqlWordBreaks) { text, start, _ in
            LineEditor.complete(text: text, start: start)
        }
        // After .read, .open and .import a word is a path: it breaks at spaces only.
        strata_readline_word_break_hook {
            let line = strata_readline_line_buffer().map { String(cString: $0) } ?? ""
            let command = line.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
            return [".read", ".open", ".import"].contains(String(command))
                ? ReadlineState.pathWordBreaks : ReadlineState.sqlWordBreaks
        }
        using_history()
        strata_history_multiline()
        stifle_history(Int32(Self.historyLimit))
        if let historyPath {
            _ = history_truncate_file(historyPath, Int32(Self.historyLimit))
            _ = read_history(historyPath)
        }
    }

    /// Adds an entry to the history, and appends it to the history file.
    func remember(_ entry: String) {
        let trimmed = entry.trimmingTrailingNewlines()
        guard !trimmed.isEmpty else { return }
        if let last = strata_history_last(), String(cString: last) == trimmed {
            return
        }
        add_history(trimmed)
        guard let historyPath else { return }
        if access(historyPath, F_OK) != 0 {
            let fd = open(historyPath, O_CREAT | O_WRONLY, 0o600)
            if fd >= 0 { close(fd) }
        }
        _ = append_history(1, historyPath)
        appended += 1
        // Keep the file within its bound while the shell runs, not only at start and exit.
        if appended % 100 == 0 { _ = history_truncate_file(historyPath, Int32(Self.historyLimit)) }
    }

    /// Trims the history file to `historyLimit` entries (it grows by one line per entry while the
    /// shell runs, and is trimmed at start and at exit).
    func finish() {
        if let historyPath { _ = history_truncate_file(historyPath, Int32(Self.historyLimit)) }
    }

    /// One line from the terminal, after showing `prompt`.
    func read(prompt: String) -> Input {
        ReadlineState.line = nil
        ReadlineState.finished = false
        rl_callback_handler_install(prompt) { line in
            if let line {
                ReadlineState.line = Array(UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line)))
                free(line)
            } else {
                ReadlineState.line = nil
            }
            ReadlineState.finished = true
            // Stop reading until the shell asks for the next line.
            rl_callback_handler_remove()
        }
        defer { if !ReadlineState.finished { rl_callback_handler_remove() } }
        while !ReadlineState.finished {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: cancelFD, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, -1)
            if n < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                InterruptWatcher.drain(cancelFD)
                // Abandon the line being typed, as a shell does on Ctrl-C.
                rl_replace_line("", 0)
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                ReadlineState.finished = true
                _ = write(1, "^C\n", 3)
                return .interrupted
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                // Readline cannot see SIGWINCH in this loop: a resized terminal is noticed here.
                var size = winsize()
                if ioctl(0, UInt(TIOCGWINSZ), &size) == 0, size.ws_col != lastWidth {
                    if lastWidth != 0 { rl_resize_terminal() }
                    lastWidth = size.ws_col
                }
                rl_callback_read_char()
            }
        }
        guard let line = ReadlineState.line else {
            _ = write(1, "\n", 1)
            return .endOfInput
        }
        return .line(line)
    }

    /// Readline's completion hook: dot-commands at the start of a line, file names after
    /// `.read`, `.open` and `.import` (readline's own completion), SQL words otherwise.
    private static func complete(text: UnsafePointer<CChar>?, start: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let word = text.map { String(cString: $0) } ?? ""
        let lineBytes = strata_readline_line_buffer().map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: Int(start))) } ?? []
        let before = String(decoding: lineBytes, as: UTF8.self)
        guard let completer = ReadlineState.completer else { return nil }
        switch completer.context(before: before, word: word) {
        case .fileName:
            strata_readline_completion_over(0)
            return nil
        case .words(let candidates):
            strata_readline_completion_over(1)
            ReadlineState.matches = candidates(word)
            ReadlineState.matchIndex = 0
            if ReadlineState.matches.isEmpty { return nil }
            return rl_completion_matches(word) { _, state in
                if state == 0 { ReadlineState.matchIndex = 0 }
                guard ReadlineState.matchIndex < ReadlineState.matches.count else { return nil }
                defer { ReadlineState.matchIndex += 1 }
                return strdup(ReadlineState.matches[ReadlineState.matchIndex])
            }
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == " " { s = s.dropLast() }
        return String(s)
    }
}
