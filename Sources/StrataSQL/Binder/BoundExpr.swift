// BoundExpr: an expression with every name resolved to a slot, ready to evaluate.
//
// A query's FROM sources are laid side by side in one row: a table contributes its rowid and
// then its columns, a subquery or view its output columns. A column reference becomes
// (depth, slot): depth 0 is the row of the query being evaluated, depth d the row of the d-th
// enclosing query (correlated subqueries).

import StrataCatalog
import StrataCore

indirect enum BoundExpr {
    case constant(Value)
    case parameter(Int)
    case column(depth: Int, slot: Int)
    case unary(UnaryOperator, BoundExpr)
    case arithmetic(BinaryOperator, BoundExpr, BoundExpr)
    case comparison(BinaryOperator, BoundExpr, BoundExpr, ComparisonRule)
    case and(BoundExpr, BoundExpr)
    case or(BoundExpr, BoundExpr)
    case isNull(BoundExpr, negated: Bool)
    case between(BoundExpr, BoundExpr, BoundExpr, negated: Bool, ComparisonRule, ComparisonRule)
    case inList(BoundExpr, [BoundExpr], negated: Bool, ComparisonRule)
    case inSubquery(BoundExpr, SubqueryPlan, negated: Bool, ComparisonRule)
    case exists(SubqueryPlan)
    case scalarSubquery(SubqueryPlan)
    case caseWhen(base: BoundExpr?, [(BoundExpr, BoundExpr)], elseValue: BoundExpr?, ComparisonRule)
    case cast(BoundExpr, Affinity)
    case function(ScalarCall, [BoundExpr])
    case like(LikeOperator, BoundExpr, BoundExpr, escape: BoundExpr?, negated: Bool)
    /// The i-th aggregate of the group being evaluated.
    case aggregate(Int)
    case raise(RaiseAction, String?)
}

/// How two operands are prepared before comparing (SQLite's datatype doc §4.2) and the collation.
struct ComparisonRule {
    /// Affinity applied to the left / right operand before comparing.
    var left: Affinity?
    var right: Affinity?
    var collation: Collation

    static let plain = ComparisonRule(left: nil, right: nil, collation: .binary)
}

/// A scalar function resolved by name and arity, with the collation its arguments carry.
struct ScalarCall {
    let function: ScalarFunction
    let collation: Collation
}

/// A planned subquery, evaluated on demand (and cached when not correlated, for one execution:
/// `cacheGeneration` is the `ExecutionSession.generation` the cached values belong to).
final class SubqueryPlan {
    let plan: QueryPlan
    let isCorrelated: Bool
    var cacheGeneration: UInt64 = 0
    var cachedRows: [[Value]]?
    var cachedSet: ValueSetCache?
    /// Set when the planner has unnested this correlated subquery into a hash semi-join
    /// (Planner+SemiJoin.swift): EXISTS and IN then probe it instead of running `plan`.
    var semiJoin: SemiJoin?

    /// Forgets values cached by an earlier execution of a reused plan.
    func startCaching(_ generation: UInt64) {
        guard cacheGeneration != generation else { return }
        cacheGeneration = generation
        cachedRows = nil
        cachedSet = nil
    }

    init(plan: QueryPlan, isCorrelated: Bool) {
        self.plan = plan
        self.isCorrelated = isCorrelated
    }
}

/// The right side of `IN (subquery)`, materialized: its values sorted for binary search.
struct ValueSetCache {
    var values: [Value]
    var hasNull: Bool
}

/// What evaluation needs besides the current row.
final class EvalContext {
    var parameters: [Value]
    /// Rows of the enclosing queries, innermost first.
    var outer: [[Value]] = []
    /// Aggregate results of the current group.
    var aggregates: [Value] = []
    let session: ExecutionSession
    /// The lowest stack address evaluation may reach on this thread (`ThreadStack.check`); a
    /// cursor stepped on another thread sets it again (SelectStream.next).
    var stackLimit = ThreadStack.lowestUsableAddress()

    init(parameters: [Value], session: ExecutionSession) {
        self.parameters = parameters
        self.session = session
    }
}

/// The affinity an expression carries into a comparison: a column's, a CAST's, or none.
func expressionAffinity(_ e: BoundExpr, _ columnAffinity: (Int, Int) -> Affinity?) -> Affinity? {
    switch e {
    case .column(let d, let s): return columnAffinity(d, s)
    case .cast(_, let a): return a
    default: return nil
    }
}

extension BoundExpr {
    /// The operands of an operator, CASE, cast, LIKE or function; nil for subqueries, aggregates
    /// and RAISE (and [] for leaves). Shared by the planner's walks over expressions
    /// (Planner+Pushdown.swift, Planner+SemiJoin.swift).
    var operands: [BoundExpr]? {
        switch self {
        case .constant, .parameter, .column: return []
        case .unary(_, let x), .isNull(let x, _), .cast(let x, _): return [x]
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b, _), .and(let a, let b), .or(let a, let b): return [a, b]
        case .between(let a, let b, let c, _, _, _): return [a, b, c]
        case .inList(let a, let list, _, _): return [a] + list
        case .caseWhen(let base, let branches, let elseValue, _):
            return (base.map { [$0] } ?? []) + branches.flatMap { [$0.0, $0.1] } + (elseValue.map { [$0] } ?? [])
        case .function(_, let args): return args
        case .like(_, let a, let b, let escape, _): return [a, b] + (escape.map { [$0] } ?? [])
        case .inSubquery, .exists, .scalarSubquery, .aggregate, .raise: return nil
        }
    }
}
