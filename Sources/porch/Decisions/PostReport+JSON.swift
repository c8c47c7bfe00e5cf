import Foundation
import PorchModel
import PorchPipeline
import PorchQueue
import PorchScreening

extension PostReport {
    /// The `--json` object, keys in a fixed order (documented in `porch queue show --help`).
    var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        PostSummary.writeCommonFields(of: post, now: now, to: &writer)
        writer.field("text", post.state == .held ? nil : post.scrubbedText)
        writer.field("hidden", post.hiddenNote)
        writer.field("source_format", post.sourceFormat)
        writer.field("submitted_at", post.submittedAt.map(QueueTime.timestamp))
        writer.field("decided_by", post.decidedBy)
        writer.field("decided_at", post.decidedAt.map(QueueTime.timestamp))
        writer.field("reject_reason", post.rejectReason)
        writer.beginArray("redactions")
        for (index, redaction) in post.redactions.enumerated() {
            writer.beginObject()
            writer.field("number", index + 1)
            writer.field("rule", redaction.rule)
            writer.field("type", redaction.type)
            writer.field("placeholder", redaction.placeholder)
            writer.field("start", redaction.start)
            writer.field("end", redaction.end)
            writer.field("output_start", redaction.outputStart)
            writer.field("output_end", redaction.outputEnd)
            writer.endObject()
        }
        writer.endArray()
        writeMatches("crisis_matches", crisisMatches, to: &writer)
        writeMatches("spam_matches", spamMatches, to: &writer)
        ModelExplanation.write(verdict, to: &writer)
        writer.beginArray("resources")
        for resource in verdict?.helplines ?? [] {
            writer.beginObject()
            writer.field("name", resource.name)
            writer.field("contact", resource.contact)
            writer.field("url", resource.url)
            writer.field("region", resource.region)
            writer.endObject()
        }
        writer.endArray()
        writer.beginArray("history")
        for entry in history {
            writer.beginObject()
            writer.field("at", QueueTime.timestamp(entry.at))
            writer.field("actor", entry.actor)
            writer.field("action", entry.action.rawValue)
            writer.field("from", entry.fromState?.rawValue)
            writer.field("to", entry.toState.rawValue)
            writer.field("detail", entry.detail)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return SafeText.json(writer.output)
    }

    private func writeMatches(_ key: String, _ matches: [RuleMatch], to writer: inout JSONWriter) {
        writer.beginArray(key)
        for match in matches {
            writer.beginObject()
            writer.field("rule", match.rule)
            if let category = match.category { writer.field("category", category) }
            if let level = match.level { writer.field("level", level.rawValue) }
            if !match.context.isEmpty { writer.field("context", strings: match.context) }
            if let score = match.score { writer.field("score", score) }
            writer.field("start", match.start)
            writer.field("end", match.end)
            if let start = match.outputStart, let end = match.outputEnd, post.state != .held {
                writer.field("output_start", start)
                writer.field("output_end", end)
            }
            writer.endObject()
        }
        writer.endArray()
    }
}
