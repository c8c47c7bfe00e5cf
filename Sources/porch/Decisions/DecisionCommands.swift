import ArgumentParser
import PorchQueue

/// `porch approve ID…`: approve posts for the feed; their original text is purged.
struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve posts for publishing (teaching the group's spam filter ham); their original text is purged.",
        discussion: "A held post cannot be approved: edit it so it is screened again, or reject it. "
            + DecisionHelp.exitStatus)

    @Argument(help: "The posts' ids.")
    var ids: [PostNumber]

    @OptionGroup var options: DecisionOptions

    func run() throws {
        try options.run(ids) { queue, id, actor, version in
            let post = try queue.approve(id: id, actor: actor, expectedVersion: version)
            return "#\(post.id) approved by \(actor); original text purged"
        }
    }
}

/// `porch reject ID… --reason R`: reject posts with a reason; their original text is purged.
struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject posts with a reason (kept in the history); their original text is purged.",
        discussion: DecisionHelp.exitStatus)

    @Argument(help: "The posts' ids.")
    var ids: [PostNumber]

    @Option(help: "Why the posts were rejected (for the other moderators; never published).")
    var reason: String

    @OptionGroup var options: DecisionOptions

    func run() throws {
        let reason = reason
        try options.run(ids) { queue, id, actor, version in
            let post = try queue.reject(id: id, reason: reason, actor: actor, expectedVersion: version)
            return "#\(post.id) rejected by \(actor); original text purged"
        }
    }
}

/// `porch spam ID…`: mark posts as spam; their original text is purged.
struct MarkSpam: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spam",
        abstract: "Mark posts as spam (teaching the group's spam filter); their original text is purged.",
        discussion: DecisionHelp.exitStatus)

    @Argument(help: "The posts' ids.")
    var ids: [PostNumber]

    @OptionGroup var options: DecisionOptions

    func run() throws {
        try options.run(ids) { queue, id, actor, version in
            let post = try queue.markSpam(id: id, actor: actor, expectedVersion: version)
            return "#\(post.id) marked as spam by \(actor); original text purged"
        }
    }
}

/// `porch escalate ID… [--note N]`: send pending posts to a senior moderator.
struct Escalate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Send pending posts to a senior moderator; they stay undecided.",
        discussion: DecisionHelp.exitStatus)

    @Argument(help: "The posts' ids.")
    var ids: [PostNumber]

    @Option(help: "A note for the senior moderator, kept in the history.")
    var note: String?

    @OptionGroup var options: DecisionOptions

    func run() throws {
        let note = note
        try options.run(ids) { queue, id, actor, version in
            let post = try queue.escalate(id: id, note: note, actor: actor, expectedVersion: version)
            return "#\(post.id) escalated by \(actor)"
        }
    }
}

/// `porch restore ID N`: put back redaction N of an undecided post, a false positive.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put back a redaction that was a false positive (numbered as `porch queue show` lists them).",
        discussion: """
            Only while the post is undecided: its original text is purged when it is decided. The history \
            names the rule, type and placeholder, never the restored text. Exit status: 0 restored; 1 not; 2 the \
            group or its queue could not be opened.
            """)

    @Argument(help: "The post's id.")
    var id: PostNumber

    @Argument(help: "The redaction's number, from 1, as `porch queue show` lists them.")
    var redaction: Int

    @OptionGroup var options: DecisionOptions

    func validate() throws {
        if redaction < 1 { throw ValidationError("the redaction number starts at 1, as `porch queue show` lists them") }
    }

    func run() throws {
        let index = redaction - 1
        try options.run([id]) { queue, id, actor, version in
            let before = try queue.post(id: id)
            // The version read here makes sure the redaction named below is the one restored.
            let post = try queue.restore(
                id: id, redactionIndex: index, actor: actor, expectedVersion: version ?? before.version)
            var line = "#\(post.id): redaction \(index + 1) restored by \(actor)"
            if before.redactions.indices.contains(index) {
                let gone = before.redactions[index]
                line += " (\(gone.placeholder) \(gone.type), rule \(gone.rule))"
            }
            return line + "; \(post.redactions.count) redaction(s) left"
        }
    }
}
