// Parser+Statement: the statement dispatch, transaction control (CONTRACT.md §4), SET,
// PRAGMA, EXPLAIN, ANALYZE, VACUUM, REINDEX.

import StrataCore

extension Parser {
    /// One statement, from its first token to just before its `;` or the end.
    mutating func parseStatement() throws(ParseFailure) -> SQLStatement {
        switch token.keyword {
        case .select, .values:
            return .select(try parseSelect())
        case .with:
            let with = try parseWith()
            switch token.keyword {
            case .insert, .replace: return .insert(try parseInsert(with: with))
            case .update: return .update(try parseUpdate(with: with))
            case .delete: return .delete(try parseDelete(with: with))
            default:
                try enter()
                defer { leave() }
                return .select(try parseSelect(with: with))
            }
        case .insert, .replace: return .insert(try parseInsert(with: nil))
        case .update: return .update(try parseUpdate(with: nil))
        case .delete: return .delete(try parseDelete(with: nil))
        case .create: return try parseCreate()
        case .drop: return .drop(try parseDrop())
        case .alter: return .alterTable(try parseAlterTable())
        case .explain:
            try advance()
            var queryPlan = false
            if at(.query) {
                try advance()
                try expect(.plan)
                queryPlan = true
            }
            if at(.explain) { throw syntaxError() }
            return .explain(try parseStatement(), queryPlan: queryPlan)
        case .begin: return .begin(try parseBegin())
        case .commit, .end:
            try advance()
            _ = try accept(.transaction)
            return .commit
        case .rollback:
            try advance()
            _ = try accept(.transaction)
            if try accept(.to) {
                _ = try accept(.savepoint)
                return .rollback(savepoint: try parseName())
            }
            return .rollback(savepoint: nil)
        case .savepoint:
            try advance()
            return .savepoint(try parseName())
        case .release:
            try advance()
            _ = try accept(.savepoint)
            return .release(try parseName())
        case .set: return try parseSet()
        case .pragma: return .pragma(try parsePragma())
        case .reindex:
            try advance()
            return .reindex(atName() ? try parseQualifiedName() : nil)
        case .analyze:
            try advance()
            return .analyze(atName() ? try parseQualifiedName() : nil)
        case .vacuum:
            try advance()
            let schema: String? = atName() && !at(.into) ? try parseName() : nil
            let into: Expr? = try accept(.into) ? try parseExpr() : nil
            return .vacuum(schema: schema, into: into)
        default:
            throw syntaxError()
        }
    }

    // MARK: Transactions

    /// BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION] [ISOLATION LEVEL level] [mode]
    private mutating func parseBegin() throws(ParseFailure) -> BeginStatement {
        try advance()
        var behavior: TransactionBehavior?
        switch token.keyword {
        case .deferred: behavior = .deferred
        case .immediate: behavior = .immediate
        case .exclusive: behavior = .exclusive
        default: break
        }
        if behavior != nil { try advance() }
        _ = try accept(.transaction)
        return BeginStatement(behavior: behavior, settings: try parseTransactionSettings())
    }

    /// `[ISOLATION LEVEL level] [OPTIMISTIC|PESSIMISTIC|SERIAL]`, in either order.
    private mutating func parseTransactionSettings() throws(ParseFailure) -> TransactionSettings {
        var settings = TransactionSettings()
        while true {
            if settings.isolation == nil, try accept(.isolation) {
                try expect(.level)
                switch token.keyword {
                case .read:
                    try advance()
                    try expect(.committed)
                    settings.isolation = .readCommitted
                case .repeatable:
                    try advance()
                    try expect(.read)
                    settings.isolation = .repeatableRead
                case .snapshot:
                    try advance()
                    settings.isolation = .snapshot
                case .serializable:
                    try advance()
                    settings.isolation = .serializable
                default:
                    throw syntaxError()
                }
                continue
            }
            if settings.mode == nil {
                switch token.keyword {
                case .optimistic: settings.mode = .optimistic
                case .pessimistic: settings.mode = .pessimistic
                case .serial: settings.mode = .serial
                default: return settings
                }
                try advance()
                continue
            }
            return settings
        }
    }

    /// SET TRANSACTION ... | SET name (= | TO) value
    private mutating func parseSet() throws(ParseFailure) -> SQLStatement {
        try advance()
        if try accept(.transaction) {
            let start = token
            let settings = try parseTransactionSettings()
            if settings.isolation == nil, settings.mode == nil { throw syntaxError(at: start) }
            return .setTransaction(settings)
        }
        let name = try parseName()
        if !(try accept(.equal)) { try expect(.to) }
        return .set(SetStatement(name: name, value: try parseSettingValue(wordSequence: true)))
    }

    /// PRAGMA [schema.]name [= value | (value)]
    private mutating func parsePragma() throws(ParseFailure) -> PragmaStatement {
        try advance()
        let name = try parseQualifiedName()
        var pragma = PragmaStatement(schema: name.schema, name: name.name)
        if try accept(.equal) {
            pragma.value = try parseSettingValue(wordSequence: false)
        } else if try accept(.leftParen) {
            pragma.value = try parseSettingValue(wordSequence: false)
            try expect(.rightParen)
        }
        return pragma
    }

    /// A signed number, a string, or a word (any keyword included: `ON`, `FULL`); with
    /// `wordSequence`, consecutive words join with spaces (`READ COMMITTED`).
    private mutating func parseSettingValue(wordSequence: Bool) throws(ParseFailure) -> SettingValue {
        switch token.kind {
        case .minus, .plus, .integer, .hexInteger, .real:
            switch try parseSignedNumber() {
            case .integer(let i): return .integer(i)
            case .real(let d): return .real(d)
            default: throw syntaxError()
            }
        case .string:
            let value = dequote(token)
            try advance()
            return .string(value)
        case .word, .quotedIdentifier:
            var words = [name(token)]
            try advance()
            while wordSequence, at(.word) {
                words.append(text(token))
                try advance()
            }
            return .word(words.joined(separator: " "))
        default:
            throw syntaxError()
        }
    }
}
