import Foundation
import PorchIntake

/// Hands decoded posts from a reader thread to the submitting thread in batches.
///
/// A batch is released when it is full, when input pauses (so a post piped in alone is stored and
/// acknowledged at once), or at the end of input.
final class IncomingBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Result<IncomingPost, IntakeFailure>] = []
    private var finished = false
    private var readError: Error?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Starts reading `fileDescriptor` (stdin in every command) on its own thread.
    func startReading(_ reader: PostReader, fileDescriptor: Int32) {
        Thread.detachNewThread { [self] in
            do {
                try reader.read(fileDescriptor: fileDescriptor) { result in self.append(result) }
            } catch {
                condition.lock()
                readError = error
                condition.unlock()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }

    private func append(_ item: Result<IncomingPost, IntakeFailure>) {
        condition.lock()
        // Back-pressure: the reader waits while a few batches are already queued.
        while items.count >= capacity * 4 { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch: up to `capacity` items, as soon as the input pauses for `pause` seconds.
    /// Nil at the end of input; throws the read error, if reading stdin failed, after the last batch.
    func nextBatch(pause: TimeInterval = 0.05) throws -> [Result<IncomingPost, IntakeFailure>]? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        // Wait briefly for more while input is still flowing, to fill the batch.
        while items.count < capacity && !finished {
            let before = items.count
            _ = condition.wait(until: Date(timeIntervalSinceNow: pause))
            if items.count == before { break }
        }
        if items.isEmpty {
            if let readError { throw readError }
            return nil
        }
        let batch = Array(items.prefix(capacity))
        items.removeFirst(batch.count)
        condition.broadcast()
        return batch
    }
}
