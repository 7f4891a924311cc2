// Parser+DDL: CREATE TABLE / VIEW / INDEX / TRIGGER, DROP, ALTER TABLE.

import StrataCore

extension Parser {
    /// CREATE [TEMP|TEMPORARY] TABLE|VIEW|TRIGGER ..., CREATE [UNIQUE] INDEX ...
    mutating func parseCreate() throws(ParseFailure) -> SQLStatement {
        try expect(.create)
        var isTemporary = try accept(.temp)
        if !isTemporary { isTemporary = try accept(.temporary) }
        switch token.keyword {
        case .table: return .createTable(try parseCreateTable(isTemporary: isTemporary))
        case .view: return .createView(try parseCreateView(isTemporary: isTemporary))
        case .trigger: return .createTrigger(try parseCreateTrigger(isTemporary: isTemporary))
        case .unique, .index:
            if isTemporary { throw syntaxError() }
            return .createIndex(try parseCreateIndex())
        default: throw syntaxError()
        }
    }

    /// `IF NOT EXISTS`, if present.
    private mutating func parseIfNotExists() throws(ParseFailure) -> Bool {
        guard at(.if) else { return false }
        try advance()
        try expect(.not)
        try expect(.exists)
        return true
    }

    /// `ON CONFLICT resolution`, if present.
    private mutating func parseOnConflict() throws(ParseFailure) -> ConflictResolution? {
        guard at(.on), try peek().keyword == .conflict else { return nil }
        try advance()
        try advance()
        return try parseConflictResolution()
    }

    // MARK: CREATE TABLE

    private mutating func parseCreateTable(isTemporary: Bool) throws(ParseFailure) -> CreateTableStatement {
        try expect(.table)
        let ifNotExists = try parseIfNotExists()
        let name = try parseQualifiedName(joinWords: true)
        if try accept(.as) {
            return CreateTableStatement(
                isTemporary: isTemporary, ifNotExists: ifNotExists, name: name, body: .select(try parseSelect()))
        }
        try expect(.leftParen)
        var definition = TableDefinition(columns: [], constraints: [])
        repeat {
            if atTableConstraintStart() { break }
            definition.columns.append(try parseColumnDefinition())
        } while try accept(.comma)
        if atTableConstraintStart() {
            repeat {
                definition.constraints.append(try parseTableConstraint())
                _ = try accept(.comma)
            } while !at(.rightParen)
        }
        try expect(.rightParen)
        if atName() {
            repeat {
                let option = token
                let word = self.name(option).lowercased()
                try advance()
                if word == "strict" {
                    definition.isStrict = true
                } else if word == "without" {
                    guard atName() else { throw syntaxError() }
                    let next = token
                    guard self.name(next).lowercased() == "rowid" else {
                        throw error("unknown table option: \(self.name(next))", at: next)
                    }
                    try advance()
                    definition.withoutRowID = true
                } else {
                    throw error("unknown table option: \(self.name(option))", at: option)
                }
            } while try accept(.comma)
        }
        return CreateTableStatement(
            isTemporary: isTemporary, ifNotExists: ifNotExists, name: name, body: .definition(definition))
    }

    private func atTableConstraintStart() -> Bool {
        switch token.keyword {
        case .constraint, .primary, .unique, .check, .foreign: true
        default: false
        }
    }

    /// `name [type] [constraints]` (also ALTER TABLE ADD COLUMN).
    mutating func parseColumnDefinition() throws(ParseFailure) -> ColumnDefinition {
        let location = location(of: token)
        let name = try parseName(joinWords: true)
        let type = try parseTypeName()
        var constraints: [ColumnConstraint] = []
        while true {
            var constraintName: String?
            if try accept(.constraint) { constraintName = try parseName() }
            var text: String?
            guard let kind = try parseColumnConstraintKind(text: &text) else {
                if constraintName != nil { throw syntaxError() }
                break
            }
            var constraint = ColumnConstraint(name: constraintName, kind: kind)
            if case .defaultValue = kind { constraint.defaultText = text } else { constraint.checkText = text }
            constraints.append(constraint)
        }
        return ColumnDefinition(name: name, type: type, constraints: constraints, location: location)
    }

