// Statistics: what `sqlite_stat1` says, as the planner reads it (Planner/CostModel.swift).
//
// ANALYZE (StatementRunner+Analyze.swift) writes the table as SQLite does; this file reads it
// back. The numbers live in the catalog (`Catalog.statistics`), so a transaction plans with the
// statistics of its own snapshot, and they change as the catalog does:
//   - loaded with the catalog when the database opens (CatalogLoader);
//   - read again at the end of a statement that ANALYZEs, drops a table or an index (whose rows
//     go, as in SQLite), or writes `sqlite_stat1` itself (`INSERT INTO sqlite_stat1 …`, as
//     sqlite3's `.dump` output does), and published when that transaction commits.
// A row counts only while its `tbl` names the table its index is on (after ALTER TABLE RENAME
// its rows are ignored, as SQLite ignores them), and an index without a row gets the defaults.

import StrataCatalog
import StrataCore

struct Statistics: Sendable {
    /// One row's numbers: "N d1 d2 …": N entries (or, with idx NULL, the table's rows), then for
    /// each prefix of the index's columns the average number of entries sharing a key.
    struct Numbers: Sendable, Equatable {
        var table: String
        var values: [Double]
    }

    /// Rows with idx NULL, by lowercased table name.
    private(set) var tables: [String: Double] = [:]
    /// Rows of indexes, by lowercased index name.
    private(set) var indexes: [String: Numbers] = [:]

    init() {}

    /// Reads `sqlite_stat1`'s rows (tbl, idx, stat). A stat that does not start with a number is
    /// skipped; words after the numbers (`unordered`, `sz=…`, `noskipscan`) are ignored.
    init(rows: [[Value]]) {
        for row in rows where row.count >= 3 {
            guard case .text(let table) = row[0] else { continue }
            let values = Self.numbers(row[2].isNull ? "" : row[2].textValue)
            guard let first = values.first else { continue }
            if case .text(let index) = row[1] {
                indexes[index.lowercased()] = Numbers(table: table.lowercased(), values: values)
            } else if row[1].isNull {
                tables[table.lowercased()] = first
            }
        }
    }

    /// The leading integers of a stat, as SQLite's decodeIntArray reads them.
    private static func numbers(_ text: String) -> [Double] {
        var out: [Double] = []
        for word in text.split(separator: " ") {
            guard let n = Int64(word), n >= 0 else { break }
            out.append(Double(n))
        }
        return out
    }

    /// The table's row count from a row with idx NULL.
    func rows(ofTable name: String) -> Double? {
        tables.isEmpty ? nil : tables[name.lowercased()]
    }

    /// The index's numbers, if its row names the table it is on.
    func numbers(of index: IndexInfo) -> [Double]? {
        guard !indexes.isEmpty, let n = indexes[index.name.lowercased()], n.table.caseInsensitiveEquals(index.table) else { return nil }
        return n.values
    }

    var isEmpty: Bool { tables.isEmpty && indexes.isEmpty }
}

enum StatisticsLoader {
    /// `sqlite_stat1` as `tx` sees it (no statistics when the table does not exist).
    static func load(_ catalog: Catalog, _ tx: TransactionState) throws(StrataError) -> Statistics {
        guard let table = catalog.table("sqlite_stat1") else { return Statistics() }
        let (lo, hi) = Keys.tableRange(table.id)
        var cursor = try tx.cursor(from: lo, to: hi)
        var rows: [[Value]] = []
        while try cursor.next() { rows.append(try decodeRecord(cursor.value)) }
        return Statistics(rows: rows)
    }
}

extension StatementRunner {
    /// Reads the statistics again into the transaction's catalog (see the file comment); the
    /// catalog changes only when they did.
    func reloadStatistics() throws(StrataError) {
        let statistics = try StatisticsLoader.load(tx.catalog, tx)
        if statistics.tables != tx.catalog.statistics.tables || statistics.indexes != tx.catalog.statistics.indexes {
            tx.catalog.statistics = statistics
        }
    }
}
