/// Where in a statement's text an error was found (1-based).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The line, counting from 1.
    public var line: Int
    /// The column in that line, in characters, counting from 1.
    public var column: Int
    /// A location at `line` and `column`, both counting from 1.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// The one error type every Strata layer throws.
///
/// `message` names the object concerned (a file and page, a table, a column) and contains the
/// words CONTRACT.md §4 fixes for each case. Inside the engine functions use
/// `throws(StrataError)`, so errors are never boxed as `any Error`.
public struct StrataError: Error, Sendable, CustomStringConvertible {
    /// What kind of error it is, as a SQLSTATE (CONTRACT.md §4): match it with `catch SQLState.x`.
    public var code: SQLState
    /// What went wrong, naming the object concerned, without the position or the code.
    public var message: String
    /// Where in the statement's text the error was found, for errors of the SQL text (syntax,
    /// unknown names, bad parameters); nil otherwise.
    public var location: SourceLocation?
    /// The text of the statement that failed, when the error came from running one.
    public var statement: String?

    /// An error of `code` with `message`, and optionally where in which statement it was found.
    public init(_ code: SQLState, _ message: String, location: SourceLocation? = nil, statement: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.statement = statement
    }

    /// The message, the location if any, and the code: `no such table: t (at 1:15) [42P01]`.
    public var description: String {
        if let location { return "\(message) (at \(location)) [\(code)]" }
        return "\(message) [\(code)]"
    }

    /// Serialization failures and deadlocks: running the transaction again may succeed.
    public var isRetryable: Bool { code == .serializationFailure || code == .deadlockDetected }

    /// Errors that abort the whole transaction (CONTRACT.md §4); any other error undoes one statement.
    public var abortsTransaction: Bool { isRetryable }
}

extension StrataError {
    /// Bytes on disk that fail a check: names the file and, when known, the page.
    package static func corrupted(file: String, page: UInt32? = nil, _ detail: String) -> StrataError {
        if let page { return StrataError(.dataCorrupted, "database file \(file) is corrupt: page \(page): \(detail)") }
        return StrataError(.dataCorrupted, "database file \(file) is corrupt: \(detail)")
    }

    /// A failed system call, with the OS error text.
    package static func io(_ operation: String, file: String, errno code: Int32) -> StrataError {
        let text = String(cString: strerror(code))
        let state: SQLState = (code == ENOSPC || code == EDQUOT) ? .diskFull : .ioError
        return StrataError(state, "\(operation) failed on \(file): \(text) (errno \(code))")
    }

    package static func misuse(_ message: String) -> StrataError {
        StrataError(.invalidParameterValue, message)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
