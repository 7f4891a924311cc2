// AST: the syntax tree the Parser builds and the Binder reads.
//
// Shape: `SQLStatement` is one enum case per statement kind. Queries are `SelectStatement`
// (WITH, a first `SelectCore`, then compound terms, ORDER BY, LIMIT, FOR UPDATE/SHARE). A
// `SelectCore` is a SELECT clause or a VALUES list. FROM is a left-deep tree of `TableSource`
// (joins nest on the left). Expressions are the indirect enum `Expr`.
//
// INVARIANTS
//   (1) Names are stored dequoted and with their original case; comparing them is the Binder's
//       job (SQL identifiers are case-insensitive).
//   (2) Every column reference, function call, parameter and table name carries the
//       `SourceLocation` of its first token (line and column in the parsed script, 1-based,
//       columns in characters). Equality and hashing ignore locations (`Located`), so
//       `GROUP BY a + b` equals the `a + b` of the select list.
//   (3) Sugar is normalized: `x IS NOT DISTINCT FROM y` is `.binary(.is, ...)`, `IS DISTINCT FROM`
//       is `.isNot`; `==` is `.equal`, `<>` is `.notEqual`; `NOTNULL`/`NOT NULL`/`IS NOT NULL`
//       are `.isNull(_, negated: true)`; `LIMIT a, b` is offset a, limit b; TRUE/FALSE are
//       integer literals; a unary minus on a numeric literal is folded into the literal (so
//       -9223372036854775808 is Int64.min); `REPLACE INTO` is `INSERT OR REPLACE`.
//   (4) Parameters are numbered as SQLite numbers them: `?` takes the largest index so far + 1,
//       `?N` is N, and a named parameter (`:a`, `@a`, `$a`) takes the next index at its first
//       occurrence and reuses it after that.
//
// CALLED BY  Parser (builds), Binder and Planner (read). Nothing here resolves names or types.

import StrataCore

// MARK: - Statements

/// One SQL statement.
package indirect enum SQLStatement: Sendable, Hashable {
    case select(SelectStatement)
    case insert(InsertStatement)
    case update(UpdateStatement)
    case delete(DeleteStatement)
    case createTable(CreateTableStatement)
    case createView(CreateViewStatement)
    case createIndex(CreateIndexStatement)
    case createTrigger(CreateTriggerStatement)
    /// DROP TABLE | VIEW | INDEX | TRIGGER [IF EXISTS] name
    case drop(DropStatement)
    case alterTable(AlterTableStatement)
    /// REINDEX [name]: a table, an index or a collation name; nil reindexes everything.
    case reindex(QualifiedName?)
    /// BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION] [ISOLATION LEVEL l] [mode]
    case begin(BeginStatement)
    /// COMMIT | END [TRANSACTION]
    case commit
    /// ROLLBACK [TRANSACTION] [TO [SAVEPOINT] name]; `savepoint` is nil for a full rollback.
    case rollback(savepoint: String?)
    case savepoint(String)
    /// RELEASE [SAVEPOINT] name
    case release(String)
    /// SET TRANSACTION ISOLATION LEVEL l [mode]
    case setTransaction(TransactionSettings)
    /// SET name = value (CONTRACT.md §4: default_isolation, default_concurrency).
    case set(SetStatement)
    /// PRAGMA [schema.]name [= value | (value)]
    case pragma(PragmaStatement)
    /// EXPLAIN [QUERY PLAN] statement
    case explain(SQLStatement, queryPlan: Bool)
    /// ANALYZE [name]
    case analyze(QualifiedName?)
    /// VACUUM [schema] [INTO 'file']: parsed only.
    case vacuum(schema: String?, into: Expr?)
}

