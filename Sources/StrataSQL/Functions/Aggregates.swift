// Aggregates: count, sum, total, avg, min, max, group_concat as SQLite 3.40 computes them (func.c),
// and string_agg(X, SEP), SQLite 3.44's name for group_concat with a separator.
//
// Each aggregate is an accumulator struct: `step(_:)` once per row of the group, `finish()` once.
// `AggregateAccumulator` wraps them in one enum, so an executor keeps a plain array of them per
// group with no existential. DISTINCT is the caller's: feed only the first of equal values
// (`ValueSet` in StrataCatalog treats 1, 1.0 and '1'-under-affinity as SQLite's DISTINCT does).
//
// RULES (checked against sqlite3, see FunctionTests.swift)
//   (1) NULL arguments are skipped by all but count(*); with no non-NULL input, sum, avg, min, max
//       and group_concat give NULL, count 0, total 0.0.
//   (2) sum is an exact Int64 sum while every input is an integer (or integer-looking text);
//       any other input ('abc', 2.5, a blob) makes it a real sum. An Int64 overflow of the exact
//       sum is the error "integer overflow", even if later rows would bring it back.
//   (3) avg and total are always real: the double sum (in input order) over the count.
//   (4) min and max keep the first of equal values; they compare with the collation given.
//   (5) group_concat puts the separator (',' by default; the current row's second argument
//       otherwise, nothing if that is NULL) before every value but the first.

import StrataCatalog
import StrataCore

/// A resolved aggregate function.
package struct AggregateFunction: Sendable, Hashable {
    package enum Kind: Sendable, Hashable { case count, countAll, sum, total, avg, min, max, groupConcat }

    package let kind: Kind

    /// Whether the aggregate compares values and so takes its argument's collation (min, max).
    package var usesCollation: Bool { kind == .min || kind == .max }

    /// A fresh accumulator for one group.
    package func makeAccumulator(collation: StrataCatalog.Collation = .binary) -> AggregateAccumulator {
        switch kind {
        case .count: .count(CountAccumulator())
        case .countAll: .countAll(CountAllAccumulator())
        case .sum: .sum(SumAccumulator(overflowIsAnError: true))
        case .total: .total(SumAccumulator())
        case .avg: .avg(SumAccumulator())
        case .min: .minMax(MinMaxAccumulator(isMax: false, collation: collation))
        case .max: .minMax(MinMaxAccumulator(isMax: true, collation: collation))
        case .groupConcat: .groupConcat(GroupConcatAccumulator())
        }
    }
}

/// The aggregate `name` (any case) with `arity` arguments, or nil. `count(*)` is arity 0.
package func aggregateFunction(named name: String, arity: Int) -> AggregateFunction? {
    switch (name.lowercased(), arity) {
    case ("count", 0): AggregateFunction(kind: .countAll)
    case ("count", 1): AggregateFunction(kind: .count)
    case ("sum", 1): AggregateFunction(kind: .sum)
    case ("total", 1): AggregateFunction(kind: .total)
    case ("avg", 1): AggregateFunction(kind: .avg)
    case ("min", 1): AggregateFunction(kind: .min)
    case ("max", 1): AggregateFunction(kind: .max)
    case ("group_concat", 1), ("group_concat", 2), ("string_agg", 2): AggregateFunction(kind: .groupConcat)
    default: nil
    }
}

/// Whether `name` is an aggregate with some arity (min and max are also scalar functions).
package func isAggregateFunctionName(_ name: String) -> Bool {
    ["count", "sum", "total", "avg", "min", "max", "group_concat", "string_agg"].contains(name.lowercased())
}

/// One group's running state for any built-in aggregate.
package enum AggregateAccumulator: Sendable {
    case count(CountAccumulator)
    case countAll(CountAllAccumulator)
    case sum(SumAccumulator)
    case total(SumAccumulator)
    case avg(SumAccumulator)
    case minMax(MinMaxAccumulator)
    case groupConcat(GroupConcatAccumulator)

    /// Adds one row's arguments.
    ///
    /// - Returns: for min and max, whether this row became the result (SQLite takes bare
    ///   columns of `SELECT a, max(b)` from that row); false for the others.
    /// - Throws: "integer overflow" from sum.
    @discardableResult
    package mutating func step(_ args: [Value]) throws(StrataError) -> Bool {
        // Each case moves its payload out first, so a growing buffer is never copied.
        switch self {
        case .count(var a):
            a.step(args)
            self = .count(a)
        case .countAll(var a):
            a.step(args)
            self = .countAll(a)
        case .sum(var a):
            try a.step(args)
            self = .sum(a)
        case .total(var a):
            try a.step(args)
            self = .total(a)
        case .avg(var a):
            try a.step(args)
            self = .avg(a)
        case .minMax(var a):
            self = .countAll(CountAllAccumulator())
            let changed = a.step(args)
            self = .minMax(a)
            return changed
        case .groupConcat(var a):
            self = .countAll(CountAllAccumulator())
            defer { self = .groupConcat(a) }
            try a.step(args)
        }
        return false
    }

    /// The aggregate's value for the group.
    package func finish() -> Value {
        switch self {
        case .count(let a): a.finish()
        case .countAll(let a): a.finish()
        case .sum(let a): a.finishSum()
        case .total(let a): a.finishTotal()
        case .avg(let a): a.finishAverage()
        case .minMax(let a): a.finish()
        case .groupConcat(let a): a.finish()
        }
    }
}

