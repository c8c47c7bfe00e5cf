/// Work the screen asks its driver to do; the result comes back as a `ReviewEvent`.
public enum Effect: Equatable, Sendable {
    /// Write a decision through the store, against the version the moderator saw.
    case decide(Decision, item: Int64, expectedVersion: Int)
    /// Write one decision to several posts (the tagged ones), each against the version the moderator saw; each
    /// succeeds or fails alone.
    case decideBatch(Decision, items: [BatchTarget])
    /// Open `$EDITOR` on the text, then send the result back as `Decision.edit`.
    case edit(item: Int64, expectedVersion: Int, text: String)
    /// Load the queue again.
    case reload
    /// Leave the review, restoring the terminal.
    case quit
    /// Leave the review because the moderator pressed Ctrl-C (the command exits with status 130).
    case interrupt
    /// Stop the program as Ctrl-Z does in a shell, with the terminal restored; `fg` brings the screen back.
    case suspend
    /// Read the next page of open posts after the last one loaded.
    case loadMore
    /// Count the open posts by level, for the header (it may arrive after the first screen).
    case count
}

/// What happened to an effect, fed back into `ReviewScreen.receive(_:)`.
public enum ReviewEvent: Sendable {
    /// Every post there is to review.
    case loaded([ReviewItem])
    /// The first page of the queue; `complete` when every open post is in it.
    case loadedPage([ReviewItem], complete: Bool)
    /// The store applied the decision; `updated` is the post now, nil if it left the queue.
    case decided(Decision, item: Int64, updated: ReviewItem?)
    /// What became of each post of a batch decision, in the batch's order.
    case decidedBatch(Decision, results: [BatchResult])
    case failed(Decision, item: Int64, error: ReviewStoreError)
    /// The editor closed without changing the text.
    case editUnchanged(item: Int64)
    /// The editor could not be run; `reason` names the editor and what to do, never post text.
    case editorFailed(item: Int64, reason: String)
    /// Loading the queue failed.
    case loadFailed(ReviewStoreError)
    /// The next page of open posts; `complete` when no more are waiting.
    case loadedMore([ReviewItem], complete: Bool)
    /// How many open posts there are, by level.
    case counted(OpenCounts)
}

/// One post of a batch decision and the version the moderator saw it at.
public struct BatchTarget: Equatable, Sendable {
    public var id: Int64
    public var expectedVersion: Int

    public init(id: Int64, expectedVersion: Int) {
        self.id = id
        self.expectedVersion = expectedVersion
    }
}

/// What became of one post of a batch decision: the post as it is now (nil if it left the queue), or why not.
public struct BatchResult: Sendable {
    public var id: Int64
    public var outcome: Result<ReviewItem?, ReviewStoreError>

    public init(id: Int64, outcome: Result<ReviewItem?, ReviewStoreError>) {
        self.id = id
        self.outcome = outcome
    }
}
