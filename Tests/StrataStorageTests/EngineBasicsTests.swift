import Testing
@testable import StrataStorage
import StrataCore

@Suite struct EngineBasicsTests {
    @Test func putGetDeleteSurviveReopen() throws {
        let dir = TemporaryDirectory()
        do {
            let db = try StorageEngine.open(path: dir.file(), options: options())
            var b = WriteBatch()
            for i in 0..<5000 { b.put(key(i), bytes("value \(i)")) }
            try db.commit(b)
            var d = WriteBatch()
            for i in stride(from: 0, to: 5000, by: 2) { d.delete(key(i)) }
            try db.commit(d)
            let s = db.snapshot()
            #expect(try s.get(key(1)) == bytes("value 1"))
            #expect(try s.get(key(2)) == nil)
            #expect(db.integrityCheck() == [])
            try db.close()
        }
        let db = try StorageEngine.open(path: dir.file(), options: options())
        let s = db.snapshot()
        let all = try contents(s)
        #expect(all.count == 2500)
        #expect(all.first?.0 == key(1))
        #expect(try s.get(key(4999)) == bytes("value 4999"))
        #expect(db.integrityCheck() == [])
    }

    @Test func recoveryReplaysTheLogWithoutCheckpoint() throws {
        let dir = TemporaryDirectory()
        do {
            let db = try StorageEngine.open(path: dir.file(), options: options(synchronous: .full))
            for i in 0..<300 {
                var b = WriteBatch()
                b.put(key(i), [UInt8](repeating: UInt8(i % 251), count: i * 7))
                try db.commit(b)
            }
            // No close: the engine is dropped as if the process died after the last commit.
        }
        let db = try StorageEngine.open(path: dir.file(), options: options())
        let s = db.snapshot()
        for i in 0..<300 { #expect(try s.get(key(i)) == [UInt8](repeating: UInt8(i % 251), count: i * 7)) }
        #expect(db.integrityCheck() == [])
    }
}
