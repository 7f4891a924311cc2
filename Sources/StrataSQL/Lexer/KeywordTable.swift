// KeywordTable: maps a bare word's bytes to its Keyword without building a String.
//
// Words are bucketed by length and first letter (case folded); a bucket holds one to four
// keywords, compared byte by byte. The table is four flat arrays, built once and read-only
// afterwards, so a lookup allocates nothing and retains nothing (nested arrays of entries cost
// a retain per bucket visited: measured 4% of parse time over the corpus).

struct KeywordTable: Sendable {
    /// The longest keyword, CURRENT_TIMESTAMP.
    private static let maxLength = 17
    private static let slotCount = (maxLength + 1) * 32

    /// `bucketStart[slot]..<bucketStart[slot + 1]` indexes `bucketKeywords`.
    private let bucketStart: [UInt16]
    /// Keywords ordered by bucket.
    private let bucketKeywords: [Keyword]
    /// Every keyword's upper-case spelling, concatenated; `spellingStart[keyword.rawValue]` is
    /// where a keyword's starts.
    private let spellings: [UInt8]
    private let spellingStart: [UInt16]

    static let shared = KeywordTable()

    private init() {
        var buckets = [[Keyword]](repeating: [], count: Self.slotCount)
        var spellings: [UInt8] = []
        var spellingStart = [UInt16](repeating: 0, count: Keyword.allCases.count)
        for keyword in Keyword.allCases where keyword != .none {
            let bytes = Array(keyword.spelling.utf8)
            precondition(bytes.count <= Self.maxLength, "keyword longer than the table allows")
            spellingStart[Int(keyword.rawValue)] = UInt16(spellings.count)
            spellings += bytes
            buckets[Self.slot(length: bytes.count, first: bytes[0])].append(keyword)
        }
        var bucketStart: [UInt16] = []
        var bucketKeywords: [Keyword] = []
        for bucket in buckets {
            bucketStart.append(UInt16(bucketKeywords.count))
            bucketKeywords += bucket
        }
        bucketStart.append(UInt16(bucketKeywords.count))
        self.bucketStart = bucketStart
        self.bucketKeywords = bucketKeywords
        self.spellings = spellings
        self.spellingStart = spellingStart
    }

    @inline(__always)
    private static func slot(length: Int, first: UInt8) -> Int { length &* 32 &+ Int(first & 0x1F) }

    /// The keyword spelled by `bytes[start..<end]`, compared case-insensitively (ASCII), or `.none`.
    func keyword(in bytes: [UInt8], _ start: Int, _ end: Int) -> Keyword {
        let length = end &- start
        guard length >= 2, length <= Self.maxLength else { return .none }
        let first = bytes[start]
        guard first < 0x80 else { return .none }
        let slot = Self.slot(length: length, first: first)
        var index = Int(bucketStart[slot])
        let bucketEnd = Int(bucketStart[slot &+ 1])
        while index < bucketEnd {
            let keyword = bucketKeywords[index]
            let spelling = Int(spellingStart[Int(keyword.rawValue)])
            var i = 0
            while i < length {
                let b = bytes[start &+ i]
                // Upper-casing by clearing bit 5 is exact for letters and '_'; other bytes below
                // 0x80 never fold onto a keyword's letter, and bytes from 0x80 up are excluded.
                if b >= 0x80 || (b & 0xDF) != spellings[spelling &+ i] { break }
                i &+= 1
            }
            if i == length { return keyword }
            index &+= 1
        }
        return .none
    }
}
