/// Decodes one RFC 5322 message into a post: headers, MIME structure, transfer encodings and charsets.
public enum EmailMessageDecoder {
    /// Decodes one message; `position` is `.whole` for `--format email` and `.message(n)` inside an mbox.
    public static func decode(
        _ bytes: [UInt8], position: InputPosition = .whole, format: IntakeFormat = .email,
        limits: IntakeLimits = IntakeLimits()
    ) -> Result<IncomingPost, IntakeFailure> {
        func fail(_ reason: IntakeFailureReason) -> Result<IncomingPost, IntakeFailure> {
            .failure(IntakeFailure(position: position, reason: reason))
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
        guard start < bytes.count else { return fail(.undecodableMessage(.empty)) }
        guard let (headers, body) = HeaderBlock.parse(bytes[start...], allowEnvelope: true) else {
            return fail(.undecodableMessage(.noHeaders))
        }
        do throws(MessageProblem) {
            guard let extracted = try MIMEText.extract(headers: headers, body: body) else {
                return fail(.undecodableMessage(.noTextPart))
            }
            let text = extracted.text
            if text.allSatisfy(\.isWhitespace) { return fail(.emptyPost) }
            let size = text.utf8.count
            if size > limits.maxPostBytes { return fail(.postTooLarge(bytes: size, limit: limits.maxPostBytes)) }

            var post = IncomingPost(
                text: text, format: format, position: position, signatureLinesRemoved: extracted.signatureLinesRemoved)
            if let subject = headers.text("subject") {
                let decoded = try EncodedWords.decode(subject).trimmingCharacters(in: " \t")
                post.subject = decoded.isEmpty ? nil : decoded
            }
            if let from = headers.text("from") {
                post.author = try MailboxParser.parse(from)
            }
            if let messageID = headers.text("message-id") {
                let id = messageID.trimmingCharacters(in: " \t<>")
                post.externalID = id.isEmpty ? nil : id
            }
            if let date = headers.text("date") {
                post.submittedAt = RFC5322Date.parse(date)
            }
            return .success(post)
        } catch {
            return fail(.undecodableMessage(error))
        }
    }
}
