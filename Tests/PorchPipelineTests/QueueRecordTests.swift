import Foundation
import PorchIntake
import PorchModel
import PorchPipeline
import PorchQueue
import PorchRules
import PorchScreening
import Testing

/// The verdict-to-queue mapping: what a post becomes in the queue, and the fail-closed rules it keeps.
@Suite struct QueueRecordTests {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rules").path

    static let screener: Screener? = {
        guard let (set, _) = try? RuleLoader.load(directory: rules) else { return nil }
        return try? Screener(rules: set)
    }()

    private func record() throws -> QueueRecord {
        let key = try SecretKey(bytes: Array(repeating: 7, count: SecretKey.byteCount))
        return QueueRecord(pseudonymizer: Pseudonymizer(key: key), hasher: ContentHasher(key: key))
    }

    private func newPost(_ post: IncomingPost) throws -> NewPost {
        let screener = try #require(Self.screener, "the Rules folder at \(Self.rules) does not load")
        let hidden = QueueRecord.hidden(in: post)
        let verdict = screener.session().screen(hidden.text, region: "US")
        return try record().newPost(post, hidden: hidden, verdict: verdict, receivedAt: Date())
    }

    @Test func aScrubbedPostKeepsItsRedactionsAndMatchesButNotTheNumber() throws {
        let text = "i want to kill myself tonight. my number is 555-0142 if anyone can call"
        let stored = try newPost(IncomingPost(text: text, format: .jsonl, position: .line(1)))
        let screening = stored.screening
        #expect(screening.crisisLevel == .crisis)
        #expect(screening.heldReason == nil)
        #expect(!screening.scrubbedText.contains("555-0142"))
        let phone = try #require(screening.redactions.first { $0.type == "PHONE" })
        let placeholder = screening.scrubbedText.unicodeScalars
            .dropFirst(phone.outputStart).prefix(phone.outputEnd - phone.outputStart)
        #expect(String(String.UnicodeScalarView(placeholder)) == phone.placeholder)
        #expect(screening.matches.contains { $0.lane == .crisis && $0.level == .crisis })
    }

    @Test func aPostIntakeCouldNotReadIsHeldWithNoScrubbedText() throws {
        var post = IncomingPost(text: "call me on 555-0142, Dana", format: .email, position: .whole)
        post.holdReason = "bytes that are not UTF-8 were read as \u{FFFD}"
        let screening = try newPost(post).screening
        #expect(screening.heldReason?.contains("intake: bytes that are not UTF-8") == true)
        #expect(screening.scrubbedText == "")
        #expect(screening.redactions.isEmpty)
    }

    @Test func anEmailSubjectIsScreenedWithTheBody() throws {
        let post = IncomingPost(
            text: "anyway that's all", subject: "ring me on 555-0199", format: .email, position: .whole)
        let screening = try newPost(post).screening
        #expect(!screening.scrubbedText.contains("555-0199"))
        #expect(screening.redactions.contains { $0.type == "PHONE" })
    }

    @Test func theSameAuthorGetsTheSameAliasAndNoAuthorIsAnonymous() throws {
        let record = try record()
        let author = Author(name: "Some One", address: "someone@example.org")
        #expect(record.identity(of: author).alias == record.identity(of: author).alias)
        #expect(record.identity(of: author).alias != "Anonymous")
        #expect(record.identity(of: nil).alias == "Anonymous")
        #expect(record.identity(of: Author(name: "  ", address: nil)).alias == "Anonymous")
    }
}
