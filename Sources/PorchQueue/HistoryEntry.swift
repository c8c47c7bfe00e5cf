import Foundation
import PorchModel

/// What happened to a post in one step of its history.
public enum HistoryAction: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case submitted
    case approved
    case rejected
    case spam
    case escalated
    case edited
    case restored
    /// An approved post whose final screening found something new went back to a moderator.
    case sentBack = "sent_back"
    /// A moderator took their last decision back (undo): the post is undecided again.
    case reverted
    case published

    public var description: String { rawValue }
}

/// One line of a post's append-only history: who did what, when, and the state before and after.
///
/// `detail` names rules, types, placeholders and reasons; it never holds removed or restored text.
public struct HistoryEntry: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var postID: Int64
    public var at: Date
    public var actor: String
    public var action: HistoryAction
    /// nil for the first entry.
    public var fromState: PostState?
    public var toState: PostState
    public var detail: String
}
