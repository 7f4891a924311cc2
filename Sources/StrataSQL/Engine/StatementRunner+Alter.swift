// ALTER TABLE: RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN, as SQLite 3.40 does them.
//
// Every change is made to the stored CREATE text, as in SQLite: RENAME edits the tokens that name
// the table or column in every object (SchemaRename.swift), ADD COLUMN inserts the column's text
// after the last column definition, DROP COLUMN cuts the column's definition out. The changed
// objects are then parsed again and installed in the transaction's catalog under their old ids,
// and the objects that depend on the table are checked ("error in view v after drop column: ...").
// All writes go through `tx`, so ROLLBACK undoes everything.
//
// Rows: ADD COLUMN leaves the stored rows as they are; a row shorter than its table reads the
// missing columns' DEFAULT values (RowPadding, used by ExecutionSession.rows(of:)). DROP COLUMN
// rewrites every row without the column; index entries hold values and rowids only, so the
// remaining indexes stay valid (an index that uses the column is an error, as in SQLite).

import StrataCatalog
import StrataCore

extension StatementRunner {
    func alterTable(_ s: AlterTableStatement) throws(StrataError) {
        let name = s.table.name
        let words = AlterWords(session.statementText)
        guard let table = tx.catalog.table(name) else {
            if tx.catalog.view(name) != nil { try alterView(name, s.action) }
            if SchemaTable.isTemp(name) != nil || tx.catalog.isSequenceTable(name) {
                throw StrataError(.syntaxError, "table \(name) may not be altered", location: s.table.location)
            }
            throw StrataError(.undefinedTable, "no such table: \(name)", location: s.table.location)
        }
        if table.name.lowercased().hasPrefix("sqlite_") {
            throw StrataError(.syntaxError, "table \(table.name) may not be altered")
        }
        switch s.action {
        case .renameTable(let newName):
            try checkNewTableName(newName)
            try renameObjects(of: table, .table(newName: newName), when: "rename", strict: false)
        case .renameColumn(let from, let to):
            guard table.columnIndex(from) != nil else {
                throw StrataError(.syntaxError, "no such column: \"\(words.renameFrom ?? from)\"")
            }
            try renameObjects(of: table, .column(old: from, new: to, quoteNew: words.renameToIsQuoted), when: "rename", strict: true)
        case .addColumn(let def):
            try addColumn(def, to: table, text: words.columnDefinition)
        case .dropColumn(let column):
            try dropColumn(column, from: table, written: words.dropped ?? column)
        }
        session.invalidate()
    }

    /// ALTER TABLE on a view: SQLite's messages.
    private func alterView(_ name: String, _ action: AlterTableAction) throws(StrataError) {
        switch action {
        case .renameTable(let newName):
            try checkNewTableName(newName)
            throw StrataError(.syntaxError, "view \(name) may not be altered")
        case .renameColumn:
            throw StrataError(.syntaxError, "cannot rename columns of view \"\(name)\"")
        case .addColumn:
            throw StrataError(.syntaxError, "Cannot add a column to a view")
        case .dropColumn:
            throw StrataError(.syntaxError, "cannot drop column from view \"\(name)\"")
        }
    }

    private func checkNewTableName(_ newName: String) throws(StrataError) {
        if tx.catalog.nameIsTaken(newName) {
            throw StrataError(.syntaxError, "there is already another table or index with this name: \(newName)")
        }
        if newName.lowercased().hasPrefix("sqlite_") {
            throw StrataError(.syntaxError, "object name reserved for internal use: \(newName)")
        }
    }

    // MARK: RENAME TO, RENAME COLUMN

    private func renameObjects(of table: TableInfo, _ operation: RenameOperation, when: String, strict: Bool) throws(StrataError) {
        var texts: [UInt32: String] = [:]
        var dependents: Set<UInt32> = []
        for object in schemaObjects() {
            let walker = try walk(object, table, operation, catalog: tx.catalog)
            if walker.touchesTarget { dependents.insert(object.id) }
            let text = walker.newText
            if text != object.sql { texts[object.id] = text }
        }
        try replaceObjects(of: table, texts: texts, dependents: dependents, when: when, strict: strict)
    }

