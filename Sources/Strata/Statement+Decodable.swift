// Fetching rows as Decodable values and binding Encodable ones, on Statement and Connection:
// the Codable forms of fetchAll, fetchOne and execute (RowDecoder.swift, ArgumentsEncoder.swift).

extension Statement {
    /// Runs the statement and decodes each row into `type` (``Row/decode(_:)``).
    ///
    /// ```swift
    /// struct User: Decodable { var id: Int; var name: String; var email: String? }
    /// let byAge = try connection.prepare("SELECT id, name, email FROM users WHERE age > ?")
    /// let users = try byAge.fetchAll(User.self, [30])
    /// let count = try connection.prepare("SELECT count(*) FROM users").fetchOne(Int.self)
    /// ```
    ///
    /// - Throws: the statement's ``StrataError``, or the first row's that does not decode.
    public func fetchAll<T: Decodable>(_ type: T.Type, _ arguments: StatementArguments = StatementArguments()) throws -> [T] {
        try run(arguments).rows.map { try $0.decode(T.self) }
    }

    /// Runs the statement and decodes its first row into `type`, or returns nil if it has none.
    ///
    /// A `nil` result means no row; a row whose only column is NULL, fetched as `String?.self`,
    /// gives `.some(nil)`.
    public func fetchOne<T: Decodable>(_ type: T.Type, _ arguments: StatementArguments = StatementArguments()) throws -> T? {
        try run(arguments).rows.first?.decode(T.self)
    }

    /// Runs the statement with its named parameters bound from the properties of `value` of the
    /// same names (``StatementArguments/init(encoding:)``), discarding any rows. Properties the
    /// statement has no parameter for are left out, so one type serves several statements:
    ///
    /// ```swift
    /// struct User: Codable { var id: Int; var name: String; var email: String? }
    /// let ada = User(id: 1, name: "Ada", email: nil)
    /// try connection.prepare("INSERT INTO users(id, name, email) VALUES (:id, :name, :email)").execute(encoding: ada)
    /// try connection.prepare("UPDATE users SET name = :name WHERE id = :id").execute(encoding: ada)
    /// ```
    ///
    /// - Throws: the errors of ``StatementArguments/init(encoding:)``; 22023 when a parameter
    ///   has no property of its name, or the statement has unnamed parameters (`?`).
    public func execute<T: Encodable>(encoding value: T) throws {
        try execute(StatementArguments(encoding: value).onlyParameters(of: self))
    }
}

extension Connection {
    /// Runs one statement and decodes each row into `type` (``Row/decode(_:)``).
    ///
    /// ```swift
    /// struct User: Decodable { var id: Int; var name: String; var email: String? }
    /// let users = try connection.fetchAll(User.self, "SELECT * FROM users WHERE age > ?", [30])
    /// let names = try connection.fetchAll(String.self, "SELECT name FROM users ORDER BY name")
    /// ```
    ///
    /// - Throws: the statement's ``StrataError``, or the first row's that does not decode.
    public func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [T] {
        try run(sql, arguments).rows.map { try $0.decode(T.self) }
    }

    /// Runs one statement and decodes its first row into `type`, or returns nil if it has none.
    ///
    /// ```swift
    /// let count = try connection.fetchOne(Int.self, "SELECT count(*) FROM users")!
    /// let ada = try connection.fetchOne(User.self, "SELECT * FROM users WHERE id = ?", [1])
    /// ```
    public func fetchOne<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> T? {
        try run(sql, arguments).rows.first?.decode(T.self)
    }

    /// Runs one statement with its named parameters bound from the properties of `value` of the
    /// same names, leaving out the properties it has no parameter for (as
    /// ``Statement/execute(encoding:)`` does), and discards any rows.
    ///
    /// ```swift
    /// try connection.execute("INSERT INTO users(id, name, email) VALUES (:id, :name, :email)", encoding: ada)
    /// ```
    public func execute<T: Encodable>(_ sql: String, encoding value: T) throws {
        try prepare(sql).execute(encoding: value)
    }
}
