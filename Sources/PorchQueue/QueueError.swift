import PorchModel

/// Everything that can go wrong opening or changing the queue, each with what to do next.
///
/// Messages name posts by queue id, files by path and rules by id; never text from a post.
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder that should hold the queue does not exist.
    case folderMissing(path: String)
    /// The queue's folder cannot be written (a read-only mount, or not the user's to write).
    case folderNotWritable(path: String, reason: String)
    /// A file or folder holding posts can be read by others.
    case insecurePermissions(path: String, mode: UInt32, fix: String)
    /// A file operation failed.
    case fileAccess(path: String, operation: String, reason: String)
    /// Another porch process kept the database locked past the wait.
    case locked(path: String, waitedSeconds: Double)
    /// The disk is full; nothing of the failed transaction was stored.
    case diskFull(path: String)
    /// The file is not a Porch queue, or it was written by a newer Porch.
    case unusableDatabase(path: String, reason: String)
    /// Any other SQLite failure.
    case database(path: String, code: Int32, message: String)
    /// No post has this id.
    case notFound(id: Int64)
    /// Someone changed the post since the caller read it.
    case conflict(
        id: Int64, expectedVersion: Int, currentVersion: Int, changedBy: String, lastAction: String,
        state: PostState)
    /// The action is not allowed in the post's current state.
    case notAllowed(id: Int64, action: String, state: PostState, reason: String)
    /// A redaction cannot be restored.
    case restoreImpossible(id: Int64, reason: String)
    /// The caller passed something unusable (an empty actor, bad offsets).
    case invalidArgument(String)
    /// The PostgreSQL server could not be reached, or kept failing, for the whole retry window.
    case serverUnavailable(location: String, reason: String, waitedSeconds: Double)
    /// This host's secret key is not the one the group's database was first used with.
    case keyMismatch(location: String)

    public var description: String {
        switch self {
        case .folderNotWritable(let path, let reason):
            "the queue folder \(path) cannot be written (\(reason)): porch writes its journal there even to read the"
                + " queue. If it is mounted read-only, remount it read-write; otherwise check that you own it and can"
                + " write it (`chmod 700 \(path)`)"
        case .folderMissing(let path):
            "the queue folder \(path) does not exist; run `porch init` to create the group's data folder"
        case .insecurePermissions(let path, let mode, let fix):
            "\(path) can be accessed by other users (mode \(String(mode, radix: 8))); it holds private posts:"
                + " run `\(fix)` and try again"
        case .fileAccess(let path, let operation, let reason):
            "could not \(operation) \(path): \(reason); check that the file exists and that you own it"
        case .locked(let path, let waited):
            "the queue is locked by another porch process (waited \(waited.formatted1) s for \(path));"
                + " try again when it has finished"
        case .diskFull(let path):
            "the disk holding \(path) is full; nothing from this step was stored. Free some space and try again"
        case .unusableDatabase(let path, let reason):
            "\(path) cannot be used as a Porch queue: \(reason)"
        case .database(let path, let code, let message):
            "the queue database \(path) failed (SQLite error \(code): \(message)); nothing from this step was"
                + " stored. Try again; if it persists, check the disk and the file"
        case .notFound(let id):
            "no post with id \(id) in the queue; run `porch queue list` to see the ids"
        case .conflict(let id, let expected, let current, let by, let action, let state):
            "post \(id) was changed by \(by) (\(action)) while you had it open (version \(expected) → \(current));"
                + " it is now \(state). Refresh it and decide again"
        case .notAllowed(let id, let action, let state, let reason):
            "cannot \(action) post \(id): it is \(state) — \(reason)"
        case .restoreImpossible(let id, let reason):
            "cannot restore a redaction of post \(id): \(reason)"
        case .invalidArgument(let reason):
            reason
        case .serverUnavailable(let location, let reason, let waited):
            "the queue database \(location) could not be used for \(waited.formatted1) s (\(reason)); nothing from"
                + " this step was acknowledged as stored. Check that the server is running and reachable, then try"
                + " again (posts already stored are recognised and not stored twice)"
        case .keyMismatch(let location):
            "this host's secret key (data/secret.key) is not the key the group's queue at \(location) was first"
                + " used with, so the same member would get a different alias here. Copy the group's key file from"
                + " a host that already writes to this queue; nothing was written"
        }
    }
}

extension Double {
    fileprivate var formatted1: String {
        let tenths = (self * 10).rounded()
        return "\(Int(tenths) / 10).\(abs(Int(tenths) % 10))"
    }
}