    /// Parses an object's stored text and walks it for `operation`.
    private func walk(_ object: SchemaObject, _ table: TableInfo, _ operation: RenameOperation,
                      catalog: Catalog) throws(StrataError) -> RenameWalker {
        let walker = RenameWalker(catalog: catalog, target: table, operation: operation, text: object.sql)
        let parsed: ParsedStatement
        do {
            parsed = try parseStatement(object.sql)
        } catch {
            throw StrataError(error.code, "malformed database schema (\(object.name)) - \(error.message)")
        }
        switch parsed.statement {
        case .createTable(let c): walker.walkTable(c)
        case .createIndex(let c): walker.walkIndex(c)
        case .createView(let c): walker.walkView(c)
        case .createTrigger(let c): walker.walkTrigger(c)
        default: break
        }
        return walker
    }

    // MARK: ADD COLUMN

    private func addColumn(_ def: ColumnDefinition, to table: TableInfo, text: String?) throws(StrataError) {
        if table.columnIndex(def.name) != nil {
            throw StrataError(.syntaxError, "duplicate column name: \(def.name)", location: def.location)
        }
        var isPrimaryKey = false
        var isUnique = false
        var isStored = false
        var isGenerated = false
        var notNull = false
        var hasCheck = false
        var defaultValue: Expr?
        for k in def.constraints {
            switch k.kind {
            case .primaryKey: isPrimaryKey = true
            case .unique: isUnique = true
            case .notNull: notNull = true
            case .check: hasCheck = true
            case .defaultValue(let e): defaultValue = e
            case .generated(_, let stored):
                isGenerated = true
                isStored = isStored || stored
            default: break
            }
        }
        for k in def.constraints {
            if case .collate(let n) = k.kind, Collation(name: n) == nil {
                throw StrataError(.syntaxError, "no such collation sequence: \(n)")
            }
        }
        // What SQLite refuses while parsing a generated column (SchemaBuilder says the same, but
        // inside "error in table t after add column").
        var sawDefault = false
        var sawGenerated = false
        for k in def.constraints {
            switch k.kind {
            case .defaultValue:
                if sawGenerated { throw StrataError(.syntaxError, "cannot use DEFAULT on a generated column") }
                sawDefault = true
            case .generated:
                if sawDefault || sawGenerated { throw StrataError(.syntaxError, "error in generated column \"\(def.name)\"") }
                sawGenerated = true
            default: break
            }
        }
        if isPrimaryKey { throw StrataError(.syntaxError, "Cannot add a PRIMARY KEY column") }
        if isUnique { throw StrataError(.syntaxError, "Cannot add a UNIQUE column") }
        if case .literal(.null)? = defaultValue { defaultValue = nil }
        let hasRows = try tableHasRows(table)
        if isGenerated {
            // A VIRTUAL column is computed when an old row is read (RowPadding); a STORED one
            // would have to be written into every row, which SQLite does not do either.
            if hasRows && isStored { throw StrataError(.syntaxError, "cannot add a STORED column") }
        } else {
            if hasRows && notNull && defaultValue == nil {
                throw StrataError(.syntaxError, "Cannot add a NOT NULL column with default value NULL")
            }
            if hasRows, let d = defaultValue, !Self.isConstantDefault(d) {
                throw StrataError(.syntaxError, "Cannot add a column with non-constant default")
            }
        }
        guard let text else { throw StrataError(.internalError, "ALTER TABLE ADD COLUMN: the column's text was not found") }
        let layout = try TableLayout(table)
        let at = layout.columnsEnd
        let sql = String(decoding: layout.tokens.bytes[..<at], as: UTF8.self) + ", " + text
            + String(decoding: layout.tokens.bytes[at...], as: UTF8.self)
        try replaceObjects(of: table, texts: [table.id: sql], dependents: try dependents(of: table), when: "add column", strict: true)
        // Old rows read the new column's default or computed value: it must pass the column's
        // CHECK constraints, and a generated one its NOT NULL (SQLite runs quick_check: per row,
        // NOT NULL before CHECK).
        let checksNotNull = isGenerated && notNull
        guard hasRows, hasCheck || checksNotNull, let newTable = tx.catalog.table(table.name),
              let column = newTable.columnIndex(def.name) else { return }
        let scope = tableScope(newTable)
        let planner = Planner(catalog: tx.catalog, session: session)
        let ctx = EvalContext(parameters: parameters, session: session)
        var checks: [BoundExpr] = []
        for k in def.constraints {
            if case .check(let e) = k.kind { checks.append(try planner.bind(e, scope).expr) }
        }
        session.invalidate()
        for row in try session.rows(of: newTable) {
            try session.checkInterrupt()
            if checksNotNull && row[column + 1].isNull {
                throw StrataError(.notNullViolation, "NOT NULL constraint failed")
            }
            for c in checks where try Evaluator.eval(c, row, ctx).isTrue == false {
                throw StrataError(.checkViolation, "CHECK constraint failed")
            }
        }
    }