    /// One column constraint, or nil if the current token starts none; for CHECK, `text`
    /// receives the text between its parentheses, for DEFAULT the default's text
    /// (`ColumnConstraint.defaultText`).
    private mutating func parseColumnConstraintKind(text: inout String?) throws(ParseFailure) -> ColumnConstraintKind? {
        switch token.keyword {
        case .primary:
            try advance()
            try expect(.key)
            var direction: SortDirection?
            if try accept(.asc) {
                direction = .ascending
            } else if try accept(.desc) {
                direction = .descending
            }
            let onConflict = try parseOnConflict()
            let autoincrement = try accept(.autoincrement)
            return .primaryKey(direction: direction, onConflict: onConflict, autoincrement: autoincrement)
        case .not:
            try advance()
            try expect(.null)
            return .notNull(onConflict: try parseOnConflict())
        case .null:
            try advance()
            _ = try parseOnConflict()
            return .null
        case .unique:
            try advance()
            return .unique(onConflict: try parseOnConflict())
        case .check:
            try advance()
            let (check, checkText) = try parseCheckBody()
            text = checkText
            return .check(check)
        case .default:
            try advance()
            let parenthesized = at(.leftParen)
            let start = token.start
            let value = try parseDefaultValue()
            text = Self.trimmedText(lexer.bytes, parenthesized ? start + 1 : start, parenthesized ? previousEnd - 1 : previousEnd)
            return .defaultValue(value)
        case .collate:
            try advance()
            return .collate(try parseName())
        case .references:
            return .references(try parseForeignKeyClause())
        case .generated, .as:
            if try accept(.generated) { try expect(.always) }
            try expect(.as)
            try expect(.leftParen)
            let value = try parseExpr()
            try expect(.rightParen)
            var isStored = false
            if try accept(.stored) {
                isStored = true
            } else {
                _ = try accept(.virtual)
            }
            return .generated(value, isStored: isStored)
        default:
            return nil
        }
    }

