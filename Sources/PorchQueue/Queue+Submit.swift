import Crypto
import Foundation
import PorchModel

extension Queue {
    /// Stores `posts` in one transaction: when this returns, every `.stored` post is durable.
    ///
    /// A post whose content hash is already queued (or earlier in the same batch) is reported as `.duplicate`
    /// and stored once; a malformed
    /// post is `.refused` and the rest still go in. Callers chunk large imports (a few hundred posts a call).
    public func submit(_ posts: [NewPost], actor: String, at now: Date = Date()) throws -> [SubmitOutcome] {
        let actor = try Queue.checkedActor(actor)
        let problems = posts.map(Queue.problem(of:))
        return try write { db in
            let stamp = now.timeIntervalSince1970
            var outcomes: [SubmitOutcome] = []
            outcomes.reserveCapacity(posts.count)
            // What is already queued, looked up for the whole batch at once (one query, not one per post); the
            // batch's own posts join it as they are stored.
            var queued = try Queue.queuedIDs(of: posts.map(\.contentHash), db: db)
            for (post, problem) in zip(posts, problems) {
                if let problem {
                    outcomes.append(.refused(reason: problem))
                    continue
                }
                let dedupeKey = Queue.dedupeKey(of: post.contentHash)
                if let existing = queued[post.contentHash] {
                    outcomes.append(.duplicate(of: existing))
                    continue
                }
                let screening = post.screening
                let state: PostState = screening.heldReason == nil ? .pending : .held
                let id = try db.insert(
                    Queue.insertPostSQL,
                    [
                        post.externalID.storeValue, .text(state.rawValue), .text(screening.scrubbedText),
                        screening.originalText.storeValue, screening.crisisLevel.rank.storeValue,
                        .text(StringListColumn.encode(screening.crisisCategories)),
                        .text(screening.spamVerdict.storedVerdict), .real(screening.spamScore),
                        .text(screening.verdictJSON), .text(post.pseudonym), .text(post.alias),
                        .real(post.receivedAt.timeIntervalSince1970),
                        post.submittedAt?.timeIntervalSince1970.storeValue
                            ?? .null,
                        post.topic.storeValue, .text(post.sourceFormat), .text(post.contentHash), .integer(dedupeKey),
                        screening.heldReason.storeValue, .real(stamp), (screening.spamVerdict == .suspect).storeValue,
                        .text(screening.spamWords.joined(separator: " ")), screening.hiddenNote.storeValue,
                    ])
                try Queue.insertRedactions(screening.redactions, postID: id, db: db)
                try RuleMatches.insert(
                    RuleMatches.placed(screening.matches, redactions: screening.redactions, held: state == .held),
                    postID: id, db: db)
                try Queue.appendHistory(
                    db: db, postID: id, at: stamp, actor: actor, action: .submitted, from: nil, to: state,
                    detail: Queue.summary(of: screening, state: state))
                queued[post.contentHash] = id
                outcomes.append(.stored(id: id, state: state))
            }
            return outcomes
        }
    }

    static let insertPostSQL = """
        INSERT INTO post (
            externalID, state, version, scrubbedText, originalText, crisisRank, crisisCategories, spamVerdict,
            spamScore, verdictJSON, pseudonym, alias, receivedAt, submittedAt, topic, sourceFormat, contentHash,
            dedupeKey, heldReason, updatedAt, spamSuspect, spamWords, hiddenNote)
        VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The ids of the queued posts among `hashes`, by content hash (the first stored, if any was stored twice
    /// before de-duplication existed), found by their dedupe keys a few hundred at a time.
    static func queuedIDs(of hashes: [String], db: any StoreTransaction) throws -> [String: Int64] {
        let wanted = Set(hashes)
        let keys = Array(Set(hashes.map(dedupeKey(of:))))
        var found: [String: Int64] = [:]
        var start = 0
        while start < keys.count {
            // Always 500 values (the last repeated), so the statement's text is the same every time and a store
            // that prepares statements prepares it once.
            var chunk = Array(keys[start..<min(start + 500, keys.count)])
            chunk += Array(repeating: chunk[chunk.count - 1], count: 500 - chunk.count)
            let rows = try db.rows(
                "SELECT id, contentHash FROM post WHERE dedupeKey IN (\(lookupMarks)) ORDER BY id",
                chunk.map { StoreValue.integer($0) })
            for row in rows {
                guard let id = row[0].integer, let hash = row[1].text, wanted.contains(hash), found[hash] == nil
                else { continue }
                found[hash] = id
            }
            start += 500
        }
        return found
    }

    private static let lookupMarks = Array(repeating: "?", count: 500).joined(separator: ", ")

    /// The first 64 bits of a hex content hash (or of the SHA-256 of any other string), as a signed integer.
    static func dedupeKey(of contentHash: String) -> Int64 {
        let prefix = contentHash.utf8.prefix(16)
        if prefix.count == 16, let value = UInt64(String(decoding: prefix, as: UTF8.self), radix: 16) {
            return Int64(bitPattern: value)
        }
        let digest = Array(SHA256.hash(data: Array(contentHash.utf8)))
        return Int64(bitPattern: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    static func problem(of post: NewPost) -> String? {
        if post.contentHash.isEmpty { return "the post has no content hash" }
        if post.sourceFormat.isEmpty { return "the post has no source format" }
        if let reason = post.screening.heldReason, reason.isEmpty { return "the post is held without a reason" }
        return post.screening.problem()
    }

    static func insertRedactions(_ redactions: [StoredRedaction], postID: Int64, db: any StoreTransaction) throws {
        for (position, redaction) in redactions.enumerated() {
            try db.execute(
                """
                INSERT INTO redaction (postID, position, rule, type, start, "end", placeholder, outputStart, outputEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                postID, position, redaction.rule, redaction.type, redaction.start, redaction.end,
                redaction.placeholder, redaction.outputStart, redaction.outputEnd)
        }
    }

    /// Appends one history line. The only write to the history table anywhere: it is never updated or deleted.
    static func appendHistory(
        db: any StoreTransaction, postID: Int64, at: Double, actor: String, action: HistoryAction, from: PostState?,
        to: PostState, detail: String
    ) throws {
        try db.execute(
            """
            INSERT INTO history (postID, at, actor, action, fromState, toState, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            postID, at, actor, action.rawValue, from?.rawValue, to.rawValue, detail)
    }

    /// A history line describing screening results by counts, levels and rule names only; never text.
    static func summary(of screening: Screening, state: PostState) -> String {
        var parts: [String] = []
        if let reason = screening.heldReason { parts.append("held: \(reason)") }
        let count = screening.redactions.count
        parts.append(count == 1 ? "1 redaction" : "\(count) redactions")
        var crisis = "crisis level \(screening.crisisLevel)"
        if !screening.crisisCategories.isEmpty {
            crisis += " (\(screening.crisisCategories.joined(separator: ", ")))"
        }
        parts.append(crisis)
        parts.append("spam \(screening.spamVerdict) \(screening.spamScore)")
        return parts.joined(separator: "; ")
    }
}
