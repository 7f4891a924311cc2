// EXPLAIN QUERY PLAN (CONTRACT.md §6): a query's plan as rows (id, parent, notused, detail), as
// SQLite gives them, so that a client can draw the tree: each FROM source with its access path
// (SCAN for a full read; SEARCH … USING INTEGER PRIMARY KEY (rowid=?) or (rowid>? AND rowid<?)
// for a rowid lookup or range; SEARCH … USING INDEX i (a=? AND b>?) for an index lookup,
// USING COVERING INDEX when the index answers alone; MULTI-INDEX OR with INDEX 1, INDEX 2, …
// and each disjunct's SEARCH beneath for a union; SEARCH … USING HASH TABLE (c=?) for the
// equality lookup the executor builds per statement; SEARCH … USING AUTOMATIC [PARTIAL ]COVERING
// INDEX (c=?) under a correlated subquery unnested into a semi-join, Planner+SemiJoin.swift),
// materialized subqueries under their source, compound parts under COMPOUND QUERY, and the
// sorts for GROUP BY, DISTINCT and ORDER BY. SQLite words the bounds the same way: `>` for
// `>` and `>=`, `<` for `<` and `<=`; IN is `=`.

import StrataCatalog
import StrataCore

enum ExplainQueryPlan {
    static let columns = ["id", "parent", "notused", "detail"]

    static func rows(for plan: QueryPlan) -> [[Value]] {
        var builder = Builder()
        builder.query(plan, parent: 0)
        return builder.rows
    }

    private struct Builder {
        var rows: [[Value]] = []
        var nextID = 1
        /// Subqueries in expressions listed so far (`subqueries`).
        var subqueryNumber = 0

        @discardableResult
        mutating func add(_ detail: String, parent: Int) -> Int {
            let id = nextID
            nextID += 1
            rows.append([.integer(Int64(id)), .integer(Int64(parent)), .integer(0), .text(detail)])
            return id
        }

        mutating func query(_ plan: QueryPlan, parent: Int) {
            switch plan.body {
            case .core(let core):
                self.core(core, parent: parent)
            case .compound(let first, let rest):
                let compound = add(plan.recursive == nil ? "COMPOUND QUERY" : "RECURSIVE CTE", parent: parent)
                let left = add(plan.recursive == nil ? "LEFT-MOST SUBQUERY" : "SETUP", parent: compound)
                query(first, parent: left)
                for (op, next) in rest {
                    let name: String = switch op {
                    case _ where plan.recursive != nil: "RECURSIVE STEP"
                    case .union: "UNION USING TEMP B-TREE"
                    case .unionAll: "UNION ALL"
                    case .intersect: "INTERSECT USING TEMP B-TREE"
                    case .except: "EXCEPT USING TEMP B-TREE"
                    }
                    query(next, parent: add(name, parent: compound))
                }
            }
            if let sort = plan.orderByExplanation { add(sort, parent: parent) }
        }

        mutating func core(_ core: CorePlan, parent: Int) {
            if let values = core.values {
                add(values.count == 1 ? "SCAN CONSTANT ROW" : "SCAN \(values.count) CONSTANT ROWS", parent: parent)
            } else if core.levels.isEmpty {
                add("SCAN CONSTANT ROW", parent: parent)  // SELECT without FROM: one row
            }
            // The columns the query reads, which decide whether an index covers them. A core
            // without results is an UPDATE's or DELETE's (StatementRunner+Explain.swift): those
            // read whole rows (`candidateRows`), never from an index alone.
            lazy var used = core.results.isEmpty ? nil : CompiledCore.usedSlots(core)
            for var level in core.levels {
                let join = level.isLeftJoin ? " LEFT-JOIN" : ""
                switch level.source {
                case .table(let table):
                    level.access = level.access?.withCovering(table, used: Planner.levelColumns(used, level))
                    let name = level.alias ?? table.name
                    if case .union(let branches)? = level.access?.kind {
                        let union = add("MULTI-INDEX OR", parent: parent)
                        for (n, branch) in branches.enumerated() {
                            add("SEARCH \(name) \(branch.explanation)" + join, parent: add("INDEX \(n + 1)", parent: union))
                        }
                        continue
                    }
                    add(access(name, level, columnName: { slot in slot == 0 ? "rowid" : table.columns[slot - 1].name }) + join, parent: parent)
                case .query(let subquery):
                    let materialize = add("MATERIALIZE SUBQUERY", parent: parent)
                    query(subquery, parent: materialize)
                    add(access("SUBQUERY", level, columnName: { subquery.columnNames.indices.contains($0) ? subquery.columnNames[$0] : "?" }) + join, parent: parent)
                case .cteWorkingTable:
                    add("SCAN RECURSIVE WORKING TABLE" + join, parent: parent)
                case .rows:
                    add("SCAN sqlite_schema" + join, parent: parent)
                case .sequenceTable:
                    add(access(SequenceTable.name, level, columnName: { slot in slot == 0 ? "rowid" : SequenceTable.columns[slot - 1] }) + join,
                        parent: parent)
                }
            }
            subqueries(core, parent: parent)
            if core.isAggregate && !core.groupBy.isEmpty { add("USE TEMP B-TREE FOR GROUP BY", parent: parent) }
            if core.isDistinct { add("USE TEMP B-TREE FOR DISTINCT", parent: parent) }
        }

