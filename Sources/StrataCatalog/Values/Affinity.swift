/// Column type affinity, as SQLite derives it from a declared type (section 3.1 of its datatype
/// documentation): INTEGER, TEXT, BLOB (none), REAL, NUMERIC.
package enum Affinity: UInt8, Sendable {
    case integer, text, blob, real, numeric

    /// The affinity of a declared column type, by SQLite's five rules in order.
    package init(declaredType: String?) {
        guard let t = declaredType?.uppercased(), !t.isEmpty else {
            self = .blob
            return
        }
        if t.contains("INT") { self = .integer }
        else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") { self = .text }
        else if t.contains("BLOB") { self = .blob }
        else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { self = .real }
        else { self = .numeric }
    }
}
