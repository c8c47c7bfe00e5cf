import Foundation

/// Tidies a decoded text/plain body: one kind of line ending, RFC 3676 format=flowed, the signature block.
enum PlainTextBody {
    /// The most lines after a `-- ` separator still read as a signature; a longer tail is kept as post text.
    static let maxSignatureLines = 6

    /// CRLF and lone CR become LF.
    static func normalizeLineEndings(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Joins the soft line breaks of a format=flowed body (RFC 3676): a line ending in a space continues.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var result: [String] = []
        var current: String? = nil
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if line.hasPrefix(" ") { line.removeFirst() }  // space-stuffing
            let isSignatureSeparator = line == "-- "
            if let open = current {
                current = open + line
            } else {
                current = line
            }
            if line.hasSuffix(" ") && !isSignatureSeparator {
                if deleteSpace { current!.removeLast() }
                continue
            }
            result.append(current!)
            current = nil
        }
        if let open = current { result.append(open) }
        return result.joined(separator: "\n")
    }

    /// Removes a trailing signature: the last line that is exactly `-- ` and the short block after it.
    static func stripSignature(_ text: String) -> (text: String, removedLines: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let separator = lines.lastIndex(where: { $0 == "-- " }) else { return (text, 0) }
        let tail = lines[(separator + 1)...]
        let contentLines = tail.filter { !$0.allSatisfy(\.isWhitespace) }.count
        guard contentLines <= maxSignatureLines else { return (text, 0) }
        return (lines[..<separator].joined(separator: "\n"), tail.count + 1)
    }

    /// Drops blank lines at the start and whitespace at the end.
    static func trim(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace), !lines.isEmpty { lines.removeFirst() }
        var result = lines.joined(separator: "\n")
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