/// A statement with the text it was parsed from.
package struct ParsedStatement: Sendable {
    package var statement: SQLStatement
    /// The statement's text, from its first token to its last (no trailing semicolon).
    package var text: String
    /// UTF-8 byte offsets of `text` in the script.
    package var byteRange: Range<Int>
    /// Where the statement starts in the script.
    package var location: SourceLocation
    /// The largest parameter index used (SQLite's sqlite3_bind_parameter_count).
    package var parameterCount: Int
    /// Names of named parameters by index, with their prefix (":a", "@a", "$a"); SQLite's
    /// sqlite3_bind_parameter_name. `?N` and `?` have none.
    package var parameterNames: [Int: String]
    /// Parse levels of the tallest part of the statement (at most `Parser.maxDepth`): how much
    /// stack binding, planning and running it may take (`ThreadStack.withStack`).
    package var height: Int = 0

    /// Checks that a run binds one value per parameter index (22023 otherwise).
    package func checkParameterCount(_ given: Int) throws(StrataError) {
        guard given != parameterCount else { return }
        let needs = parameterCount == 1 ? "1 parameter" : "\(parameterCount) parameters"
        let got = given == 1 ? "1 value was" : "\(given) values were"
        throw StrataError(.invalidParameterValue, "statement has \(needs) but \(got) given", location: location, statement: text)
    }
}

/// A possibly schema-qualified object name: `name` or `schema.name`.
package struct QualifiedName: Sendable, Hashable {
    package var schema: String?
    package var name: String
    @Located package var location: SourceLocation
}

// MARK: - SELECT

/// A query: [WITH ...] core [compound core ...] [ORDER BY] [LIMIT [OFFSET]] [FOR UPDATE|SHARE].
package struct SelectStatement: Sendable, Hashable {
    package var with: WithClause?
    package var first: SelectCore
    /// Compound terms in order; they associate to the left, all with equal precedence, as in SQLite.
    package var compounds: [CompoundTerm] = []
    /// Applies to the whole compound.
    package var orderBy: [OrderingTerm] = []
    package var limit: Expr?
    package var offset: Expr?
    /// FOR UPDATE / FOR SHARE (CONTRACT.md §4).
    package var rowLock: RowLockMode?
}

package struct WithClause: Sendable, Hashable {
    package var isRecursive: Bool
    package var tables: [CommonTableExpression]
}

/// `name [(columns)] AS [[NOT] MATERIALIZED] (select)`
package struct CommonTableExpression: Sendable, Hashable {
    package var name: String
    package var columns: [String]
    /// nil when neither MATERIALIZED nor NOT MATERIALIZED was written.
    package var materialized: Bool?
    package var select: SelectStatement
    @Located package var location: SourceLocation
}

package enum CompoundOperator: Sendable, Hashable {
    case union, unionAll, intersect, except
}

package struct CompoundTerm: Sendable, Hashable {
    package var op: CompoundOperator
    package var core: SelectCore
}

package enum RowLockMode: Sendable, Hashable {
    case forUpdate, forShare
}

/// One SELECT ... or VALUES ... of a (possibly compound) query.
package enum SelectCore: Sendable, Hashable {
    case select(SelectClause)
    /// VALUES (row), (row), ...: every row has the same number of expressions.
    case values([[Expr]])
}

package struct SelectClause: Sendable, Hashable {
    package var isDistinct: Bool = false
    package var columns: [ResultColumn]
    package var from: TableSource?
    package var whereClause: Expr?
    package var groupBy: [Expr] = []
    package var having: Expr?
}

package enum ResultColumn: Sendable, Hashable {
    /// `*`
    case all
    /// `table.*` (or `schema.table.*`)
    case allFrom(QualifiedName)
    /// `expr [AS alias]`; `text` is the expression's source text, which names the column
    /// when there is no alias (SQLite's rule).
    case expression(Expr, alias: String?, text: String)
}

/// FROM: a table, a subquery, a table-valued function, or a join of two sources.
package indirect enum TableSource: Sendable, Hashable {
    case table(TableReference)
    case subquery(SelectStatement, alias: String?)
    /// `name(args) [AS alias]`: a table-valued function.
    case function(FunctionCall, alias: String?)
    case join(JoinClause)
}

/// `name [AS alias] [INDEXED BY index | NOT INDEXED]`
package struct TableReference: Sendable, Hashable {
    package var name: QualifiedName
    package var alias: String?
    package var indexHint: IndexHint?
}

