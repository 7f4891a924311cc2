// Dot-commands: lines starting with "." between statements (`.help` lists them).

import Strata

#if canImport(Glibc)
import Glibc
#endif

enum DotCommand {
    /// Name, arguments, and what it does: `.help` prints these.
    static let help: [(name: String, arguments: String, summary: String)] = [
        (".bail", "on|off", "Stop a script at the first error"),
        (".dump", "?TABLE?", "SQL text that recreates the database (or one table)"),
        (".exit", "?CODE?", "Leave the shell, with exit status CODE"),
        (".explain", "QUERY", "Show how QUERY would run (EXPLAIN QUERY PLAN)"),
        (".headers", "on|off", "Show or hide column names"),
        (".help", "?COMMAND?", "This list, or one command's line"),
        (".import", "?--skip N? FILE TABLE", "Load CSV rows from FILE into TABLE (created if missing, from FILE's header row)"),
        (".indexes", "?TABLE?", "Names of indexes (of TABLE)"),
        (".isolation", "?LEVEL? ?MODE?", "Show or set this connection's default isolation level and mode"),
        (".mode", "MODE", "Output mode: table, list, csv, json or line"),
        (".nullvalue", "TEXT", "Show NULL as TEXT"),
        (".open", "?FILE?", "Close this database and open FILE (none: a new in-memory database)"),
        (".quit", "", "Leave the shell"),
        (".read", "FILE", "Run the statements and dot-commands in FILE"),
        (".schema", "?PATTERN?", "CREATE statements (of objects whose table matches the LIKE PATTERN)"),
        (".show", "", "Current settings"),
        (".tables", "?PATTERN?", "Names of tables and views (matching the LIKE PATTERN)"),
        (".timer", "on|off", "Show how long each statement took"),
    ]

    static var names: [String] { help.map(\.name) }

    /// Splits a dot-command line into words: whitespace separates, and '...' or "..." quote a
    /// word (a doubled quote inside is one quote).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        var chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q {
                    if i + 1 < chars.count && chars[i + 1] == q {
                        current.append(q)
                        i += 1
                    } else {
                        quote = nil
                    }
                } else {
                    current.append(c)
                }
            } else if c == " " || c == "\t" || c == "\r" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else if (c == "'" || c == "\"") && !inWord {
                quote = c
                inWord = true
            } else {
                current.append(c)
                inWord = true
            }
            i += 1
        }
        if inWord { words.append(current) }
        chars.removeAll()
        return words
    }
}

