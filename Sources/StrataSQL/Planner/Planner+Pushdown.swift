// Predicate pushdown (issue 5, rewrites): a WHERE conjunct that reads only the columns of a
// subquery, view or CTE in FROM is also given to that subquery, rewritten over its own rows, so
// that the subquery reads only the rows the conjunct can accept: `SELECT * FROM v WHERE id = 5`
// on a view over a big table reads one row through the table's rowid (or an index), not the
// whole table.
//
// The conjunct stays in the outer query as well, so pushing only narrows what the subquery
// returns; it must never drop a row the outer query would keep. Hence:
//   - the conjunct reads nothing but that source's columns, constants and parameters: no
//     subquery, no column of an outer query, no aggregate, no non-deterministic function;
//   - the subquery's columns it reads are expressions without subqueries or non-deterministic
//     functions (a column of the subquery is replaced by the expression that computes it);
//   - the subquery is a plain SELECT or a UNION ALL of plain SELECTs (pushed into each arm),
//     without LIMIT or OFFSET (which count rows), aggregates or GROUP BY (the conjunct would
//     filter groups' rows, not groups), DISTINCT (which keeps one of several collation-equal
//     values: filtering first could keep another), and not a recursive CTE;
//   - the source is not the right side of a LEFT JOIN (there a WHERE conjunct also sees the
//     NULL row that a failed match produces).
// The value a subquery column has in the outer row is the value its expression gives in the
// subquery (a subquery does not convert values), and the conjunct keeps its comparison rules,
// so it accepts exactly the same rows inside as outside.

import StrataCore

extension Planner {
    /// Pushes the local conjuncts of each subquery level of `plan` into that subquery.
    func pushDownFilters(_ plan: CorePlan) {
        for level in plan.levels where !level.isLeftJoin {
            guard case .query(let q) = level.source else { continue }
            for f in level.filters where Self.readsOnly(f, level.offset..<(level.offset + level.width)) {
                pushDown(f, offset: level.offset, into: q)
            }
        }
    }

    /// Pushes `term`, which reads the columns of `q`'s rows at slots `offset + i`, into `q`.
    private func pushDown(_ term: BoundExpr, offset: Int, into q: QueryPlan) {
        guard q.limit == nil, q.offset == nil, q.recursive == nil else { return }
        switch q.body {
        case .core(let core):
            guard !core.isAggregate, !core.isDistinct, core.values == nil, !core.levels.isEmpty,
                  let rewritten = Self.substitute(term, offset, core.results) else { return }
            add(rewritten, to: core)
        case .compound(let first, let rest):
            guard rest.allSatisfy({ $0.0 == .unionAll }) else { return }
            pushDown(term, offset: offset, into: first)
            for (_, part) in rest { pushDown(term, offset: offset, into: part) }
        }
    }

    /// Adds `term` (over `core`'s row) as a filter at the first level, in the join order, after
    /// which every slot it reads is bound; pushes it on into that level's subquery if it reads
    /// only that level; then chooses the core's access paths again.
    private func add(_ term: BoundExpr, to core: CorePlan) {
        var slots: [Int] = []
        var subquery = false
        Self.visitSlots(term, { slots.append($0) }, &subquery)
        guard !subquery, !slots.isEmpty else { return }
        var bound: [Range<Int>] = []
        for i in core.levels.indices {
            let level = core.levels[i]
            bound.append(level.offset..<(level.offset + level.width))
            guard slots.allSatisfy({ s in bound.contains { $0.contains(s) } }) else { continue }
            core.levels[i].filters.append(term)
            if !level.isLeftJoin, case .query(let inner) = level.source, Self.readsOnly(term, bound[bound.count - 1]) {
                pushDown(term, offset: level.offset, into: inner)
            }
            chooseAccessPaths(core)
            return
        }
    }

