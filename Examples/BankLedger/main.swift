// BankLedger: an example of the Strata library (Examples/README.md). A bank moves money between
// accounts from many threads at once, in each concurrency mode in turn, and checks afterwards
// that no money appeared or vanished and that no transfer was lost.
//
//   swift run BankLedger [--threads N] [--transfers N] [--tasks] [DATABASE]
//
// INVARIANTS it checks (the exit status is 1 if one breaks)
//   (1) The sum of the balances never changes: an auditor reads it in a snapshot transaction
//       over and over while the transfers run, and once more at the end.
//   (2) Every transfer that committed has its row in the ledger (`transfers`), and only those:
//       the rows of this run, per mode, are exactly the transfers the workers saw commit.
//   (3) Every balance is its opening balance plus what the ledger moved in, minus what it moved out.
//
// Each transfer is one call of `Database.transaction(.serializable, mode:)`: the closure reads
// the payer's balance, declines the transfer if the money is not there, and otherwise moves it
// and writes the ledger row. A closure that loses a conflict (40001) or a deadlock (40P01) is run
// again by `transaction`; the report counts those runs as retries.

import Foundation
import Strata
import Synchronization

// MARK: options

struct Options {
    var threads = 4
    var transfers = 300
    var useTasks = false
    var path: String?

    static let usage = """
        usage: BankLedger [--threads N] [--transfers N] [--tasks] [DATABASE]

          --threads N     concurrent workers (default 4)
          --transfers N   transfers per concurrency mode (default 300)
          --tasks         workers are Swift tasks using the async transaction (default: threads)
          DATABASE        the database file; it keeps its ledger between runs (default: a
                          temporary file, removed at the end)
        """

    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        func count(_ flag: String) throws(UsageError) -> Int {
            guard let text = rest.popFirst(), let n = Int(text), n >= 1 else {
                throw UsageError(message: "\(flag) needs a positive whole number")
            }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--threads": threads = try count(argument)
            case "--transfers": transfers = try count(argument)
            case "--tasks": useTasks = true
            case "-h", "--help": throw UsageError(message: nil)
            default:
                guard !argument.hasPrefix("-"), path == nil else {
                    throw UsageError(message: "unknown argument \(argument)")
                }
                path = argument
            }
        }
    }
}

struct UsageError: Error {
    var message: String?
}

struct NoSuchAccount: Error {
    var id: Int
}

// MARK: the bank

/// What the workers of one mode counted.
final class Tally: Sendable {
    let committed = Atomic<Int>(0)
    let declined = Atomic<Int>(0)
    /// Runs of a transfer's closure: one per transfer, plus one per retry.
    let runs = Atomic<Int>(0)
    let audits = Atomic<Int>(0)
    let failures = Mutex<[String]>([])

    func fail(_ message: String) { failures.withLock { $0.append(message) } }
}

final class Bank: Sendable {
    static let accounts = 10
    static let openingBalance = 1_000

    let db: Database
    /// This run's number: the ledger rows of earlier runs on the same file keep theirs.
    let run: Int
    /// Hands out ledger row ids (see `newTransferID`).
    let nextID = Atomic<Int>(0)

    /// Creates the tables and accounts if the file has none, and numbers this run.
    init(_ db: Database) throws {
        self.db = db
        run = try db.transaction { tx in
            try tx.execute("""
                CREATE TABLE IF NOT EXISTS accounts(
                    id INTEGER PRIMARY KEY,
                    owner TEXT NOT NULL,
                    opening INTEGER NOT NULL,
                    balance INTEGER NOT NULL CHECK (balance >= 0));
                CREATE TABLE IF NOT EXISTS transfers(
                    id INTEGER PRIMARY KEY,
                    run INTEGER NOT NULL,
                    mode TEXT NOT NULL,
                    payer INTEGER NOT NULL,
                    payee INTEGER NOT NULL,
                    amount INTEGER NOT NULL CHECK (amount > 0))
                """)
            if try tx.fetchOne("SELECT count(*) FROM accounts")?[0] as Int? == 0 {
                let open = try tx.prepare("INSERT INTO accounts(id, owner, opening, balance) VALUES (?, ?, ?, ?)")
                for id in 1...Self.accounts {
                    try open.execute([id, "customer \(id)", Self.openingBalance, Self.openingBalance])
                }
            }
            return try tx.fetchOne("SELECT coalesce(max(run), 0) + 1 FROM transfers")?[0] ?? 1
        }
    }

    /// A new ledger row id. Ids are given here, not left to the table: an INSERT without a rowid
    /// takes the largest one plus 1, so two transfers inserting at the same time pick the same
    /// id and only one of them can commit (the end of the table is a hot spot).
    func newTransferID() -> Int {
        run << 32 | nextID.add(1, ordering: .relaxed).newValue
    }

