// Evaluator: computes a BoundExpr over a row. Three-valued logic, SQLite's arithmetic and
// comparison rules.

import StrataCatalog
import StrataCore

enum Evaluator {
    static func eval(_ e: BoundExpr, _ row: [Value], _ ctx: EvalContext) throws(StrataError) -> Value {
        try ThreadStack.check(limit: ctx.stackLimit)
        switch e {
        case .constant(let v): return v
        case .parameter(let i): return i - 1 < ctx.parameters.count ? ctx.parameters[i - 1] : .null
        case .column(let depth, let slot):
            if depth == 0 { return slot < row.count ? row[slot] : .null }
            guard depth <= ctx.outer.count else { throw missingOuterRow(depth) }
            let r = ctx.outer[depth - 1]
            return slot < r.count ? r[slot] : .null
        case .unary(let op, let x):
            let v = try eval(x, row, ctx)
            switch op {
            case .not:
                guard let t = v.isTrue else { return .null }
                return .integer(t ? 0 : 1)
            case .plus: return v
            case .negate: return SQLArithmetic.negate(v)
            case .bitNot: return SQLArithmetic.bitNot(v)
            }
        case .arithmetic(let op, let l, let r):
            return try arithmetic(op, try eval(l, row, ctx), try eval(r, row, ctx))
        case .comparison(let op, let l, let r, let rule):
            return compare(op, try eval(l, row, ctx), try eval(r, row, ctx), rule)
        case .and(let l, let r):
            let a = (try eval(l, row, ctx)).isTrue
            if a == false { return .integer(0) }
            let b = (try eval(r, row, ctx)).isTrue
            if b == false { return .integer(0) }
            if a == nil || b == nil { return .null }
            return .integer(1)
        case .or(let l, let r):
            let a = (try eval(l, row, ctx)).isTrue
            if a == true { return .integer(1) }
            let b = (try eval(r, row, ctx)).isTrue
            if b == true { return .integer(1) }
            if a == nil || b == nil { return .null }
            return .integer(0)
        case .isNull(let x, let negated):
            return .integer((try eval(x, row, ctx)).isNull != negated ? 1 : 0)
        case .between(let x, let lo, let hi, let negated, let r1, let r2):
            let v = try eval(x, row, ctx)
            let a = compare(.greaterEqual, v, try eval(lo, row, ctx), r1)
            let b = compare(.lessEqual, v, try eval(hi, row, ctx), r2)
            let t = and3((a).isTrue, (b).isTrue)
            guard let t else { return .null }
            return .integer(t != negated ? 1 : 0)
        case .inList(let x, let list, let negated, let rule):
            let v = try eval(x, row, ctx)
            if list.isEmpty { return .integer(negated ? 1 : 0) }
            if v.isNull { return .null }
            var sawNull = false
            for item in list {
                let c = compare(.equal, v, try eval(item, row, ctx), rule)
                if case .integer(1) = c { return .integer(negated ? 0 : 1) }
                if c.isNull { sawNull = true }
            }
            if sawNull { return .null }
            return .integer(negated ? 1 : 0)
        case .inSubquery(let x, let sub, let negated, let rule):
            let v = try eval(x, row, ctx)
            if let semiJoin = sub.semiJoin { return try semiJoin.contains(v, row, ctx, negated: negated) }
            let set = try subquerySet(sub, row, ctx, rule)
            if set.values.isEmpty && !set.hasNull { return .integer(negated ? 1 : 0) }
            if v.isNull { return .null }
            let probe = applyAffinity(v, rule.left)
            if binarySearch(set.values, probe, rule.collation) { return .integer(negated ? 0 : 1) }
            if set.hasNull { return .null }
            return .integer(negated ? 1 : 0)
        case .exists(let sub):
            if let semiJoin = sub.semiJoin { return .integer(try semiJoin.exists(row, ctx) ? 1 : 0) }
            let rows = try subqueryRows(sub, row, ctx, limit: 1)
            return .integer(rows.isEmpty ? 0 : 1)
        case .scalarSubquery(let sub):
            let rows = try subqueryRows(sub, row, ctx, limit: 1)
            return rows.first?.first ?? .null
        case .caseWhen(let base, let branches, let elseValue, let rule):
            if let base {
                let b = try eval(base, row, ctx)
                for (w, t) in branches {
                    if case .integer(1) = compare(.equal, b, try eval(w, row, ctx), rule) { return try eval(t, row, ctx) }
                }
            } else {
                for (w, t) in branches where (try eval(w, row, ctx)).isTrue == true {
                    return try eval(t, row, ctx)
                }
            }
            if let elseValue { return try eval(elseValue, row, ctx) }
            return .null
        case .cast(let x, let affinity):
            return (try eval(x, row, ctx)).cast(to: affinity)
        case .function(let call, let args) where call.function.kind == .coalesce || call.function.kind == .ifnull:
            // Only as many arguments as needed are evaluated (SQLite short-circuits these).
            for a in args {
                let v = try eval(a, row, ctx)
                if !v.isNull { return v }
            }
            return .null
        case .function(let call, let args):
            var values: [Value] = []
            values.reserveCapacity(args.count)
            for a in args { values.append(try eval(a, row, ctx)) }
            return try call.function.call(values, collation: call.collation, counts: ctx.session.changeCounts)
        case .like(let op, let x, let pattern, let escape, let negated):
            let v = try eval(x, row, ctx)
            let p = try eval(pattern, row, ctx)
            var esc: Value? = nil
            if let escape { esc = try eval(escape, row, ctx) }
            let matched: Value
            switch op {
            case .like: matched = try ScalarFunctions.like(p, v, escape: esc)
            case .glob: matched = try ScalarFunctions.glob(p, v)
            case .regexp, .match:
                throw StrataError(.syntaxError, "no such function: \(op == .regexp ? "REGEXP" : "MATCH")")
            }
            guard let t = matched.isTrue else { return .null }
            return .integer(t != negated ? 1 : 0)
        case .aggregate(let i):
            return i < ctx.aggregates.count ? ctx.aggregates[i] : .null
        case .raise(let action, let message):
            if action == .ignore { throw StrataError(raiseIgnoreState, "RAISE(IGNORE)") }
            if action == .rollback { throw StrataError(raiseRollbackState, message ?? "") }
            throw StrataError(.integrityConstraintViolation, message ?? "")
        }
    }

