import ArgumentParser
import PorchRules
import PorchScreening

/// `porch scan`: every lane, without queueing.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Run the whole pipeline without queueing and print each post's verdict.",
        discussion: """
            --format jsonl prints one JSON verdict per input line, in order: scrubbed text, redactions, crisis \
            level with categories and matches, spam verdict with score and matches. Offsets are Unicode scalar \
            offsets into the input text. --format text prints a verdict for a person to read.
            """)

    @Option(help: "Input format: text or jsonl.")
    var format: ScreeningFormat = .text

    @Option(help: "Region whose crisis resources are listed (default: the rules' default region).")
    var region: String?

    @Option(help: "The largest post read, in bytes (default: the group's intake.max_post_bytes, else 65536).")
    var maxPostBytes: Int?

    @OptionGroup var rules: RulesOptions

    func run() throws {
        let screener = try rules.loadScreener(fewPosts: format == .text)
        let format = format
        let region = region
        let limits = ScreeningLimits.resolve(override: maxPostBytes)
        try BatchRunner(format: format, limits: limits, screener: screener) { posts, session in
            zip(posts, session.screen(posts.map(\.text), region: region)).map { post, verdict in
                switch format {
                case .jsonl: return (verdict.json(id: post.id), verdict.hold != nil)
                case .text: return (VerdictReport(verdict: verdict).text, verdict.hold != nil)
                }
            }
        }.run()
    }
}

/// A verdict written for a person reading a terminal.
struct VerdictReport {
    let verdict: Verdict

    var text: String {
        var lines: [String] = []
        if let hold = verdict.hold { lines.append("HELD: \(hold.description)") }
        let crisis = verdict.crisis
        var crisisLine = "crisis: \(crisis.level.rawValue)"
        if !crisis.categories.isEmpty { crisisLine += " (\(crisis.categories.joined(separator: ", ")))" }
        lines.append(crisisLine)
        if let model = crisis.model {
            var line = "  learned weights: \(model.level.rawValue)"
            if model.level != model.modelLevel {
                line +=
                    " (\(model.modelLevel.rawValue) lowered by \(model.context.map(\.rawValue).joined(separator: ", ")))"
            }
            line +=
                " · crisis \(JSONWriter.number(model.crisisProbability)), concern \(JSONWriter.number(model.concernProbability))"
            lines.append(line)
            for feature in model.features {
                lines.append("    \"\(feature.feature)\" \(JSONWriter.number(feature.weight))")
            }
        }
        for match in crisis.matches {
            var line = "  \(match.rule) [\(match.category)] at \(match.start)-\(match.end)"
            if match.level != match.ruleLevel {
                line +=
                    ": \(match.ruleLevel.rawValue) lowered to \(match.level.rawValue) by "
                    + match.context.map(\.rawValue).joined(separator: ", ")
                    + (match.contextRules.isEmpty ? "" : " (\(match.contextRules.joined(separator: ", ")))")
            }
            lines.append(line)
        }
        let spam = verdict.spam
        lines.append("spam: \(spam.label.rawValue) (score \(spam.score) of \(spam.threshold))")
        for match in spam.matches {
            let quoted = match.quoted ? " (inside the quotation marks of a warning: not counted)" : ""
            lines.append("  \(match.rule) +\(match.score) at \(match.start)-\(match.end)\(quoted)")
        }
        if let model = spam.model {
            let capped =
                spam.warned && model.label == .spam
                ? " (\(SpamVerdict.warnedNote))" : spam.agreed ? " (\(SpamVerdict.agreedNote))" : ""
            lines.append(
                "  learned weights: \(model.label.rawValue) · probability \(JSONWriter.number(model.probability))"
                    + capped)
            for feature in model.features {
                lines.append("    \"\(feature.feature)\" \(JSONWriter.number(feature.weight))")
            }
        }
        lines.append("redactions: \(verdict.scrub.redactions.count)")
        for redaction in verdict.scrub.redactions {
            lines.append(
                "  \(redaction.placeholder) \(redaction.type) by \(redaction.rule) at \(redaction.start)-\(redaction.end)"
            )
        }
        if !verdict.resources.isEmpty {
            lines.append("resources:")
            for resource in verdict.resources { lines.append("  \(resource.name): \(resource.contact)") }
        }
        lines.append("text:")
        lines.append(verdict.scrub.text ?? "(withheld: the post is held)")
        return lines.joined(separator: "\n")
    }
}
