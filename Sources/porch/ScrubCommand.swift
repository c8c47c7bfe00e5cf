import ArgumentParser
import PorchScreening

/// `porch scrub`: the PII lane alone, stdin to stdout.
struct Scrub: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrub",
        abstract: "Replace identifying details with placeholders (the PII lane only), stdin to stdout.",
        discussion: """
            --format text reads all of stdin as one post and prints the scrubbed text. --format jsonl reads \
            {"id": ..., "text": ...} lines and prints {"id", "text", "redactions"} lines in the same order. \
            A post the scrubber cannot finish is never printed unscrubbed: its text is null and it says why.
            """)

    @Option(help: "Input format: text or jsonl.")
    var format: ScreeningFormat = .text

    @Option(help: "The largest post read, in bytes (default: the group's intake.max_post_bytes, else 65536).")
    var maxPostBytes: Int?

    @OptionGroup var rules: RulesOptions

    func run() throws {
        let screener = try rules.loadScreener(piiOnly: true, fewPosts: format == .text)
        let format = format
        let limits = ScreeningLimits.resolve(override: maxPostBytes)
        try BatchRunner(format: format, limits: limits, screener: screener) { posts, session in
            zip(posts, session.scrub(posts.map(\.text))).map { post, result in
                switch format {
                case .jsonl:
                    return (result.json(id: post.id), result.hold != nil)
                case .text:
                    if let scrubbed = result.text { return (scrubbed, false) }
                    return ("[held: \(result.hold!.description)]", true)
                }
            }
        }.run()
    }
}
