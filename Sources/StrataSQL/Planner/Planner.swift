// Planner: binds a query's names against the catalog and its scopes, and builds a QueryPlan.
//
// Binding and planning happen in one pass: FROM sources are laid out in a row, WHERE is split
// into conjuncts placed at the first join level where all the sources they read are bound, and
// an equality between a source's column and something already bound becomes a hash lookup.
// Once the join order is fixed, `chooseAccessPaths` (AccessPath.swift) gives a table level a
// rowid or index path where its terms allow one, in place of the scan and the hash lookup.
// A correlated IN or EXISTS conjunct may become a hash semi-join (Planner+SemiJoin.swift).
// Aggregates in the select list, HAVING and ORDER BY are collected into the core's list and
// referenced by index.

import StrataCatalog
import StrataCore

final class Scope {
    struct Column {
        var name: String
        var affinity: Affinity?
        var collation: Collation
    }

    struct Source {
        var name: String
        var columns: [Column]
        /// Slot of the first column; a table's rowid is at `offset - 1`.
        var offset: Int
        var hasRowid: Bool
        /// Columns merged into an earlier source's by USING or NATURAL: left out of `*` and of
        /// unqualified name lookup (the earlier source's column answers).
        var merged: Set<Int> = []
    }

    let parent: Scope?
    var sources: [Source] = []
    var isCorrelated = false
    /// Visible common table expressions by lowercased name.
    var ctes: [String: CTEDefinition] = [:]
    /// Aggregates are allowed (select list, HAVING, ORDER BY of an aggregate query).
    var aggregateTarget: CorePlan?
    var insideAggregate = false
    /// Set when the query that owns this scope must be re-run for each outer row.
    var onCorrelated: (() -> Void)?

    init(parent: Scope?) {
        self.parent = parent
        if let parent { ctes = parent.ctes }
    }

    func markCorrelated() {
        isCorrelated = true
        onCorrelated?()
    }
}

struct CTEDefinition {
    var name: String
    var columns: [String]
    var select: SelectStatement
    var isRecursive: Bool
    /// Set while the recursive CTE's own body is planned.
    var workingTable: (CTEState, [String])?
}

let aggregateNames: Set<String> = ["count", "sum", "total", "avg", "min", "max", "group_concat", "string_agg"]

struct Planner {
    let catalog: Catalog
    let session: ExecutionSession

    // MARK: queries

    /// Plans a query whose enclosing query is `parent`; `ctes`, when given, replaces the common
    /// table expressions it inherits from `parent`.
    func planQuery(_ s: SelectStatement, parent: Scope?, ctes: [String: CTEDefinition]? = nil) throws(StrataError) -> (QueryPlan, Scope) {
        try ThreadStack.check()
        let scope = Scope(parent: parent)
        if let ctes { scope.ctes = ctes }
        if let with = s.with { try addCTEs(with, to: scope) }
        if s.compounds.isEmpty {
            let (plan, core, coreScope) = try planCore(s.first, scope: scope)
            scope.isCorrelated = scope.isCorrelated || coreScope.isCorrelated
            try bindOrderBy(s.orderBy, plan: plan, core: core, coreScope: coreScope, compound: nil)
            try bindLimit(s, plan, parent: parent, scope: scope)
            planOrder(plan, core)
            return (plan, scope)
        }
        let (firstPlan, _, firstScope) = try planCore(s.first, scope: scope)
        var rest: [(CompoundOperator, QueryPlan)] = []
        var correlated = firstScope.isCorrelated
        for term in s.compounds {
            let (p, _, sc) = try planCore(term.core, scope: scope)
            correlated = correlated || sc.isCorrelated
            guard p.width == firstPlan.width else {
                throw StrataError(.syntaxError, "SELECTs to the left and right of \(name(term.op)) do not have the same number of result columns")
            }
            rest.append((term.op, p))
        }
        let plan = QueryPlan(body: .compound(firstPlan, rest), columnNames: firstPlan.columnNames)
        // Each column compares by the collation of the left-most term that has one (SQLite's
        // multiSelectCollSeq); the affinities are the first term's.
        plan.resultAffinities = firstPlan.resultAffinities
        plan.resultCollations = (0..<firstPlan.width).map { i in
            ([firstPlan] + rest.map(\.1)).lazy.compactMap { i < $0.resultCollations.count ? $0.resultCollations[i] : nil }.first
        }
        scope.isCorrelated = scope.isCorrelated || correlated
        try bindOrderBy(s.orderBy, plan: plan, core: nil, coreScope: firstScope, compound: s.first)
        try bindLimit(s, plan, parent: parent, scope: scope)
        return (plan, scope)
    }

