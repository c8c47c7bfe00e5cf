/// Decodes `--format text`: all of stdin is one UTF-8 post, trailing whitespace trimmed; bytes that are not UTF-8
/// are read as U+FFFD and the post is held for a moderator.
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8], limits: IntakeLimits = IntakeLimits()) -> Result<
        IncomingPost, IntakeFailure
    > {
        func fail(_ reason: IntakeFailureReason) -> Result<IncomingPost, IntakeFailure> {
            .failure(IntakeFailure(position: .whole, reason: reason))
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let body = Array(bytes[start...])
        // One bad byte must not bounce a post (a crisis post with a stray windows-1252 byte above all): it is read
        // with U+FFFD in place of what is not UTF-8 and stored held for a moderator, with the reason.
        var holdReason: String?
        if let repair = UTF8Validation.repaired(body) {
            holdReason = UTF8Validation.holdReason(replaced: repair.replaced, first: repair.first + start)
        }
        var text = String(decoding: body, as: UTF8.self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        if text.isEmpty { return fail(.emptyPost) }
        let size = text.utf8.count
        if size > limits.maxPostBytes { return fail(.postTooLarge(bytes: size, limit: limits.maxPostBytes)) }
        var post = IncomingPost(text: text, format: .text, position: .whole)
        post.holdReason = holdReason
        return .success(post)
    }
}