package enum IndexHint: Sendable, Hashable {
    case indexedBy(String)
    case notIndexed
}

package struct JoinClause: Sendable, Hashable {
    package var left: TableSource
    package var op: JoinOperator
    package var isNatural: Bool
    package var right: TableSource
    package var constraint: JoinConstraint?
}

/// `,` and `[INNER] JOIN` are inner joins; CROSS JOIN is too, but SQLite keeps its table order.
package enum JoinOperator: Sendable, Hashable {
    case comma, inner, cross, left, right, full
}

package enum JoinConstraint: Sendable, Hashable {
    case on(Expr)
    case using([String])
}

/// An ORDER BY term; `expr` may be an integer literal (an ordinal) or an alias, which the
/// Binder resolves. A COLLATE is part of `expr` (`.collate`).
package struct OrderingTerm: Sendable, Hashable {
    package var expr: Expr
    /// nil when neither ASC nor DESC was written (ascending).
    package var direction: SortDirection?
    /// nil when NULLS FIRST/LAST was not written (SQLite: NULLs first ascending, last descending).
    package var nulls: NullsOrder?
}

package enum SortDirection: Sendable, Hashable {
    case ascending, descending
}

package enum NullsOrder: Sendable, Hashable {
    case first, last
}

// MARK: - INSERT, UPDATE, DELETE

/// ON CONFLICT resolution of INSERT OR ..., UPDATE OR ... and of constraints.
package enum ConflictResolution: Sendable, Hashable {
    case rollback, abort, fail, ignore, replace
}

package struct InsertStatement: Sendable, Hashable {
    package var with: WithClause?
    /// `OR x`; `REPLACE INTO` gives `.replace`.
    package var onConflict: ConflictResolution?
    package var table: QualifiedName
    package var alias: String?
    /// nil when no column list was written.
    package var columns: [String]?
    package var source: InsertSource
}

package enum InsertSource: Sendable, Hashable {
    /// `VALUES (...), (...)` on its own (no compound, ORDER BY or LIMIT).
    case values([[Expr]])
    case select(SelectStatement)
    case defaultValues
}

package struct UpdateStatement: Sendable, Hashable {
    package var with: WithClause?
    package var onConflict: ConflictResolution?
    package var table: QualifiedName
    package var alias: String?
    package var indexHint: IndexHint?
    package var assignments: [Assignment]
    package var from: TableSource?
    package var whereClause: Expr?
}

/// `col = expr`, or `(a, b) = row-valued expr`.
package struct Assignment: Sendable, Hashable {
    package var columns: [String]
    package var value: Expr
    @Located package var location: SourceLocation
}

package struct DeleteStatement: Sendable, Hashable {
    package var with: WithClause?
    package var table: QualifiedName
    package var alias: String?
    package var indexHint: IndexHint?
    package var whereClause: Expr?
}

// MARK: - DDL

package struct CreateTableStatement: Sendable, Hashable {
    package var isTemporary: Bool
    package var ifNotExists: Bool
    package var name: QualifiedName
    package var body: CreateTableBody
}

package enum CreateTableBody: Sendable, Hashable {
    case definition(TableDefinition)
    /// CREATE TABLE ... AS SELECT
    case select(SelectStatement)
}

package struct TableDefinition: Sendable, Hashable {
    package var columns: [ColumnDefinition]
    package var constraints: [TableConstraint]
    /// WITHOUT ROWID
    package var withoutRowID: Bool = false
    /// STRICT
    package var isStrict: Bool = false
}

package struct ColumnDefinition: Sendable, Hashable {
    package var name: String
    /// nil when the column has no declared type.
    package var type: TypeName?
    package var constraints: [ColumnConstraint]
    @Located package var location: SourceLocation
}