    /// `bytes[start..<end]` without the white space at either end (SQLite's sqlite3DbSpanDup).
    static func trimmedText(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var lo = start
        var hi = max(start, end)
        while lo < hi && CharClass.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && CharClass.isSpace(bytes[hi - 1]) { hi -= 1 }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// After DEFAULT: `(expr)`, a signed number, a literal, CURRENT_*, or an identifier, which
    /// SQLite takes as a string (TRUE and FALSE are 1 and 0).
    private mutating func parseDefaultValue() throws(ParseFailure) -> Expr {
        switch token.kind {
        case .leftParen:
            try advance()
            let value = try parseExpr()
            try expect(.rightParen)
            return value
        case .minus, .plus, .integer, .hexInteger, .real:
            return .literal(try parseSignedNumber())
        case .string, .blob:
            return try parseExpr(Precedence.unary)
        case .quotedIdentifier:
            let value = name(token)
            try advance()
            return .literal(.text(value))
        case .word:
            switch token.keyword {
            case .null, .currentTime, .currentDate, .currentTimestamp:
                return try parseExpr(Precedence.unary)
            case let keyword where keyword.isReserved:
                throw syntaxError()
            default:
                let word = text(token)
                try advance()
                switch word.uppercased() {
                case "TRUE": return .literal(.integer(1))
                case "FALSE": return .literal(.integer(0))
                default: return .literal(.text(word))
                }
            }
        default:
            throw syntaxError()
        }
    }

    /// REFERENCES table [(columns)] [ON DELETE|UPDATE action | MATCH name]...
    /// [[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]]: actions are parsed and dropped.
    private mutating func parseForeignKeyClause() throws(ParseFailure) -> ForeignKeyClause {
        try expect(.references)
        let table = try parseName(joinWords: true)
        let columns = at(.leftParen) ? try parseNameList() : []
        while true {
            if at(.on) {
                try advance()
                guard at(.delete) || at(.update) else { throw syntaxError() }
                try advance()
                switch token.keyword {
                case .set:
                    try advance()
                    if !(try accept(.null)) { try expect(.default) }
                case .cascade, .restrict:
                    try advance()
                case .no:
                    try advance()
                    try expect(.action)
                default:
                    throw syntaxError()
                }
            } else if at(.match) {
                try advance()
                _ = try parseName()
            } else if try atDeferrable() {
                _ = try accept(.not)
                try advance()
                if try accept(.initially) {
                    if !(try accept(.deferred)) { try expect(.immediate) }
                }
            } else {
                break
            }
        }
        return ForeignKeyClause(table: table, columns: columns)
    }

    private mutating func atDeferrable() throws(ParseFailure) -> Bool {
        if at(.deferrable) { return true }
        return at(.not) ? try peek().keyword == .deferrable : false
    }

    /// `( expr )` after CHECK: the expression, and the text between the parentheses as written
    /// (comments and spaces included).
    private mutating func parseCheckBody() throws(ParseFailure) -> (Expr, String) {
        try expect(.leftParen)
        let start = previousEnd
        let check = try parseExpr()
        guard at(.rightParen) else { throw syntaxError() }
        let text = String(decoding: lexer.bytes[start..<token.start], as: UTF8.self)
        try advance()
        return (check, text)
    }

    /// [CONSTRAINT name] PRIMARY KEY (...) | UNIQUE (...) | CHECK (expr) | FOREIGN KEY (...) REFERENCES ...
    private mutating func parseTableConstraint() throws(ParseFailure) -> TableConstraint {
        var constraintName: String?
        if try accept(.constraint) { constraintName = try parseName() }
        let kind: TableConstraintKind
        switch token.keyword {
        case .primary:
            try advance()
            try expect(.key)
            try expect(.leftParen)
            let columns = try parseIndexedColumns()
            let autoincrement = try accept(.autoincrement)
            try expect(.rightParen)
            kind = .primaryKey(columns, onConflict: try parseOnConflict(), autoincrement: autoincrement)
        case .unique:
            try advance()
            try expect(.leftParen)
            let columns = try parseIndexedColumns()
            try expect(.rightParen)
            kind = .unique(columns, onConflict: try parseOnConflict())
        case .check:
            try advance()
            let (check, text) = try parseCheckBody()
            _ = try parseOnConflict()
            return TableConstraint(name: constraintName, kind: .check(check), checkText: text)
        case .foreign:
            try advance()
            try expect(.key)
            let columns = try parseNameList()
            kind = .foreignKey(columns: columns, try parseForeignKeyClause())
        default:
            throw syntaxError()
        }
        return TableConstraint(name: constraintName, kind: kind)
    }

    /// `expr [COLLATE name] [ASC|DESC], ...` (the caller handles the parentheses).
    private mutating func parseIndexedColumns() throws(ParseFailure) -> [IndexedColumn] {
        var columns: [IndexedColumn] = []
        repeat {
            var expr = try parseExpr()
            var collation: String?
            if case .collate(let inner, let name) = expr {
                expr = inner
                collation = name
            }
            var direction: SortDirection?
            if try accept(.asc) {
                direction = .ascending
            } else if try accept(.desc) {
                direction = .descending
            }
            columns.append(IndexedColumn(expr: expr, collation: collation, direction: direction))
        } while try accept(.comma)
        return columns
    }

    // MARK: CREATE VIEW, INDEX, TRIGGER

    private mutating func parseCreateView(isTemporary: Bool) throws(ParseFailure) -> CreateViewStatement {
        try expect(.view)
        let ifNotExists = try parseIfNotExists()
        let name = try parseQualifiedName(joinWords: true)
        let columns: [String]? = at(.leftParen) ? try parseNameList() : nil
        try expect(.as)
        return CreateViewStatement(
            isTemporary: isTemporary, ifNotExists: ifNotExists, name: name, columns: columns,
            select: try parseSelect())
    }

    private mutating func parseCreateIndex() throws(ParseFailure) -> CreateIndexStatement {
        let isUnique = try accept(.unique)
        try expect(.index)
        let ifNotExists = try parseIfNotExists()
        let name = try parseQualifiedName(joinWords: true)
        try expect(.on)
        let tableLocation = location(of: token)
        let table = try parseName(joinWords: true)
        try expect(.leftParen)
        let columns = try parseIndexedColumns()
        try expect(.rightParen)
        let whereClause: Expr? = try accept(.where) ? try parseExpr() : nil
        return CreateIndexStatement(
            isUnique: isUnique, ifNotExists: ifNotExists, name: name, table: table, tableLocation: tableLocation,
            columns: columns, whereClause: whereClause)
    }

    private mutating func parseCreateTrigger(isTemporary: Bool) throws(ParseFailure) -> CreateTriggerStatement {
        try expect(.trigger)
        let ifNotExists = try parseIfNotExists()
        let name = try parseQualifiedName(joinWords: true)
        var timing = TriggerTiming.before
        if try accept(.before) {
            timing = .before
        } else if try accept(.after) {
            timing = .after
        } else if try accept(.instead) {
            try expect(.of)
            timing = .insteadOf
        }
        let event: TriggerEvent
        switch token.keyword {
        case .insert:
            try advance()
            event = .insert
        case .delete:
            try advance()
            event = .delete
        case .update:
            try advance()
            var columns: [String] = []
            if try accept(.of) {
                repeat {
                    columns.append(try parseName(joinWords: true))
                } while try accept(.comma)
            }
            event = .update(columns: columns)
        default:
            throw syntaxError()
        }
        try expect(.on)
        let tableLocation = location(of: token)
        let table = try parseName(joinWords: true)
        var forEachRow = false
        if try accept(.for) {
            try expect(.each)
            try expect(.row)
            forEachRow = true
        }
        let when: Expr? = try accept(.when) ? try parseExpr() : nil
        try expect(.begin)
        var body: [SQLStatement] = []
        repeat {
            switch token.keyword {
            case .select, .values, .with, .insert, .replace, .update, .delete:
                body.append(try parseStatement())
            default:
                throw syntaxError()
            }
            try expect(.semicolon)
        } while !at(Keyword.end)
        try advance()
        return CreateTriggerStatement(
            isTemporary: isTemporary, ifNotExists: ifNotExists, name: name, timing: timing, event: event,
            table: table, tableLocation: tableLocation, forEachRow: forEachRow, when: when, body: body)
    }

    // MARK: DROP, ALTER

    mutating func parseDrop() throws(ParseFailure) -> DropStatement {
        try expect(.drop)
        let kind: ObjectKind
        switch token.keyword {
        case .table: kind = .table
        case .view: kind = .view
        case .index: kind = .index
        case .trigger: kind = .trigger
        default: throw syntaxError()
        }
        try advance()
        var ifExists = false
        if at(.if) {
            try advance()
            try expect(.exists)
            ifExists = true
        }
        return DropStatement(kind: kind, ifExists: ifExists, name: try parseQualifiedName(joinWords: true))
    }

    mutating func parseAlterTable() throws(ParseFailure) -> AlterTableStatement {
        try expect(.alter)
        try expect(.table)
        let table = try parseQualifiedName(joinWords: true)
        let action: AlterTableAction
        switch token.keyword {
        case .rename:
            try advance()
            if try accept(.to) {
                action = .renameTable(to: try parseName(joinWords: true))
            } else {
                if at(.column), try peek().keyword != .to { try advance() }
                let from = try parseName(joinWords: true)
                try expect(.to)
                action = .renameColumn(from: from, to: try parseName(joinWords: true))
            }
        case .add:
            try advance()
            _ = try accept(.column)
            action = .addColumn(try parseColumnDefinition())
        case .drop:
            try advance()
            _ = try accept(.column)
            action = .dropColumn(try parseName(joinWords: true))
        default:
            throw syntaxError()
        }
        return AlterTableStatement(table: table, action: action)
    }
}
