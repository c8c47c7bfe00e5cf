import Foundation
import Testing

@testable import PorchRules

/// Built word lists kept between runs: a kept table reads back as the same list, a damaged one is refused, and an
/// edited list file never meets the table of its old text.
@Suite struct ListCacheTests {
    let words = WordList.parse((0..<2_000).map { "name\($0)" }.joined(separator: "\n") + "\nSiobhán\nrené\n")

    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("list-cache-\(UUID().uuidString)").path
    }

    /// A new folder holding an empty `lists/` and a cache of its own.
    func listsFolder() throws -> (folder: URL, lists: URL, cache: ListCache) {
        let folder = URL(fileURLWithPath: temporaryFolder())
        let lists = folder.appendingPathComponent("lists")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        return (folder, lists, ListCache(folder: folder.path + "/cache"))
    }

    @Test func aStoredTableReadsBackAsTheSameList() throws {
        let stored = words.stored
        let read = try #require(stored.withUnsafeBytes { WordSet(stored: $0) })
        #expect(read == words)
        #expect(read.contains("name1999") && read.contains("siobhán") && read.contains("rené"))
        #expect(!read.contains("name2000") && !read.contains("siobhan"))
    }

    @Test func aStoredTableCutShortOrDamagedIsRefused() {
        let stored = words.stored
        // Cut short anywhere, or one byte longer.
        for length in [0, 8, 20, 40, stored.count / 2, stored.count - 1] {
            #expect(Array(stored.prefix(length)).withUnsafeBytes { WordSet(stored: $0) } == nil)
        }
        #expect((stored + [0]).withUnsafeBytes { WordSet(stored: $0) } == nil)
        // Another layout's name.
        var renamed = stored
        renamed[0] ^= 0x20
        #expect(renamed.withUnsafeBytes { WordSet(stored: $0) } == nil)
        // A count too large to add up (as a damaged header might hold).
        var huge = stored
        huge.replaceSubrange(8..<16, with: withUnsafeBytes(of: UInt64(Int.max) - 7) { Array($0) })
        #expect(huge.withUnsafeBytes { WordSet(stored: $0) } == nil)
        // A slot that points past the last entry.
        var pointing = stored
        let lastSlot = pointing.count - 4
        pointing.replaceSubrange(lastSlot..., with: withUnsafeBytes(of: Int32.max) { Array($0) })
        #expect(pointing.withUnsafeBytes { WordSet(stored: $0) } == nil)
    }

    @Test func aKeptTableIsFoundByItsListAndADamagedFileIsNot() throws {
        let cache = ListCache(folder: temporaryFolder())
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let key = ListCache.key(for: Data("the list file's bytes".utf8))
        #expect(cache.table(key) == nil)
        cache.keep(words, singleWords: true, as: key)
        let kept = try #require(cache.table(key))
        #expect(kept.words == words && kept.singleWords)
        #expect(cache.table(ListCache.key(for: Data("another list".utf8))) == nil)

        // Owner-only, like every file Porch keeps.
        let mode = try FileManager.default.attributesOfItem(atPath: cache.folder + "/" + key)[.posixPermissions]
        #expect(mode as? Int == 0o600)

        // One entry's byte changed on disk: the checksum refuses the file, so the list is parsed again.
        let path = cache.folder + "/" + key
        var contents = try #require(FileManager.default.contents(atPath: path))
        contents[contents.count / 3] ^= 0x01
        try contents.write(to: URL(fileURLWithPath: path))
        #expect(cache.table(key) == nil)
    }

    @Test func anEditedListIsReadFromItsNewTextNotTheKeptTable() throws {
        let (folder, lists, cache) = try listsFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ text: String) throws -> WordSet {
            try text.write(to: lists.appendingPathComponent("names.txt"), atomically: true, encoding: .utf8)
            let reading = WordListReading(folder: lists, files: ["names.txt"], cache: cache)
            reading.read()
            return try #require(reading.result.lists["names"])
        }
        #expect(try read("Jess\nLily\n") == ["jess", "lily"])
        // The second read finds the table the first kept.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 1)
        #expect(try read("Jess\nLily\n") == ["jess", "lily"])
        #expect(try read("Jess\nMaeve\n") == ["jess", "maeve"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 2)
        // A list that is not UTF-8 is still refused with its name, cache or not.
        try Data([0x4A, 0xFF, 0x0A]).write(to: lists.appendingPathComponent("names.txt"))
        let reading = WordListReading(folder: lists, files: ["names.txt"], cache: cache)
        reading.read()
        #expect(reading.result.lists["names"] == nil)
        #expect(reading.result.diagnostics.map(\.description).contains { $0.contains("lists/names.txt") })
    }

    /// A list whose stamp has not changed since its table was kept is not read at all: the table its index names
    /// is used. A write to the list (same size, in place) gives it another stamp, and it is read again.
    @Test func anUnchangedListIsFoundByItsStampAndAWriteIsSeen() throws {
        let (folder, lists, cache) = try listsFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = lists.appendingPathComponent("names.txt")
        func read(settling: Int64 = 0) throws -> WordSet {
            let reading = WordListReading(folder: lists, files: ["names.txt"], cache: cache, settling: settling)
            reading.read()
            return try #require(reading.result.lists["names"])
        }
        try "Jess\nLily\n".write(to: file, atomically: false, encoding: .utf8)
        #expect(try read() == ["jess", "lily"])
        let entry = try #require(cache.index(of: lists.path).entries["names.txt"])
        #expect(entry.key == ListCache.key(for: Data("Jess\nLily\n".utf8)))

        // Another table put under the key the index names: an unread list reads as that table.
        cache.keep(["zed"], singleWords: true, as: entry.key)
        #expect(try read() == ["zed"])
        // Within the settling time the stamp is not trusted: the file is read.
        usleep(30_000)
        let handle = try #require(FileHandle(forWritingAtPath: file.path))
        try handle.write(contentsOf: Data("Jess\nLucy\n".utf8))
        try handle.close()
        #expect(try read(settling: FileStamp.settling) == ["jess", "lucy"])
        #expect(try read() == ["jess", "lucy"])
        #expect(cache.index(of: lists.path).entries["names.txt"]?.key == ListCache.key(for: Data("Jess\nLucy\n".utf8)))
    }
}
