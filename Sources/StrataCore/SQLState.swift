/// A five-character SQLSTATE code; the first two characters are the class.
///
/// The named codes are the ones CONTRACT.md §4 and the layers use. A code matches a thrown
/// ``StrataError`` with `~=`, and a class code (ending in `000`) matches every code of its class:
/// `catch SQLState.integrityConstraintViolation` catches all 23xxx.
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    /// The five characters, e.g. `"40001"`.
    public let rawValue: String

    /// The code `rawValue`: five characters, as SQL defines them (another string is kept as it
    /// is, and matches only itself).
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The two-character class, e.g. `"40"` for transaction rollback.
    public var classCode: String { String(rawValue.prefix(2)) }

    /// The five characters.
    public var description: String { rawValue }

    /// A write conflict or a failed validation: the transaction was rolled back (retry it).
    public static let serializationFailure = SQLState("40001")
    /// The transaction closed a cycle of lock waits and was rolled back (retry it).
    public static let deadlockDetected = SQLState("40P01")
    /// A lock or the serial gate was not granted within the lock timeout.
    public static let lockNotAvailable = SQLState("55P03")
    /// A statement in a transaction already aborted: only ROLLBACK (or COMMIT, which fails) is left.
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
    /// A constraint failed; as a pattern, the class of every 23xxx code.
    public static let integrityConstraintViolation = SQLState("23000")
    /// A UNIQUE or PRIMARY KEY constraint failed.
    public static let uniqueViolation = SQLState("23505")
    /// A NOT NULL constraint failed.
    public static let notNullViolation = SQLState("23502")
    /// A CHECK constraint failed.
    public static let checkViolation = SQLState("23514")
    /// The SQL text is not valid (also SQLite's other statement errors that have no closer code).
    public static let syntaxError = SQLState("42601")
    /// No table or view of that name.
    public static let undefinedTable = SQLState("42P01")
    /// An argument or option that does not fit (a parameter count, a page size).
    public static let invalidParameterValue = SQLState("22023")
    /// A limit of Limits.md passed (statement nesting, string size).
    public static let programLimitExceeded = SQLState("54000")
    /// Something in use: a connection running another call, a database with open transactions.
    public static let objectInUse = SQLState("55006")
    /// A statement stopped by `Interrupter.interrupt()` (PostgreSQL's query_canceled).
    public static let queryCanceled = SQLState("57014")
    /// A file could not be read, written or synced.
    public static let ioError = SQLState("58030")
    /// A file that must be new already exists (a backup never overwrites one).
    public static let duplicateFile = SQLState("58P02")
    /// The disk (or quota) is full.
    public static let diskFull = SQLState("53100")
    /// The file is not a Strata database, or a page or log record fails its checks.
    public static let dataCorrupted = SQLState("XX001")
    /// A bug in Strata: please report it.
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
    /// A cursor stepped after the transaction it was opened in ended.
    public static let invalidCursorState = SQLState("24000")
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
