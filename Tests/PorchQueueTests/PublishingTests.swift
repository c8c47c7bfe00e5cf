import Foundation
import Testing

@testable import PorchQueue

@Suite struct PublishingTests {
    @Test func listsApprovedPostsAndMarksThemPublishedOnce() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let ids = try queue.submit((1...3).map { plainPost("post \($0)") }, actor: "intake").compactMap(\.id)
        let t = Date(timeIntervalSince1970: 1_760_000_000)
        try queue.approve(id: ids[1], actor: "mod", at: t)
        try queue.approve(id: ids[0], actor: "mod", at: t + 60)
        let waiting = try queue.approvedForPublishing()
        #expect(waiting.map(\.id) == [ids[1], ids[0]])
        #expect(waiting[0].scrubbedText == "post 2" && waiting[0].alias == "Quiet Heron 42")
        #expect(waiting[0].approvedAt == t && waiting[0].publishedAt == nil)
        let entry = try queue.post(id: ids[1]).entryID
        #expect(waiting[0].entryID == entry)

        let marks = waiting.map { PublishMark(id: $0.id, textHash: ContentHasher.sha256Hex(of: $0.scrubbedText)) }
        #expect(try queue.markPublished(marks, actor: "publisher", at: t + 120) == [ids[1], ids[0]])
        #expect(try queue.approvedForPublishing().isEmpty)
        #expect(try queue.markPublished(marks, actor: "publisher", at: t + 999).isEmpty)
        let published = try queue.post(id: ids[1])
        #expect(published.state == .published && published.publishedAt == t + 120)
        #expect(published.publishedTextHash == ContentHasher.sha256Hex(of: "post 2"))
        #expect(published.entryID == entry)
        #expect(try queue.history(id: ids[1]).filter { $0.action == .published }.count == 1)
        #expect(try queue.publishedPosts().map(\.id).sorted() == [ids[0], ids[1]].sorted())
        #expect(throws: QueueError.self) { try queue.approve(id: ids[1], actor: "mod") }
    }

    @Test func publishingAnUnapprovedPostMarksNothing() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let ids = try queue.submit([plainPost("approved"), plainPost("pending")], actor: "intake").compactMap(\.id)
        try queue.approve(id: ids[0], actor: "mod")
        #expect(throws: QueueError.self) {
            try queue.markPublished(
                [PublishMark(id: ids[0], textHash: "a"), PublishMark(id: ids[1], textHash: "b")], actor: "publisher")
        }
        #expect(try queue.post(id: ids[0]).state == .approved)
        #expect(try queue.post(id: ids[1]).state == .pending)
        #expect(throws: QueueError.notFound(id: 999)) {
            try queue.markPublished([PublishMark(id: 999, textHash: "a")], actor: "publisher")
        }
    }
}
