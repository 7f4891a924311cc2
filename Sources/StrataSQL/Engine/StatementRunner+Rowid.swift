// Rowids: the rowid a row gets when none is given, and AUTOINCREMENT's high-water mark.
//
// Without AUTOINCREMENT a new rowid is the table's largest rowid + 1 (1 in an empty table), as
// in SQLite, so deleting the largest row frees its rowid again; but past the rowids that other
// open transactions chose for the table, and those of commits the transaction's snapshot does
// not see (TransactionManager.claimRowid), so that concurrent inserts into one table do not all
// conflict on the same new rowid. A connection alone gets exactly SQLite's choice. The largest rowid is found by
// scanning the table once per transaction and then kept exact (`TransactionState.largestRowid`):
// raised by every row written, forgotten when the row holding it is deleted, so that the next
// insert scans again. When it is 9223372036854775807, Strata reuses it and the insert fails on
// the rowid's UNIQUE constraint; SQLite would try random rowids instead.
//
// With AUTOINCREMENT (an INTEGER PRIMARY KEY column's) a rowid once used is never used again for
// that table: the table's sequence is the largest rowid ever inserted, kept under its own key in
// the catalog's key space (`Keys.sequence`), and a new rowid is one more than the larger of the
// sequence and the largest rowid now in the table. When that would pass 9223372036854775807 the
// insert fails with SQLite's "database or disk is full" (SQLITE_FULL; SQLSTATE 2200H, PostgreSQL's
// sequence_generator_limit_exceeded: the disk is not full). The sequence is written through the
// transaction like any row, so a failed statement and a ROLLBACK undo it and COMMIT makes it
// durable. As in SQLite, INSERT raises it to every rowid it uses (even for a row an ON CONFLICT
// IGNORE then skips); UPDATE never changes it.
//
// SQL reads and sets the sequences through SQLite's `sqlite_sequence` table (name, seq), whose
// rows are these records (SequenceTable.swift; writes in StatementRunner+Sequence.swift): a
// table's row appears when its first INSERT statement ends (`finishSequence`, seq 0 if it gave
// no rowid), and a value set there is read as an integer ('12abc' is 12), so the next rowid
// follows SQLite's rule, max(seq, largest rowid) + 1.

import StrataCatalog
import StrataCore

/// SQLITE_FULL when an AUTOINCREMENT table has used the largest rowid: PostgreSQL's
/// sequence_generator_limit_exceeded.
let sequenceLimitState = SQLState("2200H")

extension StatementRunner {
    /// The largest rowid in `table` as this transaction sees it, nil when it is empty.
    ///
    /// Not a read for validation or locking: it only proposes a rowid for a new row, which
    /// `TransactionManager.claimRowid` then moves past every rowid a concurrent transaction chose,
    /// so the new row is distinct whatever commits meanwhile. (Noted as a read of the range above
    /// the largest row, it made every two concurrent inserters into one table conflict: a failed
    /// validation, or a wait for a range lock.)
    func largestRowid(_ table: TableInfo) throws(StrataError) -> Int64? {
        if let known = tx.largestRowid[table.id] { return known }
        let (lo, hi) = Keys.tableRange(table.id)
        var cursor = try tx.reverseCursor(from: lo, to: hi, recordingRead: false)
        let largest = try cursor.next() ? Keys.rowid(fromKey: cursor.key) : nil
        tx.largestRowid.updateValue(largest, forKey: table.id)
        tx.largestRowidScannedAt[table.id] = tx.snapshot.commit
        return largest
    }

    /// The rowid of a row inserted without one into a table without AUTOINCREMENT.
    func nextRowid(_ table: TableInfo) throws(StrataError) -> Int64 {
        let proposed = try largestRowid(table).map { $0 == Int64.max ? $0 : $0 + 1 } ?? 1
        return tx.claimRowid(table: table.id, proposed: proposed)
    }

    /// `rowid`, or the first rowid after it that no row holds, as this transaction sees the
    /// table once it holds the row's write lock (in the modes that take one). The claims keep
    /// concurrent inserters apart; this also steps past a row another transaction inserted with
    /// an explicit rowid (which claims nothing) and, under READ COMMITTED and strict two-phase
    /// locking, one committed after the largest rowid was scanned, which those modes then see.
    func freeRowid(_ table: TableInfo, from rowid: Int64) throws(StrataError) -> Int64 {
        // Without row locks the snapshot never moves, so past the largest rowid it showed (and
        // the transaction's own rows, which keep `largestRowid` exact) nothing is there; a row
        // another transaction committed there with an explicit rowid is a write conflict that
        // COMMIT finds.
        guard tx.locksWrites else { return rowid }
        var rowid = rowid
        for _ in 0..<1_000 {
            let key = Keys.row(table.id, rowid)
            if try tx.get(key) == nil {
                try tx.lockForWrite(key)
                if try tx.get(key) == nil { return rowid }
            }
            guard rowid < Int64.max else { return rowid }
            rowid = tx.claimRowid(table: table.id, proposed: rowid + 1)
        }
        return rowid
    }

    /// The rowid of a row inserted without one into an AUTOINCREMENT table.
    func nextAutoincrementRowid(_ table: TableInfo) throws(StrataError) -> Int64 {
        let used = max(try sequence(of: table), try largestRowid(table) ?? 0)
        guard used < Int64.max else { throw StrataError(sequenceLimitState, "database or disk is full") }
        return used + 1
    }

    /// An AUTOINCREMENT table's sequence: the largest rowid it has been given (0 at first, or
    /// whatever SQL last stored in its sqlite_sequence row, read as an integer).
    func sequence(of table: TableInfo) throws(StrataError) -> Int64 {
        try SequenceTable.entry(table, tx)?.mark ?? 0
    }

    /// Records that an INSERT used `rowid` in an AUTOINCREMENT table (its sqlite_sequence row keeps
    /// its place; a new one is numbered when the statement ends: `finishSequence`).
    func raiseSequence(_ table: TableInfo, to rowid: Int64) throws(StrataError) {
        let entry = try SequenceTable.entry(table, tx)
        guard rowid > entry?.mark ?? 0 else { return }
        try tx.put(Keys.sequence(table.id), SequenceTable.Entry(seq: .integer(rowid), ordinal: entry?.ordinal).record)
    }

    /// The end of an INSERT statement into an AUTOINCREMENT table: as in SQLite, the table has a
    /// row in sqlite_sequence from then on (seq 0 if the statement gave no rowid), numbered after
    /// the rows there when it is new.
    func finishSequence(_ table: TableInfo) throws(StrataError) {
        let entry = try SequenceTable.entry(table, tx)
        guard entry?.ordinal == nil else { return }
        let ordinal = try SequenceTable.nextOrdinal(tx, excluding: table)
        try tx.put(Keys.sequence(table.id), SequenceTable.Entry(seq: entry?.seq ?? .integer(0), ordinal: ordinal).record)
    }

    /// Keeps the known largest rowid exact after a row is written.
    func noteRowidWritten(_ table: TableInfo, _ rowid: Int64) {
        guard let known = tx.largestRowid[table.id] else { return }
        if let largest = known, largest >= rowid { return }
        tx.largestRowid.updateValue(rowid, forKey: table.id)
    }

    /// Forgets the known largest rowid when its row is deleted (the next insert scans again).
    func noteRowidDeleted(_ table: TableInfo, _ rowid: Int64) {
        if let known = tx.largestRowid[table.id], known == rowid { tx.largestRowid[table.id] = nil }
    }
}
