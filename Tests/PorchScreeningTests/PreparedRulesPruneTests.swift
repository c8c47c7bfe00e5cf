import Foundation
import Testing

@testable import PorchScreening

/// The prepared folders kept between runs stay few: the files used longest ago go first, and a partial file a
/// killed command left goes once it is an hour old.
@Suite struct PreparedRulesPruneTests {
    @Test func theFilesUsedLongestAgoGoFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prepared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date()
        func file(_ name: String, usedSecondsAgo age: Double) throws {
            let path = folder.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])))
            try FileManager.default.setAttributes(
                [.modificationDate: now.addingTimeInterval(-age)], ofItemAtPath: path)
        }
        for index in 0..<8 { try file("rules-\(index)-all-few", usedSecondsAgo: Double(index) * 60) }
        try file(".rules-8-all-few.123", usedSecondsAgo: 7200)
        try file(".rules-9-all-few.456", usedSecondsAgo: 10)

        PreparedRules.prune(folder.path, limit: 5)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == Set((0..<5).map { "rules-\($0)-all-few" } + [".rules-9-all-few.456"]))
    }
}
