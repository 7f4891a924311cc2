// swift-tools-version: 6.1
// Strata: an embedded, transactional SQL database. See README.md and Docs/architecture.md.
//
// Layers (dependencies point down only): StrataCore <- StrataStorage <- (transactions, catalog, SQL, API: later issues).
// STRATA_INTERNAL_CHECKS (`swift build -Xswiftc -DSTRATA_INTERNAL_CHECKS`) runs the B+tree invariant walk after every
// commit; it voids performance and is for tests only.
import PackageDescription

let package = Package(
    name: "Strata",
    products: [
        .executable(name: "strata-storage-bench", targets: ["StorageBench"]),
    ],
    targets: [
        // The error type and SQLSTATE codes every layer throws.
        .target(name: "StrataCore"),
        // Hardware CRC32C for page and WAL checksums (our own C; no external library).
        .target(name: "CStrataCRC"),
        // Pages, page cache, copy-on-write B+tree, WAL, recovery, checkpoint, free-space reclamation.
        .target(name: "StrataStorage", dependencies: ["StrataCore", "CStrataCRC"]),
        .testTarget(name: "StrataStorageTests", dependencies: ["StrataStorage", "StrataCore"]),
        // Storage benchmark against LMDB (Debian liblmdb-dev): comparison only.
        .systemLibrary(name: "CLMDB", path: "Tools/CLMDB", providers: [.apt(["liblmdb-dev"])]),
        .executableTarget(
            name: "StorageBench",
            dependencies: ["StrataStorage", "StrataCore", "CLMDB"],
            path: "Tools/strata-storage-bench"
        ),
        // The child process of the crash test: commits and acknowledges until killed.
        .executableTarget(name: "StrataCrashWriter", dependencies: ["StrataStorage", "StrataCore"], path: "Tools/crash-writer"),
    ],
    swiftLanguageModes: [.v6]
)
