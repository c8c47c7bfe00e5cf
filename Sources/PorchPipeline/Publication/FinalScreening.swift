import PorchQueue
import PorchRules
import PorchScreening

/// The publisher's last look at an approved post: the PII and crisis lanes run again on the exact text the feed
/// will carry, and anything they find that the moderator did not see keeps the post out of the feed.
public struct FinalScreening {
    /// What the last look decided for one post.
    public enum Outcome: Equatable {
        /// Publish `text` (the text that was screened); `textHash` is recorded with the post.
        case publish(text: String, textHash: String)
        /// Keep the post out of the feed and send it back to a moderator with the new results (`screening`, of
        /// the final text; nil when there is nothing left to screen); `reason` names lanes, rules and types,
        /// never text.
        case sendBack(reason: String, screening: Screening?)
    }

    public let screener: Screener
    public let region: String

    public init(screener: Screener, region: String) {
        self.screener = screener
        self.region = region
    }

    /// Screens `post`'s final text and decides.
    ///
    /// A new finding is: a privacy stage that could not finish, any PII match (the text was scrubbed already, so
    /// a match means something the first pass missed), a crisis level above the one the moderator approved with
    /// a crisis rule behind it, or nothing left to publish. Spam is the moderator's call and is not looked at again.
    public func check(_ post: ApprovedPost, session: Screener.Session) -> Outcome {
        let text = PublishableText.of(post.scrubbedText)
        guard !text.allSatisfy(\.isWhitespace) else {
            return .sendBack(
                reason: "its text is empty once characters a feed cannot carry are removed", screening: nil)
        }
        let verdict = session.screen(text, region: region)
        var findings: [String] = []
        let hidden = HiddenText(post.scrubbedText)
        // Hidden text a moderator never saw (typed into an edit, or stored before Porch revealed it).
        if hidden.decodedRuns > 0 {
            findings.append("its text holds invisible tag characters, shown now as [hidden text: …]")
        }
        if let hold = verdict.hold {
            findings.append(
                "\(hold.lane) lane could not finish (\(hold.rule.map { "rule \($0): " } ?? "")\(hold.message))")
        }
        // A value the moderator restored as a false positive is not a new finding.
        let scalars = Array(text.unicodeScalars)
        let newRedactions = verdict.scrub.redactions.filter { redaction in
            let range = max(0, redaction.start)..<min(scalars.count, max(redaction.start, redaction.end))
            return !KeptValues.isKept(String(String.UnicodeScalarView(scalars[range])), in: post.keptValues)
        }
        if !newRedactions.isEmpty {
            let named = newRedactions.map { "\($0.rule) (\($0.type))" }
            findings.append(
                "the PII lane found \(named.count) identifying detail(s) in the final text: "
                    + unique(named).joined(separator: ", "))
        }
        let approvedLevel = post.crisisLevel
        // A level the learned weights raised with no rule behind it tells the moderator nothing new about a text
        // they read: the weights weigh words, and the final text differs from the screened one only by what the
        // moderator saw removed. A rule's match is a new finding.
        if verdict.crisis.level > approvedLevel, !verdict.crisis.matches.isEmpty {
            let categories =
                verdict.crisis.categories.isEmpty
                ? "" : " (\(verdict.crisis.categories.joined(separator: ", ")))"
            let above = verdict.crisis.matches.filter { $0.level > approvedLevel }
            let rules = unique((above.isEmpty ? verdict.crisis.matches : above).map(\.rule))
            findings.append(
                "the crisis lane now flags it \(verdict.crisis.level)\(categories), rule(s) "
                    + rules.joined(separator: ", ") + "; it was approved as \(post.crisisLevel)")
        }
        if !findings.isEmpty {
            return .sendBack(
                reason: findings.joined(separator: "; "),
                screening: QueueRecord.screening(text: text, verdict: verdict, id: nil, hiddenNote: hidden.note))
        }
        return .publish(text: text, textHash: ContentHasher.sha256Hex(of: text))
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
