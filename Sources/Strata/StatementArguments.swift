// StatementArguments: the values bound to a statement's parameters, by position or by name.
//
// Parameters follow SQLite: `?` takes the next index, `?N` index N, and a named parameter
// (`:name`, `@name`, `$name`) the next index at its first use and the same index after. Every
// run binds every index.

import StrataCore
import StrataSQL

/// The values a statement's parameters are bound to: a list by position, or a dictionary by name.
///
/// Write them as literals of any ``SQLValueConvertible`` values, `nil` for NULL:
///
/// ```swift
/// try connection.execute("INSERT INTO users(id, name, email) VALUES (?, ?, ?)", [1, "Ada", nil])
/// try connection.execute("UPDATE users SET name = :name WHERE id = :id", ["id": 1, "name": "Ada L."])
/// ```
///
/// By position, the list holds one value per parameter index up to the largest (`?3` alone needs
/// three). By name, the keys are the names with or without their prefix (`"name"` or `":name"`),
/// and every parameter must be named. Bind an `Encodable` value's properties by name with
/// ``init(encoding:)``.
public struct StatementArguments: Sendable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    enum Storage: Sendable {
        case positional([StrataCore.Value])
        case named([(String, StrataCore.Value)])
    }

    let storage: Storage

    /// No values, for a statement without parameters.
    public init() { storage = .positional([]) }

    /// Values by position.
    public init(_ values: [StrataCore.Value]) { storage = .positional(values) }

    /// Values by position.
    public init(_ values: [(any SQLValueConvertible)?]) {
        storage = .positional(values.map { $0?.sqlValue ?? .null })
    }

    /// Values by parameter name (with or without the prefix).
    public init(_ values: [String: StrataCore.Value]) { storage = .named(values.map { ($0.key, $0.value) }) }

    /// Values by parameter name (with or without the prefix).
    public init(named values: [String: (any SQLValueConvertible)?]) {
        storage = .named(values.map { ($0.key, $0.value?.sqlValue ?? .null) })
    }

    public init(arrayLiteral elements: (any SQLValueConvertible)?...) { self.init(elements) }

    public init(dictionaryLiteral elements: (String, (any SQLValueConvertible)?)...) {
        storage = .named(elements.map { ($0.0, $0.1?.sqlValue ?? .null) })
    }

    /// The values in parameter-index order for `parsed`.
    ///
    /// - Throws: 22023 when the count is wrong, a parameter has no value, a key names no
    ///   parameter (or names one twice), or named values meet an unnamed parameter.
    func values(for parsed: ParsedStatement) throws(StrataError) -> [StrataCore.Value] {
        let names = parsed.parameterNames, count = parsed.parameterCount
        func misuse(_ message: String) -> StrataError {
            StrataError(.invalidParameterValue, message, location: parsed.location, statement: parsed.text)
        }
        switch storage {
        case .positional(let values):
            return values  // the count is checked where the statement runs
        case .named(let pairs):
            if pairs.isEmpty && count == 0 { return [] }
            var byName: [String: StrataCore.Value] = [:]
            for (key, value) in pairs {
                guard byName.updateValue(value, forKey: key) == nil else { throw misuse("two values for parameter \(key)") }
            }
            var out: [StrataCore.Value] = []
            out.reserveCapacity(count)
            var used = Set<String>()
            for index in stride(from: 1, through: count, by: 1) {
                guard let name = names[index] else {
                    throw misuse("parameter \(index) has no name; bind it by position")
                }
                let bare = String(name.dropFirst())
                if let v = byName[name] {
                    guard byName[bare] == nil else { throw misuse("two values for parameter \(name)") }
                    used.insert(name)
                    out.append(v)
                } else if let v = byName[bare] {
                    used.insert(bare)
                    out.append(v)
                } else {
                    throw misuse("no value for parameter \(name)")
                }
            }
            if let unknown = byName.keys.sorted().first(where: { !used.contains($0) }) {
                throw misuse("no parameter named \(unknown)")
            }
            return out
        }
    }
}
