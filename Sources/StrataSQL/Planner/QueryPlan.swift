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
    /// Set for a recursive CTE: `body` is .compound(anchor, recursive parts) over this working table.
    var recursive: CTEState?
    /// Per visible column: the affinity and collation its expression carries (a column's, a CAST's).
    var resultAffinities: [Affinity?] = []
    var resultCollations: [Collation?] = []

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
}

final class CorePlan {
    var levels: [JoinLevel] = []
    /// Conjuncts that reference no source (constant or outer only): checked once.
    var constantFilters: [BoundExpr] = []
    var rowWidth = 0
    var values: [[BoundExpr]]?
    var isAggregate = false
    var groupBy: [BoundExpr] = []
    var aggregates: [AggregateSpec] = []
    var having: BoundExpr?
    var results: [BoundExpr] = []
    /// Hidden ORDER BY keys evaluated like results and appended to each row.
    var hiddenKeys: [BoundExpr] = []
    var isDistinct = false
    /// Collations of the visible columns, which decide which values DISTINCT treats as equal.
    var distinctCollations: [Collation?] = []
}

struct AggregateSpec {
    var name: String
    var arguments: [BoundExpr]
    var isDistinct: Bool
    var isStar: Bool
    var collation: Collation
}
