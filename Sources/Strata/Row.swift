// Row: one result row, its values with the column names of its query, read by index or by name
// as a Swift type (SQLValueConvertible) or decoded whole into a Decodable type (RowDecoder).
//
// INVARIANTS
//   (1) `values.count == columns.names.count`.
//   (2) The rows of one result share one `ColumnNames`, built once per result.

/// The column names of a result, shared by its rows, with a lookup by name.
///
/// Names are matched as SQLite matches them: ASCII letters without regard to case. When two
/// columns have the same name (`SELECT a.id, b.id ...`), the name finds the first; read the
/// other by index, or give it an alias.
public final class ColumnNames: Sendable, CustomStringConvertible {
    /// The names, in column order.
    public let names: [String]
    /// The first column of each folded name (only for results of more than `scanLimit` columns).
    private let firstIndex: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        if names.count > Self.scanLimit {
            for (i, n) in names.enumerated() where index[Self.folded(n)] == nil { index[Self.folded(n)] = i }
        }
        firstIndex = index
    }

    /// Up to this many columns, a name is found by comparing it with each (no hashing, no
    /// allocation: typed reads by name cost about a third of a dictionary lookup of the folded
    /// name); beyond, through `firstIndex`.
    private static let scanLimit = 16

    /// The index of the first column named `name`, or nil.
    public func index(of name: String) -> Int? {
        if names.count > Self.scanLimit { return firstIndex[Self.folded(name)] }
        for (i, n) in names.enumerated() where n == name { return i }
        for (i, n) in names.enumerated() where Self.equalIgnoringASCIICase(n, name) { return i }
        return nil
    }

    /// Whether `a` and `b` are equal once ASCII letters are in lower case.
    private static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        var x = a.utf8.makeIterator()
        var y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return true
            case (let p?, let q?):
                if p != q && lower(p) != lower(q) { return false }
            default: return false
            }
        }
    }

    private static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    public var description: String { names.description }

    /// `name` with ASCII letters in lower case (SQL identifiers compare that way).
    static func folded(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// One row of a query's result.
///
/// A row is a collection of ``Value``s, and reads a column as any ``SQLValueConvertible`` type
/// by index or by column name (names match without regard to ASCII case). The typed subscripts
/// throw a ``StrataError`` naming the column when the value does not convert, so a wrong type
/// is an error you can catch, never a crash:
///
/// ```swift
/// for row in try connection.fetchAll("SELECT id, name, email FROM users") {
///     let id: Int = try row["id"]
///     let name: String = try row[1]
///     let email: String? = try row["email"]     // NULL reads as nil
/// }
/// ```
///
/// Decode a whole row into a `Decodable` type with ``decode(_:)``.
public struct Row: Sendable, RandomAccessCollection, CustomStringConvertible {
    /// The names of the columns, shared with the other rows of the same result.
    public let columns: ColumnNames
    /// The values, in column order.
    public let values: [Value]

    /// A row of `values` under `columns`, one value per column.
    ///
    /// - Throws: ``SQLState/invalidParameterValue`` when the counts differ.
    public init(columns: ColumnNames, values: [Value]) throws {
        guard values.count == columns.names.count else {
            throw StrataError(.invalidParameterValue, "a row needs one value per column: \(values.count) values for \(columns.names.count) columns")
        }
        self.init(checked: columns, values)
    }

    /// A row of `values` under the names `columns`, one value per column.
    ///
    /// - Throws: ``SQLState/invalidParameterValue`` when the counts differ.
    public init(columns: [String], values: [Value]) throws {
        try self.init(columns: ColumnNames(columns), values: values)
    }

    /// A row of a result, whose width the engine guarantees.
    init(checked columns: ColumnNames, _ values: [Value]) {
        self.columns = columns
        self.values = values
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    /// The value of column `position` (0-based).
    ///
    /// - Precondition: `position` is a valid index; ``value(at:)`` throws instead.
    public subscript(position: Int) -> Value { values[position] }

    /// The value of column `index` (0-based), as `T`.
    ///
    /// - Throws: ``SQLState/arraySubscriptError`` if the row has no such column; the errors of
    ///   `T`'s ``SQLValueConvertible/init(sqlValue:)`` otherwise, with the column's name.
    public subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        get throws { try convert(try value(at: index), column: index) }
    }

    /// The value of the first column named `name`, as `T`.
    ///
    /// - Throws: ``SQLState/undefinedColumn`` if the row has no column of that name; the errors
    ///   of `T`'s ``SQLValueConvertible/init(sqlValue:)`` otherwise, with the column's name.
    public subscript<T: SQLValueConvertible>(_ name: String) -> T {
        get throws {
            guard let i = columns.index(of: name) else { throw noColumn(name) }
            return try convert(values[i], column: i)
        }
    }

    /// The value of column `index` (0-based).
    ///
    /// - Throws: ``SQLState/arraySubscriptError`` if the row has no such column.
    public func value(at index: Int) throws(StrataError) -> Value {
        guard index >= 0 && index < values.count else {
            throw StrataError(.arraySubscriptError, "no column \(index) in a row of \(values.count) column\(values.count == 1 ? "" : "s") (indexes start at 0)")
        }
        return values[index]
    }

    /// The value of the first column named `name`, or nil if the row has no such column.
    public func value(named name: String) -> Value? {
        columns.index(of: name).map { values[$0] }
    }

    /// Whether the row has a column named `name`.
    public func hasColumn(_ name: String) -> Bool { columns.index(of: name) != nil }

    public var description: String {
        "[" + zip(columns.names, values).map { "\($0): \($1)" }.joined(separator: ", ") + "]"
    }

    func noColumn(_ name: String) -> StrataError {
        StrataError(.undefinedColumn, "no column named \(name) in the row; its columns are \(columns.names.joined(separator: ", "))")
    }

    /// `value` as `T`, its conversion error naming column `column`.
    func convert<T: SQLValueConvertible>(_ value: Value, column: Int) throws(StrataError) -> T {
        do {
            return try T(sqlValue: value)
        } catch let error as StrataError {
            throw StrataError(error.code, "column \(columns.names[column]) \(error.message)")
        } catch {
            throw StrataError(.datatypeMismatch, "column \(columns.names[column]): \(error)")
        }
    }
}

extension Row: Equatable {
    /// Rows are equal when their column names and values are.
    public static func == (a: Row, b: Row) -> Bool { a.values == b.values && a.columns.names == b.columns.names }
}