    /// A default SQLite can store for the rows already there: a literal, maybe signed, cast or collated.
    private static func isConstantDefault(_ e: Expr) -> Bool {
        switch e {
        case .literal: true
        case .unary(.negate, let x), .unary(.plus, let x), .cast(let x, _), .collate(let x, _): isConstantDefault(x)
        default: false
        }
    }

    private func tableHasRows(_ table: TableInfo) throws(StrataError) -> Bool {
        let (lo, hi) = Keys.tableRange(table.id)
        var cursor = try tx.cursor(from: lo, to: hi)
        return try cursor.next()
    }

    // MARK: DROP COLUMN

    private func dropColumn(_ name: String, from table: TableInfo, written: String) throws(StrataError) {
        guard let index = table.columnIndex(name) else {
            throw StrataError(.syntaxError, "no such column: \"\(written)\"")
        }
        let layout = try TableLayout(table)
        let def = layout.definition
        var isPrimaryKey = table.columns[index].isPrimaryKey
        var isUnique = false
        for k in def.columns[index].constraints {
            if case .unique = k.kind { isUnique = true }
        }
        for k in def.constraints {
            guard case .primaryKey(let cols, _, _) = k.kind else { continue }
            for c in cols {
                if case .column(let ref) = c.expr, ref.name.caseInsensitiveEquals(table.columns[index].name) { isPrimaryKey = true }
            }
        }
        if isPrimaryKey || isUnique {
            throw StrataError(.syntaxError, "cannot drop \(isPrimaryKey ? "PRIMARY KEY" : "UNIQUE") column: \"\(name)\"")
        }
        if table.columns.count <= 1 {
            throw StrataError(.syntaxError, "cannot drop column \"\(name)\": no other columns exist")
        }
        // The column's text: up to the next column's name, or (the last column) from the comma before it.
        let bytes = layout.tokens.bytes
        guard let nameToken = layout.tokens.index(at: def.columns[index].location) else {
            throw StrataError(.internalError, "ALTER TABLE DROP COLUMN: the column's text was not found")
        }
        var start = layout.tokens.tokens[nameToken].start
        let end: Int
        if index + 1 < def.columns.count, let next = layout.tokens.index(at: def.columns[index + 1].location) {
            end = layout.tokens.tokens[next].start
        } else {
            end = layout.columnsEnd
            // The comma token before the name (SQLite scans back for a ',' byte, which a comment
            // between the two could hold).
            if layout.tokens.kind(nameToken - 1) == .comma { start = layout.tokens.tokens[nameToken - 1].start }
        }
        let sql = String(decoding: bytes[..<start], as: UTF8.self) + String(decoding: bytes[end...], as: UTF8.self)
        let rows = try session.rows(of: table)
        try replaceObjects(of: table, texts: [table.id: sql], dependents: try dependents(of: table), when: "drop column", strict: true)
        for row in rows {
            try session.checkInterrupt()
            var values = Array(row.dropFirst())
            values.remove(at: index)
            try tx.put(Keys.row(table.id, row[0].integerValue), encodeRecord(values))
        }
        session.invalidate()
    }

