// Constant folding in the binder (ExpressionBinder.foldConstant): what SQLTests/planner/
// constant_folding.test cannot see, since folding never changes an answer: which bound
// expressions become constants, and which must not (random(), an expression that fails, a
// large result, a column, a parameter).

import Foundation
import Testing

@testable import StrataCore
@testable import StrataSQL

struct ConstantFoldingTests {
    /// The bound result expressions of `SELECT <list> FROM t`.
    private func results(_ list: String) throws -> [BoundExpr] {
        let engine = try SQLEngine(path: nil, options: SQLEngine.Options())
        let session = engine.session()
        try session.execute("CREATE TABLE t(a INTEGER, b TEXT)")
        let tx = TransactionState(snapshot: engine.storage.snapshot(label: "test"), isExplicit: false)
        let (catalog, version) = engine.committedCatalog.withLock { $0 }
        tx.startCatalog(catalog, version: version)
        let execution = ExecutionSession(transaction: tx, storage: engine.storage, statementText: "", interrupt: InterruptFlag(),
                                         sharedTables: nil)
        guard case .select(let s) = try parseStatement("SELECT \(list) FROM t").statement else {
            Issue.record("not a SELECT")
            return []
        }
        let (plan, _) = try Planner(catalog: catalog, session: execution).planQuery(s, parent: nil)
        guard case .core(let core) = plan.body else { return [] }
        return core.results
    }

    private func constant(_ e: BoundExpr) -> Value? {
        if case .constant(let v) = e { return v }
        return nil
    }

    @Test func operatorsAndDeterministicFunctionsOnConstantsFold() throws {
        let r = try results("2 * 5, -(3), 'a' || 'b', abs(-4) + length('xyz'), 1 / 0, 1 IN (1, 2), 2 BETWEEN 1 AND 3, "
                            + "CASE WHEN 1 THEN 'y' END, CAST('7' AS INTEGER), 'A' = 'a' COLLATE NOCASE, NULL AND 0, 'ab' LIKE 'A%'")
        #expect(r.map(constant) == [.integer(10), .integer(-3), .text("ab"), .integer(7), .null, .integer(1), .integer(1),
                                    .text("y"), .integer(7), .integer(1), .integer(0), .integer(1)])
    }

    @Test func whatMustNotFold() throws {
        let r = try results("random(), abs(-9223372036854775808), zeroblob(10), printf('%d', 1), a + 1, ? + 1, "
                            + "(SELECT 1), +a, a = 1 + 1")
        #expect(r.map(constant) == Array(repeating: nil, count: 9))
        // Inside an expression that cannot fold, the constant part still does.
        guard case .comparison(_, _, let right, _) = r[8] else {
            Issue.record("not a comparison: \(r[8])")
            return
        }
        #expect(constant(right) == .integer(2))
    }
}
