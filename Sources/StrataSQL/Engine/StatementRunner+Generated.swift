// Generated columns: `x AS (expr)`, `GENERATED ALWAYS AS (expr) VIRTUAL | STORED`.
//
// Both kinds are computed when a row is written (INSERT, UPDATE, and the rows an ALTER TABLE
// DROP COLUMN rewrites) and stored in the row's record with the other columns, so every reader
// (queries, indexes, CHECK, triggers) sees them with nothing new. This is sound because an
// expression may read only the columns of its own row and deterministic functions (SQLite's
// rules, checked at CREATE): its value changes only when the row does, and every change of a
// row goes through `insertRow`, which computes it again. The one row that is read without being
// written is a row older than an ALTER TABLE ADD COLUMN of a VIRTUAL column (a STORED one cannot
// be added to a table with rows): `RowPadding` computes the missing value when it reads it.
// VIRTUAL thus costs the space of STORED; it keeps nothing stale, and SQLite's file format is
// not Strata's anyway.
//
// Order: SQLite's sqlite3ComputeGeneratedColumns. Passes over the columns in table order compute
// each one whose generated dependencies are computed, until none is left; a pass that makes no
// progress ends with "generated column loop on "x"", naming the last column it could not compute
// (a loop is not an error at CREATE, only when a row is written).
//
// Each value takes its column's affinity. A STRICT table does not check a generated value's type
// (SQLite 3.40 checks the other columns before computing them).

import StrataCatalog
import StrataCore