    /// Objects whose meaning depends on the table: they are checked again after a change.
    private func dependents(of table: TableInfo) throws(StrataError) -> Set<UInt32> {
        var ids: Set<UInt32> = []
        for object in schemaObjects() where object.id != table.id {
            if try walk(object, table, .inspect, catalog: tx.catalog).touchesTarget { ids.insert(object.id) }
        }
        return ids
    }

    // MARK: the catalog

    /// Every stored schema object, by id (creation order).
    func schemaObjects() -> [SchemaObject] {
        let c = tx.catalog
        var out: [SchemaObject] = []
        for t in c.tables.values { out.append(SchemaObject(kind: "table", id: t.id, name: t.name, tableName: t.name, sql: t.sql)) }
        for ix in c.indexes.values where !ix.isAutomatic {
            out.append(SchemaObject(kind: "index", id: ix.id, name: ix.name, tableName: ix.table, sql: ix.sql))
        }
        for v in c.views.values { out.append(SchemaObject(kind: "view", id: v.id, name: v.name, tableName: v.name, sql: v.sql)) }
        for t in c.triggers.values { out.append(SchemaObject(kind: "trigger", id: t.id, name: t.name, tableName: t.table, sql: t.sql)) }
        return out.sorted { $0.id < $1.id }
    }

    /// Installs new texts (`texts`, by object id) and installs again, under their ids, the table,
    /// its indexes and triggers and the `dependents`; checks them (`strict`: a double-quoted name
    /// must be a column); writes the changed catalog rows.
    private func replaceObjects(of table: TableInfo, texts: [UInt32: String], dependents: Set<UInt32>,
                                when: String, strict: Bool) throws(StrataError) {
        let before = tx.catalog
        var affected = schemaObjects().filter { o in
            o.id == table.id || texts[o.id] != nil || dependents.contains(o.id)
                || ((o.kind == "index" || o.kind == "trigger") && o.tableName.caseInsensitiveEquals(table.name))
        }
        for i in affected.indices {
            if let t = texts[affected[i].id] { affected[i].sql = t }
        }
        var catalog = before
        for o in affected {
            switch o.kind {
            case "table":
                catalog.tables[o.name.lowercased()] = nil
                for ix in catalog.indexes.values where ix.isAutomatic && ix.table.caseInsensitiveEquals(o.name) {
                    catalog.indexes[ix.name.lowercased()] = nil
                }
            case "index": catalog.indexes[o.name.lowercased()] = nil
            case "view": catalog.views[o.name.lowercased()] = nil
            default: catalog.triggers[o.name.lowercased()] = nil
            }
        }
        // Tables first, then what refers to them (as CatalogLoader does).
        var parsed: [UInt32: ParsedStatement] = [:]
        for kind in ["table", "index", "view", "trigger"] {
            for o in affected where o.kind == kind {
                do throws(StrataError) {
                    let p = try parseStatement(o.sql)
                    if case .createTable(let c) = p.statement, case .definition(let def) = c.body {
                        try Self.checkConstraintColumns(def)
                    }
                    try SchemaBuilder.install(p.statement, id: o.id, sql: o.sql, into: &catalog)
                    parsed[o.id] = p
                } catch {
                    throw Self.schemaError(o, when, error)
                }
            }
        }
        tx.catalog = catalog
        // Check what depends on the table, in creation order.
        guard let newTable = catalog.tables.values.first(where: { $0.id == table.id }) else { return }
        for o in affected {
            do throws(StrataError) {
                try check(o, parsed[o.id], newTable, strict: strict)
            } catch {
                throw Self.schemaError(o, when, error)
            }
        }
        // The catalog rows of the objects whose text or name changed.
        for o in affected {
            let kind = o.kind
            var name = o.name
            var tableName = o.tableName
            var sql = o.sql
            switch kind {
            case "table":
                guard let t = catalog.tables.values.first(where: { $0.id == o.id }) else { continue }
                (name, tableName, sql) = (t.name, t.name, t.sql)
            case "index":
                guard let ix = catalog.indexes[o.name.lowercased()] else { continue }
                (tableName, sql) = (ix.table, ix.sql)
            case "trigger":
                guard let t = catalog.triggers[o.name.lowercased()] else { continue }
                (tableName, sql) = (t.table, t.sql)
            default:
                break
            }
            guard texts[o.id] != nil || name != o.name || tableName != o.tableName else { continue }
            try tx.put(Keys.catalog(o.id), encodeRecord([.text(kind), .text(name), .text(tableName), .text(sql)]))
        }
    }

