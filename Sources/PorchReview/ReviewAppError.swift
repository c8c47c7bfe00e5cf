/// Why the interactive review could not start or had to stop.
public enum ReviewAppError: Error, CustomStringConvertible, Equatable {
    /// TERM is unset or `dumb`: there is no screen to draw on.
    case needsRealTerminal(term: String?)
    /// `/dev/tty` could not be opened (no controlling terminal, e.g. under cron or a pipe-only session).
    case noTerminal(errno: Int32)
    /// A terminal call failed; `operation` names it.
    case terminal(operation: String, errno: Int32)
    /// The editor's scratch file could not be written or read; `path` names it.
    case scratchFile(path: String, errno: Int32)
    /// The editor could not be started or did not finish cleanly.
    case editor(command: String, detail: String)

    static let alternatives =
        "Use the shell commands instead: `porch queue list`, `porch queue show ID`, `porch approve ID`, "
        + "`porch reject ID --reason R`."

    public var description: String {
        switch self {
        case .needsRealTerminal(let term):
            let name = term.map { $0.isEmpty ? "empty" : "`\($0)`" } ?? "not set"
            return "porch review needs a real terminal (TERM is \(name)). \(Self.alternatives)"
        case .noTerminal(let code):
            return "porch review needs an interactive terminal and could not open /dev/tty (\(Self.text(code))). "
                + Self.alternatives
        case .terminal(let operation, let code):
            return "the terminal refused \(operation) (\(Self.text(code))). Try another terminal, or "
                + Self.alternatives.prefix(1).lowercased() + Self.alternatives.dropFirst()
        case .scratchFile(let path, let code):
            return "could not use the editor's scratch file \(path) (\(Self.text(code))). Check that the temporary "
                + "folder is writable (TMPDIR), then press e again; the post was not changed."
        case .editor(let command, let detail):
            return "the editor `\(command)` \(detail); the post was not changed. Set EDITOR to an editor that "
                + "waits until you close the file (e.g. `nano` or `vim`)."
        }
    }

    static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
