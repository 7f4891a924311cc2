// Join order: the order of a SELECT's FROM sources that the cost model (CostModel.swift) finds
// cheapest, chosen before each level's access path.
//
// Each order is costed level by level: a level costs what its cheapest way of being read costs
// (an access path, the hash table on an equality with earlier levels, or a scan: CostModel
// `choices`) for the rows the levels before it yield, and those rows are the product of the
// sources' rows and the selectivities of the conditions among them, so they do not depend on the
// order they were joined in. Up to `exhaustiveJoinLimit` sources every order is tried, by dynamic
// programming over the subsets (the cheapest order of each subset, extended by one source at a
// time); beyond, the order is built greedily: at each step the source that is cheapest to add,
// counting one unit for each row it leaves for each source still to come, among those a
// condition links to the sources already joined (a cross product only when nothing links).
//
// INVARIANTS
//   (1) A LEFT JOIN's right side, and a CROSS JOIN's, comes after every source before it in FROM
//       (`JoinLevel.predecessors`), as SQLite keeps them; other sources may move anywhere.
//   (2) On a tie (to 1e-9) the order closer to FROM order wins (lexicographically smaller), so
//       FROM order stays whenever nothing is cheaper.
//   (3) After reordering, every WHERE conjunct (and every inner join's ON condition) sits at the
//       first level where all the sources it reads are joined; one with a correlated subquery at
//       the last; one that reads no source at the first. A LEFT JOIN's ON conditions stay with
//       its level. Each inner level probes by the first of its conjuncts that can (`probe`).
//   (4) The paths and the choice the search found for each level of the chosen order are those
//       `chooseAccessPaths` would find from the placed conjuncts, and it takes them from here
//       (`CorePlan.plannedAccess`) rather than find them again.

import StrataCatalog
import StrataCore

extension Planner {
    /// The most sources ordered by trying every order.
    static let exhaustiveJoinLimit = 6

    func reorderJoin(_ plan: CorePlan) {
        let n = plan.levels.count
        // Masks are 64 bits; SQLite joins at most 64 tables too. One level has nothing to order
        // (and `chooseAccessPaths` assumes one row before it).
        guard n >= 2, n <= 64 else { return }
        let search = JoinOrderSearch(self, plan)
        let order: [Int]
        if n <= Self.exhaustiveJoinLimit {
            order = search.exhaustive()
        } else {
            order = search.greedy()
        }
        plan.estimatedRows = search.rowsReaching(order)
        if order != Array(0..<n) { search.apply(order) }
        plan.plannedAccess = search.plannedAccess(order, plan.estimatedRows)
    }
}

/// The search behind `reorderJoin`, over one core's levels in FROM order.
final class JoinOrderSearch {
    private struct Conjunct {
        var expr: BoundExpr
        /// The levels it reads.
        var mask: UInt64
        var hasSubquery: Bool
        var selectivity: Double
    }

    /// What reading level `t` after the levels of a set costs and yields.
    private struct Options {
        /// The access paths its terms allow (a table's).
        var paths: [AccessPath]
        var choices: [CostModel.LevelChoice]
        /// The choices are the cost model's (not a stand-in for paths it cannot estimate).
        var isEstimated: Bool
        /// The rows level t multiplies the rows before it by (its rows times the selectivity of
        /// the conditions it completes).
        var rowsFactor: Double
        /// Some condition links the level to the levels before it.
        var isLinked: Bool

        func cost(outerRows: Double) -> Double {
            guard let best = CostModel.best(choices, outerRows: outerRows) else { return 0 }
            return best.cost(outerRows: outerRows)
        }
    }

    private let planner: Planner
    private let plan: CorePlan
    private let model: CostModel
    private let n: Int
    private let sources: [CostModel.SourceStats]
    /// The level of each slot of the combined row (-1: none).
    private let slotLevel: [Int]
    private var conjuncts: [Conjunct] = []
    /// The conjuncts that read each level, in order.
    private var mentions: [[Int]]
    /// The levels each level's conjuncts (and ON conditions) read besides itself.
    private var relevant: [UInt64]
    private let prerequisites: [UInt64]
    /// Options already found, per level: the levels bound (of those it reads) and the options;
    /// a level has few such sets, so a list is searched.
    private var cache: [[(bound: UInt64, options: Options)]]

