import Foundation

/// Runs the group's `on_crisis` command for a stored crisis post: the queue id and level only, never text.
///
/// The command runs without a shell (the setting is split on spaces), with a timeout; its failure is
/// reported and never loses the post, which is already stored.
struct CrisisHook {
    let command: String
    let timeout: TimeInterval

    /// Runs the hook; returns a problem to report, or nil when it succeeded.
    func run(id: Int64, level: String) -> String? {
        let words = command.split(separator: " ").map(String.init)
        guard let program = words.first else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(words.dropFirst()) + [String(id), level]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.standardError
        // Only what a pager needs: no post text, no author, no key.
        process.environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "PORCH_POST_ID": String(id), "PORCH_LEVEL": level,
        ]
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            return
                "the on_crisis hook \(program) could not be started (\(error.localizedDescription)); post #\(id) is stored"
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 2)
            return "the on_crisis hook \(program) took over \(Int(timeout)) s and was stopped; post #\(id) is stored"
        }
        if process.terminationStatus != 0 {
            return
                "the on_crisis hook \(program) failed with status \(process.terminationStatus); post #\(id) is stored"
        }
        return nil
    }
}
