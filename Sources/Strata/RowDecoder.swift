// RowDecoder: decodes a Row into a Decodable type, reading each column by the rules of
// SQLValueConvertible (exactly what `try row["x"] as T` does), with errors that name the column.
//
// A type reads a row in one of three shapes:
//   keyed     a struct's properties read the columns of the same names (ASCII case ignored);
//             an optional property whose column is missing reads nil
//   unkeyed   the columns in order (`[Int]`, or a type with its own init(from:))
//   single    a row of exactly one column (`Int`, `String?`, an enum): what fetchAll(Int.self) reads
// One column reads as: a SQLValueConvertible type through init(sqlValue:); UInt64 and UInt by
// the integer rule; any other Decodable through a decoder over that column alone, which has only
// a single-value container (so a RawRepresentable enum reads its raw value). A type that asks a
// column for a keyed or unkeyed container (a nested struct, an array) fails with 0A000: a
// column holds one value.
//
// INVARIANTS
//   (1) No DecodingError leaves `Row.decode`: the containers throw StrataErrors, and a
//       DecodingError from a type's own init(from:) (an enum's unknown raw value) is turned into
//       one, naming the column when there is one.
//   (2) The shape of a row that does not fit the type (too few or too many columns) is 42804,
//       as PostgreSQL reports a query whose row structure does not match.

extension Row {
    /// Decodes the row into `type`: each stored property reads the column of the same name.
    ///
    /// Columns convert by the rules of the typed subscripts (``SQLValueConvertible``): a property
    /// of type `Int` reads its column as `try row["name"] as Int` would, and an optional
    /// property reads NULL as nil. Names match without regard to ASCII case; extra columns are
    /// ignored; an optional property whose column is missing reads nil. An enum with a `String`
    /// or integer raw value reads its raw value, and a ``SQLValueConvertible`` type reads its
    /// column through ``SQLValueConvertible/init(sqlValue:)``.
    ///
    /// ```swift
    /// struct User: Decodable {
    ///     enum Role: String, Decodable { case admin, member }
    ///     var id: Int
    ///     var name: String
    ///     var email: String?
    ///     var role: Role
    /// }
    /// let users = try connection.fetchAll("SELECT * FROM users").map { try $0.decode(User.self) }
    /// ```
    ///
    /// A type that reads a single value (`Int`, `String?`, a ``SQLValueConvertible`` type, an
    /// enum) decodes a row of exactly one column: `try row.decode(Int.self)` reads
    /// `SELECT count(*) ...`. A type that decodes an unkeyed container reads the columns in
    /// order: `try row.decode([Int].self)`.
    ///
    /// - Throws: a ``StrataError`` naming the column: ``SQLState/undefinedColumn`` for a
    ///   non-optional property the row has no column for; ``SQLState/nullValueNotAllowed``,
    ///   ``SQLState/numericValueOutOfRange`` or ``SQLState/datatypeMismatch`` when a value
    ///   does not convert (as the subscripts throw), and ``SQLState/datatypeMismatch`` also for
    ///   a value the type rejects (an enum's unknown raw value) and for a row of the wrong shape
    ///   (a single value from a row of several columns); ``SQLState/featureNotSupported`` for a
    ///   property that is itself a struct, array or dictionary: a column holds one value. Errors
    ///   the type's own `init(from:)` throws pass through, except `DecodingError`s, which
    ///   become ``StrataError``s.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = RowDecoder(row: self, type: T.self)
        do {
            if isColumnValue(T.self) { return try decoder.oneColumn(decoding: nil).decode(T.self) }
            return try T(from: decoder)
        } catch let error as DecodingError {
            throw decoder.translate(error)
        }
    }

    /// Whether `type` reads one column without a decoder of its own.
    fileprivate func isColumnValue(_ type: Any.Type) -> Bool {
        type is any SQLValueConvertible.Type || type == UInt64.self || type == UInt.self
    }

    /// Column `index` as `T`, by the rules of the file header; `key` is the property's, nil for
    /// an element of an unkeyed container.
    fileprivate func decodeColumn<T: Decodable>(_ index: Int, as type: T.Type, key: (any CodingKey)?) throws -> T {
        if let convertible = T.self as? any SQLValueConvertible.Type {
            return try read(convertible, index) as! T  // `convertible` is T
        }
        if T.self == UInt64.self { return try read(Unsigned<UInt64>.self, index).value as! T }
        if T.self == UInt.self { return try read(Unsigned<UInt>.self, index).value as! T }
        let decoder = ColumnDecoder(row: self, column: index, type: T.self, key: key)
        do {
            return try T(from: decoder)
        } catch let error as DecodingError {
            throw decoder.translate(error)
        }
    }

    /// Column `index` as `C`, its conversion errors naming the column.
    fileprivate func read<C: SQLValueConvertible>(_ type: C.Type, _ index: Int) throws(StrataError) -> C {
        try convert(values[index], column: index)
    }

    /// The column names, for messages.
    fileprivate var columnList: String { columns.names.joined(separator: ", ") }

    /// The error for a nested container asked of column `index`: a column holds one value.
    fileprivate func notAValue(_ index: Int, key: (any CodingKey)?, type: Any.Type?, reads what: String) -> StrataError {
        let slot = key.map { "property \($0.stringValue)" } ?? "column \(columns.names[index])"
        guard let type else {
            return StrataError(.featureNotSupported, "cannot decode \(what) from \(slot): a column holds one value")
        }
        return StrataError(.featureNotSupported, "cannot decode \(slot) of type \(type) from a column: \(type) reads \(what), and a column holds one value; read its fields as columns of the row, or conform \(type) to SQLValueConvertible")
    }
}

