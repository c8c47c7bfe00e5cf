/// Why `porch edit` changed nothing; each message says what to do next and never quotes the post.
enum EditError: Error, CustomStringConvertible {
    case scratchFile(path: String, operation: String, reason: String)
    case editorFailed(command: String, reason: String)
    case empty(id: Int64)

    var description: String {
        switch self {
        case .scratchFile(let path, let operation, let reason):
            "could not \(operation) the scratch file \(path) (\(reason)); the post was not changed. "
                + "Set TMPDIR to a private folder you can write to and try again"
        case .editorFailed(let command, let reason):
            "the editor (\(command)) failed: \(reason); the post was not changed. "
                + "Set EDITOR to an editor that waits until you close the file (e.g. EDITOR=nano)"
        case .empty(let id):
            "the edited text of post \(id) is empty; the post was not changed. To remove it, "
                + "`porch reject \(id) --reason ...`"
        }
    }
}
