// SchemaBuilder: turns CREATE statements into catalog objects (at CREATE time and when a
// database is opened again).

import StrataCatalog
import StrataCore

enum SchemaBuilder {
    /// Adds the object `statement` creates, with object id `id`. A table's automatic indexes
    /// (for PRIMARY KEY and UNIQUE constraints) take the ids after it.
    static func install(_ statement: SQLStatement, id: UInt32, sql: String, into catalog: inout Catalog) throws(StrataError) {
        switch statement {
        case .createTable(let s):
            guard case .definition(let def) = s.body else {
                throw StrataError(.internalError, "CREATE TABLE AS must be stored as a definition")
            }
            let (table, autoIndexes) = try buildTable(def, name: s.name.name, id: id, sql: sql)
            catalog.tables[table.name.lowercased()] = table
            for ix in autoIndexes { catalog.indexes[ix.name.lowercased()] = ix }
        case .createIndex(let s):
            guard let table = catalog.table(s.table) else {
                if SchemaTable.isTemp(s.table) != nil {
                    throw StrataError(.syntaxError, "table \(s.table) may not be indexed", location: s.tableLocation)
                }
                throw StrataError(.undefinedTable, "no such table: main.\(s.table)", location: s.tableLocation)
            }
            var columns: [IndexColumn] = []
            for c in s.columns {
                var col: Int?
                var expr = c.expr
                var collation = c.collation
                if case .collate(let inner, let name) = expr {
                    expr = inner
                    collation = name
                }
                if case .column(let ref) = expr {
                    guard let i = table.columnIndex(ref.name) else {
                        throw StrataError(.syntaxError, "no such column: \(ref.name)", location: ref.location)
                    }
                    col = i
                    // A column without COLLATE is indexed by the column's own collation, as in
                    // SQLite (a UNIQUE index on a NOCASE column refuses 'a' beside 'A').
                    if collation == nil { collation = table.columns[i].collation }
                }
                columns.append(IndexColumn(column: col, expr: expr, collation: collation, descending: c.direction == .descending))
            }
            let ix = IndexInfo(id: id, name: s.name.name, table: table.name, columns: columns, isUnique: s.isUnique,
                               whereClause: s.whereClause, isAutomatic: false, sql: sql)
            catalog.indexes[ix.name.lowercased()] = ix
        case .createView(let s):
            catalog.views[s.name.name.lowercased()] = ViewInfo(id: id, name: s.name.name, columns: s.columns, select: s.select, sql: sql)
        case .createTrigger(let s):
            catalog.triggers[s.name.name.lowercased()] = TriggerInfo(id: id, name: s.name.name, table: s.table, statement: s, sql: sql)
        default:
            throw StrataError(.internalError, "not a CREATE statement in the catalog")
        }
    }

