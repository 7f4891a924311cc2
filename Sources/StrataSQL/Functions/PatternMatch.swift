// PatternMatch: LIKE and GLOB over UTF-8 bytes (SQLite's patternCompare in func.c).
//
// LIKE: '%' any run, '_' one character, ASCII letters match either case (no other folding, as
// SQLite without ICU), an optional single-character ESCAPE. GLOB: '*' any run, '?' one character,
// '[...]' a set with ranges and '^' to invert, case-sensitive, no escape.
// Both read the text as C strings do: a NUL byte ends it.
//
// COST  at worst about pattern length x text length per '*' or '%'; patterns over 50,000 bytes
// are refused ("LIKE or GLOB pattern too complex", SQLITE_MAX_LIKE_PATTERN_LENGTH), as SQLite does.

import StrataCatalog
import StrataCore

package enum PatternMatch {
    /// SQLITE_MAX_LIKE_PATTERN_LENGTH.
    package static let maximumPatternByteCount = 50_000

    /// `text LIKE pattern [ESCAPE escape]`; `escape` is a code point or nil.
    package static func like(_ pattern: String, _ text: String, escape: UInt32? = nil) -> Bool {
        SQLiteNumberText.withUTF8(pattern) { p in SQLiteNumberText.withUTF8(text) { s in like(p, s, escape: escape) } }
    }

    /// `text GLOB pattern`.
    package static func glob(_ pattern: String, _ text: String) -> Bool {
        SQLiteNumberText.withUTF8(pattern) { p in SQLiteNumberText.withUTF8(text) { s in glob(p, s) } }
    }

    /// LIKE over UTF-8 bytes.
    package static func like(
        _ pattern: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, escape: UInt32? = nil
    ) -> Bool {
        let m = Matcher(matchAll: 0x25, matchOne: 0x5F, matchOther: escape ?? 0, isGlob: false, noCase: true)
        return m.compare(CString(pattern), 0, CString(text), 0) == .match
    }

    /// GLOB over UTF-8 bytes.
    package static func glob(_ pattern: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = Matcher(matchAll: 0x2A, matchOne: 0x3F, matchOther: 0x5B, isGlob: true, noCase: false)
        return m.compare(CString(pattern), 0, CString(text), 0) == .match
    }
}

/// A byte buffer read as a NUL-terminated string: reading at or past the end gives 0.
private struct CString {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    subscript(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    /// sqlite3Utf8Read: the code point at `i`, advancing `i`; 0 at the end.
    @inline(__always)
    func read(_ i: inout Int) -> UInt32 {
        let c0 = self[i]
        if c0 == 0 { return 0 }
        i += 1
        if c0 < 0xC0 { return UInt32(c0) }
        var c: UInt32
        switch c0 {
        case 0xC0...0xDF: c = UInt32(c0 & 0x1F)
        case 0xE0...0xEF: c = UInt32(c0 & 0x0F)
        case 0xF0...0xF7: c = UInt32(c0 & 0x07)
        case 0xF8...0xFB: c = UInt32(c0 & 0x03)
        default: c = UInt32(c0 & 0x01)
        }
        while self[i] & 0xC0 == 0x80 {
            c = (c << 6) &+ UInt32(self[i] & 0x3F)
            i += 1
        }
        if c < 0x80 || (c & 0xFFFF_F800) == 0xD800 || (c & 0xFFFF_FFFE) == 0xFFFE { c = 0xFFFD }
        return c
    }

    /// SQLITE_SKIP_UTF8.
    @inline(__always)
    func skip(_ i: inout Int) {
        let c = self[i]
        i += 1
        if c >= 0xC0 { while self[i] & 0xC0 == 0x80 { i += 1 } }
    }
}

private struct Matcher {
    enum Result { case match, noMatch, noWildcardMatch }
    let matchAll: UInt32
    let matchOne: UInt32
    let matchOther: UInt32
    let isGlob: Bool
    let noCase: Bool

    @inline(__always)
    private func lower(_ c: UInt32) -> UInt32 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    func compare(_ p: CString, _ pStart: Int, _ s: CString, _ sStart: Int) -> Result {
        var pi = pStart, si = sStart
        var escapedEnd = -1
        while true {
            var c = p.read(&pi)
            if c == 0 { break }
            if c == matchAll {
                // Skip further '*'/'%', consuming one text character per '?'/'_'.
                while true {
                    c = p.read(&pi)
                    if c == matchAll { continue }
                    if c == matchOne {
                        if s.read(&si) == 0 { return .noWildcardMatch }
                        continue
                    }
                    break
                }
                if c == 0 { return .match }
                if c == matchOther {
                    if !isGlob {
                        c = p.read(&pi)
                        if c == 0 { return .noWildcardMatch }
                    } else {
                        // "[...]" right after "*": try every position.
                        while s[si] != 0 {
                            let r = compare(p, pi - 1, s, si)
                            if r != .noMatch { return r }
                            s.skip(&si)
                        }
                        return .noWildcardMatch
                    }
                }
                if c < 0x80 {
                    // strcspn for the character, in either case for LIKE.
                    let stop1 = noCase ? asciiUpper(UInt8(c)) : UInt8(c)
                    let stop2 = noCase ? asciiLower(UInt8(c)) : UInt8(c)
                    while true {
                        while s[si] != 0 && s[si] != stop1 && s[si] != stop2 { si += 1 }
                        if s[si] == 0 { break }
                        si += 1
                        let r = compare(p, pi, s, si)
                        if r != .noMatch { return r }
                    }
                } else {
                    while true {
                        let c2 = s.read(&si)
                        if c2 == 0 { break }
                        if c2 != c { continue }
                        let r = compare(p, pi, s, si)
                        if r != .noMatch { return r }
                    }
                }
                return .noWildcardMatch
            }
            if c == matchOther {
                if !isGlob {
                    c = p.read(&pi)
                    if c == 0 { return .noMatch }
                    escapedEnd = pi
                } else {
                    var priorC: UInt32 = 0
                    var seen = false
                    var invert = false
                    c = s.read(&si)
                    if c == 0 { return .noMatch }
                    var c2 = p.read(&pi)
                    if c2 == 0x5E {  // '^'
                        invert = true
                        c2 = p.read(&pi)
                    }
                    if c2 == 0x5D {  // ']'
                        if c == 0x5D { seen = true }
                        c2 = p.read(&pi)
                    }
                    while c2 != 0 && c2 != 0x5D {
                        if c2 == 0x2D && p[pi] != 0x5D && p[pi] != 0 && priorC > 0 {  // '-'
                            c2 = p.read(&pi)
                            if c >= priorC && c <= c2 { seen = true }
                            priorC = 0
                        } else {
                            if c == c2 { seen = true }
                            priorC = c2
                        }
                        c2 = p.read(&pi)
                    }
                    if c2 == 0 || seen == invert { return .noMatch }
                    continue
                }
            }
            let c2 = s.read(&si)
            if c == c2 { continue }
            if noCase && c < 0x80 && c2 < 0x80 && lower(c) == lower(c2) { continue }
            if c == matchOne && pi != escapedEnd && c2 != 0 { continue }
            return .noMatch
        }
        return s[si] == 0 ? .match : .noMatch
    }
}
