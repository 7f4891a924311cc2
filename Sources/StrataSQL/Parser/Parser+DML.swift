// Parser+DML: INSERT (and REPLACE), UPDATE, DELETE.

import StrataCore

extension Parser {
    /// `OR ROLLBACK|ABORT|FAIL|IGNORE|REPLACE` after INSERT or UPDATE.
    private mutating func parseOrConflict() throws(ParseFailure) -> ConflictResolution? {
        guard try accept(.or) else { return nil }
        return try parseConflictResolution()
    }

    /// ROLLBACK | ABORT | FAIL | IGNORE | REPLACE
    mutating func parseConflictResolution() throws(ParseFailure) -> ConflictResolution {
        let resolution: ConflictResolution
        switch token.keyword {
        case .rollback: resolution = .rollback
        case .abort: resolution = .abort
        case .fail: resolution = .fail
        case .ignore: resolution = .ignore
        case .replace: resolution = .replace
        default: throw syntaxError()
        }
        try advance()
        return resolution
    }

    /// (INSERT [OR x] | REPLACE) INTO [schema.]table [AS alias] [(columns)]
    /// (VALUES ... | select | DEFAULT VALUES)
    mutating func parseInsert(with: WithClause?) throws(ParseFailure) -> InsertStatement {
        var onConflict: ConflictResolution?
        if try accept(.replace) {
            onConflict = .replace
        } else {
            try expect(.insert)
            onConflict = try parseOrConflict()
        }
        try expect(.into)
        let table = try parseQualifiedName()
        let alias: String? = try accept(.as) ? try parseName() : nil
        let columns: [String]? = at(.leftParen) ? try parseNameList() : nil
        let source: InsertSource
        if at(.default) {
            try advance()
            try expect(.values)
            source = .defaultValues
        } else {
            guard atSelectStart() else { throw syntaxError() }
            let select = try parseSelect()
            if select.with == nil, select.compounds.isEmpty, select.orderBy.isEmpty, select.limit == nil,
                select.rowLock == nil, case .values(let rows) = select.first
            {
                source = .values(rows)
            } else {
                source = .select(select)
            }
        }
        return InsertStatement(
            with: with, onConflict: onConflict, table: table, alias: alias, columns: columns, source: source)
    }

    /// `[schema.]name [AS alias] [INDEXED BY index | NOT INDEXED]` of UPDATE and DELETE.
    private mutating func parseTargetTable() throws(ParseFailure) -> (QualifiedName, String?, IndexHint?) {
        let table = try parseQualifiedName()
        let alias: String? = try accept(.as) ? try parseName() : nil
        var hint: IndexHint?
        if at(.indexed) {
            try advance()
            try expect(.by)
            hint = .indexedBy(try parseName())
        } else if at(.not) {
            try advance()
            try expect(.indexed)
            hint = .notIndexed
        }
        return (table, alias, hint)
    }

    /// UPDATE [OR x] table SET col = expr, (a, b) = expr, ... [FROM ...] [WHERE expr]
    mutating func parseUpdate(with: WithClause?) throws(ParseFailure) -> UpdateStatement {
        try expect(.update)
        let onConflict = try parseOrConflict()
        let (table, alias, hint) = try parseTargetTable()
        try expect(.set)
        var assignments: [Assignment] = []
        repeat {
            let location = location(of: token)
            let columns = at(.leftParen) ? try parseNameList() : [try parseName(joinWords: true)]
            try expect(.equal)
            assignments.append(Assignment(columns: columns, value: try parseExpr(), location: location))
        } while try accept(.comma)
        let from: TableSource? = try accept(.from) ? try parseFrom() : nil
        let whereClause: Expr? = try accept(.where) ? try parseExpr() : nil
        return UpdateStatement(
            with: with, onConflict: onConflict, table: table, alias: alias, indexHint: hint,
            assignments: assignments, from: from, whereClause: whereClause)
    }

    /// DELETE FROM table [WHERE expr]
    mutating func parseDelete(with: WithClause?) throws(ParseFailure) -> DeleteStatement {
        try expect(.delete)
        try expect(.from)
        let (table, alias, hint) = try parseTargetTable()
        let whereClause: Expr? = try accept(.where) ? try parseExpr() : nil
        return DeleteStatement(with: with, table: table, alias: alias, indexHint: hint, whereClause: whereClause)
    }
}