/// count(X): the number of non-NULL X.
package struct CountAccumulator: Sendable {
    package var count: Int64 = 0
    package init() {}
    @inline(__always)
    package mutating func step(_ args: [Value]) { if !args[0].isNull { count += 1 } }
    package func finish() -> Value { .integer(count) }
}

/// count(*): the number of rows.
package struct CountAllAccumulator: Sendable {
    package var count: Int64 = 0
    package init() {}
    @inline(__always)
    package mutating func step(_ args: [Value]) { count += 1 }
    package func finish() -> Value { .integer(count) }
}

/// sum(X), total(X) and avg(X) share SQLite's SumCtx.
package struct SumAccumulator: Sendable {
    package var realSum: Double = 0
    package var integerSum: Int64 = 0
    package var count: Int64 = 0
    /// A non-integer input was seen, or the integer sum overflowed: only the real sum is kept.
    package var isApproximate = false
    /// sum() reports an overflow of the integer sum; total() and avg() never look at it.
    package let overflowIsAnError: Bool

    package init(overflowIsAnError: Bool = false) {
        self.overflowIsAnError = overflowIsAnError
    }

    /// - Throws: "integer overflow" when the exact integer sum of sum() leaves Int64.
    @inline(__always)
    package mutating func step(_ args: [Value]) throws(StrataError) {
        let v = args[0].numericAffinityApplied
        switch v {
        case .null:
            return
        case .integer(let i):
            count += 1
            realSum += Double(i)
            if !isApproximate {
                let (s, overflow) = integerSum.addingReportingOverflow(i)
                if overflow {
                    if overflowIsAnError { throw StrataError(SQLState("22003"), "integer overflow") }
                    isApproximate = true
                }
                integerSum = s
            }
        default:
            count += 1
            realSum += v.realValue
            isApproximate = true
        }
    }

    package func finishSum() -> Value {
        if count == 0 { return .null }
        return isApproximate ? .real(realSum) : .integer(integerSum)
    }

    package func finishTotal() -> Value { .real(realSum) }

    package func finishAverage() -> Value {
        count == 0 ? .null : .real(realSum / Double(count))
    }
}

/// min(X) / max(X): the least or greatest non-NULL X, the first of equals.
package struct MinMaxAccumulator: Sendable {
    package let isMax: Bool
    package let collation: StrataCatalog.Collation
    package var best: Value = .null

    package init(isMax: Bool, collation: StrataCatalog.Collation = .binary) {
        self.isMax = isMax
        self.collation = collation
    }

    /// Returns whether `args[0]` became the result.
    @inline(__always)
    package mutating func step(_ args: [Value]) -> Bool {
        let v = args[0]
        if v.isNull { return false }
        if best.isNull {
            best = v
            return true
        }
        let c = compareValues(best, v, collation: collation)
        if isMax ? c < 0 : c > 0 {
            best = v
            return true
        }
        return false
    }

    package func finish() -> Value { best }
}

/// group_concat(X [, SEP]) and string_agg(X, SEP).
package struct GroupConcatAccumulator: Sendable {
    package var bytes: [UInt8] = []
    package var hasValue = false
    package init() {}

    /// - Throws: "string or blob too big" past 1,000,000,000 bytes.
    package mutating func step(_ args: [Value]) throws(StrataError) {
        let v = args[0]
        if v.isNull { return }
        if hasValue {
            if args.count > 1 {
                if let sep = ScalarFunctions.textBytes(args[1]) { bytes.append(contentsOf: sep) }
            } else {
                bytes.append(UInt8(ascii: ","))
            }
        }
        hasValue = true
        switch v {
        case .text(let s): bytes.append(contentsOf: s.utf8)
        case .blob(let b): bytes.append(contentsOf: b)
        default: bytes.append(contentsOf: v.textValue.utf8)
        }
        if bytes.count > ScalarFunctions.maximumLength { throw ScalarFunctions.tooBig() }
    }

    package func finish() -> Value {
        hasValue ? .text(String(decoding: bytes, as: UTF8.self)) : .null
    }
}
