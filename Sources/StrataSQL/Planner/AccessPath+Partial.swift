// Partial indexes as access paths (issue 5): `CREATE INDEX i ON t(b) WHERE a > 5` holds only
// the rows for which `a > 5` is true, so it may serve a query only when every row the query can
// accept is in it: when the query's terms on the level imply the index's WHERE. As SQLite
// (sqlite3ExprImpliesExpr), each conjunct of the index's WHERE must be implied by one of the
// terms, where a term implies
//   - the same expression (bound alike: `AccessPath+Expression.swift`, `sameExpression`), also
//     with its operands swapped when its right one is a column (`5 < a` is `a > 5`);
//   - `x IS NOT NULL` when the term can only be true if x is not NULL: `x op e` for
//     =, <>, <, <=, >, >=, BETWEEN and IN (list), also with x inside arithmetic (`x + 1 > 2`),
//     and an OR of such terms (SQLite reads `x = 1 OR x = 2` as an IN, `x = 1 OR x > 1` as
//     `x >= 1`);
//   - an OR when it implies either side.
// `a > 6` does not imply `a > 5` here (SQLite does not reason about values either): such a
// query reads the table another way. The terms are the level's WHERE conjuncts (its ON
// conditions for a LEFT JOIN, whose WHERE would also see the NULL row).

import StrataCatalog
import StrataCore

extension Planner {
    /// Whether `level` may read index `ix`, given the terms known true on it: nil when its WHERE
    /// is not implied; else each key column that is an expression, bound in the table's scope
    /// (`scope`, made at the first need), or nil for a plain column or an expression that cannot
    /// be bound; empty when no key column is an expression.
    func usableKeys(_ ix: IndexInfo, _ table: TableInfo, _ level: JoinLevel, _ conditions: [BoundExpr],
                    _ scope: inout Scope?) -> [BoundExpr?]? {
        if ix.whereClause == nil && !ix.columns.contains(where: { $0.column == nil }) { return [] }
        if scope == nil { scope = indexScope(table) }
        let tableScope = scope!
        func bound(_ e: Expr) -> BoundExpr? { try? bind(e, tableScope).expr }
        if let w = ix.whereClause {
            guard let p = bound(w), Self.implies(conditions, p, offset: level.offset) else { return nil }
        }
        guard ix.columns.contains(where: { $0.column == nil }) else { return [] }
        return ix.columns.map { $0.column == nil ? bound($0.expr) : nil }
    }

    /// Whether terms that are all true (slots from `offset`) make `p` (in the table's own scope) true.
    static func implies(_ terms: [BoundExpr], _ p: BoundExpr, offset: Int) -> Bool {
        if case .and(let l, let r) = p { return implies(terms, l, offset: offset) && implies(terms, r, offset: offset) }
        return terms.contains { implies($0, p, offset: offset) }
    }

    private static func implies(_ term: BoundExpr, _ p: BoundExpr, offset: Int) -> Bool {
        if sameExpression(term, p, offset: offset) { return true }
        // `5 < a` is also the term `a > 5` (SQLite adds the commuted copy of a comparison
        // whose right side is a column).
        if case .comparison(let op, let l, let r, let rule) = term, case .column = r, let flipped = op.commuted,
           sameExpression(.comparison(flipped, r, l, ComparisonRule(left: rule.right, right: rule.left, collation: rule.collation)), p, offset: offset) {
            return true
        }
        switch p {
        case .or(let l, let r):
            return implies(term, l, offset: offset) || implies(term, r, offset: offset)
        case .isNull(let x, negated: true), .comparison(.isNot, let x, .constant(.null), _):
            return isNotTrue(term, whenNull: x, offset: offset)
        default:
            return false
        }
    }

    /// Whether `e` cannot be true when `x` is NULL: it is NULL then, or it is an OR neither side
    /// of which can be true (`a = 1 OR a > 1`, which SQLite reads as `a >= 1`), or an AND one
    /// side of which cannot.
    private static func isNotTrue(_ e: BoundExpr, whenNull x: BoundExpr, offset: Int) -> Bool {
        switch e {
        case .or(let l, let r):
            return isNotTrue(l, whenNull: x, offset: offset) && isNotTrue(r, whenNull: x, offset: offset)
        case .and(let l, let r):
            return isNotTrue(l, whenNull: x, offset: offset) || isNotTrue(r, whenNull: x, offset: offset)
        default:
            return isNull(e, whenNull: x, offset: offset)
        }
    }

    /// Whether `e` is NULL (so not true) whenever `x` is NULL (SQLite's exprImpliesNotNull).
    private static func isNull(_ e: BoundExpr, whenNull x: BoundExpr, offset: Int) -> Bool {
        func nulls(_ e: BoundExpr) -> Bool { isNull(e, whenNull: x, offset: offset) }
        if sameExpression(e, x, offset: offset) { return true }
        switch e {
        case .comparison(let op, let l, let r, _):
            switch op {
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return nulls(l) || nulls(r)
            default: return false
            }
        case .arithmetic(_, let l, let r):
            return nulls(l) || nulls(r)
        case .unary(_, let v), .between(let v, _, _, _, _, _):
            return nulls(v)
        case .inList(let v, let list, _, _):
            return !list.isEmpty && nulls(v)
        default:
            return false
        }
    }
}

extension BinaryOperator {
    /// The comparison with its operands swapped (`a < b` is `b > a`); nil for the others.
    var commuted: BinaryOperator? {
        switch self {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        case .equal, .notEqual, .is, .isNot: self
        default: nil
        }
    }
}
