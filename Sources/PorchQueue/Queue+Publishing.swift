import Foundation
import PorchModel

extension Queue {
    /// Approved posts not yet in the feed, oldest approval first.
    public func approvedForPublishing() throws -> [ApprovedPost] {
        try read { db in
            try db.rows(Queue.selectPost + " WHERE state = 'approved' ORDER BY approvedAt, id", [StoreValue]()).map {
                row in
                var post = Queue.approvedPost(from: row)
                post.keptValues = try KeptValues.load(postID: post.id, db: db)
                return post
            }
        }
    }

    /// Posts already in the feed, newest publication first (for rewriting the feed files whole).
    public func publishedPosts(limit: Int? = nil) throws -> [ApprovedPost] {
        try read { db in
            try db.rows(
                Queue.selectPost + " WHERE state = 'published' ORDER BY publishedAt DESC, id DESC LIMIT ?",
                Int64(limit ?? Int.max)
            ).map(Queue.approvedPost(from:))
        }
    }

    /// Records that the publisher wrote these posts to the feed, in one transaction; returns the ids newly marked.
    ///
    /// Idempotent: a post already published is left as it is (its first hash and time stay). Throws
    /// ``QueueError/notAllowed(id:action:state:reason:)`` if any post is not approved; then nothing is marked.
    @discardableResult
    public func markPublished(_ marks: [PublishMark], actor: String, at now: Date = Date()) throws -> [Int64] {
        let actor = try Queue.checkedActor(actor)
        return try write { db in
            let stamp = now.timeIntervalSince1970
            var marked: [Int64] = []
            for receipt in marks {
                guard let raw = try db.row("SELECT state FROM post WHERE id = ?", receipt.id)?[0].text else {
                    throw QueueError.notFound(id: receipt.id)
                }
                let state = PostState(rawValue: raw) ?? .pending
                if state == .published { continue }
                guard state == .approved else {
                    throw QueueError.notAllowed(
                        id: receipt.id, action: "publish", state: state, reason: "only approved posts are published")
                }
                try db.execute(
                    """
                    UPDATE post SET state = 'published', publishedAt = ?, publishedTextHash = ?,
                        version = version + 1, updatedAt = ?
                    WHERE id = ? AND state = 'approved'
                    """, stamp, receipt.textHash, stamp, receipt.id)
                // Published: never screened again, so what was restored in it need not be remembered.
                try KeptValues.forget(postID: receipt.id, db: db)
                try Queue.appendHistory(
                    db: db, postID: receipt.id, at: stamp, actor: actor, action: .published, from: .approved,
                    to: .published, detail: "written to the feed; text hash \(receipt.textHash)")
                marked.append(receipt.id)
            }
            return marked
        }
    }

    /// An approved or published post from a row of `selectPost` (columns by position, as `postColumns`).
    static func approvedPost(from row: StoreRow) -> ApprovedPost {
        ApprovedPost(
            id: row[0].integer ?? 0, entryID: row[22].text ?? "", alias: row[12].text ?? "",
            pseudonym: row[11].text ?? "", receivedAt: date(row[13].real) ?? Date(timeIntervalSince1970: 0),
            scrubbedText: row[4].text ?? "", topic: row[15].text,
            crisisLevel: row[6].int.flatMap(CrisisLevel.init(rank:)) ?? .none,
            approvedAt: date(row[23].real) ?? Date(timeIntervalSince1970: 0), publishedAt: date(row[24].real))
    }
}
