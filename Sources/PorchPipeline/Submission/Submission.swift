import Foundation
import PorchIntake
import PorchModel
import PorchQueue
import PorchScreening

/// `porch submit`'s pipeline: posts read from stdin are screened on every core, in input order, and stored in the
/// queue a batch at a time (one transaction each, so a post is acknowledged only once it is durable); a stored
/// crisis post starts the group's `on_crisis` hook.
///
/// The caller hears, in input order, of every post a batch stored (`stored`) and of every problem worth a line on
/// stderr (`problem`: a line that could not be read, a hook that failed, reading stopped); it never prints itself.
public struct Submission {
    /// Every stored, duplicate or refused post of one batch, as the queue answered.
    public struct Stored {
        public let post: IncomingPost
        public let screening: Screening
        public let outcome: SubmitOutcome
    }

    /// What a run came to.
    public struct Totals: Equatable {
        /// Posts stored (a duplicate counts: it is in the queue).
        public var stored = 0
        /// Lines or messages that could not be read, and posts the queue refused.
        public var refused = 0
        /// Reading stdin failed after every post before it was stored.
        public var readFailed = false
    }

    /// Storing a batch failed: nothing of it, and nothing after it, was stored.
    public struct StoringFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// One batch as read (posts and refused lines, in input order), its readable posts, and their screening.
    struct Screened {
        let batch: [Result<IncomingPost, IntakeFailure>]
        let posts: [IncomingPost]
        let newPosts: [NewPost]
        let at: Date
    }

    public let queue: Queue
    public let screener: Screener
    public let record: QueueRecord
    public let learned: LearnedSpam?
    public let region: String
    public let hook: CrisisHook?
    public let actor: String

    public init(
        queue: Queue, screener: Screener, record: QueueRecord, learned: LearnedSpam?, region: String,
        hook: CrisisHook?, actor: String
    ) {
        self.queue = queue
        self.screener = screener
        self.record = record
        self.learned = learned
        self.region = region
        self.hook = hook
        self.actor = actor
    }

    /// Reads `reader` to the end of stdin, screening and storing as it goes; throws `StoringFailed` (naming the
    /// first post not stored) when the queue cannot store a batch.
    public func run(
        _ reader: PostReader, stored: ([Stored]) -> Void, problem: (String) -> Void
    ) throws(StoringFailed) -> Totals {
        // Chunks of 500 keep each write transaction short, so moderators and the publisher never wait long.
        let (learned, region, record) = (learned, region, record)
        let workers = ScreeningWorkers<Screened>(reading: reader, batchSize: 500, screener: screener) {
            batch, session in
            let posts = batch.compactMap { try? $0.get() }
            let now = Date()
            let newPosts =
                posts.isEmpty
                ? []
                : Submission.screen(posts, session: session, learned: learned, region: region, record: record, at: now)
            return Screened(batch: batch, posts: posts, newPosts: newPosts, at: now)
        }

        var totals = Totals()
        while let item = workers.next() {
            guard case .batch(let screened) = item else {
                if case .readFailed(let error) = item {
                    problem("reading stdin failed: \(error); every post printed above is stored")
                    totals.readFailed = true
                }
                break
            }
            let (posts, newPosts, now) = (screened.posts, screened.newPosts, screened.at)
            for case .failure(let failure) in screened.batch {
                problem(failure.description)
                totals.refused += 1
            }
            guard !posts.isEmpty else { continue }
            let outcomes: [SubmitOutcome]
            do {
                outcomes = try queue.submit(newPosts, actor: actor, at: now)
            } catch {
                // Nothing of this batch was stored; say so plainly and stop, so nothing is taken for stored.
                throw StoringFailed(
                    description: "storing failed: \(error). NOT stored: everything from \(posts[0].position) on"
                        + " (this batch of \(posts.count) post(s) and all the input after it); the \(totals.stored)"
                        + " post(s) printed above are stored. Send the input again from \(posts[0].position) once"
                        + " the cause is fixed.")
            }
            stored(
                outcomes.indices.map {
                    Stored(post: posts[$0], screening: newPosts[$0].screening, outcome: outcomes[$0])
                }
            )
            for outcome in outcomes {
                switch outcome {
                case .stored, .duplicate: totals.stored += 1
                case .refused: totals.refused += 1
                }
            }
            if let hook {
                // Started side by side and not waited for here: a slow pager never holds up the batch.
                for (index, outcome) in outcomes.enumerated() where newPosts[index].screening.crisisLevel == .crisis {
                    if case .stored(let id, _) = outcome, let failed = hook.start(id: id, level: "crisis") {
                        problem(failed)
                    }
                }
                for failed in hook.collect(wait: false) { problem(failed) }
            }
        }
        if let hook { for failed in hook.collect(wait: true) { problem(failed) } }
        return totals
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