    private func name(_ op: CompoundOperator) -> String {
        switch op {
        case .union: "UNION"
        case .unionAll: "UNION ALL"
        case .intersect: "INTERSECT"
        case .except: "EXCEPT"
        }
    }

    private func addCTEs(_ with: WithClause, to scope: Scope) throws(StrataError) {
        for cte in with.tables {
            scope.ctes[cte.name.lowercased()] = CTEDefinition(name: cte.name, columns: cte.columns, select: cte.select,
                                                              isRecursive: with.isRecursive, workingTable: nil)
        }
    }

    private func bindLimit(_ s: SelectStatement, _ plan: QueryPlan, parent: Scope?, scope: Scope) throws(StrataError) {
        let limitScope = Scope(parent: parent)
        if let l = s.limit { plan.limit = try bind(l, limitScope).expr }
        if let o = s.offset { plan.offset = try bind(o, limitScope).expr }
        if limitScope.isCorrelated { scope.isCorrelated = true }
    }

    // MARK: one SELECT or VALUES

    func planCore(_ core: SelectCore, scope parentScope: Scope) throws(StrataError) -> (QueryPlan, CorePlan, Scope) {
        let plan = CorePlan()
        let scope = Scope(parent: parentScope.parent)
        scope.ctes = parentScope.ctes
        scope.onCorrelated = { [weak parentScope] in parentScope?.markCorrelated() }
        switch core {
        case .values(let rows):
            var bound: [[BoundExpr]] = []
            for r in rows {
                var br: [BoundExpr] = []
                for e in r { br.append(try bind(e, scope).expr) }
                bound.append(br)
            }
            plan.values = bound
            let width = rows.first?.count ?? 0
            let names = (0..<width).map { "column\($0 + 1)" }
            return (QueryPlan(body: .core(plan), columnNames: names), plan, scope)
        case .select(let clause):
            if let from = clause.from { try addSource(from, to: plan, scope: scope, isLeft: false) }
            plan.rowWidth = scope.sources.last.map { $0.offset + $0.columns.count } ?? 0
            if let w = clause.whereClause {
                for conjunct in splitAnd(w) {
                    let b = try bind(conjunct, scope).expr
                    unnestSemiJoin(b)
                    place(b, in: plan)
                }
            }
            pushDownFilters(plan)
            reorderJoin(plan)
            chooseAccessPaths(plan)
            try Self.checkIndexedBy(plan)
            plan.isAggregate = !clause.groupBy.isEmpty || clause.columns.contains { col in
                if case .expression(let e, _, _) = col { return containsAggregate(e) }
                return false
            } || (clause.having.map(containsAggregate) ?? false)
            if plan.isAggregate {
                for g in clause.groupBy {
                    let b = try bindGroupTerm(g, clause, scope)
                    plan.groupBy.append(b.expr)
                    plan.groupByCollations.append(b.collation ?? .binary)
                }
                scope.aggregateTarget = plan
            }
            var names: [String] = []
            var affinities: [Affinity?] = []
            var collations: [Collation?] = []
            for col in clause.columns {
                switch col {
                case .all:
                    guard !scope.sources.isEmpty else { throw StrataError(.syntaxError, "no tables specified") }
                    for src in scope.sources {
                        for (i, c) in src.columns.enumerated() where !src.merged.contains(i) {
                            plan.results.append(.column(depth: 0, slot: src.offset + i))
                            names.append(c.name)
                            affinities.append(c.affinity)
                            collations.append(c.collation)
                        }
                    }
                case .allFrom(let q):
                    guard let src = scope.sources.first(where: { $0.name.caseInsensitiveEquals(q.name) }) else {
                        throw StrataError(.syntaxError, "no such table: \(q.name)", location: q.location)
                    }
                    for (i, c) in src.columns.enumerated() {
                        plan.results.append(.column(depth: 0, slot: src.offset + i))
                        names.append(c.name)
                        affinities.append(c.affinity)
                        collations.append(c.collation)
                    }
                case .expression(let e, let alias, let text):
                    let b = try bind(e, scope)
                    plan.results.append(b.expr)
                    affinities.append(b.affinity)
                    collations.append(b.collation)
                    if let alias {
                        names.append(alias)
                    } else if case .column(let ref) = e {
                        names.append(ref.name)
                    } else {
                        names.append(text)
                    }
                }
            }
            if let h = clause.having {
                guard plan.isAggregate else { throw StrataError(.syntaxError, "a GROUP BY clause is required before HAVING") }
                plan.having = try bind(h, scope).expr
            }
            plan.isDistinct = clause.isDistinct
            plan.distinctCollations = collations
            let q = QueryPlan(body: .core(plan), columnNames: names)
            q.resultAffinities = affinities
            q.resultCollations = collations
            return (q, plan, scope)
        }
    }

