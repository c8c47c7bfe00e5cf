import PorchModel

/// Where the review screen loads posts from and writes decisions to; the command line adapts the queue to it.
///
/// An implementation must write every decision through the same path as the shell commands (history, version
/// check) and throw `ReviewStoreError.conflict` when `expectedVersion` is no longer the post's version.
///
/// A large queue is read a page at a time: `load()` returns at most `pageSize` open posts (the first in review
/// order) and `loadOpen(after:limit:)` the ones after a post already shown, so the first screen never waits for
/// the whole queue. The defaults suit a store that holds every post in memory.
public protocol ReviewStore {
    /// The posts the moderator may review, in any order: at most `pageSize` open posts, the first in review
    /// order, and any decided posts the store chooses to show.
    func load() throws -> [ReviewItem]
    /// Up to `limit` open posts that come after the open post `last` in review order.
    func loadOpen(after last: ReviewItem, limit: Int) throws -> [ReviewItem]
    /// How many open posts the queue holds, by level; nil when the loaded posts are all there are.
    func openCounts() throws -> OpenCounts?
    /// How many open posts `load()` and `loadOpen(after:limit:)` return at most.
    var pageSize: Int { get }
    /// Applies a decision to a post last seen at `expectedVersion`; returns the post as it is now, or nil if it
    /// left the queue.
    func decide(_ decision: Decision, item id: Int64, expectedVersion: Int) throws -> ReviewItem?
    /// Whether `Decision.undo` can ever succeed; a store whose decisions are final returns false and `z` says so.
    var canUndo: Bool { get }
    /// News of changes other moderators and hosts make, for a store shared by several (nil: none).
    var changes: (any ChangeFeed)? { get }
}

/// Tells the review that the queue changed elsewhere (another moderator decided, a new post arrived), so the
/// screen refreshes without a keypress.
public protocol ChangeFeed: AnyObject {
    /// A descriptor that becomes readable when news may have arrived.
    var fileDescriptor: Int32 { get }
    /// Consumes what arrived; true when the queue changed.
    func drain() -> Bool
}

extension ReviewStore {
    public var canUndo: Bool { true }
    public var changes: (any ChangeFeed)? { nil }
    public func loadOpen(after last: ReviewItem, limit: Int) throws -> [ReviewItem] { [] }
    public func openCounts() throws -> OpenCounts? { nil }
    public var pageSize: Int { Int.max }
}

/// How many posts wait for a decision, and how many of them are flagged, for the list's header.
public struct OpenCounts: Sendable, Equatable {
    public var open: Int
    public var crisis: Int
    public var concern: Int

    public init(open: Int, crisis: Int, concern: Int) {
        self.open = open
        self.crisis = crisis
        self.concern = concern
    }
}

/// What a moderator decided about one post.
public enum Decision: Sendable, Equatable {
    case approve
    case reject(reason: String)
    case spam
    case escalate
    /// Put back the original text of one redaction (index into `ReviewItem.highlights`).
    case restore(highlightIndex: Int)
    /// Replace the scrubbed text with the moderator's edit; the store screens it again.
    case edit(text: String)
    /// Revert the last decision this session made on the post.
    case undo

    /// A short verb for messages: "approved", "rejected", …
    public var pastTense: String {
        switch self {
        case .approve: "approved"
        case .reject: "rejected"
        case .spam: "marked as spam"
        case .escalate: "escalated"
        case .restore: "restored a redaction in"
        case .edit: "edited"
        case .undo: "undid the last decision on"
        }
    }

    /// Whether `z` can take this decision back.
    var isUndoable: Bool {
        switch self {
        case .approve, .reject, .spam, .escalate: true
        case .restore, .edit, .undo: false
        }
    }
}

/// Why a store could not apply a decision.
public enum ReviewStoreError: Error, CustomStringConvertible, Equatable {
    /// Another moderator changed the post since it was loaded; `currentState` is where it stands now.
    case conflict(id: Int64, currentState: PostState?)
    /// The post is no longer in the queue.
    case notFound(id: Int64)
    /// The decision is not allowed for this post (e.g. nothing to undo); `reason` must not quote post text.
    case refused(id: Int64, reason: String)
    /// The queue itself failed; `detail` names the file or operation, never post text.
    case storage(detail: String)

    public var description: String {
        switch self {
        case .conflict(let id, .published?):
            "post #\(id) was published meanwhile (porch publish): it is in the feed and can no longer be taken back"
                + " or decided again. The list was refreshed."
        case .conflict(let id, let state?):
            "another moderator decided post #\(id) meanwhile: it is now \(state.rawValue). The list was refreshed."
        case .conflict(let id, nil):
            "another moderator changed post #\(id) meanwhile. The list was refreshed; look at it again."
        case .notFound(let id):
            "post #\(id) is no longer in the queue. The list was refreshed."
        case .refused(let id, let reason):
            "post #\(id): \(reason)"
        case .storage(let detail):
            "the queue could not be updated: \(detail). Check the data folder, or use `porch queue` from the shell."
        }
    }
}
