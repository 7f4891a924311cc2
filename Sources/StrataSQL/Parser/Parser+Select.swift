// Parser+Select: queries. WITH, SELECT and VALUES cores joined by UNION [ALL] / INTERSECT /
// EXCEPT, ORDER BY, LIMIT/OFFSET, FOR UPDATE/SHARE; FROM builds a left-deep join tree.

import StrataCore

extension Parser {
    /// A query, from WITH, SELECT or VALUES to the end of its LIMIT (and FOR UPDATE/SHARE).
    mutating func parseSelect() throws(ParseFailure) -> SelectStatement {
        try enter()
        defer { leave() }
        let with: WithClause? = at(.with) ? try parseWith() : nil
        return try parseSelect(with: with)
    }

    /// A query after its WITH clause (parsed by the caller, which may also have been looking
    /// for INSERT, UPDATE or DELETE).
    mutating func parseSelect(with: WithClause?) throws(ParseFailure) -> SelectStatement {
        var select = SelectStatement(with: with, first: try parseSelectCore())
        while true {
            let op: CompoundOperator
            switch token.keyword {
            case .union:
                try advance()
                op = try accept(.all) ? .unionAll : .union
            case .intersect:
                try advance()
                op = .intersect
            case .except:
                try advance()
                op = .except
            default:
                try parseSelectTail(&select)
                return select
            }
            select.compounds.append(CompoundTerm(op: op, core: try parseSelectCore()))
        }
    }

    /// ORDER BY, LIMIT/OFFSET and FOR UPDATE/SHARE of a query.
    private mutating func parseSelectTail(_ select: inout SelectStatement) throws(ParseFailure) {
        if at(.order) {
            try advance()
            try expect(.by)
            select.orderBy = try parseOrderingTerms()
        }
        if try accept(.limit) {
            let first = try parseExpr()
            if try accept(.offset) {
                select.limit = first
                select.offset = try parseExpr()
            } else if try accept(.comma) {
                select.offset = first
                select.limit = try parseExpr()
            } else {
                select.limit = first
            }
        }
        if at(.for) {
            let next = try peek()
            if next.keyword == .update || next.keyword == .share {
                try advance()
                try advance()
                select.rowLock = next.keyword == .update ? .forUpdate : .forShare
            }
        }
    }

    /// WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (select), ...
    mutating func parseWith() throws(ParseFailure) -> WithClause {
        try expect(.with)
        let isRecursive = try accept(.recursive)
        var tables: [CommonTableExpression] = []
        repeat {
            let location = location(of: token)
            let name = try parseName()
            let columns = at(.leftParen) ? try parseNameList() : []
            try expect(.as)
            var materialized: Bool?
            if try accept(.materialized) {
                materialized = true
            } else if at(.not), try peek().keyword == .materialized {
                try advance()
                try advance()
                materialized = false
            }
            try expect(.leftParen)
            let select = try parseSelect()
            try expect(.rightParen)
            tables.append(
                CommonTableExpression(
                    name: name, columns: columns, materialized: materialized, select: select, location: location))
        } while try accept(.comma)
        return WithClause(isRecursive: isRecursive, tables: tables)
    }

    /// `SELECT ...` or `VALUES (...), ...`.
    private mutating func parseSelectCore() throws(ParseFailure) -> SelectCore {
        if try accept(.values) { return .values(try parseValuesRows()) }
        try expect(.select)
        var clause = SelectClause(columns: [])
        if try accept(.distinct) {
            clause.isDistinct = true
        } else {
            _ = try accept(.all)
        }
        repeat {
            clause.columns.append(try parseResultColumn())
        } while try accept(.comma)
        if try accept(.from) { clause.from = try parseFrom() }
        if try accept(.where) { clause.whereClause = try parseExpr() }
        if at(.group) {
            try advance()
            try expect(.by)
            repeat {
                clause.groupBy.append(try parseExpr())
            } while try accept(.comma)
        }
        if try accept(.having) { clause.having = try parseExpr() }
        return .select(clause)
    }

    /// `(expr, ...), (expr, ...)` after VALUES; every row as long as the first.
    mutating func parseValuesRows() throws(ParseFailure) -> [[Expr]] {
        var rows: [[Expr]] = []
        repeat {
            let start = token
            try expect(.leftParen)
            var row = [try parseExpr()]
            while try accept(.comma) { row.append(try parseExpr()) }
            try expect(.rightParen)
            if let first = rows.first, first.count != row.count {
                throw error("all VALUES must have the same number of terms", at: start)
            }
            rows.append(row)
        } while try accept(.comma)
        return rows
    }

