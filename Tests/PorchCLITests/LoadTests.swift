import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 8's load: four `porch submit` processes at once while two scripted moderators decide and `porch publish`
/// runs in a loop; afterwards every post is in the queue once, decided and published at most once, the feed parses
/// and the history is complete.
///
/// `make test` has each submitter send 2,000 posts (release build), so the test stays within a couple of minutes.
/// `scripts/load-test.sh 25000` runs the full size with the release build: it sets `PORCH_LOAD_POSTS` (posts per
/// submitter) and `PORCH_LOAD_PORCH` (the porch binary to load). A moderator or `porch publish` that gives up
/// waiting for the queue's lock is counted, not failed: that is the bounded wait working, and the checks afterwards
/// prove nothing was lost or doubled by it.
@Suite struct LoadTests {
    private static let environment = ProcessInfo.processInfo.environment
    private static let postsPerSubmitter = environment["PORCH_LOAD_POSTS"].flatMap { Int($0) } ?? 2_000
    private static let porch =
        environment["PORCH_LOAD_PORCH"].flatMap { $0.isEmpty ? nil : $0 }
        ?? PorchProcess.executable.path

    @Test func fourSubmittersTwoModeratorsAndAPublisherLoseAndDoubleNothing() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let count = Self.postsPerSubmitter
        let submitters = 4
        let group = fixture.group.path

        // Each submitter's input, every post different (a few with a phone number to scrub).
        let topics = [
            "the four month sleep regression", "going back to work after leave", "cluster feeding in the evening",
            "a toddler who bites at daycare", "telling family about a loss", "night weaning a one year old",
        ]
        var inputs: [URL] = []
        for submitter in 0..<submitters {
            var text = ""
            text.reserveCapacity(count * 120)
            for index in 0..<count {
                let topic = topics[(index + submitter) % topics.count]
                let phone = index % 10 == 0 ? " Text me on (312) 555-\(String(format: "%04d", index % 10_000))." : ""
                text +=
                    "{\"id\": \"load-\(submitter)-\(index)\", \"text\": \"Post \(submitter)-\(index) about "
                    + "\(topic): what helped you most?\(phone)\"}\n"
            }
            let url = fixture.folder.appendingPathComponent("submitter-\(submitter).jsonl")
            try text.write(to: url, atomically: true, encoding: .utf8)
            inputs.append(url)
        }

        let done = LoadFlag()
        let moderators = [
            LoadModerator(name: "mod-a", takesFirst: true), LoadModerator(name: "mod-b", takesFirst: false),
        ]
        let publisher = LoadPublisher()
        let finished = DispatchGroup()
        for moderator in moderators {
            finished.enter()
            Thread.detachNewThread {
                moderator.run(porch: Self.porch, group: group, until: done)
                finished.leave()
            }
        }
        let publisherFinished = DispatchGroup()
        publisherFinished.enter()
        Thread.detachNewThread {
            publisher.run(porch: Self.porch, group: group, until: done)
            publisherFinished.leave()
        }

        let started = Date()
        let running = try inputs.map { input in
            try FaultKit.start(
                ["submit", "--format", "jsonl", "--json", "--dir", group], executable: Self.porch, stdin: .file(input))
        }
        let outcomes = running.map { $0.finish() }
        let submitSeconds = Date().timeIntervalSince(started)
        done.set()
        finished.wait()
        publisherFinished.wait()
        // One last publish after the moderators stopped, so every approved post goes out.
        let last = try FaultKit.run(Self.porch, ["publish", "--dir", group])
        #expect(last.status == 0 || last.status == 3, "\(last.stderr)")

        // Every submitter stored every post and said so.
        var acknowledged: [String: Int] = [:]
        for (submitter, outcome) in outcomes.enumerated() {
            #expect(outcome.status == 0, "submitter \(submitter): \(outcome.stderr.prefix(2_000))")
            let lines = try outcome.jsonLines()
            #expect(lines.count == count, "submitter \(submitter) acknowledged \(lines.count) of \(count)")
            for line in lines {
                guard let external = line["external_id"] as? String, let id = line["id"] as? Int else {
                    Issue.record("submitter \(submitter) did not store a post: \(line)")
                    continue
                }
                #expect(acknowledged.updateValue(id, forKey: external) == nil, "\(external) acknowledged twice")
            }
        }