/// A declared type: any words, then an optional `(n)` or `(n, m)`. SQLite derives the
/// affinity from `name`.
package struct TypeName: Sendable, Hashable, CustomStringConvertible {
    /// The words joined by single spaces, as written ("VARCHAR", "UNSIGNED BIG INT").
    package var name: String
    /// The signed numbers in parentheses, as written ("10", "-2").
    package var arguments: [String]
    /// The type's text exactly as written, from its first word to its last token ("INT ( 10 )",
    /// `"VARCHAR"`): a STRICT table's "unknown datatype" message quotes it. Not part of equality.
    package var written: String = ""

    package var description: String {
        arguments.isEmpty ? name : name + "(" + arguments.joined(separator: ",") + ")"
    }

    package static func == (a: TypeName, b: TypeName) -> Bool { a.name == b.name && a.arguments == b.arguments }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(arguments)
    }
}

package struct ColumnConstraint: Sendable, Hashable {
    /// CONSTRAINT name
    package var name: String?
    package var kind: ColumnConstraintKind
    /// For CHECK, the text between its parentheses as written (SQLite names an unnamed CHECK
    /// after it in its failure message: `SchemaBuilder.checkName`).
    package var checkText: String? = nil
    /// For DEFAULT, its text as written, as SQLite keeps it for `PRAGMA table_info`: the
    /// expression between the parentheses of `DEFAULT (expr)`, else the sign and term, without
    /// the white space at either end.
    package var defaultText: String? = nil
}

package enum ColumnConstraintKind: Sendable, Hashable {
    case primaryKey(direction: SortDirection?, onConflict: ConflictResolution?, autoincrement: Bool)
    case notNull(onConflict: ConflictResolution?)
    /// `NULL`: allowed and meaningless, as in SQLite.
    case null
    case unique(onConflict: ConflictResolution?)
    case check(Expr)
    /// DEFAULT literal | signed number | (expr) | identifier: always an expression.
    case defaultValue(Expr)
    case collate(String)
    case references(ForeignKeyClause)
    /// [GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]
    case generated(Expr, isStored: Bool)
}

package struct TableConstraint: Sendable, Hashable {
    package var name: String?
    package var kind: TableConstraintKind
    /// For CHECK, the text between its parentheses as written (see `ColumnConstraint.checkText`).
    package var checkText: String? = nil
}

package enum TableConstraintKind: Sendable, Hashable {
    case primaryKey([IndexedColumn], onConflict: ConflictResolution?, autoincrement: Bool)
    case unique([IndexedColumn], onConflict: ConflictResolution?)
    case check(Expr)
    case foreignKey(columns: [String], ForeignKeyClause)
}

/// REFERENCES table [(columns)] [ON DELETE|UPDATE action | MATCH name | [NOT] DEFERRABLE ...]:
/// the actions are parsed and not kept (Strata does not enforce foreign keys).
package struct ForeignKeyClause: Sendable, Hashable {
    package var table: String
    package var columns: [String]
}

/// A column of an index or of a PRIMARY KEY/UNIQUE table constraint:
/// `expr [COLLATE name] [ASC|DESC]`. For a plain column `expr` is `.column`.
package struct IndexedColumn: Sendable, Hashable {
    package var expr: Expr
    package var collation: String?
    package var direction: SortDirection?
}

package struct CreateViewStatement: Sendable, Hashable {
    package var isTemporary: Bool
    package var ifNotExists: Bool
    package var name: QualifiedName
    /// nil when no column list was written.
    package var columns: [String]?
    package var select: SelectStatement
}

package struct CreateIndexStatement: Sendable, Hashable {
    package var isUnique: Bool
    package var ifNotExists: Bool
    package var name: QualifiedName
    package var table: String
    @Located package var tableLocation: SourceLocation
    package var columns: [IndexedColumn]
    /// A partial index's WHERE.
    package var whereClause: Expr?
}

package struct CreateTriggerStatement: Sendable, Hashable {
    package var isTemporary: Bool
    package var ifNotExists: Bool
    package var name: QualifiedName
    /// BEFORE when none was written, as in SQLite.
    package var timing: TriggerTiming
    package var event: TriggerEvent
    package var table: String
    @Located package var tableLocation: SourceLocation
    /// FOR EACH ROW was written (SQLite has only row triggers either way).
    package var forEachRow: Bool
    package var when: Expr?
    /// INSERT, UPDATE, DELETE or SELECT statements, in order.
    package var body: [SQLStatement]
}