        /// Subqueries in the core's expressions, each with its plan beneath, as SQLite words them:
        /// `LIST SUBQUERY n` for `IN (SELECT …)`, `SCALAR SUBQUERY n` for a scalar subquery or
        /// EXISTS run once, `CORRELATED SCALAR SUBQUERY n` for one run per outer row. They are
        /// numbered in the order they are listed: the join's conditions, then the results,
        /// HAVING and the ORDER BY keys (SQLite numbers them in the order the SQL text has them).
        mutating func subqueries(_ core: CorePlan, parent: Int) {
            var found: [(kind: String, sub: SubqueryPlan)] = []
            func visit(_ e: BoundExpr) {
                switch e {
                case .constant, .parameter, .column, .aggregate, .raise: break
                case .inSubquery(let x, let sub, _, _):
                    visit(x)
                    found.append((sub.isCorrelated ? "CORRELATED LIST SUBQUERY" : "LIST SUBQUERY", sub))
                case .exists(let sub), .scalarSubquery(let sub):
                    found.append((sub.isCorrelated ? "CORRELATED SCALAR SUBQUERY" : "SCALAR SUBQUERY", sub))
                case .unary(_, let x), .isNull(let x, _), .cast(let x, _): visit(x)
                case .arithmetic(_, let a, let b), .comparison(_, let a, let b, _), .and(let a, let b), .or(let a, let b):
                    visit(a)
                    visit(b)
                case .between(let a, let b, let c, _, _, _):
                    visit(a)
                    visit(b)
                    visit(c)
                case .inList(let a, let list, _, _):
                    visit(a)
                    list.forEach(visit)
                case .caseWhen(let base, let branches, let elseValue, _):
                    base.map(visit)
                    for (w, t) in branches {
                        visit(w)
                        visit(t)
                    }
                    elseValue.map(visit)
                case .function(_, let args): args.forEach(visit)
                case .like(_, let a, let b, let escape, _):
                    visit(a)
                    visit(b)
                    escape.map(visit)
                }
            }
            core.constantFilters.forEach(visit)
            for level in core.levels {
                level.on.forEach(visit)
                level.filters.forEach(visit)
            }
            core.results.forEach(visit)
            for a in core.aggregates {
                a.arguments.forEach(visit)
                a.filter.map(visit)
            }
            core.having.map(visit)
            core.hiddenKeys.forEach(visit)
            var seen = Set<ObjectIdentifier>()
            for (kind, sub) in found where seen.insert(ObjectIdentifier(sub)).inserted {
                subqueryNumber += 1
                let id = add("\(kind) \(subqueryNumber)", parent: parent)
                if let semiJoin = sub.semiJoin {
                    // Unnested: the inner rows hashed once per statement (Planner+SemiJoin.swift).
                    add(semiJoin.explanation, parent: id)
                } else {
                    query(sub.plan, parent: id)
                }
            }
        }

        func access(_ name: String, _ level: JoinLevel, columnName: (Int) -> String) -> String {
            if let path = level.access {
                if let order = level.order { return order.explanation(name, path) }
                if path.isIndexScan, case .index(let ix) = path.kind {
                    return "SCAN \(name) USING \(path.isCovering ? "COVERING " : "")INDEX \(ix.name)"
                }
                return "SEARCH \(name) \(path.explanation)"
            }
            guard let probe = level.hashProbe else { return "SCAN \(name)" }
            return "SEARCH \(name) USING HASH TABLE (\(columnName(probe.slot))=?)"
        }
    }
}
