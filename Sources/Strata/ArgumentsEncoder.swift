// ArgumentsEncoder: binds an Encodable value's properties as named statement arguments
// (`StatementArguments(encoding:)`), each by the rules of SQLValueConvertible.sqlValue.
//
// Each property the value encodes becomes the value of the parameter of the same name (`:name`,
// `@name` or `$name`; names match exactly, as SQLite matches them). A property's value binds
// as: a SQLValueConvertible type through `sqlValue`; UInt64 and UInt as INTEGER when they fit
// (22003 otherwise); any other Encodable through an encoder for that one value, which has only a
// single-value container (so a RawRepresentable enum binds its raw value). Nil optionals bind
// NULL: the synthesized `encode(to:)` skips them with `encodeIfPresent`, which this encoder
// overrides for every type it has an overload for.
//
// INVARIANTS
//   (1) No EncodingError leaves `init(encoding:)`: the encoder throws StrataErrors, and an
//       EncodingError from a type's own `encode(to:)` becomes one.
//   (2) Encoder methods that cannot throw (asking for a container) record the first misuse in
//       `failure` and hand out a container that drops what it gets; `init(encoding:)` throws
//       the recorded failure once `encode(to:)` returns.

extension StatementArguments {
    /// Binds each stored property of `value` to the named parameter of the same name.
    ///
    /// ```swift
    /// struct NewUser: Encodable { var name: String; var email: String?; var age: Int }
    /// let ada = NewUser(name: "Ada", email: nil, age: 36)
    /// try connection.execute("INSERT INTO users(name, email, age) VALUES (:name, :email, :age)",
    ///                        StatementArguments(encoding: ada))   // email binds NULL
    /// ```
    ///
    /// Properties convert as ``SQLValueConvertible/sqlValue`` does; a nil optional binds NULL;
    /// an enum with a `String` or integer raw value binds its raw value. Names match exactly
    /// (`userName` binds `:userName`; rename with `CodingKeys`).
    ///
    /// The arguments are as strict as a dictionary: running a statement with them fails when a
    /// parameter has no property, and also when a property has no parameter ("no parameter named
    /// x"). To bind a value whose properties are a superset of the statement's parameters, use
    /// ``Statement/execute(encoding:)`` or ``Connection/execute(_:encoding:)``, which bind only
    /// the properties the statement names.
    ///
    /// - Throws: a ``StrataError``: ``SQLState/numericValueOutOfRange`` for a `UInt64` or `UInt`
    ///   above `Int64.max`; ``SQLState/featureNotSupported`` for a property that is itself a
    ///   struct, array or dictionary (a parameter takes one value); ``SQLState/invalidParameterValue``
    ///   for a value that is not a struct or class of properties (an `Int`, an array), or whose
    ///   own `encode(to:)` throws an `EncodingError`. Other errors its `encode(to:)` throws pass
    ///   through.
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = ArgumentsEncoder(type: T.self)
        do {
            try value.encode(to: encoder)
        } catch let error as EncodingError {
            throw encoder.failure ?? encoder.translate(error)
        }
        if let failure = encoder.failure { throw failure }
        self.init(pairs: encoder.pairs)
    }

    init(pairs: [(String, Value)]) { storage = .named(pairs) }

    /// These arguments without the named values `statement` has no parameter for: what
    /// `execute(encoding:)` binds.
    func onlyParameters(of statement: Statement) -> StatementArguments {
        guard case .named(let pairs) = storage else { return self }
        let names = Set(stride(from: 1, through: statement.parameterCount, by: 1).compactMap { statement.parameterName(at: $0) })
        let bare = Set(names.map { String($0.dropFirst()) })
        return StatementArguments(pairs: pairs.filter { names.contains($0.0) || bare.contains($0.0) })
    }
}

/// Encodes a value's properties into named arguments (the file header).
private final class ArgumentsEncoder: Encoder {
    /// The type being encoded, for messages.
    let type: Any.Type
    var pairs: [(String, Value)] = []
    /// The first misuse met where it could not be thrown (2).
    var failure: StrataError?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(type: Any.Type) { self.type = type }

    func fail(_ error: StrataError) {
        if failure == nil { failure = error }
    }

    func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(PropertyContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        fail(notProperties("a list of values"))
        return Discard<PropertyKey>()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        fail(notProperties("a single value"))
        return Discard<PropertyKey>()
    }

    func notProperties(_ what: String) -> StrataError {
        StrataError(.invalidParameterValue, "cannot bind \(type) as named arguments: it encodes \(what), not properties; bind it by position, as [value]")
    }

