// Prepared statements through the public API: prepare once, run many times, parameters by
// position and by name, and the errors for each misuse.

import Foundation
import Strata
import Testing

@Suite struct StatementTests {
    func connection() throws -> (TemporaryDatabase, Connection) {
        let db = try TemporaryDatabase()
        let c = db.database.connection()
        try c.execute("CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER)")
        return (db, c)
    }

    @Test func preparedOnceRunManyTimesByPosition() throws {
        let (db, c) = try connection()
        let insert = try c.prepare("INSERT INTO users(name, age) VALUES (?, ?)")
        #expect(insert.parameterCount == 2)
        #expect(insert.parameterName(at: 1) == nil)
        for i in 0..<100 { try insert.execute([Value.text("user\(i)"), Value.integer(Int64(20 + i % 50))]) }
        let byAge = try c.prepare("SELECT count(*) FROM users WHERE age >= ?")
        #expect(try byAge.query([.integer(60)]).rows == [[.integer(20)]])
        #expect(try byAge.query([.integer(0)]).rows == [[.integer(100)]])
        #expect(try byAge.query([.null]).rows == [[.integer(0)]])
        _ = db
    }

    @Test func numberedParametersCountUpToTheLargest() throws {
        let (db, c) = try connection()
        let s = try c.prepare("SELECT ?3, ?1, ?1 || ?3")
        #expect(s.parameterCount == 3)
        let r = try s.query([.text("a"), .null, .text("c")])
        #expect(r.rows == [[.text("c"), .text("a"), .text("ac")]])
        #expect(r.columns == ["?3", "?1", "?1 || ?3"])
        _ = db
    }

    @Test func namedParametersBindWithOrWithoutTheirPrefix() throws {
        let (db, c) = try connection()
        let insert = try c.prepare("INSERT INTO users(name, age) VALUES (:name, @age)")
        #expect(insert.parameterCount == 2)
        #expect(insert.parameterName(at: 1) == ":name")
        #expect(insert.parameterName(at: 2) == "@age")
        try insert.execute(["name": Value.text("Ada"), "age": Value.integer(36)])
        try insert.execute([":name": Value.text("Grace"), "@age": Value.integer(45)])
        let find = try c.prepare("SELECT name FROM users WHERE age > $min AND age < $min + 10 ORDER BY name")
        #expect(find.parameterCount == 1)
        #expect(try find.query(["min": .integer(30)]).rows == [[.text("Ada")]])
        // A name used twice is one parameter.
        let twice = try c.prepare("SELECT :x + :x, :y")
        #expect(twice.parameterCount == 2)
        #expect(try twice.query(["x": .integer(2), "y": .text("y")]).rows == [[.integer(4), .text("y")]])
        #expect(try twice.query([.integer(5), .null]).rows == [[.integer(10), .null]])
        _ = db
    }

    @Test func aStatementSeesChangesMadeBetweenItsRuns() throws {
        let (db, c) = try connection()
        let count = try c.prepare("SELECT count(*) FROM users")
        #expect(try count.query().rows == [[.integer(0)]])
        try c.execute("INSERT INTO users(name) VALUES ('a'), ('b')")
        #expect(try count.query().rows == [[.integer(2)]])
        try c.execute("ALTER TABLE users ADD COLUMN email TEXT")
        let star = try c.prepare("SELECT * FROM users WHERE id = 1")
        #expect(try star.query().columns == ["id", "name", "age", "email"])
        try c.execute("DROP TABLE users")
        #expect(throws: StrataError.self) { try count.query() }
        do {
            try count.query()
        } catch let error as StrataError {
            #expect(error.code == .undefinedTable)
            #expect(error.message == "no such table: users")
        }
        _ = db
    }

