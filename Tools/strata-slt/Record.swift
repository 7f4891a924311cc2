// The records of a sqllogictest script (SQLite's format, CONTRACT.md §2) and the multi-connection
// records of CONTRACT.md §3. ScriptParser builds them; ScriptRunner runs them.

/// One record of a script: its `skipif`/`onlyif` conditions and what it does.
struct Record: Equatable {
    /// 1-based line of the record's command (`statement`, `query`, ...), after any conditions.
    var line: Int
    var conditions: [Condition] = []
    var command: Command

    /// True for the records the summary counts: statements and queries (async ones included).
    var isCounted: Bool {
        switch command {
        case .statement, .query: true
        default: false
        }
    }
}

/// `skipif NAME` / `onlyif NAME`: compared case-insensitively with the runner's labels.
struct Condition: Equatable {
    enum Kind: Equatable { case skipIf, onlyIf }
    var kind: Kind
    /// Lowercased.
    var label: String

    init(kind: Kind, label: String) {
        self.kind = kind
        self.label = label.lowercased()
    }

    /// True if this condition lets the record run under `labels` (lowercased).
    func allows(labels: Set<String>) -> Bool {
        let matches = labels.contains(label)
        return kind == .skipIf ? !matches : matches
    }
}

enum Command: Equatable {
    case statement(Statement)
    case query(Query)
    /// `hash-threshold N`: results of more than N values are compared as hashes (0: never).
    case hashThreshold(Int)
    /// `halt`: stop running this script.
    case halt
    /// `connection NAME` (CONTRACT.md §3).
    case connection(String)
    /// `awaitstatement NAME` (CONTRACT.md §3).
    case awaitStatement(String)
    /// `awaitquery NAME` with the expected results of the async query NAME (CONTRACT.md §3).
    case awaitQuery(name: String, expected: ExpectedResult)
    /// A record the runner cannot run; `stopsScript` when the reference runner stops there
    /// (unknown record type, missing type string).
    case invalid(message: String, stopsScript: Bool)
}

struct Statement: Equatable {
    enum Expectation: Equatable {
        case ok
        /// Fails; when `pattern` is given, the error message must contain a match of it.
        case error(pattern: String?)
    }
    var sql: String
    var expectation: Expectation
    /// `statement async NAME ...`: the name its `awaitstatement` uses.
    var asyncName: String? = nil
}

enum ColumnType: UInt8, Equatable {
    case integer = 73  // "I"
    case real = 82  // "R"
    case text = 84  // "T"
}

enum SortMode: String, Equatable {
    case nosort, rowsort, valuesort
}

struct Query: Equatable {
    var types: [ColumnType]
    var sortMode: SortMode
    /// Queries with the same label must give the same hash.
    var label: String?
    var sql: String
    /// Empty for an async query: its results follow its `awaitquery`.
    var expected: ExpectedResult
    var asyncName: String? = nil
}

/// The results section of a query, as the file gives it.
enum ExpectedResult: Equatable {
    /// One value per line (or, as a fallback, one row per line with values separated by spaces).
    case values([String])
    /// `N values hashing to MD5`.
    case hash(count: Int, md5: String)

    /// The hash of this expectation: the given one, or the MD5 of the listed lines.
    var md5: String {
        switch self {
        case .hash(_, let md5): return md5
        case .values(let lines):
            var hasher = MD5()
            for line in lines {
                hasher.update(line)
                hasher.update(byte: 0x0a)
            }
            return hasher.finalizeHex()
        }
    }
}