/// UInt64 and UInt read by the integer rule (negative or too large: 22003). They are not
/// SQLValueConvertible, because the top half of their range has no INTEGER to bind to.
private struct Unsigned<T: FixedWidthInteger & UnsignedInteger>: SQLValueConvertible {
    var value: T
    var sqlValue: Value { .integer(Int64(truncatingIfNeeded: value)) }  // never used: only read
    init(sqlValue: Value) throws { value = try Conversion.integer(sqlValue, as: T.self) }
}

/// A coding key for a column, for `codingPath`.
private struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

// MARK: the row

/// Decodes a whole row: what `Row.decode` hands the type's `init(from:)`. A class, and the only
/// thing its containers hold: the standard library's container box copies the container at each
/// call, and containers that also held the Row's two references took 14% more instructions and a
/// third more time to decode a row of six columns.
private final class RowDecoder: Decoder {
    let row: Row
    /// The type being decoded, for messages.
    let type: Any.Type
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(row: Row, type: Any.Type) {
        self.row = row
        self.type = type
    }

    func container<Key: CodingKey>(keyedBy: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { RowUnkeyedContainer(decoder: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { try oneColumn(decoding: type) }

    /// The only column, for a type that reads a single value (2); `decoding` is the type whose
    /// `init(from:)` asks for it, nil when `Row.decode` reads the column itself.
    func oneColumn(decoding: Any.Type?) throws(StrataError) -> ColumnContainer {
        guard row.count == 1 else {
            throw StrataError(.datatypeMismatch, "cannot decode \(type) from a row of \(row.count) columns (\(row.columnList)): \(type) reads a single value, from a row of one column")
        }
        return ColumnContainer(row: row, column: 0, decoding: decoding, key: nil)
    }

    func noColumn(_ name: String) -> StrataError {
        StrataError(.undefinedColumn, "no column named \(name) in the row (decoding \(type)); its columns are \(row.columnList)")
    }

    /// `error`, thrown by the type's own `init(from:)`, as a StrataError (1).
    func translate(_ error: DecodingError) -> StrataError {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "" : " at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, _):
            return noColumn(key.stringValue)
        case .valueNotFound(_, let context):
            return StrataError(.nullValueNotAllowed, "cannot decode \(type)\(path(context)): \(context.debugDescription)")
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            return StrataError(.datatypeMismatch, "cannot decode \(type)\(path(context)): \(context.debugDescription)")
        @unknown default:
            return StrataError(.datatypeMismatch, "cannot decode \(type): \(error)")
        }
    }
}

/// A struct's properties: the columns of the same names.
private struct RowKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: RowDecoder
    var row: Row { _read { yield decoder.row } }
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.columns.names.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { row.columns.index(of: key.stringValue) != nil }

    func column(_ key: Key) throws(StrataError) -> Int {
        guard let index = row.columns.index(of: key.stringValue) else { throw decoder.noColumn(key.stringValue) }
        return index
    }

    func decodeNil(forKey key: Key) throws -> Bool { row.values[try column(key)].isNull }

    // The primitives have their own witnesses, which skip decodeColumn's dynamic casts.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try row.read(type, column(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try row.read(type, column(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try row.read(type, column(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try row.read(type, column(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try row.read(type, column(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try row.read(type, column(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try row.read(type, column(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try row.read(type, column(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try row.read(type, column(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try row.read(type, column(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try row.read(type, column(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try row.read(type, column(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try row.decodeColumn(column(key), as: T.self, key: key)
    }

