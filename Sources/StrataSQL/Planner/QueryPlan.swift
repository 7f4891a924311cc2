// QueryPlan: a bound query, ready to run many times (once per outer row for a correlated
// subquery). Built by the Planner, run by QueryExecutor.

import StrataCatalog
import StrataCore

final class QueryPlan {
    enum Body {
        case core(CorePlan)
        /// first, then (operator, next) applied left to right
        case compound(QueryPlan, [(CompoundOperator, QueryPlan)])
    }

    var body: Body
    var columnNames: [String]
    /// Visible result columns; rows may carry hidden sort keys after them.
    var width: Int
    /// Sort keys: index into the row (visible or hidden), direction, NULLs first, collation.
    var orderBy: [SortKey] = []
    var limit: BoundExpr?
    var offset: BoundExpr?
    /// How many leading `orderBy` keys the first join level's scan already gives (AccessPath+Order.swift):
    /// all of them, no sort; fewer, the sort only orders within runs of equal leading keys.
    var orderedPrefix = 0
    /// Set for a recursive CTE: `body` is .compound(anchor, recursive parts) over this working table.
    var recursive: CTEState?
    /// Per visible column: the affinity and collation its expression carries (a column's, a CAST's).
    var resultAffinities: [Affinity?] = []
    var resultCollations: [Collation?] = []
    /// Reads a row of a query around it, so runs again for each (true unless the planner knows
    /// otherwise: a subquery, CTE or view in FROM).
    var isCorrelated = true

    init(body: Body, columnNames: [String]) {
        self.body = body
        self.columnNames = columnNames
        width = columnNames.count
    }
}

struct SortKey {
    var slot: Int
    var descending: Bool
    var nullsFirst: Bool
    var collation: Collation
}

/// A source of rows in FROM.
enum SourcePlan {
    /// A table: rows are [rowid, columns...].
    case table(TableInfo)
    /// A subquery, view or CTE, materialized per execution.
    case query(QueryPlan)
    /// A recursive CTE's working table, read while the recursion runs.
    case cteWorkingTable(CTEState)
    /// Rows known when the query is planned (the schema table).
    case rows([[Value]])
    /// `sqlite_sequence`, read when the query runs: rows are [rowid, name, seq] (SequenceTable).
    case sequenceTable
}

final class CTEState {
    var rows: [[Value]] = []
    /// References to the working table found while planning the recursive part.
    var references = 0
}

struct JoinLevel {
    var source: SourcePlan
    /// First slot of this source's values in the combined row.
    var offset: Int
    var width: Int
    var isLeftJoin: Bool
    /// ON conditions (decide whether a left-joined row matched).
    var on: [BoundExpr] = []
    /// WHERE conjuncts whose last referenced source is this one.
    var filters: [BoundExpr] = []
    /// An equality usable to look rows up by value: (slot within this source, probe expression, rule).
    var hashProbe: (slot: Int, probe: BoundExpr, leftAffinity: Affinity?, rightAffinity: Affinity?)?
    /// How a table is read when not whole: by rowid or through an index (AccessPath.swift);
    /// nil: a full scan (narrowed by `hashProbe` if there is one).
    var access: AccessPath?
    /// The name the query gives a table (its alias, or its name), for EXPLAIN QUERY PLAN.
    var alias: String? = nil
    /// Set on the first level when its rows must come in `access`'s key order (ORDER BY, min/max:
    /// AccessPath+Order.swift); the level is then read row by row (TableAccess+Order.swift).
    var order: ScanOrder?
    /// The first this-many levels in FROM order stay before this one whatever the join order:
    /// the right side of a LEFT JOIN or CROSS JOIN, as in SQLite (Planner+JoinOrder.swift).
    var predecessors = 0
    /// A table's `INDEXED BY i` (only index i) or `NOT INDEXED` (no index) (AccessPath.swift).
    var indexHint: IndexHint? = nil
}

