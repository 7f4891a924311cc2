// EXPLAIN [QUERY PLAN] stmt: the plan of the statement, which is not run (ExplainQueryPlan).
//
// SELECT shows its query plan. INSERT ... SELECT shows the SELECT's; UPDATE and DELETE show how
// they find their target rows: the target table planned as a one-table query with the WHERE's
// conjuncts as its filters, exactly as `candidateRows` reads it (`SEARCH t USING INDEX i (a=?)`,
// or `SCAN t`), named by its alias as SQLite names it; on a view with an INSTEAD OF trigger, the
// plan of reading the view's rows (read whole, then WHERE checked on each). Other statements (INSERT ... VALUES, DDL, transaction control) have no plan to
// show and give no rows, as in SQLite. Names are still checked: a missing table is an error.

import StrataCatalog
import StrataCore

extension StatementRunner {
    func explainRows(_ inner: SQLStatement) throws(StrataError) -> [[Value]] {
        switch inner {
        case .select(let s):
            let (plan, _) = try planner.planQuery(s, parent: statementParent)
            return ExplainQueryPlan.rows(for: plan)
        case .insert(let s):
            guard case .select(let select) = s.source else { return [] }
            let runner = withCTEs(s.with)
            let (plan, _) = try runner.planner.planQuery(Self.select(select, with: s.with), parent: statementParent)
            return ExplainQueryPlan.rows(for: plan)
        case .update(let s):
            return try withCTEs(s.with).explainTarget(s.table, alias: s.alias, hint: s.indexHint, whereClause: s.whereClause, isUpdate: true)
        case .delete(let s):
            return try withCTEs(s.with).explainTarget(s.table, alias: s.alias, hint: s.indexHint, whereClause: s.whereClause, isUpdate: false)
        default:
            return []
        }
    }

    /// How UPDATE or DELETE finds its target rows.
    private func explainTarget(_ name: QualifiedName, alias: String?, hint: IndexHint?, whereClause: Expr?,
                               isUpdate: Bool) throws(StrataError) -> [[Value]] {
        if tx.catalog.table(name.name) == nil, let view = tx.catalog.view(name.name) {
            // Without an INSTEAD OF trigger the statement is an error; with one, the view's rows
            // are read whole and WHERE is checked on each (`deleteFromView`, `updateView`).
            _ = try viewTriggers(view, isUpdate ? .update(columns: []) : .delete, verb: isUpdate ? "update" : "delete")
            let (plan, _) = try planner.planQuery(view.select, parent: nil)
            return ExplainQueryPlan.rows(for: plan)
        }
        guard let table = tx.catalog.table(name.name) else {
            try Self.refuseSchemaTable(name)
            if tx.catalog.isSequenceTable(name.name) {
                let detail = "SCAN " + (alias ?? name.name)
                return [[.integer(1), .integer(0), .integer(0), .text(detail)]]
            }
            throw StrataError(.undefinedTable, "no such table: \(name.name)", location: name.location)
        }
        try planner.checkIndexHint(hint, table)
        let width = table.columns.count + 1
        let plan = CorePlan()
        var level = JoinLevel(source: .table(table), offset: 0, width: width, isLeftJoin: false, indexHint: hint)
        level.alias = alias ?? table.name
        if let whereClause {
            let scope = statementScope(table)
            if let alias { scope.sources[0].name = alias }
            let pred = try planner.bindDMLWhere(whereClause, scope, target: table)
            level.filters = Self.conjuncts(pred)
        }
        plan.levels = [level]
        plan.rowWidth = width
        planner.chooseAccessPaths(plan)
        try Planner.checkIndexedBy(plan)
        return ExplainQueryPlan.rows(for: QueryPlan(body: .core(plan), columnNames: []))
    }

    /// `e` split at its ANDs.
    static func conjuncts(_ e: BoundExpr) -> [BoundExpr] {
        if case .and(let l, let r) = e { return conjuncts(l) + conjuncts(r) }
        return [e]
    }
}
