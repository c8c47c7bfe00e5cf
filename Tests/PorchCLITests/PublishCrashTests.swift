import Foundation
import PorchQueue
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `porch publish` killed with SIGKILL: the feed stays valid and every post is published exactly once.
@Suite struct PublishCrashTests {
    @Test func killedBetweenWritingTheFeedAndMarkingThePostsEachPostGoesOutOnce() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit((1...5).map { ["text": "Post number \($0) about naps."] })
        try group.approve(ids)

        let killed = try group.publish(environment: ["PORCH_PUBLISH_FAULT": "after-feed"])
        #expect(killed.status == SIGKILL, "the fault point must kill the publisher")
        // Both files are new and valid, but the queue still calls the posts approved.
        let written = try group.parseFeeds()
        #expect(written.atom.entries.count == 5)
        let queue = try group.queue()
        #expect(try ids.allSatisfy { try queue.post(id: $0).state == .approved })

        let again = try group.publish()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("published 5 post(s)"))
        let feeds = try group.parseFeeds()
        let entryIDs = try ids.map { try #require(try queue.post(id: $0).entryID) }
        #expect(feeds.atom.entries.map(\.id).sorted() == entryIDs.sorted())
        #expect(feeds.json.items.map(\.id).sorted() == entryIDs.sorted())
        #expect(Set(written.atom.entries.map(\.id)) == Set(entryIDs), "the ids must not change across the crash")
        for id in ids {
            #expect(try queue.post(id: id).state == .published)
            #expect(try queue.history(id: id).filter { $0.action == .published }.count == 1)
        }
    }

    @Test func killedBetweenTheTwoFilesTheNextRunBringsBothInLine() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit([["text": "Swaddle or sleep sack?"], ["text": "Daycare starts Monday."]])
        try group.approve([ids[0]])
        #expect(try group.publish().status == 0)
        try group.approve([ids[1]])

        let killed = try group.publish(environment: ["PORCH_PUBLISH_FAULT": "after-atom"])
        #expect(killed.status == SIGKILL)
        let torn = try group.parseFeeds()
        #expect(torn.atom.entries.count == 2)
        #expect(torn.json.items.count == 1, "the JSON file is still the old, valid one")
        #expect(try group.queue().post(id: ids[1]).state == .approved)

        #expect(try group.publish().status == 0)
        let feeds = try group.parseFeeds()
        #expect(Set(feeds.json.items.map(\.id)) == Set(feeds.atom.entries.map(\.id)))
        #expect(feeds.json.items.count == 2)
        let stray = try FileManager.default.contentsOfDirectory(atPath: group.root.appendingPathComponent("feed").path)
        #expect(stray.sorted() == ["feed.atom", "feed.json"])
    }

    @Test func killNineAtRandomMomentsLosesAndDoublesNothing() throws {
        let group = try PublishFixture.make()
        let count = 240
        let ids = try group.submit(
            (1...count).map { ["text": "Update \($0): the baby slept \($0 % 9) hours & we are <almost> human again."] })
        try group.approve(Array(ids.prefix(200)))

        // How long one run takes here, so the kills spread over the whole run (a measure, never asserted).
        let probeStart = Date()
        let probe = try group.publish(["--dry-run"])
        #expect(probe.status == 0, "\(probe.stderr)")
        let runSeconds = max(Date().timeIntervalSince(probeStart), 0.05)

        var approvedSoFar = 200
        for round in 0..<8 {
            let process = try Self.startPublish(group)
            usleep(UInt32(Double.random(in: 0...(runSeconds * 1.2)) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Whatever moment it died at, what is on disk parses, and no entry is there twice.
            // (Killed during the very first write, the JSON file may not exist yet; the Atom file then does.)
            let feeds = try group.parseFeeds(allowMissing: true)
            #expect(Set(feeds.atom.entries.map(\.id)).count == feeds.atom.entries.count, "round \(round)")
            #expect(Set(feeds.json.items.map(\.id)).count == feeds.json.items.count, "round \(round)")
            // Posts approved after a crash are published exactly once too.
            if round % 2 == 1, approvedSoFar < count {
                try group.approve(Array(ids[approvedSoFar..<min(approvedSoFar + 10, count)]))
                approvedSoFar = min(approvedSoFar + 10, count)
            }
        }
        try group.approve(Array(ids[approvedSoFar...]))
        let final = try group.publish()
        #expect(final.status == 0, "\(final.stderr)")

        let queue = try group.queue()
        let feeds = try group.parseFeeds()
        #expect(feeds.atom.entries.count == 200)
        #expect(Set(feeds.atom.entries.map(\.id)).count == 200)
        #expect(Set(feeds.json.items.map(\.id)) == Set(feeds.atom.entries.map(\.id)))
        var publishedAt: [String: Date] = [:]
        for id in ids {
            let post = try queue.post(id: id)
            #expect(post.state == .published, "post \(id)")
            #expect(try queue.history(id: id).filter { $0.action == .published }.count == 1, "post \(id)")
            publishedAt[post.entryID ?? ""] = post.publishedAt
        }
        #expect(publishedAt.count == count)
        let inFeed = Set(feeds.atom.entries.map(\.id))
        #expect(inFeed.isSubset(of: Set(publishedAt.keys)))
        // The feed holds the most recently published 200; older ones stay published in the queue only.
        let oldestInFeed = try #require(inFeed.compactMap { publishedAt[$0] }.min())
        let newestOutside = publishedAt.filter { !inFeed.contains($0.key) }.values.max() ?? .distantPast
        #expect(newestOutside <= oldestInFeed)
    }

    @Test func twoPublishersAtOnceNeverPublishAPostTwice() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit((1...60).map { ["text": "Bottle question number \($0)."] })
        try group.approve(ids)
        let first = try Self.startPublish(group)
        let second = try Self.startPublish(group)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        let queue = try group.queue()
        for id in ids {
            #expect(try queue.history(id: id).filter { $0.action == .published }.count == 1, "post \(id)")
        }
        let feeds = try group.parseFeeds()
        #expect(feeds.atom.entries.count == 60)
        #expect(Set(feeds.atom.entries.map(\.id)).count == 60)
    }

    @Test func aSecondPublisherWaitsForTheLock() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit([["text": "Reflux remedies that worked for us."]])
        try group.approve(ids)
        let lockPath = group.root.appendingPathComponent("data/publish.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX) == 0)

        let waiting = try Self.startPublish(group)
        // A run takes a fraction of a second here; give it ten times that to show it is waiting, not finishing.
        for _ in 0..<60 where waiting.isRunning { usleep(50_000) }
        // While another publisher holds the lock, nothing is written and nothing is marked.
        #expect(waiting.isRunning)
        #expect(!FileManager.default.fileExists(atPath: group.atomPath))
        #expect(try group.queue().post(id: ids[0]).state == .approved)

        flock(descriptor, LOCK_UN)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        #expect(try group.queue().post(id: ids[0]).state == .published)
        #expect(try group.parseFeeds().atom.entries.count == 1)
    }

    /// Starts `porch publish` on `group` without waiting; its output is discarded.
    private static func startPublish(_ group: PublishFixture) throws -> Process {
        let process = Process()
        process.executableURL = PorchProcess.executable
        process.arguments = ["publish", "--dir", group.root.path, "--as", "crash-test"]
        var environment = ProcessInfo.processInfo.environment
        environment["PORCH_RULES"] = PorchProcess.rules
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
