// Value+Affinity: the conversions SQLite applies when a value is stored, compared, CAST, tested
// for truth, or used in arithmetic (vdbe.c applyAffinity, applyNumericAffinity, computeNumericType;
// vdbemem.c sqlite3VdbeMemCast, sqlite3VdbeMemNumerify, sqlite3VdbeBooleanValue).
//
// "Well-formed numeric text" is text that sqlite3AtoF consumes whole, bar leading and trailing
// spaces: " 12 ", "1e5", "-.5", "1." are; "0x10", "12abc", "1e", "" are not.

import StrataCore

/// `value` as stored into a column of `affinity`; see `Value.applyingAffinity(_:)`.
@inline(__always)
package func applyAffinity(_ value: Value, _ affinity: Affinity) -> Value {
    value.applyingAffinity(affinity)
}

/// The affinity applied to both operands of a comparison; see `Affinity.comparisonAffinity`.
@inline(__always)
package func comparisonAffinity(left: Affinity?, right: Affinity?) -> Affinity? {
    Affinity.comparisonAffinity(left: left, right: right)
}

extension Value {
    /// The value as stored into a column of `affinity` (SQLite's applyAffinity, and for REAL the
    /// real it reads back).
    ///
    /// - INTEGER, NUMERIC: well-formed numeric text becomes an integer if its value is one (and
    ///   fits), else a real; a real with an integral value inside Int64 becomes an integer.
    /// - REAL: well-formed numeric text and integers become reals.
    /// - TEXT: integers and reals become their text (`textValue`).
    /// - BLOB (none): unchanged. NULL and blobs are never changed.
    package func applyingAffinity(_ affinity: Affinity) -> Value {
        switch affinity {
        case .blob:
            return self
        case .text:
            switch self {
            case .integer, .real: return .text(textValue)
            default: return self
            }
        case .integer, .numeric:
            switch self {
            case .text(let s): return Value.numericAffinity(ofText: s, tryForInteger: true) ?? self
            case .real(let r): return Value.integerIfIntegral(r) ?? self
            default: return self
            }
        case .real:
            switch self {
            case .integer(let i): return .real(Double(i))
            case .real(let r):
                // SQLite stores an integral real as an integer and reads it back as a real: -0.0
                // comes back as 0.0.
                if case .integer(let i)? = Value.integerIfIntegral(r) { return .real(Double(i)) }
                return self
            case .text(let s):
                switch Value.numericAffinity(ofText: s, tryForInteger: true) {
                case .integer(let i)?: return .real(Double(i))
                case let converted?: return converted
                case nil: return self
                }
            default: return self
            }
        }
    }

    /// The value as a comparison sees it under `affinity` (from `Affinity.comparisonAffinity`):
    /// numeric affinity turns well-formed numeric text into a number, TEXT affinity turns numbers
    /// into text, anything else leaves it alone.
    package func applyingComparisonAffinity(_ affinity: Affinity?) -> Value {
        guard let affinity else { return self }
        switch affinity {
        case .integer, .real, .numeric:
            if case .text(let s) = self { return Value.numericAffinity(ofText: s, tryForInteger: false) ?? self }
            return self
        case .text:
            switch self {
            case .integer, .real: return .text(textValue)
            default: return self
            }
        case .blob:
            return self
        }
    }

    /// `CAST(self AS type)` where `affinity` is the type name's affinity (`Affinity(declaredType:)`).
    ///
    /// - INTEGER: `integerValue` (text parses its integer prefix: '1e3' is 1; overflow clamps).
    /// - REAL: `realValue`.
    /// - NUMERIC: numbers unchanged; text and blobs as sqlite3VdbeMemNumerify: an integer if the
    ///   text's prefix is one that fits, or the real is integral and within +-2^51, else a real.
    /// - TEXT: numbers as `textValue`, blobs' bytes read as UTF-8.
    /// - BLOB: text's (and numbers' text's) UTF-8 bytes.
    /// NULL stays NULL.
    package func cast(to affinity: Affinity) -> Value {
        if isNull { return self }
        switch affinity {
        case .integer: return .integer(integerValue)
        case .real: return .real(realValue)
        case .text:
            if case .text = self { return self }
            return .text(textValue)
        case .blob:
            switch self {
            case .blob: return self
            case .text(let s): return .blob(Array(s.utf8))
            default: return .blob(Array(textValue.utf8))
            }
        case .numeric:
            switch self {
            case .integer, .real, .null: return self
            case .text(let s): return SQLiteNumberText.withUTF8(s) { Value.numerify($0) }
            case .blob(let b): return b.withUnsafeBufferPointer { Value.numerify($0) }
            }
        }
    }

