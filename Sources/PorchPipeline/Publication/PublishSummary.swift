import PorchScreening

/// What `porch publish` prints: counts, queue ids, reasons and paths; never text from a post.
public struct PublishSummary {
    public let plan: PublishPlan
    public let atomPath: String
    public let jsonPath: String
    public let dryRun: Bool

    public init(plan: PublishPlan, atomPath: String, jsonPath: String, dryRun: Bool) {
        self.plan = plan
        self.atomPath = atomPath
        self.jsonPath = jsonPath
        self.dryRun = dryRun
    }

    /// Lines for a person.
    public func text() -> String {
        let ids = PublishSummary.list(plan.outgoing.map(\.post.id))
        var lines: [String] = []
        let verb = dryRun ? "would publish" : "published"
        lines.append("\(verb) \(plan.outgoing.count) post(s)" + (ids.isEmpty ? "" : ": \(ids)"))
        if !plan.keptBack.isEmpty {
            let kept = PublishSummary.list(plan.keptBack.map(\.id))
            lines.append(
                (dryRun ? "would keep back" : "kept back") + " \(plan.keptBack.count) post(s) for a moderator: \(kept)"
                    + " (reasons on stderr)")
        }
        let files = "\(atomPath), \(jsonPath)"
        let entries = plan.feedEntryCount == 1 ? "1 entry" : "\(plan.feedEntryCount) entries"
        lines.append(
            dryRun
                ? "the feed would hold \(entries); nothing was written (dry run): \(files)"
                : "the feed holds \(entries): \(files)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Queue ids as `#1 #2 …`, the first 20 and how many more (`--json` lists them all).
    public static func list(_ ids: [Int64]) -> String {
        let shown = ids.prefix(20).map { "#\($0)" }.joined(separator: " ")
        return ids.count > 20 ? shown + " and \(ids.count - 20) more" : shown
    }

    /// One JSON object.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("dry_run", dryRun)
        writer.beginArray("published")
        for outgoing in plan.outgoing {
            writer.beginObject()
            writer.field("id", Int(outgoing.post.id))
            writer.field("entry_id", outgoing.post.entryID)
            writer.field("text_sha256", outgoing.mark.textHash)
            writer.endObject()
        }
        writer.endArray()
        writer.beginArray("kept_back")
        for kept in plan.keptBack {
            writer.beginObject()
            writer.field("id", Int(kept.id))
            writer.field("reason", kept.reason)
            writer.endObject()
        }
        writer.endArray()
        writer.field("feed_entries", plan.feedEntryCount)
        writer.field("atom", atomPath)
        writer.field("json", jsonPath)
        writer.endObject()
        return writer.output
    }
}