extension StatementRunner {
    /// Checks the generated columns' expressions as SQLite does when it ends a CREATE TABLE
    /// (sqlite3ResolveSelfReference with NC_GenCol), reporting, as SQLite does, the error of the
    /// last column that has one.
    func validateGeneratedColumns(_ table: TableInfo) throws(StrataError) {
        var failure: StrataError?
        for i in table.generatedColumns {
            guard let g = table.columns[i].generated else { continue }
            var walk = GeneratedExpressionCheck(table: table)
            walk.visit(g.expr)
            if let message = walk.message {
                failure = StrataError(.syntaxError, message)
                continue
            }
            do throws(StrataError) {
                _ = try planner.bind(g.expr, tableScope(table))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}

extension ExecutionSession {
    /// Computes the generated columns `wanted` of `row` ([rowid, columns...]) in SQLite's order;
    /// the other generated columns of the row are taken as already computed.
    func computeGenerated(_ table: TableInfo, _ row: inout [Value], _ wanted: [Int]) throws(StrataError) {
        guard !wanted.isEmpty else { return }
        let bound = try generatedExpressions(table)
        let ctx = EvalContext(parameters: [], session: self)
        var notAvailable = Set(wanted)
        var redo: Int?
        var progress = false
        repeat {
            redo = nil
            progress = false
            for i in wanted where notAvailable.contains(i) {
                guard let g = table.columns[i].generated, let e = bound[i] else { continue }
                if g.dependencies.contains(where: { notAvailable.contains($0) }) {
                    redo = i
                    continue
                }
                row[i + 1] = applyAffinity(try Evaluator.eval(e, row, ctx), table.columns[i].affinity)
                notAvailable.remove(i)
                progress = true
            }
        } while redo != nil && progress
        if let redo {
            throw StrataError(.syntaxError, "generated column loop on \"\(table.columns[redo].name)\"")
        }
    }

    /// The bound expressions of a table's generated columns, by column index, bound once per
    /// statement (per `TableInfo`: an ALTER TABLE makes a new one).
    private func generatedExpressions(_ table: TableInfo) throws(StrataError) -> [Int: BoundExpr] {
        let key = ObjectIdentifier(table)
        if let cached = generatedBindings[key], cached.table === table { return cached.expressions }
        let planner = Planner(catalog: catalog, session: self)
        let scope = Scope(parent: nil)
        scope.sources = [Scope.Source(name: table.name, columns: table.columns.map {
            Scope.Column(name: $0.name, affinity: $0.affinity, collation: planner.collation($0.collation))
        }, offset: 1, hasRowid: true)]
        var out: [Int: BoundExpr] = [:]
        for i in table.generatedColumns {
            guard let g = table.columns[i].generated else { continue }
            out[i] = try planner.bind(g.expr, scope).expr
        }
        generatedBindings[key] = (table, out)
        return out
    }
}

/// SQLite's checks of a generated column's expression, in its order (a walk of the expression,
/// each node before its operands): a column of the table, else "no such column" (a double-quoted
/// name that is not a column is a string); no `table.column` ("the "." operator prohibited"),
/// parameters, subqueries, aggregates or non-deterministic functions. As in SQLite, the walk
/// stops at the first error, but an error found at a function call (or inside its arguments)
/// does not stop it, so a later one replaces it.
struct GeneratedExpressionCheck {
    let table: TableInfo
    private(set) var message: String?
    private var stopped = false

    init(table: TableInfo) { self.table = table }

    private static let nonDeterministic: Set<String> = ["random", "randomblob", "changes", "total_changes", "last_insert_rowid"]

    private mutating func fail(_ text: String, stop: Bool) {
        message = text
        if stop { stopped = true }
    }

    mutating func visit(_ e: Expr) {
        if stopped { return }
        switch e {
        case .column(let ref):
            let exists = table.columnIndex(ref.name) != nil
            if let qualifier = ref.table {
                fail("the \".\" operator prohibited in generated columns", stop: false)
                if !(ref.schema?.caseInsensitiveEquals("main") ?? true) || !qualifier.caseInsensitiveEquals(table.name) || !exists {
                    let written = [ref.schema, ref.table, ref.name].compactMap { $0 }.joined(separator: ".")
                    fail("no such column: \(written)", stop: true)
                }
            } else if !exists && !ref.isDoubleQuoted {
                fail("no such column: \(ref.name)", stop: true)
            }
        case .parameter:
            fail("parameters prohibited in generated columns", stop: true)
        case .exists, .subquery, .inSelect, .inTable:
            fail("subqueries prohibited in generated columns", stop: true)
        case .currentTime:
            fail("non-deterministic functions prohibited in generated columns", stop: false)
        case .function(let f):
            let name = f.name.lowercased()
            if aggregateNames.contains(name) && !((name == "min" || name == "max") && f.arguments.count > 1) {
                fail("misuse of aggregate function \(f.name)()", stop: false)
            } else if Self.nonDeterministic.contains(name) {
                fail("non-deterministic functions prohibited in generated columns", stop: false)
            }
            for a in f.arguments { visit(a) }
            if let filter = f.filter { visit(filter) }
            for o in f.orderBy { visit(o.expr) }
            stopped = false
        default:
            for child in e.operands { visit(child) }
        }
    }
}

extension Expr {
    /// The expressions directly inside this one, in the order they are written (not those inside
    /// a subquery).
    var operands: [Expr] {
        switch self {
        case .literal, .currentTime, .column, .parameter, .exists, .subquery, .raise: []
        case .unary(_, let x), .collate(let x, _), .isNull(let x, _), .cast(let x, _), .inSelect(let x, _, _), .inTable(let x, _, _): [x]
        case .binary(_, let a, let b): [a, b]
        case .like(let l): [l.value, l.pattern] + (l.escape.map { [$0] } ?? [])
        case .between(let a, let lo, let hi, _): [a, lo, hi]
        case .inList(let a, let list, _): [a] + list
        case .caseWhen(let c):
            (c.base.map { [$0] } ?? []) + c.branches.flatMap { [$0.when, $0.then] } + (c.elseValue.map { [$0] } ?? [])
        case .function(let f): f.arguments + (f.filter.map { [$0] } ?? []) + f.orderBy.map(\.expr)
        case .row(let list): list
        }
    }

    /// The column names this expression reads (outside subqueries).
    var columnReferences: [ColumnReference] {
        if case .column(let ref) = self { return [ref] }
        return operands.flatMap(\.columnReferences)
    }
}

extension StatementRunner {
    /// `row` ([rowid, columns...]) with its generated columns computed from its other columns
    /// (with their affinity): NEW as a BEFORE trigger sees it.
    func withGeneratedColumns(_ table: TableInfo, _ row: [Value]) throws(StrataError) -> [Value] {
        guard !table.generatedColumns.isEmpty else { return row }
        var out = row
        for (i, c) in table.columns.enumerated() { out[i + 1] = applyAffinity(out[i + 1], c.affinity) }
        try session.computeGenerated(table, &out, table.generatedColumns)
        var result = row
        for i in table.generatedColumns { result[i + 1] = out[i + 1] }
        return result
    }
}
