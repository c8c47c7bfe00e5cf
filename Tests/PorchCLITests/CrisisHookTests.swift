import Foundation
import Testing

/// The `on_crisis` hook's timeout ends everything the hook started, and hooks never hold up a batch
/// (issue 14, item 10).
@Suite struct CrisisHookTests {
    /// True while `pid` is a live process (a zombie waiting for its parent counts as ended).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    @Test func aHookPastItsTimeoutIsStoppedWithEverythingItStarted() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let started = fixture.folder.appendingPathComponent("grandchildren")
        let hook = try fixture.script(
            "slow-pager", "sh -c 'echo $$ >> \"\(started.path)\"; exec sleep 60' &\nsleep 60")
        try fixture.editConfig(
            replacing: "# on_crisis = \"/usr/local/bin/page-moderator\"", with: "on_crisis = \"\(hook)\"")
        try fixture.editConfig(replacing: "on_crisis_timeout = 10", with: "on_crisis_timeout = 1")
        let posts: [[String: Any]] = (1...3).map { ["text": "Night \($0): I want to kill myself tonight."] }
        let outcome = try fixture.submit(posts)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try outcome.jsonLines().count == 3, "every post is stored")
        #expect(outcome.stderr.components(separatedBy: "was stopped").count == 4, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("kill myself"))
        let pids = try String(contentsOf: started, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(pids.count == 3)
        for pid in pids { #expect(!Self.isRunning(pid), "the hook's child \(pid) outlived the timeout") }
    }
}
