// Schema: tables, indexes, views and triggers as the binder and executor see them.
//
// The catalog is stored in the tree itself: each object is one row under key
// [0x00][object id u32 big-endian] holding (kind, name, table name, CREATE statement text), like
// SQLite's sqlite_schema. Opening a database parses those statements again. A transaction works on
// its own copy of the catalog (a value type), so DDL is transactional: ROLLBACK drops the copy.
//
// KEYS (big-endian integers, so byte order is numeric order)
//   catalog row   0x00 | object id (4)
//   sequence      0x00 | table id (4) | 0x01
//   table row     0x01 | table id (4) | rowid (8, sign bit flipped)
//   index entry   0x02 | index id (4) | order-preserving key of the indexed values | rowid (8)
//
// The sequence of an AUTOINCREMENT table (the largest rowid it has ever been given, and its row's
// place in sqlite_sequence: SequenceTable.swift, StatementRunner+Rowid.swift) sits in the
// catalog's key space, right after its table's catalog row: it is per-table metadata like the
// row, keyed by the table's id, which a rename keeps and which is never reused, and it never
// mixes with the table's rows or an index's entries, whose ranges (`tableRange`, `indexRange`)
// scans and DROP walk. The sixth byte keeps it apart from every catalog row (5 bytes);
// CatalogLoader skips it. sqlite_sequence itself has a catalog row (`Catalog.sequenceTable`).

import StrataCatalog
import StrataCore

package final class ColumnInfo: Sendable {
    let name: String
    let declaredType: String?
    let affinity: Affinity
    let notNull: Bool
    /// The NOT NULL constraint's `ON CONFLICT` clause (nil: none written, ABORT).
    let notNullConflict: ConflictResolution?
    let defaultValue: Expr?
    let collation: String?
    let isPrimaryKey: Bool
    /// In a STRICT table, the column's type: what a stored value must be (`StrictType.admits`).
    let strictType: StrictType?
    /// `AS (expr)`: a generated column, VIRTUAL or STORED. Both kinds are computed when a row is
    /// written and stored with it (StatementRunner+Generated.swift).
    let generated: GeneratedColumn?
    /// The declared type as SQLite shows it (`PRAGMA table_info`): a standard type name in
    /// capitals, else the text as written, dequoted.
    let typeText: String?
    /// The DEFAULT's text as written (`ColumnConstraint.defaultText`).
    let defaultText: String?

    init(name: String, declaredType: String?, notNull: Bool, notNullConflict: ConflictResolution? = nil, defaultValue: Expr?,
         collation: String?, isPrimaryKey: Bool, strictType: StrictType? = nil, generated: GeneratedColumn? = nil,
         typeText: String? = nil, defaultText: String? = nil) {
        self.name = name
        self.declaredType = declaredType
        // A STRICT table's ANY column keeps values as given: no affinity (SQLite's sqlite3EndTable).
        affinity = strictType == .any ? .blob : Affinity(declaredType: declaredType)
        self.notNull = notNull
        self.notNullConflict = notNullConflict
        self.defaultValue = defaultValue
        self.collation = collation
        self.isPrimaryKey = isPrimaryKey
        self.strictType = strictType
        self.generated = generated
        self.typeText = typeText
        self.defaultText = defaultText
    }

    /// This column with its NOT NULL constraint set as given.
    func with(notNull: Bool) -> ColumnInfo {
        ColumnInfo(name: name, declaredType: declaredType, notNull: notNull, notNullConflict: notNullConflict,
                   defaultValue: defaultValue, collation: collation, isPrimaryKey: isPrimaryKey, strictType: strictType,
                   generated: generated, typeText: typeText, defaultText: defaultText)
    }
}

/// A generated column's definition.
package struct GeneratedColumn: Sendable {
    let expr: Expr
    let isStored: Bool
    /// The generated columns (indices in the table) its expression names: they are computed first.
    let dependencies: [Int]
}