    static func buildTable(_ def: TableDefinition, name: String, id: UInt32, sql: String) throws(StrataError) -> (TableInfo, [IndexInfo]) {
        var columns: [ColumnInfo] = []
        var checks: [(name: String, expr: Expr)] = []
        // Each UNIQUE and PRIMARY KEY constraint's place in the statement: SQLite creates their
        // indexes, and numbers their names, in that order.
        var uniqueSets: [(columns: [Int], onConflict: ConflictResolution?, place: Int)] = []
        var primaryKey: [Int]?
        var primaryKeyPlace = 0
        var places = 0
        var primaryKeyConflict: ConflictResolution?
        var rowidColumn: Int?
        var seen = Set<String>()
        var generated: [Int: (expr: Expr, isStored: Bool)] = [:]
        var isAutoincrement = false
        let autoincrementError = StrataError(.syntaxError, "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY")
        let generatedKeyError = StrataError(.syntaxError, "generated columns cannot be part of the PRIMARY KEY")
        for (i, c) in def.columns.enumerated() {
            guard seen.insert(c.name.lowercased()).inserted else {
                throw StrataError(.syntaxError, "duplicate column name: \(c.name)", location: c.location)
            }
            var notNull = false
            var notNullConflict: ConflictResolution?
            var defaultValue: Expr?
            var defaultText: String?
            var collation: String?
            var isPK = false
            for k in c.constraints {
                switch k.kind {
                case .primaryKey(let direction, let onConflict, let autoincrement):
                    guard primaryKey == nil else { throw StrataError(.syntaxError, "table \"\(name)\" has more than one primary key") }
                    if generated[i] != nil { throw generatedKeyError }
                    primaryKey = [i]
                    places += 1
                    primaryKeyPlace = places
                    primaryKeyConflict = onConflict
                    isPK = true
                    if c.type?.name.uppercased() == "INTEGER" && direction != .descending { rowidColumn = i }
                    if autoincrement {
                        guard rowidColumn == i else { throw autoincrementError }
                        isAutoincrement = true
                    }
                case .notNull(let onConflict):
                    // As in SQLite, the last NOT NULL's clause counts.
                    notNull = true
                    notNullConflict = onConflict
                case .unique(let onConflict):
                    places += 1
                    uniqueSets.append(([i], onConflict, places))
                case .check(let e): checks.append((k.name ?? checkName(k.checkText, table: name), e))
                case .defaultValue(let e):
                    if generated[i] != nil { throw StrataError(.syntaxError, "cannot use DEFAULT on a generated column") }
                    defaultValue = e
                    defaultText = k.defaultText
                case .collate(let n):
                    guard Collation(name: n) != nil else { throw StrataError(.syntaxError, "no such collation sequence: \(n)") }
                    collation = n
                case .generated(let e, let isStored):
                    // SQLite keeps the expression where a DEFAULT goes: a second one, or one after
                    // a DEFAULT, is refused.
                    if defaultValue != nil || generated[i] != nil {
                        throw StrataError(.syntaxError, "error in generated column \"\(c.name)\"")
                    }
                    if isPK { throw generatedKeyError }
                    generated[i] = (e, isStored)
                default: break
                }
            }
            let typeText = c.type.map { StrictType(written: $0.written)?.rawValue ?? StrictType.displayed($0.written) }
            columns.append(ColumnInfo(name: c.name, declaredType: c.type?.description, notNull: notNull,
                                      notNullConflict: notNullConflict, defaultValue: defaultValue, collation: collation, isPrimaryKey: isPK,
                                      typeText: typeText, defaultText: defaultText))
        }
        for k in def.constraints {
            switch k.kind {
            case .primaryKey(let cols, let onConflict, let autoincrement):
                guard primaryKey == nil else { throw StrataError(.syntaxError, "table \"\(name)\" has more than one primary key") }
                let idx = try cols.map { (c) throws(StrataError) -> Int in try columnOf(c, columns) }
                if idx.contains(where: { generated[$0] != nil }) { throw generatedKeyError }
                primaryKey = idx
                places += 1
                primaryKeyPlace = places
                primaryKeyConflict = onConflict
                if idx.count == 1, columns[idx[0]].declaredType?.uppercased() == "INTEGER", cols[0].direction != .descending {
                    rowidColumn = idx[0]
                }
                if autoincrement {
                    guard rowidColumn != nil else { throw autoincrementError }
                    isAutoincrement = true
                }
            case .unique(let cols, let onConflict):
                places += 1
                uniqueSets.append((try cols.map { (c) throws(StrataError) -> Int in try columnOf(c, columns) }, onConflict, places))
            case .check(let e): checks.append((k.name ?? checkName(k.checkText, table: name), e))
            case .foreignKey: break
            }
        }
        // The PRIMARY KEY's index, when it is not the rowid, takes the first id (as it always
        // has: ids are stored); its name and listing follow its place.
        if let pk = primaryKey, rowidColumn == nil { uniqueSets.insert((pk, primaryKeyConflict, primaryKeyPlace), at: 0) }
        if def.withoutRowID, let pk = primaryKey {
            // As in SQLite, a WITHOUT ROWID table's PRIMARY KEY columns are NOT NULL.
            columns = columns.enumerated().map { i, c in
                guard pk.contains(i), !c.notNull else { return c }
                return c.with(notNull: true)
            }
        }
        if def.withoutRowID && isAutoincrement {
            throw StrataError(.syntaxError, "AUTOINCREMENT not allowed on WITHOUT ROWID tables")
        }
        if def.withoutRowID && primaryKey == nil {
            throw StrataError(.syntaxError, "PRIMARY KEY missing on table \(name)")
        }
        if def.isStrict {
            columns = try strictColumns(def, columns, name: name, primaryKey: rowidColumn == nil ? primaryKey ?? [] : [])
        }
        // SQLite resolves the CHECK expressions after those table checks (sqlite3EndTable).
        for c in checks { try checkExpr(c.expr) }
        if !generated.isEmpty {
            guard generated.count < columns.count else {
                throw StrataError(.syntaxError, "must have at least one non-generated column")
            }
            columns = columns.enumerated().map { i, c in
                guard let g = generated[i] else { return c }
                // The generated columns the expression names (by name, as the binder resolves them).
                let dependencies = g.expr.columnReferences.compactMap { ref in
                    columns.firstIndex { $0.name.caseInsensitiveEquals(ref.name) }.flatMap { generated[$0] != nil ? $0 : nil }
                }
                return ColumnInfo(name: c.name, declaredType: c.declaredType, notNull: c.notNull, notNullConflict: c.notNullConflict,
                                  defaultValue: nil,
                                  collation: c.collation, isPrimaryKey: false, strictType: c.strictType,
                                  generated: GeneratedColumn(expr: g.expr, isStored: g.isStored, dependencies: dependencies),
                                  typeText: c.typeText)
            }
        }
        let table = TableInfo(id: id, name: name, columns: columns, rowidColumn: rowidColumn, checks: checks, sql: sql,
                              isStrict: def.isStrict, isAutoincrement: isAutoincrement,
                              rowidConflict: rowidColumn == nil ? nil : primaryKeyConflict, primaryKey: primaryKey ?? [],
                              isWithoutRowid: def.withoutRowID)
        var indexes: [IndexInfo] = []
        let numbers = uniqueSets.map(\.place).sorted()
        for (n, (set, onConflict, place)) in uniqueSets.enumerated() {
            let cols = set.map { IndexColumn(column: $0, expr: .column(ColumnReference(name: columns[$0].name, location: SourceLocation(line: 1, column: 1))),
                                             collation: columns[$0].collation, descending: false) }
            let number = UInt32(numbers.firstIndex(of: place)! + 1)
            let isPrimaryKey = n == 0 && primaryKey != nil && rowidColumn == nil
            indexes.append(IndexInfo(id: id + 1 + UInt32(n), name: "sqlite_autoindex_\(name)_\(number)", table: name, columns: cols,
                                     isUnique: true, whereClause: nil, isAutomatic: true, onConflict: onConflict, sql: "",
                                     origin: isPrimaryKey ? .primaryKey : .unique, creationOrder: id + number))
        }
        return (table, indexes)
    }

