import Foundation
import Testing

/// A group's queue on PostgreSQL, shared by two host folders, through the real binary: `porch init --database`,
/// submitting from both hosts, the key check, a review that refreshes itself when another host changes the
/// queue, and two publishers at once. Needs a server: `PORCH_TEST_POSTGRES_URL` (`make test` starts one).
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["PORCH_TEST_POSTGRES_URL"] != nil,
        "set PORCH_TEST_POSTGRES_URL (scripts/postgres-cluster.sh start)"))
struct SharedQueueTests {
    let url = ProcessInfo.processInfo.environment["PORCH_TEST_POSTGRES_URL"] ?? ""

    /// Two host folders of one new group on the server, holding the same key.
    func twoHosts() throws -> (a: URL, b: URL, group: String) {
        let group = "shared \(UUID().uuidString.prefix(8))"
        let a = try PorchProcess.temporaryFolder()
        let b = try PorchProcess.temporaryFolder()
        for host in [a, b] {
            let run = try PorchProcess.run(["init", "--dir", host.path, "--group", group, "--database", url])
            try #require(run.status == 0, "porch init failed: \(run.stderr)")
            #expect(run.stdout.contains("PostgreSQL"))
        }
        try FileManager.default.removeItem(at: b.appendingPathComponent("data/secret.key"))
        try FileManager.default.copyItem(
            at: a.appendingPathComponent("data/secret.key"), to: b.appendingPathComponent("data/secret.key"))
        return (a, b, group)
    }