    /// GROUP BY terms: an integer literal is an ordinal into the select list, a bare name may be
    /// a select-list alias (as in SQLite).
    private func bindGroupTerm(_ g: Expr, _ clause: SelectClause, _ scope: Scope) throws(StrataError) -> BoundResult {
        if case .literal(.integer(let k)) = g {
            guard k >= 1, k <= clause.columns.count, case .expression(let e, _, _) = clause.columns[Int(k) - 1] else {
                let n = clause.groupBy.firstIndex(of: g).map { $0 + 1 } ?? 1
                throw StrataError(.syntaxError, "\(ordinal(n)) GROUP BY term out of range - should be between 1 and \(clause.columns.count)")
            }
            return try bind(e, scope)
        }
        if containsAggregate(g) {
            throw StrataError(.syntaxError, "aggregate functions are not allowed in the GROUP BY clause")
        }
        if case .column(let ref) = g, ref.table == nil, !resolves(ref, scope) {
            for col in clause.columns {
                if case .expression(let e, let alias?, _) = col, alias.caseInsensitiveEquals(ref.name) {
                    return try bind(e, scope)
                }
            }
        }
        return try bind(g, scope)
    }

    private func resolves(_ ref: ColumnReference, _ scope: Scope) -> Bool {
        for src in scope.sources {
            if src.columns.contains(where: { $0.name.caseInsensitiveEquals(ref.name) }) { return true }
        }
        return false
    }

    /// Places a WHERE conjunct at the first join level that binds every source it reads.
    private func place(_ b: BoundExpr, in plan: CorePlan) {
        var maxSlot = -1
        var hasSubquery = false
        visitSlots(b, &maxSlot, &hasSubquery)
        if hasSubquery && !plan.levels.isEmpty {
            plan.levels[plan.levels.count - 1].filters.append(b)
            return
        }
        if maxSlot < 0 {
            if plan.levels.isEmpty { plan.constantFilters.append(b) } else { plan.levels[0].filters.append(b) }
            return
        }
        for i in plan.levels.indices where maxSlot < plan.levels[i].offset + plan.levels[i].width {
            plan.levels[i].filters.append(b)
            if plan.levels[i].hashProbe == nil && !plan.levels[i].isLeftJoin { plan.levels[i].hashProbe = probe(b, plan.levels[i]) }
            return
        }
        plan.levels[plan.levels.count - 1].filters.append(b)
    }

    /// An equality `column of this level = expression of earlier levels` usable for a hash lookup.
    /// `isBound` says whether a slot belongs to a level joined before this one (by default, one
    /// laid out before it).
    func probe(_ b: BoundExpr, _ level: JoinLevel, isBound: ((Int) -> Bool)? = nil) -> (slot: Int, probe: BoundExpr, leftAffinity: Affinity?, rightAffinity: Affinity?)? {
        guard case .comparison(.equal, let l, let r, let rule) = b, rule.collation == .binary else { return nil }
        let range = level.offset..<(level.offset + level.width)
        func earlier(_ e: BoundExpr) -> Bool {
            var allBound = true
            var sub = false
            Self.visitSlots(e, { s in if !(isBound?(s) ?? (s < level.offset)) { allBound = false } }, &sub)
            return !sub && allBound
        }
        // `+c` (not indexable: AccessPath.swift) still narrows a hash join.
        func column(_ e: BoundExpr) -> Int? {
            if case .column(0, let s) = e, range.contains(s) { return s }
            if case .unary(.plus, .column(0, let s)) = e, range.contains(s) { return s }
            return nil
        }
        if let s = column(l), earlier(r) { return (s - level.offset, r, rule.left, rule.right) }
        if let s = column(r), earlier(l) { return (s - level.offset, l, rule.right, rule.left) }
        return nil
    }

