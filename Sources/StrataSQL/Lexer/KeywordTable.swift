// KeywordTable: maps a bare word's bytes to its Keyword without building a String.
//
// Words are bucketed by length and first letter (case folded); a bucket holds one to four
// keywords, compared byte by byte. Built once, read-only afterwards.

struct KeywordTable: Sendable {
    private struct Entry: Sendable {
        var keyword: Keyword
        var bytes: [UInt8]
    }

    /// The longest keyword, CURRENT_TIMESTAMP.
    private static let maxLength = 17
    private let buckets: [[Entry]]

    static let shared = KeywordTable()

    private init() {
        var buckets = [[Entry]](repeating: [], count: (Self.maxLength + 1) * 32)
        for keyword in Keyword.allCases where keyword != .none {
            let bytes = Array(keyword.spelling.utf8)
            precondition(bytes.count <= Self.maxLength, "keyword longer than the table allows")
            buckets[Self.slot(length: bytes.count, first: bytes[0])].append(Entry(keyword: keyword, bytes: bytes))
        }
        self.buckets = buckets
    }

    private static func slot(length: Int, first: UInt8) -> Int { length &* 32 &+ Int(first & 0x1F) }

    /// The keyword spelled by `bytes[range]`, compared case-insensitively (ASCII), or `.none`.
    func keyword(in bytes: [UInt8], _ start: Int, _ end: Int) -> Keyword {
        let length = end &- start
        guard length >= 2, length <= Self.maxLength else { return .none }
        let first = bytes[start]
        guard first < 0x80 else { return .none }
        for entry in buckets[Self.slot(length: length, first: first)] {
            var matches = true
            var i = 0
            while i < length {
                let b = bytes[start &+ i]
                // Upper-casing by clearing bit 5 is exact for letters and '_'; other bytes below
                // 0x80 never fold onto a keyword's letter, and bytes from 0x80 up are excluded.
                if b >= 0x80 || (b & 0xDF) != entry.bytes[i] {
                    matches = false
                    break
                }
                i &+= 1
            }
            if matches { return entry.keyword }
        }
        return .none
    }
}