final class CorePlan {
    var levels: [JoinLevel] = []
    /// Conjuncts that reference no source (constant or outer only): checked once.
    var constantFilters: [BoundExpr] = []
    /// The cost model's estimate (CostModel.swift) of the rows reaching each level, in join
    /// order, then of the rows the join yields; empty until the join order is chosen.
    var estimatedRows: [Double] = []
    /// Per level in join order: the access paths its terms allow and the cost model's choice
    /// among them (nil: a path it cannot estimate), as the join order's search found them, for
    /// `chooseAccessPaths`; empty when there was no search.
    var plannedAccess: [(paths: [AccessPath], choice: CostModel.LevelChoice?)?] = []
    var rowWidth = 0
    var values: [[BoundExpr]]?
    var isAggregate = false
    var groupBy: [BoundExpr] = []
    /// The collation each GROUP BY term compares by (its COLLATE, or its column's).
    var groupByCollations: [Collation] = []
    var aggregates: [AggregateSpec] = []
    var having: BoundExpr?
    var results: [BoundExpr] = []
    /// Hidden ORDER BY keys evaluated like results and appended to each row.
    var hiddenKeys: [BoundExpr] = []
    var isDistinct = false
    /// A lone min() or max() answered by the first row of the first level's ordered scan that
    /// passes the filters (AccessPath+Order.swift): the join stops there.
    var isMinMaxProbe = false
    /// Collations of the visible columns, which decide which values DISTINCT treats as equal.
    var distinctCollations: [Collation?] = []
    /// The expressions above compiled, at the first run (after planning has finished with them).
    lazy var compiled = CompiledCore(self)
}

struct AggregateSpec {
    var name: String
    var arguments: [BoundExpr]
    var isDistinct: Bool
    var isStar: Bool
    var collation: Collation
    /// FILTER (WHERE …): rows for which it is not true are left out of this aggregate.
    var filter: BoundExpr? = nil
    /// ORDER BY inside the call: the order the rows reach the aggregate (`group_concat(x ORDER BY y)`).
    var orderBy: [(expr: BoundExpr, key: SortKey)] = []
}

/// A predicate compiled for one statement: whether every one of its conditions is true.
typealias CompiledPredicate = (_ row: [Value], _ ctx: EvalContext) throws(StrataError) -> Bool

/// A core's expressions compiled once (ExprCompiler), at its first run; a correlated subquery
/// runs the same compiled core for every outer row.
final class CompiledCore {
    final class Level {
        let offset: Int
        let width: Int
        let isLeftJoin: Bool
        /// All ON conditions true; nil when there are none.
        let on: CompiledPredicate?
        /// All filters that read this level's columns only (and no correlated subquery) true:
        /// checked once per row of the source before joining, not once per combination. For a
        /// LEFT JOIN, the ON conditions of that kind (WHERE filters must see the NULL row).
        let local: CompiledPredicate?
        /// All other filters true; nil when there are none.
        let filters: CompiledPredicate?
        let probe: CompiledExpr?
        let probeSlot: Int
        let probeLeftAffinity: Affinity?
        let probeRightAffinity: Affinity?
        /// The level's access path and its key expressions compiled (TableAccess.swift).
        let access: CompiledAccess?
        /// The same path read in key order, row by row, when the level has a `ScanOrder`.
        let ordered: OrderedScan?
        /// The columns of the source's rows that the core reads (indexes into a source row); nil:
        /// all of them. Only these are copied into the combined row.
        let used: [Int]?
        /// An uncorrelated subquery in FROM joined through its hash table is read once per
        /// statement, not once per run of a correlated subquery around it: SQLite builds its
        /// automatic index on such a subquery once (OP_Once), so an UPDATE's SET or WHERE sees
        /// it as it was at its first use (Docs/sql.md, Writes).
        let isReadOncePerStatement: Bool
        /// Those rows, for the statement execution (`ExecutionSession.generation`) that read them.
        var statementRows: (generation: UInt64, rows: [[Value]])?

