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

    @Test func expectVersionGoesWithOneID() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs([["text": "First calm post."], ["text": "Second calm post."]])
        let run = try fixture.run(["approve"] + ids.map(String.init) + ["--expect-version", "1"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--expect-version is the version of one post"))
        #expect(try fixture.list().count == 2, "nothing was decided")
        let help = try PorchProcess.run(["approve", "--help"])
        #expect(!help.stdout.contains("several ids"))
    }
}