        // Every post is in the queue exactly once, under the id it was acknowledged with, with a full history.
        let facts = try FaultKit.QueueFacts.read(fixture.dataFolder.appendingPathComponent("queue.sqlite").path)
        #expect(facts.integrity == ["ok"])
        #expect(facts.posts.count == submitters * count)
        var byExternal: [String: Int] = [:]
        var problems: [String] = []
        var states: [String: Int] = [:]
        for post in facts.posts {
            states[post.state, default: 0] += 1
            if let external = post.externalID {
                if byExternal.updateValue(post.id, forKey: external) != nil { problems.append("\(external) twice") }
            }
            if post.submitted != 1 { problems.append("post \(post.id): \(post.submitted) submitted entries") }
            if post.decisions > 1 { problems.append("post \(post.id): decided \(post.decisions) times") }
            if post.published > 1 { problems.append("post \(post.id): published \(post.published) times") }
            let decided = ["approved", "rejected", "spam", "published"].contains(post.state)
            if post.decisions != (decided ? 1 : 0) { problems.append("post \(post.id) is \(post.state)") }
            if post.published != (post.state == "published" ? 1 : 0) {
                problems.append("post \(post.id) is \(post.state) with \(post.published) published entries")
            }
        }
        #expect(byExternal == acknowledged, "the queue does not hold exactly the acknowledged posts")
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10))")

        // What the moderators were told they decided holds, and no post was reported decided twice.
        let postsByID = Dictionary(uniqueKeysWithValues: facts.posts.map { ($0.id, $0) })
        var decidedBy: [Int: String] = [:]
        for moderator in moderators {
            for decision in moderator.decisions {
                if let other = decidedBy.updateValue(moderator.name, forKey: decision.id) {
                    problems.append("post \(decision.id) decided by \(other) and \(moderator.name)")
                }
                let post = postsByID[decision.id]
                let state = post?.state == "published" ? "approved" : post?.state
                if state != decision.state || post?.decidedBy != moderator.name {
                    problems.append("post \(decision.id) was printed \(decision.state), is \(post?.state ?? "missing")")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(moderators.allSatisfy { !$0.decisions.isEmpty }, "a moderator decided nothing")

        // The feed parses, and each published post is in it at most once (the feed keeps the newest 200).
        let feeds = try Self.parseFeeds(group: fixture.group)
        let publishedEntries = Set(facts.posts.filter { $0.state == "published" }.compactMap(\.entryID))
        #expect(Set(feeds.atom).count == feeds.atom.count, "an entry appears twice in the Atom feed")
        #expect(Set(feeds.json).count == feeds.json.count, "an item appears twice in the JSON feed")
        #expect(Set(feeds.atom) == Set(feeds.json))
        #expect(
            Set(feeds.atom).isSubset(of: publishedEntries), "the feed holds a post the queue does not call published")
        #expect(feeds.atom.count == min(200, publishedEntries.count))
        #expect(publishedEntries.count > 0, "nothing was published")

        let commands = moderators.flatMap(\.timings)
        let longest = commands.max { $0.seconds < $1.seconds }
        let conflicts = moderators.map(\.conflicts).reduce(0, +)
        let lockFailures = moderators.map(\.lockFailures).reduce(0, +)
        let decisions = moderators.map(\.decisions.count).reduce(0, +)
        print(
            """
            load: \(submitters) submitters × \(count) posts = \(submitters * count) posts in \
            \(String(format: "%.1f", submitSeconds)) s → \(Int(Double(submitters * count) / submitSeconds)) posts/s \
            (\(Self.porch))
            load: moderators ran \(commands.count) commands, decided \(decisions), \(conflicts) conflicts, \
            \(lockFailures) gave up on the lock; longest command \
            \(String(format: "%.2f", longest?.seconds ?? 0)) s (\(longest?.command ?? "-"))
            load: publish ran \(publisher.runs) times, longest \(String(format: "%.2f", publisher.longest)) s, \
            \(publisher.lockGiveUps) gave up on the lock, \(publisher.failures.count) other failures; \
            \(publishedEntries.count) posts published; final states \
            \(states.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            """)
        #expect(publisher.failures.isEmpty, "publish failed: \(publisher.failures.prefix(3))")
    }

    /// The entry ids of both feed files, parsed by python3 (feedparser, and a strict XML parser for Atom).
    private static func parseFeeds(group: URL) throws -> (atom: [String], json: [String]) {
        let script = """
            import json, sys, xml.etree.ElementTree as ET
            try:
                import feedparser
            except ImportError:
                sys.exit("feedparser is missing: run scripts/setup.sh --test")
            ET.parse(sys.argv[1])
            parsed = feedparser.parse(sys.argv[1])
            if parsed.bozo:
                sys.exit("feedparser: %r" % (parsed.bozo_exception,))
            with open(sys.argv[2], encoding="utf-8") as handle:
                items = json.load(handle)["items"]
            print(json.dumps({"atom": [entry.id for entry in parsed.entries], "json": [item["id"] for item in items]}))
            """
        let feed = group.appendingPathComponent("feed")
        let outcome = try FaultKit.run(
            "/usr/bin/env",
            [
                "python3", "-c", script, feed.appendingPathComponent("feed.atom").path,
                feed.appendingPathComponent("feed.json").path,
            ])
        guard outcome.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: [String]]
        else { throw DecisionFixtureError.failed("parsing the feeds", outcome.stderr) }
        return (object["atom"] ?? [], object["json"] ?? [])
    }
}