    func submit(_ text: String, to host: URL) throws -> Int64 {
        let run = try PorchProcess.run(["submit", "--dir", host.path, "--json", "--as", "intake"], stdin: text)
        try #require(run.status == 0, "porch submit failed: \(run.stderr)")
        return Int64(try #require(try run.jsonLines().first?["id"] as? Int))
    }

    /// The `id = ` line of a host's porch.toml: the group's feed id.
    func feedID(_ host: URL) throws -> String? {
        try String(contentsOf: host.appendingPathComponent("porch.toml"), encoding: .utf8)
            .components(separatedBy: "\n").first { $0.hasPrefix("id = ") }
    }

    @Test func postsFromTwoHostsLandInOneQueueAndAHostWithAnotherKeyIsRefused() throws {
        let (a, b, _) = try twoHosts()
        // Both hosts publish the group's one feed: the second host adopted the id the first one recorded.
        let id = try #require(try feedID(a))
        #expect(id.contains("urn:uuid:"))
        #expect(try feedID(b) == id)
        let first = try submit("Our first night home went better than I feared.", to: a)
        let second = try submit("Anyone else up with a newborn at 3am? Call me on (312) 555-0142.", to: b)
        #expect(second == first + 1)
        let list = try PorchProcess.run(["queue", "list", "--dir", a.path])
        #expect(list.stdout.contains("#\(first)") && list.stdout.contains("#\(second)"))
        #expect(list.stdout.contains("[phone 1]") && !list.stdout.contains("555-0142"))
        // The same post again from the other host is recognised, not stored twice.
        let again = try PorchProcess.run(
            ["submit", "--dir", a.path, "--json"],
            stdin: "Anyone else up with a newborn at 3am? Call me on (312) 555-0142.")
        #expect(again.status == 0)
        #expect(try PorchProcess.run(["queue", "list", "--dir", b.path, "--json"]).jsonLines().count == 2)

        // A third host with a key of its own would give members other aliases: it may not write.
        let c = try PorchProcess.temporaryFolder()
        let group = try String(contentsOf: a.appendingPathComponent("porch.toml"), encoding: .utf8)
            .components(separatedBy: "\n").first { $0.hasPrefix("name = ") }!.dropFirst(8).dropLast()
        #expect(
            try PorchProcess.run(["init", "--dir", c.path, "--group", String(group), "--database", url]).status == 0)
        let refused = try PorchProcess.run(["submit", "--dir", c.path], stdin: "Jane Placeholder wrote this")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("secret key") && !refused.stderr.contains("Jane"))
    }

    @Test func aPasswordInTheURLIsRefusedAndNeverEchoed() throws {
        let folder = try PorchProcess.temporaryFolder()
        let withPassword = url.replacingOccurrences(of: "://porch@", with: "://porch:s3cret-pw@")
        let run = try PorchProcess.run(["init", "--dir", folder.path, "--database", withPassword])
        #expect(run.status != 0)
        #expect(run.stderr.contains("PGPASSWORD") && !run.stderr.contains("s3cret-pw"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("porch.toml").path))
    }

    @Test func anOpenReviewShowsAnotherHostsCrisisPostAndDecisionWithoutAKeypress() throws {
        let (a, b, _) = try twoHosts()
        let routine = try submit("Made banana bread with the little one today.", to: a)
        let review = try TmuxSession(
            command: [PorchProcess.executable.path, "review", "--dir", a.path, "--as", "ana"], width: 100, height: 24,
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PORCH_RULES": PorchProcess.rules])
        defer { review.kill() }
        try review.waitFor("the routine post", timeout: 60) { $0.joined().contains("Made banana bread") }

        let submitStarted = Date()
        let crisis = try submit("I can't do this anymore. I have the pills ready and tonight is the night.", to: b)
        // Stored and committed when submit returns: from here the review has only to hear of it.
        let started = Date()
        let rows = try review.waitFor("the crisis post from the other host", timeout: 5) {
            $0.joined().contains("I can't do this")
        }
        let seconds = Date().timeIntervalSince(started)
        // Crisis first: the new post is above the routine one, and it came in without a key being pressed.
        let crisisRow = try #require(rows.firstIndex { $0.contains("I can't do this") })
        let routineRow = try #require(rows.firstIndex { $0.contains("Made banana bread") })
        #expect(rows[crisisRow].contains("CRISIS"))
        _ = crisis
        #expect(crisisRow < routineRow)
        // Issue 18 asks for 1 s; the bound here leaves room for a busy CI machine, and the figure is printed.
        #expect(seconds < 5, "took \(seconds) s")
        let sinceStart = Date().timeIntervalSince(submitStarted)
        print(
            "shared queue: the crisis post appeared in the other host's open review "
                + String(format: "%.2f s after porch submit returned, %.2f s after it started", seconds, sinceStart))

        // Another moderator on host B decides the routine post: it leaves A's list of open posts by itself.
        let approve = try PorchProcess.run(["approve", String(routine), "--dir", b.path, "--as", "ben"])
        #expect(approve.status == 0)
        try review.waitFor("the routine post to leave the list", timeout: 5) { rows in
            !rows.contains { $0.contains("Made banana bread") }
        }
    }

    @Test func twoPublishersOnTwoHostsPublishEachPostOnce() throws {
        let (a, b, _) = try twoHosts()
        var ids: [Int64] = []
        for number in 1...12 { ids.append(try submit("Routine update number \(number) from the night feeds.", to: a)) }
        let approve = try PorchProcess.run(["approve"] + ids.map(String.init) + ["--dir", b.path, "--as", "ben"])
        try #require(approve.status == 0, "\(approve.stderr)")
        // Run the two publishers at the same time.
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let host = index == 0 ? a : b
            statuses.set(
                index, (try? PorchProcess.run(["publish", "--dir", host.path, "--as", "pub\(index)"]))?.status)
        }
        #expect(statuses.all == [0, 0])
        // Both feeds hold every post: the second publisher found them published and wrote its feed from the queue.
        for host in [a, b] {
            let feed = try String(contentsOf: host.appendingPathComponent("feed/feed.json"), encoding: .utf8)
            #expect(ids.allSatisfy { feed.contains("Routine update number \($0 - ids[0] + 1) ") })
        }
        for id in ids {
            let show = try PorchProcess.run(["queue", "show", String(id), "--dir", a.path, "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            #expect(object["state"] as? String == "published")
            let history = try #require(object["history"] as? [[String: Any]])
            #expect(history.filter { $0["action"] as? String == "published" }.count == 1)
        }
    }
}

/// Exit statuses written from several threads.
final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Int32?] = [:]

    func set(_ index: Int, _ status: Int32?) {
        lock.lock()
        values[index] = status
        lock.unlock()
    }

    var all: [Int32?] {
        lock.lock()
        defer { lock.unlock() }
        return values.keys.sorted().map { values[$0]! }
    }
}