    /// `value`, property `key`'s, as a parameter value.
    func sqlValue<T: Encodable>(of value: T, key: String, encoding outer: Any.Type? = nil) throws -> Value {
        if let convertible = T.self as? any SQLValueConvertible.Type { return Self.sqlValue(value, as: convertible) }
        if let unsigned = value as? UInt64 { return try Self.integer(unsigned, key: key) }
        if let unsigned = value as? UInt { return try Self.integer(UInt64(unsigned), key: key) }
        // A type that encodes itself as a single value of its own type would recurse without end.
        guard T.self != outer else {
            throw StrataError(.featureNotSupported, "cannot bind property \(key) of type \(T.self): no SQL value holds it")
        }
        let encoder = ValueEncoder(parent: self, key: key, type: T.self)
        try value.encode(to: encoder)
        if let failure { throw failure }
        guard let encoded = encoder.value else {
            throw StrataError(.featureNotSupported, "cannot bind property \(key) of type \(T.self): it encodes no value")
        }
        return encoded
    }

    private static func sqlValue<C: SQLValueConvertible>(_ value: Any, as type: C.Type) -> Value {
        (value as! C).sqlValue  // `type` is the value's static type
    }

    private static func integer(_ value: UInt64, key: String) throws(StrataError) -> Value {
        guard let i = Int64(exactly: value) else {
            throw StrataError(.numericValueOutOfRange, "property \(key) holds \(value), which does not fit in a SQL INTEGER (at most \(Int64.max))")
        }
        return .integer(i)
    }

    /// `error`, thrown by the type's own `encode(to:)`, as a StrataError (1).
    func translate(_ error: EncodingError) -> StrataError {
        guard case .invalidValue(_, let context) = error else {
            return StrataError(.invalidParameterValue, "cannot bind \(type): \(error)")
        }
        let path = context.codingPath.isEmpty ? "" : " at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        return StrataError(.invalidParameterValue, "cannot bind \(type)\(path): \(context.debugDescription)")
    }
}

/// The top-level properties: each binds its parameter.
private struct PropertyContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ArgumentsEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { encoder.pairs.append((key.stringValue, .null)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.pairs.append((key.stringValue, try encoder.sqlValue(of: value, key: key.stringValue)))
    }

    // A nil optional binds NULL. The protocol's own overloads skip it, and a generic witness
    // does not replace them, so each gets its own.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try bind(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try bind(value, key) }

    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
        encoder.fail(nested(key, "a keyed container"))
        return KeyedEncodingContainer(Discard<N>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.fail(nested(key, "an unkeyed container"))
        return Discard<PropertyKey>()
    }

    /// The same arguments: a subclass and its superclass bind the same statement.
    mutating func superEncoder() -> any Encoder { encoder }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.fail(nested(key, "a superclass"))
        return encoder
    }

    private func nested(_ key: Key, _ what: String) -> StrataError {
        StrataError(.featureNotSupported, "cannot bind \(what) as property \(key.stringValue): a parameter takes one value")
    }
}

private extension PropertyContainer {
    /// `value`, or NULL for nil.
    mutating func bind<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

/// Encodes one property's value, which is not SQLValueConvertible: it has only a single-value
/// container, so an enum binds its raw value and a struct fails.
private final class ValueEncoder: Encoder, SingleValueEncodingContainer {
    let parent: ArgumentsEncoder
    let key: String
    /// The property's type, for messages.
    let type: Any.Type
    var value: Value?
    var codingPath: [any CodingKey] { [PropertyKey(stringValue: key)] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(parent: ArgumentsEncoder, key: String, type: Any.Type) {
        self.parent = parent
        self.key = key
        self.type = type
    }

    func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
        parent.fail(notAValue("a keyed container"))
        return KeyedEncodingContainer(Discard<Key>())
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        parent.fail(notAValue("an unkeyed container"))
        return Discard<PropertyKey>()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .null }

    func encode<T: Encodable>(_ value: T) throws {
        self.value = try parent.sqlValue(of: value, key: key, encoding: type)
    }

    private func notAValue(_ what: String) -> StrataError {
        StrataError(.featureNotSupported, "cannot bind property \(key) of type \(type) as a parameter: \(type) encodes \(what), and a parameter takes one value; bind its fields as properties of their own, or conform \(type) to SQLValueConvertible")
    }
}

/// A container handed out after a misuse was recorded (2): it drops what it gets.
private struct Discard<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws {}
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {}
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> { KeyedEncodingContainer(Discard<N>()) }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> { KeyedEncodingContainer(Discard<N>()) }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { DiscardEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { DiscardEncoder() }
}

/// An encoder that drops what it gets, for `Discard.superEncoder()`.
private struct DiscardEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(Discard<Key>()) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { Discard<PropertyKey>() }
    func singleValueContainer() -> any SingleValueEncodingContainer { Discard<PropertyKey>() }
}

/// A coding key for a property, for `codingPath`.
private struct PropertyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
