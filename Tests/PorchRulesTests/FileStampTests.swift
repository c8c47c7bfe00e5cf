import Foundation
import Testing

@testable import PorchRules

/// A file's stamp stands for its bytes only once it has settled, and any write gives it another.
@Suite struct FileStampTests {
    func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stamp-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Waits out a clock tick of the file system's times (a few milliseconds), as a later edit would.
    func nextTick() { usleep(30_000) }

    @Test func theSameFileGivesTheSameKeyAndAWriteOfTheSameSizeAnother() throws {
        let path = try temporaryFile("Jess\nLily\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try #require(FileStamp.key(of: [path], settling: 0))
        #expect(FileStamp.key(of: [path], settling: 0) == first)
        nextTick()
        // Same length, in place (same inode): only the times tell it apart.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("Jess\nLucy\n".utf8))
        try handle.close()
        #expect(FileStamp.key(of: [path], settling: 0) != first)
    }

    @Test func aFileChangedInTheLastTwoSecondsHasNoKey() throws {
        let path = try temporaryFile("Jess\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileStamp.key(of: [path]) == nil, "written just now: its bytes must be read")
        #expect(FileStamp.key(of: [path, path + ".missing"], settling: 0) == nil, "a file that is not there")
        let stamp = try #require(FileStamp(path: path))
        #expect(!stamp.isSettled())
        #expect(stamp.isSettled(now: FileStamp.now() + FileStamp.settling))
    }

    @Test func theKeyNamesEveryFileAndItsOrder() throws {
        let one = try temporaryFile("a\n")
        let two = try temporaryFile("b\n")
        defer { for path in [one, two] { try? FileManager.default.removeItem(atPath: path) } }
        let both = try #require(FileStamp.key(of: [one, two], settling: 0))
        #expect(FileStamp.key(of: [one], settling: 0) != both)
        #expect(FileStamp.key(of: [two, one], settling: 0) != both)
    }
}
