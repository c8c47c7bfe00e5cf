import ArgumentParser
import Foundation
import PorchIntake
import PorchPipeline
import PorchQueue
import PorchScreening

/// `porch submit`: reads posts from stdin, screens them and stores them in the group's queue.
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Screen posts from stdin and store them in the group's queue.",
        discussion: """
            --format text: all of stdin is one post. jsonl: one {"text": ...} object per line (optional id, \
            author, submitted_at, topic). email: one RFC 5322 message, as a mail server pipes it. mbox: many \
            messages. Prints one line per post once it is stored (stored means it survives a crash). A line or \
            message that cannot be read is reported on stderr with its number; the rest are still stored, and \
            the exit status is 1.
            """)

    @Option(help: "Input format: text, jsonl, email or mbox.")
    var format: IntakeFormat = .text

    @Flag(help: "Print one JSON object per post instead of a line of text.")
    var json = false

    @OptionGroup var group: GroupOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let group = try group.group()
        let screener = try rules.loadScreener(group: group, fewPosts: format == .email)
        let queue: Queue
        let key: SecretKey
        do {
            queue = try group.openQueue()
            key = try group.loadKey()
            try LearnedSpam.seed(queue, starter: screener.spamStarter)
        } catch let status as ExitCode {
            throw status
        } catch {
            Console.error("\(error)")
            throw ExitStatus.configuration
        }
        let submission = Submission(
            queue: queue, screener: screener,
            record: QueueRecord(pseudonymizer: Pseudonymizer(key: key), hasher: ContentHasher(key: key)),
            learned: LearnedSpam(queue: queue, warn: { Console.error($0) }), region: group.config.region,
            hook: group.config.onCrisis.map { CrisisHook(command: $0, timeout: group.config.onCrisisTimeout) },
            actor: actor.name)
        let reader = PostReader(format: format, limits: IntakeLimits(maxPostBytes: group.config.maxPostBytes))
        let json = json
        let totals: Submission.Totals
        do {
            totals = try submission.run(reader) { batch in
                Console.out(
                    batch.map {
                        SubmitReport(post: $0.post, screening: $0.screening, outcome: $0.outcome).line(json: json)
                            + "\n"
                    }.joined())
            } problem: {
                Console.error($0)
            }
        } catch {
            Console.error(error.description)
            throw ExitStatus.inputRefused
        }
        if totals.readFailed || totals.refused > 0 {
            if totals.refused > 0 { Console.error("\(totals.refused) post(s) refused; \(totals.stored) stored") }
            throw ExitStatus.inputRefused
        }
    }
}

extension IntakeFormat: ExpressibleByArgument {}
