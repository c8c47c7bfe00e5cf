import PorchQueue
import PorchScreening

/// What screening an edited post found, for the moderator who edited it: rules, types and spans, no text.
struct RescreenReport {
    let before: Post
    let after: Post
    let verdict: Verdict
    let actor: String

    var text: String {
        var lines = [
            "#\(after.id) edited by \(SafeText.line(actor)) and screened again: now \(after.state) (version \(after.version))"
        ]
        if let held = after.heldReason {
            lines.append("  HELD: \(SafeText.line(held)); nothing was scrubbed. Edit it again, or reject it")
        }
        let redactions = after.redactions
        lines.append("  redactions in the edited text: \(redactions.count)")
        for (index, redaction) in redactions.enumerated() {
            lines.append(
                SafeText.line(
                    "    \(index + 1). \(redaction.placeholder) \(redaction.type), rule \(redaction.rule),"
                        + " at \(redaction.start)-\(redaction.end)"))
        }
        var crisis = "  crisis: \(after.crisisLevel)"
        if !after.crisisCategories.isEmpty { crisis += " (\(after.crisisCategories.joined(separator: ", ")))" }
        if after.crisisLevel > before.crisisLevel {
            crisis += " — NEWLY FLAGGED (was \(before.crisisLevel))"
        } else if after.crisisLevel < before.crisisLevel {
            crisis += " — was \(before.crisisLevel)"
        }
        lines.append(SafeText.line(crisis))
        for match in verdict.crisis.matches {
            lines.append(
                SafeText.line(
                    "    \(match.rule): \(match.category), \(match.level.rawValue) at \(match.start)-\(match.end)"))
        }
        var spam = "  spam: \(after.spamVerdict) (score \(JSONWriter.number(after.spamScore)))"
        if after.spamVerdict != before.spamVerdict { spam += " — was \(before.spamVerdict)" }
        lines.append(spam)
        for match in verdict.spam.matches {
            lines.append(
                SafeText.line("    \(match.rule): +\(JSONWriter.number(match.score)) at \(match.start)-\(match.end)"))
        }
        return lines.joined(separator: "\n")
    }
}
