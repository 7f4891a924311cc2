// SQLValueConvertible: the Swift types a column can be read as and a parameter bound from, with
// the conversion rules in one place.
//
// Reading is strict, so a wrong schema or a wrong query shows up as an error instead of a quietly
// changed number: an integer type reads INTEGER values, and REAL values that are whole numbers in
// its range; a floating-point type reads REAL and INTEGER; `String` reads TEXT only; `[UInt8]`
// reads BLOB only; `Bool` reads INTEGER (0 is false, anything else true). NULL reads only as an
// Optional (or as `Value.null`). Nothing is parsed out of text.

/// A Swift type that converts to and from a SQL ``Value``: what `Row` reads columns as and what
/// ``StatementArguments`` binds.
///
/// Conform your own types by mapping them onto one of the storage classes:
///
/// ```swift
/// struct Cents: SQLValueConvertible {
///     var amount: Int64
///     var sqlValue: Value { .integer(amount) }
///     init(amount: Int64) { self.amount = amount }
///     init(sqlValue: Value) throws { amount = try Int64(sqlValue: sqlValue) }
/// }
/// ```
public protocol SQLValueConvertible {
    /// The value bound for a parameter.
    var sqlValue: Value { get }
    /// Reads the value of a column.
    ///
    /// - Throws: a ``StrataError`` when the value's storage class does not convert to the type:
    ///   ``SQLState/nullValueNotAllowed`` for NULL, ``SQLState/numericValueOutOfRange`` for a
    ///   number outside the type's range, ``SQLState/datatypeMismatch`` otherwise. `Row` adds
    ///   the column's name to the message.
    init(sqlValue: Value) throws
}

/// The failures of the standard conversions, worded to follow "column NAME ".
enum Conversion {
    static func mismatch(_ value: Value, _ wanted: String) -> StrataError {
        if value.isNull { return StrataError(.nullValueNotAllowed, "is NULL; read it as an Optional") }
        return StrataError(.datatypeMismatch, "holds \(value.typeName) \(shown(value)), not \(wanted)")
    }

    static func outOfRange(_ value: Value, _ type: String) -> StrataError {
        StrataError(.numericValueOutOfRange, "holds \(shown(value)), which does not fit in \(type)")
    }

    /// The value as the message shows it: short text quoted, long text and blobs by size only.
    private static func shown(_ value: Value) -> String {
        switch value {
        case .text(let s): s.utf8.count <= 40 ? "'\(s)'" : "of \(s.utf8.count) bytes"
        case .blob(let b): "of \(b.count) bytes"
        default: value.description
        }
    }

    /// An integer type's value: INTEGER in range, or a REAL that is a whole number in range.
    static func integer<T: FixedWidthInteger>(_ value: Value, as type: T.Type) throws(StrataError) -> T {
        switch value {
        case .integer(let i):
            guard let v = T(exactly: i) else { throw outOfRange(value, "\(T.self)") }
            return v
        case .real(let d):
            guard let v = T(exactly: d) else {
                if d.rounded(.towardZero) == d && d.isFinite { throw outOfRange(value, "\(T.self)") }
                throw StrataError(.numericValueOutOfRange, "holds \(d), which is not a whole number (\(T.self))")
            }
            return v
        default:
            throw mismatch(value, "an integer (\(T.self))")
        }
    }
}

extension Value: SQLValueConvertible {
    public var sqlValue: Value { self }
    public init(sqlValue: Value) { self = sqlValue }
}

extension Int: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: Int.self) }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: Value { .integer(self) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: Int64.self) }
}

extension Int32: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: Int32.self) }
}

extension Int16: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: Int16.self) }
}

extension Int8: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: Int8.self) }
}

extension UInt32: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: UInt32.self) }
}

extension UInt16: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: UInt16.self) }
}

extension UInt8: SQLValueConvertible {
    public var sqlValue: Value { .integer(Int64(self)) }
    public init(sqlValue: Value) throws { self = try Conversion.integer(sqlValue, as: UInt8.self) }
}

extension Double: SQLValueConvertible {
    public var sqlValue: Value { .real(self) }
    public init(sqlValue: Value) throws {
        switch sqlValue {
        case .real(let d): self = d
        case .integer(let i): self = Double(i)
        default: throw Conversion.mismatch(sqlValue, "a number (Double)")
        }
    }
}

extension Float: SQLValueConvertible {
    public var sqlValue: Value { .real(Double(self)) }
    public init(sqlValue: Value) throws { self = Float(try Double(sqlValue: sqlValue)) }
}

extension Bool: SQLValueConvertible {
    /// 1 or 0, as SQLite stores booleans.
    public var sqlValue: Value { .integer(self ? 1 : 0) }
    public init(sqlValue: Value) throws {
        guard case .integer(let i) = sqlValue else { throw Conversion.mismatch(sqlValue, "a boolean (an integer)") }
        self = i != 0
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: Value { .text(self) }
    public init(sqlValue: Value) throws {
        guard case .text(let s) = sqlValue else { throw Conversion.mismatch(sqlValue, "text (String)") }
        self = s
    }
}

extension Substring: SQLValueConvertible {
    public var sqlValue: Value { .text(String(self)) }
    public init(sqlValue: Value) throws { self = Substring(try String(sqlValue: sqlValue)) }
}

extension Array: SQLValueConvertible where Element == UInt8 {
    /// A BLOB.
    public var sqlValue: Value { .blob(self) }
    public init(sqlValue: Value) throws {
        guard case .blob(let b) = sqlValue else { throw Conversion.mismatch(sqlValue, "a blob ([UInt8])") }
        self = b
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    /// NULL for nil.
    public var sqlValue: Value { self?.sqlValue ?? .null }
    public init(sqlValue: Value) throws {
        self = sqlValue.isNull ? nil : try Wrapped(sqlValue: sqlValue)
    }
}
