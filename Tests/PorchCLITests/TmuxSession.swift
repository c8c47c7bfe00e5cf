import Foundation

/// A full-screen program running in a detached tmux session on a private server: keys in, screen out.
///
/// Each session has its own socket, so tests never touch a user's tmux. Panes stay after the program exits
/// (`remain-on-exit`), so its last screen can still be read. Call `kill()` in a `defer`.
final class TmuxSession {
    /// What went wrong driving tmux; says what to do.
    enum Failure: Error, CustomStringConvertible {
        case missing
        case command(arguments: [String], status: Int32, stderr: String)
        case timedOut(waitingFor: String, screen: String)

        var description: String {
            switch self {
            case .missing:
                "tmux is not installed: run `scripts/setup.sh --test` (or `make test`), which installs it"
            case .command(let arguments, let status, let stderr):
                "tmux \(arguments.first ?? "") failed with status \(status): \(stderr)"
            case .timedOut(let what, let screen):
                "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    /// The tmux executable, or `Failure.missing`.
    static func executable() throws -> String {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin", "/opt/homebrew/bin"] {
            let path = folder + "/tmux"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Failure.missing
    }

    let socket: String
    let target: String
    private let tmux: String
    private let configFile: URL
    private let statusFile: URL
    /// The server's socket file, which tmux leaves behind when its server is killed.
    private var socketPath: String?

    /// Starts `command` (each argument quoted, so nothing is split or expanded) in a `width`×`height` window with
    /// exactly the variables in `environment` added to a minimal PATH/HOME environment.
    init(command: [String], width: Int, height: Int, environment: [String: String]) throws {
        tmux = try Self.executable()
        socket = "porch-test-\(UUID().uuidString.prefix(8))"
        target = "review"
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
        // A known configuration: no user file, dead panes kept, one window sized by us.
        let config = "set -g remain-on-exit on\nset -g status off\n"
        try Data(config.utf8).write(to: configFile)
        var variables = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
        ]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // A shell records the exit status in a file: tmux 3.3 sometimes marks the pane dead without reaping it.
        statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).status")
        let wrapper = ["/bin/sh", "-c", "\"$@\"; echo $? > " + Self.quoted(statusFile.path), "sh"]
        let line = (wrapper + ["/usr/bin/env", "-i"] + assignments + command).map(Self.quoted).joined(separator: " ")
        try run(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", line])
        socketPath = try? display("#{socket_path}")
    }

    /// The visible screen as text, one line per row (`escapes` keeps the styling tmux knows as SGR sequences).
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-N"] + (escapes ? ["-e"] : []) + ["-t", target])
    }

    /// The visible rows.
    func rows() throws -> [String] {
        var lines = try capture().components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Sends tmux key names (`Enter`, `Escape`, `q`).
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// Types text literally, one key per character.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// A tmux format evaluated for the pane, e.g. `#{pane_title}`.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .newlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds, up to `timeout` seconds; returns the rows that satisfied it.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 5, _ condition: ([String]) throws -> Bool
    ) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var rows: [String] = []
        while true {
            rows = try self.rows()
            if try condition(rows) { return rows }
            if Date() >= deadline { throw Failure.timedOut(waitingFor: what, screen: rows.joined(separator: "\n")) }
            usleep(20_000)
        }
    }

    /// Waits for the program to exit and returns its status.
    func waitForExit(timeout: Double = 5) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = try? String(contentsOf: statusFile, encoding: .utf8), text.hasSuffix("\n"),
                let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return status
            }
            if Date() >= deadline {
                throw Failure.timedOut(waitingFor: "the program to exit", screen: (try? capture()) ?? "")
            }
            usleep(20_000)
        }
    }

    /// Ends the session and its server; safe to call twice.
    func kill() {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: configFile)
        try? FileManager.default.removeItem(at: statusFile)
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
    }

    /// Runs one tmux command and returns its stdout.
    ///
    /// Spawned by hand rather than with `Process`: the test runner's threads block SIGHUP, SIGINT and SIGTERM,
    /// `Process` passes that mask on, and a tmux server (and the program in its pane) started with it cannot be
    /// stopped by `kill-server`. Output goes to files, not pipes, because the server tmux forks keeps its
    /// standard streams open for as long as it runs.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let all = [tmux, "-L", socket, "-f", configFile.path] + arguments
        let folder = FileManager.default.temporaryDirectory
        let outFile = folder.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
        let errFile = folder.appendingPathComponent("\(socket)-\(UUID().uuidString).err").path
        defer {
            unlink(outFile)
            unlink(errFile)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var every = sigset_t()
        sigfillset(&every)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &every)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argv: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, &argv, environ)
        guard spawned == 0 else {
            throw Failure.command(arguments: arguments, status: -1, stderr: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: outFile, encoding: .utf8)) ?? ""
        guard exitStatus == 0 else {
            let problem = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
            throw Failure.command(arguments: arguments, status: exitStatus, stderr: problem)
        }
        return output
    }

    /// Single-quoted for the shell tmux hands the command line to.
    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
