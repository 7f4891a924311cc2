// Semi-joins (Planner+SemiJoin.swift, Executor/SemiJoin.swift): what SQLTests/planner/
// semi_join.test cannot see, since unnesting never changes an answer: that the executor really
// answers an unnested subquery from the hash (built once per execution, again in the next one),
// and which subqueries are left to run per outer row.

import Testing

@testable import StrataCatalog
@testable import StrataCore
@testable import StrataSQL

struct SemiJoinTests {
    private let engine: SQLEngine

    init() throws {
        engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try session.execute("CREATE TABLE o(id INTEGER PRIMARY KEY, k INTEGER, t TEXT)")
        try session.execute("CREATE TABLE i(id INTEGER PRIMARY KEY, k INTEGER, t TEXT, f INTEGER)")
        try session.execute("CREATE INDEX i_t ON i(t)")
        try session.execute("INSERT INTO o VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c'), (4, NULL, 'd')")
        try session.execute("INSERT INTO i VALUES (10, 1, 'a', 1), (11, 1, 'x', 0), (12, 3, NULL, 1), (13, NULL, 'b', 1)")
    }

    /// A session for one execution numbered `generation`, as SQLSession makes them.
    private func execution(_ generation: UInt64) -> ExecutionSession {
        let tx = TransactionState(snapshot: engine.storage.snapshot(label: "test"), isExplicit: false)
        let (catalog, version) = engine.committedCatalog.withLock { $0 }
        tx.startCatalog(catalog, version: version)
        return ExecutionSession(transaction: tx, storage: engine.storage, statementText: "", interrupt: InterruptFlag(),
                                sharedTables: nil, generation: generation)
    }

    /// The plan of `sql` and the subquery of its WHERE (the only one).
    private func plan(_ sql: String, _ session: ExecutionSession) throws -> (QueryPlan, SubqueryPlan?) {
        guard case .select(let s) = try parseStatement(sql).statement else { throw StrataError(.internalError, "not a SELECT") }
        let (plan, _) = try Planner(catalog: session.catalog, session: session).planQuery(s, parent: nil)
        guard case .core(let core) = plan.body else { return (plan, nil) }
        for f in core.levels.flatMap(\.filters) + core.constantFilters {
            var e = f
            while case .unary(.not, let x) = e { e = x }
            if case .exists(let sub) = e { return (plan, sub) }
            if case .inSubquery(_, let sub, _, _) = e { return (plan, sub) }
        }
        return (plan, nil)
    }

    private func ids(_ rows: [[Value]]) -> [Int64] { rows.map { $0[0].integerValue }.sorted() }

    @Test func notExistsIsAnsweredFromTheHashBuiltOncePerExecution() throws {
        let first = execution(1)
        let (q, sub) = try plan("SELECT id FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.f = 1)", first)
        let semiJoin = try #require(sub?.semiJoin)
        #expect(semiJoin.buildCount == 0)
        #expect(ids(try QueryExecutor.run(q, EvalContext(parameters: [], session: first))) == [2, 4])
        #expect(semiJoin.buildCount == 1)
        // The same execution runs it again (a correlated subquery around it would): no new build.
        _ = try QueryExecutor.run(q, EvalContext(parameters: [], session: first))
        #expect(semiJoin.buildCount == 1)
        // The plan reused by the next execution (the PlanCache) sees that execution's rows.
        try engine.session().execute("INSERT INTO i VALUES (14, 2, 'b', 1)")
        let second = execution(2)
        #expect(ids(try QueryExecutor.run(q, EvalContext(parameters: [], session: second))) == [4])
        #expect(semiJoin.buildCount == 2)
    }

    @Test func inAndNotInKeepNullsPerKey() throws {
        let session = execution(1)
        let (q, sub) = try plan("SELECT id FROM o WHERE o.t NOT IN (SELECT i.t FROM i WHERE i.k = o.k)", session)
        #expect(sub?.semiJoin != nil)
        // k 1: {'a', 'x'} holds 'a'; k 2: no rows (true); k 3: {NULL} (NULL); k NULL: no rows (true).
        #expect(ids(try QueryExecutor.run(q, EvalContext(parameters: [], session: session))) == [2, 4])
        #expect(sub?.semiJoin?.buildCount == 1)
    }

    @Test func anEmptyOuterSideBuildsNothing() throws {
        let session = execution(1)
        let (q, sub) = try plan("SELECT id FROM o WHERE id > 10 AND EXISTS (SELECT 1 FROM i WHERE i.k = o.k)", session)
        #expect(try QueryExecutor.run(q, EvalContext(parameters: [], session: session)).isEmpty)
        #expect(sub?.semiJoin?.buildCount == 0)
    }

    @Test(arguments: [
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k LIMIT 5)",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k >= o.k AND i.k <= o.k)",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND abs(i.f) = 1)",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.f = random())",
        "SELECT id FROM o WHERE EXISTS (SELECT count(*) FROM i WHERE i.k = o.k)",
        "SELECT id FROM o WHERE EXISTS (SELECT o.t FROM i WHERE i.k = o.k)",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i, o AS p WHERE i.k = o.k AND p.id = i.id)",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.f IN (SELECT f FROM i))",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = 1)",
        // An index or the rowid serves the correlation: the lookup per outer row stays.
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.t = o.t)",
        "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.id = o.k + 9)",
    ])
    func leftToRunPerOuterRow(_ sql: String) throws {
        let (_, sub) = try plan(sql, execution(1))
        #expect(sub != nil)
        #expect(sub?.semiJoin == nil)
    }
}