    init(_ planner: Planner, _ plan: CorePlan) {
        self.planner = planner
        self.plan = plan
        let model = CostModel(catalog: planner.catalog)
        self.model = model
        n = plan.levels.count
        sources = plan.levels.map { model.stats($0) }
        var slotLevel = [Int](repeating: -1, count: plan.rowWidth)
        for (l, level) in plan.levels.enumerated() {
            for s in level.offset..<(level.offset + level.width) where s >= 0 && s < slotLevel.count { slotLevel[s] = l }
        }
        self.slotLevel = slotLevel
        mentions = Array(repeating: [], count: n)
        relevant = Array(repeating: 0, count: n)
        cache = Array(repeating: [], count: n)
        prerequisites = plan.levels.map { level in
            level.predecessors >= 64 ? UInt64.max : (UInt64(1) << UInt64(level.predecessors)) - 1
        }
        for level in plan.levels {
            for f in level.filters {
                let (mask, sub) = levels(of: f)
                let k = conjuncts.count
                conjuncts.append(Conjunct(expr: f, mask: mask, hasSubquery: sub,
                                          selectivity: model.selectivity(f, sources, levelOf: levelOf)))
                for l in 0..<n where mask & bit(l) != 0 {
                    mentions[l].append(k)
                    relevant[l] |= mask & ~bit(l)
                }
            }
        }
        for (l, level) in plan.levels.enumerated() {
            for c in level.on { relevant[l] |= levels(of: c).mask & ~bit(l) }
        }
    }

    private func bit(_ l: Int) -> UInt64 { UInt64(1) << UInt64(l) }

    private func levelOf(_ slot: Int) -> Int? {
        slot >= 0 && slot < slotLevel.count && slotLevel[slot] >= 0 ? slotLevel[slot] : nil
    }

    private func levels(of e: BoundExpr) -> (mask: UInt64, hasSubquery: Bool) {
        var mask: UInt64 = 0
        var sub = false
        Planner.visitSlots(e, { s in if let l = self.levelOf(s) { mask |= self.bit(l) } }, &sub)
        return (mask, sub)
    }

    // MARK: costing one level

    private func options(_ t: Int, after bound: UInt64) -> Options {
        let key = bound & relevant[t]
        for entry in cache[t] where entry.bound == key { return entry.options }
        let o = computeOptions(t, after: key)
        cache[t].append((key, o))
        return o
    }

    private func computeOptions(_ t: Int, after bound: UInt64) -> Options {
        let level = plan.levels[t]
        let isBound: (Int) -> Bool = { s in self.levelOf(s).map { bound & self.bit($0) != 0 } ?? false }
        // The conjuncts this level completes, in order (the ones placed here in this order).
        let completed = mentions[t].filter { conjuncts[$0].mask & ~(bound | bit(t)) == 0 }
        var rows = sources[t].rows
        for k in completed { rows *= conjuncts[k].selectivity }
        var kept = 1.0
        let local: [BoundExpr]
        var probe: CostModel.Probe?
        let terms: [BoundExpr]
        if level.isLeftJoin {
            local = level.on.filter { levels(of: $0) == (bit(t), false) }
            for c in level.on { rows *= model.selectivity(c, sources, levelOf: levelOf) }
            rows = max(rows, 1)
            probe = level.hashProbe.map { CostModel.Probe(column: $0.slot, isJoin: levels(of: $0.probe).mask != 0) }
            terms = level.on
        } else {
            local = completed.filter { conjuncts[$0].mask == bit(t) && !conjuncts[$0].hasSubquery }.map { conjuncts[$0].expr }
            terms = completed.map { conjuncts[$0].expr }
            for c in terms {
                if let p = planner.probe(c, level, isBound: isBound) {
                    probe = CostModel.Probe(column: p.slot, isJoin: levels(of: p.probe).mask != 0)
                    break
                }
            }
        }
        for c in local { kept *= model.selectivity(c, sources, levelOf: levelOf) }
        var paths: [AccessPath] = []
        if !terms.isEmpty, case .table(let table) = level.source {
            paths = planner.accessPaths(table, level, terms) { e, dependsOnRow in
                var ok = true
                var readsRow = false
                var correlated = false
                Planner.visitSlots(e, { s in if isBound(s) { readsRow = true } else { ok = false } }, &correlated)
                if readsRow { dependsOnRow = true }
                return ok && !correlated
            }
        }
        let estimated = model.choices(sources[t], paths: paths, kept: kept, probe: probe)
        let choices = estimated ?? [CostModel.LevelChoice(method: .scan, once: sources[t].rows, perOuterRow: 0, rank: 7)]
        let linked = level.isLeftJoin || completed.contains { conjuncts[$0].mask & bound != 0 }
        return Options(paths: paths, choices: choices, isEstimated: estimated != nil, rowsFactor: rows, isLinked: linked)
    }