/// The types a STRICT table's column may declare (SQLite 3.37's sqlite3StdType), spelled as
/// SQLite's messages spell them.
package enum StrictType: String, Sendable, CaseIterable {
    case any = "ANY", blob = "BLOB", int = "INT", integer = "INTEGER", real = "REAL", text = "TEXT"

    /// The type a declared type names: its text as written, dequoted when it is one quoted
    /// token (sqlite3DequoteToken), equal to a standard name but for case; nil for any other.
    init?(written: String) {
        let text = Self.dequoteToken(written)
        guard let type = StrictType.allCases.first(where: { text.caseInsensitiveEquals($0.rawValue) }) else { return nil }
        self = type
    }

    /// The declared type as SQLite's "unknown datatype" message shows it: the text as written,
    /// dequoted as sqlite3AddColumn does (sqlite3DequoteToken, then sqlite3Dequote).
    static func displayed(_ written: String) -> String {
        let text = Array(dequoteToken(written))
        guard let first = text.first, "\"'`[".contains(first) else { return String(text) }
        let close: Character = first == "[" ? "]" : first
        var out = ""
        var i = 1
        while i < text.count {
            if text[i] == close {
                guard close != "]", i + 1 < text.count, text[i + 1] == close else { break }
                i += 1
            }
            out.append(text[i])
            i += 1
        }
        return out
    }

    /// sqlite3DequoteToken: a text that starts with a quote character and holds no other one
    /// loses its first and last characters.
    private static func dequoteToken(_ written: String) -> String {
        let quotes: Set<Character> = ["\"", "'", "`", "["]
        let text = Substring(written)
        guard text.count >= 2, let first = text.first, quotes.contains(first),
              !text.dropFirst().dropLast().contains(where: { quotes.contains($0) }) else { return written }
        return String(text.dropFirst().dropLast())
    }

    /// Whether a value, after the column's affinity, may be stored (NULL always may: NOT NULL is
    /// its own constraint). ANY takes everything; the others only their own storage class.
    func admits(_ value: Value) -> Bool {
        switch (self, value) {
        case (_, .null), (.any, _), (.int, .integer), (.integer, .integer), (.real, .real), (.text, .text), (.blob, .blob):
            true
        default:
            false
        }
    }
}

package final class TableInfo: Sendable {
    let id: UInt32
    let name: String
    let columns: [ColumnInfo]
    /// The column that is an alias of the rowid (INTEGER PRIMARY KEY), if any.
    let rowidColumn: Int?
    /// CHECK constraints with the name their failure reports (the constraint's name, else its text
    /// as SQLite reports it: `SchemaBuilder.checkName`).
    let checks: [(name: String, expr: Expr)]
    let sql: String
    /// STRICT: every column has a `strictType` and INSERT and UPDATE refuse values outside it.
    let isStrict: Bool
    /// The indices of the generated columns, in table order.
    let generatedColumns: [Int]
    /// AUTOINCREMENT on its INTEGER PRIMARY KEY: rowids are never reused (`Keys.sequence`).
    let isAutoincrement: Bool
    /// The `ON CONFLICT` clause of the PRIMARY KEY when it is the rowid (INTEGER PRIMARY KEY):
    /// what a rowid conflict does unless the statement says OR … (nil: ABORT).
    let rowidConflict: ConflictResolution?
    /// The PRIMARY KEY's columns in key order (empty: none).
    let primaryKey: [Int]
    /// WITHOUT ROWID: queries cannot name a rowid (rows are still stored by one: Docs/sql.md).
    let isWithoutRowid: Bool

    init(id: UInt32, name: String, columns: [ColumnInfo], rowidColumn: Int?, checks: [(name: String, expr: Expr)], sql: String,
         isStrict: Bool = false, isAutoincrement: Bool = false, rowidConflict: ConflictResolution? = nil, primaryKey: [Int] = [],
         isWithoutRowid: Bool = false) {
        self.id = id
        self.name = name
        self.columns = columns
        self.rowidColumn = rowidColumn
        self.checks = checks
        self.sql = sql
        self.isStrict = isStrict
        self.isAutoincrement = isAutoincrement
        self.rowidConflict = rowidConflict
        self.primaryKey = primaryKey
        self.isWithoutRowid = isWithoutRowid
        generatedColumns = columns.indices.filter { columns[$0].generated != nil }
    }

    func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name.caseInsensitiveEquals(name) }
    }
}

package struct IndexColumn: Sendable {
    /// The table column, or nil for an expression.
    var column: Int?
    var expr: Expr
    var collation: String?
    var descending: Bool
}

/// Why an index exists, as `PRAGMA index_list` says: `c` CREATE INDEX, `u` a UNIQUE
/// constraint, `pk` the PRIMARY KEY.
package enum IndexOrigin: String, Sendable {
    case created = "c"
    case unique = "u"
    case primaryKey = "pk"
}

package final class IndexInfo: Sendable {
    let id: UInt32
    let name: String
    let table: String
    let columns: [IndexColumn]
    let isUnique: Bool
    let whereClause: Expr?
    /// Created for a UNIQUE or PRIMARY KEY constraint (no CREATE INDEX statement of its own).
    let isAutomatic: Bool
    /// An automatic index's constraint's `ON CONFLICT` clause (nil: none written, ABORT; always
    /// nil for CREATE INDEX, which has none).
    let onConflict: ConflictResolution?
    let sql: String
    let origin: IndexOrigin
    /// Where SQLite would have created it among its table's indexes: an automatic index's place is
    /// its constraint's place in the CREATE TABLE (its name's number after the table's id), which
    /// need not be its id's (the PRIMARY KEY's index takes the first id); a created index's is
    /// its id.
    let creationOrder: UInt32

    init(id: UInt32, name: String, table: String, columns: [IndexColumn], isUnique: Bool, whereClause: Expr?,
         isAutomatic: Bool, onConflict: ConflictResolution? = nil, sql: String, origin: IndexOrigin = .created,
         creationOrder: UInt32? = nil) {
        self.id = id
        self.name = name
        self.table = table
        self.columns = columns
        self.isUnique = isUnique
        self.whereClause = whereClause
        self.isAutomatic = isAutomatic
        self.onConflict = onConflict
        self.sql = sql
        self.origin = origin
        self.creationOrder = creationOrder ?? id
    }
}

