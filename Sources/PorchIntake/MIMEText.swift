/// Finds the readable text of a MIME entity as mail readers do: text/plain preferred, text/html reduced, inline
/// text parts read even when they carry a file name, attachments counted (not read).
///
/// RFC 2045's defaults apply: no or an unreadable `Content-Type` (`text` with no subtype) is text/plain; no
/// charset is US-ASCII (read as UTF-8 when valid, else windows-1252). Any charset iconv knows is decoded; bytes
/// that are not valid in it are read as U+FFFD and noted. A multipart whose boundary is missing or never appears
/// is read as one plain text, as mail readers show it.
enum MIMEText {
    static let maxDepth = 20

    struct Extracted {
        var text: String
        var isHTML: Bool
        var signatureLinesRemoved: Int
        /// False for an entity with no text part at all (only attachments or other media).
        var hasText = true
        /// Why the text may differ from what the sender wrote (bytes replaced, a charset not known); never quotes it.
        var problems: [String] = []
        /// Text attachments that were not read.
        var textAttachments = 0
        /// The media types of the other parts that were not read.
        var otherAttachments: [String] = []

        static func noText(attachment type: String, isText: Bool) -> Extracted {
            var extracted = Extracted(text: "", isHTML: false, signatureLinesRemoved: 0, hasText: false)
            if isText { extracted.textAttachments = 1 } else { extracted.otherAttachments = [type] }
            return extracted
        }
    }

    /// The text of an entity; `hasText` is false when it holds no text (only attachments or other media).
    static func extract(headers: HeaderBlock, body: ArraySlice<UInt8>, depth: Int = 0) throws(MessageProblem)
        -> Extracted
    {
        guard depth <= maxDepth else { throw .nestedTooDeeply }
        let contentType = ContentType(headers.text("content-type") ?? "text/plain")
        let disposition = headers.text("content-disposition").map { ContentType($0) }
        // RFC 2045 5.2: a missing or syntactically invalid Content-Type (`text` alone) is text/plain.
        let type = contentType.value.contains("/") ? contentType.value : "text/plain"

        if type.hasPrefix("multipart/") {
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty,
                let parts = try? MultipartSplitter.split(body, boundary: boundary)
            else {
                return try textPart(
                    type: "text/plain", contentType: ContentType("text/plain"), headers: headers, body: body)
            }
            return try multipart(type: type, parts: parts, depth: depth)
        }
        if type == "message/rfc822", let (innerHeaders, innerBody) = HeaderBlock.parse(body, allowEnvelope: false) {
            return try extract(headers: innerHeaders, body: innerBody, depth: depth + 1)
        }
        let isText = type == "text/plain" || type == "text/html"
        if disposition?.value == "attachment" {
            return .noText(attachment: MIMEText.safeType(type), isText: contentType.type == "text")
        }
        guard isText else { return .noText(attachment: MIMEText.safeType(type), isText: contentType.type == "text") }
        return try textPart(type: type, contentType: contentType, headers: headers, body: body)
    }

    private static func multipart(type: String, parts: [ArraySlice<UInt8>], depth: Int) throws(MessageProblem)
        -> Extracted
    {
        var children: [Extracted] = []
        for part in parts {
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
            children.append(try extract(headers: partHeaders, body: partBody, depth: depth + 1))
        }
        let texts = children.filter(\.hasText)
        let others = children.filter { !$0.hasText }
        var result: Extracted
        if texts.isEmpty {
            result = Extracted(text: "", isHTML: false, signatureLinesRemoved: 0, hasText: false)
        } else if type == "multipart/alternative" {
            result =
                texts.first(where: { !$0.isHTML && !$0.text.isEmpty }) ?? texts.first(where: { !$0.text.isEmpty })
                ?? texts[0]
        } else {
            let nonEmpty = texts.filter { !$0.text.isEmpty }
            result = Extracted(
                text: nonEmpty.map(\.text).joined(separator: "\n\n"), isHTML: nonEmpty.contains(where: \.isHTML),
                signatureLinesRemoved: nonEmpty.map(\.signatureLinesRemoved).reduce(0, +),
                problems: texts.flatMap(\.problems), textAttachments: texts.map(\.textAttachments).reduce(0, +),
                otherAttachments: texts.flatMap(\.otherAttachments))
        }
        result.textAttachments += others.map(\.textAttachments).reduce(0, +)
        result.otherAttachments += others.flatMap(\.otherAttachments)
        return result
    }

    private static func textPart(
        type: String, contentType: ContentType, headers: HeaderBlock, body: ArraySlice<UInt8>
    ) throws(MessageProblem) -> Extracted {
        let raw = try decodeTransfer(body, encoding: headers.text("content-transfer-encoding"))
        var problems: [String] = []
        let text: String
        if let label = contentType.parameters["charset"], !label.isEmpty {
            if let charset = Charset(label: label) {
                let (decoded, invalid) = charset.decodeReplacing(raw)
                text = decoded
                if invalid > 0 {
                    problems.append(
                        "\(invalid) byte(s) were not valid \(charset.name) as declared and were read as \u{FFFD}")
                }
            } else {
                // The label is never repeated: it could be anything the sender typed.
                text = Charset.usASCII.decode(raw) ?? ""
                problems.append(
                    "it declares a charset Porch does not know, so it was read as UTF-8 or windows-1252"
                        + " and some letters may be wrong")
            }
        } else {
            // No charset: RFC 2045 says US-ASCII; read 8-bit bytes as UTF-8 when valid, else windows-1252.
            text = Charset.usASCII.decode(raw) ?? ""
        }
        var normalized = PlainTextBody.normalizeLineEndings(text)
        if type == "text/html" {
            return Extracted(
                text: HTMLText.reduce(normalized), isHTML: true, signatureLinesRemoved: 0, problems: problems)
        }
        if contentType.parameters["format"]?.lowercased() == "flowed" {
            let deleteSpace = contentType.parameters["delsp"]?.lowercased() == "yes"
            normalized = PlainTextBody.unflow(normalized, deleteSpace: deleteSpace)
        }
        let (withoutSignature, removed) = PlainTextBody.stripSignature(normalized)
        return Extracted(
            text: PlainTextBody.trim(withoutSignature), isHTML: false, signatureLinesRemoved: removed,
            problems: problems)
    }

    /// A media type as it may be shown to a moderator: `type/subtype` of letters, digits and `.+-` only.
    static func safeType(_ type: String) -> String {
        let allowed = type.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/.+-".unicodeScalars.contains($0))
        }
        return allowed && type.count <= 60 ? type : "an unknown type"
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
