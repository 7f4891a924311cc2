// DataSet: the rows and the statement parameters both engines get, generated once from a seed.
//
//   t(id INTEGER PRIMARY KEY, grp INTEGER, tag INTEGER, score REAL, name TEXT), index on tag
//     id 1...rows; grp uniform in 0..<100; tag uniform in 0..<rows/10 (about 10 rows a tag);
//     score a permutation of 0..<rows divided by 8 (unique, so ORDER BY score has no ties);
//     name 8-40 random lowercase letters.
//   u(id INTEGER PRIMARY KEY, t_id INTEGER, qty INTEGER)
//     id 1...rows; t_id uniform in 1...rows; qty uniform in 1...1000.

import Strata

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same sequence on every machine.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (n small relative to 2^64; the bias is negligible here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

struct DataSet: Sendable {
    static let groups = 100
    static let rowsPerTag = 10
    static let rangeWidth = 100

    let rows: Int
    /// The rows of t as INSERT parameters: id, grp, tag, score, name.
    let t: [[Value]]
    /// The rows of u: id, t_id, qty.
    let u: [[Value]]
    /// Each workload's parameter lists, one per statement, in the order the SQL names them.
    let parameters: [Workload: [[Value]]]

    init(options: BenchOptions) {
        let n = options.rows
        rows = n
        var rng = SplitMix64(seed: options.seed)
        var scores = Array(0..<n)
        shuffle(&scores, &rng)
        let tags = max(1, n / Self.rowsPerTag)
        var t: [[Value]] = []
        t.reserveCapacity(n)
        for i in 0..<n {
            t.append([.integer(Int64(i + 1)), .integer(Int64(rng.below(Self.groups))), .integer(Int64(rng.below(tags))),
                      .real(Double(scores[i]) / 8), .text(randomName(&rng))])
        }
        var u: [[Value]] = []
        u.reserveCapacity(n)
        for i in 0..<n {
            u.append([.integer(Int64(i + 1)), .integer(Int64(1 + rng.below(n))), .integer(Int64(1 + rng.below(1000)))])
        }
        self.t = t
        self.u = u

        func id(_ rng: inout SplitMix64) -> Value { .integer(Int64(1 + rng.below(n))) }
        func range(_ width: Int, _ rng: inout SplitMix64) -> [Value] {
            let w = min(width, n)
            let a = 1 + rng.below(n - w + 1)
            return [.integer(Int64(a)), .integer(Int64(a + w - 1))]
        }
        var parameters: [Workload: [[Value]]] = [:]
        for w in Workload.allCases where w.isDefault && w != .bulkInsert {
            let ops = options.operations(w)
            // Each workload draws from its own stream, so choosing workloads changes nothing else.
            var r = SplitMix64(seed: options.seed &+ UInt64(Workload.allCases.firstIndex(of: w)! + 1) &* 0x1_0000_0001)
            var list: [[Value]] = []
            switch w {
            case .pointSelect: for _ in 0..<ops { list.append([id(&r)]) }
            case .rangeScan, .join: for _ in 0..<ops { list.append(range(Self.rangeWidth, &r)) }
            case .indexLookup: for _ in 0..<ops { list.append([.integer(Int64(r.below(tags)))]) }
            case .aggregate: for _ in 0..<ops { list.append(range(n / 2, &r)) }
            case .orderByLimit: for _ in 0..<ops { list.append([.integer(Int64(r.below(Self.groups)))]) }
            case .update:
                for _ in 0..<ops { list.append([.integer(Int64(r.below(Self.groups))), .text(randomName(&r)), id(&r)]) }
            case .delete:
                var ids = Array(1...n)
                shuffle(&ids, &r)
                for i in ids.prefix(ops) { list.append([.integer(Int64(i))]) }
            case .bulkInsert, .concurrentRW: break
            }
            parameters[w] = list
        }
        self.parameters = parameters
    }
}

private func shuffle(_ a: inout [Int], _ rng: inout SplitMix64) {
    for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.below(i + 1)) }
}

private func randomName(_ rng: inout SplitMix64) -> String {
    let length = 8 + rng.below(33)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(length)
    for _ in 0..<length { bytes.append(UInt8(ascii: "a") + UInt8(rng.below(26))) }
    return String(decoding: bytes, as: UTF8.self)
}
