// The interactive shell: a prompt, a continuation prompt until the statement is complete,
// history, completion (Completer), Ctrl-C to abandon a line or cancel a running statement,
// Ctrl-D on an empty line to quit.

import Strata

#if canImport(Glibc)
import Glibc
#endif

extension StrataShell {
    static let prompt = "strata> "
    static let continuationPrompt = "   ...> "

    func runInteractive() -> Int32 {
        out.write("Strata \(Self.version). Enter \".help\" for usage hints.\n")
        if path == nil {
            out.write("Connected to a transient in-memory database.\nUse \".open FILENAME\" to reopen on a persistent database.\n")
        }
        out.flush()
        let editor = LineEditor(historyPath: Self.historyPath(), cancelFD: interrupts?.promptCancelFD ?? -1,
                                completer: Completer(shell: self))
        var input = StatementInput()
        var lineNumber = 0
        loop: while exitStatus == nil {
            pendingStatementIsEmpty = input.isEmpty
            switch editor.read(prompt: input.isEmpty ? Self.prompt : Self.continuationPrompt) {
            case .endOfInput:
                break loop
            case .interrupted:
                input = StatementInput()
            case .line(let bytes):
                cancelled = false
                lineNumber = input.isEmpty ? 1 : lineNumber + 1
                guard let text = validText(bytes, source: "the line") else {
                    input = StatementInput()
                    continue
                }
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if input.isEmpty {
                        let trimmed = line.drop { $0 == " " || $0 == "\t" }
                        if trimmed.isEmpty { continue }
                        if trimmed.first == "." {
                            editor.remember(String(trimmed))
                            if !runDotCommand(String(trimmed), lineNumber: 1, fileName: nil) { failed = true }
                            if exitStatus != nil { break }
                            continue
                        }
                    }
                    input.append(line, lineNumber: lineNumber)
                    if input.isComplete, let chunk = input.take() {
                        editor.remember(chunk.text)
                        execute(chunk.text, firstLine: 1, fileName: nil)
                    }
                }
            }
        }
        // Ctrl-D inside a statement: what was typed still runs, and the parser says what is missing.
        if exitStatus == nil, let chunk = input.take(atEnd: true) {
            editor.remember(chunk.text)
            execute(chunk.text, firstLine: 1, fileName: nil)
        }
        editor.finish()
        return exitStatus ?? 0
    }

    /// `$STRATA_HISTORY` (empty: no history file), else `~/.strata_history`.
    static func historyPath() -> String? {
        if let p = getenv("STRATA_HISTORY") {
            let s = String(cString: p)
            return s.isEmpty ? nil : s
        }
        var home = getenv("HOME").map { String(cString: $0) }
        if home == nil || home!.isEmpty, let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir {
            home = String(cString: dir)
        }
        guard let home, !home.isEmpty else { return nil }
        return home + "/.strata_history"
    }
}

/// Tab completion: what the word under the cursor can become, from the line before it.
final class Completer {
    enum Context {
        case fileName
        case words((String) -> [String])
    }

    unowned let shell: StrataShell

    init(shell: StrataShell) { self.shell = shell }

    func context(before: String, word: String) -> Context {
        let leading = before.drop { $0 == " " || $0 == "\t" }
        if leading.isEmpty, word.hasPrefix("."), shell.pendingStatementIsEmpty {
            return .words { word in DotCommand.names.filter { $0.hasPrefix(word) } }
        }
        if leading.first == ".", shell.pendingStatementIsEmpty {
            let words = leading.split(separator: " ", omittingEmptySubsequences: true)
            let endsInSpace = leading.last == " " || leading.last == "\t"
            if words.isEmpty || (words.count == 1 && !endsInSpace) {
                return .words { word in DotCommand.names.filter { $0.hasPrefix(word) } }
            }
            let argument = words.count - (endsInSpace ? 1 : 2)   // 0: the first argument
            switch String(words[0]) {
            case ".read", ".open": return .fileName
            case ".import": return argument == 0 ? .fileName : .words(tableNames)
            case ".mode": return .words { w in OutputMode.allCases.map(\.rawValue).filter { $0.hasPrefix(w) } }
            case ".headers", ".timer", ".bail": return .words { w in ["on", "off"].filter { $0.hasPrefix(w) } }
            case ".explain": return .words { w in ["on", "off", "auto"].filter { $0.hasPrefix(w) } }
            case ".schema", ".tables", ".indexes", ".dump": return .words(tableNames)
            case ".isolation":
                return .words { w in ["read_committed", "repeatable_read", "snapshot", "serializable", "optimistic", "pessimistic", "serial"].filter { $0.hasPrefix(w.lowercased()) } }
            default: return .words { _ in [] }
            }
        }
        return .words(sqlWords)
    }

    private func tableNames(_ word: String) -> [String] {
        schema().objects.filter { $0.type == "table" || $0.type == "view" }.map(\.name)
            .filter { $0.lowercased().hasPrefix(word.lowercased()) }.sorted()
    }

    /// Keywords (in the case being typed), table, view and index names, and column names;
    /// after "name." the columns of that table or view.
    private func sqlWords(_ word: String) -> [String] {
        let schema = self.schema()
        if let dot = word.lastIndex(of: ".") {
            let table = word[..<dot].lowercased().trimmingCharacters(in: "\"`[]")
            let prefix = word[word.index(after: dot)...].lowercased()
            let columns = schema.columns.first { $0.key.lowercased() == table }?.value ?? []
            return columns.filter { $0.lowercased().hasPrefix(prefix) }.map { String(word[...dot]) + SQLText.identifier($0) }
        }
        let lower = word.lowercased()
        let typedLower = word.contains { $0.isLowercase }
        var out: [String] = []
        for k in SQLKeywords.all where k.lowercased().hasPrefix(lower) {
            out.append(typedLower ? k.lowercased() : k)
        }
        var names = Set<String>()
        for o in schema.objects where o.name.lowercased().hasPrefix(lower) { names.insert(o.name) }
        for cols in schema.columns.values { for c in cols where c.lowercased().hasPrefix(lower) { names.insert(c) } }
        // A name that must be quoted to be read back (a space, a keyword) is offered quoted.
        out += names.sorted().map { SQLText.identifier($0) }
        return out
    }

    struct Schema {
        var objects: [(type: String, name: String)] = []
        var columns: [String: [String]] = [:]
    }

    /// The names in the database now (read on each completion: it is small and may change).
    private func schema() -> Schema {
        var s = Schema()
        guard let rows = try? shell.connection.query("SELECT type, name FROM sqlite_schema").rows else { return s }
        for row in rows {
            let type = row[0].textValue, name = row[1].textValue
            if name.hasPrefix("sqlite_autoindex_") { continue }
            s.objects.append((type, name))
            if type == "table" || type == "view",
               let r = try? shell.connection.query("PRAGMA table_info(\(SQLText.literal(name)))") {
                s.columns[name] = r.rows.map { $0[1].textValue }
            }
        }
        return s
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Quoting for SQL text the shell writes (`.dump`, `.import`, completion queries).
enum SQLText {
    /// An identifier in double quotes, unless it is a plain word that is not a keyword.
    static func identifier(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || $0 == "_" || ("0"..."9").contains($0) }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        if plain && !keywordSet.contains(name.uppercased()) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    private static let keywordSet = Set(SQLKeywords.all)

    /// A string literal.
    static func literal(_ s: String) -> String {
        "'" + s.replacing("'", with: "''") + "'"
    }
}
