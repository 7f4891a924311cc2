// `.import ?--skip N? FILE TABLE`: CSV (RFC 4180: quoted fields, doubled quotes, line breaks
// inside quotes, CRLF or LF) into a table. A missing table is created from the header row
// (TEXT columns, as sqlite3 does); an existing table takes every record as data. The whole file
// is parsed and checked first (a record with the wrong number of fields is an error naming its
// line), then loaded in one transaction: all of it or nothing. On a terminal, a large file shows
// a progress bar.

import Strata

#if canImport(Glibc)
import Glibc
#endif

struct CSVError: Error {
    var line: Int
    var message: String
}

/// RFC 4180 records, each with the line its first field starts on.
enum CSVParser {
    static func parse(_ bytes: [UInt8]) throws(CSVError) -> [(line: Int, fields: [String])] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(13), lf = UInt8(10)
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var atFieldStart = true
        /// Whether the record has anything at all (a blank line is no record).
        var recordHasContent = false
        var line = 1
        var recordLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            if recordHasContent { records.append((recordLine, fields)) }
            fields = []
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
            recordHasContent = false
        }

        while i < bytes.count {
            let b = bytes[i]
            if b == quote && atFieldStart {
                // A quoted field: up to the closing quote; "" inside is one quote.
                let startLine = line
                atFieldStart = false
                recordHasContent = true
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if c == lf { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw CSVError(line: startLine, message: "unterminated quoted field") }
                if i < bytes.count, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    throw CSVError(line: line, message: "unexpected character after a closing quote (a quote inside a quoted field is written \"\")")
                }
                continue
            }
            switch b {
            case comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                recordHasContent = true
            case cr, lf:
                if b == cr, i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(b)
                atFieldStart = false
                recordHasContent = true
            }
            i += 1
        }
        if recordHasContent { endRecord() }
        return records
    }
}

extension StrataShell {
    func importCommand(_ args: [String], fail: (String) -> Bool) -> Bool {
        var args = args
        var skip = 0
        while let first = args.first, first.hasPrefix("--") {
            args.removeFirst()
            switch first {
            case "--csv": continue
            case "--skip":
                guard let n = args.first.flatMap({ Int($0) }), n >= 0 else { return fail("usage: .import ?--skip N? FILE TABLE") }
                skip = n
                args.removeFirst()
            default: return fail("unknown option \(first) for .import (usage: .import ?--skip N? FILE TABLE)")
            }
        }
        guard args.count == 2 else { return fail("usage: .import ?--skip N? FILE TABLE") }
        let (file, table) = (args[0], args[1])
        guard let bytes = Self.readWholeFile(file) else {
            return fail("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        if let bad = Self.firstInvalidUTF8(bytes) {
            let line = bytes[..<bad].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            return fail("\(file):\(line): not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); nothing was imported")
        }
        var records: [(line: Int, fields: [String])]
        do {
            records = try CSVParser.parse(bytes)
        } catch {
            return fail("\(file):\(error.line): \(error.message); nothing was imported")
        }
        records.removeFirst(min(skip, records.count))

        let exists: Bool
        var columnCount: Int
        do {
            let columns = try connection.query("PRAGMA table_xinfo(\(SQLText.literal(table)))").rows
            exists = !columns.isEmpty
            columnCount = columns.filter { $0[6].integerValue == 0 }.count
        } catch {
            return fail(Self.describe(error))
        }
        var create: String?
        if !exists {
            guard let header = records.first else { return fail("\(file) is empty: no header row to create \(table) from") }
            records.removeFirst()
            for (i, name) in header.fields.enumerated() where name.isEmpty {
                return fail("\(file):\(header.line): column \(i + 1) of the header row has no name")
            }
            create = "CREATE TABLE \(SQLText.identifier(table))(" + header.fields.map { SQLText.identifier($0) + " TEXT" }.joined(separator: ", ") + ")"
            columnCount = header.fields.count
        }
        for r in records where r.fields.count != columnCount {
            return fail("\(file):\(r.line): expected \(columnCount) field\(columnCount == 1 ? "" : "s") but found \(r.fields.count); nothing was imported")
        }

        let ownTransaction = !connection.isInTransaction
        let progress = ImportProgress(file: file, total: records.count, size: bytes.count)
        do {
            if ownTransaction { try connection.execute("BEGIN") }
            if let create { try connection.execute(create) }
            let insert = try connection.prepare("INSERT INTO \(SQLText.identifier(table)) VALUES(" + Array(repeating: "?", count: columnCount).joined(separator: ",") + ")")
            interrupts?.statementStarts(connection)
            defer { interrupts?.statementEnds() }
            for (n, r) in records.enumerated() {
                do {
                    try insert.execute(StatementArguments(r.fields.map { Value.text($0) }))
                } catch {
                    throw CSVError(line: r.line, message: Self.describe(error))
                }
                progress?.update(n + 1)
            }
            if ownTransaction { try connection.execute("COMMIT") }
            progress?.finish()
        } catch {
            progress?.finish()
            if ownTransaction, connection.isInTransaction { try? connection.execute("ROLLBACK") }
            let undone = ownTransaction ? "; nothing was imported" : "; rows before it stay in the open transaction"
            if let e = error as? CSVError { return fail("\(file):\(e.line): \(e.message)\(undone)") }
            return fail(Self.describe(error) + undone)
        }
        if interactive { out.write("imported \(records.count) row\(records.count == 1 ? "" : "s") into \(table)\n") }
        return true
    }
}

/// A progress bar on standard error, for files of a megabyte or more when it is a terminal.
final class ImportProgress {
    let file: String
    let total: Int
    private var shown = -1

    init?(file: String, total: Int, size: Int) {
        guard isatty(2) == 1, size >= 1 << 20, total > 0 else { return nil }
        self.file = file
        self.total = total
    }

    func update(_ done: Int) {
        let percent = done * 100 / total
        guard percent != shown else { return }
        shown = percent
        let width = 30
        let filled = percent * width / 100
        StandardError.write("\rimporting \(file) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(percent)%")
    }

    func finish() {
        if shown >= 0 { StandardError.write("\r\u{1B}[K") }
    }
}
