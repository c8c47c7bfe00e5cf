import PorchQueue

/// The text a moderator edits: the scrubbed text, or for a held post the original with a warning header.
///
/// Lines starting with `#porch:` are instructions; they are removed from what comes back.
struct EditDraft {
    static let commentPrefix = "#porch:"

    /// The post text the editor starts from.
    let body: String
    /// The whole file: instructions, then the body.
    let fileText: String

    init(post: Post) {
        var header: [String] = []
        if post.state == .held {
            body = post.originalText ?? ""
            header = [
                "Post #\(post.id) is HELD: \(post.heldReason ?? "a privacy stage could not finish").",
                "This is the ORIGINAL text. It was NOT scrubbed automatically: remove every name, number,",
                "address, link and other identifying detail by hand before you save.",
            ]
        } else {
            body = post.scrubbedText
            header = [
                "Post #\(post.id) (\(post.state)): the scrubbed text. Placeholders like [phone] stay as typed."
            ]
        }
        header += [
            "Save and quit to screen the text again; quit without changes to leave the post as it is.",
            "Lines starting with \(EditDraft.commentPrefix) are removed.",
        ]
        fileText =
            header.map { EditDraft.commentPrefix + " " + SafeText.line($0) }.joined(separator: "\n")
            + "\n" + body + "\n"
    }

    /// What the moderator wrote: the file without instruction lines and without trailing line breaks.
    static func body(of edited: String) -> String {
        var lines = edited.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeAll { $0.hasPrefix(commentPrefix) }
        var text = lines.joined(separator: "\n")
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" { text.unicodeScalars.removeLast() }
        return text
    }

    /// The body compared as `body(of:)` reads it back.
    var comparableBody: String { EditDraft.body(of: body) }
}
