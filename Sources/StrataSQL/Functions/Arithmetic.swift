// Arithmetic: SQLite's binary and unary operators on values (vdbe.c OP_Add ... OP_Remainder,
// OP_BitAnd ... OP_ShiftRight, OP_BitNot, OP_Concat).
//
// RULES
//   (1) NULL in, NULL out, for every operator here.
//   (2) Operands convert by `numericOperand`: text and blobs to their numeric prefix, an integer
//       where that prefix is an integer that fits ('12abc' + 1 is 13, '1.5x' + 1 is 2.5).
//   (3) Two integers give an integer; + - * that overflow Int64 are redone in doubles
//       (9223372036854775807 + 1 is 9.22337203685478e+18); / truncates toward zero.
//   (4) Division or remainder by zero is NULL; so is a real result that is NaN (Inf - Inf).
//   (5) % with a real or non-integer text operand converts both operands by `integerValue`
//       (5.5 % 2 is 1.0, '1e3' % 7 is 1.0: integerValue('1e3') is 1) and gives a real.
//   (6) Bitwise operators convert by `integerValue` and always give integers; a negative shift
//       shifts the other way; shifts of 64 or more give 0 (or -1 for >> of a negative).
//   (7) Unary minus is 0 - x, so -'abc' is 0 and -(-9223372036854775808) is a real.

import StrataCatalog
import StrataCore

package enum SQLArithmetic {
    /// `a + b`.
    @inline(__always)
    package static func add(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            let (r, overflow) = x.addingReportingOverflow(y)
            return overflow ? .real(Double(x) + Double(y)) : .integer(r)
        }
        return slow(.add, a, b)
    }

    /// `a - b`.
    @inline(__always)
    package static func subtract(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            let (r, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? .real(Double(x) - Double(y)) : .integer(r)
        }
        return slow(.subtract, a, b)
    }

    /// `a * b`.
    @inline(__always)
    package static func multiply(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            let (r, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? .real(Double(x) * Double(y)) : .integer(r)
        }
        return slow(.multiply, a, b)
    }

    /// `a / b`.
    @inline(__always)
    package static func divide(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            return integerOp(.divide, x, y)
        }
        return slow(.divide, a, b)
    }

    /// `a % b`.
    @inline(__always)
    package static func remainder(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            return integerOp(.remainder, x, y)
        }
        return slow(.remainder, a, b)
    }

    /// Unary `-a` (SQLite codes it as `0 - a`).
    package static func negate(_ a: Value) -> Value {
        subtract(.integer(0), a)
    }

    /// `a & b`.
    package static func bitAnd(_ a: Value, _ b: Value) -> Value {
        if a.isNull || b.isNull { return .null }
        return .integer(a.integerValue & b.integerValue)
    }

    /// `a | b`.
    package static func bitOr(_ a: Value, _ b: Value) -> Value {
        if a.isNull || b.isNull { return .null }
        return .integer(a.integerValue | b.integerValue)
    }

    /// `~a`.
    package static func bitNot(_ a: Value) -> Value {
        if a.isNull { return .null }
        return .integer(~a.integerValue)
    }

    /// `a << b`.
    package static func shiftLeft(_ a: Value, _ b: Value) -> Value {
        if a.isNull || b.isNull { return .null }
        return .integer(shift(a.integerValue, by: b.integerValue, left: true))
    }

    /// `a >> b`.
    package static func shiftRight(_ a: Value, _ b: Value) -> Value {
        if a.isNull || b.isNull { return .null }
        return .integer(shift(a.integerValue, by: b.integerValue, left: false))
    }

    /// `a || b`: both as text (numbers by `textValue`, blobs' bytes as they are); NULL if either is.
    package static func concat(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.null, _), (_, .null):
            return .null
        case (.text(let x), .text(let y)):
            return .text(x + y)
        case (.blob, _), (_, .blob):
            var bytes = a.concatBytes
            bytes.append(contentsOf: b.concatBytes)
            return .text(String(decoding: bytes, as: UTF8.self))
        default:
            return .text(a.textValue + b.textValue)
        }
    }

    // MARK: Internals

    package enum Operator: Sendable { case add, subtract, multiply, divide, remainder }

    /// Integer `/` and `%`: NULL for a zero divisor; INT64_MIN / -1 in doubles.
    @inline(__always)
    private static func integerOp(_ op: Operator, _ x: Int64, _ y: Int64) -> Value {
        if y == 0 { return .null }
        if op == .divide {
            if y == -1 && x == Int64.min { return .real(Double(x) / Double(y)) }
            return .integer(x / y)
        }
        return .integer(y == -1 ? 0 : x % y)
    }

    /// Operands other than two integers (vdbe.c: numericType, then int_math or fp_math).
    private static func slow(_ op: Operator, _ a: Value, _ b: Value) -> Value {
        if a.isNull || b.isNull { return .null }
        let na = a.numericOperand, nb = b.numericOperand
        if case .integer(let x) = na, case .integer(let y) = nb {
            switch op {
            case .add: return add(na, nb)
            case .subtract: return subtract(na, nb)
            case .multiply: return multiply(na, nb)
            case .divide, .remainder: return integerOp(op, x, y)
            }
        }
        let ra = na.realValue, rb = nb.realValue
        let r: Double
        switch op {
        case .add: r = ra + rb
        case .subtract: r = ra - rb
        case .multiply: r = ra * rb
        case .divide:
            if rb == 0 { return .null }
            r = ra / rb
        case .remainder:
            let x = a.integerValue, y = b.integerValue
            if y == 0 { return .null }
            r = Double(y == -1 ? 0 : x % y)
        }
        return r.isNaN ? .null : .real(r)
    }

    /// SQLite's OP_ShiftLeft/OP_ShiftRight on Int64.
    private static func shift(_ a: Int64, by amount: Int64, left: Bool) -> Int64 {
        if amount == 0 { return a }
        var left = left
        var n = amount
        if n < 0 {
            left.toggle()
            n = n > -64 ? -n : 64
        }
        if n >= 64 { return (a >= 0 || left) ? 0 : -1 }
        return left ? Int64(bitPattern: UInt64(bitPattern: a) << UInt64(n)) : a >> n
    }
}

extension Value {
    /// The bytes `||` appends: a blob's own, anything else's text.
    fileprivate var concatBytes: [UInt8] {
        if case .blob(let b) = self { return b }
        return Array(textValue.utf8)
    }
}
