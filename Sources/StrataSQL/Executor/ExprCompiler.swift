// ExprCompiler: turns a BoundExpr into a tree of closures, once per statement, so evaluating it
// per row is a chain of direct calls instead of a walk that matches on an indirect enum (whose
// every match retains and releases the boxed operands: about half the time of a join in the
// interpreter, measured with perf on select4.test).
//
// The closures compute exactly what `Evaluator.eval` computes (they call the same comparison,
// arithmetic and function code); what they add is specialization decided at compile time:
// an operator's case, an integer fast path for comparisons whose affinities cannot change an
// integer, constant IN lists. Subqueries and RAISE, which are rare per row, go through
// `Evaluator.eval`.
//
// Stack: a compiled expression recurses as deep as the BoundExpr is tall, which the parser
// bounds (1000 levels) and `ThreadStack.withStack` has made room for; subqueries re-enter
// `QueryExecutor.run`, which checks the stack.

import StrataCatalog
import StrataCore

/// An expression compiled for one statement: evaluates over a row with the statement's context.
typealias CompiledExpr = (_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> Value

enum ExprCompiler {
    static func compile(_ e: BoundExpr) -> CompiledExpr {
        switch e {
        case .constant(let v):
            return { _, _ in v }
        case .parameter(let i):
            return { _, ctx in i - 1 < ctx.parameters.count ? ctx.parameters[i - 1] : .null }
        case .column(let depth, let slot):
            if depth == 0 { return { row, _ in slot < row.count ? row[slot] : .null } }
            return { _, ctx throws(StrataError) in
                guard depth <= ctx.outer.count else { throw Evaluator.missingOuterRow(depth) }
                let r = ctx.outer[depth - 1]
                return slot < r.count ? r[slot] : .null
            }
        case .unary(let op, let x):
            let cx = compile(x)
            switch op {
            case .not:
                return { row, ctx throws(StrataError) in
                    guard let t = (try cx(row, ctx)).isTrue else { return .null }
                    return .integer(t ? 0 : 1)
                }
            case .plus: return cx
            case .negate: return { row, ctx throws(StrataError) in SQLArithmetic.negate(try cx(row, ctx)) }
            case .bitNot: return { row, ctx throws(StrataError) in SQLArithmetic.bitNot(try cx(row, ctx)) }
            }
        case .arithmetic(let op, let l, let r):
            return arithmetic(op, compile(l), compile(r))
        case .comparison(let op, let l, let r, let rule):
            return comparison(op, compile(l), compile(r), rule)
        case .and(let l, let r):
            let cl = compile(l)
            let cr = compile(r)
            return { row, ctx throws(StrataError) in
                let a = (try cl(row, ctx)).isTrue
                if a == false { return .integer(0) }
                let b = (try cr(row, ctx)).isTrue
                if b == false { return .integer(0) }
                if a == nil || b == nil { return .null }
                return .integer(1)
            }
        case .or(let l, let r):
            let cl = compile(l)
            let cr = compile(r)
            return { row, ctx throws(StrataError) in
                let a = (try cl(row, ctx)).isTrue
                if a == true { return .integer(1) }
                let b = (try cr(row, ctx)).isTrue
                if b == true { return .integer(1) }
                if a == nil || b == nil { return .null }
                return .integer(0)
            }
        case .isNull(let x, let negated):
            let cx = compile(x)
            return { row, ctx throws(StrataError) in .integer((try cx(row, ctx)).isNull != negated ? 1 : 0) }
        case .between(let x, let lo, let hi, let negated, let r1, let r2):
            let cx = compile(x)
            let clo = compile(lo)
            let chi = compile(hi)
            return { row, ctx throws(StrataError) in
                let v = try cx(row, ctx)
                let a = Evaluator.compare(.greaterEqual, v, try clo(row, ctx), r1)
                let b = Evaluator.compare(.lessEqual, v, try chi(row, ctx), r2)
                guard let t = Evaluator.and3(a.isTrue, b.isTrue) else { return .null }
                return .integer(t != negated ? 1 : 0)
            }
        case .inList(let x, let list, let negated, let rule):
            return inList(compile(x), list, negated, rule)
        case .caseWhen(let base, let branches, let elseValue, let rule):
            let cbase = base.map(compile)
            let cbranches = branches.map { (compile($0.0), compile($0.1)) }
            let celse = elseValue.map(compile)
            if let cbase {
                return { row, ctx throws(StrataError) in
                    let b = try cbase(row, ctx)
                    for (w, t) in cbranches {
                        if case .integer(1) = Evaluator.compare(.equal, b, try w(row, ctx), rule) { return try t(row, ctx) }
                    }
                    if let celse { return try celse(row, ctx) }
                    return .null
                }
            }
            return { row, ctx throws(StrataError) in
                for (w, t) in cbranches where (try w(row, ctx)).isTrue == true { return try t(row, ctx) }
                if let celse { return try celse(row, ctx) }
                return .null
            }
        case .cast(let x, let affinity):
            let cx = compile(x)
            return { row, ctx throws(StrataError) in (try cx(row, ctx)).cast(to: affinity) }
        case .function(let call, let args) where call.function.kind == .coalesce || call.function.kind == .ifnull:
            // Only as many arguments as needed are evaluated (SQLite short-circuits these).
            let cargs = args.map(compile)
            return { row, ctx throws(StrataError) in
                for a in cargs {
                    let v = try a(row, ctx)
                    if !v.isNull { return v }
                }
                return .null
            }
        case .function(let call, let args):
            let cargs = args.map(compile)
            let function = call.function
            let collation = call.collation
            return { row, ctx throws(StrataError) in
                var values: [Value] = []
                values.reserveCapacity(cargs.count)
                for a in cargs { values.append(try a(row, ctx)) }
                return try function.call(values, collation: collation, counts: ctx.session.changeCounts)
            }
        case .aggregate(let i):
            return { _, ctx in i < ctx.aggregates.count ? ctx.aggregates[i] : .null }
        case .like, .inSubquery, .exists, .scalarSubquery, .raise:
            return { row, ctx throws(StrataError) in try Evaluator.eval(e, row, ctx) }
        }
    }

    /// Whether a compiled expression is true (not false, not NULL).
    @inline(__always)
    static func isTrue(_ c: CompiledExpr, _ row: [Value], _ ctx: EvalContext) throws(StrataError) -> Bool {
        (try c(row, ctx)).isTrue == true
    }

    private static func arithmetic(_ op: BinaryOperator, _ cl: @escaping CompiledExpr, _ cr: @escaping CompiledExpr) -> CompiledExpr {
        switch op {
        case .add: return { row, ctx throws(StrataError) in SQLArithmetic.add(try cl(row, ctx), try cr(row, ctx)) }
        case .subtract: return { row, ctx throws(StrataError) in SQLArithmetic.subtract(try cl(row, ctx), try cr(row, ctx)) }
        case .multiply: return { row, ctx throws(StrataError) in SQLArithmetic.multiply(try cl(row, ctx), try cr(row, ctx)) }
        case .divide: return { row, ctx throws(StrataError) in SQLArithmetic.divide(try cl(row, ctx), try cr(row, ctx)) }
        case .concat: return { row, ctx throws(StrataError) in SQLArithmetic.concat(try cl(row, ctx), try cr(row, ctx)) }
        default: return { row, ctx throws(StrataError) in try Evaluator.arithmetic(op, try cl(row, ctx), try cr(row, ctx)) }
        }
    }

    /// A comparison. Two integers compare directly unless TEXT affinity would turn them into
    /// text first; anything else goes through `Evaluator.compare`.
    private static func comparison(_ op: BinaryOperator, _ cl: @escaping CompiledExpr, _ cr: @escaping CompiledExpr,
                                   _ rule: ComparisonRule) -> CompiledExpr {
        let integersDirect = rule.left != .text && rule.right != .text
        func direct(_ test: @escaping (Int64, Int64) -> Bool) -> CompiledExpr {
            { row, ctx throws(StrataError) in
                let a = try cl(row, ctx)
                let b = try cr(row, ctx)
                if integersDirect, case .integer(let x) = a, case .integer(let y) = b { return .integer(test(x, y) ? 1 : 0) }
                return Evaluator.compare(op, a, b, rule)
            }
        }
        switch op {
        case .equal: return direct(==)
        case .notEqual: return direct(!=)
        case .less: return direct(<)
        case .lessEqual: return direct(<=)
        case .greater: return direct(>)
        case .greaterEqual: return direct(>=)
        default:
            return { row, ctx throws(StrataError) in Evaluator.compare(op, try cl(row, ctx), try cr(row, ctx), rule) }
        }
    }

    /// `x [NOT] IN (list)`. A list of constants is compared without evaluating its items.
    private static func inList(_ cx: @escaping CompiledExpr, _ list: [BoundExpr], _ negated: Bool, _ rule: ComparisonRule) -> CompiledExpr {
        if list.isEmpty {
            return { row, ctx throws(StrataError) in
                _ = try cx(row, ctx)
                return .integer(negated ? 1 : 0)
            }
        }
        var constants: [Value] = []
        for item in list {
            guard case .constant(let v) = item else { break }
            constants.append(v)
        }
        if constants.count == list.count {
            return { row, ctx throws(StrataError) in
                let v = try cx(row, ctx)
                if v.isNull { return .null }
                var sawNull = false
                for item in constants {
                    let c = Evaluator.compare(.equal, v, item, rule)
                    if case .integer(1) = c { return .integer(negated ? 0 : 1) }
                    if c.isNull { sawNull = true }
                }
                if sawNull { return .null }
                return .integer(negated ? 1 : 0)
            }
        }
        let citems = list.map(compile)
        return { row, ctx throws(StrataError) in
            let v = try cx(row, ctx)
            if v.isNull { return .null }
            var sawNull = false
            for item in citems {
                let c = Evaluator.compare(.equal, v, try item(row, ctx), rule)
                if case .integer(1) = c { return .integer(negated ? 0 : 1) }
                if c.isNull { sawNull = true }
            }
            if sawNull { return .null }
            return .integer(negated ? 1 : 0)
        }
    }
}
