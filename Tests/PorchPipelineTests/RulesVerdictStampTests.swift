import Foundation
import PorchPipeline
import PorchRules
import Testing

/// A remembered pass is found by the folder's stamps once its files have settled, so a command reads no file to
/// know it; an edit of the same size gives the folder other stamps and another digest.
@Suite struct RulesVerdictStampTests {
    @Test func aPassIsRememberedUnderTheStampsOnceTheFilesHaveSettled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("pii"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("pii/a.toml")
        // Its own bytes: a pass remembered for another run's folder must not be found here.
        let unique = UUID().uuidString
        try "# rule file \(unique)\n".write(to: file, atomically: false, encoding: .utf8)

        #expect(RulesVerdict.stampKey(of: folder.path) == nil, "a file written just now has no stamp to trust")
        let fresh = RulesVerdict.Digesting(folder.path)
        #expect(!fresh.remembered)
        fresh.rememberPass()
        #expect(RulesVerdict.Digesting(folder.path).remembered, "remembered under the digest")

        // Settled: the digest finds the pass and remembers it under the stamps as well.
        Thread.sleep(forTimeInterval: Double(FileStamp.settling) / 1e9 + 0.1)
        let stamps = try #require(RulesVerdict.stampKey(of: folder.path))
        #expect(!RulesVerdict.remembered(stamps))
        #expect(RulesVerdict.Digesting(folder.path).remembered)
        #expect(RulesVerdict.remembered(stamps))

        // The same number of bytes written in place: other stamps, another digest, no pass.
        let handle = try #require(FileHandle(forWritingAtPath: file.path))
        try handle.write(contentsOf: Data("# rule-file \(unique)\n".utf8))
        try handle.close()
        #expect(RulesVerdict.stampKey(of: folder.path, settling: 0) != stamps)
        #expect(!RulesVerdict.Digesting(folder.path).remembered)
    }
}
