// SemiJoin: a correlated EXISTS or IN subquery unnested by the planner (Planner+SemiJoin.swift),
// answered from a hash set of the inner table's rows instead of by running the subquery again
// for each outer row.
//
// The set is built when the first outer row asks, once per statement execution: it is tagged
// with `ExecutionSession.generation`, so a plan reused from the PlanCache builds it again, and it
// is never kept across the statement's own writes (a statement reads its WHERE's rows before it
// writes: UPDATE and DELETE fix their target rows first, INSERT ... SELECT runs its SELECT
// first, and a trigger's statements are planned again each time they run).
//
// INVARIANTS
//   (1) A key is the correlation's values, each as its `=` prepares it (the affinity the
//       comparison gives that side, then the collation's folding: NOCASE, RTRIM), as atoms equal
//       exactly when that comparison says equal (`atom`); a NULL in a key matches nothing, so an
//       inner row with one is left out and an outer row with one finds nothing.
//   (2) For IN, `groups` says per key whether its rows had a NULL value, and `members` holds
//       (key, value) with the value prepared as IN compares it: together they give the three
//       values the per-row IN gives for that key's rows (`Evaluator.eval`, .inSubquery).

import StrataCatalog
import StrataCore

final class SemiJoin {
    /// One correlation `inner = outer`: the outer side as the outer query reads it, and how the
    /// comparison prepares each side.
    struct Key {
        var outer: BoundExpr
        var innerAffinity: Affinity?
        var outerAffinity: Affinity?
        var collation: Collation
    }

    /// The inner table's rows that pass its own terms, as [key values..., IN's value].
    let build: QueryPlan
    let keys: [Key]
    /// For IN: the rule comparing the left operand with the subquery's value; nil for EXISTS.
    let membership: ComparisonRule?
    /// For EXPLAIN QUERY PLAN: the table's name, the key columns, whether inner terms narrow it.
    let tableName: String
    let keyNames: [String]
    let isPartial: Bool

    /// The execution the set belongs to (nil: not built yet).
    private var generation: UInt64?
    /// How many times the set was built (once per execution that probes it; for tests).
    private(set) var buildCount = 0
    /// The keys of the inner rows (EXISTS), or per key whether a value was NULL (IN).
    private var keySet = Set<DistinctKey>()
    private var groups: [DistinctKey: Bool] = [:]
    private var members = Set<DistinctKey>()
    private lazy var outerKeys: [CompiledExpr] = keys.map { ExprCompiler.compile($0.outer) }

    init(build: QueryPlan, keys: [Key], membership: ComparisonRule?, tableName: String, keyNames: [String], isPartial: Bool) {
        self.build = build
        self.keys = keys
        self.membership = membership
        self.tableName = tableName
        self.keyNames = keyNames
        self.isPartial = isPartial
    }

    /// EXPLAIN QUERY PLAN's line for the inner side, in SQLite's words for an index it builds for
    /// one statement: `SEARCH t USING AUTOMATIC [PARTIAL ]COVERING INDEX (c=?)` (PARTIAL when the
    /// subquery's own terms leave rows out).
    var explanation: String {
        let terms = keyNames.map { "\($0)=?" }.joined(separator: " AND ")
        return "SEARCH \(tableName) USING AUTOMATIC \(isPartial ? "PARTIAL " : "")COVERING INDEX (\(terms))"
    }

    /// `EXISTS (subquery)` for the outer row `row`.
    func exists(_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> Bool {
        try prepare(ctx)
        guard let key = try outerKey(row, ctx) else { return false }
        return keySet.contains(key)
    }

    /// `x [NOT] IN (subquery)` for the outer row `row`, with SQLite's NULLs: an empty subquery
    /// gives false (true for NOT IN) whatever x is; else a NULL x, or no match among values one
    /// of which is NULL, gives NULL.
    func contains(_ x: Value, _ row: [Value], _ ctx: EvalContext, negated: Bool) throws(StrataError) -> Value {
        try prepare(ctx)
        guard let rule = membership, let key = try outerKey(row, ctx), let hasNull = groups[key] else {
            return .integer(negated ? 1 : 0)
        }
        guard let probe = Self.atom(x, rule.left, rule.collation) else { return .null }
        var member = key
        member.atoms.append(probe)
        if members.contains(member) { return .integer(negated ? 0 : 1) }
        return hasNull ? .null : .integer(negated ? 1 : 0)
    }

    /// The outer row's key; nil when a value is NULL (the correlation is then never true).
    private func outerKey(_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> DistinctKey? {
        var key = DistinctKey([])
        key.atoms.reserveCapacity(keys.count + 1)
        for (i, k) in keys.enumerated() {
            guard let a = Self.atom(try outerKeys[i](row, ctx), k.outerAffinity, k.collation) else { return nil }
            key.atoms.append(a)
        }
        return key
    }

    /// Builds the set for this execution, unless it already has.
    private func prepare(_ ctx: EvalContext) throws(StrataError) {
        guard generation != ctx.session.generation else { return }
        keySet = []
        groups = [:]
        members = []
        generation = nil
        let rows = try QueryExecutor.run(build, ctx)
        let interrupt = ctx.session.checkInterrupt
        rows: for r in rows {
            try interrupt()
            var key = DistinctKey([])
            key.atoms.reserveCapacity(keys.count + 1)
            for (i, k) in keys.enumerated() {
                guard let a = Self.atom(r[i], k.innerAffinity, k.collation) else { continue rows }
                key.atoms.append(a)
            }
            guard let rule = membership else {
                keySet.insert(key)
                continue
            }
            guard let value = Self.atom(r[keys.count], rule.right, rule.collation) else {
                groups[key] = true
                continue
            }
            if groups[key] == nil { groups[key] = false }
            key.atoms.append(value)
            members.insert(key)
        }
        generation = ctx.session.generation
        buildCount += 1
    }

    /// `v` as a comparison with this affinity and collation sees it, as an atom equal to another
    /// exactly when the comparison says the values are equal; nil for NULL. A real with an
    /// integer value in Int64's range is that integer (`compareIntegerToReal` finds them equal).
    static func atom(_ v: Value, _ affinity: Affinity?, _ collation: Collation) -> DistinctKey.Atom? {
        switch Evaluator.applyAffinity(v, affinity) {
        case .null: return nil
        case .integer(let i): return .integer(i)
        case .real(let d):
            if d.rounded() == d, d >= -9223372036854775808.0, d < 9223372036854775808.0 { return .integer(Int64(d)) }
            return .real(d.bitPattern)
        case .text(let t): return .text(Array((collation == .binary ? t : QueryExecutor.fold(t, collation)).utf8))
        case .blob(let b): return .blob(b)
        }
    }
}