package enum TriggerTiming: Sendable, Hashable {
    case before, after, insteadOf
}

package enum TriggerEvent: Sendable, Hashable {
    case insert
    case delete
    /// UPDATE [OF columns]; `columns` is empty when OF was not written.
    case update(columns: [String])
}

package enum ObjectKind: Sendable, Hashable {
    case table, view, index, trigger
}

package struct DropStatement: Sendable, Hashable {
    package var kind: ObjectKind
    package var ifExists: Bool
    package var name: QualifiedName
}

package struct AlterTableStatement: Sendable, Hashable {
    package var table: QualifiedName
    package var action: AlterTableAction
}

package enum AlterTableAction: Sendable, Hashable {
    case renameTable(to: String)
    case renameColumn(from: String, to: String)
    case addColumn(ColumnDefinition)
    case dropColumn(String)
}

// MARK: - Transactions and settings

package struct BeginStatement: Sendable, Hashable {
    /// DEFERRED / IMMEDIATE / EXCLUSIVE, nil when none was written.
    package var behavior: TransactionBehavior?
    package var settings: TransactionSettings
}

package enum TransactionBehavior: Sendable, Hashable {
    case deferred, immediate, exclusive
}

/// ISOLATION LEVEL and concurrency mode of BEGIN / SET TRANSACTION (CONTRACT.md §4); nil
/// where not written.
package struct TransactionSettings: Sendable, Hashable {
    package var isolation: Isolation?
    package var mode: Mode?

    package enum Isolation: Sendable, Hashable {
        case readCommitted, repeatableRead, snapshot, serializable
    }

    package enum Mode: Sendable, Hashable {
        case optimistic, pessimistic, serial
    }
}

/// The value of SET and PRAGMA: a bare word, a quoted string or a signed number.
package enum SettingValue: Sendable, Hashable {
    case word(String)
    case string(String)
    case integer(Int64)
    case real(Double)

    /// The value as text: words and strings as written, numbers in decimal.
    package var text: String {
        switch self {
        case .word(let s), .string(let s): s
        case .integer(let i): String(i)
        case .real(let d): String(d)
        }
    }
}

package struct SetStatement: Sendable, Hashable {
    package var name: String
    package var value: SettingValue
}

package struct PragmaStatement: Sendable, Hashable {
    package var schema: String?
    package var name: String
    /// `= value` or `(value)`; nil for a query of the pragma.
    package var value: SettingValue?
}

// MARK: - Expressions

/// An expression. See INVARIANTS (2), (3) for locations and normalized sugar.
package indirect enum Expr: Sendable, Hashable {
    /// NULL, integers, reals, 'text', X'blob'. An integer literal beyond Int64 is a real.
    case literal(Value)
    /// CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP
    case currentTime(CurrentTimeKind)
    case column(ColumnReference)
    case parameter(Parameter)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// expr COLLATE name
    case collate(Expr, String)
    /// expr [NOT] LIKE|GLOB|REGEXP|MATCH pattern [ESCAPE e]
    case like(LikeExpression)
    /// expr [NOT] BETWEEN low AND high
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    /// expr [NOT] IN (list); an empty list is allowed, as in SQLite.
    case inList(Expr, [Expr], negated: Bool)
    /// expr [NOT] IN (select)
    case inSelect(Expr, SelectStatement, negated: Bool)
    /// expr [NOT] IN table
    case inTable(Expr, QualifiedName, negated: Bool)
    /// expr IS NULL / ISNULL (negated: false); IS NOT NULL / NOTNULL / NOT NULL (negated: true)
    case isNull(Expr, negated: Bool)
    case caseWhen(CaseExpression)
    /// CAST(expr AS type)
    case cast(Expr, TypeName)
    /// EXISTS (select); NOT EXISTS is `.unary(.not, .exists(...))`.
    case exists(SelectStatement)
    /// (select) as a scalar or row value.
    case subquery(SelectStatement)
    case function(FunctionCall)
    /// (a, b, ...): a row value of two or more expressions.
    case row([Expr])
    /// RAISE(IGNORE | ROLLBACK, msg | ABORT, msg | FAIL, msg), in trigger bodies.
    case raise(RaiseAction, message: String?)
}

