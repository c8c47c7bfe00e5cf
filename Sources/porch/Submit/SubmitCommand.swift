import ArgumentParser
import Foundation
import PorchIntake
import PorchQueue
import PorchScreening

/// `porch submit`: reads posts from stdin, screens them and stores them in the group's queue.
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let screener = try rules.loadScreener(group: group)
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
        let record = QueueRecord(pseudonymizer: Pseudonymizer(key: key), hasher: ContentHasher(key: key))
        let hook = group.config.onCrisis.map { CrisisHook(command: $0, timeout: group.config.onCrisisTimeout) }
        let region = group.config.region
        let reader = PostReader(format: format, limits: IntakeLimits(maxPostBytes: group.config.maxPostBytes))
        // Chunks of 500 keep each write transaction short, so moderators and the publisher never wait long.
        let buffer = IncomingBuffer(capacity: 500)
        buffer.startReading(reader)

        let stage = ScreeningStage()
        let learned = LearnedSpam(queue: queue)
        stage.start(buffer, screener: screener) { posts, now, session in
            Submit.screen(posts, session: session, learned: learned, region: region, record: record, at: now)
        }

        var refused = 0
        var stored = 0
        var failure: Error?
        while let item = stage.next() {
            guard case .screened(let screened) = item else {
                if case .readFailed(let error) = item {
                    Console.error("reading stdin failed: \(error); every post printed above is stored")
                    failure = error
                }
                break
            }
            let (posts, newPosts, now) = (screened.posts, screened.newPosts, screened.at)
            for case .failure(let problem) in screened.batch {
                Console.error(problem.description)
                refused += 1
            }
            guard !posts.isEmpty else { continue }
            let outcomes: [SubmitOutcome]
            do {
                outcomes = try queue.submit(newPosts, actor: actor.name, at: now)
            } catch {
                // Nothing of this batch was stored; say so plainly and stop, so nothing is taken for stored.
                Console.error(
                    "storing failed: \(error). NOT stored: everything from \(posts[0].position) on (this batch of"
                        + " \(posts.count) post(s) and all the input after it); the \(stored) post(s) printed above are"
                        + " stored. Send the input again from \(posts[0].position) once the cause is fixed."
                )
                throw ExitStatus.inputRefused
            }
            var output = ""
            for (index, outcome) in outcomes.enumerated() {
                let post = posts[index]
                let screening = newPosts[index].screening
                output += SubmitReport(post: post, screening: screening, outcome: outcome).line(json: json) + "\n"
                switch outcome {
                case .stored: stored += 1
                case .duplicate: stored += 1
                case .refused: refused += 1
                }
            }
            Console.out(output)
            if let hook {
                // Started side by side and not waited for here: a slow pager never holds up the batch.
                for (index, outcome) in outcomes.enumerated() where newPosts[index].screening.crisisLevel == .crisis {
                    if case .stored(let id, _) = outcome, let problem = hook.start(id: id, level: "crisis") {
                        Console.error(problem)
                    }
                }
                for problem in hook.collect(wait: false) { Console.error(problem) }
            }
        }
        if let hook { for problem in hook.collect(wait: true) { Console.error(problem) } }
        if failure != nil || refused > 0 {
            if refused > 0 { Console.error("\(refused) post(s) refused; \(stored) stored") }
            throw ExitStatus.inputRefused
        }
    }

    /// Screens a batch on the calling thread, `Screener.batchSize` posts at a time (the stage runs one per core).
    static func screen(
        _ posts: [IncomingPost], session: Screener.Session, learned: LearnedSpam?, region: String,
        record: QueueRecord, at now: Date
    ) -> [NewPost] {
        stride(from: 0, to: posts.count, by: Screener.batchSize).flatMap { start in
            let chunk = posts[start..<min(start + Screener.batchSize, posts.count)]
            let hidden = chunk.map { QueueRecord.hidden(in: $0) }
            var verdicts = session.screen(
                hidden.map(\.text), known: chunk.map { QueueRecord.known($0.author) }, region: region)
            if let learned { verdicts = learned.apply(verdicts) }
            return zip(chunk, zip(hidden, verdicts)).map { post, screened in
                record.newPost(post, hidden: screened.0, verdict: screened.1, receivedAt: now)
            }
        }
    }
}

extension IntakeFormat: ExpressibleByArgument {}