    /// A STRICT table's columns (SQLite's sqlite3EndTable): each must declare one of the types of
    /// `StrictType`, else "missing datatype for t.x" or "unknown datatype for t.x: "VARCHAR"";
    /// an ANY column has no affinity; a PRIMARY KEY column that is not the rowid is NOT NULL.
    private static func strictColumns(_ def: TableDefinition, _ columns: [ColumnInfo], name: String,
                                      primaryKey: [Int]) throws(StrataError) -> [ColumnInfo] {
        var out: [ColumnInfo] = []
        for (i, (c, info)) in zip(def.columns, columns).enumerated() {
            guard let written = c.type?.written else {
                throw StrataError(.syntaxError, "missing datatype for \(name).\(c.name)")
            }
            guard let type = StrictType(written: written) else {
                throw StrataError(.syntaxError, "unknown datatype for \(name).\(c.name): \"\(StrictType.displayed(written))\"")
            }
            out.append(ColumnInfo(name: info.name, declaredType: info.declaredType, notNull: info.notNull || primaryKey.contains(i),
                                  notNullConflict: info.notNullConflict,
                                  defaultValue: info.defaultValue, collation: info.collation, isPrimaryKey: info.isPrimaryKey,
                                  strictType: type, typeText: info.typeText, defaultText: info.defaultText))
        }
        return out
    }

