/// Decodes RFC 2047 encoded words (`=?charset?B|Q?...?=`) in header text.
enum EncodedWords {
    /// The header text with every encoded word decoded; whitespace between adjacent encoded words is dropped.
    /// Text that only looks like an encoded word is kept as it is; a known word in an unknown charset throws.
    static func decode(_ text: String) throws(MessageProblem) -> String {
        guard text.contains("=?") else { return text }
        let bytes = Array(text.utf8)
        var output = ""
        var plainStart = 0
        var i = 0
        // Bytes of consecutive encoded words in one charset, decoded together so split characters join up.
        var pending: (charset: Charset, bytes: [UInt8])? = nil
        var pendingEnd = 0  // where the last encoded word ended

        func flush() throws(MessageProblem) {
            guard let run = pending else { return }
            guard let decoded = run.charset.decode(run.bytes) else {
                throw .invalidCharacters(charset: run.charset.name)
            }
            output += decoded
            pending = nil
        }

        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?"),
                let word = parseWord(bytes, at: i)
            else {
                i += 1
                continue
            }
            let between = bytes[plainStart..<i]
            let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if !(onlySpace && pending != nil && plainStart == pendingEnd) {
                try flush()
                output += String(decoding: between, as: UTF8.self)
            }
            guard let charset = Charset(label: word.charset) else {
                throw .unknownCharset(Charset.displayLabel(word.charset))
            }
            let decoded: [UInt8]
            do {
                decoded =
                    word.isBase64
                    ? try TransferEncoding.base64(word.payload) : try TransferEncoding.qEncoding(word.payload)
            } catch {
                throw word.isBase64 ? .invalidBase64 : .invalidQuotedPrintable
            }
            if let run = pending, run.charset == charset {
                pending = (charset, run.bytes + decoded)
            } else {
                try flush()
                pending = (charset, decoded)
            }
            i = word.end
            plainStart = i
            pendingEnd = i
        }
        try flush()
        output += String(decoding: bytes[plainStart...], as: UTF8.self)
        return output
    }

    private struct Word {
        var charset: String
        var isBase64: Bool
        var payload: ArraySlice<UInt8>
        var end: Int
    }

    /// An encoded word starting at `start`, or nil when the bytes there are not one.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        var i = start + 2
        let charsetStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "?") {
            guard bytes[i] > 0x20 && bytes[i] < 0x7F else { return nil }
            i += 1
        }
        guard i + 2 < bytes.count, i > charsetStart, bytes[i + 2] == UInt8(ascii: "?") else { return nil }
        let charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self)
        let encoding = bytes[i + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        i += 3
        let payloadStart = i
        while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "?") && bytes[i + 1] == UInt8(ascii: "=")) {
            guard bytes[i] > 0x20 && bytes[i] < 0x7F else { return nil }
            i += 1
        }
        guard i + 1 < bytes.count else { return nil }
        return Word(
            charset: charset, isBase64: encoding == UInt8(ascii: "b"), payload: bytes[payloadStart..<i], end: i + 2)
    }
}
