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
            let extracted = try MIMEText.extract(headers: headers, body: body)
            var problems = extracted.problems
            var text = extracted.text
            let attachments = extracted.textAttachments + extracted.otherAttachments.count
            if !extracted.hasText || (text.allSatisfy(\.isWhitespace) && attachments > 0) {
                // Quarantine, not a bounce: a moderator sees that the message came and what it held, and
                // discards it (or writes to the member).
                text = EmailMessageDecoder.attachmentsOnly(extracted)
                problems.append(
                    "the message has no text Porch can read (only attachments or other media); look at what it held,"
                        + " then reject it or ask the sender to write the post as text")
            } else if extracted.textAttachments > 0 {
                text += "\n\n[\(extracted.textAttachments) text attachment(s) not read]"
            }
            if text.allSatisfy(\.isWhitespace) { return fail(.emptyPost) }
            let size = text.utf8.count
            if size > limits.maxPostBytes { return fail(.postTooLarge(bytes: size, limit: limits.maxPostBytes)) }

            var post = IncomingPost(
                text: text, format: format, position: position, signatureLinesRemoved: extracted.signatureLinesRemoved)
            if let subject = headers.text("subject") {
                do {
                    let decoded = try EncodedWords.decode(subject).trimmingCharacters(in: " \t")
                    post.subject = decoded.isEmpty ? nil : decoded
                } catch {
                    problems.append("the subject could not be decoded (\(error)) and was left out")
                }
            }
            if let from = headers.text("from") {
                do {
                    post.author = try MailboxParser.parse(from)
                } catch {
                    // Without the sender's name the body is not scrubbed of it: a moderator must look.
                    problems.append("the sender could not be read (\(error)), so their name was not looked for")
                }
            }
            if !problems.isEmpty { post.holdReason = problems.joined(separator: "; ") }
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

    /// What stands for a message with no readable text: how many attachments and of what media types.
    static func attachmentsOnly(_ extracted: MIMEText.Extracted) -> String {
        // The first few media types only: a message of many attachments must still fit the post limit.
        var kinds = Array(extracted.otherAttachments.prefix(5))
        if extracted.otherAttachments.count > 5 { kinds.append("\(extracted.otherAttachments.count - 5) more") }
        if extracted.textAttachments > 0 { kinds.append("\(extracted.textAttachments) text") }
        let count = extracted.otherAttachments.count + extracted.textAttachments
        let listed = kinds.isEmpty ? "" : ": " + kinds.joined(separator: ", ")
        return "[a message with no text Porch can read; \(count) attachment(s)\(listed)]"
    }
}
