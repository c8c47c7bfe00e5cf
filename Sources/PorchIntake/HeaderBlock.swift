/// The header fields of a message or MIME part, unfolded, and where its body starts.
struct HeaderBlock {
    struct Field {
        /// The field name, lowercased.
        var name: String
        /// The unfolded raw value, line breaks removed.
        var value: [UInt8]
    }

    var fields: [Field] = []

    /// The first field with this (lowercase) name as text: UTF-8 when it is, otherwise windows-1252, trimmed.
    func text(_ name: String) -> String? {
        guard let field = fields.first(where: { $0.name == name }) else { return nil }
        let text = UTF8Validation.string(field.value) ?? Charset.windows1252.decode(field.value) ?? ""
        return text.trimmingCharacters(in: " \t")
    }

    /// Splits `bytes` into header fields and body; nil when the first line is not a header field.
    /// A later line that is not a header (a missing blank line) starts the body, as robust mail readers do.
    static func parse(_ bytes: ArraySlice<UInt8>, allowEnvelope: Bool) -> (HeaderBlock, ArraySlice<UInt8>)? {
        var block = HeaderBlock()
        var i = bytes.startIndex
        var first = true
        while i < bytes.endIndex {
            var end = i
            while end < bytes.endIndex && bytes[end] != 0x0A { end += 1 }
            let next = end < bytes.endIndex ? end + 1 : end
            var lineEnd = end
            if lineEnd > i && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = bytes[i..<lineEnd]
            defer { first = false }
            if line.isEmpty {
                return block.fields.isEmpty && first ? nil : (block, bytes[next...])
            }
            if line.first == 0x20 || line.first == 0x09 {
                if block.fields.isEmpty {
                    if first { return nil }
                    i = next
                    continue
                }
                block.fields[block.fields.count - 1].value.append(contentsOf: line)
                i = next
                continue
            }
            if first && allowEnvelope && line.starts(with: Array("From ".utf8)) {
                i = next  // an mbox envelope line a delivery agent may prepend
                continue
            }
            guard let field = parseField(line) else {
                if block.fields.isEmpty { return nil }
                return (block, bytes[i...])
            }
            block.fields.append(field)
            i = next
        }
        return block.fields.isEmpty ? nil : (block, bytes[bytes.endIndex...])
    }

    private static func parseField(_ line: ArraySlice<UInt8>) -> Field? {
        var i = line.startIndex
        while i < line.endIndex, line[i] > 0x20, line[i] < 0x7F, line[i] != UInt8(ascii: ":") { i += 1 }
        let nameEnd = i
        guard nameEnd > line.startIndex else { return nil }
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        guard i < line.endIndex, line[i] == UInt8(ascii: ":") else { return nil }
        let name = String(decoding: line[line.startIndex..<nameEnd], as: UTF8.self).lowercased()
        return Field(name: name, value: Array(line[(i + 1)...]))
    }
}
