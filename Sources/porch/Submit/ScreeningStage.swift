import Foundation
import PorchIntake
import PorchQueue

/// Screens the next batch of `porch submit` while the one before it is being stored: screening keeps every
/// core busy and the single SQLite writer no longer leaves them idle. Batches come out in input order; at
/// most one screened batch waits, so memory stays bounded.
final class ScreeningStage: @unchecked Sendable {
    /// One batch as read (posts and refused lines, in input order), its readable posts, and their screening.
    struct Screened {
        let batch: [Result<IncomingPost, IntakeFailure>]
        let posts: [IncomingPost]
        let newPosts: [NewPost]
        let at: Date
    }

    enum Item {
        case screened(Screened)
        /// Reading stdin failed after every batch before this one.
        case readFailed(Error)
    }

    private let condition = NSCondition()
    private var ready: [Item] = []
    private var finished = false

    /// Starts screening batches from `buffer` on its own thread; `screen` turns posts into queue rows.
    func start(_ buffer: IncomingBuffer, screen: @escaping @Sendable ([IncomingPost], Date) -> [NewPost]) {
        Thread.detachNewThread { [self] in
            while true {
                let item: Item
                do {
                    guard let batch = try buffer.nextBatch() else { break }
                    let posts = batch.compactMap { try? $0.get() }
                    let now = Date()
                    let newPosts = posts.isEmpty ? [] : screen(posts, now)
                    item = .screened(Screened(batch: batch, posts: posts, newPosts: newPosts, at: now))
                } catch {
                    item = .readFailed(error)
                }
                condition.lock()
                while ready.count >= 1 { condition.wait() }
                ready.append(item)
                condition.broadcast()
                condition.unlock()
                if case .readFailed = item { break }
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next screened batch in input order, or nil when every batch has been handed out.
    func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let item = ready.removeFirst()
        condition.broadcast()
        return item
    }
}
