import Foundation
import PorchIntake
import PorchModel
import PorchQueue
import PorchScreening

/// Turns an incoming post and its verdict into what the queue stores.
public struct QueueRecord: Sendable {
    public let pseudonymizer: Pseudonymizer
    public let hasher: ContentHasher

    public init(pseudonymizer: Pseudonymizer, hasher: ContentHasher) {
        self.pseudonymizer = pseudonymizer
        self.hasher = hasher
    }

    /// The text screened for a post (`text`), with what was hidden in it: an email's subject is part of what the
    /// member wrote. Tag characters are decoded into view and other invisible characters removed.
    public static func hidden(in post: IncomingPost) -> HiddenText {
        guard let subject = post.subject?.trimmingCharacters(in: .whitespacesAndNewlines), !subject.isEmpty else {
            return HiddenText(post.text)
        }
        return HiddenText(subject + "\n\n" + post.text)
    }

    /// The identifiers intake knows about the author, scrubbed from the body wherever they appear.
    public static func known(_ author: Author?) -> KnownIdentifiers {
        KnownIdentifiers(names: [author?.name].compactMap { $0 }, addresses: [author?.address].compactMap { $0 })
    }

    /// The pseudonym and alias of an author; posts without one share the alias "Anonymous".
    public func identity(of author: Author?) -> (pseudonym: String, alias: String) {
        let identity = author?.address ?? author?.name
        guard let identity, !identity.trimmingCharacters(in: .whitespaces).isEmpty else { return ("", "Anonymous") }
        let pseudonym = pseudonymizer.pseudonym(for: identity)
        return (pseudonym, pseudonymizer.alias(forPseudonym: pseudonym))
    }

    /// The record of `post`, whose screened text (`hidden.text`) gave `verdict`; the note of what was hidden is
    /// stored with it, so every view of the queue shows that something was there.
    public func newPost(_ post: IncomingPost, hidden: HiddenText, verdict: Verdict, receivedAt: Date) -> NewPost {
        let (pseudonym, alias) = identity(of: post.author)
        let text = hidden.text
        var screening = QueueRecord.screening(
            text: text, verdict: verdict, id: post.externalID, hiddenNote: hidden.note)
        // Intake could not read it faithfully: every lane ran (a crisis still sorts first), and a moderator looks.
        if let reason = post.holdReason {
            let intake = "intake: \(reason); the post is held for a moderator"
            screening.heldReason = screening.heldReason.map { $0 + "; " + intake } ?? intake
            screening.scrubbedText = ""
            screening.redactions = []
        }
        return NewPost(
            externalID: post.externalID,
            screening: screening,
            pseudonym: pseudonym, alias: alias, receivedAt: receivedAt, submittedAt: post.submittedAt,
            topic: post.topic, sourceFormat: post.format.rawValue,
            contentHash: hasher.hash(text: text, pseudonym: pseudonym))
    }

    /// The queue's view of a verdict. A held post keeps no scrubbed text: a moderator must scrub it by hand.
    /// `hiddenNote` says what `HiddenText` showed or removed before `text` was screened (counts only), or nil.
    public static func screening(text: String, verdict: Verdict, id: String?, hiddenNote: String?) -> Screening {
        let redactions = verdict.scrub.redactions.map {
            StoredRedaction(
                rule: $0.rule, type: $0.type, start: $0.start, end: $0.end, placeholder: $0.placeholder,
                outputStart: $0.outputStart, outputEnd: $0.outputEnd)
        }
        let crisisMatches = verdict.crisis.matches.map {
            RuleMatch(
                lane: .crisis, rule: $0.rule, category: $0.category, level: $0.level,
                context: $0.context.map(\.rawValue), start: $0.start, end: $0.end)
        }
        let spamMatches = verdict.spam.matches.map {
            RuleMatch(lane: .spam, rule: $0.rule, score: $0.score, start: $0.start, end: $0.end)
        }
        let screening = Screening(
            scrubbedText: verdict.hold == nil ? (verdict.scrub.text ?? "") : "", originalText: text,
            redactions: verdict.hold == nil ? redactions : [], matches: crisisMatches + spamMatches,
            // A crisis lane that could not finish must not leave a post behind routine ones.
            crisisLevel: verdict.crisisHold != nil ? max(.concern, verdict.crisis.level) : verdict.crisis.level,
            crisisCategories: verdict.crisis.categories,
            spamVerdict: verdict.spam.label, spamScore: verdict.spam.score,
            spamWords: verdict.hold == nil ? verdict.scrub.text.map(ChiSquaredSpamFilter.words(of:)) ?? [] : [],
            verdictJSON: verdict.json(id: id), heldReason: verdict.hold?.description, hiddenNote: hiddenNote)
        // Placeholders already in the text (an edit of a scrubbed post) keep their numbers; new ones follow.
        return PlaceholderNumbers.continuing(screening)
    }
}
