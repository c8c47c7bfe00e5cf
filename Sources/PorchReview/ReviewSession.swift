/// Runs the screen's effects against a store and an editor: the driver's logic, without a terminal.
public struct ReviewSession {
    /// Opens an editor on text and returns the edited text, or nil when the moderator left it unchanged.
    public typealias Editor = (String) throws -> String?

    public private(set) var screen: ReviewScreen
    public private(set) var isFinished = false
    /// Whether the moderator left with Ctrl-C (the command then exits with status 130).
    public private(set) var wasInterrupted = false
    private let store: any ReviewStore
    private let editor: Editor
    private let suspender: () -> Void

    /// Loads the queue into a new screen; `suspend` stops the program for Ctrl-Z and returns after `fg`.
    public init(
        store: any ReviewStore, screen: ReviewScreen, editor: @escaping Editor, suspend: @escaping () -> Void = {}
    ) {
        self.store = store
        self.screen = screen
        self.screen.undoAvailable = store.canUndo
        self.editor = editor
        self.suspender = suspend
    }

    /// Loads the first page of the queue; a failure shows on the screen.
    public mutating func load() {
        run([.reload])
    }

    /// Loads the queue again and counts it, as Ctrl-L does: called when the queue changed elsewhere.
    public mutating func refresh() {
        run([.reload, .count])
    }

    /// Counts the open posts for the header: called after the first screen is drawn, so it never delays it.
    public mutating func count() {
        run([.count])
    }

    /// Applies a key and everything it leads to.
    public mutating func press(_ key: Key) {
        run(screen.handle(key))
    }

    /// Lets the driver adjust the screen (size, clock).
    public mutating func updateScreen(_ change: (inout ReviewScreen) -> Void) {
        change(&screen)
    }

    private mutating func run(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .quit:
                isFinished = true
                return
            case .interrupt:
                isFinished = true
                wasInterrupted = true
                return
            case .suspend:
                suspender()
            case .reload:
                do {
                    let items = try store.load()
                    let open = items.count { $0.state.isOpen }
                    queue += screen.receive(.loadedPage(items, complete: open < store.pageSize))
                } catch {
                    queue += screen.receive(.loadFailed(Self.storeError(error)))
                }
            case .loadMore:
                guard let last = screen.lastOpenItem else { continue }
                do {
                    let limit = store.pageSize
                    let more = try store.loadOpen(after: last, limit: limit)
                    queue += screen.receive(.loadedMore(more, complete: more.count < limit))
                } catch {
                    queue += screen.receive(.loadFailed(Self.storeError(error)))
                }
            case .count:
                do {
                    if let counts = try store.openCounts() { queue += screen.receive(.counted(counts)) }
                } catch {
                    queue += screen.receive(.loadFailed(Self.storeError(error)))
                }
            case .decide(let decision, let id, let version):
                queue += decide(decision, id: id, version: version)
            case .decideBatch(let decision, let targets):
                let results = targets.map { target in
                    let outcome: Result<ReviewItem?, ReviewStoreError>
                    do {
                        outcome = .success(
                            try store.decide(decision, item: target.id, expectedVersion: target.expectedVersion))
                    } catch {
                        outcome = .failure(Self.storeError(error))
                    }
                    return BatchResult(id: target.id, outcome: outcome)
                }
                queue += screen.receive(.decidedBatch(decision, results: results))
            case .edit(let id, let version, let text):
                let edited: String?
                do {
                    edited = try editor(text)
                } catch {
                    queue += screen.receive(.editorFailed(item: id, reason: String(describing: error)))
                    continue
                }
                guard let edited, edited != text else {
                    queue += screen.receive(.editUnchanged(item: id))
                    continue
                }
                queue += decide(.edit(text: edited), id: id, version: version)
            }
        }
    }

    private mutating func decide(_ decision: Decision, id: Int64, version: Int) -> [Effect] {
        do {
            let updated = try store.decide(decision, item: id, expectedVersion: version)
            return screen.receive(.decided(decision, item: id, updated: updated))
        } catch {
            return screen.receive(.failed(decision, item: id, error: Self.storeError(error)))
        }
    }

    /// Our store errors pass through; anything else is described without post text.
    static func storeError(_ error: any Error) -> ReviewStoreError {
        if let error = error as? ReviewStoreError { return error }
        return .storage(detail: String(describing: error))
    }
}
