// Semi-joins (issue 5, rewrites): a correlated EXISTS, NOT EXISTS, IN or NOT IN that is a WHERE
// conjunct is read as a hash semi-join (anti-join for the negated forms) when that is safe: the
// inner table's rows that pass the subquery's own terms are read once per statement execution
// into a hash set keyed by the correlation, and each outer row probes it
// (Executor/SemiJoin.swift), instead of running the subquery once per outer row, which without
// an index on the correlation reads the inner table once per outer row: O(n·m).
//
// `x [NOT] IN (SELECT e FROM t WHERE …)` and `[NOT] EXISTS (SELECT … FROM t WHERE …)` are
// unnested when:
//   - the subquery is correlated (an uncorrelated one already runs once per execution) and is
//     one SELECT over one table: no compound, view, subquery or join in FROM, no aggregate,
//     GROUP BY, HAVING, LIMIT or OFFSET (DISTINCT and ORDER BY change neither answer);
//   - each WHERE conjunct of the subquery either reads no outer column (an inner term) or is an
//     equality `inner = outer` whose one side reads only the table's columns and the other only
//     outer columns (a correlation; at least one): no other reference to an outer column,
//     in the conjuncts, the result columns or ORDER BY;
//   - every expression involved is deterministic, cannot fail (abs, LIKE with a pattern from a
//     column, printf, replace, zeroblob are refused: the per-row form evaluates them on fewer
//     rows, so an error could appear or vanish) and holds no subquery;
//   - no index or rowid lookup serves a correlation: when the subquery's chosen path looks up
//     the outer value (`SEARCH t USING INDEX i (c=?)`), one probe per outer row costs about what
//     a hash probe costs, with no table read to build it, so the per-row form stays;
//   - in UPDATE and DELETE, the subquery does not read the target table.
// The answers are exactly the per-row form's: the probe compares as the correlation's `=`
// compares (its affinities and collation, NULL matching nothing), and IN keeps, per key, whether
// the inner rows had a NULL, for SQLite's three-valued IN and NOT IN (SemiJoin.swift).

import StrataCatalog
import StrataCore

extension Planner {
    /// Unnests the subquery of a WHERE conjunct (itself, or under NOT) into a semi-join when the
    /// rules above allow: sets its `SubqueryPlan.semiJoin`. `target` is the table an UPDATE or
    /// DELETE changes, which the subquery must not read.
    func unnestSemiJoin(_ conjunct: BoundExpr, target: TableInfo? = nil) {
        var e = conjunct
        while case .unary(.not, let inner) = e { e = inner }
        switch e {
        case .exists(let sub):
            sub.semiJoin = semiJoin(sub, membership: nil, target: target)
        case .inSubquery(_, let sub, _, let rule):
            sub.semiJoin = semiJoin(sub, membership: rule, target: target)
        default:
            return
        }
    }

    /// Binds the WHERE of an UPDATE or DELETE on `target` and unnests its conjuncts' subqueries.
    func bindDMLWhere(_ w: Expr, _ scope: Scope, target: TableInfo) throws(StrataError) -> BoundExpr {
        let pred = try bind(w, scope).expr
        func visit(_ e: BoundExpr) {
            if case .and(let l, let r) = e {
                visit(l)
                visit(r)
            } else {
                unnestSemiJoin(e, target: target)
            }
        }
        visit(pred)
        return pred
    }

    private func semiJoin(_ sub: SubqueryPlan, membership: ComparisonRule?, target: TableInfo?) -> SemiJoin? {
        let q = sub.plan
        guard sub.isCorrelated, q.limit == nil, q.offset == nil, q.recursive == nil, case .core(let core) = q.body,
              core.values == nil, !core.isAggregate, core.aggregates.isEmpty, core.groupBy.isEmpty, core.having == nil,
              core.constantFilters.isEmpty, core.levels.count == 1, !core.isMinMaxProbe else { return nil }
        let level = core.levels[0]
        guard case .table(let table) = level.source, !level.isLeftJoin, level.on.isEmpty, table.id != target?.id else { return nil }
        if membership != nil && core.results.count != 1 { return nil }
        // Result columns and ORDER BY keys are computed per row by the per-row form: they must
        // read the inner table only and be unable to fail.
        guard (core.results + core.hiddenKeys).allSatisfy({ Self.isSafe($0) && !Self.readsOuter($0) }) else { return nil }
        // No index or rowid lookup on the outer value: that probe per outer row stays.
        if let path = level.access, path.expressions.contains(where: Self.readsOuter) { return nil }
        var innerTerms: [BoundExpr] = []
        var keys: [SemiJoin.Key] = []
        var innerKeys: [BoundExpr] = []
        for f in level.filters {
            guard Self.isSafe(f) else { return nil }
            if !Self.readsOuter(f) {
                innerTerms.append(f)
                continue
            }
            guard case .comparison(.equal, let l, let r, let rule) = f else { return nil }
            let key: SemiJoin.Key
            if Self.isInnerSide(l), let outer = Self.outerSide(r) {
                key = SemiJoin.Key(outer: outer, innerAffinity: rule.left, outerAffinity: rule.right, collation: rule.collation)
                innerKeys.append(l)
            } else if Self.isInnerSide(r), let outer = Self.outerSide(l) {
                key = SemiJoin.Key(outer: outer, innerAffinity: rule.right, outerAffinity: rule.left, collation: rule.collation)
                innerKeys.append(r)
            } else {
                return nil
            }
            keys.append(key)
        }
        guard !keys.isEmpty else { return nil }
        // The inner side: the table's rows that pass the inner terms, giving the keys (and for IN
        // the subquery's value), read through whatever path those terms allow.
        let build = CorePlan()
        var buildLevel = JoinLevel(source: .table(table), offset: level.offset, width: level.width, isLeftJoin: false,
                                   filters: innerTerms)
        buildLevel.alias = level.alias
        build.levels = [buildLevel]
        build.rowWidth = core.rowWidth
        build.results = innerKeys + (membership == nil ? [] : [core.results[0]])
        chooseAccessPaths(build)
        let names = innerKeys.map { k -> String in
            var e = k
            if case .unary(.plus, let x) = e { e = x }
            guard case .column(0, let s) = e, s >= level.offset else { return "<expr>" }
            let i = s - level.offset
            return i == 0 ? "rowid" : (table.columns.indices.contains(i - 1) ? table.columns[i - 1].name : "<expr>")
        }
        let plan = QueryPlan(body: .core(build), columnNames: names + (membership == nil ? [] : ["value"]))
        return SemiJoin(build: plan, keys: keys, membership: membership, tableName: level.alias ?? table.name, keyNames: names,
                        isPartial: !innerTerms.isEmpty)
    }

