import Foundation
import PorchQueue
import Testing

/// What an unlucky day must not do to a published feed (issue 14, items 2 to 4): a missing queue is never
/// re-created behind the operator's back, the feed never shrinks, both feed files change together with the queue,
/// and a redaction a moderator restored stays restored at publish.
@Suite(.serialized) struct PublishSafetyTests {
    static func posts(_ count: Int, tag: String) -> [[String: Any]] {
        (0..<count).map { index in
            [
                "id": "\(tag)-\(index)",
                "text": "Week \(index) \(tag): the nights are long and the mornings longer. "
                    + String(
                        repeating: "We walked to the park, fed the ducks and came home tired but happy. ", count: 6),
            ]
        }
    }

    @Test func aMissingQueueIsRefusedByEveryCommandAndNotRecreated() throws {
        let group = try PublishFixture.make()
        try group.approve(try group.submit(Self.posts(2, tag: "a")))
        #expect(try group.publish().status == 0)
        try FileManager.default.removeItem(atPath: group.queuePath)
        for arguments in [
            ["queue", "list"], ["publish"], ["approve", "1"], ["submit", "--format", "text"],
        ] {
            let run = try PorchProcess.run(arguments + ["--dir", group.root.path], stdin: "A post.")
            #expect(run.status != 0, "\(arguments) must refuse a group without its queue")
            #expect(run.stderr.contains("missing"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("porch init"), "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: group.queuePath), "\(arguments) re-created the queue")
        }
    }

    @Test func publishNeverShrinksTheFeedWhenTheQueueWasReplaced() throws {
        let group = try PublishFixture.make()
        try group.approve(try group.submit(Self.posts(3, tag: "a")))
        #expect(try group.publish().status == 0)
        let atomBefore = try Data(contentsOf: URL(fileURLWithPath: group.atomPath))
        let jsonBefore = try Data(contentsOf: URL(fileURLWithPath: group.jsonPath))
        // The queue is lost and `porch init` makes a new, empty one; one new post is approved.
        try FileManager.default.removeItem(atPath: group.queuePath)
        let again = try PorchProcess.run(["init", "--dir", group.root.path])
        #expect(again.status == 0, "\(again.stderr)")
        try group.approve(try group.submit(Self.posts(1, tag: "b")))
        let run = try group.publish()
        #expect(run.status != 0)
        #expect(run.stderr.contains("3 published post(s) the queue has no record of"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.atomPath)) == atomBefore)
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.jsonPath)) == jsonBefore)
        #expect(try group.queue().publishedPosts().isEmpty)
    }

    @Test func aFullDiskDuringPublishChangesNeitherFeedNorQueue() throws {
        let group = try PublishFixture.make()
        try group.approve(try group.submit(Self.posts(30, tag: "first")))
        // The feed folder becomes a small tmpfs holding the published files.
        let feed = group.root.appendingPathComponent("feed").path
        let saved = group.root.appendingPathComponent("feed-saved").path
        try FileManager.default.moveItem(atPath: feed, toPath: saved)
        try FileManager.default.createDirectory(atPath: feed, withIntermediateDirectories: false)
        if let problem = FaultKit.mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", feed]) {
            Issue.record("cannot mount a tmpfs on \(feed) (\(problem)); this test needs root with permission to mount")
            return
        }
        defer { FaultKit.unmount(feed) }
        #expect(try group.publish().status == 0)
        let atomBefore = try Data(contentsOf: URL(fileURLWithPath: group.atomPath))
        let jsonBefore = try Data(contentsOf: URL(fileURLWithPath: group.jsonPath))

        // Room for a new Atom file (twice the old) but not for both new files.
        var info = statvfs()
        statvfs(feed, &info)
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let keepFree = 2 * atomBefore.count + 16_384
        let filler = feed + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: max(0, free - keepFree))))
        let second = try group.submit(Self.posts(30, tag: "second"))
        try group.approve(second)

        let run = try group.publish()
        #expect(run.status != 0, "publish must fail on a full disk")
        #expect(run.stderr.contains("No post was marked published"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.atomPath)) == atomBefore, "the Atom file changed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.jsonPath)) == jsonBefore, "the JSON file changed")
        let queue = try group.queue()
        #expect(try second.allSatisfy { try queue.post(id: $0).state == .approved })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: feed).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        try FileManager.default.removeItem(atPath: filler)
        #expect(try group.publish().status == 0)
        let feeds = try group.parseFeeds()
        #expect(feeds.atom.entries.count == 60 && feeds.json.items.count == 60)
        #expect(Set(feeds.atom.entries.map(\.id)) == Set(feeds.json.items.map(\.id)))
    }

    @Test func aRestoredRedactionStaysRestoredAtPublish() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit([["text": "The clinic's out-of-hours line (312) 555-0142 was kind to me at 3am."]])
        let shown = try PorchProcess.run(["queue", "show", "\(ids[0])", "--json", "--dir", group.root.path])
        let object = try #require(try shown.jsonLines().first)
        let redactions = try #require(object["redactions"] as? [[String: Any]])
        let phone = try #require(redactions.firstIndex { ($0["type"] as? String) == "PHONE" })
        let restore = try PorchProcess.run(
            ["restore", "\(ids[0])", "\(phone + 1)", "--as", "alice", "--dir", group.root.path])
        #expect(restore.status == 0, "\(restore.stderr)")
        try group.approve(ids)
        let run = try group.publish()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try group.queue().post(id: ids[0]).state == .published)
        let feed = try String(contentsOfFile: group.jsonPath, encoding: .utf8)
        #expect(feed.contains("555-0142"), "the restored value is published as the moderator decided")
    }
}
