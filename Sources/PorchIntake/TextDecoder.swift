/// Decodes `--format text`: all of stdin is one UTF-8 post, trailing whitespace trimmed.
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
        if let bad = UTF8Validation.firstInvalidOffset(body) { return fail(.invalidUTF8(byteOffset: bad + start)) }
        var text = String(decoding: body, as: UTF8.self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        if text.isEmpty { return fail(.emptyPost) }
        let size = text.utf8.count
        if size > limits.maxPostBytes { return fail(.postTooLarge(bytes: size, limit: limits.maxPostBytes)) }
        return .success(IncomingPost(text: text, format: .text, position: .whole))
    }
}
