import ArgumentParser
import Foundation
import PorchQueue

/// `porch queue`: the queue, scriptable.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "List the queue or show one post (scrubbed text only), for people and scripts.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    /// `porch queue list`: one line (or JSON object) per post, in review order.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List posts in review order: crisis first, then concern, then oldest first.",
            discussion: """
                Default: the posts waiting for a decision (pending, escalated, held). Each line: id, state, crisis \
                level and categories, spam flag, alias, age, the first words of the scrubbed text (a held post \
                shows why it is held instead: it has no scrubbed text). A post whose text had invisible characters \
                (shown as [hidden text: …] or removed before screening) starts with [hidden]; `porch queue show` \
                says how many. Text is made safe for the terminal.

                --json prints one object per line, keys in this order: id (number), external_id (string or null), \
                state, version (number, for --expect-version), crisis (none|concern|crisis), categories (strings), \
                spam (ham|suspect|spam), spam_score (number), alias, topic (string or null), received_at (UTC, \
                ISO 8601), age_seconds (number), redaction_count (number), held (reason or null), text (the \
                scrubbed text, null for a held post), hidden (what invisible characters were shown or removed, \
                as counts, or null). New keys may be added at the end; none will be renamed.
                """)

        @Option(
            help:
                "Only posts in this state (repeat for several): pending, escalated, held, approved, rejected, spam, published or all."
        )
        var state: [QueueStateFilter] = []

        @Option(help: "Only posts with this crisis level (repeat for several): crisis, concern or none.")
        var level: [QueueLevelFilter] = []

        @Option(help: "Print at most this many posts.")
        var limit: Int?

        @Flag(help: "Print one JSON object per post (see below).")
        var json = false

        @OptionGroup var group: GroupOptions

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
        }

        func run() throws {
            let queue = try group.group().openQueueOrExit()
            let states = state.isEmpty ? Queue.reviewStates : state.reduce(into: Set()) { $0.formUnion($1.states) }
            let levels = level.isEmpty ? nil : Set(level.map(\.level))
            let posts: [Post]
            do {
                posts = try queue.list(states: states, levels: levels, limit: limit)
            } catch {
                Console.error("\(error)")
                throw ExitStatus.inputRefused
            }
            let now = Date()
            let summaries = posts.map { PostSummary(post: $0, now: now) }
            let widths = PostSummary.Widths(json ? [] : summaries)
            var output = ""
            for summary in summaries {
                output += (json ? summary.json : summary.line(widths: widths)) + "\n"
                if output.utf8.count > 1 << 16 {
                    Console.out(output)
                    output = ""
                }
            }
            Console.out(output)
        }
    }

    /// `porch queue show ID`: one post in full.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract:
                "Show one post: scrubbed text, redactions, crisis and spam matches with rule ids, resources, history.",
            discussion: """
                The original text is never shown. A "Hidden:" line says how many invisible characters were shown \
                as [hidden text: …] or removed before screening (counts only). Redactions are numbered from 1: `porch restore ID N` puts \
                redaction N back when it was a false positive.

                --json prints one object: the keys of `porch queue list --json` (id, external_id, state, version, \
                crisis, categories, spam, spam_score, alias, topic, received_at, age_seconds, redaction_count, \
                held, text, hidden), then source_format, submitted_at, decided_by, decided_at, reject_reason (strings or \
                null), redactions [{number, rule, type, placeholder, start, end, output_start, output_end}], \
                crisis_matches [{rule, category, level, context?, start, end, output_start?, output_end?}], \
                spam_matches [{rule, score, start, end, output_start?, output_end?}], crisis_model?, spam_model? \
                (the learned weights: level or verdict, probabilities, features [{feature, weight}]), spam_learned? \
                (the group's spam filter: verdict, probability, words [{word, probability}]), resources [{name, contact, \
                url, region}], history [{at, actor, action, from, to, detail}]. start/end are Unicode scalar \
                offsets into the screened text, output_start/output_end into the scrubbed text.
                """)

        @Argument(help: "The post's id (as `porch queue list` prints it).")
        var id: PostNumber

        @Flag(help: "Print one JSON object (see below).")
        var json = false

        @OptionGroup var group: GroupOptions

        func run() throws {
            let queue = try group.group().openQueueOrExit()
            let report: PostReport
            do {
                report = PostReport(post: try queue.post(id: id.id), history: try queue.history(id: id.id), now: Date())
            } catch {
                Console.error("\(error)")
                throw ExitStatus.inputRefused
            }
            Console.out((json ? report.json : report.text) + "\n")
        }
    }
}
