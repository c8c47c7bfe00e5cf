import Foundation
import PorchModel
import PorchQueue
import PorchReview
import PorchScreening

extension QueueReviewStore {
    /// The queue's error as the screen understands it, `id` naming the post a decision was about; the queue's
    /// messages never hold post text.
    public static func storeError(_ error: QueueError, id decided: Int64? = nil) -> ReviewStoreError {
        switch error {
        case .conflict(let id, _, _, _, _, let state):
            return .conflict(id: id, currentState: state)
        case .notFound(let id):
            return .notFound(id: id)
        case .notAllowed(let id, let action, let state, let reason):
            return .refused(id: id, reason: "cannot \(action) it: it is \(state) — \(reason)")
        case .restoreImpossible(let id, let reason):
            return .refused(id: id, reason: "cannot restore this redaction: \(reason)")
        case .invalidArgument(let reason):
            if let decided { return .refused(id: decided, reason: reason) }
            return .storage(detail: reason)
        case .folderMissing, .folderNotWritable, .insecurePermissions, .fileAccess, .locked, .diskFull,
            .unusableDatabase, .database, .serverUnavailable, .keyMismatch:
            return .storage(detail: error.description)
        }
    }
}