    private func visitSlots(_ e: BoundExpr, _ maxSlot: inout Int, _ hasSubquery: inout Bool) {
        Self.visitSlots(e, { maxSlot = max(maxSlot, $0) }, &hasSubquery)
    }

    /// Calls `onSlot` for every slot of this query's row that `e` reads; notes a correlated subquery.
    static func visitSlots(_ e: BoundExpr, _ onSlot: (Int) -> Void, _ hasSubquery: inout Bool) {
        switch e {
        case .constant, .parameter, .aggregate, .raise: break
        case .column(let d, let s): if d == 0 { onSlot(s) }
        case .unary(_, let x), .isNull(let x, _), .cast(let x, _): visitSlots(x, onSlot, &hasSubquery)
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b, _), .and(let a, let b), .or(let a, let b):
            visitSlots(a, onSlot, &hasSubquery)
            visitSlots(b, onSlot, &hasSubquery)
        case .between(let a, let b, let c, _, _, _):
            visitSlots(a, onSlot, &hasSubquery)
            visitSlots(b, onSlot, &hasSubquery)
            visitSlots(c, onSlot, &hasSubquery)
        case .inList(let a, let list, _, _):
            visitSlots(a, onSlot, &hasSubquery)
            for x in list { visitSlots(x, onSlot, &hasSubquery) }
        case .inSubquery(let a, let sub, _, _):
            visitSlots(a, onSlot, &hasSubquery)
            visitSubquery(sub, onSlot, &hasSubquery)
        case .exists(let sub), .scalarSubquery(let sub):
            visitSubquery(sub, onSlot, &hasSubquery)
        case .caseWhen(let base, let branches, let elseValue, _):
            if let base { visitSlots(base, onSlot, &hasSubquery) }
            for (w, t) in branches {
                visitSlots(w, onSlot, &hasSubquery)
                visitSlots(t, onSlot, &hasSubquery)
            }
            if let elseValue { visitSlots(elseValue, onSlot, &hasSubquery) }
        case .function(_, let args): for x in args { visitSlots(x, onSlot, &hasSubquery) }
        case .like(_, let a, let b, let esc, _):
            visitSlots(a, onSlot, &hasSubquery)
            visitSlots(b, onSlot, &hasSubquery)
            if let esc { visitSlots(esc, onSlot, &hasSubquery) }
        }
    }

    /// A subquery unnested into a semi-join reads the slots of its correlation's outer side
    /// (Planner+SemiJoin.swift); another correlated one may read any.
    private static func visitSubquery(_ sub: SubqueryPlan, _ onSlot: (Int) -> Void, _ hasSubquery: inout Bool) {
        if let semiJoin = sub.semiJoin {
            for k in semiJoin.keys { visitSlots(k.outer, onSlot, &hasSubquery) }
        } else if sub.isCorrelated {
            hasSubquery = true
        }
    }

    private func splitAnd(_ e: Expr) -> [Expr] {
        if case .binary(.and, let l, let r) = e { return splitAnd(l) + splitAnd(r) }
        return [e]
    }

    // MARK: FROM

    private func addSource(_ src: TableSource, to plan: CorePlan, scope: Scope, isLeft: Bool) throws(StrataError) {
        switch src {
        case .join(let j):
            try addSource(j.left, to: plan, scope: scope, isLeft: false)
            let leftSources = scope.sources
            let right = j.op == .left
            guard j.op != .right && j.op != .full else {
                throw StrataError(.syntaxError, "RIGHT and FULL OUTER JOINs are not supported")
            }
            let before = plan.levels.count
            if right, case .join = j.right {
                try addNestedJoin(j.right, to: plan, scope: scope)
            } else {
                try addSource(j.right, to: plan, scope: scope, isLeft: right)
            }
            if right || j.op == .cross {
                for i in before..<plan.levels.count { plan.levels[i].predecessors = max(plan.levels[i].predecessors, before) }
            }
            // The right side's sources: one table, or every table of a parenthesized join. A
            // USING or NATURAL column names the first of their visible columns so called.
            let rightSources = leftSources.count..<scope.sources.count
            func rightColumn(_ name: String) -> (source: Int, column: Int)? {
                for s in rightSources {
                    let src = scope.sources[s]
                    if let c = src.columns.indices.first(where: { !src.merged.contains($0) && src.columns[$0].name.caseInsensitiveEquals(name) }) {
                        return (s, c)
                    }
                }
                return nil
            }
            var conditions: [BoundExpr] = []
            var usingColumns: [String] = []
            if j.isNatural {
                for s in rightSources {
                    let src = scope.sources[s]
                    for (i, c) in src.columns.enumerated() where !src.merged.contains(i)
                        && !usingColumns.contains(where: { $0.caseInsensitiveEquals(c.name) })
                        && leftSources.contains(where: { s in s.columns.contains { $0.name.caseInsensitiveEquals(c.name) } }) {
                        usingColumns.append(c.name)
                    }
                }
            }
            if case .using(let cols)? = j.constraint { usingColumns.append(contentsOf: cols) }
            for name in usingColumns {
                guard let (rs, ri) = rightColumn(name),
                      let ls = leftSources.first(where: { s in s.columns.contains { $0.name.caseInsensitiveEquals(name) } }),
                      let li = ls.columns.firstIndex(where: { $0.name.caseInsensitiveEquals(name) })
                else { throw StrataError(.syntaxError, "cannot join using column \(name) - column not present in both tables") }
                let newSource = scope.sources[rs]
                scope.sources[rs].merged.insert(ri)
                let rule = comparisonRule(ls.columns[li].affinity, newSource.columns[ri].affinity, ls.columns[li].collation)
                conditions.append(.comparison(.equal, .column(depth: 0, slot: ls.offset + li), .column(depth: 0, slot: newSource.offset + ri), rule))
            }
            if case .on(let e)? = j.constraint {
                for c in splitAnd(e) { conditions.append(try bind(c, scope).expr) }
            }
            let li = plan.levels.count - 1
            if right {
                plan.levels[li].on.append(contentsOf: conditions)
                if let first = conditions.first(where: { probe($0, plan.levels[li]) != nil }) {
                    plan.levels[li].hashProbe = probe(first, plan.levels[li])
                }
            } else {
                for c in conditions { place(c, in: plan) }
            }
        case .table(let ref):
            let name = ref.name.name
            let alias = ref.alias ?? name
            if let cte = scope.ctes[name.lowercased()] {
                try addCTE(cte, alias: alias, to: plan, scope: scope, isLeft: isLeft)
            } else if let table = catalog.table(name) {
                try checkIndexHint(ref.indexHint, table)
                let offset = nextOffset(scope) + 1
                let cols = table.columns.map { Scope.Column(name: $0.name, affinity: $0.affinity, collation: collation($0.collation)) }
                scope.sources.append(Scope.Source(name: alias, columns: cols, offset: offset, hasRowid: !table.isWithoutRowid))
                plan.levels.append(JoinLevel(source: .table(table), offset: offset - 1, width: cols.count + 1, isLeftJoin: isLeft,
                                             alias: alias, indexHint: ref.indexHint))
            } else if catalog.isSequenceTable(name), ref.name.schema == nil || ref.name.schema?.lowercased() == "main" {
                // Like a table: rowid, then its columns (no declared type, so no affinity).
                let offset = nextOffset(scope) + 1
                let cols = SequenceTable.columns.map { Scope.Column(name: $0, affinity: .blob, collation: .binary) }
                scope.sources.append(Scope.Source(name: alias, columns: cols, offset: offset, hasRowid: true))
                plan.levels.append(JoinLevel(source: .sequenceTable, offset: offset - 1, width: cols.count + 1, isLeftJoin: isLeft))
            } else if let isTemp = SchemaTable.isTemp(name), ref.name.schema == nil || ref.name.schema?.lowercased() == (isTemp ? "temp" : "main") {
                let offset = nextOffset(scope)
                let cols = SchemaTable.columns.map { Scope.Column(name: $0.name, affinity: $0.affinity, collation: .binary) }
                scope.sources.append(Scope.Source(name: alias, columns: cols, offset: offset, hasRowid: false))
                let rows = isTemp ? [] : SchemaTable.rows(catalog)
                plan.levels.append(JoinLevel(source: .rows(rows), offset: offset, width: cols.count, isLeftJoin: isLeft))
            } else if let view = catalog.view(name) {
                let (q, _) = try planQuery(view.select, parent: nil)
                q.isCorrelated = false
                var names = q.columnNames
                if let cols = view.columns { names = cols }
                addQuerySource(q, names: names, alias: alias, to: plan, scope: scope, isLeft: isLeft)
            } else {
                throw StrataError(.undefinedTable, "no such table: \(name)", location: ref.name.location)
            }
        case .subquery(let select, let alias):
            let (q, sub) = try planQuery(select, parent: scope.parent)
            if sub.isCorrelated { scope.markCorrelated() }
            q.isCorrelated = sub.isCorrelated
            addQuerySource(q, names: q.columnNames, alias: alias ?? "(subquery)", to: plan, scope: scope, isLeft: isLeft)
        case .function(let f, _):
            throw StrataError(.syntaxError, "no such table-valued function: \(f.name)", location: f.location)
        }
    }

    /// The right side of a LEFT JOIN that is itself a join, `a LEFT JOIN (b JOIN c ON …) ON …`,
    /// is one level: a subquery whose row is the nested join's combined row (rowids included),
    /// left-joined as a whole, so that an `a` row no (b, c) pair matches comes out once with
    /// both NULL. (Laid out flat, b would be an inner join level and the `a` row lost.) SQLite
    /// plans it as a subquery too, `MATERIALIZE (join-1)`; so, as there, its ON conditions
    /// cannot read `a`. Its tables keep their names in this scope, each at its slots in the
    /// level's row.
    private func addNestedJoin(_ src: TableSource, to plan: CorePlan, scope: Scope) throws(StrataError) {
        let inner = CorePlan()
        let innerScope = Scope(parent: scope.parent)
        innerScope.ctes = scope.ctes
        innerScope.onCorrelated = { [weak scope] in scope?.markCorrelated() }
        try addSource(src, to: inner, scope: innerScope, isLeft: false)
        inner.rowWidth = nextOffset(innerScope)
        inner.results = (0..<inner.rowWidth).map { .column(depth: 0, slot: $0) }
        pushDownFilters(inner)
        reorderJoin(inner)
        chooseAccessPaths(inner)
        try Self.checkIndexedBy(inner)
        var names = Array(repeating: "rowid", count: inner.rowWidth)
        var affinities = [Affinity?](repeating: .integer, count: inner.rowWidth)
        var collations = [Collation?](repeating: .binary, count: inner.rowWidth)
        for s in innerScope.sources {
            for (i, c) in s.columns.enumerated() {
                names[s.offset + i] = c.name
                affinities[s.offset + i] = c.affinity
                collations[s.offset + i] = c.collation
            }
        }
        let q = QueryPlan(body: .core(inner), columnNames: names)
        q.isCorrelated = innerScope.isCorrelated
        q.resultAffinities = affinities
        q.resultCollations = collations
        let base = nextOffset(scope)
        for var s in innerScope.sources {
            s.offset += base
            scope.sources.append(s)
        }
        plan.levels.append(JoinLevel(source: .query(q), offset: base, width: inner.rowWidth, isLeftJoin: true))
    }

    private func addCTE(_ cte: CTEDefinition, alias: String, to plan: CorePlan, scope: Scope, isLeft: Bool) throws(StrataError) {
        if let (state, names) = cte.workingTable {
            state.references += 1
            if state.references > 1 { throw StrataError(.syntaxError, "multiple recursive references: \(cte.name)") }
            let offset = nextOffset(scope)
            scope.sources.append(Scope.Source(name: alias, columns: names.map { Scope.Column(name: $0, affinity: nil, collation: .binary) },
                                              offset: offset, hasRowid: false))
            plan.levels.append(JoinLevel(source: .cteWorkingTable(state), offset: offset, width: names.count, isLeftJoin: isLeft))
            return
        }
        let q: QueryPlan
        if cte.isRecursive && !cte.select.compounds.isEmpty && references(cte.select, cte.name) {
            q = try planRecursiveCTE(cte, scope: scope)
        } else {
            // The body is planned where the CTE is used, as a subquery in FROM would be: outer
            // names resolve to the queries around this one, at the depths the executor sees.
            var visible = scope.ctes
            visible[cte.name.lowercased()] = nil
            let (plan, bodyScope) = try planQuery(cte.select, parent: scope.parent, ctes: visible)
            if bodyScope.isCorrelated { scope.markCorrelated() }
            plan.isCorrelated = bodyScope.isCorrelated
            q = plan
        }
        var names = q.columnNames
        if !cte.columns.isEmpty {
            guard cte.columns.count == q.width else {
                throw StrataError(.syntaxError, "table \(cte.name) has \(q.width) values for \(cte.columns.count) columns")
            }
            names = cte.columns
        }
        addQuerySource(q, names: names, alias: alias, to: plan, scope: scope, isLeft: isLeft)
    }

    private func planRecursiveCTE(_ cte: CTEDefinition, scope: Scope) throws(StrataError) -> QueryPlan {
        // Anchor: the first core; recursive part: the compound terms, reading the working table.
        var anchorSelect = cte.select
        anchorSelect.compounds = []
        anchorSelect.orderBy = []
        anchorSelect.limit = nil
        anchorSelect.offset = nil
        if references(anchorSelect, cte.name) { throw StrataError(.syntaxError, "circular reference: \(cte.name)") }
        var visible = scope.ctes
        visible[cte.name.lowercased()] = nil
        let (anchor, anchorScope) = try planQuery(anchorSelect, parent: scope.parent, ctes: visible)
        if anchorScope.isCorrelated { scope.markCorrelated() }
        let names = cte.columns.isEmpty ? anchor.columnNames : cte.columns
        let state = CTEState()
        var def = cte
        def.workingTable = (state, names)
        let recScope = Scope(parent: scope.parent)
        recScope.ctes = scope.ctes
        recScope.ctes[cte.name.lowercased()] = def
        var recursiveParts: [(CompoundOperator, QueryPlan)] = []
        for term in cte.select.compounds {
            let (p, core, _) = try planCore(term.core, scope: recScope)
            if core.isAggregate && state.references > 0 {
                throw StrataError(.syntaxError, "recursive aggregate queries not supported")
            }
            recursiveParts.append((term.op, p))
        }
        let plan = QueryPlan(body: .compound(anchor, recursiveParts), columnNames: names)
        plan.recursive = state
        let limitScope = Scope(parent: scope.parent)
        if let l = cte.select.limit { plan.limit = try bind(l, limitScope).expr }
        if let o = cte.select.offset { plan.offset = try bind(o, limitScope).expr }
        return plan
    }

    private func references(_ s: SelectStatement, _ name: String) -> Bool {
        func core(_ c: SelectCore) -> Bool {
            guard case .select(let clause) = c, let from = clause.from else { return false }
            return source(from)
        }
        func source(_ t: TableSource) -> Bool {
            switch t {
            case .table(let r): return r.name.name.caseInsensitiveEquals(name)
            case .join(let j): return source(j.left) || source(j.right)
            case .subquery(let s, _): return references(s, name)
            case .function: return false
            }
        }
        return core(s.first) || s.compounds.contains { core($0.core) }
    }

    private func addQuerySource(_ q: QueryPlan, names: [String], alias: String, to plan: CorePlan, scope: Scope, isLeft: Bool) {
        let offset = nextOffset(scope)
        // A subquery's, view's or CTE's columns carry the affinity and collation of their
        // expressions, as in SQLite.
        let cols = names.enumerated().map { i, name in
            Scope.Column(name: name, affinity: i < q.resultAffinities.count ? q.resultAffinities[i] : nil,
                         collation: (i < q.resultCollations.count ? q.resultCollations[i] : nil) ?? .binary)
        }
        scope.sources.append(Scope.Source(name: alias, columns: cols, offset: offset, hasRowid: false))
        plan.levels.append(JoinLevel(source: .query(q), offset: offset, width: cols.count, isLeftJoin: isLeft))
    }

    private func nextOffset(_ scope: Scope) -> Int {
        scope.sources.last.map { $0.offset + $0.columns.count } ?? 0
    }

    // MARK: ORDER BY

    private func bindOrderBy(_ terms: [OrderingTerm], plan: QueryPlan, core: CorePlan?, coreScope: Scope,
                             compound: SelectCore?) throws(StrataError) {
        for (n, term) in terms.enumerated() {
            var expr = term.expr
            var collationName: String?
            if case .collate(let inner, let c) = expr {
                expr = inner
                collationName = c
            }
            var slot: Int?
            if case .literal(.integer(let k)) = expr {
                guard k >= 1, k <= plan.width else {
                    throw StrataError(.syntaxError, "\(ordinal(n + 1)) ORDER BY term out of range - should be between 1 and \(plan.width)")
                }
                slot = Int(k) - 1
            } else if case .column(let ref) = expr, ref.table == nil,
                      let i = plan.columnNames.firstIndex(where: { $0.caseInsensitiveEquals(ref.name) }) {
                // A bare name that names a result column orders by it (SQLite prefers the alias).
                slot = i
            }
            var boundCollation: Collation?
            if slot == nil, let core {
                let bound = try bind(expr, coreScope)
                let b = bound.expr
                if let i = core.results.firstIndex(where: { sameExpr($0, b) }) {
                    slot = i
                } else {
                    core.hiddenKeys.append(b)
                    slot = plan.width + core.hiddenKeys.count - 1
                }
                // The expression's own collation (a column's, kept through `+` and CAST, as in SQLite).
                boundCollation = bound.collation
            } else if slot == nil, let firstAST = compound, case .select(let clause) = firstAST {
                for (i, col) in clause.columns.enumerated() {
                    if case .expression(let e, _, _) = col, e == expr { slot = i }
                }
            }
            guard let s = slot else {
                throw StrataError(.syntaxError, "\(ordinal(n + 1)) ORDER BY term does not match any column in the result set")
            }
            let descending = term.direction == .descending
            let nullsFirst = term.nulls.map { $0 == .first } ?? !descending
            var coll = collationName.flatMap { Collation(name: $0) } ?? .binary
            if collationName == nil, let c = boundCollation {
                coll = c
            } else if collationName == nil, s < plan.resultCollations.count, let c = plan.resultCollations[s] {
                // A term naming a result column (by alias or number) sorts by that column's collation.
                coll = c
            }
            plan.orderBy.append(SortKey(slot: s, descending: descending, nullsFirst: nullsFirst, collation: coll))
        }
    }

    func ordinal(_ n: Int) -> String {
        switch n {
        case 1: "1st"
        case 2: "2nd"
        case 3: "3rd"
        default: "\(n)th"
        }
    }

    private func sameExpr(_ a: BoundExpr, _ b: BoundExpr) -> Bool {
        if case .column(let d1, let s1) = a, case .column(let d2, let s2) = b { return d1 == d2 && s1 == s2 }
        return false
    }

    func collation(_ name: String?) -> Collation {
        name.flatMap { Collation(name: $0) } ?? .binary
    }

    func comparisonRule(_ left: Affinity?, _ right: Affinity?, _ collation: Collation) -> ComparisonRule {
        // SQLite §4.2: numeric affinity on one side converts the other if it is TEXT/BLOB/none;
        // TEXT on one side converts the other only if it has no affinity.
        func isNumeric(_ a: Affinity?) -> Bool { a == .integer || a == .real || a == .numeric }
        var rule = ComparisonRule(left: nil, right: nil, collation: collation)
        if isNumeric(left) && !isNumeric(right) {
            rule.right = .numeric
        } else if isNumeric(right) && !isNumeric(left) {
            rule.left = .numeric
        } else if left == .text && right == nil {
            rule.right = .text
        } else if right == .text && left == nil {
            rule.left = .text
        }
        return rule
    }

    // MARK: aggregates

    func containsAggregate(_ e: Expr) -> Bool {
        switch e {
        case .function(let f):
            let n = f.name.lowercased()
            if aggregateNames.contains(n) && !((n == "min" || n == "max") && f.arguments.count != 1) { return true }
            return f.arguments.contains(where: containsAggregate)
        case .unary(_, let x), .collate(let x, _), .isNull(let x, _), .cast(let x, _): return containsAggregate(x)
        case .binary(_, let a, let b): return containsAggregate(a) || containsAggregate(b)
        case .like(let l): return containsAggregate(l.value) || containsAggregate(l.pattern)
        case .between(let a, let b, let c, _): return containsAggregate(a) || containsAggregate(b) || containsAggregate(c)
        case .inList(let a, let list, _): return containsAggregate(a) || list.contains(where: containsAggregate)
        case .inSelect(let a, _, _), .inTable(let a, _, _): return containsAggregate(a)
        case .caseWhen(let c):
            return (c.base.map(containsAggregate) ?? false) || c.branches.contains { containsAggregate($0.when) || containsAggregate($0.then) }
                || (c.elseValue.map(containsAggregate) ?? false)
        case .row(let list): return list.contains(where: containsAggregate)
        default: return false
        }
    }
}