    /// Moves `amount` from `payer` to `payee` in a SERIALIZABLE transaction of `mode`, unless the
    /// payer lacks it. Returns whether the money moved.
    func transfer(_ amount: Int, from payer: Int, to payee: Int, mode: ConcurrencyMode, tally: Tally) throws -> Bool {
        let id = newTransferID()
        return try db.transaction(.serializable, mode: mode) { tx in
            try move(amount, from: payer, to: payee, id: id, mode: mode, tx: tx, tally: tally)
        }
    }

    /// ``transfer(_:from:to:mode:tally:)`` as an async call, for tasks.
    func transfer(_ amount: Int, from payer: Int, to payee: Int, mode: ConcurrencyMode, tally: Tally) async throws -> Bool {
        let id = newTransferID()
        return try await db.transaction(.serializable, mode: mode) { [self] tx in
            try move(amount, from: payer, to: payee, id: id, mode: mode, tx: tx, tally: tally)
        }
    }

    /// The transfer's database work. `transaction` may run it more than once, so it does nothing
    /// else (but count its runs).
    func move(_ amount: Int, from payer: Int, to payee: Int, id: Int, mode: ConcurrencyMode, tx: Connection,
              tally: Tally) throws -> Bool {
        tally.runs.add(1, ordering: .relaxed)
        // In the pessimistic mode this read takes a shared lock on the payer's row, and the UPDATE
        // below upgrades it: two transfers from one account can deadlock there, and the loser
        // (40P01) runs again like the loser of an optimistic conflict (40001).
        guard let payerRow = try tx.fetchOne("SELECT balance FROM accounts WHERE id = ?", [payer]) else {
            throw NoSuchAccount(id: payer)
        }
        let balance: Int = try payerRow["balance"]
        guard balance >= amount else { return false }
        try tx.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, payer])
        try tx.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, payee])
        try tx.execute("INSERT INTO transfers(id, run, mode, payer, payee, amount) VALUES (?, ?, ?, ?, ?, ?)",
                       [id, run, mode.description, payer, payee, amount])
        return true
    }

    static let totalQuery = "SELECT sum(balance) FROM accounts"

    /// The sum of all balances, read in one snapshot (invariant (1)).
    func total() throws -> Int {
        try db.transaction(.snapshot) { tx in try tx.fetchOne(Self.totalQuery)?[0] ?? 0 }
    }

    /// ``total()`` as an async call, for tasks.
    func total() async throws -> Int {
        try await db.transaction(.snapshot) { tx in try tx.fetchOne(Self.totalQuery)?[0] ?? 0 }
    }

    /// What the money should add up to: the opening balances.
    func expectedTotal() throws -> Int {
        try db.transaction { tx in try tx.fetchOne("SELECT sum(opening) FROM accounts")?[0] ?? 0 }
    }

    /// Invariants (2) and (3) after a mode's workers are done; one message per broken one.
    func check(mode: ConcurrencyMode, committed: Int) throws -> [String] {
        try db.transaction(.serializable) { tx in
            var broken: [String] = []
            let rows: Int = try tx.fetchOne("SELECT count(*) FROM transfers WHERE run = ? AND mode = ?",
                                            [run, mode.description])?[0] ?? 0
            if rows != committed {
                broken.append("\(mode): \(committed) transfers committed, but the ledger has \(rows)")
            }
            let accounts = try tx.fetchAll("""
                SELECT id, balance,
                       opening + (SELECT coalesce(sum(amount), 0) FROM transfers WHERE payee = accounts.id)
                               - (SELECT coalesce(sum(amount), 0) FROM transfers WHERE payer = accounts.id) AS expected
                FROM accounts ORDER BY id
                """)
            for account in accounts {
                let (id, balance, expected): (Int, Int, Int) = (try account["id"], try account["balance"], try account["expected"])
                if balance != expected { broken.append("\(mode): account \(id) holds \(balance), the ledger says \(expected)") }
            }
            return broken
        }
    }
}

// MARK: running the workers

/// A transfer between two different random accounts.
func randomTransfer() -> (amount: Int, payer: Int, payee: Int) {
    let payer = Int.random(in: 1...Bank.accounts)
    var payee = Int.random(in: 1...Bank.accounts - 1)
    if payee >= payer { payee += 1 }
    return (Int.random(in: 1...200), payer, payee)
}

/// How many of `total` transfers worker `worker` of `workers` makes.
func share(of total: Int, worker: Int, workers: Int) -> Int {
    total / workers + (worker < total % workers ? 1 : 0)
}

func record(_ moved: Bool, in tally: Tally) {
    if moved { tally.committed.add(1, ordering: .relaxed) } else { tally.declined.add(1, ordering: .relaxed) }
}

/// Counts an audit, and records a wrong total (or a failed audit).
func check(audit: Result<Int, any Error>, expecting expected: Int, tally: Tally) {
    switch audit {
    case .success(let total):
        tally.audits.add(1, ordering: .relaxed)
        if total != expected { tally.fail("an auditor saw a total of \(total), not \(expected)") }
    case .failure(let error):
        tally.fail("audit: \(error)")
    }
}

/// An auditor's pause between two audits, so that it leaves the workers most of the machine.
let auditPause = Duration.milliseconds(1)

