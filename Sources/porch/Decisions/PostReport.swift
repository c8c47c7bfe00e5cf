import Foundation
import PorchModel
import PorchPipeline
import PorchQueue
import PorchScreening

/// One post in full as `porch queue show` prints it: scrubbed text, every redaction and flag with its rule,
/// the group's resources for a flagged post, and the history. Never the original text.
struct PostReport {
    let post: Post
    let history: [HistoryEntry]
    let now: Date
    /// The stored verdict's explanations (learned models, threshold, helplines); the matches are the post's own.
    let verdict: StoredVerdict?

    init(post: Post, history: [HistoryEntry], now: Date) {
        self.post = post
        self.history = history
        self.now = now
        verdict = StoredVerdict.parse(post.verdictJSON)
    }

    var crisisMatches: [RuleMatch] { post.matches.filter { $0.lane == .crisis } }
    var spamMatches: [RuleMatch] { post.matches.filter { $0.lane == .spam } }

    /// The report for a person, every piece of post text made terminal-safe.
    var text: String {
        var lines: [String] = []
        lines.append("Post #\(post.id) · \(post.state) · version \(post.version)")
        var crisis = "Crisis: \(post.crisisLevel == .none ? "none" : post.crisisLevel.rawValue.uppercased())"
        if !post.crisisCategories.isEmpty { crisis += " (\(post.crisisCategories.joined(separator: ", ")))" }
        lines.append(SafeText.line(crisis))
        var spam = "Spam: \(post.spamVerdict) (score \(JSONWriter.number(post.spamScore))"
        if let threshold = verdict?.spamThreshold { spam += " of \(JSONWriter.number(threshold))" }
        lines.append(spam + ")")
        var from = "From: \(SafeText.line(post.alias)) · received \(QueueTime.timestamp(post.receivedAt))"
        from += " (\(QueueTime.age(since: post.receivedAt, now: now)) ago) · \(SafeText.line(post.sourceFormat))"
        if let topic = post.topic { from += " · topic \(SafeText.line(topic))" }
        if let external = post.externalID { from += " · external id \(SafeText.line(external))" }
        lines.append(from)
        if let hidden = post.hiddenNote { lines.append("Hidden: \(SafeText.line(hidden))") }
        if let held = post.heldReason {
            lines.append("Held: \(SafeText.line(held))")
            lines.append("  The text was not scrubbed: `porch edit \(post.id)` to scrub it by hand, or reject it.")
        }
        if let by = post.decidedBy {
            var decided = "Decided by \(SafeText.line(by))"
            if let at = post.decidedAt { decided += " at \(QueueTime.timestamp(at))" }
            if let reason = post.rejectReason { decided += "; reason: \(SafeText.line(reason))" }
            lines.append(decided)
        }
        lines.append("")
        if post.state == .held {
            lines.append("Scrubbed text: (none: the post is held)")
        } else {
            lines.append("Scrubbed text:")
            lines += SafeText.lines(post.scrubbedText).map { "  " + $0 }
        }
        lines += redactionLines + matchLines + resourceLines + historyLines
        return lines.joined(separator: "\n")
    }

    private var redactionLines: [String] {
        guard !post.redactions.isEmpty else { return ["", "Redactions: none"] }
        var lines = ["", "Redactions (`porch restore \(post.id) N` puts number N back):"]
        for (index, redaction) in post.redactions.enumerated() {
            lines.append(
                SafeText.line(
                    "  \(index + 1). \(redaction.placeholder) \(redaction.type), rule \(redaction.rule),"
                        + " at \(redaction.start)-\(redaction.end)"))
        }
        return lines
    }

    private var matchLines: [String] {
        var lines: [String] = []
        if !crisisMatches.isEmpty {
            lines += ["", "Crisis matches:"]
            for match in crisisMatches {
                var line = "  \(match.rule): \(match.category ?? "?"), \(match.level?.rawValue ?? "?")"
                if !match.context.isEmpty { line += " (lowered by \(match.context.joined(separator: ", ")))" }
                line += " at \(match.start)-\(match.end)"
                lines.append(SafeText.line(line) + quoted(match))
            }
        }
        guard let verdict else {
            return lines + [
                "", "Explanations: the stored verdict could not be read; `porch edit \(post.id)` screens it again",
            ]
        }
        if let model = verdict.crisis?.model {
            lines += ["", ModelExplanation.crisis(model)].map(SafeText.line)
            lines += ModelExplanation.features(model.features ?? []).map { SafeText.line("  " + $0) }
        }
        if !spamMatches.isEmpty {
            lines += ["", "Spam matches:"]
            for match in spamMatches {
                let line = "  \(match.rule): +\(JSONWriter.number(match.score ?? 0)) at \(match.start)-\(match.end)"
                lines.append(SafeText.line(line) + quoted(match))
            }
        }
        if let model = verdict.spam?.model {
            lines += [
                "",
                ModelExplanation.spam(
                    model, warned: verdict.spam?.warned ?? false, agreed: verdict.spam?.agreed ?? false),
            ].map(SafeText.line)
            lines += ModelExplanation.features(model.features ?? []).map { SafeText.line("  " + $0) }
        }
        if let learned = verdict.spam?.learned {
            lines += ["", ModelExplanation.learned(learned)].map(SafeText.line)
            lines += ModelExplanation.words(learned.words ?? []).map { SafeText.line("  " + $0) }
        }
        return lines
    }

    /// The words a match covers in the scrubbed text, quoted; empty for a held post.
    private func quoted(_ match: RuleMatch) -> String {
        guard post.state != .held, let start = match.outputStart, let end = match.outputEnd else { return "" }
        let scalars = Array(post.scrubbedText.unicodeScalars)
        guard 0 <= start, start <= end, end <= scalars.count else { return "" }
        return ": \"\(SafeText.line(String(String.UnicodeScalarView(scalars[start..<end]))))\""
    }

    private var resourceLines: [String] {
        guard let resources = verdict?.helplines, !resources.isEmpty else { return [] }
        var lines = ["", "Resources:"]
        for resource in resources {
            var line = "  \(resource.name): \(resource.contact)"
            if let url = resource.url { line += " — \(url)" }
            line += " (\(resource.region))"
            lines.append(SafeText.line(line))
        }
        return lines
    }

    private var historyLines: [String] {
        var lines = ["", "History:"]
        for entry in history {
            let change = entry.fromState.map { "\($0) → \(entry.toState)" } ?? "→ \(entry.toState)"
            lines.append(
                SafeText.line(
                    "  \(QueueTime.timestamp(entry.at))  \(entry.actor)  \(entry.action)  \(change)  \(entry.detail)"))
        }
        return lines
    }
}
