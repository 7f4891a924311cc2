// The transaction-control statements of a connection (CONTRACT.md §4): BEGIN, COMMIT, ROLLBACK,
// SAVEPOINT, RELEASE, ROLLBACK TO, SET TRANSACTION and the connection's defaults.
//
// BEGIN opens a transaction without a snapshot: the snapshot is taken by the first statement
// after it (SET TRANSACTION may still change the level and mode until then). A serialization
// failure or a deadlock aborts the whole transaction at once: every later statement fails with
// "transaction is aborted" until ROLLBACK (which always succeeds) or COMMIT (which reports the
// abort). After a failed COMMIT no transaction is open.

import StrataCore

/// One open savepoint: where the write set and the catalog were when it was taken.
struct Savepoint {
    var name: String
    var mark: Int
    var catalog: Catalog
    var catalogChanged: Bool
    /// Whether this SAVEPOINT began the transaction (outside BEGIN): releasing it commits.
    var beganTransaction: Bool
}

extension SQLSession {
    /// Runs `statement` if it is a transaction-control statement; nil otherwise.
    func runTransactionControl(_ statement: SQLStatement) throws(StrataError) -> QueryRows? {
        let none = QueryRows(columns: [], rows: [])
        switch statement {
        case .begin(let b):
            guard !isInTransaction else { throw StrataError(.syntaxError, "cannot start a transaction within a transaction") }
            pendingBegin = b.settings
            // A SERIAL transaction waits at BEGIN until it runs alone; a BEGIN that fails there
            // (lock timeout, interrupt) opens nothing.
            if (b.settings.mode ?? defaultMode) == .serial {
                do { _ = try startPendingTransaction(statement) } catch {
                    pendingBegin = nil
                    throw error
                }
            }
            return none
        case .commit:
            if let aborted {
                endTransaction()
                throw Self.abortedError(aborted, atCommit: true)
            }
            guard isInTransaction else { throw StrataError(.syntaxError, "cannot commit - no transaction is active") }
            if let tx = detachTransaction() { try commit(tx) }
            return none
        case .rollback(nil):
            guard isInTransaction else { throw StrataError(.syntaxError, "cannot rollback - no transaction is active") }
            endTransaction()
            return none
        case .rollback(let name?):
            if let aborted { throw Self.abortedError(aborted) }
            guard let i = savepointIndex(name) else { throw StrataError(.syntaxError, "no such savepoint: \(name)") }
            guard let tx = transaction else { throw StrataError(.syntaxError, "no such savepoint: \(name)") }
            // Savepoints above it are gone; it stays, emptied (as in SQLite and PostgreSQL).
            for above in savepoints[(i + 1)...].reversed() { tx.writes.release(above.mark) }
            savepoints.removeSubrange((i + 1)...)
            let sp = savepoints[i]
            tx.writes.rollback(to: sp.mark)
            savepoints[i].mark = tx.writes.mark()
            tx.restoreCatalog(sp.catalog, changed: sp.catalogChanged)
            tx.largestRowid.removeAll()
            return none
        case .savepoint(let name):
            if let aborted { throw Self.abortedError(aborted) }
            var began = false
            if !isInTransaction {
                pendingBegin = TransactionSettings()
                began = true
            }
            let tx = try startPendingTransaction(statement)
            savepoints.append(Savepoint(name: name, mark: tx.writes.mark(), catalog: tx.catalog,
                                        catalogChanged: tx.catalogChanged, beganTransaction: began))
            return none
        case .release(let name):
            if let aborted { throw Self.abortedError(aborted) }
            guard let i = savepointIndex(name), let tx = transaction else {
                throw StrataError(.syntaxError, "no such savepoint: \(name)")
            }
            for sp in savepoints[i...].reversed() { tx.writes.release(sp.mark) }
            let commits = savepoints[i].beganTransaction
            savepoints.removeSubrange(i...)
            if commits {
                _ = detachTransaction()
                try commit(tx)
            }
            return none
        case .setTransaction(let settings):
            if let aborted { throw Self.abortedError(aborted) }
            guard let before = pendingBegin, transaction == nil else {
                throw StrataError(.activeSQLTransaction, isInTransaction
                    ? "SET TRANSACTION must come before any other statement of the transaction"
                    : "SET TRANSACTION can only be used in a transaction (after BEGIN)")
            }
            var pending = before
            if let l = settings.isolation { pending.isolation = l }
            if let m = settings.mode { pending.mode = m }
            pendingBegin = pending
            if (pending.mode ?? defaultMode) == .serial {
                do { _ = try startPendingTransaction(statement) } catch {
                    pendingBegin = before
                    throw error
                }
            }
            return none
        case .set(let s):
            try set(s)
            return none
        default:
            return nil
        }
    }