    /// SQLite's "error in view v after drop column: no such column: y".
    private static func schemaError(_ o: SchemaObject, _ when: String, _ error: StrataError) -> StrataError {
        StrataError(error.code, "error in \(o.kind) \(o.name)\(when.isEmpty ? "" : " after " + when): \(error.message)")
    }

    /// PRIMARY KEY and UNIQUE table constraints name existing columns.
    private static func checkConstraintColumns(_ def: TableDefinition) throws(StrataError) {
        for k in def.constraints {
            let cols: [IndexedColumn]
            switch k.kind {
            case .primaryKey(let c, _, _): cols = c
            case .unique(let c, _): cols = c
            default: continue
            }
            for c in cols {
                var e = c.expr
                if case .collate(let inner, _) = e { e = inner }
                if case .column(let ref) = e, !ref.isDoubleQuoted, !def.columns.contains(where: { $0.name.caseInsensitiveEquals(ref.name) }) {
                    throw StrataError(.syntaxError, "no such column: \(ref.name)")
                }
            }
        }
    }

    /// Checks one installed object against the changed table: names in CHECK constraints,
    /// index expressions, views' queries, NEW and OLD columns in triggers.
    private func check(_ o: SchemaObject, _ parsed: ParsedStatement?, _ table: TableInfo, strict: Bool) throws(StrataError) {
        let planner = Planner(catalog: tx.catalog, session: session)
        // Names first, the way SQLite resolves them (double-quoted ones too when `strict`).
        if let parsed {
            let walker = RenameWalker(catalog: tx.catalog, target: table, operation: .inspect, text: o.sql)
            walker.strictQuotes = strict
            switch parsed.statement {
            case .createTable(let c): walker.walkTable(c)
            case .createIndex(let c): walker.walkIndex(c)
            case .createTrigger(let c): walker.walkTrigger(c)
            default: break
            }
            if let missing = walker.missingColumns.first {
                throw StrataError(.syntaxError, "no such column: \(missing)")
            }
        }
        switch o.kind {
        case "table":
            guard let t = tx.catalog.tables.values.first(where: { $0.id == o.id }), let parsed,
                  case .createTable(let c) = parsed.statement, case .definition(let def) = c.body else { return }
            let scope = tableScope(t)
            for k in def.columns.flatMap(\.constraints) {
                if case .check(let e) = k.kind { _ = try planner.bind(e, scope) }
            }
            for k in def.constraints {
                if case .check(let e) = k.kind { _ = try planner.bind(e, scope) }
            }
            try validateGeneratedColumns(t)
        case "index":
            guard let ix = tx.catalog.indexes[o.name.lowercased()], let t = tx.catalog.table(ix.table) else { return }
            let scope = tableScope(t)
            for c in ix.columns where c.column == nil { _ = try planner.bind(c.expr, scope) }
            if let w = ix.whereClause { _ = try planner.bind(w, scope) }
        case "view":
            guard let v = tx.catalog.views[o.name.lowercased()] else { return }
            _ = try planner.planQuery(v.select, parent: nil)
        default:
            break
        }
    }
}

/// One stored schema object.
struct SchemaObject {
    var kind: String
    var id: UInt32
    var name: String
    var tableName: String
    var sql: String
}

/// A table's stored CREATE TABLE: its definition and tokens, and where its column definitions end.
private struct TableLayout {
    let tokens: TokenizedText
    let definition: TableDefinition
    /// The byte offset of the comma before the first table constraint, or of the closing
    /// parenthesis (SQLite's addColOffset): ADD COLUMN inserts there.
    let columnsEnd: Int

