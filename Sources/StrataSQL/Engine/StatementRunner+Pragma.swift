// PRAGMAs: the storage ones (integrity_check, wal_checkpoint, page_size, synchronous) and the
// schema queries table_info, table_xinfo, index_list, index_info and index_xinfo, with SQLite 3.40's column
// names and values. Any other pragma returns no rows and does nothing, as SQLite does with a
// name it does not know.
//
// The schema queries take their argument in any of SQLite's forms (`PRAGMA table_info(t)`,
// `('t')`, `= t`, `main.table_info(t)`); an unknown name gives no rows, as does a view for
// index_list and a table for index_info.
// What they show, as SQLite does:
//   - table_info: cid, name, type (the declared type: a standard name in capitals, else as
//     written, dequoted), notnull, dflt_value (the DEFAULT's text as written, NULL without one),
//     pk (the column's place in the PRIMARY KEY, from 1; 0 outside it). Generated columns are
//     left out and the cids count the others; table_xinfo shows every column, with `hidden`
//     2 for a VIRTUAL generated column, 3 for a STORED one, 0 otherwise. A view's columns have
//     the declared type of the table column they show, if they show one plainly.
//   - index_list: seq, name, unique, origin (c, u, pk), partial, newest first as SQLite lists
//     them, its indexes with ON CONFLICT REPLACE after the others (`replaceLast`).
//   - index_info: seqno, cid (-2 for an expression), name (NULL for an expression); index_xinfo
//     adds desc, coll and key, and the rowid's row (cid -1). For a WITHOUT ROWID table SQLite
//     lists the PRIMARY KEY's columns where Strata lists the rowid it stores rows by.

import StrataCatalog
import StrataCore
import StrataStorage

extension StatementRunner {
    func pragma(_ p: PragmaStatement) throws(StrataError) -> QueryRows {
        let empty = QueryRows(columns: [], rows: [])
        switch p.name.lowercased() {
        case "integrity_check":
            let problems = session.storage.integrityCheck()
            return QueryRows(columns: ["integrity_check"], rows: problems.isEmpty ? [[.text("ok")]] : problems.map { [.text($0)] })
        case "wal_checkpoint":
            try session.storage.checkpoint()
            return QueryRows(columns: ["busy", "log", "checkpointed"], rows: [[.integer(0), .integer(0), .integer(0)]])
        case "page_size":
            return QueryRows(columns: ["page_size"], rows: [[.integer(Int64(session.storage.pageSize))]])
        case "synchronous":
            if let v = p.value {
                guard let mode = SynchronousMode(rawValue: v.text.uppercased()) ?? (v.text == "0" ? .off : v.text == "1" ? .normal : v.text == "2" ? .full : nil) else {
                    throw StrataError(.syntaxError, "synchronous must be FULL, NORMAL or OFF")
                }
                session.storage.synchronous = mode
                return empty
            }
            let code: Int64 = switch session.storage.synchronous {
            case .off: 0
            case .normal: 1
            case .full: 2
            }
            return QueryRows(columns: ["synchronous"], rows: [[.integer(code)]])
        case "table_info":
            return try tableInfo(p, extended: false)
        case "table_xinfo":
            return try tableInfo(p, extended: true)
        case "index_list":
            return try indexList(p)
        case "table_list":
            return try tableList(p)
        case "index_info":
            return try indexInfo(p, extended: false)
        case "index_xinfo":
            return try indexInfo(p, extended: true)
        default:
            return empty
        }
    }

    /// The object a schema pragma names, and whether it is looked for in the temp schema (which
    /// holds nothing but its schema table). Without an argument, nil: no rows.
    private func pragmaArgument(_ p: PragmaStatement) throws(StrataError) -> (name: String, temp: Bool)? {
        var temp = false
        if let schema = p.schema {
            switch schema.lowercased() {
            case "main": break
            case "temp": temp = true
            default: throw StrataError(.syntaxError, "unknown database \(schema)")
            }
        }
        guard let value = p.value else { return nil }
        return (value.text, temp)
    }

