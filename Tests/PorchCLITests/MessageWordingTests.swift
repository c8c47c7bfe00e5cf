import Foundation
import Testing

/// Messages that said the wrong thing (issue 14, item 12).
@Suite struct MessageWordingTests {
    @Test func oneFeedEntryIsOneEntry() throws {
        let group = try PublishFixture.make()
        try group.approve(try group.submit([["text": "One calm post about a good nap."]]))
        let run = try group.publish()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("the feed holds 1 entry:"), "\(run.stdout)")
        #expect(!run.stdout.contains("1 entries"))
    }

    @Test func expectVersionIsCheckedPostByPost() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs([["text": "First calm post."], ["text": "Second calm post."]])
        #expect(try fixture.run(["escalate", String(ids[1])]).status == 0)  // now at version 2
        let run = try fixture.run(["approve"] + ids.map(String.init) + ["--expect-version", "1"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("#\(ids[0]) approved"))
        #expect(run.stderr.contains("post \(ids[1]) was changed"))
        let help = try PorchProcess.run(["approve", "--help"]).stdout.split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        #expect(!help.contains("every post must be at this version"))
        #expect(help.contains("checked against V and decided or refused on its own"))
    }
}
