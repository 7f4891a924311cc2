// Join order for inner joins.
//
// Sources are joined in FROM order unless that order joins a source that no WHERE or ON
// conjunct links to the sources before it (a cross product) while another order avoids it.
// Then the order is rebuilt greedily: start from a source with an equality on itself alone
// (`a31 = 10`), and add at each step the first source linked to those already joined,
// preferring one linked by an equality (a hash lookup). Every conjunct is then placed at the
// first position where all the sources it reads are joined. This is a stand-in for the
// cost-based order of the planner issue; it keeps FROM order whenever FROM order is linked,
// so results without ORDER BY come out as they did.

import StrataCore

extension Planner {
    private struct Conjunct {
        var expr: BoundExpr
        /// Indexes of the levels (in FROM order) that the conjunct reads.
        var levels: Set<Int>
        var hasSubquery: Bool
        var isEquality: Bool
    }

    func reorderJoin(_ plan: CorePlan) {
        let n = plan.levels.count
        guard n >= 3, !plan.levels.contains(where: { $0.isLeftJoin || !$0.on.isEmpty }) else { return }
        func levelOf(_ slot: Int) -> Int? {
            plan.levels.firstIndex { slot >= $0.offset && slot < $0.offset + $0.width }
        }
        var conjuncts: [Conjunct] = []
        for level in plan.levels {
            for f in level.filters {
                var levels = Set<Int>()
                var sub = false
                Self.visitSlots(f, { s in if let l = levelOf(s) { levels.insert(l) } }, &sub)
                var isEquality = false
                if case .comparison(.equal, _, _, _) = f { isEquality = true }
                conjuncts.append(Conjunct(expr: f, levels: levels, hasSubquery: sub, isEquality: isEquality))
            }
        }
        /// Whether a conjunct links `level` to the levels already joined.
        func links(_ c: Conjunct, _ level: Int, _ joined: Set<Int>) -> Bool {
            !c.hasSubquery && c.levels.contains(level) && c.levels.count > 1
                && c.levels.allSatisfy { $0 == level || joined.contains($0) }
        }
        func crossProducts(_ order: [Int]) -> Int {
            var joined: Set<Int> = [order[0]]
            var count = 0
            for l in order.dropFirst() {
                if !conjuncts.contains(where: { links($0, l, joined) }) { count += 1 }
                joined.insert(l)
            }
            return count
        }
        let fromOrder = Array(0..<n)
        let before = crossProducts(fromOrder)
        guard before > 0 else { return }

        let start = fromOrder.first { l in conjuncts.contains { $0.levels == [l] && $0.isEquality && !$0.hasSubquery } } ?? 0
        var order = [start]
        var joined: Set<Int> = [start]
        while order.count < n {
            let remaining = fromOrder.filter { !joined.contains($0) }
            let next = remaining.first { l in conjuncts.contains { $0.isEquality && links($0, l, joined) } }
                ?? remaining.first { l in conjuncts.contains { links($0, l, joined) } }
                ?? remaining[0]
            order.append(next)
            joined.insert(next)
        }
        guard crossProducts(order) < before else { return }

        var position = [Int](repeating: 0, count: n)
        for (p, l) in order.enumerated() { position[l] = p }
        var levels = order.map { l -> JoinLevel in
            var level = plan.levels[l]
            level.filters = []
            level.hashProbe = nil
            return level
        }
        for c in conjuncts {
            let p = c.hasSubquery ? n - 1 : (c.levels.map { position[$0] }.max() ?? 0)
            levels[p].filters.append(c.expr)
            if levels[p].hashProbe == nil {
                levels[p].hashProbe = probe(c.expr, levels[p], isBound: { s in levelOf(s).map { position[$0] < p } ?? true })
            }
        }
        plan.levels = levels
    }
}