    /// The column of `key` if the row has it and it is not NULL: what `decodeIfPresent` reads.
    func present(_ key: Key) -> Int? {
        guard let index = row.columns.index(of: key.stringValue), !row.values[index].isNull else { return nil }
        return index
    }

    // An optional property looks its column up once, where the protocol's own decodeIfPresent
    // asks contains, decodeNil and decode: that took a row of six columns, one optional, from
    // 9,700 instructions to 7,900. A generic witness does not replace the protocol's overloads,
    // so each type gets its own.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key).map { try row.read(type, $0) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key).map { try row.decodeColumn($0, as: type, key: key) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key).map { try row.decodeColumn($0, as: type, key: key) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try row.decodeColumn($0, as: type, key: key) }
    }

    func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        throw row.notAValue(try column(key), key: key, type: nil, reads: "a keyed container")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw row.notAValue(try column(key), key: key, type: nil, reads: "an unkeyed container")
    }

    /// The same row: a subclass and its superclass read the same columns.
    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ColumnDecoder(row: row, column: try column(key), type: nil, key: key)
    }
}

/// The columns in order.
private struct RowUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: RowDecoder
    var row: Row { _read { yield decoder.row } }
    var codingPath: [any CodingKey] { [] }
    var count: Int? { row.count }
    var isAtEnd: Bool { currentIndex >= row.count }
    private(set) var currentIndex = 0

    init(decoder: RowDecoder) { self.decoder = decoder }

    /// The current column, which the caller reads; the next one becomes current.
    mutating func next() throws(StrataError) -> Int {
        guard !isAtEnd else {
            throw StrataError(.datatypeMismatch, "cannot decode \(decoder.type) from a row of \(row.count) column\(row.count == 1 ? "" : "s") (\(row.columnList)): it reads more columns than that")
        }
        currentIndex += 1
        return currentIndex - 1
    }

    mutating func decodeNil() throws -> Bool {
        let index = try next()
        if row.values[index].isNull { return true }
        currentIndex = index  // not NULL: the caller reads it next
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try row.decodeColumn(next(), as: T.self, key: nil)
    }

    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) throws -> KeyedDecodingContainer<N> {
        throw row.notAValue(try next(), key: nil, type: nil, reads: "a keyed container")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw row.notAValue(try next(), key: nil, type: nil, reads: "an unkeyed container")
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

// MARK: one column

/// Decodes one column: what a property that is neither SQLValueConvertible nor an unsigned
/// integer reads from. It has only a single-value container.
private struct ColumnDecoder: Decoder {
    let row: Row
    let column: Int
    /// The type being decoded (nil for a superclass's `superDecoder(forKey:)`), for messages.
    let type: Any.Type?
    /// The property's key; nil for an element of an unkeyed container.
    let key: (any CodingKey)?
    var codingPath: [any CodingKey] { [key ?? ColumnKey(stringValue: row.columns.names[column])] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw row.notAValue(column, key: key, type: type, reads: "a keyed container")
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw row.notAValue(column, key: key, type: type, reads: "an unkeyed container")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ColumnContainer(row: row, column: column, decoding: type, key: key)
    }

    /// `error`, thrown by the type's `init(from:)` (an enum's unknown raw value), naming the column (1).
    func translate(_ error: DecodingError) -> StrataError {
        let detail: String
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            detail = context.debugDescription
        @unknown default:
            detail = "\(error)"
        }
        let code: SQLState = if case .valueNotFound = error { .nullValueNotAllowed } else { .datatypeMismatch }
        return StrataError(code, "column \(row.columns.names[column]): cannot decode \(type ?? Any.self): \(detail)")
    }
}

/// One column as a single value.
private struct ColumnContainer: SingleValueDecodingContainer {
    let row: Row
    let column: Int
    /// The type whose decoder made this container; nil when `Row.decode` reads the column itself.
    let decoding: Any.Type?
    /// The property's key; nil for a whole row's only column or an unkeyed element.
    let key: (any CodingKey)?
    var codingPath: [any CodingKey] { [key ?? ColumnKey(stringValue: row.columns.names[column])] }

    func decodeNil() -> Bool { row.values[column].isNull }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // A type that decodes a single value of its own type would recurse without end.
        guard T.self != decoding else {
            throw StrataError(.featureNotSupported, "column \(row.columns.names[column]): cannot decode \(T.self) from a column")
        }
        return try row.decodeColumn(column, as: T.self, key: key)
    }
}
