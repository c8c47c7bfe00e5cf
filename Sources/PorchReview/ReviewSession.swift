/// Runs the screen's effects against a store and an editor: the driver's logic, without a terminal.
public struct ReviewSession {
    /// Opens an editor on text and returns the edited text, or nil when the moderator left it unchanged.
    public typealias Editor = (String) throws -> String?

    public private(set) var screen: ReviewScreen
    public private(set) var isFinished = false
    private let store: any ReviewStore
    private let editor: Editor

    /// Loads the queue into a new screen.
    public init(store: any ReviewStore, screen: ReviewScreen, editor: @escaping Editor) {
        self.store = store
        self.screen = screen
        self.screen.undoAvailable = store.canUndo
        self.editor = editor
    }

    /// Loads the queue; a failure shows on the screen.
    public mutating func load() {
        run([.reload])
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
            case .reload:
                do {
                    queue += screen.receive(.loaded(try store.load()))
                } catch {
                    queue += screen.receive(.loadFailed(Self.storeError(error)))
                }
            case .decide(let decision, let id, let version):
                queue += decide(decision, id: id, version: version)
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