        init(_ level: JoinLevel, usedSlots: Set<Int>?) {
            offset = level.offset
            width = level.width
            isLeftJoin = level.isLeftJoin
            let range = level.offset..<(level.offset + level.width)
            func isLocal(_ e: BoundExpr) -> Bool {
                var inside = true
                var subquery = false
                Planner.visitSlots(e, { if !range.contains($0) { inside = false } }, &subquery)
                return inside && !subquery
            }
            if level.isLeftJoin {
                local = CompiledCore.all(level.on.filter(isLocal))
                on = CompiledCore.all(level.on.filter { !isLocal($0) })
                filters = CompiledCore.all(level.filters)
            } else {
                local = CompiledCore.all(level.filters.filter(isLocal))
                on = CompiledCore.all(level.on)
                filters = CompiledCore.all(level.filters.filter { !isLocal($0) })
            }
            probe = level.hashProbe.map { ExprCompiler.compile($0.probe) }
            probeSlot = level.hashProbe?.slot ?? 0
            probeLeftAffinity = level.hashProbe?.leftAffinity
            probeRightAffinity = level.hashProbe?.rightAffinity
            if case .table(let table) = level.source, let path = level.access {
                access = CompiledAccess(path, table, readColumns: Planner.levelColumns(usedSlots, level))
                ordered = level.order.map { OrderedScan(path, table, $0) }
            } else {
                access = nil
                ordered = nil
            }
            if let usedSlots {
                used = (0..<level.width).filter { usedSlots.contains(level.offset + $0) }
            } else {
                used = nil
            }
            if case .query(let q) = level.source, !q.isCorrelated, level.hashProbe != nil {
                isReadOncePerStatement = true
            } else {
                isReadOncePerStatement = false
            }
        }
    }

    let levels: [Level]
    let results: [CompiledExpr]
    let hiddenKeys: [CompiledExpr]
    let groupBy: [CompiledExpr]
    let aggregateArguments: [[CompiledExpr]]
    let aggregateFilters: [CompiledExpr?]
    let aggregateOrderKeys: [[CompiledExpr]]
    let having: CompiledExpr?

    init(_ core: CorePlan) {
        let usedSlots = Self.usedSlots(core)
        levels = core.levels.map { Level($0, usedSlots: usedSlots) }
        results = core.results.map(ExprCompiler.compile)
        hiddenKeys = core.hiddenKeys.map(ExprCompiler.compile)
        groupBy = core.groupBy.map(ExprCompiler.compile)
        aggregateArguments = core.aggregates.map { $0.arguments.map(ExprCompiler.compile) }
        aggregateFilters = core.aggregates.map { $0.filter.map(ExprCompiler.compile) }
        aggregateOrderKeys = core.aggregates.map { $0.orderBy.map { ExprCompiler.compile($0.expr) } }
        having = core.having.map(ExprCompiler.compile)
    }

    /// The slots of the combined row that the core's expressions read; nil when a correlated
    /// subquery may read any of them (through the outer row).
    static func usedSlots(_ core: CorePlan) -> Set<Int>? {
        var slots = Set<Int>()
        var correlated = false
        func visit(_ e: BoundExpr) { Planner.visitSlots(e, { slots.insert($0) }, &correlated) }
        for level in core.levels {
            level.on.forEach(visit)
            level.filters.forEach(visit)
            if let p = level.hashProbe {
                visit(p.probe)
                slots.insert(level.offset + p.slot)
            }
            level.access?.expressions.forEach(visit)
        }
        core.results.forEach(visit)
        core.hiddenKeys.forEach(visit)
        core.groupBy.forEach(visit)
        for a in core.aggregates {
            a.arguments.forEach(visit)
            a.filter.map(visit)
            a.orderBy.forEach { visit($0.expr) }
        }
        core.having.map(visit)
        return correlated ? nil : slots
    }

    /// One predicate for a list of conditions, checked in order, stopping at the first that is
    /// not true.
    static func all(_ conditions: [BoundExpr]) -> CompiledPredicate? {
        var predicate: CompiledPredicate?
        for condition in conditions.reversed() {
            let c = ExprCompiler.compile(condition)
            if let rest = predicate {
                predicate = { row, ctx throws(StrataError) in
                    guard (try c(row, ctx)).isTrue == true else { return false }
                    return try rest(row, ctx)
                }
            } else {
                predicate = { row, ctx throws(StrataError) in (try c(row, ctx)).isTrue == true }
            }
        }
        return predicate
    }
}