    /// `*`, `table.*`, `schema.table.*`, or `expr [[AS] alias]`.
    private mutating func parseResultColumn() throws(ParseFailure) -> ResultColumn {
        if try accept(.star) { return .all }
        if atName(), try peek().kind == .dot {
            let second = try peek(2)
            if second.kind == .star {
                let location = location(of: token)
                let table = name(token)
                try advance()
                try advance()
                try advance()
                return .allFrom(QualifiedName(name: table, location: location))
            }
            if second.kind != .star, try peek(3).kind == .dot, try peek(4).kind == .star {
                let location = location(of: token)
                let schema = name(token)
                try advance()
                try advance()
                let table = try parseName()
                try advance()
                try advance()
                return .allFrom(QualifiedName(schema: schema, name: table, location: location))
            }
        }
        let start = token.start
        let expr = try parseExpr()
        let text = String(decoding: lexer.bytes[start..<previousEnd], as: UTF8.self)
        return .expression(expr, alias: try parseAlias(), text: text)
    }

    /// ORDER BY terms: `expr [ASC|DESC] [NULLS FIRST|LAST]`, ...
    mutating func parseOrderingTerms() throws(ParseFailure) -> [OrderingTerm] {
        var terms: [OrderingTerm] = []
        repeat {
            var term = OrderingTerm(expr: try parseExpr())
            if try accept(.asc) {
                term.direction = .ascending
            } else if try accept(.desc) {
                term.direction = .descending
            }
            if at(.nulls) {
                try advance()
                if try accept(.first) {
                    term.nulls = .first
                } else {
                    try expect(.last)
                    term.nulls = .last
                }
            }
            terms.append(term)
        } while try accept(.comma)
        return terms
    }

    // MARK: FROM

    /// A FROM list: table operands joined left to right by `,` or JOIN operators.
    mutating func parseFrom() throws(ParseFailure) -> TableSource {
        let base = depth
        let outerPeak = peak
        peak = base
        var left = try parseTableOperand()
        var height = peak - base
        while true {
            let op: JoinOperator
            var isNatural = false
            if try accept(.comma) {
                op = .comma
            } else {
                isNatural = try accept(.natural)
                switch token.keyword {
                case .join:
                    op = .inner
                case .inner:
                    try advance()
                    op = .inner
                case .cross:
                    try advance()
                    op = .cross
                case .left, .right, .full:
                    op = at(.left) ? .left : at(.right) ? .right : .full
                    try advance()
                    _ = try accept(.outer)
                default:
                    if isNatural { throw syntaxError() }
                    peak = max(outerPeak, base + height)
                    return left
                }
                try expect(.join)
            }
            peak = base
            let right = try parseTableOperand()
            var constraint: JoinConstraint?
            if try accept(.on) {
                constraint = .on(try parseExpr())
            } else if at(.using) {
                try advance()
                constraint = .using(try parseNameList())
            }
            height = max(height, peak - base) + 1
            if base + height > Self.maxDepth { throw tooDeep() }
            left = .join(JoinClause(left: left, op: op, isNatural: isNatural, right: right, constraint: constraint))
        }
    }

    /// A table name (with alias and index hint), a table-valued function, a subquery, or a
    /// parenthesized FROM list.
    private mutating func parseTableOperand() throws(ParseFailure) -> TableSource {
        if at(.leftParen) {
            try enter()
            defer { leave() }
            try advance()
            if atSelectStart() {
                let select = try parseSelect()
                try expect(.rightParen)
                return .subquery(select, alias: try parseAlias())
            }
            let inner = try parseFrom()
            try expect(.rightParen)
            if case .table(var table) = inner, table.alias == nil, let alias = try parseAlias() {
                table.alias = alias
                return .table(table)
            }
            return inner
        }
        let name = try parseQualifiedName()
        if at(.leftParen) {
            try advance()
            var call = FunctionCall(name: name.name, arguments: [], location: name.location)
            if !(try accept(.rightParen)) {
                call.arguments.append(try parseExpr())
                while try accept(.comma) { call.arguments.append(try parseExpr()) }
                try expect(.rightParen)
            }
            return .function(call, alias: try parseAlias())
        }
        var table = TableReference(name: name, alias: try parseAlias())
        if at(.indexed) {
            try advance()
            try expect(.by)
            table.indexHint = .indexedBy(try parseName())
        } else if at(.not), try peek().keyword == .indexed {
            try advance()
            try advance()
            table.indexHint = .notIndexed
        }
        return .table(table)
    }
}