/// One mode's transfers on `options.threads` threads, with an auditor thread beside them.
func runOnThreads(_ bank: Bank, mode: ConcurrencyMode, options: Options, expected: Int, tally: Tally) {
    let workers = DispatchGroup()
    for worker in 0..<options.threads {
        let count = share(of: options.transfers, worker: worker, workers: options.threads)
        workers.enter()
        Thread {
            for _ in 0..<count {
                let t = randomTransfer()
                do {
                    record(try bank.transfer(t.amount, from: t.payer, to: t.payee, mode: mode, tally: tally), in: tally)
                } catch {
                    tally.fail("transfer \(t): \(error)")
                }
            }
            workers.leave()
        }.start()
    }
    let done = Flag()
    let auditor = DispatchGroup()
    auditor.enter()
    Thread {
        while !done.value.load(ordering: .acquiring) {
            check(audit: Result { try bank.total() }, expecting: expected, tally: tally)
            Thread.sleep(forTimeInterval: auditPause / .seconds(1))
        }
        auditor.leave()
    }.start()
    workers.wait()
    done.value.store(true, ordering: .releasing)
    auditor.wait()
}

/// One mode's transfers on `options.threads` tasks, through the async `transaction`.
func runOnTasks(_ bank: Bank, mode: ConcurrencyMode, options: Options, expected: Int, tally: Tally) async {
    await withTaskGroup(of: Void.self) { group in
        for worker in 0..<options.threads {
            let count = share(of: options.transfers, worker: worker, workers: options.threads)
            group.addTask {
                for _ in 0..<count {
                    let t = randomTransfer()
                    do {
                        record(try await bank.transfer(t.amount, from: t.payer, to: t.payee, mode: mode, tally: tally), in: tally)
                    } catch {
                        tally.fail("transfer \(t): \(error)")
                    }
                }
            }
        }
        let done = Flag()
        let auditor = Task {
            while !done.value.load(ordering: .acquiring) {
                do {
                    check(audit: .success(try await bank.total()), expecting: expected, tally: tally)
                } catch {
                    check(audit: .failure(error), expecting: expected, tally: tally)
                }
                try? await Task.sleep(for: auditPause)
            }
        }
        await group.waitForAll()
        done.value.store(true, ordering: .releasing)
        await auditor.value
    }
}

final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}

// MARK: main

func main() async -> Int32 {
    let options: Options
    do {
        options = try Options(Array(CommandLine.arguments.dropFirst()))
    } catch {
        guard let message = error.message else {
            print(Options.usage)
            return 0
        }
        FileHandle.standardError.write(Data("BankLedger: \(message)\n\n\(Options.usage)\n".utf8))
        return 2
    }
    let temporary = options.path == nil
    let path = options.path ?? FileManager.default.temporaryDirectory
        .appendingPathComponent("BankLedger-\(UUID().uuidString).strata").path
    defer {
        if temporary {
            for file in [path, path + "-wal"] { try? FileManager.default.removeItem(atPath: file) }
        }
    }

    var broken: [String] = []
    do {
        let db = try Database(path: path)
        defer { try? db.close() }
        let bank = try Bank(db)
        let expected = try bank.expectedTotal()
        let workers = options.useTasks ? "\(options.threads) tasks" : "\(options.threads) threads"
        print("BankLedger: \(Bank.accounts) accounts, \(options.transfers) transfers per mode on \(workers), run \(bank.run) of \(path)")
        print("mode          committed  declined  retries  audits   seconds  transfers/s")
        for mode in ConcurrencyMode.allCases {
            let tally = Tally()
            let clock = ContinuousClock()
            let start = clock.now
            if options.useTasks {
                await runOnTasks(bank, mode: mode, options: options, expected: expected, tally: tally)
            } else {
                runOnThreads(bank, mode: mode, options: options, expected: expected, tally: tally)
            }
            let seconds = (clock.now - start) / .seconds(1)
            let committed = tally.committed.load(ordering: .relaxed)
            let declined = tally.declined.load(ordering: .relaxed)
            let retries = tally.runs.load(ordering: .relaxed) - committed - declined
            print(mode.description.padding(toLength: 12, withPad: " ", startingAt: 0),
                  pad(committed, 10), pad(declined, 9), pad(retries, 8), pad(tally.audits.load(ordering: .relaxed), 7),
                  pad(String(format: "%.2f", seconds), 9), pad(Int(Double(options.transfers) / max(seconds, 1e-9)), 12))
            broken += tally.failures.withLock { $0 }
            broken += try bank.check(mode: mode, committed: committed)
        }
        let total = try await bank.total()
        if total != expected { broken.append("the balances add up to \(total), not \(expected)") }
        if broken.isEmpty {
            print("ledger balanced: the accounts hold \(total), as they did before the first transfer")
        }
    } catch {
        broken.append("\(error)")
    }
    for problem in broken.prefix(20) { print("BROKEN: \(problem)") }
    return broken.isEmpty ? 0 : 1
}

func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
    let text = value.description
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

exit(await main())
