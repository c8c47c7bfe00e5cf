import Foundation
import PorchIntake
import PorchScreening

/// How `submit`, `scan` and `scrub` screen stdin on every core: a reader thread decodes posts into batches (a batch
/// is released when full, when input pauses, or at the end), one worker per core takes the next batch as it comes
/// free and turns it into `Output` with its own session of the screener, and `next()` hands the outputs out in input
/// order. At most a few batches wait between the reader, the workers and the caller, so memory stays bounded
/// however long the input.
public final class ScreeningWorkers<Output>: @unchecked Sendable {
    /// One batch as read: decoded posts and refused lines, in input order.
    public typealias Batch = [Result<IncomingPost, IntakeFailure>]

    public enum Item {
        case batch(Output)
        /// Reading stdin failed after every batch before this one.
        case readFailed(Error)
    }

    /// Taking a batch and its number from the buffer happens under this lock, so numbers follow input order.
    /// It is not `condition`: a worker waiting for input must not keep finished batches from being handed out.
    private let intake = NSLock()
    private let condition = NSCondition()
    /// Batches taken so far (under both locks: `intake` then `condition`).
    private var taken = 0
    /// Finished batches by number, until handed out.
    private var ready: [Int: Item] = [:]
    private var nextOut = 0
    /// The number of the first batch that does not exist (input ended or failed before it), once known.
    private var end: Int?
    /// Batches taken but not yet handed out, at most.
    private let window: Int
    private let buffer: IncomingBuffer

    /// Starts reading `reader` from stdin (or `fileDescriptor`) in batches of up to `batchSize` posts, and one worker
    /// thread per core (or `workers`), each calling `work` with its own session of `screener`.
    public init(
        reading reader: PostReader, fileDescriptor: Int32 = 0, batchSize: Int, screener: Screener,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        work: @escaping @Sendable (Batch, Screener.Session) -> Output
    ) {
        let workers = max(1, workers)
        window = workers + 1
        buffer = IncomingBuffer(capacity: batchSize)
        buffer.startReading(reader, fileDescriptor: fileDescriptor)
        for _ in 0..<workers {
            Thread.detachNewThread { [self] in
                let session = screener.session()
                while let (number, item) = take(work: work, session: session) {
                    condition.lock()
                    ready[number] = item
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }
    }

    /// Takes the next batch and works it; nil once input has ended or failed.
    private func take(work: (Batch, Screener.Session) -> Output, session: Screener.Session) -> (Int, Item)? {
        condition.lock()
        while end == nil && taken >= nextOut + window { condition.wait() }
        let ended = end != nil
        condition.unlock()
        if ended { return nil }

        intake.lock()
        let number = condition.withLock { taken }
        let batch: Batch?
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
        return (number, .batch(work(batch, session)))
    }

    /// The next batch's output in input order, or nil when every batch has been handed out.
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
