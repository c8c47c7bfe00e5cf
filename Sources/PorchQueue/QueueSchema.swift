import GRDB

/// The queue's versioned schema: each migration runs once, in order, in a transaction.
enum QueueSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-posts-redactions-history") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2-kept-values") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3-spam-filter") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4-hidden-note") { db in
            try db.execute(sql: version4)
        }
        migrator.registerMigration("v5-rule-matches") { db in
            try db.execute(sql: version5)
            try RuleMatches.migrate(db: db)
        }
        return migrator
    }

    /// The values a moderator restored as false positives, per post: every later screening of the post (an edit,
    /// the publisher's last look) leaves them as they are. Each is text the post's scrubbed text holds anyway.
    static let version2 = """
        CREATE TABLE kept (
            postID INTEGER NOT NULL REFERENCES post (id),
            value TEXT NOT NULL,
            PRIMARY KEY (postID, value)
        ) WITHOUT ROWID;
        """

    /// Posts, their redactions, and the append-only history.
    ///
    /// Times are Unix seconds (REAL). A CHECK makes it impossible to keep the original text of a decided post.
    /// Duplicates are found through `dedupeKey`, the first 64 bits of the content hash: an index of small
    /// integers keeps the random inserts of a bulk import to a few pages per chunk (a unique index on the hex
    /// hash wrote ~4.6 KB more per post). The full hash is compared too, so a 64-bit collision never merges posts.
    static let version1 = """
        CREATE TABLE post (
            id INTEGER PRIMARY KEY,
            externalID TEXT,
            state TEXT NOT NULL
                CHECK (state IN ('pending', 'approved', 'rejected', 'spam', 'escalated', 'held', 'published')),
            version INTEGER NOT NULL,
            scrubbedText TEXT NOT NULL,
            originalText TEXT,
            crisisRank INTEGER NOT NULL CHECK (crisisRank IN (0, 1, 2)),
            crisisCategories TEXT NOT NULL,
            spamVerdict TEXT NOT NULL CHECK (spamVerdict IN ('ham', 'spam')),
            spamScore REAL NOT NULL,
            verdictJSON TEXT NOT NULL,
            pseudonym TEXT NOT NULL,
            alias TEXT NOT NULL,
            receivedAt REAL NOT NULL,
            submittedAt REAL,
            topic TEXT,
            sourceFormat TEXT NOT NULL,
            contentHash TEXT NOT NULL,
            dedupeKey INTEGER NOT NULL,
            heldReason TEXT,
            rejectReason TEXT,
            decidedBy TEXT,
            decidedAt REAL,
            entryID TEXT,
            approvedAt REAL,
            publishedAt REAL,
            publishedTextHash TEXT,
            updatedAt REAL NOT NULL,
            CHECK (originalText IS NULL OR state IN ('pending', 'escalated', 'held')),
            CHECK (state <> 'held' OR heldReason IS NOT NULL),
            CHECK (state NOT IN ('approved', 'published') OR entryID IS NOT NULL)
        );
        CREATE INDEX post_review ON post (state, crisisRank DESC, receivedAt, id);
        CREATE INDEX post_dedupe ON post (dedupeKey);
        CREATE UNIQUE INDEX post_entry ON post (entryID) WHERE entryID IS NOT NULL;

        CREATE TABLE redaction (
            postID INTEGER NOT NULL REFERENCES post (id),
            position INTEGER NOT NULL,
            rule TEXT NOT NULL,
            type TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            placeholder TEXT NOT NULL,
            outputStart INTEGER NOT NULL,
            outputEnd INTEGER NOT NULL,
            PRIMARY KEY (postID, position)
        ) WITHOUT ROWID;

        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            postID INTEGER NOT NULL REFERENCES post (id),
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            fromState TEXT,
            toState TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX history_post ON history (postID, id);
        CREATE TRIGGER history_refuses_update BEFORE UPDATE ON history
        BEGIN
            SELECT RAISE(ABORT, 'the history is append-only');
        END;
        CREATE TRIGGER history_refuses_delete BEFORE DELETE ON history
        BEGIN
            SELECT RAISE(ABORT, 'the history is append-only');
        END;
        """

    /// The spam lane's middle verdict and the group's learning spam filter.
    ///
    /// `spamSuspect` marks a `suspect` post (its `spamVerdict` stays `ham`: SQLite cannot widen a CHECK in
    /// place). `spamWords` are the distinct words of the scrubbed text, what a decision teaches the filter.
    /// `spam_word` holds, per word, how many spam and ham posts it was taught in; `spam_total` the number of
    /// posts of each kind; `spam_lesson` what each decided post taught, so taking the decision back unlearns
    /// exactly that. `spam_setting` records that the starter model was added (`seeded`).
    static let version3 = """
        ALTER TABLE post ADD COLUMN spamSuspect INTEGER NOT NULL DEFAULT 0 CHECK (spamSuspect IN (0, 1));
        ALTER TABLE post ADD COLUMN spamWords TEXT NOT NULL DEFAULT '';

        CREATE TABLE spam_word (
            word TEXT PRIMARY KEY,
            spam INTEGER NOT NULL CHECK (spam >= 0),
            ham INTEGER NOT NULL CHECK (ham >= 0)
        ) WITHOUT ROWID;

        CREATE TABLE spam_total (
            label TEXT PRIMARY KEY CHECK (label IN ('spam', 'ham')),
            posts INTEGER NOT NULL CHECK (posts >= 0)
        ) WITHOUT ROWID;
        INSERT INTO spam_total (label, posts) VALUES ('spam', 0), ('ham', 0);

        CREATE TABLE spam_lesson (
            postID INTEGER PRIMARY KEY REFERENCES post (id),
            label TEXT NOT NULL CHECK (label IN ('spam', 'ham')),
            words TEXT NOT NULL
        );

        CREATE TABLE spam_setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """

    /// What was hidden in a post's text (invisible tag characters shown as `[hidden text: …]`, other invisible
    /// characters removed), as counts for a moderator; NULL when nothing was. Never the hidden text itself.
    static let version4 = """
        ALTER TABLE post ADD COLUMN hiddenNote TEXT;
        """

    /// The crisis and spam rules that matched each post, as rows beside its redactions (`RuleMatches`); before
    /// this version they were kept only inside `verdictJSON`, from which the migration copies them. `context`
    /// holds the cues that lowered a crisis match as a JSON array; `outputStart`/`outputEnd` are NULL for a held
    /// post, which has no scrubbed text.
    static let version5 = """
        CREATE TABLE rule_match (
            postID INTEGER NOT NULL REFERENCES post (id),
            position INTEGER NOT NULL,
            lane TEXT NOT NULL CHECK (lane IN ('crisis', 'spam')),
            rule TEXT NOT NULL,
            category TEXT,
            level TEXT CHECK (level IS NULL OR level IN ('none', 'concern', 'crisis')),
            context TEXT NOT NULL,
            score REAL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            outputStart INTEGER,
            outputEnd INTEGER,
            PRIMARY KEY (postID, position)
        ) WITHOUT ROWID;
        """
}
