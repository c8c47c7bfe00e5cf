import Foundation
import GRDB
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
        var arguments = StatementArguments(states.map(\.rawValue).sorted())
        if let levels {
            sql += " AND crisisRank IN (\(Queue.placeholders(levels.count)))"
            arguments += StatementArguments(levels.map(\.rank).sorted())
        }
        if let after {
            // Keyset paging in review order, against the anchor's own values read in the same statement.
            sql +=
                " AND (-crisisRank, receivedAt, id) > (SELECT -crisisRank, receivedAt, id FROM post WHERE id = ?)"
            arguments += [after]
        }
        sql += " ORDER BY crisisRank DESC, receivedAt, id LIMIT ? OFFSET ?"
        arguments += [limit ?? -1, max(0, offset)]
        return try read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            // One query per 500 posts for their redactions, not one per post: a 10,000-post queue opens fast.
            let ids: [Int64] = rows.map { $0[0] }
            var redactions: [Int64: [StoredRedaction]] = [:]
            var matches: [Int64: [RuleMatch]] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                let arguments = StatementArguments(chunk)
                let inChunk = "WHERE postID IN (\(Queue.placeholders(chunk.count))) ORDER BY postID, position"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM redaction " + inChunk, arguments: arguments) {
                    redactions[row["postID"], default: []].append(Queue.redaction(from: row))
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM rule_match " + inChunk, arguments: arguments) {
                    if let match = RuleMatches.match(from: row) { matches[row["postID"], default: []].append(match) }
                }
            }
            return try rows.map { row in
                try self.post(from: row, redactions: redactions[row[0]] ?? [], matches: matches[row[0]] ?? [])
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
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM post WHERE id = ?", arguments: [id]) != nil else {
                throw QueueError.notFound(id: id)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM history WHERE postID = ? ORDER BY id", arguments: [id])
                .map { try historyEntry(from: $0) }
        }
    }

    /// How many undecided posts there are at each crisis level (every level present, zero when none).
    public func openCountsByLevel() throws -> [CrisisLevel: Int] {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: CrisisLevel.allCases.map { ($0, 0) })
            let sql =
                "SELECT crisisRank, count(*) AS n FROM post WHERE state IN ("
                + Queue.placeholders(Queue.reviewStates.count) + ") GROUP BY crisisRank"
            let states = StatementArguments(Queue.reviewStates.map(\.rawValue).sorted())
            for row in try Row.fetchAll(db, sql: sql, arguments: states) {
                if let level = CrisisLevel(rank: row["crisisRank"]) { counts[level] = row["n"] }
            }
            return counts
        }
    }

    /// How many posts are in one state: a range of the review index, so a state with few posts is counted at once
    /// however many posts the queue holds in others.
    public func count(state: PostState) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM post WHERE state = ?", arguments: [state.rawValue]) ?? 0
        }
    }

    /// How many posts are in each state (every state present, zero when empty).
    public func counts() throws -> [PostState: Int] {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: PostState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM post GROUP BY state") {
                if let state = PostState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    // MARK: - Decoding rows

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    func fetchPost(id: Int64, db: Database) throws -> Post {
        guard let row = try Row.fetchOne(db, sql: Queue.selectPost + " WHERE id = ?", arguments: [id]) else {
            throw QueueError.notFound(id: id)
        }
        return try post(from: row, db: db)
    }

    static func redactions(postID: Int64, db: Database) throws -> [StoredRedaction] {
        let statement = try db.cachedStatement(sql: "SELECT * FROM redaction WHERE postID = ? ORDER BY position")
        return try Row.fetchAll(statement, arguments: [postID]).map(redaction(from:))
    }

    static func redaction(from row: Row) -> StoredRedaction {
        StoredRedaction(
            rule: row["rule"], type: row["type"], start: row["start"], end: row["end"],
            placeholder: row["placeholder"], outputStart: row["outputStart"], outputEnd: row["outputEnd"])
    }

    func post(from row: Row, db: Database) throws -> Post {
        try post(
            from: row, redactions: try Queue.redactions(postID: row[0], db: db),
            matches: try RuleMatches.load(postID: row[0], db: db))
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
    func post(from row: Row, redactions: [StoredRedaction], matches: [RuleMatch]) throws -> Post {
        let id: Int64 = row[0]
        guard let state = PostState(rawValue: row[2]),
            let level = CrisisLevel(rank: row[6]),
            let spam = SpamLabel(stored: row[8], suspect: row[27])
        else {
            throw QueueError.unusableDatabase(
                path: path, reason: "post \(id) has an unknown state or level")
        }
        return Post(
            id: id, externalID: row[1], state: state, version: row[3],
            scrubbedText: row[4], originalText: row[5],
            redactions: redactions, matches: matches, crisisLevel: level,
            crisisCategories: StringListColumn.decode(row[7]), spamVerdict: spam,
            spamScore: row[9], verdictJSON: row[10], pseudonym: row[11],
            alias: row[12], receivedAt: Queue.date(row[13])!,
            submittedAt: Queue.date(row[14]),
            topic: row[15], sourceFormat: row[16], contentHash: row[17],
            heldReason: row[18], rejectReason: row[19], decidedBy: row[20],
            decidedAt: Queue.date(row[21]), entryID: row[22], approvedAt: Queue.date(row[23]),
            publishedAt: Queue.date(row[24]), publishedTextHash: row[25],
            updatedAt: Queue.date(row[26])!, hiddenNote: row[28])
    }

    func historyEntry(from row: Row) throws -> HistoryEntry {
        guard let action = HistoryAction(rawValue: row["action"]), let to = PostState(rawValue: row["toState"]) else {
            throw QueueError.unusableDatabase(path: path, reason: "a history line has an unknown action or state")
        }
        let from: String? = row["fromState"]
        return HistoryEntry(
            id: row["id"], postID: row["postID"], at: Queue.date(row["at"])!, actor: row["actor"], action: action,
            fromState: from.flatMap(PostState.init(rawValue:)), toState: to, detail: row["detail"])
    }

    static func date(_ seconds: Double?) -> Date? {
        seconds.map(Date.init(timeIntervalSince1970:))
    }
}
