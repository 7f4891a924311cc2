// `.dump`: SQL text that recreates the database: each table's CREATE statement and its rows
// (rowids kept where the table has no INTEGER PRIMARY KEY, so that they survive too), then the
// indexes, views and triggers in the order they were created, in one transaction. Loading the
// text into an empty database and dumping that gives the same text (Tests/StrataTests).

import Strata

extension StrataShell {
    struct DumpColumn {
        var name: String
        var type: String
        var primaryKey: Int
        /// 0: ordinary; otherwise a generated column, which INSERT cannot set.
        var hidden: Int
    }

    func dump(table: String?) throws {
        out.write("BEGIN TRANSACTION;\n")
        let objects = try connection.query("SELECT type, name, tbl_name, sql FROM sqlite_schema").rows
        func matches(_ name: String) -> Bool {
            guard let table else { return true }
            return (try? connection.query("SELECT ? LIKE ?", [.text(name), .text(table)]).rows.first?.first?.integerValue == 1) ?? false
        }
        for object in objects where object[0].textValue == "table" && !object[3].isNull && matches(object[1].textValue) {
            // sqlite_sequence is made by the first AUTOINCREMENT table; its rows come after all others.
            if object[1].textValue.lowercased().hasPrefix("sqlite_") { continue }
            out.write(object[3].textValue + ";\n")
            try dumpRows(of: object[1].textValue)
        }
        if objects.contains(where: { $0[1].textValue == "sqlite_sequence" }) {
            let sequences = try connection.query("SELECT name, seq FROM sqlite_sequence").rows.filter { matches($0[0].textValue) }
            if table == nil || !sequences.isEmpty {
                out.write("DELETE FROM sqlite_sequence" + (table == nil ? "" : " WHERE name LIKE \(SQLText.literal(table!))") + ";\n")
            }
            for row in sequences {
                out.write("INSERT INTO sqlite_sequence VALUES(\(Self.literal(row[0])),\(Self.literal(row[1])));\n")
            }
        }
        // ANALYZE's statistics, as sqlite3 writes them: the statement that creates their table.
        if objects.contains(where: { $0[1].textValue == "sqlite_stat1" }) {
            let stats = try connection.query("SELECT tbl, idx, stat FROM sqlite_stat1").rows.filter { matches($0[0].textValue) }
            if table == nil || !stats.isEmpty { out.write("ANALYZE sqlite_schema;\n") }
            for row in stats {
                out.write("INSERT INTO sqlite_stat1 VALUES(" + row.map(Self.literal).joined(separator: ",") + ");\n")
            }
        }
        for object in objects where object[0].textValue != "table" && !object[3].isNull && matches(object[2].textValue) {
            out.write(object[3].textValue + ";\n")
        }
        out.write("COMMIT;\n")
    }

    private func dumpRows(of table: String) throws {
        let name = SQLText.identifier(table)
        let columns = try connection.query("PRAGMA table_xinfo(\(SQLText.literal(table)))").rows.map {
            DumpColumn(name: $0[1].textValue, type: $0[2].textValue, primaryKey: Int($0[5].integerValue), hidden: Int($0[6].integerValue))
        }
        let stored = columns.filter { $0.hidden == 0 }
        let keys = columns.filter { $0.primaryKey > 0 }
        // An INTEGER PRIMARY KEY is the rowid unless it got an index of its own (as `INTEGER
        // PRIMARY KEY DESC` does, in SQLite and Strata alike): then its rowids are kept apart.
        let keyIndexes = try connection.query("PRAGMA index_list(\(SQLText.literal(table)))").rows.filter { $0[3].textValue == "pk" }
        let hasRowidAlias = keys.count == 1 && keys[0].type.uppercased() == "INTEGER" && keyIndexes.isEmpty
        let withoutRowid = try connection.query("PRAGMA table_list(\(SQLText.literal(table)))").rows.first?[4].integerValue == 1
        let taken = Set(columns.map { $0.name.lowercased() })
        let rowidName = hasRowidAlias || withoutRowid ? nil : ["rowid", "_rowid_", "oid"].first { !taken.contains($0) }
        var selected = stored.map { SQLText.identifier($0.name) }
        if let rowidName { selected.insert(rowidName, at: 0) }
        guard !selected.isEmpty else { return }
        let listAll = rowidName != nil || stored.count != columns.count
        let prefix = "INSERT INTO \(name)" + (listAll ? "(" + selected.joined(separator: ",") + ")" : "") + " VALUES("
        let rows = try connection.query("SELECT \(selected.joined(separator: ", ")) FROM \(name)").rows
        var line = ""
        for row in rows {
            line.removeAll(keepingCapacity: true)
            line += prefix
            for (i, v) in row.enumerated() {
                if i > 0 { line += "," }
                line += Self.literal(v)
            }
            line += ");\n"
            out.write(line)
        }
    }

    /// A SQL literal that reads back as the same value: reals in their shortest exact form.
    static func literal(_ v: Value) -> String {
        switch v {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d):
            if d.isNaN { return "NULL" }
            if d.isInfinite { return d < 0 ? "-1e999" : "1e999" }
            return d.description
        case .text(let s):
            // A NUL cannot be written inside a literal that other tools read back: as hex.
            if s.utf8.contains(0) { return "CAST(X'" + Value.hexText(Array(s.utf8)) + "' AS TEXT)" }
            return SQLText.literal(s)
        case .blob(let b): return "X'" + Value.hexText(b) + "'"
        }
    }
}
