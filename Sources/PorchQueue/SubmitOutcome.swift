import PorchModel

/// What became of one post handed to ``Queue/submit(_:actor:)``.
public enum SubmitOutcome: Sendable, Equatable {
    /// Stored durably under this queue id, in this state (`pending` or `held`).
    case stored(id: Int64, state: PostState)
    /// The same message is already in the queue under this id; nothing new was stored.
    case duplicate(of: Int64)
    /// Not stored: the post was malformed (the reason names the problem, never the text).
    case refused(reason: String)

    /// The queue id the post lives under, whether stored now or before.
    public var id: Int64? {
        switch self {
        case .stored(let id, _): id
        case .duplicate(let id): id
        case .refused: nil
        }
    }
}