    /// PRAGMA table_list: schema, name, type, ncol, wr (WITHOUT ROWID), strict; newest first,
    /// then the schema tables, as SQLite 3.40 lists them. With a name: that table or view only.
    private func tableList(_ p: PragmaStatement) throws(StrataError) -> QueryRows {
        let names = ["schema", "name", "type", "ncol", "wr", "strict"]
        let only = try pragmaArgument(p)
        if only?.temp == true { return QueryRows(columns: names, rows: []) }
        var objects: [(id: UInt32, row: [Value])] = []
        for table in tx.catalog.tables.values {
            objects.append((table.id, [.text("main"), .text(table.name), .text("table"), .integer(Int64(table.columns.count)),
                                       .integer(table.isWithoutRowid ? 1 : 0), .integer(table.isStrict ? 1 : 0)]))
        }
        for view in tx.catalog.views.values {
            let (plan, _) = try planner.planQuery(view.select, parent: nil)
            objects.append((view.id, [.text("main"), .text(view.name), .text("view"), .integer(Int64(view.columns?.count ?? plan.columnNames.count)),
                                      .integer(0), .integer(0)]))
        }
        var rows = objects.sorted { $0.id > $1.id }.map(\.row)
        if let only {
            rows = rows.filter { $0[1].textValue.caseInsensitiveEquals(only.name) }
        } else {
            rows.append([.text("main"), .text("sqlite_schema"), .text("table"), .integer(5), .integer(0), .integer(0)])
            rows.append([.text("temp"), .text("sqlite_temp_schema"), .text("table"), .integer(5), .integer(0), .integer(0)])
        }
        return QueryRows(columns: names, rows: rows)
    }

    private func tableInfo(_ p: PragmaStatement, extended: Bool) throws(StrataError) -> QueryRows {
        var names = ["cid", "name", "type", "notnull", "dflt_value", "pk"]
        if extended { names.append("hidden") }
        var rows: [[Value]] = []
        func add(_ cid: Int, _ name: String, _ type: String?, notNull: Bool = false, dflt: String? = nil, pk: Int = 0, hidden: Int = 0) {
            var row: [Value] = [.integer(Int64(cid)), .text(name), .text(type ?? ""), .integer(notNull ? 1 : 0),
                                dflt.map { .text($0) } ?? .null, .integer(Int64(pk))]
            if extended { row.append(.integer(Int64(hidden))) }
            rows.append(row)
        }
        guard let (name, temp) = try pragmaArgument(p) else { return QueryRows(columns: names, rows: []) }
        if let isTemp = SchemaTable.isTemp(name), p.schema == nil || temp || !isTemp {
            // The schema tables, as SQLite finds them: main's under its names, temp's under all four.
            for (i, c) in SchemaTable.columns.enumerated() { add(i, c.name, c.affinity == .integer ? "INT" : "TEXT") }
        } else if temp {
            // The temp schema holds no tables of its own.
        } else if tx.catalog.isSequenceTable(name) {
            for (i, c) in SequenceTable.columns.enumerated() { add(i, c, nil) }
        } else if let table = tx.catalog.table(name) {
            var skipped = 0
            for (i, c) in table.columns.enumerated() {
                let hidden = c.generated.map { $0.isStored ? 3 : 2 } ?? 0
                if hidden != 0 && !extended {
                    skipped += 1
                    continue
                }
                add(i - skipped, c.name, c.typeText, notNull: c.notNull, dflt: c.defaultText,
                    pk: table.primaryKey.firstIndex(of: i).map { $0 + 1 } ?? 0, hidden: hidden)
            }
        } else if let view = tx.catalog.view(name) {
            let (plan, _) = try planner.planQuery(view.select, parent: nil)
            for (i, column) in Self.uniqueColumnNames(view.columns ?? plan.columnNames).enumerated() {
                add(i, column, Self.declaredType(plan, i))
            }
        }
        return QueryRows(columns: names, rows: rows)
    }

