/// Finds the readable text of a MIME entity: text/plain preferred, text/html reduced, attachments ignored.
enum MIMEText {
    static let maxDepth = 20

    struct Extracted {
        var text: String
        var isHTML: Bool
        var signatureLinesRemoved: Int
    }

    /// The text of an entity, or nil when it holds no text (only attachments or other media).
    static func extract(headers: HeaderBlock, body: ArraySlice<UInt8>, depth: Int = 0) throws(MessageProblem)
        -> Extracted?
    {
        guard depth <= maxDepth else { throw .nestedTooDeeply }
        let contentType = ContentType(headers.text("content-type") ?? "text/plain")
        let disposition = headers.text("content-disposition").map { ContentType($0) }
        let type = contentType.value.isEmpty ? "text/plain" : contentType.value

        if type.hasPrefix("multipart/") {
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
                throw .multipartWithoutBoundary
            }
            var children: [Extracted] = []
            for part in try MultipartSplitter.split(body, boundary: boundary) {
                // A part's headers may be empty: then it starts with a blank line, and is plain text.
                let (partHeaders, partBody): (HeaderBlock, ArraySlice<UInt8>)
                if part.first == 0x0A || part.starts(with: [0x0D, 0x0A]) {
                    partHeaders = HeaderBlock()
                    partBody = part.first == 0x0A ? part.dropFirst() : part.dropFirst(2)
                } else if let parsed = HeaderBlock.parse(part, allowEnvelope: false) {
                    (partHeaders, partBody) = parsed
                } else {
                    (partHeaders, partBody) = (HeaderBlock(), part)
                }
                if let child = try extract(headers: partHeaders, body: partBody, depth: depth + 1) {
                    children.append(child)
                }
            }
            if type == "multipart/alternative" {
                return children.first(where: { !$0.isHTML && !$0.text.isEmpty })
                    ?? children.first(where: { !$0.text.isEmpty }) ?? children.first
            }
            let nonEmpty = children.filter { !$0.text.isEmpty }
            guard !nonEmpty.isEmpty else { return children.first }
            return Extracted(
                text: nonEmpty.map(\.text).joined(separator: "\n\n"), isHTML: nonEmpty.contains(where: \.isHTML),
                signatureLinesRemoved: nonEmpty.map(\.signatureLinesRemoved).reduce(0, +))
        }

        guard type == "text/plain" || type == "text/html" else { return nil }
        if let disposition, disposition.value == "attachment" { return nil }
        if disposition?.parameters["filename"] != nil || contentType.parameters["name"] != nil { return nil }

        let raw = try decodeTransfer(body, encoding: headers.text("content-transfer-encoding"))
        let text: String
        if let label = contentType.parameters["charset"], !label.isEmpty {
            guard let charset = Charset(label: label) else { throw .unknownCharset(Charset.displayLabel(label)) }
            guard let decoded = charset.decode(raw) else { throw .invalidCharacters(charset: charset.name) }
            text = decoded
        } else {
            // No charset: RFC 2045 says US-ASCII; read 8-bit bytes as UTF-8 when valid, else windows-1252.
            text = Charset.usASCII.decode(raw) ?? ""
        }
        var normalized = PlainTextBody.normalizeLineEndings(text)
        if type == "text/html" {
            return Extracted(text: HTMLText.reduce(normalized), isHTML: true, signatureLinesRemoved: 0)
        }
        if contentType.parameters["format"]?.lowercased() == "flowed" {
            let deleteSpace = contentType.parameters["delsp"]?.lowercased() == "yes"
            normalized = PlainTextBody.unflow(normalized, deleteSpace: deleteSpace)
        }
        let (withoutSignature, removed) = PlainTextBody.stripSignature(normalized)
        return Extracted(text: PlainTextBody.trim(withoutSignature), isHTML: false, signatureLinesRemoved: removed)
    }

    private static func decodeTransfer(_ body: ArraySlice<UInt8>, encoding: String?) throws(MessageProblem)
        -> [UInt8]
    {
        let name = (encoding ?? "").lowercased().trimmingCharacters(in: " \t\"")
        switch name {
        case "", "7bit", "8bit", "binary":
            return Array(body)
        case "quoted-printable":
            do { return try TransferEncoding.quotedPrintable(Array(body)) } catch { throw .invalidQuotedPrintable }
        case "base64":
            do { return try TransferEncoding.base64(body) } catch { throw .invalidBase64 }
        default:
            let known = ["x-uuencode", "uuencode", "x-uue", "binhex", "x-binhex", "x-gzip64"]
            throw .unknownTransferEncoding(known.contains(name) ? name : nil)
        }
    }
}
