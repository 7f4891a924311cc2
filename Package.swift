// swift-tools-version: 6.1
// Strata: an embedded, transactional SQL database. See README.md and Docs/architecture.md.
//
// Layers (dependencies point down only): StrataCore <- StrataStorage <- StrataCatalog <- StrataSQL (transactions in
// StrataSQL/Transaction) <- Strata, the public API; the shell, strata-slt and strata-bench use Strata alone.
// STRATA_INTERNAL_CHECKS (`swift build -Xswiftc -DSTRATA_INTERNAL_CHECKS`) runs the B+tree invariant walk after every
// commit; it voids performance and is for tests only.
import PackageDescription

let package = Package(
    name: "Strata",
    products: [
        .library(name: "Strata", targets: ["Strata"]),
        .executable(name: "strata", targets: ["strata"]),
        .executable(name: "strata-slt", targets: ["StrataSLT"]),
        .executable(name: "strata-storage-bench", targets: ["StorageBench"]),
        .executable(name: "strata-bench", targets: ["StrataBench"]),
    ],
    dependencies: [
        // The shell's command line (--help, --version, options): CONTRACT.md §5, issue 4.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The error type and SQLSTATE codes every layer throws; Locked, the lock every layer (and the
        // tests and strata-slt, which run under ThreadSanitizer) guards shared state with.
        .target(name: "StrataCore"),
        // Hardware CRC32C for page and WAL checksums (our own C; no external library).
        .target(name: "CStrataCRC"),
        // Pages, page cache, copy-on-write B+tree, WAL, recovery, checkpoint, free-space reclamation.
        .target(name: "StrataStorage", dependencies: ["StrataCore", "CStrataCRC"]),
        // Helpers shared by the test targets (a seeded generator, small-stack threads).
        .target(name: "StrataTestSupport", path: "Tests/StrataTestSupport"),
        .testTarget(name: "StrataStorageTests", dependencies: ["StrataStorage", "StrataCore", "StrataTestSupport"]),
        // Values, record and key encodings, schema and the catalog stored in the tree.
        .target(name: "StrataCatalog", dependencies: ["StrataCore", "StrataStorage"]),
        // SQL: lexer, parser, AST, binder, planner, executor, functions.
        .target(name: "StrataSQL", dependencies: ["StrataCore", "StrataStorage", "StrataCatalog"]),
        .testTarget(name: "StrataSQLTests", dependencies: ["StrataSQL", "StrataCatalog", "StrataCore", "StrataTestSupport"]),
        // The public embedded API.
        .target(name: "Strata", dependencies: ["StrataCore", "StrataSQL", "StrataStorage"]),
        .testTarget(name: "StrataTests", dependencies: ["Strata", "StrataCore", "StrataTestSupport"]),
        // GNU readline (Debian libreadline-dev) for the interactive shell.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // The shell (CONTRACT.md §5): interactive on a terminal, scripts otherwise.
        .executableTarget(name: "strata", dependencies: [
            "Strata", "CReadline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "StrataShellTests", dependencies: ["strata"]),
        // The sqllogictest runner (CONTRACT.md §2, §3): uses only the public API.
        .executableTarget(name: "StrataSLT", dependencies: ["Strata"], path: "Tools/strata-slt"),
        .testTarget(name: "StrataSLTTests", dependencies: ["StrataSLT", "Strata", "StrataCore"]),
        // Storage benchmark against LMDB (Debian liblmdb-dev): comparison only.
        .systemLibrary(name: "CLMDB", path: "Tools/CLMDB", providers: [.apt(["liblmdb-dev"])]),
        .executableTarget(
            name: "StorageBench",
            dependencies: ["StrataStorage", "StrataCore", "CLMDB"],
            path: "Tools/strata-storage-bench"
        ),
        // The SQL benchmark against the system SQLite (Debian libsqlite3-dev), CONTRACT.md §8: comparison only.
        .systemLibrary(name: "CSQLite", path: "Tools/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(name: "StrataBench", dependencies: ["Strata", "CSQLite"], path: "Tools/strata-bench"),
        // The example app (Examples/README.md): a bank ledger with concurrent transfers in every mode,
        // through the public API alone.
        .executableTarget(name: "BankLedger", dependencies: ["Strata"], path: "Examples/BankLedger"),
        // The child process of the crash test: commits and acknowledges until killed.
        .executableTarget(name: "StrataCrashWriter", dependencies: ["StrataStorage", "StrataCore"], path: "Tools/crash-writer"),
    ],
    swiftLanguageModes: [.v6]
)