    @Test func errorsInARunLeaveTheStatementUsable() throws {
        let (db, c) = try connection()
        let insert = try c.prepare("INSERT INTO users(id, name) VALUES (?, ?)")
        try insert.execute([Value.integer(1), Value.text("a")])
        do {
            try insert.execute([Value.integer(1), Value.text("b")])
            Issue.record("a duplicate rowid was accepted")
        } catch let error as StrataError {
            #expect(error.code == .uniqueViolation)
        }
        do {
            try insert.execute([Value.integer(2), Value.null])
            Issue.record("NULL was accepted into a NOT NULL column")
        } catch let error as StrataError {
            #expect(error.code == .notNullViolation)
        }
        try insert.execute([Value.integer(2), Value.text("b")])
        #expect(try c.query("SELECT id, name FROM users ORDER BY id").rows == [[.integer(1), .text("a")], [.integer(2), .text("b")]])
        _ = db
    }

    @Test(arguments: [
        ("SELECT 1; SELECT 2", "more than one statement given", Strata.SourceLocation(line: 1, column: 11)),
        ("", "incomplete input", Strata.SourceLocation(line: 1, column: 1)),
        ("  -- only a comment", "incomplete input", Strata.SourceLocation(line: 1, column: 1)),
        ("SELECT * FROM\nWHERE", "near \"WHERE\": syntax error", Strata.SourceLocation(line: 2, column: 1)),
    ])
    func prepareRefusesWhatIsNotOneStatement(sql: String, message: String, location: Strata.SourceLocation) throws {
        let (db, c) = try connection()
        do {
            _ = try c.prepare(sql)
            Issue.record("prepared \(sql)")
        } catch let error as StrataError {
            #expect(error.code == .syntaxError)
            #expect(error.message == message)
            #expect(error.location == location)
        }
        _ = db
    }

    @Test func wrongParameterValuesAreClearErrors() throws {
        let (db, c) = try connection()
        let positional = try c.prepare("SELECT ?, ?")
        let named = try c.prepare("SELECT :a, :b")
        let mixed = try c.prepare("SELECT :a, ?")
        let cases: [(() throws -> Void, String)] = [
            ({ try positional.query([.integer(1)]) }, "statement has 2 parameters but 1 value was given"),
            ({ try positional.query([.integer(1), .integer(2), .integer(3)]) }, "statement has 2 parameters but 3 values were given"),
            ({ try positional.query() }, "statement has 2 parameters but 0 values were given"),
            ({ try named.query(["a": .integer(1)]) }, "no value for parameter :b"),
            ({ try named.query(["a": .integer(1), "b": .integer(2), "c": .integer(3)]) }, "no parameter named c"),
            ({ try mixed.query(["a": .integer(1)]) }, "parameter 2 has no name; bind it by position"),
            ({ _ = try c.query("SELECT ?") }, "statement has 1 parameter but 0 values were given"),
            ({ _ = try c.query("SELECT 1; SELECT ?", [.integer(1)]) }, "more than one statement given"),
        ]
        for (run, message) in cases {
            do {
                try run()
                Issue.record("no error; expected \(message)")
            } catch let error as StrataError {
                #expect(error.message == message)
                #expect(error.code == (message.hasPrefix("more than") ? .syntaxError : .invalidParameterValue))
            }
        }
        #expect(try positional.query([.integer(1), .text("x")]).rows == [[.integer(1), .text("x")]])
        _ = db
    }

    @Test func parametersInsideATransaction() throws {
        let (db, c) = try connection()
        let insert = try c.prepare("INSERT INTO users(name, age) VALUES (?, ?)")
        try c.execute("BEGIN")
        for i in 0..<10 { try insert.execute([Value.text("u\(i)"), Value.integer(Int64(i))]) }
        try c.execute("ROLLBACK")
        #expect(try c.query("SELECT count(*) FROM users").rows == [[.integer(0)]])
        try c.execute("BEGIN")
        for i in 0..<10 { try insert.execute([Value.text("u\(i)"), Value.integer(Int64(i))]) }
        try c.execute("COMMIT")
        #expect(try c.query("SELECT sum(age) FROM users WHERE name LIKE ?", [.text("u%")]).rows == [[.integer(45)]])
        _ = db
    }
}
