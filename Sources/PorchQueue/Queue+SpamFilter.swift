import Foundation
import GRDB

/// The counts the group's learning spam filter has been taught: posts of each kind and, per word, how many spam
/// and ham posts held it.
public struct SpamFilterCounts: Sendable, Equatable {
    public var spamPosts: Int
    public var hamPosts: Int
    public var words: [String: SpamWordCount]

    public init(spamPosts: Int = 0, hamPosts: Int = 0, words: [String: SpamWordCount] = [:]) {
        self.spamPosts = spamPosts
        self.hamPosts = hamPosts
        self.words = words
    }
}

/// How many spam and ham posts a word was taught in.
public struct SpamWordCount: Sendable, Equatable {
    public var spam: Int
    public var ham: Int

    public init(spam: Int, ham: Int) {
        self.spam = spam
        self.ham = ham
    }
}

/// What a post or a file teaches the group's spam filter.
public enum SpamLessonLabel: String, Sendable, CaseIterable {
    case spam, ham
}

extension Queue {
    /// Adds the starter model (counts built from labelled posts and shipped in `Rules/model/`) once per group;
    /// returns false when it was already added. Lessons taught before it was added are kept.
    @discardableResult
    public func seedSpamFilter(_ starter: SpamFilterCounts) throws -> Bool {
        try write { db in
            if try String.fetchOne(db, sql: "SELECT value FROM spam_setting WHERE key = 'seeded'") != nil {
                return false
            }
            try Queue.addCounts(starter, sign: 1, db: db)
            try db.execute(sql: "INSERT INTO spam_setting (key, value) VALUES ('seeded', ?)", arguments: ["starter"])
            return true
        }
    }

    /// True once the starter model was added.
    public func spamFilterIsSeeded() throws -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM spam_setting WHERE key = 'seeded'") != nil }
    }

    /// The filter's counts for these words (words it never saw are left out) and its post totals.
    public func spamFilterCounts(for words: Set<String>) throws -> SpamFilterCounts {
        try read { db in
            var counts = SpamFilterCounts()
            for row in try Row.fetchAll(db, sql: "SELECT label, posts FROM spam_total") {
                if row[0] as String == "spam" { counts.spamPosts = row[1] } else { counts.hamPosts = row[1] }
            }
            let list = Array(words)
            for start in stride(from: 0, to: list.count, by: 500) {
                let chunk = Array(list[start..<min(start + 500, list.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db, sql: "SELECT word, spam, ham FROM spam_word WHERE word IN (\(marks))",
                    arguments: StatementArguments(chunk))
                {
                    counts.words[row[0]] = SpamWordCount(spam: row[1], ham: row[2])
                }
            }
            return counts
        }
    }

    /// Teaches the filter posts from a labelled file (`porch learn`): each post is its distinct words. These
    /// lessons belong to no post, so no decision takes them back.
    public func learnSpam(_ posts: [[String]], as label: SpamLessonLabel) throws {
        try write { db in
            var counts = SpamFilterCounts()
            for words in posts {
                Queue.count(Set(words), as: label, into: &counts)
            }
            try Queue.addCounts(counts, sign: 1, db: db)
        }
    }

    /// What a decided post taught the filter, if anything.
    public func spamLesson(postID: Int64) throws -> SpamLessonLabel? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT label FROM spam_lesson WHERE postID = ?", arguments: [postID])
                .flatMap(SpamLessonLabel.init(rawValue:))
        }
    }

    // MARK: - Inside decisions

    /// Teaches the filter a decided post's words (in the decision's transaction), replacing an earlier lesson.
    static func teach(postID: Int64, as label: SpamLessonLabel, db: Database) throws {
        try unlearn(postID: postID, db: db)
        let words = try String.fetchOne(db, sql: "SELECT spamWords FROM post WHERE id = ?", arguments: [postID]) ?? ""
        let list = Set(words.split(separator: " ").map(String.init))
        var counts = SpamFilterCounts()
        count(list, as: label, into: &counts)
        try addCounts(counts, sign: 1, db: db)
        try db.execute(
            sql: "INSERT INTO spam_lesson (postID, label, words) VALUES (?, ?, ?)",
            arguments: [postID, label.rawValue, list.sorted().joined(separator: " ")])
    }

    /// Takes back what a post taught the filter (when its decision is taken back), if it taught anything.
    static func unlearn(postID: Int64, db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT label, words FROM spam_lesson WHERE postID = ?", arguments: [postID]),
            let label = SpamLessonLabel(rawValue: row[0])
        else { return }
        let words = (row[1] as String).split(separator: " ").map(String.init)
        var counts = SpamFilterCounts()
        count(Set(words), as: label, into: &counts)
        try addCounts(counts, sign: -1, db: db)
        try db.execute(sql: "DELETE FROM spam_lesson WHERE postID = ?", arguments: [postID])
    }

    static func count(_ words: Set<String>, as label: SpamLessonLabel, into counts: inout SpamFilterCounts) {
        switch label {
        case .spam: counts.spamPosts += 1
        case .ham: counts.hamPosts += 1
        }
        for word in words where !word.isEmpty {
            var count = counts.words[word] ?? SpamWordCount(spam: 0, ham: 0)
            switch label {
            case .spam: count.spam += 1
            case .ham: count.ham += 1
            }
            counts.words[word] = count
        }
    }

    /// Adds (sign 1) or removes (sign -1) counts; never below zero.
    static func addCounts(_ counts: SpamFilterCounts, sign: Int, db: Database) throws {
        try db.execute(
            sql: "UPDATE spam_total SET posts = max(0, posts + ?) WHERE label = 'spam'",
            arguments: [sign * counts.spamPosts])
        try db.execute(
            sql: "UPDATE spam_total SET posts = max(0, posts + ?) WHERE label = 'ham'",
            arguments: [sign * counts.hamPosts])
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO spam_word (word, spam, ham) VALUES (?, max(0, ?), max(0, ?))
                ON CONFLICT (word) DO UPDATE SET spam = max(0, spam + excluded.spam + ?),
                    ham = max(0, ham + excluded.ham + ?)
                """)
        let emptied = try db.cachedStatement(sql: "DELETE FROM spam_word WHERE word = ? AND spam = 0 AND ham = 0")
        for (word, count) in counts.words {
            let spam = sign * count.spam
            let ham = sign * count.ham
            // excluded.* are clamped at zero, so a removal adds the negative part through the extra arguments.
            try upsert.execute(arguments: [word, spam, ham, min(0, spam), min(0, ham)])
            // Only a removal can leave a word with no counts; the table keeps the words still taught.
            if sign < 0 { try emptied.execute(arguments: [word]) }
        }
    }
}
