import ArgumentParser

/// The exit statuses `porch` documents, decided in one place.
enum ExitStatus {
    /// Some input was refused; the rest went through.
    static let inputRefused = ExitCode(1)
    /// The rules or the configuration could not be used; nothing was processed.
    static let configuration = ExitCode(2)
    /// A post was held for a moderator because a privacy stage could not finish.
    static let held = ExitCode(3)
}