    init(_ table: TableInfo) throws(StrataError) {
        let parsed = try parseStatement(table.sql)
        guard case .createTable(let c) = parsed.statement, case .definition(let def) = c.body else {
            throw StrataError(.internalError, "table \(table.name) has no column definitions")
        }
        tokens = TokenizedText(table.sql)
        definition = def
        guard let first = def.columns.first, var i = tokens.index(at: first.location) else {
            throw StrataError(.internalError, "table \(table.name): its text was not found")
        }
        var depth = 0
        var items = 0
        var end: Int?
        while i < tokens.tokens.count {
            switch tokens.kind(i) {
            case .leftParen: depth += 1
            case .rightParen:
                if depth == 0 { end = tokens.tokens[i].start }
                depth -= 1
            case .comma where depth == 0:
                items += 1
                if items == def.columns.count { end = tokens.tokens[i].start }
            default: break
            }
            if end != nil { break }
            i += 1
        }
        guard let end else { throw StrataError(.internalError, "table \(table.name): its text was not found") }
        columnsEnd = end
    }
}

/// The words of the ALTER TABLE statement as written: SQLite quotes them in its messages and
/// copies ADD COLUMN's definition into the table's text.
private struct AlterWords {
    /// RENAME COLUMN's old name, raw.
    var renameFrom: String?
    var renameToIsQuoted = false
    /// ADD COLUMN's column definition text.
    var columnDefinition: String?
    /// DROP COLUMN's name, raw.
    var dropped: String?

    init(_ text: String) {
        let t = TokenizedText(text)
        var i = 3
        if t.kind(3) == .dot { i = 5 }
        switch t.keyword(i) {
        case .rename:
            guard t.keyword(i + 1) != .to else {
                renameToIsQuoted = t.kind(i + 2) != .word
                return
            }
            var from = i + 1
            if t.keyword(from) == .column && t.keyword(from + 1) != .to { from += 1 }
            renameFrom = t.text(from)
            renameToIsQuoted = t.kind(from + 2) != .word
        case .add:
            var start = i + 1
            if t.keyword(start) == .column { start += 1 }
            if start < t.tokens.count {
                columnDefinition = String(decoding: t.bytes[t.tokens[start].start..<t.tokens[t.tokens.count - 1].end], as: UTF8.self)
            }
        case .drop:
            var c = i + 1
            if t.keyword(c) == .column { c += 1 }
            dropped = t.text(c)
        default:
            break
        }
    }
}

/// Values for the columns a stored row lacks. Rows written before ALTER TABLE ADD COLUMN are
/// shorter than their table; as in SQLite, the missing columns read as their DEFAULT.
struct RowPadding {
    let table: TableInfo
    private var values: [Value?] = []

    init(_ table: TableInfo) { self.table = table }

    /// Completes `row` ([rowid, columns...]) to the table's width.
    /// A generated column among them (VIRTUAL: a STORED one cannot be added to a table with rows)
    /// is computed from the row, once the others have their defaults.
    mutating func pad(_ row: inout [Value], _ session: ExecutionSession) throws(StrataError) {
        let width = table.columns.count
        let first = row.count - 1
        if values.isEmpty { values = Array(repeating: nil, count: width) }
        while row.count < width + 1 {
            let i = row.count - 1
            if values[i] == nil { values[i] = try session.storedDefault(table.columns[i]) }
            row.append(values[i]!)
        }
        let missing = table.generatedColumns.filter { $0 >= first }
        if !missing.isEmpty { try session.computeGenerated(table, &row, missing) }
    }
}

extension Value {
    fileprivate var isNumeric: Bool {
        switch self {
        case .integer, .real: true
        default: false
        }
    }
}

extension ExecutionSession {
    /// A column's DEFAULT, evaluated, with the column's affinity (NULL without one).
    func storedDefault(_ column: ColumnInfo) throws(StrataError) -> Value {
        guard let d = column.defaultValue else { return .null }
        let planner = Planner(catalog: catalog, session: self)
        let v = try Evaluator.eval(try planner.bind(d, Scope(parent: nil)).expr, [], EvalContext(parameters: [], session: self))
        // SQLite reads a numeric literal default of a column without affinity as NUMERIC (1e3 is 1000).
        if column.affinity == .blob, case .literal(let lit) = d, lit.isNumeric { return applyAffinity(v, .numeric) }
        return applyAffinity(v, column.affinity)
    }
}
