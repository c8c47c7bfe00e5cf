import Foundation
import PorchModel
import PorchQueue
import PorchReview
import PorchScreening

/// Adapts the group's queue to the review screen: posts become `ReviewItem`s and decisions go through the same
/// `Queue` calls as the shell commands, with the same history and version checks.
public struct QueueReviewStore: ReviewStore {
    /// How many of the most recent posts of each decided state are loaded, so `f` can show them.
    public static let decidedPerState = 500
    /// How many open posts are read at a time: the first screen waits for one page, never for the whole queue.
    public static let openPageSize = 100

    public let queue: Queue
    /// The group's helplines now, and the screener for edits once it has loaded.
    public let screener: ScreenerLoad
    /// The group's region, for crisis resources and for screening edits.
    public let region: String
    /// Who is deciding, recorded in every history line.
    public let actor: String

    /// What other moderators and hosts change, on a queue shared through PostgreSQL; nil on SQLite.
    public let changes: (any ChangeFeed)?

    /// `z` takes the last decision back through `Queue.revert` (until the post is published). On a shared queue the
    /// review listens for other moderators' changes; a listener that cannot start leaves the review without it.
    public init(queue: Queue, screener: ScreenerLoad, region: String, actor: String) {
        (self.queue, self.screener, self.region, self.actor) = (queue, screener, region, actor)
        changes = (try? queue.storage.changeListener()).flatMap { $0 }.map(QueueChangeFeed.init)
    }

    public var canUndo: Bool { true }

    public var pageSize: Int { Self.openPageSize }

    // MARK: - Loading

    /// The first page of open posts, and the most recent decided ones.
    public func load() throws -> [ReviewItem] {
        do {
            var posts = try openPage(after: nil, limit: Self.openPageSize)
            // Counted state by state, not across the queue: a queue of many open posts still opens at once.
            for state in [PostState.approved, .rejected, .spam, .published] {
                let count = try queue.count(state: state)
                guard count > 0 else { continue }
                let limit = Self.decidedPerState
                posts += try queue.list(states: [state], limit: limit, offset: max(0, count - limit))
            }
            var builder = ReviewItemBuilder(screener: screener, region: region)
            return posts.map { builder.item(from: $0) }
        } catch let error as QueueError {
            throw Self.storeError(error)
        }
    }

    public func loadOpen(after last: ReviewItem, limit: Int) throws -> [ReviewItem] {
        do {
            let posts = try openPage(after: last.id, limit: limit)
            var builder = ReviewItemBuilder(screener: screener, region: region)
            return posts.map { builder.item(from: $0) }
        } catch let error as QueueError {
            throw Self.storeError(error)
        }
    }

    /// The first `limit` open posts in review order (after the post `after`): read state by state, so each read
    /// walks the review index in order and stops at the limit, where one read of all three states would sort them.
    private func openPage(after: Int64?, limit: Int) throws -> [Post] {
        var posts: [Post] = []
        for state in Queue.reviewStates.sorted(by: { $0.rawValue < $1.rawValue }) {
            posts += try queue.list(states: [state], limit: limit, after: after)
        }
        posts.sort { lhs, rhs in
            if lhs.crisisLevel != rhs.crisisLevel { return lhs.crisisLevel > rhs.crisisLevel }
            if lhs.receivedAt != rhs.receivedAt { return lhs.receivedAt < rhs.receivedAt }
            return lhs.id < rhs.id
        }
        return Array(posts.prefix(limit))
    }

    public func openCounts() throws -> OpenCounts? {
        do {
            let counts = try queue.openCountsByLevel()
            return OpenCounts(
                open: counts.values.reduce(0, +), crisis: counts[.crisis] ?? 0, concern: counts[.concern] ?? 0)
        } catch let error as QueueError {
            throw Self.storeError(error)
        }
    }

    // MARK: - Deciding

    public func decide(_ decision: Decision, item id: Int64, expectedVersion: Int) throws -> ReviewItem? {
        let post: Post
        do {
            switch decision {
            case .approve:
                post = try queue.approve(id: id, actor: actor, expectedVersion: expectedVersion)
            case .reject(let reason):
                post = try queue.reject(id: id, reason: reason, actor: actor, expectedVersion: expectedVersion)
            case .spam:
                post = try queue.markSpam(id: id, actor: actor, expectedVersion: expectedVersion)
            case .escalate:
                post = try queue.escalate(id: id, actor: actor, expectedVersion: expectedVersion)
            case .restore(let highlightIndex):
                // Highlights list the stored redactions first, in the queue's order, so the indices agree.
                post = try queue.restore(
                    id: id, redactionIndex: highlightIndex, actor: actor, expectedVersion: expectedVersion)
            case .edit(let text):
                post = try queue.edit(
                    id: id, screening: try screening(of: text, id: id), actor: actor, expectedVersion: expectedVersion)
            case .undo:
                post = try queue.revert(id: id, actor: actor, expectedVersion: expectedVersion)
            }
        } catch let error as QueueError {
            throw Self.storeError(error, id: id)
        }
        var builder = ReviewItemBuilder(screener: screener, region: region)
        return builder.item(from: post)
    }

    /// The edited text screened again, as the queue stores it; the post's own id stays in the verdict.
    private func screening(of edited: String, id: Int64) throws -> Screening {
        let hidden = HiddenText(edited)
        let externalID = try queue.post(id: id).externalID
        let loaded: Screener
        do {
            loaded = try screener.screener()
        } catch {
            throw ReviewStoreError.refused(
                id: id, reason: "the edit cannot be screened: the rules were refused; run `porch rules check`")
        }
        let verdict = loaded.session().screen(hidden.text, region: region)
        return QueueRecord.screening(text: hidden.text, verdict: verdict, id: externalID, hiddenNote: hidden.note)
    }

    // MARK: - Errors
}

/// The queue's change listener as the review's ``ChangeFeed``.
final class QueueChangeFeed: ChangeFeed {
    let changes: QueueChanges

    init(_ changes: QueueChanges) { self.changes = changes }

    var fileDescriptor: Int32 { changes.fileDescriptor }

    func drain() -> Bool { changes.drain() }
}