    /// The name an unnamed CHECK's failure reports, as SQLite 3.40 derives it
    /// (sqlite3AddCheckConstraint): the text between its parentheses without the white space at
    /// either end, then dequoted (sqlite3Dequote) when it starts with a quote character, so that
    /// `CHECK ('x''y' != a)` reports `x'y` and `CHECK ("a" > 0)` reports `a`.
    static func checkName(_ text: String?, table: String) -> String {
        guard let text else { return table }
        let bytes = Array(text.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var lo = 0
        var hi = bytes.count
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        let trimmed = bytes[lo..<hi]
        guard let first = trimmed.first, [UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "[")].contains(first) else {
            return String(decoding: trimmed, as: UTF8.self)
        }
        let quote = first == UInt8(ascii: "[") ? UInt8(ascii: "]") : first
        var out: [UInt8] = []
        var i = trimmed.startIndex + 1
        while i < trimmed.endIndex {
            if trimmed[i] == quote {
                guard i + 1 < trimmed.endIndex, trimmed[i + 1] == quote else { break }
                i += 1
            }
            out.append(trimmed[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A CHECK expression, refused when it holds a subquery or an aggregate call (as in SQLite,
    /// "misuse of aggregate function max()"; `max` and `min` with two or more arguments are scalar).
    /// As SQLite reports them: a subquery anywhere wins; among aggregates, the last one met in a
    /// walk of the expression (each node before its operands), whose message replaces the earlier.
    private static func checkExpr(_ e: Expr) throws(StrataError) {
        if hasSubquery(e) { throw StrataError(.syntaxError, "subqueries prohibited in CHECK constraints") }
        if let f = lastAggregate(e) { throw StrataError(.syntaxError, "misuse of aggregate function \(f.name)()", location: f.location) }
    }

    private static func lastAggregate(_ e: Expr) -> FunctionCall? {
        var found: FunctionCall?
        if case .function(let f) = e {
            let name = f.name.lowercased()
            if aggregateNames.contains(name) && !((name == "min" || name == "max") && f.arguments.count > 1) { found = f }
        }
        for operand in e.operands {
            if let f = lastAggregate(operand) { found = f }
        }
        return found
    }

    private static func hasSubquery(_ e: Expr) -> Bool {
        switch e {
        case .exists, .subquery, .inSelect, .inTable: return true
        case .unary(_, let x), .collate(let x, _), .isNull(let x, _), .cast(let x, _): return hasSubquery(x)
        case .binary(_, let a, let b): return hasSubquery(a) || hasSubquery(b)
        case .between(let a, let b, let c, _): return hasSubquery(a) || hasSubquery(b) || hasSubquery(c)
        case .inList(let a, let l, _): return hasSubquery(a) || l.contains(where: hasSubquery)
        case .like(let l): return hasSubquery(l.value) || hasSubquery(l.pattern) || (l.escape.map(hasSubquery) ?? false)
        case .function(let f): return f.arguments.contains(where: hasSubquery)
        case .row(let l): return l.contains(where: hasSubquery)
        case .caseWhen(let c):
            return (c.base.map(hasSubquery) ?? false) || (c.elseValue.map(hasSubquery) ?? false)
                || c.branches.contains { hasSubquery($0.when) || hasSubquery($0.then) }
        default: return false
        }
    }

    private static func columnOf(_ c: IndexedColumn, _ columns: [ColumnInfo]) throws(StrataError) -> Int {
        guard case .column(let ref) = c.expr, let i = columns.firstIndex(where: { $0.name.caseInsensitiveEquals(ref.name) }) else {
            throw StrataError(.syntaxError, "expressions prohibited in PRIMARY KEY and UNIQUE constraints")
        }
        return i
    }
}
