// Rows decoded into Decodable types and Encodable values bound as named arguments: round trips
// for every primitive, optionals, enums and blobs; fetchAll/fetchOne of structs and scalars; and
// each error with its SQLSTATE and the column it names.

import Strata
import Testing

/// The error `body` throws, if it is a StrataError.
private func strataError(_ body: () throws -> Void) -> StrataError? {
    do { try body() } catch let error as StrataError { return error } catch { Issue.record("not a StrataError: \(error)") }
    return nil
}

private struct Primitives: Codable, Equatable {
    var int: Int
    var int8: Int8
    var int16: Int16
    var int32: Int32
    var int64: Int64
    var uint: UInt
    var uint8: UInt8
    var uint16: UInt16
    var uint32: UInt32
    var uint64: UInt64
    var double: Double
    var float: Float
    var bool: Bool
    var string: String
    var bytes: [UInt8]
}

private struct Optionals: Codable, Equatable {
    var int: Int?
    var int8: Int8?
    var uint64: UInt64?
    var uint: UInt?
    var double: Double?
    var float: Float?
    var bool: Bool?
    var string: String?
    var bytes: [UInt8]?
    var color: Color?
}

private enum Color: String, Codable { case red, green }
private enum Size: Int, Codable { case small = 1, large = 3 }

/// A SQLValueConvertible type that is also Codable: it reads and binds as one column.
private struct Cents: SQLValueConvertible, Codable, Equatable {
    var amount: Int64
    var sqlValue: Value { .integer(amount) }
    init(amount: Int64) { self.amount = amount }
    init(sqlValue: Value) throws { amount = try Int64(sqlValue: sqlValue) }
}

private struct Item: Codable, Equatable {
    var id: Int
    var name: String
    var color: Color
    var size: Size
    var price: Cents
    var note: String?
}

private struct Address: Codable { var city: String }

private struct One<T: Decodable>: Decodable { var x: T }

/// A read's value, or its error's code and message.
private enum ReadOutcome<T: Equatable>: Equatable {
    case value(T)
    case error(SQLState, String)
    case other(String)

    init(_ body: () throws -> T) {
        do { self = .value(try body()) } catch let error as StrataError { self = .error(error.code, error.message) } catch { self = .other("\(error)") }
    }
}

@Suite struct CodableTests {
    func connection() throws -> Connection {
        try Database.inMemory().connection()
    }

    // MARK: round trips

    @Test func everyPrimitiveRoundTripsThroughANamedInsert() throws {
        let c = try connection()
        try c.execute("""
            CREATE TABLE p(int INTEGER, int8 INTEGER, int16 INTEGER, int32 INTEGER, int64 INTEGER, uint INTEGER,
                           uint8 INTEGER, uint16 INTEGER, uint32 INTEGER, uint64 INTEGER, double REAL, float REAL,
                           bool INTEGER, string TEXT, bytes BLOB)
            """)
        let insert = try c.prepare("""
            INSERT INTO p VALUES (:int, :int8, :int16, :int32, :int64, :uint, :uint8, :uint16, :uint32, :uint64,
                                  :double, :float, :bool, :string, :bytes)
            """)
        let values = [
            Primitives(int: Int.min, int8: .min, int16: .min, int32: .min, int64: .min, uint: 0, uint8: 0, uint16: 0,
                       uint32: 0, uint64: 0, double: -0.5, float: 1.5, bool: false, string: "", bytes: []),
            Primitives(int: .max, int8: .max, int16: .max, int32: .max, int64: .max, uint: UInt(Int64.max), uint8: .max,
                       uint16: .max, uint32: .max, uint64: UInt64(Int64.max), double: 1e300, float: .greatestFiniteMagnitude,
                       bool: true, string: "héllo, 'world'", bytes: [0, 1, 255]),
        ]
        for v in values { try insert.execute(StatementArguments(encoding: v)) }
        #expect(try c.fetchAll(Primitives.self, "SELECT * FROM p ORDER BY int") == values)
        // Stored as the typed subscripts bind them.
        let row = try #require(try c.fetchOne("SELECT * FROM p ORDER BY int DESC"))
        #expect(try row["bool"] == Value.integer(1))
        #expect(try row["bytes"] == Value.blob([0, 1, 255]))
        #expect(try row["uint64"] == Value.integer(Int64.max))
    }

