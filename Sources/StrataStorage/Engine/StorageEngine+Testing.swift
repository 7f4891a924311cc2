// Clear-box hooks for tests (package access; not part of any public API).

extension StorageEngine {
    /// The data file, for fault injection (`StorageFile.injectFaults`).
    package var dataFileForTesting: StorageFile { file }

    /// The write-ahead log's file, for fault injection.
    package var walFileForTesting: StorageFile { writer.withLock { $0.wal.file } }
}