extension StrataShell {
    /// Runs one dot-command line. Returns false if it failed (the message is already written).
    func runDotCommand(_ line: String, lineNumber: Int, fileName: String?) -> Bool {
        let words = DotCommand.words(line)
        guard let name = words.first else { return true }
        defer { out.flush() }
        // Ctrl-C stops a long command (.dump of a big table) and its output, as it stops a
        // statement; .read's statements take care of themselves.
        if let interrupts, name != ".read" {
            interrupts.statementStarts(connection)
            out.isCancelled = { interrupts.isCancelled }
        }
        defer {
            if let interrupts, name != ".read" {
                out.flush()
                let cut = out.dropping
                out.isCancelled = nil
                out.resume()
                interrupts.statementEnds()
                if cut { report("\nError: interrupted (the rest of the output was dropped)") }
            }
        }
        let args = Array(words.dropFirst())
        func fail(_ message: String) -> Bool {
            let place = fileName.map { "\($0): " } ?? ""
            let near = interactive && fileName == nil ? "" : "near line \(lineNumber): "
            report("Error: \(place)\(near)\(message)")
            return false
        }
        func onOff(_ setting: String) -> Bool? {
            guard args.count == 1 else { return nil }
            switch args[0].lowercased() {
            case "on", "yes", "true", "1": return true
            case "off", "no", "false", "0": return false
            default: return nil
            }
        }
        switch name {
        case ".bail":
            guard let v = onOff(name) else { return fail("usage: .bail on|off") }
            settings.bail = v
        case ".headers", ".header":
            guard let v = onOff(name) else { return fail("usage: .headers on|off") }
            settings.headers = v
        case ".timer":
            guard let v = onOff(name) else { return fail("usage: .timer on|off") }
            settings.timer = v
        case ".mode":
            guard args.count == 1 else {
                if args.isEmpty {
                    out.write("current output mode: \(settings.mode.rawValue)\n")
                    return true
                }
                return fail("usage: .mode table|list|csv|json|line")
            }
            guard let mode = OutputMode(rawValue: args[0].lowercased()) else {
                return fail("unknown mode \"\(args[0])\"; the modes are table, list, csv, json and line")
            }
            settings.mode = mode
        case ".nullvalue":
            guard args.count == 1 else { return fail("usage: .nullvalue TEXT") }
            settings.nullValue = args[0]
        case ".help":
            if let topic = args.first {
                let wanted = topic.hasPrefix(".") ? topic : "." + topic
                guard let entry = DotCommand.help.first(where: { $0.name == wanted }) else {
                    return fail("no such command: \(wanted)")
                }
                out.write("\(entry.name) \(entry.arguments)".trimmingTrailingNewlines() + "\n    \(entry.summary)\n")
            } else {
                let width = DotCommand.help.map { $0.name.count + 1 + $0.arguments.count }.max() ?? 0
                for e in DotCommand.help {
                    let head = e.arguments.isEmpty ? e.name : "\(e.name) \(e.arguments)"
                    out.write(head + String(repeating: " ", count: width - head.count + 2) + e.summary + "\n")
                }
                out.write("SQL statements end with \";\". Ctrl-C cancels a running statement or the line being typed; Ctrl-D on an empty line quits.\n")
            }
        case ".quit", ".q":
            exitStatus = failed && !interactive ? 1 : 0
        case ".exit":
            if let a = args.first {
                guard let code = Int32(a) else { return fail("usage: .exit ?CODE?") }
                exitStatus = code
            } else {
                exitStatus = failed && !interactive ? 1 : 0
            }
        case ".show":
            out.write("""
                   mode: \(settings.mode.rawValue)
                headers: \(settings.showsHeaders ? "on" : "off")
              nullvalue: "\(settings.nullText)"
                  timer: \(settings.timer ? "on" : "off")
                   bail: \(settings.bail ? "on" : "off")
               database: \(path ?? ":memory:")

            """)
        case ".open":
            guard args.count <= 1 else { return fail("usage: .open ?FILE?") }
            let newPath = args.first
            // Close first: the file may be the one open now (its lock is this process's own).
            do { try database.close() } catch { report("Error: closing \(path ?? ":memory:"): \(Self.describe(error))") }
            do {
                database = try Database(path: newPath)
            } catch {
                let message = Self.describe(error)
                // Back to the database that was open, so the shell keeps one.
                database = (try? Database(path: path)) ?? (try? Database(path: nil)) ?? database
                connection = database.connection()
                return fail(message)
            }
            connection = database.connection()
            path = newPath == ":memory:" ? nil : newPath
        case ".read":
            guard args.count == 1 else { return fail("usage: .read FILE") }
            return readFile(args[0], fail: fail)
        case ".tables":
            guard args.count <= 1 else { return fail("usage: .tables ?PATTERN?") }
            return listNames(types: "'table', 'view'", pattern: args.first, tableColumn: "name", fail: fail)
        case ".indexes", ".indices":
            guard args.count <= 1 else { return fail("usage: .indexes ?TABLE?") }
            return listNames(types: "'index'", pattern: args.first, tableColumn: "tbl_name", fail: fail)
        case ".schema":
            guard args.count <= 1 else { return fail("usage: .schema ?PATTERN?") }
            var sql = "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL"
            if let p = args.first { sql += " AND (name LIKE \(SQLText.literal(p)) OR tbl_name LIKE \(SQLText.literal(p)))" }
            do {
                for row in try connection.query(sql).rows { out.write(row[0].textValue + ";\n") }
            } catch {
                return fail(Self.describe(error))
            }
        case ".dump":
            guard args.count <= 1 else { return fail("usage: .dump ?TABLE?") }
            do {
                try dump(table: args.first)
            } catch {
                return fail(Self.describe(error))
            }
        case ".import":
            return importCommand(args, fail: fail)
        case ".explain":
            guard !args.isEmpty else { return fail("usage: .explain QUERY") }
            let query = line.drop { $0 == " " || $0 == "\t" }.dropFirst(".explain".count)
            return explain(String(query), fail: fail)
        case ".isolation":
            return isolation(args, fail: fail)
        default:
            return fail("unknown command \"\(name)\" (.help lists the commands)")
        }
        return true
    }