package final class ViewInfo: Sendable {
    let id: UInt32
    let name: String
    let columns: [String]?
    let select: SelectStatement
    let sql: String

    init(id: UInt32, name: String, columns: [String]?, select: SelectStatement, sql: String) {
        self.id = id
        self.name = name
        self.columns = columns
        self.select = select
        self.sql = sql
    }
}

package final class TriggerInfo: Sendable {
    let id: UInt32
    let name: String
    let table: String
    let statement: CreateTriggerStatement
    let sql: String

    init(id: UInt32, name: String, table: String, statement: CreateTriggerStatement, sql: String) {
        self.id = id
        self.name = name
        self.table = table
        self.statement = statement
        self.sql = sql
    }
}

/// Every schema object, by lowercased name.
package struct Catalog: Sendable {
    var tables: [String: TableInfo] = [:]
    var indexes: [String: IndexInfo] = [:]
    var views: [String: ViewInfo] = [:]
    var triggers: [String: TriggerInfo] = [:]
    var nextObjectID: UInt32 = 1
    /// The object id of `sqlite_sequence`'s catalog row, once the first AUTOINCREMENT table has
    /// created it (nil before: no such table). Its rows are the tables' sequences (SequenceTable).
    var sequenceTable: UInt32?
    /// What `sqlite_stat1` says, for the planner's cost model (Engine/StatisticsLoader.swift).
    var statistics = Statistics()

    func table(_ name: String) -> TableInfo? { tables[name.lowercased()] }
    func view(_ name: String) -> ViewInfo? { views[name.lowercased()] }
    func index(_ name: String) -> IndexInfo? { indexes[name.lowercased()] }

    func indexes(on table: String) -> [IndexInfo] {
        indexes.values.filter { $0.table.caseInsensitiveEquals(table) }.sorted { $0.id < $1.id }
    }

    func triggers(on table: String) -> [TriggerInfo] {
        triggers.values.filter { $0.table.caseInsensitiveEquals(table) }.sorted { $0.id < $1.id }
    }

    /// Whether `name` is `sqlite_sequence` and the database has it.
    func isSequenceTable(_ name: String) -> Bool {
        sequenceTable != nil && name.caseInsensitiveEquals(SequenceTable.name)
    }

    /// Whether any object already has this name (tables, views and indexes share one namespace).
    func nameIsTaken(_ name: String) -> Bool {
        let n = name.lowercased()
        return tables[n] != nil || views[n] != nil || indexes[n] != nil
    }
}

enum Keys {
    static func catalog(_ id: UInt32) -> [UInt8] { [0x00] + be32(id) }
    static let catalogRange: ([UInt8], [UInt8]) = ([0x00], [0x01])

    /// An AUTOINCREMENT table's sequence (see KEYS above).
    static func sequence(_ table: UInt32) -> [UInt8] { [0x00] + be32(table) + [0x01] }

    static func row(_ table: UInt32, _ rowid: Int64) -> [UInt8] {
        var k: [UInt8] = [0x01]
        k.reserveCapacity(13)
        k.append(contentsOf: be32(table))
        appendRowid(&k, rowid)
        return k
    }

    static func tableRange(_ table: UInt32) -> ([UInt8], [UInt8]) {
        ([0x01] + be32(table), [0x01] + be32(table &+ 1))
    }

    static func indexPrefix(_ index: UInt32) -> [UInt8] { [0x02] + be32(index) }

    static func indexRange(_ index: UInt32) -> ([UInt8], [UInt8]) {
        ([0x02] + be32(index), [0x02] + be32(index &+ 1))
    }

    /// The rowid's 8 bytes (StrataCatalog's rowid encoding: big-endian, sign bit flipped).
    static func appendRowid(_ k: inout [UInt8], _ rowid: Int64) {
        StrataCatalog.appendRowid(rowid, into: &k)
    }

    /// The rowid in the last 8 bytes of a row or index key.
    static func rowid(fromKey k: [UInt8]) -> Int64 {
        k.withUnsafeBytes { decodeRowid($0, at: k.count - 8) } ?? 0
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        if self == other { return true }
        let a = utf8
        let b = other.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            let lx = (x >= 65 && x <= 90) ? x + 32 : x
            let ly = (y >= 65 && y <= 90) ? y + 32 : y
            if lx != ly { return false }
        }
        return true
    }
}
