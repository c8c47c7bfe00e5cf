/// Work the screen asks its driver to do; the result comes back as a `ReviewEvent`.
public enum Effect: Equatable, Sendable {
    /// Write a decision through the store, against the version the moderator saw.
    case decide(Decision, item: Int64, expectedVersion: Int)
    /// Open `$EDITOR` on the text, then send the result back as `Decision.edit`.
    case edit(item: Int64, expectedVersion: Int, text: String)
    /// Load the queue again.
    case reload
    /// Leave the review, restoring the terminal.
    case quit
}

/// What happened to an effect, fed back into `ReviewScreen.receive(_:)`.
public enum ReviewEvent: Sendable {
    case loaded([ReviewItem])
    /// The store applied the decision; `updated` is the post now, nil if it left the queue.
    case decided(Decision, item: Int64, updated: ReviewItem?)
    case failed(Decision, item: Int64, error: ReviewStoreError)
    /// The editor closed without changing the text.
    case editUnchanged(item: Int64)
    /// The editor could not be run; `reason` names the editor and what to do, never post text.
    case editorFailed(item: Int64, reason: String)
    /// Loading the queue failed.
    case loadFailed(ReviewStoreError)
}
