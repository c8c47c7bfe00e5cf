import Foundation
import PorchQueue
import PorchScreening

/// One post as `porch queue list` prints it: a line for a person, or a JSON object for a script.
struct PostSummary {
    /// How many characters of the scrubbed text a line shows.
    static let excerptLength = 60

    let post: Post
    let now: Date

    /// Column widths shared by the lines of one listing.
    struct Widths {
        var id = 3
        var flag = 1
        var alias = 1

        init(_ summaries: [PostSummary]) {
            for summary in summaries {
                id = max(id, summary.idColumn.count)
                flag = min(32, max(flag, summary.flagColumn.count))
                alias = min(24, max(alias, summary.aliasColumn.count))
            }
        }
    }

    private var idColumn: String { "#\(post.id)" }
    private var aliasColumn: String { SafeText.line(post.alias) }
    private var flagColumn: String {
        guard post.crisisLevel != .none else { return "-" }
        var flag = post.crisisLevel.rawValue.uppercased()
        if !post.crisisCategories.isEmpty { flag += " " + post.crisisCategories.joined(separator: ",") }
        return SafeText.line(flag)
    }

    /// What starts the text of a post whose text had invisible characters shown or removed (see `porch queue show`).
    static let hiddenMarker = "[hidden] "

    /// `#12  pending    CRISIS suicide  spam  Quiet Otter 12  3h  I can't do this…`, every part terminal-safe.
    func line(widths: Widths) -> String {
        func column(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        var text = post.hiddenNote == nil ? "" : PostSummary.hiddenMarker
        if post.state == .held {
            text += "(held, not scrubbed: \(post.heldReason.map { SafeText.line($0) } ?? "no reason recorded"))"
        } else {
            text += SafeText.excerpt(post.scrubbedText, limit: PostSummary.excerptLength)
        }
        return [
            column(idColumn, widths.id), column(post.state.rawValue, 9), column(flagColumn, widths.flag),
            post.spamVerdict == .spam ? "spam   " : post.spamVerdict == .suspect ? "suspect" : "-      ",
            column(aliasColumn, widths.alias),
            column(QueueTime.age(since: post.receivedAt, now: now), 3), text,
        ].joined(separator: "  ")
    }

    /// The `--json` object, keys in a fixed order (documented in `porch queue list --help`).
    var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        PostSummary.writeCommonFields(of: post, now: now, to: &writer)
        writer.field("text", post.state == .held ? nil : post.scrubbedText)
        writer.field("hidden", post.hiddenNote)
        writer.endObject()
        return SafeText.json(writer.output)
    }

    /// The fields `list` and `show` share.
    static func writeCommonFields(of post: Post, now: Date, to writer: inout JSONWriter) {
        writer.field("id", Int(post.id))
        writer.field("external_id", post.externalID)
        writer.field("state", post.state.rawValue)
        writer.field("version", post.version)
        writer.field("crisis", post.crisisLevel.rawValue)
        writer.field("categories", strings: post.crisisCategories)
        writer.field("spam", post.spamVerdict.rawValue)
        writer.field("spam_score", post.spamScore)
        writer.field("alias", post.alias)
        writer.field("topic", post.topic)
        writer.field("received_at", QueueTime.timestamp(post.receivedAt))
        writer.field("age_seconds", max(0, Int(now.timeIntervalSince(post.receivedAt))))
        writer.field("redaction_count", post.redactions.count)
        writer.field("held", post.heldReason)
    }
}