    // MARK: searching

    /// The cheapest order of all levels, trying every order that keeps (1).
    func exhaustive() -> [Int] {
        struct Entry {
            var cost: Double
            var rows: Double
            var order: [Int]
        }
        let full = (1 << n) - 1
        var best = [Entry?](repeating: nil, count: full + 1)
        best[0] = Entry(cost: 0, rows: 1, order: [])
        for mask in 1...full {
            for t in 0..<n where mask & (1 << t) != 0 {
                let previous = mask & ~(1 << t)
                guard let p = best[previous], prerequisites[t] & ~UInt64(previous) == 0 else { continue }
                let o = options(t, after: UInt64(previous))
                let entry = Entry(cost: p.cost + o.cost(outerRows: p.rows), rows: p.rows * o.rowsFactor, order: p.order + [t])
                if let current = best[mask], !isBetter(entry.cost, entry.order, than: current.cost, current.order) { continue }
                best[mask] = entry
            }
        }
        return best[full]?.order ?? Array(0..<n)
    }

    private func isBetter(_ cost: Double, _ order: [Int], than other: Double, _ otherOrder: [Int]) -> Bool {
        if !CostModel.nearlyEqual(cost, other) { return cost < other }
        return order.lexicographicallyPrecedes(otherOrder)
    }

    /// An order built one level at a time (file comment).
    func greedy() -> [Int] {
        var bound: UInt64 = 0
        var rows = 1.0
        var order: [Int] = []
        while order.count < n {
            let candidates = (0..<n).filter { bound & bit($0) == 0 && prerequisites[$0] & ~bound == 0 }
            let linked = candidates.filter { options($0, after: bound).isLinked }
            let remaining = Double(n - order.count - 1)
            var pick: (t: Int, score: Double)?
            for t in linked.isEmpty ? candidates : linked {
                let o = options(t, after: bound)
                let score = o.cost(outerRows: rows) + rows * o.rowsFactor * remaining * CostModel.scanRow
                if pick == nil || (!CostModel.nearlyEqual(score, pick!.score) && score < pick!.score) { pick = (t, score) }
            }
            guard let pick else { return Array(0..<n) }
            rows *= options(pick.t, after: bound).rowsFactor
            bound |= bit(pick.t)
            order.append(pick.t)
        }
        return order
    }

    /// The estimated rows reaching each level of `order`, then the rows the join yields.
    func rowsReaching(_ order: [Int]) -> [Double] {
        var bound: UInt64 = 0
        var rows = 1.0
        var out: [Double] = []
        for t in order {
            out.append(rows)
            rows *= options(t, after: bound).rowsFactor
            bound |= bit(t)
        }
        out.append(rows)
        return out
    }

    /// Each table level's paths and the model's choice among them, in `order`, for the rows
    /// `rows` expects before each (`CorePlan.plannedAccess`). The level's terms then are the
    /// conjuncts the search gave it, in the same order, so `chooseAccessPaths` would find the same.
    func plannedAccess(_ order: [Int], _ rows: [Double]) -> [(paths: [AccessPath], choice: CostModel.LevelChoice?)?] {
        var bound: UInt64 = 0
        var out: [(paths: [AccessPath], choice: CostModel.LevelChoice?)?] = []
        for (i, t) in order.enumerated() {
            let o = options(t, after: bound)
            bound |= bit(t)
            guard case .table = plan.levels[i].source else {
                out.append(nil)
                continue
            }
            out.append((o.paths, o.isEstimated ? CostModel.best(o.choices, outerRows: rows[i]) : nil))
        }
        return out
    }

    // MARK: the new order

    /// Puts the levels in `order` and places the conjuncts again (3).
    func apply(_ order: [Int]) {
        var position = [Int](repeating: 0, count: n)
        for (p, l) in order.enumerated() { position[l] = p }
        var levels = order.map { l -> JoinLevel in
            var level = plan.levels[l]
            level.filters = []
            if !level.isLeftJoin { level.hashProbe = nil }
            return level
        }
        for c in conjuncts {
            var p = 0
            if c.hasSubquery {
                p = n - 1
            } else {
                for l in 0..<n where c.mask & bit(l) != 0 { p = max(p, position[l]) }
            }
            levels[p].filters.append(c.expr)
            if !levels[p].isLeftJoin && levels[p].hashProbe == nil && !c.hasSubquery {
                levels[p].hashProbe = planner.probe(c.expr, levels[p], isBound: { s in
                    self.levelOf(s).map { position[$0] < p } ?? true
                })
            }
        }
        plan.levels = levels
    }
}
