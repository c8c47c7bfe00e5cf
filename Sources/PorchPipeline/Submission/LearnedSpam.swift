import PorchQueue
import PorchScreening

/// Joins the group's learning spam filter (counts in its database) to the screening verdicts: seeds it from the
/// rules' starter once, and adds its reading of each post's scrubbed words to the spam lane.
public struct LearnedSpam: Sendable {
    public let queue: Queue
    /// Told (for stderr) when the filter cannot be read and the spam verdicts use the rules alone.
    public let warn: @Sendable (String) -> Void

    public init(queue: Queue, warn: @escaping @Sendable (String) -> Void) {
        self.queue = queue
        self.warn = warn
    }

    /// Adds the starter model to a group's filter the first time it is used; throws `SpamStarterRefused` when the
    /// starter cannot be read, and the queue's errors.
    public static func seed(_ queue: Queue, starter: String?) throws {
        guard let starter, try !queue.spamFilterIsSeeded() else { return }
        let parsed: SpamStarter
        do {
            parsed = try SpamStarter(text: starter)
        } catch {
            throw SpamStarterRefused(description: "the spam filter's starter was refused:\n\(error.description)")
        }
        var counts = SpamFilterCounts(spamPosts: parsed.spamPosts, hamPosts: parsed.hamPosts)
        for (word, spam, ham) in parsed.words { counts.words[word] = SpamWordCount(spam: spam, ham: ham) }
        try queue.seedSpamFilter(counts)
    }

    /// The verdicts with the filter's reading added (unchanged when the database cannot be read: the rules and
    /// the learned weights still stand, and the reason is reported).
    public func apply(_ verdicts: [Verdict]) -> [Verdict] {
        let words = verdicts.map { verdict in verdict.scrub.text.map(ChiSquaredSpamFilter.words(of:)) ?? [] }
        let counts: SpamFilterCounts
        do {
            counts = try queue.spamFilterCounts(for: Set(words.joined()))
        } catch {
            warn("the group's spam filter could not be read (\(error)); spam verdicts use the rules alone")
            return verdicts
        }
        return zip(verdicts, words).map { verdict, words in
            guard verdict.scrub.text != nil else { return verdict }
            let finding = ChiSquaredSpamFilter.assess(
                words: words, spamPosts: counts.spamPosts, hamPosts: counts.hamPosts
            ) { word in counts.words[word].map { ($0.spam, $0.ham) } }
            return verdict.adding(learned: finding)
        }
    }
}

/// The rules' spam starter (`model/spam-starter.tsv`) could not be read: the group's filter was not seeded.
public struct SpamStarterRefused: Error, CustomStringConvertible {
    public let description: String
}
