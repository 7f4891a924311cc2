// Prepared statements: parsed once, run many times with bound parameters (CONTRACT.md §7).

import StrataCore
import StrataSQL

/// One SQL statement, parsed once by ``Connection/prepare(_:)`` and run any number of times on
/// that connection with new parameter values.
///
/// Parameters follow SQLite: `?` takes the next index, `?N` index N, and a named parameter
/// (`:name`, `@name`, `$name`) the next index at its first use and the same index after. Every
/// run binds every index (see ``StatementArguments``).
///
/// ```swift
/// let insert = try connection.prepare("INSERT INTO users(name, age) VALUES (:name, :age)")
/// try insert.execute(["name": "Ada", "age": 36])
/// let byAge = try connection.prepare("SELECT name FROM users WHERE age > ?")
/// let names = try byAge.fetchAll([30]).map { try $0[0] as String }
/// ```
///
/// A statement is `Sendable` and runs on its connection: like the connection, one call at a
/// time. After the connection (or the database) is closed, every run fails with
/// ``SQLState/connectionDoesNotExist``.
public final class Statement: @unchecked Sendable {  // immutable; runs only inside Connection.withSession
    /// The connection the statement runs on.
    public let connection: Connection
    let parsed: ParsedStatement

    init(connection: Connection, parsed: ParsedStatement) {
        self.connection = connection
        self.parsed = parsed
    }

    /// The statement's text, from its first token to its last.
    public var sql: String { parsed.text }

    /// The number of parameter values a run takes: the largest parameter index.
    public var parameterCount: Int { parsed.parameterCount }

    /// The name of the parameter at `index` (1-based) with its prefix, as `":name"`; nil for `?`
    /// and `?N`, and for an index the statement does not have.
    public func parameterName(at index: Int) -> String? { parsed.parameterNames[index] }

    /// Runs the statement, discarding any rows.
    ///
    /// - Throws: a ``StrataError``: the statement's own, or ``SQLState/invalidParameterValue``
    ///   when the arguments do not bind every parameter exactly once.
    public func execute(_ arguments: StatementArguments = StatementArguments()) throws {
        _ = try run(arguments)
    }

    /// Runs the statement and returns all its rows.
    public func fetchAll(_ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try run(arguments).rows
    }

    /// Runs the statement and returns its first row, or nil if it has none.
    public func fetchOne(_ arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try run(arguments).rows.first
    }

    /// Runs the statement with one value per parameter index and returns its rows (none for a
    /// statement that is not a query).
    ///
    /// - Throws: a ``StrataError``; 22023 when the number of values is not ``parameterCount``.
    @discardableResult
    public func query(_ values: [Value] = []) throws -> QueryResult {
        let r = try connection.withSession { (s) throws(StrataError) in try s.run(prepared: parsed, parameters: values) }
        return QueryResult(columns: r.columns, rows: r.rows)
    }

    /// Runs the statement with its named parameters bound from `values`, whose keys are the
    /// names with or without their prefix (`"name"` or `":name"`).
    ///
    /// - Throws: a ``StrataError`` with SQLSTATE 22023 when a parameter has no value, a key names
    ///   no parameter, or the statement also has unnamed parameters.
    @discardableResult
    public func query(_ values: [String: Value]) throws -> QueryResult {
        let r = try run(StatementArguments(values))
        return QueryResult(columns: r.columns.names, rows: r.rows.map(\.values))
    }

    func run(_ arguments: StatementArguments) throws(StrataError) -> (columns: ColumnNames, rows: [Row]) {
        try connection.withSession { (s) throws(StrataError) in
            let values = try arguments.values(for: parsed)
            return Connection.rows(try s.run(prepared: parsed, parameters: values))
        }
    }
}
