// Snapshot+Backup: an online backup of one pinned version into a new database file.
//
// The copy is logical: a cursor reads every key and value of the snapshot's tree in key order,
// and a fresh StorageEngine at the target path commits them in batches of about
// `backupBatchBytes`. Keys arrive in order, so every insert goes to the end of the rightmost leaf
// and the copy's pages are filled almost completely (TreeWriter's sorted-load split): the copy is
// compact, whatever the source's free space. The copy has the source's page size; its commit
// numbers start again from 1 (nothing above the storage layer keeps them).
//
// INVARIANTS
//   (1) Nothing existing is overwritten: the target and its `-wal` are created with O_EXCL
//       before anything is written, and a backup that fails removes only what it created.
//   (2) When `backup` returns, the copy is durable: its last checkpoint synced the data file and
//       its meta page, and the directory entry is synced. The copy's WAL is empty after that
//       checkpoint and is removed, so the backup is one file.
//   (3) The source is only read, through its pinned version: commits and checkpoints go on
//       meanwhile, and the copy holds exactly the snapshot's keys.
// COST  The copy's commits run with synchronous OFF (only the final checkpoint syncs), so the
//   data is written twice, once to the copy's WAL and once by its checkpoints, and synced once.

import StrataCore

extension Snapshot {
    /// Roughly how many bytes of keys and values go into one commit of the copy: large enough
    /// that per-commit costs vanish, small enough that a WAL frame and its batch stay modest.
    static let backupBatchBytes = 4 << 20

    /// Writes this version into a new database file at `path`: the same keys and values, the
    /// same page size. Other threads may commit to the source meanwhile.
    ///
    /// - Parameter check: called every few hundred keys; whatever it throws stops the backup
    ///   (an interrupt).
    /// - Throws: 58P02 `duplicateFile` if `path` or `path-wal` exists (nothing is touched); an
    ///   I/O error (58030) or `diskFull` (53100) if writing fails, or what `check` throws. After a
    ///   failure the partial copy is removed.
    /// - Complexity: O(n) in the keys and bytes of this version; the source is read once.
    package func backup(to path: String, check: () throws(StrataError) -> Void = {}) throws(StrataError) {
        try StorageFile.createNew(path)
        do throws(StrataError) {
            try StorageFile.createNew(path + "-wal")
        } catch {
            StorageFile.remove(path)
            throw error
        }
        do throws(StrataError) {
            try copy(to: path, check: check)
            // The copy's WAL was reset by its closing checkpoint: every commit is in the data file.
            StorageFile.remove(path + "-wal")
            try StorageFile.syncDirectory(of: path)
        } catch {
            StorageFile.remove(path)
            StorageFile.remove(path + "-wal")
            throw error
        }
    }

    /// Copies every key of this version into a new engine at `path` (created empty by the caller)
    /// and closes it with a synced checkpoint.
    private func copy(to path: String, check: () throws(StrataError) -> Void) throws(StrataError) {
        var options = StorageOptions()
        options.pageSize = engine.pageSize
        options.cachePages = max(64, (8 << 20) / engine.pageSize)
        options.synchronous = .off
        // On an error the engine is dropped unclosed (nothing more is written) and the caller
        // removes its files.
        let target = try StorageEngine.open(path: path, options: options)
        var cursor = cursor()
        var more = try cursor.first()
        var batch = WriteBatch()
        var bytes = 0
        var sinceCheck = 0
        while more {
            let key = cursor.key
            let value = try cursor.value()
            bytes += key.count + value.count
            batch.put(key, value)
            sinceCheck += 1
            if sinceCheck == 256 {
                sinceCheck = 0
                try check()
            }
            if bytes >= Self.backupBatchBytes {
                try target.commit(batch)
                batch = WriteBatch()
                bytes = 0
            }
            more = try cursor.next()
        }
        try check()
        if !batch.isEmpty { try target.commit(batch) }
        // The closing checkpoint syncs the data file and the meta page (not under OFF).
        target.synchronous = .normal
        try target.close()
    }
}