    /// Whether `e` reads a column of an enclosing query (depth 1 or more).
    static func readsOuter(_ e: BoundExpr) -> Bool {
        var found = false
        visitColumns(e) { d, _ in if d > 0 { found = true } }
        return found
    }

    /// The inner side of a correlation: reads the table's columns (at least one) and nothing outer.
    private static func isInnerSide(_ e: BoundExpr) -> Bool {
        var inner = false
        var outer = false
        visitColumns(e) { d, _ in if d == 0 { inner = true } else { outer = true } }
        return inner && !outer
    }

    /// The outer side of a correlation as the outer query reads it (each depth one less), when it
    /// reads outer columns (at least one) and none of the table's.
    private static func outerSide(_ e: BoundExpr) -> BoundExpr? {
        var inner = false
        var outer = false
        visitColumns(e) { d, _ in if d == 0 { inner = true } else { outer = true } }
        guard outer && !inner else { return nil }
        return shifted(e)
    }

    /// Calls `onColumn(depth, slot)` for each column `e` reads (`e` holds no subquery: `isSafe`).
    private static func visitColumns(_ e: BoundExpr, _ onColumn: (Int, Int) -> Void) {
        if case .column(let d, let s) = e { onColumn(d, s) }
        for c in e.operands ?? [] { visitColumns(c, onColumn) }
    }

    /// Whether `e` is deterministic, holds no subquery, aggregate or RAISE, and cannot fail.
    static func isSafe(_ e: BoundExpr) -> Bool {
        switch e {
        case .constant, .parameter, .column: return true
        case .function(let call, _):
            switch call.function.kind {
            case .abs, .like, .glob, .printf, .replace, .zeroblob, .random, .randomblob: return false
            default: break
            }
        case .like(let op, _, let pattern, let escape, _):
            // The pattern is checked (length, ESCAPE) when it is used: a constant one that works
            // once works for every row.
            guard op == .like || op == .glob, escape == nil, case .constant(let p) = pattern else { return false }
            if case .text(let t) = p, t.utf8.count > PatternMatch.maximumPatternByteCount { return false }
        default: break
        }
        guard let children = e.operands else { return false }
        return children.allSatisfy(isSafe)
    }


    /// `e` (safe, reading only outer columns) with every column's depth one less.
    private static func shifted(_ e: BoundExpr) -> BoundExpr {
        switch e {
        case .constant, .parameter, .inSubquery, .exists, .scalarSubquery, .aggregate, .raise: return e
        case .column(let d, let s): return .column(depth: d - 1, slot: s)
        case .unary(let op, let x): return .unary(op, shifted(x))
        case .isNull(let x, let negated): return .isNull(shifted(x), negated: negated)
        case .cast(let x, let a): return .cast(shifted(x), a)
        case .arithmetic(let op, let a, let b): return .arithmetic(op, shifted(a), shifted(b))
        case .comparison(let op, let a, let b, let rule): return .comparison(op, shifted(a), shifted(b), rule)
        case .and(let a, let b): return .and(shifted(a), shifted(b))
        case .or(let a, let b): return .or(shifted(a), shifted(b))
        case .between(let x, let lo, let hi, let negated, let r1, let r2):
            return .between(shifted(x), shifted(lo), shifted(hi), negated: negated, r1, r2)
        case .inList(let x, let list, let negated, let rule): return .inList(shifted(x), list.map(shifted), negated: negated, rule)
        case .caseWhen(let base, let branches, let elseValue, let rule):
            return .caseWhen(base: base.map(shifted), branches.map { (shifted($0.0), shifted($0.1)) }, elseValue: elseValue.map(shifted), rule)
        case .function(let call, let args): return .function(call, args.map(shifted))
        case .like(let op, let a, let b, let escape, let negated):
            return .like(op, shifted(a), shifted(b), escape: escape.map(shifted), negated: negated)
        }
    }
}
