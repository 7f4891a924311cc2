// CatalogLoader: rebuilds the in-memory catalog from the catalog rows stored in the tree.

import StrataCatalog
import StrataCore
import StrataStorage

enum CatalogLoader {
    /// The stored catalog, and the parse height of its tallest statement.
    static func load(_ snapshot: Snapshot) throws(StrataError) -> (Catalog, Int) {
        var catalog = Catalog()
        var tallest = 0
        var cursor = snapshot.cursor()
        let (lo, hi) = Keys.catalogRange
        var ok = try cursor.seek(lo)
        var objects: [(id: UInt32, kind: String, name: String, sql: String)] = []
        while ok {
            let key = cursor.key
            if compareKeyBytes(key, hi) >= 0 { break }
            if key.count == 6 && key[5] == 0x01 {
                // An AUTOINCREMENT table's sequence (Keys.sequence), read when it is used.
                ok = try cursor.next()
                continue
            }
            guard key.count == 5 else { throw StrataError(.dataCorrupted, "a catalog key is damaged") }
            let id = UInt32(key[1]) << 24 | UInt32(key[2]) << 16 | UInt32(key[3]) << 8 | UInt32(key[4])
            let values = try decodeRecord(try cursor.value())
            guard values.count >= 4 else { throw StrataError(.dataCorrupted, "a catalog row is damaged") }
            objects.append((id, values[0].textValue, values[1].textValue, values[3].textValue))
            ok = try cursor.next()
        }
        // Tables first, then what refers to them.
        let order = ["table", "index", "view", "trigger"]
        for kind in order {
            for (id, k, name, sql) in objects where k == kind {
                if kind == "table" && name == SequenceTable.name {
                    // sqlite_sequence: its rows are the AUTOINCREMENT tables' sequence records.
                    catalog.sequenceTable = id
                    catalog.nextObjectID = max(catalog.nextObjectID, id + 1)
                    continue
                }
                let parsed = try parseStatement(sql)
                tallest = max(tallest, parsed.height)
                try SchemaBuilder.install(parsed.statement, id: id, sql: sql, into: &catalog)
                catalog.nextObjectID = max(catalog.nextObjectID, id + 1)
            }
        }
        // A table's automatic indexes take the ids after it; ids are never reused.
        for ix in catalog.indexes.values { catalog.nextObjectID = max(catalog.nextObjectID, ix.id + 1) }
        catalog.statistics = try StatisticsLoader.load(catalog, TransactionState(snapshot: snapshot, isExplicit: false))
        return (catalog, tallest)
    }
}
