import Foundation

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
            if try db.row("SELECT value FROM spam_setting WHERE key = 'seeded'", [StoreValue]()) != nil {
                return false
            }
            try Queue.addCounts(starter, sign: 1, db: db)
            try db.execute("INSERT INTO spam_setting (key, value) VALUES ('seeded', ?)", "starter")
            return true
        }
    }

    /// True once the starter model was added.
    public func spamFilterIsSeeded() throws -> Bool {
        try read { db in try db.row("SELECT value FROM spam_setting WHERE key = 'seeded'", [StoreValue]()) != nil }
    }

    /// The filter's counts for these words (words it never saw are left out) and its post totals.
    public func spamFilterCounts(for words: Set<String>) throws -> SpamFilterCounts {
        try read { db in
            var counts = SpamFilterCounts()
            for row in try db.rows("SELECT label, posts FROM spam_total", [StoreValue]()) {
                if row[0].text == "spam" {
                    counts.spamPosts = row[1].int ?? 0
                } else {
                    counts.hamPosts = row[1].int ?? 0
                }
            }
            let list = Array(words)
            for start in stride(from: 0, to: list.count, by: 500) {
                let chunk = Array(list[start..<min(start + 500, list.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try db.rows(
                    "SELECT word, spam, ham FROM spam_word WHERE word IN (\(marks))", chunk.map(StoreValue.text))
                {
                    guard let word = row[0].text else { continue }
                    counts.words[word] = SpamWordCount(spam: row[1].int ?? 0, ham: row[2].int ?? 0)
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
            try db.row("SELECT label FROM spam_lesson WHERE postID = ?", postID)?[0].text
                .flatMap(SpamLessonLabel.init(rawValue:))
        }
    }

    // MARK: - Inside decisions

    /// Teaches the filter a decided post's words (in the decision's transaction), replacing an earlier lesson.
    static func teach(postID: Int64, as label: SpamLessonLabel, db: any StoreTransaction) throws {
        try unlearn(postID: postID, db: db)
        let words = try db.row("SELECT spamWords FROM post WHERE id = ?", postID)?[0].text ?? ""
        let list = Set(words.split(separator: " ").map(String.init))
        var counts = SpamFilterCounts()
        count(list, as: label, into: &counts)
        try addCounts(counts, sign: 1, db: db)
        try db.execute(
            "INSERT INTO spam_lesson (postID, label, words) VALUES (?, ?, ?)", postID, label.rawValue,
            list.sorted().joined(separator: " "))
    }

    /// Takes back what a post taught the filter (when its decision is taken back), if it taught anything.
    static func unlearn(postID: Int64, db: any StoreTransaction) throws {
        guard
            let row = try db.row("SELECT label, words FROM spam_lesson WHERE postID = ?", postID),
            let label = row[0].text.flatMap(SpamLessonLabel.init(rawValue:))
        else { return }
        let words = (row[1].text ?? "").split(separator: " ").map(String.init)
        var counts = SpamFilterCounts()
        count(Set(words), as: label, into: &counts)
        try addCounts(counts, sign: -1, db: db)
        try db.execute("DELETE FROM spam_lesson WHERE postID = ?", postID)
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
    ///
    /// Written without `max()` (SQLite's two-argument max is PostgreSQL's `GREATEST`): the clamping is done here.
    static func addCounts(_ counts: SpamFilterCounts, sign: Int, db: any StoreTransaction) throws {
        let clamp = "CASE WHEN posts + ? < 0 THEN 0 ELSE posts + ? END"
        try db.execute(
            "UPDATE spam_total SET posts = \(clamp) WHERE label = 'spam'", sign * counts.spamPosts,
            sign * counts.spamPosts)
        try db.execute(
            "UPDATE spam_total SET posts = \(clamp) WHERE label = 'ham'", sign * counts.hamPosts,
            sign * counts.hamPosts)
        for (word, count) in counts.words {
            let spam = sign * count.spam
            let ham = sign * count.ham
            // A new word starts at its counts clamped at zero; a known one moves by them, never below zero.
            try db.execute(
                """
                INSERT INTO spam_word (word, spam, ham) VALUES (?, ?, ?)
                ON CONFLICT (word) DO UPDATE SET
                    spam = CASE WHEN spam_word.spam + ? < 0 THEN 0 ELSE spam_word.spam + ? END,
                    ham = CASE WHEN spam_word.ham + ? < 0 THEN 0 ELSE spam_word.ham + ? END
                """, word, max(0, spam), max(0, ham), spam, spam, ham, ham)
            // Only a removal can leave a word with no counts; the table keeps the words still taught.
            if sign < 0 { try db.execute("DELETE FROM spam_word WHERE word = ? AND spam = 0 AND ham = 0", word) }
        }
    }
}
