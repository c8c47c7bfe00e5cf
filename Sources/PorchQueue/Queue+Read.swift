import Foundation
import PorchModel

extension Queue {
    /// The states a moderator works on: not yet decided.
    public static let reviewStates: Set<PostState> = [.pending, .escalated, .held]

    /// Posts in review order: crisis first, then concern, then oldest first.
    ///
    /// `states` defaults to the undecided ones; `levels` nil means every crisis level. With `after`, only the
    /// posts that come after that post in this order (the page that follows one already read, whatever was decided
    /// meanwhile); an `after` post that no longer exists gives no posts.
    public func list(
        states: Set<PostState> = Queue.reviewStates, levels: Set<CrisisLevel>? = nil, limit: Int? = nil,
        offset: Int = 0, after: Int64? = nil
    ) throws -> [Post] {
        if states.isEmpty || levels?.isEmpty == true { return [] }
        var sql = Queue.selectPost + " WHERE state IN (\(Queue.placeholders(states.count)))"
        var arguments: [StoreValue] = states.map(\.rawValue).sorted().map(StoreValue.text)
        if let levels {
            sql += " AND crisisRank IN (\(Queue.placeholders(levels.count)))"
            arguments += levels.map(\.rank).sorted().map { .integer(Int64($0)) }
        }
        if let after {
            // Keyset paging in review order, against the anchor's own values read in the same statement.
            sql +=
                " AND (-crisisRank, receivedAt, id) > (SELECT -crisisRank, receivedAt, id FROM post WHERE id = ?)"
            arguments += [.integer(after)]
        }
        sql += " ORDER BY crisisRank DESC, receivedAt, id"
        if let limit {
            sql += " LIMIT ? OFFSET ?"
            arguments += [.integer(Int64(limit)), .integer(Int64(max(0, offset)))]
        } else if offset > 0 {
            sql += " LIMIT ? OFFSET ?"
            arguments += [.integer(Int64.max), .integer(Int64(offset))]
        }
        return try read { db in
            let rows = try db.rows(sql, arguments)
            // One query per 500 posts for their redactions, not one per post: a 10,000-post queue opens fast.
            let ids: [Int64] = rows.compactMap { $0[0].integer }
            var redactions: [Int64: [StoredRedaction]] = [:]
            var matches: [Int64: [RuleMatch]] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                let arguments = chunk.map(StoreValue.integer)
                let inChunk = "WHERE postID IN (\(Queue.placeholders(chunk.count))) ORDER BY postID, position"
                for row in try db.rows(Queue.selectRedaction + inChunk, arguments) {
                    redactions[row[0].integer ?? 0, default: []].append(Queue.redaction(from: row))
                }
                for row in try db.rows(RuleMatches.selectMatch + inChunk, arguments) {
                    if let match = RuleMatches.match(from: row) {
                        matches[row[0].integer ?? 0, default: []].append(match)
                    }
                }
            }
            return try rows.map { row in
                let id = row[0].integer ?? 0
                return try self.post(from: row, redactions: redactions[id] ?? [], matches: matches[id] ?? [])
            }
        }
    }

    /// One post with its redactions; throws ``QueueError/notFound(id:)``.
    public func post(id: Int64) throws -> Post {
        try read { db in try fetchPost(id: id, db: db) }
    }

    /// The post's history, oldest first; throws ``QueueError/notFound(id:)``.
    public func history(id: Int64) throws -> [HistoryEntry] {
        try read { db in
            guard try db.row("SELECT 1 FROM post WHERE id = ?", id) != nil else {
                throw QueueError.notFound(id: id)
            }
            return try db.rows(
                "SELECT id, postID, at, actor, action, fromState, toState, detail FROM history WHERE postID = ?"
                    + " ORDER BY id", id
            ).map { try historyEntry(from: $0) }
        }
    }

    /// How many undecided posts there are at each crisis level (every level present, zero when none).
    public func openCountsByLevel() throws -> [CrisisLevel: Int] {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: CrisisLevel.allCases.map { ($0, 0) })
            let sql =
                "SELECT crisisRank, count(*) AS n FROM post WHERE state IN ("
                + Queue.placeholders(Queue.reviewStates.count) + ") GROUP BY crisisRank"
            let states = Queue.reviewStates.map(\.rawValue).sorted().map(StoreValue.text)
            for row in try db.rows(sql, states) {
                if let rank = row[0].int, let level = CrisisLevel(rank: rank) { counts[level] = row[1].int ?? 0 }
            }
            return counts
        }
    }

    /// How many posts are in one state: a range of the review index, so a state with few posts is counted at once
    /// however many posts the queue holds in others.
    public func count(state: PostState) throws -> Int {
        try read { db in
            try db.row("SELECT count(*) FROM post WHERE state = ?", state.rawValue)?[0].int ?? 0
        }
    }

    /// How many posts are in each state (every state present, zero when empty).
    public func counts() throws -> [PostState: Int] {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: PostState.allCases.map { ($0, 0) })
            for row in try db.rows("SELECT state, count(*) AS n FROM post GROUP BY state", [StoreValue]()) {
                if let state = row[0].text.flatMap(PostState.init(rawValue:)) { counts[state] = row[1].int ?? 0 }
            }
            return counts
        }
    }

    // MARK: - Decoding rows

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    func fetchPost(id: Int64, db: any StoreTransaction) throws -> Post {
        guard let row = try db.row(Queue.selectPost + " WHERE id = ?", id) else {
            throw QueueError.notFound(id: id)
        }
        return try post(from: row, db: db)
    }

    static func redactions(postID: Int64, db: any StoreTransaction) throws -> [StoredRedaction] {
        try db.rows(selectRedaction + "WHERE postID = ? ORDER BY position", postID).map(redaction(from:))
    }

    /// The redaction columns `redaction(from:)` reads, by position; a `WHERE` clause follows.
    static let selectRedaction =
        #"SELECT postID, rule, type, start, "end", placeholder, outputStart, outputEnd FROM redaction "#

    static func redaction(from row: StoreRow) -> StoredRedaction {
        StoredRedaction(
            rule: row[1].text ?? "", type: row[2].text ?? "", start: row[3].int ?? 0, end: row[4].int ?? 0,
            placeholder: row[5].text ?? "", outputStart: row[6].int ?? 0, outputEnd: row[7].int ?? 0)
    }

    func post(from row: StoreRow, db: any StoreTransaction) throws -> Post {
        let id = row[0].integer ?? 0
        return try post(
            from: row, redactions: try Queue.redactions(postID: id, db: db),
            matches: try RuleMatches.load(postID: id, db: db))
    }

    /// The post columns in the order `post(from:redactions:matches:)` reads them: by position, because looking a column
    /// up by name lower-cases the name on every access (a fifth of the time to open a 10,000-post queue).
    static let postColumns = [
        "id", "externalID", "state", "version", "scrubbedText", "originalText", "crisisRank", "crisisCategories",
        "spamVerdict", "spamScore", "verdictJSON", "pseudonym", "alias", "receivedAt", "submittedAt", "topic",
        "sourceFormat", "contentHash", "heldReason", "rejectReason", "decidedBy", "decidedAt", "entryID",
        "approvedAt", "publishedAt", "publishedTextHash", "updatedAt", "spamSuspect",
        "hiddenNote",
    ]

    /// `SELECT` of every post column, in `postColumns` order.
    static let selectPost = "SELECT " + postColumns.joined(separator: ", ") + " FROM post"

    /// A post from a row of `selectPost`.
    func post(from row: StoreRow, redactions: [StoredRedaction], matches: [RuleMatch]) throws -> Post {
        let id = row[0].integer ?? 0
        guard let state = row[2].text.flatMap(PostState.init(rawValue:)),
            let level = row[6].int.flatMap(CrisisLevel.init(rank:)),
            let spam = SpamLabel(stored: row[8].text ?? "", suspect: row[27].bool ?? false),
            let version = row[3].int, let scrubbedText = row[4].text, let receivedAt = Queue.date(row[13].real),
            let updatedAt = Queue.date(row[26].real)
        else {
            throw QueueError.unusableDatabase(
                path: path, reason: "post \(id) has an unknown state or level")
        }
        return Post(
            id: id, externalID: row[1].text, state: state, version: version,
            scrubbedText: scrubbedText, originalText: row[5].text,
            redactions: redactions, matches: matches, crisisLevel: level,
            crisisCategories: StringListColumn.decode(row[7].text ?? ""), spamVerdict: spam,
            spamScore: row[9].real ?? 0, verdictJSON: row[10].text ?? "{}", pseudonym: row[11].text ?? "",
            alias: row[12].text ?? "", receivedAt: receivedAt,
            submittedAt: Queue.date(row[14].real),
            topic: row[15].text, sourceFormat: row[16].text ?? "", contentHash: row[17].text ?? "",
            heldReason: row[18].text, rejectReason: row[19].text, decidedBy: row[20].text,
            decidedAt: Queue.date(row[21].real), entryID: row[22].text, approvedAt: Queue.date(row[23].real),
            publishedAt: Queue.date(row[24].real), publishedTextHash: row[25].text,
            updatedAt: updatedAt, hiddenNote: row[28].text)
    }

    /// A history line from a row of `id, postID, at, actor, action, fromState, toState, detail`.
    func historyEntry(from row: StoreRow) throws -> HistoryEntry {
        guard let action = row[4].text.flatMap(HistoryAction.init(rawValue:)),
            let to = row[6].text.flatMap(PostState.init(rawValue:)), let at = Queue.date(row[2].real)
        else {
            throw QueueError.unusableDatabase(path: path, reason: "a history line has an unknown action or state")
        }
        return HistoryEntry(
            id: row[0].integer ?? 0, postID: row[1].integer ?? 0, at: at, actor: row[3].text ?? "", action: action,
            fromState: row[5].text.flatMap(PostState.init(rawValue:)), toState: to, detail: row[7].text ?? "")
    }

    static func date(_ seconds: Double?) -> Date? {
        seconds.map(Date.init(timeIntervalSince1970:))
    }
}