    /// The transaction BEGIN opened, started now if no statement has started it yet.
    /// The open transaction, started now with the pending BEGIN's settings if it has none yet
    /// (its snapshot is taken at its first statement).
    func startPendingTransaction(_ statement: SQLStatement) throws(StrataError) -> TransactionState {
        if let tx = transaction { return tx }
        let tx = try newTransaction(explicit: true, settings: pendingBegin ?? TransactionSettings(), statement: statement)
        pendingBegin = nil
        transaction = tx
        return tx
    }

    private func savepointIndex(_ name: String) -> Int? {
        savepoints.lastIndex { $0.name.caseInsensitiveEquals(name) }
    }

    /// Takes the open transaction off the connection, for the caller to commit.
    func detachTransaction() -> TransactionState? {
        let tx = transaction
        transaction = nil
        pendingBegin = nil
        savepoints.removeAll()
        aborted = nil
        return tx
    }

    /// Ends the open transaction, dropping its changes.
    /// Rolls back whatever transaction is open (the embedded API's closing of a connection).
    package func rollbackAll() { endTransaction() }

    /// Waits until every commit applied so far is published, so that a transaction begun next
    /// reads them: one that lost a conflict does not start again from a version already stale
    /// (the embedded API's transaction retries, as the autocommit retries do).
    package func awaitPublished() { engine.storage.awaitPublished() }

    func endTransaction() {
        transaction?.finish()
        transaction = nil
        pendingBegin = nil
        savepoints.removeAll()
        aborted = nil
    }

    /// Aborts the open transaction: its changes are dropped now; statements fail until it ends.
    func abort(because error: StrataError) {
        transaction?.finish()
        transaction = nil
        pendingBegin = nil
        savepoints.removeAll()
        aborted = error
    }

    static func abortedError(_ cause: StrataError, atCommit: Bool = false) -> StrataError {
        if atCommit {
            var e = cause
            e.message = "transaction is aborted and was rolled back (\(cause.message))"
            return e
        }
        return StrataError(.inFailedTransaction,
                           "transaction is aborted (\(cause.message)); statements are refused until ROLLBACK")
    }

    /// SET default_isolation = 'LEVEL' | SET default_concurrency = 'MODE'.
    private func set(_ s: SetStatement) throws(StrataError) {
        let value = s.value.text.uppercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: " ")
        switch s.name.lowercased() {
        case "default_isolation", "default_transaction_isolation":
            switch value {
            case "READ COMMITTED": defaultIsolation = .readCommitted
            case "REPEATABLE READ": defaultIsolation = .repeatableRead
            case "SNAPSHOT": defaultIsolation = .snapshot
            case "SERIALIZABLE": defaultIsolation = .serializable
            default:
                throw StrataError(.invalidParameterValue,
                                  "invalid value for default_isolation: '\(s.value.text)' (READ COMMITTED, REPEATABLE READ, SNAPSHOT or SERIALIZABLE)")
            }
        case "default_concurrency":
            switch value {
            case "OPTIMISTIC": defaultMode = .optimistic
            case "PESSIMISTIC": defaultMode = .pessimistic
            case "SERIAL": defaultMode = .serial
            default:
                throw StrataError(.invalidParameterValue,
                                  "invalid value for default_concurrency: '\(s.value.text)' (OPTIMISTIC, PESSIMISTIC or SERIAL)")
            }
        case "lock_timeout":
            // Milliseconds, as PostgreSQL's; 0 waits as long as it takes.
            guard case .integer(let ms) = s.value, ms >= 0 else {
                throw StrataError(.invalidParameterValue, "invalid value for lock_timeout: '\(s.value.text)' (milliseconds, 0 for none)")
            }
            lockTimeout = ms == 0 ? nil : .milliseconds(ms)
        default:
            throw StrataError(.undefinedObject, "unknown setting: \(s.name)")
        }
    }
}