/// Set once, read from several threads.
final class LoadFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// One porch command's wall time.
struct LoadTiming {
    let command: String
    let seconds: Double
}

/// A scripted moderator: lists pending posts, then approves half and rejects half of a batch with
/// `--expect-version`, until the submitters are done and a few more rounds have run.
final class LoadModerator: @unchecked Sendable {
    let name: String
    private let takesFirst: Bool
    private(set) var decisions: [FaultKit.PrintedDecision] = []
    private(set) var timings: [LoadTiming] = []
    private(set) var conflicts = 0
    private(set) var lockFailures = 0

    init(name: String, takesFirst: Bool) {
        self.name = name
        self.takesFirst = takesFirst
    }

    func run(porch: String, group: String, until done: LoadFlag) {
        let deadline = Date(timeIntervalSinceNow: 1_800)
        var roundsAfterDone = 0
        while Date() < deadline {
            let wasDone = done.isSet
            guard
                let listed = timed(
                    porch, ["queue", "list", "--state", "pending", "--json", "--limit", "200", "--dir", group]),
                let posts = try? listed.jsonLines()
            else { continue }
            var batch = posts.compactMap { post -> (id: Int, version: Int)? in
                guard let id = post["id"] as? Int, let version = post["version"] as? Int else { return nil }
                return (id, version)
            }
            // One takes the head of the queue, the other a random sample of the same page: they collide often.
            batch = takesFirst ? Array(batch.prefix(20)) : Array(batch.shuffled().prefix(20))
            for version in Set(batch.map(\.version)) {
                let ids = batch.filter { $0.version == version }.map { String($0.id) }
                let half = ids.count / 2
                for (action, chosen) in [("approve", Array(ids.prefix(half))), ("reject", Array(ids.dropFirst(half)))]
                where !chosen.isEmpty {
                    var arguments = [action] + chosen + ["--expect-version", String(version), "--as", name]
                    if action == "reject" { arguments += ["--reason", "load test"] }
                    guard let outcome = timed(porch, arguments + ["--dir", group]) else { continue }
                    decisions += FaultKit.decisions(in: outcome.stdout)
                    for line in outcome.stderr.split(separator: "\n") {
                        if line.contains("was changed by") || line.contains("cannot ") { conflicts += 1 }
                        if line.contains("locked by another") { lockFailures += 1 }
                    }
                }
            }
            if wasDone {
                roundsAfterDone += 1
                if roundsAfterDone >= 3 || batch.isEmpty { break }
            }
        }
    }

    /// Runs porch and records its wall time; nil when it could not be started.
    private func timed(_ porch: String, _ arguments: [String]) -> PorchProcess.Outcome? {
        let started = Date()
        let outcome = try? FaultKit.run(porch, arguments)
        let ids = arguments.dropFirst().prefix { Int($0) != nil }.count
        let command = ids > 0 ? "\(arguments[0]) of \(ids) post(s)" : arguments.prefix(2).joined(separator: " ")
        timings.append(LoadTiming(command: command, seconds: Date().timeIntervalSince(started)))
        return outcome
    }
}

/// `porch publish` in a loop until the submitters are done.
final class LoadPublisher: @unchecked Sendable {
    private(set) var runs = 0
    private(set) var longest = 0.0
    private(set) var failures: [String] = []
    /// Runs that gave up waiting for the queue's lock (reported, and made good by the next run).
    private(set) var lockGiveUps = 0

    func run(porch: String, group: String, until done: LoadFlag) {
        let deadline = Date(timeIntervalSinceNow: 1_800)
        while !done.isSet && Date() < deadline {
            let started = Date()
            guard let outcome = try? FaultKit.run(porch, ["publish", "--dir", group]) else { return }
            longest = max(longest, Date().timeIntervalSince(started))
            runs += 1
            if outcome.stderr.contains("locked by another porch process") {
                lockGiveUps += 1
            } else if outcome.status != 0 && outcome.status != 3 {
                failures.append(outcome.stderr)
            }
            usleep(200_000)
        }
    }
}