package enum CurrentTimeKind: Sendable, Hashable {
    case time, date, timestamp
}

/// `name`, `table.name` or `schema.table.name`.
package struct ColumnReference: Sendable, Hashable {
    package var schema: String?
    package var table: String?
    package var name: String
    /// The name was written in double quotes: SQLite takes an unresolved "name" as a string.
    package var isDoubleQuoted: Bool = false
    @Located package var location: SourceLocation
}

/// A bound parameter: `?`, `?N`, `:name`, `@name`, `$name` (INVARIANTS (4)).
package struct Parameter: Sendable, Hashable {
    /// 1-based.
    package var index: Int
    /// With its prefix; nil for `?` and `?N`.
    package var name: String?
    @Located package var location: SourceLocation
}

package enum UnaryOperator: Sendable, Hashable {
    /// `-`
    case negate
    /// `+`
    case plus
    /// `~`
    case bitNot
    /// NOT
    case not
}

/// Binary operators, in SQLite's precedence groups (highest first).
package enum BinaryOperator: Sendable, Hashable {
    /// `||`
    case concat
    case multiply, divide, remainder
    case add, subtract
    case shiftLeft, shiftRight, bitAnd, bitOr
    case less, lessEqual, greater, greaterEqual
    /// `=` and `==`
    case equal
    /// `!=` and `<>`
    case notEqual
    /// IS, IS NOT DISTINCT FROM
    case `is`
    /// IS NOT, IS DISTINCT FROM
    case isNot
    case and, or

    /// The operator as SQL spells it.
    package var symbol: String {
        switch self {
        case .concat: "||"
        case .multiply: "*"
        case .divide: "/"
        case .remainder: "%"
        case .add: "+"
        case .subtract: "-"
        case .shiftLeft: "<<"
        case .shiftRight: ">>"
        case .bitAnd: "&"
        case .bitOr: "|"
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .equal: "="
        case .notEqual: "!="
        case .is: "IS"
        case .isNot: "IS NOT"
        case .and: "AND"
        case .or: "OR"
        }
    }
}

package enum LikeOperator: Sendable, Hashable {
    case like, glob, regexp, match
}

package struct LikeExpression: Sendable, Hashable {
    package var op: LikeOperator
    package var negated: Bool
    package var value: Expr
    package var pattern: Expr
    package var escape: Expr?
}

/// CASE [base] WHEN w THEN t ... [ELSE e] END
package struct CaseExpression: Sendable, Hashable {
    package var base: Expr?
    package var branches: [CaseBranch]
    package var elseValue: Expr?
}

package struct CaseBranch: Sendable, Hashable {
    package var when: Expr
    package var then: Expr
}

/// `name(args)`, `name(DISTINCT x)`, `name(*)`, with an optional FILTER (WHERE ...).
package struct FunctionCall: Sendable, Hashable {
    /// As written (function names are case-insensitive).
    package var name: String
    package var arguments: [Expr]
    package var isDistinct: Bool = false
    /// `count(*)`: `arguments` is empty.
    package var isStar: Bool = false
    /// ORDER BY inside the call (`group_concat(x ORDER BY y)`).
    package var orderBy: [OrderingTerm] = []
    /// FILTER (WHERE expr) of an aggregate.
    package var filter: Expr?
    @Located package var location: SourceLocation
}

package enum RaiseAction: Sendable, Hashable {
    case ignore, rollback, abort, fail
}

// MARK: - Located

/// Wraps a source location so that it takes no part in equality and hashing (INVARIANTS (2)).
@propertyWrapper
package struct Located: Sendable, Hashable {
    package var wrappedValue: SourceLocation

    package init(wrappedValue: SourceLocation) { self.wrappedValue = wrappedValue }

    package static func == (lhs: Located, rhs: Located) -> Bool { true }
    package func hash(into hasher: inout Hasher) {}
}
