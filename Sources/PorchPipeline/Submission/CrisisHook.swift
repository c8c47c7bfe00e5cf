import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the group's `on_crisis` command for a stored crisis post: the queue id and level only, never text.
///
/// The command runs without a shell (the setting is split on spaces) in a process group of its own, so a timeout
/// stops everything it started, grandchildren included. Hooks run side by side while `submit` goes on storing
/// (`start`), and `finish` waits for them, each for at most the timeout from its own start. A hook's failure is
/// reported and never loses the post, which is already stored.
public final class CrisisHook {
    public let command: String
    public let timeout: TimeInterval

    /// One started hook.
    private struct Running {
        public let pid: pid_t
        public let id: Int64
        public let deadline: Date
    }

    private var running: [Running] = []

    public init(command: String, timeout: TimeInterval) {
        self.command = command
        self.timeout = timeout
    }

    private var program: String { command.split(separator: " ").first.map(String.init) ?? command }

    /// Starts the hook for post `id` and returns at once; a problem starting it is returned to report.
    public func start(id: Int64, level: String) -> String? {
        let words = command.split(separator: " ").map(String.init)
        guard let program = words.first else { return nil }
        let arguments = [program] + Array(words.dropFirst()) + [String(id), level]
        // Only what a pager needs: no post text, no author, no key.
        let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "PORCH_POST_ID=\(id)", "PORCH_LEVEL=\(level)"]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var pid: pid_t = 0
        let result = CrisisHook.withCStrings(arguments) { argv in
            CrisisHook.withCStrings(environment) { envp in
                posix_spawn(&pid, program, &actions, &attributes, argv, envp)
            }
        }
        guard result == 0 else {
            return "the on_crisis hook \(program) could not be started (\(String(cString: strerror(result))));"
                + " post #\(id) is stored"
        }
        running.append(Running(pid: pid, id: id, deadline: Date().addingTimeInterval(timeout)))
        return nil
    }

    /// Reaps the hooks that have ended, stopping those past their deadline (`wait`: until every hook has ended);
    /// returns the problems to report.
    public func collect(wait: Bool) -> [String] {
        var problems: [String] = []
        while !running.isEmpty {
            var still: [Running] = []
            for hook in running {
                var status: Int32 = 0
                let reaped = waitpid(hook.pid, &status, WNOHANG)
                if reaped == hook.pid {
                    if let problem = describe(status: status, id: hook.id) { problems.append(problem) }
                    continue
                }
                if reaped < 0 {
                    continue
                }
                if Date() >= hook.deadline {
                    stop(hook.pid)
                    problems.append(
                        "the on_crisis hook \(program) took over \(Int(timeout)) s and was stopped (with everything it"
                            + " started); post #\(hook.id) is stored")
                    continue
                }
                still.append(hook)
            }
            running = still
            if !wait || running.isEmpty { break }
            usleep(10_000)
        }
        return problems
    }

    /// Ends the hook's whole process group: politely, then for good.
    private func stop(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        var reaped = false
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid {
                reaped = true
                break
            }
            usleep(10_000)
        }
        // The group may outlive its leader: what the hook started is ended too.
        kill(-pid, SIGKILL)
        if !reaped { waitpid(pid, &status, 0) }
    }

    private func describe(status: Int32, id: Int64) -> String? {
        let exited = status & 0x7F == 0
        if exited {
            let code = (status >> 8) & 0xFF
            return code == 0 ? nil : "the on_crisis hook \(program) failed with status \(code); post #\(id) is stored"
        }
        return "the on_crisis hook \(program) was ended by signal \(status & 0x7F); post #\(id) is stored"
    }

    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