    /// The value as a condition (WHERE, CASE WHEN, AND/OR/NOT): nil for NULL, else whether it is
    /// nonzero as a number (text and blobs by `realValue`, so '0.5' is true and 'abc' false).
    @inline(__always)
    package var isTrue: Bool? {
        switch self {
        case .null: return nil
        case .integer(let i): return i != 0
        case .real(let r): return r != 0
        default: return realValue != 0
        }
    }

    /// The number an arithmetic operator sees (vdbe.c numericType): integers and reals as they
    /// are, NULL as NULL, text and blobs as their numeric prefix, an integer where the prefix is an
    /// integer that fits ('12abc' is 12, 'abc' 0, '1.5x' 1.5, '1e3' 1000.0).
    package var numericOperand: Value {
        switch self {
        case .null, .integer, .real: return self
        case .text(let s): return SQLiteNumberText.withUTF8(s) { Value.numericType($0) }
        case .blob(let b): return b.withUnsafeBufferPointer { Value.numericType($0) }
        }
    }

    /// What `sqlite3_value_numeric_type` leaves: well-formed numeric text as a number (integer
    /// where it is one), anything else unchanged. sum() and avg() use it.
    package var numericAffinityApplied: Value {
        if case .text(let s) = self { return Value.numericAffinity(ofText: s, tryForInteger: false) ?? self }
        return self
    }

    // MARK: SQLite's internal conversions

    /// applyNumericAffinity: nil if the text is not well-formed numeric.
    package static func numericAffinity(ofText s: String, tryForInteger: Bool) -> Value? {
        SQLiteNumberText.withUTF8(s) { p -> Value? in
            let (r, kind) = SQLiteNumberText.parseReal(p)
            guard kind.isWellFormed else { return nil }
            if kind == .integer {
                if let i = integerIfSameAsReal(r) { return .integer(i) }
                let (i, status) = SQLiteNumberText.parseInt64(p)
                if status == .exact { return .integer(i) }
            }
            if tryForInteger, let i = integerIfIntegral(r) { return i }
            return .real(r)
        }
    }

    /// sqlite3VdbeIntegerAffinity: an integer if `r` is integral and strictly inside Int64.
    @inline(__always)
    package static func integerIfIntegral(_ r: Double) -> Value? {
        let ix = SQLiteNumberText.int64(fromReal: r)
        if r == Double(ix) && ix > Int64.min && ix < Int64.max { return .integer(ix) }
        return nil
    }

    /// sqlite3RealSameAsInt: `r` is zero, or integral with magnitude below 2^51.
    @inline(__always)
    package static func integerIfSameAsReal(_ r: Double) -> Int64? {
        if r == 0 { return 0 }
        guard r >= -2251799813685248.0 && r < 2251799813685248.0 else { return nil }
        let i = Int64(r)
        return Double(i).bitPattern == r.bitPattern ? i : nil
    }

    /// sqlite3VdbeMemNumerify over text bytes.
    private static func numerify(_ p: UnsafeBufferPointer<UInt8>) -> Value {
        let (r, kind) = SQLiteNumberText.parseReal(p)
        if kind == .notNumeric || kind == .integer {
            let (i, status) = SQLiteNumberText.parseInt64(p)
            if status == .exact || status == .trailingText || status == .noDigits { return .integer(i) }
        }
        if let i = integerIfSameAsReal(r) { return .integer(i) }
        return .real(r)
    }

    /// computeNumericType over text bytes.
    private static func numericType(_ p: UnsafeBufferPointer<UInt8>) -> Value {
        let (r, kind) = SQLiteNumberText.parseReal(p)
        switch kind {
        case .notNumeric:
            let (i, status) = SQLiteNumberText.parseInt64(p)
            if status == .exact || status == .trailingText || status == .noDigits { return .integer(i) }
            return .real(r)
        case .realPrefix:
            return .real(r)
        case .integer:
            let (i, status) = SQLiteNumberText.parseInt64(p)
            return status == .exact ? .integer(i) : .real(r)
        case .real:
            return .real(r)
        }
    }
}
