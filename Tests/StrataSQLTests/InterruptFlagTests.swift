// InterruptFlagTests: the interrupt checks inside the executor's sort and DISTINCT, which a
// query through the public API cannot be sure to be in when its interrupt arrives
// (Tests/StrataTests/InterruptTests.swift covers whole statements).

import Testing

@testable import StrataCore
@testable import StrataSQL

struct InterruptFlagTests {
    let rows: [[Value]] = (0..<5000).map { [.integer(Int64(($0 * 7919) % 5000)), .text("r\($0 % 17)")] }
    let keys = [SortKey(slot: 0, descending: false, nullsFirst: true, collation: .binary)]

    @Test func aRaisedFlagStopsASort() {
        let flag = InterruptFlag()
        flag.raise()
        var sorted = rows
        #expect(throws: StrataError.self) { try QueryExecutor.sort(&sorted, keys, flag.check) }
        do {
            try QueryExecutor.sort(&sorted, keys, flag.check)
        } catch {
            #expect(error.code == .queryCanceled)
            #expect(error.message == "interrupted")
        }
    }

    @Test func aClearedFlagLetsTheSortFinish() throws {
        let flag = InterruptFlag()
        flag.raise()
        flag.clear()
        var sorted = rows
        try QueryExecutor.sort(&sorted, keys, flag.check)
        #expect(sorted.map { $0[0] } == (0..<5000).map { Value.integer(Int64($0)) })
    }

    @Test func aRaisedFlagStopsDistinct() throws {
        let flag = InterruptFlag()
        #expect(try QueryExecutor.distinct(rows.map { [$0[1]] }, [], flag.check).count == 17)
        flag.raise()
        #expect(throws: StrataError.self) { try QueryExecutor.distinct(rows, [], flag.check) }
    }
}
