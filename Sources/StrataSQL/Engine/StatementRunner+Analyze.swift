// ANALYZE: row counts and distinct-key estimates per index prefix, written as SQLite writes them
// into its `sqlite_stat1(tbl, idx, stat)` table (created by the first ANALYZE, an ordinary table
// otherwise: it can be read, written and dropped). `stat` is "N d1 d2 …": N index entries (rows
// of a table without indexes, with idx NULL), and for each prefix of the index's columns the
// average number of entries sharing a key, rounded up. An empty table gets no row.
//
// The planner reads them through the catalog (StatisticsLoader.swift, Planner/CostModel.swift):
// ANALYZE loads them again when it ends. sqlite3's `.dump` output ("ANALYZE sqlite_schema;
// INSERT INTO sqlite_stat1 …") loads, and its rows count at once. DROP TABLE and DROP INDEX
// delete their rows, as SQLite's do.

import StrataCatalog
import StrataCore

extension StatementRunner {
    static let statTableSQL = "CREATE TABLE sqlite_stat1(tbl,idx,stat)"

    func analyze(_ target: QualifiedName?) throws(StrataError) {
        if let schema = target?.schema, schema.lowercased() != "main" {
            throw StrataError(.syntaxError, "unknown database \(schema)")
        }
        // What to analyze: every table; one table; one index; or (the schema's name, or its
        // table) nothing but the statistics table itself.
        var tables: [TableInfo] = []
        var onlyIndex: IndexInfo?
        if let name = target?.name {
            if target?.schema == nil && name.lowercased() == "main" {
                tables = allTables()
            } else if SchemaTable.isTemp(name) != nil {
                tables = []
            } else if let table = tx.catalog.table(name) {
                tables = [table]
            } else if let index = tx.catalog.index(name), let table = tx.catalog.table(index.table) {
                tables = [table]
                onlyIndex = index
            } else {
                throw StrataError(.undefinedTable, "no such table: \(name)", location: target?.location)
            }
        } else {
            tables = allTables()
        }
        let stat = try statTable()
        tables.removeAll { $0.id == stat.id }

        // Old rows of what is analyzed again go.
        let names = Set(tables.map { $0.name.lowercased() })
        for row in try session.rows(of: stat) {
            try session.checkInterrupt()
            guard names.contains(row[1].textValue.lowercased()) else { continue }
            if let onlyIndex, !row[2].textValue.caseInsensitiveEquals(onlyIndex.name) { continue }
            try tx.delete(Keys.row(stat.id, row[0].integerValue))
        }
        var rowid = try nextRowid(stat)
        func add(_ table: String, _ index: String?, _ text: String) throws(StrataError) {
            try tx.put(Keys.row(stat.id, rowid), encodeRecord([.text(table), index.map { .text($0) } ?? .null, .text(text)]))
            rowid += 1
        }
        for table in tables {
            let rows = try session.rows(of: table)
            if rows.isEmpty { continue }
            let indexes = tx.catalog.indexes(on: table.name).filter { onlyIndex == nil || $0.id == onlyIndex!.id }
            if indexes.isEmpty {
                if onlyIndex == nil { try add(table.name, nil, "\(rows.count)") }
                continue
            }
            for index in indexes.sorted(by: { $0.id > $1.id }) {
                if let text = try statistics(of: index, in: table, rows: rows) { try add(table.name, index.name, text) }
            }
        }
        session.invalidate()
        try reloadStatistics()
    }

    /// Deletes the `sqlite_stat1` rows of a table being dropped (its `tbl`) or of an index (its
    /// `idx`), as SQLite's DROP does (sqlite3ClearStatTables).
    func clearStatistics(table: String? = nil, index: String? = nil) throws(StrataError) {
        guard let stat = tx.catalog.table("sqlite_stat1"), table != stat.name else { return }
        for row in try session.rows(of: stat) {
            if let table, row[1] == .text(table) { try tx.delete(Keys.row(stat.id, row[0].integerValue)) }
            if let index, row[2] == .text(index) { try tx.delete(Keys.row(stat.id, row[0].integerValue)) }
        }
        session.invalidate()
    }

    private func allTables() -> [TableInfo] {
        tx.catalog.tables.values.filter { !$0.name.lowercased().hasPrefix("sqlite_") }.sorted { $0.id < $1.id }
    }

    /// "N d1 d2 …" for one index, from its entries (the rows its WHERE admits, its key values
    /// compared as the index compares them: by their encoded keys); nil when it has none.
    private func statistics(of index: IndexInfo, in table: TableInfo, rows: [[Value]]) throws(StrataError) -> String? {
        let width = index.columns.count
        var distinct = [Set<[UInt8]>](repeating: [], count: width)
        var entries = 0
        for row in rows {
            try session.checkInterrupt()
            guard let values = try indexValues(index, table, row) else { continue }
            entries += 1
            var key: [UInt8] = []
            for (k, column) in index.columns.enumerated() {
                let collation = column.collation.flatMap { Collation(name: $0) } ?? .binary
                encodeKey([values[k]], descending: [column.descending], collations: [collation], into: &key)
                distinct[k].insert(key)
            }
        }
        guard entries > 0 else { return nil }
        let perPrefix = distinct.map { d in (entries + d.count - 1) / max(d.count, 1) }
        return ([entries] + perPrefix).map(String.init).joined(separator: " ")
    }

    /// sqlite_stat1, created on first use as SQLite creates it.
    private func statTable() throws(StrataError) -> TableInfo {
        if let table = tx.catalog.table("sqlite_stat1") { return table }
        var parser = Parser(Self.statTableSQL)
        guard let parsed = try parser.nextStatement(), case .createTable = parsed.statement else {
            throw StrataError(.internalError, "cannot parse the statistics table's definition")
        }
        try createObject(kind: "table", name: "sqlite_stat1", ifNotExists: false, statement: parsed.statement,
                         sqlText: Self.statTableSQL, reservedNameAllowed: true)
        guard let table = tx.catalog.table("sqlite_stat1") else {
            throw StrataError(.internalError, "the statistics table was not created")
        }
        session.invalidate()
        return table
    }
}
