// ExpressionBinder: resolves an expression's names against the scopes of its query and the
// queries around it, and turns it into a BoundExpr.

import StrataCatalog
import StrataCore

struct BoundResult {
    var expr: BoundExpr
    /// The affinity the expression carries into comparisons (a column's or a CAST's).
    var affinity: Affinity?
    /// An explicit COLLATE or a column's collation.
    var collation: Collation?
    /// Whether `collation` comes from a COLLATE operator in the expression (it then outranks a
    /// column's collation on the other side of a comparison, as in SQLite).
    var isExplicitCollation = false

    /// The collation a comparison of `a` with `b` uses, by SQLite's rule: an explicit COLLATE on
    /// the left, else one on the right, else the left's column collation, else the right's.
    static func comparisonCollation(_ a: BoundResult, _ b: BoundResult) -> Collation {
        if a.isExplicitCollation, let c = a.collation { return c }
        if b.isExplicitCollation, let c = b.collation { return c }
        return a.collation ?? b.collation ?? .binary
    }
}

extension Planner {
    func bind(_ e: Expr, _ scope: Scope) throws(StrataError) -> BoundResult {
        var b = try bindNode(e, scope)
        b.expr = foldConstant(b.expr)
        return b
    }

    /// Constant folding: an operator or deterministic function whose operands are all constants
    /// (after their own folding) is evaluated once, here, and replaced by its value, so that
    /// `id = 2 * 5` or `a IN (-1, 1 + 1)` is a plain key lookup and nothing is recomputed per
    /// row. Only evaluations that succeed are folded (an error such as integer overflow is left
    /// to the run, where SQLite raises it too), and functions whose result may be large for a
    /// small argument (printf, zeroblob, replace, char) or that are not deterministic are not.
    private func foldConstant(_ e: BoundExpr) -> BoundExpr {
        func isConstant(_ x: BoundExpr) -> Bool {
            if case .constant = x { return true }
            return false
        }
        let foldable: Bool
        switch e {
        case .unary(_, let x):
            // (`+col` keeps its unary plus: x is a column, not a constant.)
            foldable = isConstant(x)
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b, _), .and(let a, let b), .or(let a, let b):
            foldable = isConstant(a) && isConstant(b)
        case .isNull(let x, _), .cast(let x, _):
            foldable = isConstant(x)
        case .between(let x, let lo, let hi, _, _, _):
            foldable = isConstant(x) && isConstant(lo) && isConstant(hi)
        case .inList(let x, let list, _, _):
            foldable = isConstant(x) && list.allSatisfy(isConstant)
        case .like(_, let a, let b, let escape, _):
            foldable = isConstant(a) && isConstant(b) && (escape.map(isConstant) ?? true)
        case .caseWhen(let base, let branches, let elseValue, _):
            foldable = (base.map(isConstant) ?? true) && branches.allSatisfy { isConstant($0.0) && isConstant($0.1) }
                && (elseValue.map(isConstant) ?? true)
        case .function(let call, let args):
            switch call.function.kind {
            case .printf, .zeroblob, .replace, .char, .random, .randomblob: foldable = false
            default: foldable = call.function.isDeterministic && args.allSatisfy(isConstant)
            }
        default:
            foldable = false
        }
        guard foldable else { return e }
        let ctx = EvalContext(parameters: [], session: session)
        guard let v = try? Evaluator.eval(e, [], ctx) else { return e }
        return .constant(v)
    }

    private func bindNode(_ e: Expr, _ scope: Scope) throws(StrataError) -> BoundResult {
        try ThreadStack.check()
        switch e {
        case .literal(let v):
            return BoundResult(expr: .constant(v))
        case .currentTime(let kind):
            // Fixed for the statement, as in SQLite: the plan must not be reused by a later one.
            session.planIsVolatile = true
            return BoundResult(expr: .constant(.text(currentTime(kind))))
        case .parameter(let p):
            return BoundResult(expr: .parameter(p.index))
        case .column(let ref):
            return try resolveColumn(ref, scope)
        case .unary(let op, let x):
            let b = try bind(x, scope)
            // Unary plus keeps the value and the collation but drops the column's affinity (SQLite).
            // On a column it stays in the tree: `+c` tells the planner not to use an index on c
            // (AccessPath.swift), as in SQLite.
            if op == .plus {
                if case .column = b.expr {
                    return BoundResult(expr: .unary(.plus, b.expr), affinity: nil, collation: b.collation,
                                       isExplicitCollation: b.isExplicitCollation)
                }
                return BoundResult(expr: b.expr, affinity: nil, collation: b.collation, isExplicitCollation: b.isExplicitCollation)
            }
            return BoundResult(expr: .unary(op, b.expr))
        case .binary(let op, let l, let r):
            let a = try bind(l, scope)
            let b = try bind(r, scope)
            switch op {
            case .and: return BoundResult(expr: .and(a.expr, b.expr))
            case .or: return BoundResult(expr: .or(a.expr, b.expr))
            case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .is, .isNot:
                let coll = BoundResult.comparisonCollation(a, b)
                return BoundResult(expr: .comparison(op, a.expr, b.expr, comparisonRule(a.affinity, b.affinity, coll)))
            default:
                guard op == .concat else { return BoundResult(expr: .arithmetic(op, a.expr, b.expr)) }
                // An explicit COLLATE inside either operand carries through ||, as in SQLite.
                let explicit = a.isExplicitCollation ? a : b.isExplicitCollation ? b : nil
                return BoundResult(expr: .arithmetic(op, a.expr, b.expr), collation: explicit?.collation ?? a.collation ?? b.collation,
                                   isExplicitCollation: explicit != nil)
            }
        case .collate(let x, let name):
            guard let c = Collation(name: name) else { throw StrataError(.syntaxError, "no such collation sequence: \(name)") }
            var b = try bind(x, scope)
            b.collation = c
            b.isExplicitCollation = true
            return b
        case .like(let l):
            let v = try bind(l.value, scope)
            let p = try bind(l.pattern, scope)
            let esc = try l.escape.map { (x) throws(StrataError) in try bind(x, scope).expr }
            return BoundResult(expr: .like(l.op, v.expr, p.expr, escape: esc, negated: l.negated))
        case .between(let x, let lo, let hi, let negated):
            let a = try bind(x, scope)
            let b = try bind(lo, scope)
            let c = try bind(hi, scope)
            // As `x >= lo AND x <= hi`: each bound compared by the pair's rule.
            return BoundResult(expr: .between(a.expr, b.expr, c.expr, negated: negated,
                                              comparisonRule(a.affinity, b.affinity, BoundResult.comparisonCollation(a, b)),
                                              comparisonRule(a.affinity, c.affinity, BoundResult.comparisonCollation(a, c))))
        case .inList(let x, let list, let negated):
            let a = try bind(x, scope)
            var items: [BoundExpr] = []
            var rule = ComparisonRule(left: nil, right: nil, collation: a.collation ?? .binary)
            for (i, item) in list.enumerated() {
                let b = try bind(item, scope)
                items.append(b.expr)
                if i == 0 || b.affinity == nil {
                    // SQLite: the left operand's affinity applies to the list values.
                    rule = comparisonRule(a.affinity, nil, a.collation ?? .binary)
                    if a.affinity == nil { rule = ComparisonRule(left: nil, right: nil, collation: a.collation ?? .binary) }
                }
            }
            if a.affinity != nil, [.integer, .real, .numeric].contains(a.affinity!) { rule.right = .numeric }
            if a.affinity == .text { rule.right = .text }
            return BoundResult(expr: .inList(a.expr, items, negated: negated, rule))
        case .inSelect(let x, let select, let negated):
            let a = try bind(x, scope)
            let sub = try subquery(select, scope)
            guard sub.plan.width == 1 else { throw StrataError(.syntaxError, "sub-select returns \(sub.plan.width) columns - expected 1") }
            let rightAffinity = firstColumnAffinity(select, scope)
            var rule = comparisonRule(a.affinity, rightAffinity, a.collation ?? .binary)
            if a.affinity == nil && rightAffinity == nil { rule = .plain }
            return BoundResult(expr: .inSubquery(a.expr, sub, negated: negated, rule))
        case .inTable(let x, let name, let negated):
            let select = SelectStatement(with: nil, first: .select(SelectClause(columns: [.all], from: .table(TableReference(name: name, alias: nil, indexHint: nil)))))
            return try bind(.inSelect(x, select, negated: negated), scope)
        case .isNull(let x, let negated):
            return BoundResult(expr: .isNull(try bind(x, scope).expr, negated: negated))
        case .caseWhen(let c):
            let base = try c.base.map { (x) throws(StrataError) in try bind(x, scope) }
            var branches: [(BoundExpr, BoundExpr)] = []
            for br in c.branches { branches.append((try bind(br.when, scope).expr, try bind(br.then, scope).expr)) }
            let elseValue = try c.elseValue.map { (x) throws(StrataError) in try bind(x, scope).expr }
            let rule = comparisonRule(base?.affinity, nil, base?.collation ?? .binary)
            return BoundResult(expr: .caseWhen(base: base?.expr, branches, elseValue: elseValue, rule))
        case .cast(let x, let type):
            let a = Affinity(declaredType: type.name)
            return BoundResult(expr: .cast(try bind(x, scope).expr, a), affinity: a)
        case .exists(let select):
            return BoundResult(expr: .exists(try subquery(select, scope)))
        case .subquery(let select):
            let sub = try subquery(select, scope)
            guard sub.plan.width == 1 else {
                throw StrataError(.syntaxError, "sub-select returns \(sub.plan.width) columns - expected 1")
            }
            return BoundResult(expr: .scalarSubquery(sub), affinity: firstColumnAffinity(select, scope))
        case .function(let f):
            return try bindFunction(f, scope)
        case .row(let list):
            if list.count == 1 { return try bind(list[0], scope) }
            throw StrataError(.syntaxError, "row value misused")
        case .raise(let action, let message):
            return BoundResult(expr: .raise(action, message))
        }
    }

    private func currentTime(_ kind: CurrentTimeKind) -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let date = "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))"
        let clock = "\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))"
        switch kind {
        case .date: return date
        case .time: return clock
        case .timestamp: return date + " " + clock
        }
    }

    private func subquery(_ select: SelectStatement, _ scope: Scope) throws(StrataError) -> SubqueryPlan {
        let (plan, sub) = try planQuery(select, parent: scope)
        if sub.isCorrelated {
            // The subquery reads this scope's rows; if it also reaches further out, so does this one.
        }
        return SubqueryPlan(plan: plan, isCorrelated: sub.isCorrelated)
    }

    private func firstColumnAffinity(_ select: SelectStatement, _ scope: Scope) -> Affinity? {
        guard select.compounds.isEmpty, case .select(let clause) = select.first, let first = clause.columns.first,
              case .expression(let e, _, _) = first else { return nil }
        switch e {
        case .cast(_, let t): return Affinity(declaredType: t.name)
        case .column(let ref):
            guard let from = clause.from, case .table(let t) = from, let table = catalog.table(t.name.name),
                  let i = table.columnIndex(ref.name) else { return nil }
            return table.columns[i].affinity
        default: return nil
        }
    }

    func resolveColumn(_ ref: ColumnReference, _ scope: Scope) throws(StrataError) -> BoundResult {
        var depth = 0
        var current: Scope? = scope
        var crossed: [Scope] = []
        while let s = current {
            var found: (Int, Scope.Column?)?
            var count = 0
            for src in s.sources {
                if let t = ref.table, !src.name.caseInsensitiveEquals(t) { continue }
                if let i = src.columns.firstIndex(where: { $0.name.caseInsensitiveEquals(ref.name) }),
                   ref.table != nil || !src.merged.contains(i) {
                    if found == nil { found = (src.offset + i, src.columns[i]) }
                    count += 1
                } else if src.hasRowid && isRowidName(ref.name) {
                    if found == nil { found = (src.offset - 1, nil) }
                    count += 1
                }
            }
            if count > 1 && ref.table == nil {
                throw StrataError(.syntaxError, "ambiguous column name: \(ref.name)", location: ref.location)
            }
            if let (slot, column) = found {
                for c in crossed { c.markCorrelated() }
                return BoundResult(expr: .column(depth: depth, slot: slot),
                                   affinity: column == nil ? .integer : column!.affinity,
                                   collation: column?.collation ?? .binary)
            }
            crossed.append(s)
            current = s.parent
            depth += 1
        }
        if ref.isDoubleQuoted && ref.table == nil { return BoundResult(expr: .constant(.text(ref.name))) }
        let name = ref.table.map { $0 + "." + ref.name } ?? ref.name
        throw StrataError(.syntaxError, "no such column: \(name)", location: ref.location)
    }

    private func isRowidName(_ n: String) -> Bool {
        n.caseInsensitiveEquals("rowid") || n.caseInsensitiveEquals("oid") || n.caseInsensitiveEquals("_rowid_")
    }

    private func bindFunction(_ f: FunctionCall, _ scope: Scope) throws(StrataError) -> BoundResult {
        let name = f.name.lowercased()
        let isAggregate = aggregateNames.contains(name) && !((name == "min" || name == "max") && f.arguments.count != 1)
        if isAggregate {
            guard let target = scope.aggregateTarget, !scope.insideAggregate else {
                throw StrataError(.syntaxError, "misuse of aggregate function \(name)()", location: f.location)
            }
            scope.insideAggregate = true
            defer { scope.insideAggregate = false }
            var args: [BoundExpr] = []
            for a in f.arguments { args.append(try bind(a, scope).expr) }
            if f.isDistinct && args.count != 1 && name != "count" {
                throw StrataError(.syntaxError, "DISTINCT aggregates must have exactly one argument", location: f.location)
            }
            guard aggregateFunction(named: name, arity: f.isStar ? 0 : args.count) != nil else {
                throw StrataError(.syntaxError, "wrong number of arguments to function \(name)()", location: f.location)
            }
            var aggCollation: Collation = .binary
            if let first = f.arguments.first, let c = try bind(first, scope).collation { aggCollation = c }
            var spec = AggregateSpec(name: name, arguments: args, isDistinct: f.isDistinct, isStar: f.isStar, collation: aggCollation)
            if let filter = f.filter { spec.filter = try bind(filter, scope).expr }
            for (n, term) in f.orderBy.enumerated() {
                let b = try bind(term.expr, scope)
                let descending = term.direction == .descending
                let key = SortKey(slot: n, descending: descending, nullsFirst: term.nulls.map { $0 == .first } ?? !descending,
                                  collation: b.collation ?? .binary)
                spec.orderBy.append((b.expr, key))
            }
            target.aggregates.append(spec)
            return BoundResult(expr: .aggregate(target.aggregates.count - 1))
        }
        var args: [BoundExpr] = []
        var collation: Collation?
        for a in f.arguments {
            let b = try bind(a, scope)
            args.append(b.expr)
            if collation == nil { collation = b.collation }
        }
        guard let call = FunctionResolution.scalar(name, arity: args.count, collation: collation ?? .binary) else {
            if FunctionResolution.exists(name) || aggregateNames.contains(name) {
                throw StrataError(.syntaxError, "wrong number of arguments to function \(name)()", location: f.location)
            }
            throw StrataError(.syntaxError, "no such function: \(f.name)", location: f.location)
        }
        return BoundResult(expr: .function(call, args))
    }
}

#if canImport(Glibc)
import Glibc
#endif