    /// Whether `e` reads columns of this query's row only within `range` (at least one), and
    /// otherwise only constants and parameters, through operators and deterministic functions.
    static func readsOnly(_ e: BoundExpr, _ range: Range<Int>) -> Bool {
        var readsColumn = false
        func pure(_ e: BoundExpr) -> Bool {
            switch e {
            case .constant, .parameter: return true
            case .column(let d, let s):
                readsColumn = true
                return d == 0 && range.contains(s)
            default:
                return children(e).map { $0.allSatisfy(pure) } ?? false
            }
        }
        return pure(e) && readsColumn
    }

    /// `e` with each column of slot `offset + i` replaced by `results[i]`; nil if `e` or a result
    /// it uses is not pure (see the file comment).
    static func substitute(_ e: BoundExpr, _ offset: Int, _ results: [BoundExpr]) -> BoundExpr? {
        func isPureResult(_ r: BoundExpr) -> Bool {
            switch r {
            case .constant, .parameter, .column: return true
            default: return children(r).map { $0.allSatisfy(isPureResult) } ?? false
            }
        }
        func map(_ e: BoundExpr) -> BoundExpr? {
            switch e {
            case .constant, .parameter: return e
            case .column(0, let s):
                guard results.indices.contains(s - offset) else { return nil }
                let r = results[s - offset]
                return isPureResult(r) ? r : nil
            case .column: return nil
            case .unary(let op, let x): return map(x).map { .unary(op, $0) }
            case .isNull(let x, let negated): return map(x).map { .isNull($0, negated: negated) }
            case .cast(let x, let a): return map(x).map { .cast($0, a) }
            case .arithmetic(let op, let a, let b):
                guard let a = map(a), let b = map(b) else { return nil }
                return .arithmetic(op, a, b)
            case .comparison(let op, let a, let b, let rule):
                guard let a = map(a), let b = map(b) else { return nil }
                return .comparison(op, a, b, rule)
            case .and(let a, let b):
                guard let a = map(a), let b = map(b) else { return nil }
                return .and(a, b)
            case .or(let a, let b):
                guard let a = map(a), let b = map(b) else { return nil }
                return .or(a, b)
            case .between(let x, let lo, let hi, let negated, let r1, let r2):
                guard let x = map(x), let lo = map(lo), let hi = map(hi) else { return nil }
                return .between(x, lo, hi, negated: negated, r1, r2)
            case .inList(let x, let list, let negated, let rule):
                guard let x = map(x) else { return nil }
                var items: [BoundExpr] = []
                for item in list {
                    guard let m = map(item) else { return nil }
                    items.append(m)
                }
                return .inList(x, items, negated: negated, rule)
            case .caseWhen(let base, let branches, let elseValue, let rule):
                var newBase: BoundExpr?
                if let base {
                    guard let b = map(base) else { return nil }
                    newBase = b
                }
                var newBranches: [(BoundExpr, BoundExpr)] = []
                for (w, t) in branches {
                    guard let w = map(w), let t = map(t) else { return nil }
                    newBranches.append((w, t))
                }
                var newElse: BoundExpr?
                if let elseValue {
                    guard let v = map(elseValue) else { return nil }
                    newElse = v
                }
                return .caseWhen(base: newBase, newBranches, elseValue: newElse, rule)
            case .function(let call, let args):
                guard call.function.isDeterministic else { return nil }
                var out: [BoundExpr] = []
                for a in args {
                    guard let m = map(a) else { return nil }
                    out.append(m)
                }
                return .function(call, out)
            case .like(let op, let a, let b, let escape, let negated):
                guard let a = map(a), let b = map(b) else { return nil }
                var esc: BoundExpr?
                if let escape {
                    guard let m = map(escape) else { return nil }
                    esc = m
                }
                return .like(op, a, b, escape: esc, negated: negated)
            case .inSubquery, .exists, .scalarSubquery, .aggregate, .raise:
                return nil
            }
        }
        return map(e)
    }

    /// The operands of an operator or deterministic function (`BoundExpr.operands`); nil for
    /// subqueries, aggregates, RAISE and non-deterministic functions.
    private static func children(_ e: BoundExpr) -> [BoundExpr]? {
        if case .function(let call, _) = e, !call.function.isDeterministic { return nil }
        return e.operands
    }
}