    /// A column of an enclosing query that is not there when the expression runs: a planner bug,
    /// reported as an error rather than a crash.
    static func missingOuterRow(_ depth: Int) -> StrataError {
        StrataError(.internalError, "internal error: no enclosing row at depth \(depth) for a correlated column")
    }

    static func and3(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    static func isTrue(_ e: BoundExpr, _ row: [Value], _ ctx: EvalContext) throws(StrataError) -> Bool {
        (try eval(e, row, ctx)).isTrue == true
    }

    // MARK: comparison

    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value, _ rule: ComparisonRule) -> Value {
        switch op {
        case .is:
            if a.isNull || b.isNull { return .integer(a.isNull && b.isNull ? 1 : 0) }
        case .isNot:
            if a.isNull || b.isNull { return .integer(a.isNull && b.isNull ? 0 : 1) }
        default:
            if a.isNull || b.isNull { return .null }
        }
        let x = applyAffinity(a, rule.left)
        let y = applyAffinity(b, rule.right)
        let c = compareValues(x, y, collation: rule.collation)
        let result: Bool
        switch op {
        case .equal, .is: result = c == 0
        case .notEqual, .isNot: result = c != 0
        case .less: result = c < 0
        case .lessEqual: result = c <= 0
        case .greater: result = c > 0
        case .greaterEqual: result = c >= 0
        default: result = false
        }
        return .integer(result ? 1 : 0)
    }

    /// The affinity conversion a comparison applies to one operand (nil: none).
    @inline(__always)
    static func applyAffinity(_ v: Value, _ affinity: Affinity?) -> Value {
        guard let affinity else { return v }
        return v.applyingComparisonAffinity(affinity)
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(StrataError) -> Value {
        switch op {
        case .concat: return SQLArithmetic.concat(a, b)
        case .add: return SQLArithmetic.add(a, b)
        case .subtract: return SQLArithmetic.subtract(a, b)
        case .multiply: return SQLArithmetic.multiply(a, b)
        case .divide: return SQLArithmetic.divide(a, b)
        case .remainder: return SQLArithmetic.remainder(a, b)
        case .bitAnd: return SQLArithmetic.bitAnd(a, b)
        case .bitOr: return SQLArithmetic.bitOr(a, b)
        case .shiftLeft: return SQLArithmetic.shiftLeft(a, b)
        case .shiftRight: return SQLArithmetic.shiftRight(a, b)
        default: return .null
        }
    }

    // MARK: subqueries

    static func subqueryRows(_ sub: SubqueryPlan, _ row: [Value], _ ctx: EvalContext, limit: Int?) throws(StrataError) -> [[Value]] {
        if !sub.isCorrelated {
            sub.startCaching(ctx.session.generation)
            if let cached = sub.cachedRows { return cached }
        }
        ctx.outer.insert(row, at: 0)
        defer { ctx.outer.removeFirst() }
        let rows = try QueryExecutor.run(sub.plan, ctx, limit: sub.isCorrelated ? limit : nil)
        if !sub.isCorrelated { sub.cachedRows = rows }
        return rows
    }

    static func subquerySet(_ sub: SubqueryPlan, _ row: [Value], _ ctx: EvalContext, _ rule: ComparisonRule) throws(StrataError) -> ValueSetCache {
        if !sub.isCorrelated {
            sub.startCaching(ctx.session.generation)
            if let cached = sub.cachedSet { return cached }
        }
        let rows = try subqueryRows(sub, row, ctx, limit: nil)
        var values: [Value] = []
        var hasNull = false
        for r in rows {
            let v = r.first ?? .null
            if v.isNull { hasNull = true } else { values.append(applyAffinity(v, rule.right)) }
        }
        values.sort { compareValues($0, $1, collation: rule.collation) < 0 }
        let set = ValueSetCache(values: values, hasNull: hasNull)
        if !sub.isCorrelated { sub.cachedSet = set }
        return set
    }

    static func binarySearch(_ values: [Value], _ v: Value, _ collation: Collation) -> Bool {
        var lo = 0
        var hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = compareValues(values[mid], v, collation: collation)
            if c == 0 { return true }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return false
    }
}

