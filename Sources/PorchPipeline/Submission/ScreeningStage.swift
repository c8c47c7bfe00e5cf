import Foundation
import PorchIntake
import PorchQueue
import PorchScreening

/// Screens the batches of `porch submit` on every core while the submitting thread stores them: each worker
/// takes the next batch as it comes free (no core waits for another at the end of a batch), and the batches
/// are handed out in input order. A few screened batches at most wait to be stored, so memory stays bounded.
public final class ScreeningStage: @unchecked Sendable {
    /// One batch as read (posts and refused lines, in input order), its readable posts, and their screening.
    public struct Screened {
        public let batch: [Result<IncomingPost, IntakeFailure>]
        public let posts: [IncomingPost]
        public let newPosts: [NewPost]
        public let at: Date
    }

    public enum Item {
        case screened(Screened)
        /// Reading stdin failed after every batch before this one.
        case readFailed(Error)
    }

    /// Taking a batch and its number from the buffer happens under this lock, so numbers follow input order.
    /// It is not `condition`: a worker waiting for input must not keep screened batches from being handed out.
    private let intake = NSLock()
    private let condition = NSCondition()
    /// Batches taken so far (under both locks: `intake` then `condition`).
    private var taken = 0
    /// Screened batches by number, until handed out.
    private var ready: [Int: Item] = [:]
    private var nextOut = 0
    /// The number of the first batch that does not exist (input ended or failed before it), once known.
    private var end: Int?
    /// Batches taken but not yet handed out, at most.
    private let window: Int
    private let workers: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.workers = max(1, workers)
        window = self.workers + 1
    }

    /// Starts one screening thread per core reading from `buffer`, each with its own session of `screener`;
    /// `screen` turns posts into queue rows.
    public func start(
        _ buffer: IncomingBuffer, screener: Screener,
        screen: @escaping @Sendable ([IncomingPost], Date, Screener.Session) -> [NewPost]
    ) {
        for _ in 0..<workers {
            Thread.detachNewThread { [self] in
                let session = screener.session()
                while let (number, item) = take(from: buffer, screen: screen, session: session) {
                    condition.lock()
                    ready[number] = item
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }
    }

    /// Takes and screens the next batch; nil once input has ended or failed.
    private func take(
        from buffer: IncomingBuffer, screen: ([IncomingPost], Date, Screener.Session) -> [NewPost],
        session: Screener.Session
    ) -> (Int, Item)? {
        condition.lock()
        while end == nil && taken >= nextOut + window { condition.wait() }
        let ended = end != nil
        condition.unlock()
        if ended { return nil }

        intake.lock()
        let number = condition.withLock { taken }
        let batch: [Result<IncomingPost, IntakeFailure>]?
        var failure: Error?
        do {
            batch = try buffer.nextBatch()
        } catch {
            batch = nil
            failure = error
        }
        if batch != nil || failure != nil { condition.withLock { taken += 1 } }
        intake.unlock()

        guard let batch else {
            condition.lock()
            end = min(end ?? .max, failure == nil ? number : number + 1)
            if let failure { ready[number] = .readFailed(failure) }
            condition.broadcast()
            condition.unlock()
            return nil
        }
        let posts = batch.compactMap { try? $0.get() }
        let now = Date()
        let newPosts = posts.isEmpty ? [] : screen(posts, now, session)
        return (number, .screened(Screened(batch: batch, posts: posts, newPosts: newPosts, at: now)))
    }

    /// The next screened batch in input order, or nil when every batch has been handed out.
    public func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while ready[nextOut] == nil && (end.map { nextOut < $0 } ?? true) { condition.wait() }
        guard let item = ready.removeValue(forKey: nextOut) else { return nil }
        nextOut += 1
        condition.broadcast()
        return item
    }
}
