/// Escapes text for XML and HTML, in element content and in quoted attributes alike.
enum MarkupEscaping {
    /// `text` with `& < > " '` replaced by their entities (`&#39;` for the apostrophe, valid in XML and every HTML
    /// version). It does not remove forbidden characters: pass text through `FeedText` first.
    static func escape(_ text: String) -> String {
        // All five are ASCII, so bytes of multi-byte characters never match and pass through unchanged.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for byte in text.utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x27: output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
