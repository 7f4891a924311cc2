// Indexes on expressions as access paths (issue 5): `CREATE INDEX t_lower ON t(lower(name))`
// serves `lower(name) = e`, `lower(name) IN (…)` and ranges on `lower(name)`, as SQLite's
// indexes on expressions do. The index's key expression is bound in the scope of its table
// alone (rowid at slot 0, column c at slot c + 1) and a term's key side must be the same
// expression, structurally (`sameExpression`), once its slots are taken relative to the join
// level. The rules of the other paths hold unchanged: the comparison must apply no affinity to
// the key side (an expression has none, so `lower(name) = 5` leaves 5 alone, as the index
// does), the probe value gets the affinity the comparison gives it, and the index column's
// collation (BINARY unless the index says COLLATE) must be the comparison's.

import StrataCatalog
import StrataCore

extension Planner {
    /// A table's columns as the index definitions name them: slot 0 the rowid, column c at c + 1.
    func indexScope(_ table: TableInfo) -> Scope {
        let scope = Scope(parent: nil)
        scope.sources = [Scope.Source(name: table.name, columns: table.columns.map {
            Scope.Column(name: $0.name, affinity: $0.affinity, collation: collation($0.collation))
        }, offset: 1, hasRowid: true)]
        return scope
    }

    /// `e` when it may be the key side of a term for an index on an expression of `level`'s
    /// table: not a bare column (nor `+column`, which opts out of indexes), reading at least one
    /// of the level's columns and no other level's, and no correlated subquery.
    static func levelExpression(_ e: BoundExpr, _ level: JoinLevel) -> BoundExpr? {
        switch e {
        case .column, .constant, .parameter, .unary(.plus, .column): return nil
        default: break
        }
        let range = level.offset..<(level.offset + level.width)
        var inside = true
        var readsLevel = false
        var correlated = false
        visitSlots(e, { s in
            if range.contains(s) { readsLevel = true } else { inside = false }
        }, &correlated)
        return inside && readsLevel && !correlated ? e : nil
    }

    /// Whether `a`, an expression of the query whose table's slots start at `offset`, is the same
    /// expression as `b`, bound in the table's own scope (`indexScope`): the same operators,
    /// functions (deterministic ones only), comparison rules and constants (of the same type and
    /// bytes), and columns of that table. Subqueries are never the same.
    static func sameExpression(_ a: BoundExpr, _ b: BoundExpr, offset: Int) -> Bool {
        func same(_ a: BoundExpr, _ b: BoundExpr) -> Bool { sameExpression(a, b, offset: offset) }
        func sameList(_ a: [BoundExpr], _ b: [BoundExpr]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        }
        func sameRule(_ a: ComparisonRule, _ b: ComparisonRule) -> Bool {
            a.left == b.left && a.right == b.right && a.collation == b.collation
        }
        switch (a, b) {
        case (.constant(let x), .constant(let y)):
            return sameConstant(x, y)
        case (.parameter(let x), .parameter(let y)):
            return x == y
        case (.column(let d1, let s1), .column(let d2, let s2)):
            return d1 == 0 && d2 == 0 && s1 - offset == s2
        case (.unary(let o1, let x1), .unary(let o2, let x2)):
            return o1 == o2 && same(x1, x2)
        case (.arithmetic(let o1, let x1, let y1), .arithmetic(let o2, let x2, let y2)):
            return o1 == o2 && same(x1, x2) && same(y1, y2)
        case (.comparison(let o1, let x1, let y1, let r1), .comparison(let o2, let x2, let y2, let r2)):
            return o1 == o2 && sameRule(r1, r2) && same(x1, x2) && same(y1, y2)
        case (.and(let x1, let y1), .and(let x2, let y2)), (.or(let x1, let y1), .or(let x2, let y2)):
            return same(x1, x2) && same(y1, y2)
        case (.isNull(let x1, let n1), .isNull(let x2, let n2)):
            return n1 == n2 && same(x1, x2)
        case (.between(let x1, let l1, let h1, let n1, let a1, let b1), .between(let x2, let l2, let h2, let n2, let a2, let b2)):
            return n1 == n2 && sameRule(a1, a2) && sameRule(b1, b2) && same(x1, x2) && same(l1, l2) && same(h1, h2)
        case (.inList(let x1, let l1, let n1, let r1), .inList(let x2, let l2, let n2, let r2)):
            return n1 == n2 && sameRule(r1, r2) && same(x1, x2) && sameList(l1, l2)
        case (.cast(let x1, let t1), .cast(let x2, let t2)):
            return t1 == t2 && same(x1, x2)
        case (.function(let f1, let a1), .function(let f2, let a2)):
            return f1.function == f2.function && f1.function.isDeterministic && f1.collation == f2.collation && sameList(a1, a2)
        case (.like(let o1, let v1, let p1, let e1, let n1), .like(let o2, let v2, let p2, let e2, let n2)):
            guard o1 == o2, n1 == n2, same(v1, v2), same(p1, p2) else { return false }
            switch (e1, e2) {
            case (nil, nil): return true
            case (let x?, let y?): return same(x, y)
            default: return false
            }
        case (.caseWhen(let base1, let w1, let else1, let r1), .caseWhen(let base2, let w2, let else2, let r2)):
            guard sameRule(r1, r2), w1.count == w2.count,
                  zip(w1, w2).allSatisfy({ same($0.0, $1.0) && same($0.1, $1.1) }) else { return false }
            switch (base1, base2) {
            case (nil, nil): break
            case (let x?, let y?): guard same(x, y) else { return false }
            default: return false
            }
            switch (else1, else2) {
            case (nil, nil): return true
            case (let x?, let y?): return same(x, y)
            default: return false
            }
        default:
            return false
        }
    }

    /// The same constant: the same type and value, text by its bytes, reals by their bits.
    private static func sameConstant(_ x: Value, _ y: Value) -> Bool {
        switch (x, y) {
        case (.null, .null): return true
        case (.integer(let a), .integer(let b)): return a == b
        case (.real(let a), .real(let b)): return a.bitPattern == b.bitPattern
        case (.text(let a), .text(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.blob(let a), .blob(let b)): return a == b
        default: return false
        }
    }
}
