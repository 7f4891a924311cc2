/// One SQL value, typed dynamically as in SQLite: NULL, a 64-bit integer, a double, UTF-8 text
/// or a blob.
///
/// Text compares by its UTF-8 bytes (SQLite's BINARY collation), never by Swift's Unicode-aware
/// `String` ordering; the SQL layer's comparison functions implement that.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The storage class name, as SQL's `typeof()` reports it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
    }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        case .blob(let b): "x'" + b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() + "'"
        }
    }
}
