// Token: what the Lexer hands the Parser. A token is its kind and its byte range in the
// script; text is decoded only when the Parser needs it (identifiers, literals).

/// A lexical token: a kind, a keyword (for bare words) and its UTF-8 byte range in the script.
package struct Token: Sendable {
    package var kind: TokenKind
    /// For `.word`, the keyword it spells, or `.none` for a plain identifier.
    package var keyword: Keyword
    package var start: Int
    package var end: Int
}

package enum TokenKind: UInt8, Sendable {
    case end
    /// An unquoted identifier or keyword.
    case word
    /// "name", [name] or `name`.
    case quotedIdentifier
    /// 'text'
    case string
    /// X'hex'
    case blob
    /// Decimal digits only.
    case integer
    /// 0x...
    case hexInteger
    /// Digits with a point or an exponent.
    case real
    /// ?, ?N, :name, @name, $name
    case parameter
    case leftParen, rightParen, comma, semicolon, dot
    case plus, minus, star, slash, percent, concat, tilde
    case less, lessEqual, greater, greaterEqual
    /// `=`
    case equal
    /// `==`
    case doubleEqual
    /// `!=`
    case notEqual
    /// `<>`
    case lessGreater
    case shiftLeft, shiftRight, bitAnd, bitOr
}

/// SQL keywords. SQLite's keywords, plus the words of CONTRACT.md §4 (isolation levels and
/// modes). Keywords that SQLite lets fall back to identifiers (`isReserved == false`) may name
/// tables, columns and aliases.
package enum Keyword: UInt8, Sendable, CaseIterable {
    case none
    case abort, action, add, after, all, alter, always, analyze, and, `as`, asc, attach, autoincrement
    case before, begin, between, by
    case cascade, `case`, cast, check, collate, column, commit, committed, conflict, constraint, create, cross
    case current, currentDate, currentTime, currentTimestamp
    case database, `default`, deferrable, deferred, delete, desc, detach, distinct, `do`, drop
    case each, `else`, end, escape, except, exclude, exclusive, exists, explain
    case fail, filter, first, following, `for`, foreign, from, full
    case generated, glob, group, groups
    case having
    case `if`, ignore, immediate, `in`, index, indexed, initially, inner, insert, instead, intersect, into, `is`,
         isnull, isolation
    case join
    case key
    case last, left, level, like, limit
    case match, materialized
    case natural, no, not, nothing, notnull, null, nulls
    case of, offset, on, optimistic, or, order, others, outer, over
    case partition, pessimistic, plan, pragma, preceding, primary
    case query
    case raise, range, read, recursive, references, regexp, reindex, release, rename, repeatable, replace,
         restrict, returning, right, rollback, row, rows
    case savepoint, select, serial, serializable, set, share, snapshot, stored, strict
    case table, temp, temporary, then, ties, to, transaction, trigger
    case unbounded, union, unique, update, using
    case vacuum, values, view, virtual
    case when, `where`, window, with, without

    /// The keyword as SQL spells it (upper case).
    package var spelling: String {
        switch self {
        case .none: ""
        case .currentDate: "CURRENT_DATE"
        case .currentTime: "CURRENT_TIME"
        case .currentTimestamp: "CURRENT_TIMESTAMP"
        default: String(describing: self).uppercased()
        }
    }

    /// Reserved keywords never name anything unquoted; the others fall back to identifiers
    /// wherever the grammar does not expect them as keywords (SQLite's `%fallback ID`). The
    /// join words (LEFT, CROSS, ...) are reserved here except as names in CREATE statements.
    package var isReserved: Bool {
        switch self {
        case .add, .all, .alter, .and, .as, .autoincrement, .between, .case, .check, .collate, .commit,
            .constraint, .create, .default, .deferrable, .delete, .distinct, .drop, .else, .escape, .except,
            .exists, .foreign, .from, .group, .having, .in, .index, .indexed, .insert, .intersect, .into,
            .is, .isnull, .join, .limit, .not, .nothing, .notnull, .null, .on, .or, .order, .primary,
            .references, .returning, .select, .set, .table, .then, .to, .transaction, .union, .unique,
            .update, .using, .values, .when, .where,
            .cross, .full, .inner, .left, .natural, .outer, .right:
            true
        default:
            false
        }
    }

    /// CROSS, FULL, INNER, LEFT, NATURAL, OUTER, RIGHT (SQLite's JOIN_KW).
    package var isJoinWord: Bool {
        switch self {
        case .cross, .full, .inner, .left, .natural, .outer, .right: true
        default: false
        }
    }
}
