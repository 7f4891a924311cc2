// SequenceTable: SQLite's `sqlite_sequence` (name, seq), the sequences of the AUTOINCREMENT
// tables, read and written with SQL as in SQLite but kept where Strata keeps a sequence: one
// record per table under `Keys.sequence` (0x00 | table id | 0x01), not as the rows of a table.
// A query builds the rows from those records when it reads the table; INSERT, UPDATE and DELETE
// on it write the records (StatementRunner+Sequence.swift), in the transaction like any row.
//
// RECORD  (seq [, ordinal]). `seq` is the value as last written: an INSERT into the table stores
// the largest rowid it gave (an integer); SQL may store any value, which AUTOINCREMENT reads as
// SQLite does, as an integer ('12abc' is 12, NULL 0). `ordinal` is the row's rowid in
// sqlite_sequence, which orders its rows as SQLite's do: a new row gets the largest + 1. A record
// without one is being filled by the INSERT statement that created it
// (`StatementRunner.finishSequence` numbers it when the statement ends, as SQLite adds the row
// then), or was stored before sqlite_sequence existed; it reads as 0.
//
// The table itself is created, as in SQLite, with the first AUTOINCREMENT table, as a catalog row
// of its own (`CREATE TABLE sqlite_sequence(name,seq)`), which CatalogLoader notes
// (`Catalog.sequenceTable`) instead of parsing; it cannot be dropped, altered, indexed or given
// triggers, and it stays when the last AUTOINCREMENT table goes.
//
// INVARIANTS
//   (1) A row exists only for an AUTOINCREMENT table, and at most one per table: a write naming
//       anything else is refused ("no such AUTOINCREMENT table: x"), and a second row for a table
//       is a UNIQUE conflict on `name`. (SQLite's ordinary table takes both, and uses neither.)
//   (2) A table's row goes with the table (DROP TABLE) and follows its renames (it is keyed by
//       the table's id).

import StrataCatalog
import StrataCore

enum SequenceTable {
    static let name = "sqlite_sequence"
    /// The CREATE statement SQLite stores for it.
    static let sql = "CREATE TABLE sqlite_sequence(name,seq)"
    /// Its columns: no declared type, so no affinity (BLOB).
    static let columns = ["name", "seq"]

    /// One table's record.
    struct Entry {
        var seq: Value
        var ordinal: Int64?

        /// The sequence as AUTOINCREMENT uses it: the value as an integer (SQLite's OP_AddImm).
        var mark: Int64 { seq.integerValue }

        var record: [UInt8] { encodeRecord(ordinal.map { [seq, .integer($0)] } ?? [seq]) }
    }

    static func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.caseInsensitiveEquals(name) }
    }

    /// The record of `table`, nil when it has none (no row in sqlite_sequence).
    static func entry(_ table: TableInfo, _ tx: TransactionState) throws(StrataError) -> Entry? {
        guard let bytes = try tx.get(Keys.sequence(table.id)) else { return nil }
        let values = try decodeRecord(bytes)
        guard let seq = values.first, values.count <= 2 else {
            throw StrataError(.dataCorrupted, "the AUTOINCREMENT sequence of table \(table.name) is damaged")
        }
        var ordinal: Int64?
        if values.count == 2 {
            guard case .integer(let n) = values[1] else {
                throw StrataError(.dataCorrupted, "the AUTOINCREMENT sequence of table \(table.name) is damaged")
            }
            ordinal = n
        }
        return Entry(seq: seq, ordinal: ordinal)
    }

    /// Every record, in sqlite_sequence's order (its rowids, then the tables' ids).
    static func entries(_ tx: TransactionState) throws(StrataError) -> [(table: TableInfo, entry: Entry)] {
        var out: [(table: TableInfo, entry: Entry)] = []
        for table in tx.catalog.tables.values where table.isAutoincrement {
            if let entry = try entry(table, tx) { out.append((table, entry)) }
        }
        return out.sorted { a, b in
            let (x, y) = (a.entry.ordinal ?? 0, b.entry.ordinal ?? 0)
            return x != y ? x < y : a.table.id < b.table.id
        }
    }

    /// The table's rows as a query reads them: rowid, name, seq.
    static func rows(_ tx: TransactionState) throws(StrataError) -> [[Value]] {
        try entries(tx).map { [.integer($0.entry.ordinal ?? 0), .text($0.table.name), $0.entry.seq] }
    }

    /// The rowid a new row gets: one more than the largest, leaving out `table`'s own row.
    static func nextOrdinal(_ tx: TransactionState, excluding table: TableInfo) throws(StrataError) -> Int64 {
        var largest: Int64 = 0
        for (t, entry) in try entries(tx) where t.id != table.id {
            largest = max(largest, entry.ordinal ?? 0)
        }
        return largest == Int64.max ? largest : largest + 1
    }

    /// The AUTOINCREMENT table a row's `name` names: text equal to the table's name byte for byte
    /// (SQLite compares it so, and would leave a row of another spelling unused).
    static func table(named value: Value, _ catalog: Catalog) throws(StrataError) -> TableInfo {
        if case .text(let name) = value, let table = catalog.table(name), table.isAutoincrement,
           table.name.utf8.elementsEqual(name.utf8) {
            return table
        }
        let shown = if case .text(let name) = value { name } else { value.isNull ? "NULL" : value.textValue }
        throw StrataError(.undefinedTable, "no such AUTOINCREMENT table: \(shown)")
    }
}
