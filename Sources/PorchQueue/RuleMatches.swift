import Foundation
import GRDB
import PorchModel

/// The crisis and spam matches of a post, stored as rows of `rule_match` beside its redactions.
///
/// Their output offsets (where a match lies in the scrubbed text) are placed by the queue from the input offsets
/// and the redactions it stores, every time those change: a submit, an edit, a send-back, a restored redaction.
/// So they always point into the scrubbed text as it is, whoever renumbered or restored a placeholder.
enum RuleMatches {
    /// `matches` with output offsets in the scrubbed text that `redactions` made; none when `held` (a held post
    /// has no scrubbed text to point into).
    static func placed(_ matches: [RuleMatch], redactions: [StoredRedaction], held: Bool) -> [RuleMatch] {
        let ordered = redactions.sorted { $0.start < $1.start }
        return matches.map { match in
            var placed = match
            if held {
                placed.outputStart = nil
                placed.outputEnd = nil
            } else {
                let range = ordered.outputRange(ofInput: match.start, match.end)
                placed.outputStart = range.lowerBound
                placed.outputEnd = range.upperBound
            }
            return placed
        }
    }

    // MARK: - Rows

    static func insert(_ matches: [RuleMatch], postID: Int64, db: any StoreTransaction) throws {
        for (position, match) in matches.enumerated() {
            try db.execute(
                """
                INSERT INTO rule_match (
                    postID, position, lane, rule, category, level, context, score, start, "end", outputStart,
                    outputEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                postID, position, match.lane.rawValue, match.rule, match.category, match.level?.rawValue,
                StringListColumn.encode(match.context), match.score, match.start, match.end, match.outputStart,
                match.outputEnd)
        }
    }

    /// Replaces the post's matches with `matches`.
    static func replace(_ matches: [RuleMatch], postID: Int64, db: any StoreTransaction) throws {
        try db.execute("DELETE FROM rule_match WHERE postID = ?", postID)
        try insert(matches, postID: postID, db: db)
    }

    static func load(postID: Int64, db: any StoreTransaction) throws -> [RuleMatch] {
        try db.rows(selectMatch + "WHERE postID = ? ORDER BY position", postID).compactMap(match(from:))
    }

    /// The columns `match(from:)` reads, by position; a `WHERE` clause follows.
    static let selectMatch =
        #"SELECT postID, lane, rule, category, level, context, score, start, "end", outputStart, outputEnd "#
        + "FROM rule_match "

    /// The match of a row of `selectMatch`; nil for a lane or level this version does not know (a newer Porch
    /// wrote it).
    static func match(from row: StoreRow) -> RuleMatch? {
        guard let lane = row[1].text.flatMap(RuleMatch.Lane.init(rawValue:)) else { return nil }
        return RuleMatch(
            lane: lane, rule: row[2].text ?? "", category: row[3].text,
            level: row[4].text.flatMap(CrisisLevel.init(rawValue:)),
            context: StringListColumn.decode(row[5].text ?? ""), score: row[6].real, start: row[7].int ?? 0,
            end: row[8].int ?? 0, outputStart: row[9].int, outputEnd: row[10].int)
    }

    // MARK: - Migration

    /// The matches an older queue kept only inside a post's verdict JSON (`crisis.matches`, `spam.matches` of
    /// `porch scan`'s object); none when the JSON cannot be read.
    static func fromVerdictJSON(_ json: String) -> [RuleMatch] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            return []
        }
        var matches: [RuleMatch] = []
        for lane in RuleMatch.Lane.allCases {
            let rows = ((object[lane.rawValue] as? [String: Any])?["matches"] as? [[String: Any]]) ?? []
            for row in rows {
                guard let rule = row["rule"] as? String, let start = row["start"] as? Int, let end = row["end"] as? Int
                else { continue }
                matches.append(
                    RuleMatch(
                        lane: lane, rule: rule, category: row["category"] as? String,
                        level: (row["level"] as? String).flatMap(CrisisLevel.init(rawValue:)),
                        context: row["context"] as? [String] ?? [], score: (row["score"] as? NSNumber)?.doubleValue,
                        start: start, end: end))
            }
        }
        return matches
    }

    /// Fills `rule_match` from every post's verdict JSON, placing each match in the post's scrubbed text as it is
    /// now (a redaction restored since screening moved it).
    static func migrate(db: Database) throws {
        let transaction = SQLiteTransaction(db: db)
        let posts = try Row.fetchCursor(db, sql: "SELECT id, verdictJSON, heldReason FROM post")
        while let row = try posts.next() {
            let json: String = row["verdictJSON"]
            // Most posts matched nothing in either lane, and their JSON says so without being parsed.
            guard json.contains(#""rule""#) else { continue }
            let id: Int64 = row["id"]
            let found = fromVerdictJSON(json)
            guard !found.isEmpty else { continue }
            let held = (row["heldReason"] as String?) != nil
            let redactions = try Queue.redactions(postID: id, db: transaction)
            try insert(placed(found, redactions: redactions, held: held), postID: id, db: transaction)
        }
    }
}
