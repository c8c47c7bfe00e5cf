import PorchFeed
import PorchQueue

/// Why `porch publish` stopped, with what state it left and what to do next.
///
/// Messages name posts by queue id and files by path; never text from a post.
public enum PublishError: Error, CustomStringConvertible {
    /// Another publisher held the lock past the wait.
    case lockBusy(path: String, waitedSeconds: Double)
    /// The lock file could not be opened or locked.
    case lockUnavailable(path: String, reason: String)
    /// The feed settings in porch.toml cannot be published.
    case settings(file: String, problem: FeedError)
    /// An approved post's stored entry id is not a `urn:uuid:` URI.
    case invalidEntryID(postID: Int64)
    /// A feed file could not be replaced; no post was marked published.
    case feedWrite(AtomicFileError)
    /// The posts could not be marked published; both feed files were put back.
    case mark(QueueError)
    /// The feed holds posts the queue no longer lists as published: writing it would drop them.
    case feedWouldShrink(path: String, missing: Int)

    public var description: String {
        switch self {
        case .lockBusy(let path, let waited):
            "another porch publish is running (it held \(path) for more than \(Int(waited)) s); "
                + "try again when it has finished"
        case .lockUnavailable(let path, let reason):
            "could not lock \(path): \(reason); check that the group's data folder is writable by you"
        case .settings(let file, let problem):
            "\(file): \(problem)"
        case .invalidEntryID(let id):
            "post \(id) has a feed entry id that is not a urn:uuid: URI, so it cannot be published; nothing was "
                + "written. Check the queue record (porch queue show \(id))"
        case .feedWrite(let error):
            "\(error) No post was marked published; the next porch publish writes them again."
        case .mark(let error):
            "the posts could not be marked published: \(error). Both feed files were put back as they were, so "
                + "nothing went out; run porch publish again once the cause is fixed"
        case .feedWouldShrink(let path, let missing):
            "\(path) holds \(missing) published post(s) the queue has no record of (was the queue replaced, "
                + "re-created or restored from an older backup?); nothing was written. Put the group's queue back "
                + "(data/queue.sqlite). To start the feed over on purpose, move both feed files aside and publish again"
        }
    }
}
