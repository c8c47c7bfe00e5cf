import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The interactive `porch review`: drives a `ReviewScreen` on the real terminal until the moderator quits.
public final class ReviewApp {
    private let store: any ReviewStore
    private let environment: [String: String]
    private let clock: () -> Date

    /// Waiting this long after a lone ESC byte decides that it was the Esc key.
    static let escapeDelayMilliseconds: Int32 = 40
    /// The screen is redrawn this often even without input, so waiting times stay current.
    static let tickMilliseconds: Int32 = 30_000

    public init(
        store: any ReviewStore, environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping () -> Date = Date.init
    ) {
        self.store = store
        self.environment = environment
        self.clock = clock
    }

    /// Refuses TERM=dumb or an unset TERM, with the shell commands to use instead.
    public static func checkTerminal(environment: [String: String]) throws(ReviewAppError) {
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw .needsRealTerminal(term: environment["TERM"])
        }
    }

    /// How a review ended.
    public enum Ending: Equatable, Sendable {
        /// The moderator quit (`q`, Esc).
        case quit
        /// The moderator pressed Ctrl-C; the command exits with status 130, as a shell expects.
        case interrupted
    }

    /// Runs the review until the moderator quits; the terminal is restored however it ends.
    @discardableResult
    public func run(savedReasons: [String] = []) throws(ReviewAppError) -> Ending {
        try Self.checkTerminal(environment: environment)
        let terminal = try RawTerminal()
        let launcher = EditorLauncher(environment: environment, ttyFD: terminal.fd)
        let editor: ReviewSession.Editor = { text in
            try terminal.suspended { () throws(ReviewAppError) -> String? in try launcher.edit(text) }
        }
        var screen = ReviewScreen(items: [], now: clock(), colors: ColorMode.detect(environment: environment))
        screen.savedReasons = savedReasons
        let size = terminal.size()
        screen.resize(rows: size.rows, cols: size.cols)
        var session = ReviewSession(store: store, screen: screen, editor: editor) {
            // Ctrl-Z: the same path as a SIGTSTP from outside (restore, stop, and back in raw mode after fg).
            raise(SIGTSTP)
        }
        try terminal.enter()
        defer { terminal.restore() }
        session.load()
        var counted = false

        var decoder = KeyDecoder()
        var frame = FrameWriter()
        let changes = store.changes
        while !session.isFinished {
            let size = terminal.size()
            session.updateScreen { screen in
                screen.now = clock()
                screen.resize(rows: size.rows, cols: size.cols)
            }
            if SignalState.resized != 0 {
                SignalState.resized = 0
                frame.invalidate()
            }
            if SignalState.resumed != 0 {
                SignalState.resumed = 0
                terminal.resume()
                frame.invalidate()
            }
            terminal.write(frame.update(session.screen.render(rows: size.rows, cols: size.cols)))
            if !counted {
                // The first screen is out; now the queue is counted for the header (a large queue takes a moment).
                counted = true
                session.count()
                continue
            }

            let timeout = decoder.hasPending ? Self.escapeDelayMilliseconds : Self.tickMilliseconds
            var changed = false
            guard
                let bytes = terminal.read(
                    timeoutMilliseconds: timeout, watching: changes?.fileDescriptor, watchedReady: &changed)
            else { break }
            // Another moderator decided, or a post arrived: refresh as Ctrl-L does, keeping the cursor's post.
            if changed, changes?.drain() == true { session.refresh() }
            let keys = bytes.isEmpty ? (decoder.hasPending ? decoder.flush() : []) : decoder.decode(bytes)
            for key in keys where !session.isFinished {
                let editing = key == .character("e")
                session.press(key)
                if editing { frame.invalidate() }
            }
        }
        return session.wasInterrupted ? .interrupted : .quit
    }
}

/// Turns frames into the bytes that change the screen: only lines that differ from the last frame are sent.
struct FrameWriter {
    private var previous: [String] = []

    mutating func invalidate() { previous = [] }

    mutating func update(_ lines: [String]) -> String {
        var out = previous.count == lines.count ? "" : "\u{1B}[0m\u{1B}[2J"
        if out.isEmpty == false { previous = [] }
        for (row, line) in lines.enumerated() where row >= previous.count || previous[row] != line {
            out += "\u{1B}[\(row + 1);1H\u{1B}[0m" + line
        }
        previous = lines
        return out
    }
}