    /// A view's column names made unique as SQLite makes them (sqlite3ColumnsFromExprList): a
    /// name already taken gets `:1`, `:2`, ... in place of any `:digits` it ends with.
    static func uniqueColumnNames(_ names: [String]) -> [String] {
        var taken = Set<String>()
        var out: [String] = []
        for name in names {
            var candidate = name
            var count = 0
            while taken.contains(candidate.lowercased()) {
                var base = Substring(candidate)
                if let colon = base.lastIndex(of: ":"), colon != base.startIndex,
                   base[base.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }) {
                    base = base[..<colon]
                }
                count += 1
                candidate = "\(base):\(count)"
            }
            taken.insert(candidate.lowercased())
            out.append(candidate)
        }
        return out
    }

    /// The declared type of a query's result column as SQLite gives it to a view's column
    /// (columnType): a plain column of a table has its column's type (the rowid INTEGER), one of
    /// a subquery or view the type of that query's column, a scalar subquery its first column's;
    /// anything else none. A compound query's come from its first SELECT.
    static func declaredType(_ plan: QueryPlan, _ column: Int) -> String? {
        switch plan.body {
        case .compound(let first, _):
            return declaredType(first, column)
        case .core(let core):
            guard core.values == nil, column < core.results.count else { return nil }
            if case .scalarSubquery(let sub) = core.results[column] { return declaredType(sub.plan, 0) }
            guard case .column(0, let slot) = core.results[column],
                  let level = core.levels.first(where: { slot >= $0.offset && slot < $0.offset + $0.width })
            else { return nil }
            switch level.source {
            case .table(let table):
                let k = slot - level.offset
                return k == 0 ? "INTEGER" : table.columns[k - 1].typeText
            case .query(let q):
                return declaredType(q, slot - level.offset)
            case .rows:
                return SchemaTable.columns[slot - level.offset].affinity == .integer ? "INT" : "TEXT"
            case .sequenceTable:
                return slot == level.offset ? "INTEGER" : nil
            case .cteWorkingTable:
                return nil
            }
        }
    }

    private func indexList(_ p: PragmaStatement) throws(StrataError) -> QueryRows {
        let names = ["seq", "name", "unique", "origin", "partial"]
        guard let (name, temp) = try pragmaArgument(p), !temp, let table = tx.catalog.table(name) else {
            return QueryRows(columns: names, rows: [])
        }
        let created = tx.catalog.indexes(on: table.name).sorted { $0.creationOrder < $1.creationOrder }
        let rows = Self.replaceLast(created).enumerated().map { seq, ix -> [Value] in
            [.integer(Int64(seq)), .text(ix.name), .integer(ix.isUnique ? 1 : 0), .text(ix.origin.rawValue),
             .integer(ix.whereClause == nil ? 0 : 1)]
        }
        return QueryRows(columns: names, rows: rows)
    }

    /// A table's indexes in SQLite's list order, from the order they were created in: each new
    /// index goes first, except that one with ON CONFLICT REPLACE goes after the indexes without
    /// it at the front of the list when the first index lacks it (sqlite3CreateIndex).
    static func replaceLast(_ created: [IndexInfo]) -> [IndexInfo] {
        var list: [IndexInfo] = []
        for ix in created {
            guard ix.onConflict == .replace, let first = list.first, first.onConflict != .replace else {
                list.insert(ix, at: 0)
                continue
            }
            var after = 0
            while after + 1 < list.count && list[after + 1].onConflict != .replace { after += 1 }
            list.insert(ix, at: after + 1)
        }
        return list
    }

    /// index_info: seqno, cid, name per key column. index_xinfo adds desc, coll (the collation the
    /// keys are encoded by: the COLLATE written, else the column's) and key (1), and a last row
    /// for the rowid every entry ends with (cid -1, name NULL, key 0).
    private func indexInfo(_ p: PragmaStatement, extended: Bool) throws(StrataError) -> QueryRows {
        var names = ["seqno", "cid", "name"]
        if extended { names += ["desc", "coll", "key"] }
        guard let (name, temp) = try pragmaArgument(p), !temp, let ix = tx.catalog.index(name) else {
            return QueryRows(columns: names, rows: [])
        }
        let table = tx.catalog.table(ix.table)
        var rows = ix.columns.enumerated().map { seqno, c -> [Value] in
            var row: [Value]
            if let column = c.column, let table {
                row = [.integer(Int64(seqno)), .integer(Int64(column)), .text(table.columns[column].name)]
            } else {
                row = [.integer(Int64(seqno)), .integer(-2), .null]
            }
            if extended {
                let collation = c.collation.flatMap { Collation(name: $0) } ?? .binary
                row += [.integer(c.descending ? 1 : 0), .text(collation.name), .integer(1)]
            }
            return row
        }
        if extended {
            rows.append([.integer(Int64(ix.columns.count)), .integer(-1), .null, .integer(0), .text("BINARY"), .integer(0)])
        }
        return QueryRows(columns: names, rows: rows)
    }
}
