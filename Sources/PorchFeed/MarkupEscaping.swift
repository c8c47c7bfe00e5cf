/// Escapes text for XML and HTML, in element content and in quoted attributes alike.
enum MarkupEscaping {
    /// `text` with `& < > " '` replaced by their entities (`&#39;` for the apostrophe, valid in XML and every HTML version).
    /// It does not remove forbidden characters: pass text through `FeedText` first.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
