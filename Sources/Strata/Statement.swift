// Prepared statements: parsed once, run many times with bound parameters (CONTRACT.md §7).

import StrataCore
import StrataSQL

/// One SQL statement, parsed once by `Connection.prepare(_:)` and run any number of times on
/// that connection with new parameter values.
///
/// Parameters follow SQLite: `?` takes the next index, `?N` index N, and a named parameter
/// (`:name`, `@name`, `$name`) the next index at its first use and the same index after. Every
/// run binds every index: by position, an array with one value per index up to the largest;
/// by name, a dictionary keyed by the names with or without their prefix.
///
/// ```swift
/// let insert = try connection.prepare("INSERT INTO users(name, age) VALUES (:name, :age)")
/// try insert.execute(["name": .text("Ada"), "age": .integer(36)])
/// let byAge = try connection.prepare("SELECT name FROM users WHERE age > ?")
/// let rows = try byAge.query([.integer(30)]).rows
/// ```
public final class Statement {
    private let connection: Connection
    private let parsed: ParsedStatement

    init(connection: Connection, parsed: ParsedStatement) {
        self.connection = connection
        self.parsed = parsed
    }

    /// The statement's text, from its first token to its last.
    public var sql: String { parsed.text }

    /// The number of parameter values a run takes: the largest parameter index.
    public var parameterCount: Int { parsed.parameterCount }

    /// The name of the parameter at `index` (1-based) with its prefix, as `":name"`; nil for `?`
    /// and `?N`.
    public func parameterName(at index: Int) -> String? { parsed.parameterNames[index] }

    /// Runs the statement with one value per parameter index and returns its rows (none for a
    /// statement that is not a query).
    ///
    /// - Throws: a `StrataError`; 22023 when the number of values is not `parameterCount`.
    @discardableResult
    public func query(_ values: [Value] = []) throws -> QueryResult {
        let r = try connection.session.run(prepared: parsed, parameters: values)
        return QueryResult(columns: r.columns, rows: r.rows)
    }

    /// Runs the statement with its named parameters bound from `values`, whose keys are the
    /// names with or without their prefix (`"name"` or `":name"`).
    ///
    /// - Throws: a `StrataError` with SQLSTATE 22023 when a parameter has no value, a key names
    ///   no parameter, or the statement also has unnamed parameters.
    @discardableResult
    public func query(_ values: [String: Value]) throws -> QueryResult {
        try query(try positional(values))
    }

    /// Runs the statement, discarding any rows.
    public func execute(_ values: [Value] = []) throws { try query(values) }

    /// Runs the statement with named parameters, discarding any rows.
    public func execute(_ values: [String: Value]) throws { try query(values) }

    private func positional(_ named: [String: Value]) throws(StrataError) -> [Value] {
        var out: [Value] = []
        var used = Set<String>()
        for index in stride(from: 1, through: parsed.parameterCount, by: 1) {
            guard let name = parsed.parameterNames[index] else {
                throw misuse("parameter \(index) has no name; bind it by position")
            }
            let bare = String(name.dropFirst())
            if let v = named[name] {
                used.insert(name)
                out.append(v)
            } else if let v = named[bare] {
                used.insert(bare)
                out.append(v)
            } else {
                throw misuse("no value for parameter \(name)")
            }
        }
        if let unknown = named.keys.sorted().first(where: { !used.contains($0) }) {
            throw misuse("no parameter named \(unknown)")
        }
        return out
    }

    private func misuse(_ message: String) -> StrataError {
        StrataError(.invalidParameterValue, message, location: parsed.location, statement: parsed.text)
    }
}
