// SchemaTable: the catalog as SQLite's read-only `sqlite_schema` table (also `sqlite_master`),
// with its five columns: type, name, tbl_name, rootpage, sql. Built from the transaction's
// catalog when a query names it, so it shows uncommitted DDL of that transaction, as SQLite's does.
//
// `rootpage` is the object's id in Strata's catalog for tables and indexes (Strata keeps every
// table in one tree, so there is no root page to show) and 0 for views and triggers, as in
// SQLite. `sql` is the CREATE statement as stored, with its opening words written the way SQLite
// writes them (`CREATE TABLE name…`: IF NOT EXISTS and TEMP dropped, keywords in capitals); an
// automatic index (UNIQUE, PRIMARY KEY) has NULL.

import StrataCatalog
import StrataCore

enum SchemaTable {
    static let columns: [(name: String, affinity: Affinity)] = [
        ("type", .text), ("name", .text), ("tbl_name", .text), ("rootpage", .integer), ("sql", .text),
    ]

    /// Whether `name` is the schema table's (`sqlite_schema`, `sqlite_master`, and the empty temp
    /// schema's `sqlite_temp_schema`, `sqlite_temp_master`).
    static func isTemp(_ name: String) -> Bool? {
        switch name.lowercased() {
        case "sqlite_schema", "sqlite_master": return false
        case "sqlite_temp_schema", "sqlite_temp_master": return true
        default: return nil
        }
    }

    /// The rows, in creation order (an automatic index's is its constraint's place in its table:
    /// `IndexInfo.creationOrder`).
    static func rows(_ catalog: Catalog) -> [[Value]] {
        var objects: [(id: UInt32, row: [Value])] = []
        for t in catalog.tables.values {
            objects.append((t.id, [.text("table"), .text(t.name), .text(t.name), .integer(Int64(t.id)), .text(canonical(t.sql))]))
        }
        for i in catalog.indexes.values {
            let sql: Value = i.isAutomatic ? .null : .text(canonical(i.sql))
            objects.append((i.creationOrder, [.text("index"), .text(i.name), .text(i.table), .integer(Int64(i.id)), sql]))
        }
        for v in catalog.views.values {
            objects.append((v.id, [.text("view"), .text(v.name), .text(v.name), .integer(0), .text(canonical(v.sql))]))
        }
        if let id = catalog.sequenceTable {
            let name = Value.text(SequenceTable.name)
            objects.append((id, [.text("table"), name, name, .integer(Int64(id)), .text(SequenceTable.sql)]))
        }
        for g in catalog.triggers.values {
            objects.append((g.id, [.text("trigger"), .text(g.name), .text(g.table), .integer(0), .text(canonical(g.sql))]))
        }
        return objects.sorted { $0.id < $1.id }.map(\.row)
    }

    /// `sql` with its words up to the object's name rewritten as SQLite stores them:
    /// `create unique index if not exists i on …` becomes `CREATE UNIQUE INDEX i on …`.
    static func canonical(_ sql: String) -> String {
        var lexer = Lexer(Array(sql.utf8))
        var words: [String] = []
        var rest: Int?
        while rest == nil, let token = try? lexer.next() {
            switch token.keyword {
            case .create: words.append("CREATE")
            case .unique: words.append("UNIQUE")
            case .table, .index, .view, .trigger: words.append(String(describing: token.keyword).uppercased())
            case .temp, .temporary, .if, .not, .exists: continue
            default:
                if token.kind == .end { return sql }
                rest = token.start
            }
        }
        guard let rest, words.first == "CREATE", words.count >= 2 else { return sql }
        return words.joined(separator: " ") + " " + String(decoding: Array(sql.utf8)[rest...], as: UTF8.self)
    }
}