    @Test func nilOptionalsBindNullAndNullReadsNil() throws {
        let c = try connection()
        try c.execute("CREATE TABLE o(int, int8, uint64, uint, double, float, bool, string, bytes, color)")
        let sql = "INSERT INTO o VALUES (:int, :int8, :uint64, :uint, :double, :float, :bool, :string, :bytes, :color)"
        let empty = Optionals()
        let full = Optionals(int: 1, int8: -2, uint64: 3, uint: 4, double: 5.5, float: 6.5, bool: true, string: "s",
                             bytes: [7], color: .green)
        try c.execute(sql, StatementArguments(encoding: empty))
        try c.execute(sql, StatementArguments(encoding: full))
        let rows = try c.fetchAll("SELECT * FROM o ORDER BY int")
        #expect(rows[0].values == Array(repeating: .null, count: 10))
        #expect(try rows.map { try $0.decode(Optionals.self) } == [empty, full])
    }

    @Test func anOptionalPropertyWithoutAColumnReadsNil() throws {
        let row = try Row(columns: ["int"], values: [.integer(1)])
        #expect(try row.decode(Optionals.self) == Optionals(int: 1))
        #expect(try Row(columns: [], values: []).decode(Optionals.self) == Optionals())
    }

    @Test func enumsWithRawValuesAndConvertibleTypesRoundTrip() throws {
        let c = try connection()
        try c.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, color TEXT, size INTEGER, price INTEGER, note TEXT)")
        let items = [Item(id: 1, name: "cup", color: .red, size: .small, price: Cents(amount: 250), note: nil),
                     Item(id: 2, name: "pot", color: .green, size: .large, price: Cents(amount: 1999), note: "big")]
        for item in items {
            try c.execute("INSERT INTO items VALUES (:id, :name, :color, :size, :price, :note)", encoding: item)
        }
        #expect(try c.fetchAll("SELECT color, size, price FROM items ORDER BY id").map(\.values)
                == [[.text("red"), .integer(1), .integer(250)], [.text("green"), .integer(3), .integer(1999)]])
        #expect(try c.fetchAll(Item.self, "SELECT * FROM items ORDER BY id") == items)
        // One column reads as the enum or the convertible type itself.
        #expect(try c.fetchAll(Color.self, "SELECT color FROM items ORDER BY id") == [.red, .green])
        #expect(try c.fetchOne(Size?.self, "SELECT NULL") == .some(nil))
        #expect(try c.fetchOne(Cents.self, "SELECT 42") == Cents(amount: 42))
    }

    @Test func columnNamesMatchWithoutRegardToCaseAndThroughAliases() throws {
        struct User: Decodable, Equatable { var id: Int; var userName: String }
        let c = try connection()
        try c.execute("CREATE TABLE users(ID INTEGER PRIMARY KEY, Name TEXT); INSERT INTO users VALUES (7, 'Ada')")
        #expect(try c.fetchOne(User.self, "SELECT id, name AS USERNAME FROM users") == User(id: 7, userName: "Ada"))
        #expect(try c.fetchOne(User.self, "SELECT Name AS userName, 1 AS extra, ID FROM users") == User(id: 7, userName: "Ada"))
        // A struct with CodingKeys reads the columns its keys name.
        struct Renamed: Decodable, Equatable {
            var identifier: Int
            enum CodingKeys: String, CodingKey { case identifier = "id" }
        }
        #expect(try c.fetchOne(Renamed.self, "SELECT * FROM users") == Renamed(identifier: 7))
    }

    @Test func blobsReadAsByteArrays() throws {
        let c = try connection()
        #expect(try c.fetchOne([UInt8].self, "SELECT x'00ff10'") == [0, 255, 16])
        #expect(try c.fetchOne([UInt8]?.self, "SELECT NULL") == .some(nil))
        let error = strataError { _ = try c.fetchOne([UInt8].self, "SELECT 'text' AS t") }
        #expect(error?.code == .datatypeMismatch)
        #expect(error?.message == "column t holds text 'text', not a blob ([UInt8])")
    }

    // MARK: fetching

    @Test func scalarsFetchFromOneColumnRows() throws {
        let c = try connection()
        try c.execute("CREATE TABLE t(n INTEGER, s TEXT); INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c')")
        #expect(try c.fetchOne(Int.self, "SELECT count(*) FROM t") == 3)
        #expect(try c.fetchAll(Int.self, "SELECT n FROM t ORDER BY n DESC") == [3, 2, 1])
        #expect(try c.fetchAll(String?.self, "SELECT s FROM t ORDER BY n") == ["a", nil, "c"])
        #expect(try c.fetchAll(Double.self, "SELECT n / 2.0 FROM t ORDER BY n") == [0.5, 1, 1.5])
        #expect(try c.fetchOne(Int.self, "SELECT n FROM t WHERE n > ?", [5]) == nil)
        #expect(try c.fetchOne(UInt64.self, "SELECT 9223372036854775807") == UInt64(Int64.max))
        let s = try c.prepare("SELECT s FROM t WHERE n >= ? ORDER BY n")
        #expect(try s.fetchAll(String?.self, [2]) == [nil, "c"])
        #expect(try s.fetchOne(String?.self, [2]) == .some(nil))
        #expect(try s.fetchOne(String?.self, [9]) == nil)
    }

    @Test func eachFetchFormResolvesWithoutAmbiguity() throws {
        struct N: Decodable, Equatable { var n: Int }
        let c = try connection()
        try c.execute("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (1), (2)")
        let all = try c.prepare("SELECT n FROM t ORDER BY n")
        let rows: [Row] = try all.fetchAll()
        #expect(rows.count == 2)
        #expect(try all.fetchAll(N.self) == [N(n: 1), N(n: 2)])
        let first: Row? = try all.fetchOne()
        #expect(try first?.decode(N.self) == N(n: 1))
        #expect(try all.fetchOne(N.self) == N(n: 1))
        let above = try c.prepare("SELECT n FROM t WHERE n > ?")
        #expect(try above.fetchAll([1]).count == 1)
        #expect(try above.fetchOne([1])?.values == [.integer(2)])
        #expect(try above.fetchAll(N.self, [0]).count == 2)
        #expect(try above.fetchOne(Int.self, [1]) == 2)
        #expect(try c.fetchAll("SELECT n FROM t").count == 2)
        #expect(try c.fetchAll("SELECT n FROM t WHERE n > ?", [1]).count == 1)
        #expect(try c.fetchAll(N.self, "SELECT n FROM t WHERE n > ?", [1]) == [N(n: 2)])
        #expect(try c.fetchOne("SELECT n FROM t")?.count == 1)
        let decoded: N = try rows[1].decode()
        #expect(decoded == N(n: 2))
    }

    @Test func unkeyedTypesReadTheColumnsInOrder() throws {
        struct Pair: Decodable, Equatable {
            var first: Int, second: String?
            init(first: Int, second: String?) { (self.first, self.second) = (first, second) }
            init(from decoder: any Decoder) throws {
                var columns = try decoder.unkeyedContainer()
                first = try columns.decode(Int.self)
                second = try columns.decodeIfPresent(String.self)
            }
        }
        let c = try connection()
        #expect(try c.fetchOne([Int].self, "SELECT 1, 2, 3") == [1, 2, 3])
        #expect(try c.fetchOne([Int?].self, "SELECT 1, NULL") == [1, nil])
        #expect(try c.fetchOne(Pair.self, "SELECT 5 AS a, NULL AS b") == Pair(first: 5, second: nil))
        #expect(try c.fetchOne(Pair.self, "SELECT 5, 'x'") == Pair(first: 5, second: "x"))
        #expect(try c.fetchOne([String: Int].self, "SELECT 1 AS a, 2 AS b") == ["a": 1, "b": 2])
        let error = strataError { _ = try c.fetchOne([Int].self, "SELECT 1, 'two' AS t") }
        #expect(error?.code == .datatypeMismatch)
        #expect(error?.message.hasPrefix("column t holds text 'two'") == true)
    }

    @Test func classesReadAndBindTheirSuperclassFromTheSameRow() throws {
        class Base: Codable { var id = 0 }
        final class Derived: Base {
            var name = ""
            enum Keys: String, CodingKey { case name }
            override init() { super.init() }
            required init(from decoder: any Decoder) throws {
                name = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .name)
                try super.init(from: decoder.container(keyedBy: Keys.self).superDecoder())
            }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(name, forKey: .name)
                try super.encode(to: container.superEncoder())
            }
        }
        let c = try connection()
        let d = try #require(try c.fetchOne(Derived.self, "SELECT 3 AS id, 'x' AS name"))
        #expect(d.id == 3)
        #expect(d.name == "x")
        d.id = 4
        #expect(try c.fetchAll("SELECT :id, :name", StatementArguments(encoding: d)).first?.values == [.integer(4), .text("x")])
    }

    // MARK: decoding errors

    @Test func aMissingColumnIs42703NamingTheColumnAndTheType() throws {
        struct User: Decodable { var id: Int; var email: String }
        let error = strataError { _ = try Row(columns: ["id", "name"], values: [.integer(1), .text("a")]).decode(User.self) }
        #expect(error?.code == .undefinedColumn)
        #expect(error?.message == "no column named email in the row (decoding User); its columns are id, name")
    }

    @Test func conversionErrorsCarryTheSubscriptsSQLStateAndNameTheColumn() throws {
        struct Small: Decodable { var n: Int8 }
        struct Unsigned: Decodable { var n: UInt64 }
        struct Text: Decodable { var n: String }
        func error<T: Decodable>(_ type: T.Type, _ value: Value) -> StrataError? {
            strataError { _ = try Row(columns: ["N"], values: [value]).decode(T.self) }
        }
        let null = error(Small.self, .null)
        #expect(null?.code == .nullValueNotAllowed)
        #expect(null?.message == "column N is NULL; read it as an Optional")
        #expect(error(Small.self, .integer(300))?.code == .numericValueOutOfRange)
        #expect(error(Small.self, .integer(300))?.message == "column N holds 300, which does not fit in Int8")
        #expect(error(Small.self, .real(1.5))?.code == .numericValueOutOfRange)
        #expect(error(Unsigned.self, .integer(-1))?.code == .numericValueOutOfRange)
        #expect(error(Unsigned.self, .integer(-1))?.message == "column N holds -1, which does not fit in UInt64")
        #expect(error(Unsigned.self, .real(2e19))?.code == .numericValueOutOfRange)
        #expect(error(Unsigned.self, .text("1"))?.code == .datatypeMismatch)
        #expect(error(Text.self, .integer(1))?.code == .datatypeMismatch)
        #expect(error(Text.self, .integer(1))?.message == "column N holds integer 1, not text (String)")
    }

    /// Every column type decodes exactly as the typed subscript reads: the same value, or the
    /// same error; as a property and as the only column of the row.
    @Test(arguments: [Value.null, .integer(0), .integer(7), .integer(300), .integer(-1), .integer(.max), .real(2.5),
                      .real(3), .real(-0.0), .text("7"), .blob([7])])
    func decodingMatchesTheTypedSubscript(value: Value) throws {
        func check<T: Decodable & SQLValueConvertible & Equatable>(_ type: T.Type) throws {
            let row = try Row(columns: ["x"], values: [value])
            let subscripted = ReadOutcome { try row["x"] as T }
            #expect(ReadOutcome { try row.decode(One<T>.self).x } == subscripted, "\(T.self) from \(value)")
            #expect(ReadOutcome { try row.decode(T.self) } == subscripted, "\(T.self) from \(value)")
        }
        try check(Int.self); try check(Int8.self); try check(Int16.self); try check(Int32.self); try check(Int64.self)
        try check(UInt8.self); try check(UInt16.self); try check(UInt32.self)
        try check(Double.self); try check(Float.self); try check(Bool.self); try check(String.self); try check([UInt8].self)
        try check(Int?.self); try check(String?.self); try check(Cents.self)
    }

    @Test func anUnknownRawValueIs42804NamingTheColumn() throws {
        struct Paint: Decodable { var color: Color }
        let text = strataError { _ = try Row(columns: ["color"], values: [.text("blue")]).decode(Paint.self) }
        #expect(text?.code == .datatypeMismatch)
        #expect(text?.message.hasPrefix("column color: cannot decode Color: ") == true)
        #expect(text?.message.contains("blue") == true)
        let int = strataError { _ = try Row(columns: ["color"], values: [.integer(1)]).decode(Paint.self) }
        #expect(int?.message == "column color holds integer 1, not text (String)")
        let null = strataError { _ = try Row(columns: ["color"], values: [.null]).decode(Paint.self) }
        #expect(null?.code == .nullValueNotAllowed)
    }

    @Test func aNestedStructOrArrayPropertyIs0A000() throws {
        struct Person: Decodable { var name: String; var address: Address }
        struct Tags: Decodable { var tags: [String] }
        let row = try Row(columns: ["name", "address", "tags"], values: [.text("a"), .text("b"), .text("c")])
        let nested = strataError { _ = try row.decode(Person.self) }
        #expect(nested?.code == .featureNotSupported)
        #expect(nested?.message.hasPrefix("cannot decode property address of type Address from a column: ") == true)
        let array = strataError { _ = try row.decode(Tags.self) }
        #expect(array?.code == .featureNotSupported)
        #expect(array?.message.hasPrefix("cannot decode property tags of type Array<String> from a column: ") == true)
        // A missing or NULL optional nested value is still nil.
        struct MaybeAddress: Decodable { var address: Address? }
        #expect(try Row(columns: ["address"], values: [.null]).decode(MaybeAddress.self).address == nil)
        #expect(try Row(columns: [], values: []).decode(MaybeAddress.self).address == nil)
    }

    @Test func aRowOfTheWrongShapeIs42804() throws {
        let c = try connection()
        let wide = strataError { _ = try c.fetchAll(Int.self, "SELECT 1 AS a, 2 AS b") }
        #expect(wide?.code == .datatypeMismatch)
        #expect(wide?.message == "cannot decode Int from a row of 2 columns (a, b): Int reads a single value, from a row of one column")
        #expect(strataError { _ = try c.fetchOne(Color.self, "SELECT 'red', 1") }?.code == .datatypeMismatch)
        struct Triple: Decodable {
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                for _ in 0..<3 { _ = try c.decode(Int.self) }
            }
        }
        let short = strataError { _ = try c.fetchOne(Triple.self, "SELECT 1 AS a, 2 AS b") }
        #expect(short?.code == .datatypeMismatch)
        #expect(short?.message == "cannot decode Triple from a row of 2 columns (a, b): it reads more columns than that")
    }

    @Test func aDecodingErrorFromTheTypesOwnCodeBecomesAStrataError() throws {
        struct Checked: Decodable {
            enum Keys: String, CodingKey { case n, missing }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                guard try c.decode(Int.self, forKey: .n) > 0 else {
                    throw DecodingError.dataCorruptedError(forKey: .n, in: c, debugDescription: "n must be positive")
                }
                throw DecodingError.keyNotFound(Keys.missing, .init(codingPath: [], debugDescription: ""))
            }
        }
        let corrupt = strataError { _ = try Row(columns: ["n"], values: [.integer(0)]).decode(Checked.self) }
        #expect(corrupt?.code == .datatypeMismatch)
        #expect(corrupt?.message == "cannot decode Checked at n: n must be positive")
        let missing = strataError { _ = try Row(columns: ["n"], values: [.integer(1)]).decode(Checked.self) }
        #expect(missing?.code == .undefinedColumn)
        #expect(missing?.message == "no column named missing in the row (decoding Checked); its columns are n")
    }

    // MARK: encoding

    @Test func encodedArgumentsAreStrictAndExecuteEncodingBindsOnlyTheStatementsParameters() throws {
        let c = try connection()
        try c.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, color TEXT, size INTEGER, price INTEGER, note TEXT)")
        let cup = Item(id: 1, name: "cup", color: .red, size: .small, price: Cents(amount: 250), note: nil)
        let partial = "INSERT INTO items(id, name) VALUES (:id, :name)"
        let extra = strataError { try c.execute(partial, StatementArguments(encoding: cup)) }
        #expect(extra?.code == .invalidParameterValue)
        #expect(extra?.message == "no parameter named color")
        try c.execute(partial, encoding: cup)
        try c.prepare("UPDATE items SET note = $name || '!' WHERE id = @id").execute(encoding: cup)
        #expect(try c.fetchOne("SELECT id, name, note FROM items")?.values == [.integer(1), .text("cup"), .text("cup!")])
        // A parameter without a property, and an unnamed parameter, still fail.
        let missing = strataError { try c.execute("UPDATE items SET name = :name WHERE id = :key", encoding: cup) }
        #expect(missing?.code == .invalidParameterValue)
        #expect(missing?.message == "no value for parameter :key")
        #expect(strataError { try c.execute("DELETE FROM items WHERE id = ?", encoding: cup) }?.code == .invalidParameterValue)
    }

    @Test func aUInt64AboveInt64MaxIs22003() throws {
        struct Big: Encodable { var n: UInt64; var m: UInt? = nil }
        _ = try StatementArguments(encoding: Big(n: UInt64(Int64.max)))
        let error = strataError { _ = try StatementArguments(encoding: Big(n: UInt64(Int64.max) + 1)) }
        #expect(error?.code == .numericValueOutOfRange)
        #expect(error?.message == "property n holds 9223372036854775808, which does not fit in a SQL INTEGER (at most 9223372036854775807)")
        #expect(strataError { _ = try StatementArguments(encoding: Big(n: 0, m: .max)) }?.code == .numericValueOutOfRange)
    }

    @Test func aNestedStructPropertyDoesNotBind() throws {
        struct Person: Encodable { var name: String; var address: Address }
        let nested = strataError { _ = try StatementArguments(encoding: Person(name: "a", address: Address(city: "b"))) }
        #expect(nested?.code == .featureNotSupported)
        #expect(nested?.message.hasPrefix("cannot bind property address of type Address as a parameter: ") == true)
        struct Tags: Encodable { var tags: [Int] }
        #expect(strataError { _ = try StatementArguments(encoding: Tags(tags: [1])) }?.code == .featureNotSupported)
        struct NilNested: Encodable { var address: Address? }
        let c = try connection()
        #expect(try c.fetchOne(Int?.self, "SELECT :address", StatementArguments(encoding: NilNested())) == .some(nil))
    }

    @Test func aValueWithoutPropertiesDoesNotBindByName() throws {
        let single = strataError { _ = try StatementArguments(encoding: 5) }
        #expect(single?.code == .invalidParameterValue)
        #expect(single?.message == "cannot bind Int as named arguments: it encodes a single value, not properties; bind it by position, as [value]")
        #expect(strataError { _ = try StatementArguments(encoding: [1, 2]) }?.code == .invalidParameterValue)
        #expect(strataError { _ = try StatementArguments(encoding: Color.red) }?.code == .invalidParameterValue)
    }

    @Test func anEncodingErrorFromTheTypesOwnCodeBecomesAStrataError() throws {
        struct Refused: Encodable {
            func encode(to encoder: any Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "not today"))
            }
        }
        let error = strataError { _ = try StatementArguments(encoding: Refused()) }
        #expect(error?.code == .invalidParameterValue)
        #expect(error?.message == "cannot bind Refused: not today")
    }

    @Test func typesNoColumnHoldsAreErrorsNotCrashes() throws {
        struct Wide: Codable { var n: Int128 }
        let decode = strataError { _ = try Row(columns: ["n"], values: [.integer(1)]).decode(Wide.self) }
        #expect(decode?.code == .datatypeMismatch)
        #expect(decode?.message.hasPrefix("cannot decode Wide at n: ") == true)
        #expect(strataError { _ = try StatementArguments(encoding: Wide(n: 1)) }?.code == .invalidParameterValue)
        // A type that asks its own single value for itself would recurse without end.
        struct Itself: Codable {
            init() {}
            init(from decoder: any Decoder) throws { self = try decoder.singleValueContainer().decode(Itself.self) }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(self)
            }
        }
        struct Holder: Codable { var x: Itself }
        let loop = strataError { _ = try Row(columns: ["x"], values: [.integer(1)]).decode(Holder.self) }
        #expect(loop?.code == .featureNotSupported)
        #expect(loop?.message == "column x: cannot decode Itself from a column")
        let bindLoop = strataError { _ = try StatementArguments(encoding: Holder(x: Itself())) }
        #expect(bindLoop?.code == .featureNotSupported)
        #expect(bindLoop?.message == "cannot bind property x of type Itself: no SQL value holds it")
    }
}

