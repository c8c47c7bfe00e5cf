import PorchFeed
import PorchQueue

/// Why `porch publish` stopped, with what state it left and what to do next.
///
/// Messages name posts by queue id and files by path; never text from a post.
enum PublishError: Error, CustomStringConvertible {
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
    /// Both feed files were written but the posts could not be marked published.
    case mark(QueueError)

    var description: String {
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
            "the feed files were written but the posts could not be marked published: \(error). Run porch publish "
                + "again: the same posts go out under the same entry ids and are marked once"
        }
    }
}
