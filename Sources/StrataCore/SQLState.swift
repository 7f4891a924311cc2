/// A five-character SQLSTATE code; the first two characters are the class.
///
/// The named codes are the ones CONTRACT.md §4 and the layers use. A code matches a thrown
/// ``StrataError`` with `~=`, and a class code (ending in `000`) matches every code of its class:
/// `catch SQLState.integrityConstraintViolation` catches all 23xxx.
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        precondition(rawValue.utf8.count == 5, "a SQLSTATE has five characters")
        self.rawValue = rawValue
    }

    /// The two-character class, e.g. `"40"` for transaction rollback.
    public var classCode: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let lockNotAvailable = SQLState("55P03")
    public static let inFailedTransaction = SQLState("25P02")
    /// A transaction ended where it must not be (COMMIT inside `Connection.transaction`'s closure).
    public static let invalidTransactionState = SQLState("25000")
    /// A transaction-control statement where the transaction's state forbids it (SET TRANSACTION
    /// after the first statement).
    public static let activeSQLTransaction = SQLState("25001")
    /// A statement that would write, run where only reading is allowed (a read-only snapshot
    /// handle refuses INSERT, DDL, BEGIN and their kin).
    public static let readOnlySQLTransaction = SQLState("25006")
    /// A feature not built yet.
    public static let featureNotSupported = SQLState("0A000")
    /// An unknown setting name (SET).
    public static let undefinedObject = SQLState("42704")
    public static let integrityConstraintViolation = SQLState("23000")
    public static let uniqueViolation = SQLState("23505")
    public static let notNullViolation = SQLState("23502")
    public static let checkViolation = SQLState("23514")
    public static let syntaxError = SQLState("42601")
    public static let undefinedTable = SQLState("42P01")
    public static let invalidParameterValue = SQLState("22023")
    public static let programLimitExceeded = SQLState("54000")
    public static let objectInUse = SQLState("55006")
    /// A statement stopped by `Interrupter.interrupt()` (PostgreSQL's query_canceled).
    public static let queryCanceled = SQLState("57014")
    public static let ioError = SQLState("58030")
    /// A file that must be new already exists (a backup never overwrites one).
    public static let duplicateFile = SQLState("58P02")
    public static let diskFull = SQLState("53100")
    public static let dataCorrupted = SQLState("XX001")
    public static let internalError = SQLState("XX000")

    // The embedded API's own errors (Sources/Strata).
    /// A connection, statement or snapshot used after it (or its database) was closed.
    public static let connectionDoesNotExist = SQLState("08003")
    /// A column read as a Swift type its value's storage class cannot convert to (text read as `Int`).
    public static let datatypeMismatch = SQLState("42804")
    /// A NULL read as a non-optional Swift type.
    public static let nullValueNotAllowed = SQLState("22004")
    /// A number that does not fit the Swift type it is read as (300 as `Int8`, 2.5 as `Int`).
    public static let numericValueOutOfRange = SQLState("22003")
    /// A row read by a column name it does not have.
    public static let undefinedColumn = SQLState("42703")
    /// A row read at a column index it does not have.
    public static let arraySubscriptError = SQLState("2202E")

    /// Whether `self` is a class code (`xx000`) that `other` belongs to, or equal to it.
    public func contains(_ other: SQLState) -> Bool {
        if self == other { return true }
        return rawValue.hasSuffix("000") && other.classCode == classCode
    }

    public static func ~= (pattern: SQLState, error: any Error) -> Bool {
        guard let error = error as? StrataError else { return false }
        return pattern.contains(error.code)
    }
}
