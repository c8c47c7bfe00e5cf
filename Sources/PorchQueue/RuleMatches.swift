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

    static func insert(_ matches: [RuleMatch], postID: Int64, db: Database) throws {
        if matches.isEmpty { return }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO rule_match (
                    postID, position, lane, rule, category, level, context, score, start, "end", outputStart,
                    outputEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, match) in matches.enumerated() {
            try statement.execute(arguments: [
                postID, position, match.lane.rawValue, match.rule, match.category, match.level?.rawValue,
                StringListColumn.encode(match.context), match.score, match.start, match.end, match.outputStart,
                match.outputEnd,
            ])
        }
    }

    /// Replaces the post's matches with `matches`.
    static func replace(_ matches: [RuleMatch], postID: Int64, db: Database) throws {
        try db.execute(sql: "DELETE FROM rule_match WHERE postID = ?", arguments: [postID])
        try insert(matches, postID: postID, db: db)
    }

    static func load(postID: Int64, db: Database) throws -> [RuleMatch] {
        let statement = try db.cachedStatement(sql: "SELECT * FROM rule_match WHERE postID = ? ORDER BY position")
        return try Row.fetchAll(statement, arguments: [postID]).compactMap(match(from:))
    }

    /// The match of a row; nil for a lane or level this version does not know (a newer Porch wrote it).
    static func match(from row: Row) -> RuleMatch? {
        guard let lane = RuleMatch.Lane(rawValue: row["lane"]) else { return nil }
        let level: String? = row["level"]
        return RuleMatch(
            lane: lane, rule: row["rule"], category: row["category"], level: level.flatMap(CrisisLevel.init(rawValue:)),
            context: StringListColumn.decode(row["context"]), score: row["score"], start: row["start"],
            end: row["end"], outputStart: row["outputStart"], outputEnd: row["outputEnd"])
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
        let posts = try Row.fetchCursor(db, sql: "SELECT id, verdictJSON, heldReason FROM post")
        while let row = try posts.next() {
            let json: String = row["verdictJSON"]
            // Most posts matched nothing in either lane, and their JSON says so without being parsed.
            guard json.contains(#""rule""#) else { continue }
            let id: Int64 = row["id"]
            let found = fromVerdictJSON(json)
            guard !found.isEmpty else { continue }
            let held = (row["heldReason"] as String?) != nil
            let redactions = try Queue.redactions(postID: id, db: db)
            try insert(placed(found, redactions: redactions, held: held), postID: id, db: db)
        }
    }
}
