import Foundation

/// Buffered writes to stdout and stderr.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A message for the operator on stderr, prefixed with `porch:`.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("porch: \(message)\n".utf8))
    }
}