    private func readFile(_ file: String, fail: (String) -> Bool) -> Bool {
        guard readDepth < 25 else { return fail(".read nested more than 25 deep (does \(file) read itself?)") }
        guard let bytes = Self.readWholeFile(file) else {
            return fail("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        if Self.firstInvalidUTF8(bytes) != nil {
            _ = validText(bytes, source: file)
            return false
        }
        readDepth += 1
        defer { readDepth -= 1 }
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return runScript(String(decoding: text, as: UTF8.self), fileName: file)
    }

    static func readWholeFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            errno = EISDIR
            return nil
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }

    /// Names from the schema table, in columns across the terminal (one per line otherwise).
    private func listNames(types: String, pattern: String?, tableColumn: String, fail: (String) -> Bool) -> Bool {
        var sql = "SELECT name FROM sqlite_schema WHERE type IN (\(types))"
        // Internal tables (sqlite_sequence) are not listed, as in sqlite3; automatic indexes are.
        if types.contains("table") { sql += " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'" }
        if let pattern { sql += " AND \(tableColumn) LIKE \(SQLText.literal(pattern))" }
        sql += " ORDER BY name"
        let names: [String]
        do {
            names = try connection.query(sql).rows.map { $0[0].textValue }
        } catch {
            return fail(Self.describe(error))
        }
        guard !names.isEmpty else { return true }
        let width = (names.map(DisplayWidth.of).max() ?? 0) + 2
        var terminal = 80
        if isatty(1) == 1 {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { terminal = Int(size.ws_col) }
        }
        let perLine = max(1, terminal / width)
        let lines = (names.count + perLine - 1) / perLine
        for l in 0..<lines {
            var text = ""
            for c in 0..<perLine {
                let i = c * lines + l
                guard i < names.count else { break }
                let name = names[i]
                let last = c == perLine - 1 || (c + 1) * lines + l >= names.count
                text += last ? name : name + String(repeating: " ", count: width - DisplayWidth.of(name))
            }
            out.write(text + "\n")
        }
        return true
    }

    private func explain(_ query: String, fail: (String) -> Bool) -> Bool {
        do {
            let result = try connection.query("EXPLAIN QUERY PLAN " + query)
            // Rows are (id, parent, notused, detail), as SQLite's: each drawn under its parent,
            // "|--" before a child with later siblings, "`--" before the last. A statement with
            // no plan (INSERT ... VALUES, DDL) prints nothing, as in sqlite3.
            let rows = result.rows.filter { $0.count >= 4 }.map { (id: $0[0].integerValue, parent: $0[1].integerValue, detail: $0[3].textValue) }
            if !rows.isEmpty { out.write("QUERY PLAN\n") }
            var lastChild: [Int64: Int64] = [:]
            for r in rows { lastChild[r.parent] = r.id }
            var prefix: [Int64: String] = [0: ""]
            for r in rows {
                let isLast = lastChild[r.parent] == r.id
                let base = prefix[r.parent] ?? ""
                out.write(base + (isLast ? "`--" : "|--") + r.detail + "\n")
                prefix[r.id] = base + (isLast ? "   " : "|  ")
            }
            return true
        } catch {
            return fail(Self.describe(error))
        }
    }

    private func isolation(_ args: [String], fail: (String) -> Bool) -> Bool {
        let levels: [String: IsolationLevel] = ["read_committed": .readCommitted, "repeatable_read": .repeatableRead,
                                                "snapshot": .snapshot, "serializable": .serializable]
        let modes: [String: ConcurrencyMode] = ["optimistic": .optimistic, "pessimistic": .pessimistic, "serial": .serial]
        do {
            if args.isEmpty {
                // The connection's own defaults: also what a typed SET default_isolation changed.
                out.write("\(try connection.defaultIsolation) \(try connection.defaultMode)\n")
                return true
            }
            var level: IsolationLevel?
            var mode: ConcurrencyMode?
            for a in args {
                let key = a.lowercased().replacing(" ", with: "_")
                if let l = levels[key] {
                    level = l
                } else if let m = modes[key] {
                    mode = m
                } else {
                    return fail("usage: .isolation ?LEVEL? ?MODE? (LEVEL: read_committed, repeatable_read, snapshot, serializable; MODE: optimistic, pessimistic, serial)")
                }
            }
            try connection.setDefaults(isolation: level, mode: mode)
            return true
        } catch {
            return fail(Self.describe(error))
        }
    }
}
