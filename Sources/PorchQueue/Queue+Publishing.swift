import Foundation
import GRDB
import PorchModel

extension Queue {
    /// Approved posts not yet in the feed, oldest approval first.
    public func approvedForPublishing() throws -> [ApprovedPost] {
        try read { db in
            try Row.fetchAll(
                db, sql: Queue.selectPost + " WHERE state = 'approved' ORDER BY approvedAt, id"
            ).map { row in
                var post = Queue.approvedPost(from: row)
                post.keptValues = try KeptValues.load(postID: post.id, db: db)
                return post
            }
        }
    }

    /// Posts already in the feed, newest publication first (for rewriting the feed files whole).
    public func publishedPosts(limit: Int? = nil) throws -> [ApprovedPost] {
        try read { db in
            try Row.fetchAll(
                db, sql: Queue.selectPost + " WHERE state = 'published' ORDER BY publishedAt DESC, id DESC LIMIT ?",
                arguments: [limit ?? -1]
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
            let find = try db.cachedStatement(sql: "SELECT state FROM post WHERE id = ?")
            let mark = try db.cachedStatement(
                sql: """
                    UPDATE post SET state = 'published', publishedAt = ?, publishedTextHash = ?,
                        version = version + 1, updatedAt = ?
                    WHERE id = ? AND state = 'approved'
                    """)
            let stamp = now.timeIntervalSince1970
            var marked: [Int64] = []
            for receipt in marks {
                guard let raw = try String.fetchOne(find, arguments: [receipt.id]) else {
                    throw QueueError.notFound(id: receipt.id)
                }
                let state = PostState(rawValue: raw) ?? .pending
                if state == .published { continue }
                guard state == .approved else {
                    throw QueueError.notAllowed(
                        id: receipt.id, action: "publish", state: state, reason: "only approved posts are published")
                }
                try mark.execute(arguments: [stamp, receipt.textHash, stamp, receipt.id])
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

    static func approvedPost(from row: Row) -> ApprovedPost {
        ApprovedPost(
            id: row["id"], entryID: row["entryID"], alias: row["alias"], pseudonym: row["pseudonym"],
            receivedAt: date(row["receivedAt"])!, scrubbedText: row["scrubbedText"],
            topic: row["topic"], crisisLevel: CrisisLevel(rank: row["crisisRank"]) ?? .none,
            approvedAt: date(row["approvedAt"])!, publishedAt: date(row["publishedAt"]))
    }
}
