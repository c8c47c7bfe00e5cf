import Foundation

/// Decodes one JSON Lines record: an object with `text` and optional `id`, `author`, `submitted_at`, `topic`.
public enum JSONLineDecoder {
    /// Decodes one line (with or without its line ending); nil for a blank line, which is skipped.
    public static func decode(line: [UInt8], number: Int, limits: IntakeLimits = IntakeLimits()) -> Result<
        IncomingPost, IntakeFailure
    >? {
        line.withUnsafeBufferPointer { decode(line: $0, number: number, limits: limits) }
    }

    static func decode(line raw: UnsafeBufferPointer<UInt8>, number: Int, limits: IntakeLimits) -> Result<
        IncomingPost, IntakeFailure
    >? {
        let position = InputPosition.line(number)
        func fail(_ reason: IntakeFailureReason) -> Result<IncomingPost, IntakeFailure> {
            .failure(IntakeFailure(position: position, reason: reason))
        }
        var line = raw
        if number == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line[3...])  // a byte-order mark some exporters write
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) { return nil }
        // A line with bytes that are not UTF-8 is read with U+FFFD in their place and its post held for a moderator.
        if let repair = UTF8Validation.repaired(line) {
            let reason = UTF8Validation.holdReason(replaced: repair.replaced, first: repair.first)
            let bytes = Array(repair.text.utf8)
            let result = bytes.withUnsafeBufferPointer { decode(line: $0, number: number, limits: limits) }
            return result.map { decoded in
                decoded.map { post in
                    var held = post
                    held.holdReason = reason
                    return held
                }
            }
        }

        var scanner = JSONScanner(line)
        let fields: JSONScanner.Fields
        do {
            guard let object = try scanner.scanObject() else { return fail(.notAnObject) }
            fields = object
        } catch {
            return fail(.malformedJSON(error.problem, column: characterColumn(line, offset: error.offset)))
        }

        guard let textValue = fields.text else { return fail(.missingText) }
        guard case .string(let text) = textValue else { return fail(.textNotString) }
        if text.allSatisfy(\.isWhitespace) { return fail(.emptyPost) }
        let size = text.utf8.count
        if size > limits.maxPostBytes { return fail(.postTooLarge(bytes: size, limit: limits.maxPostBytes)) }

        var post = IncomingPost(text: text, format: .jsonl, position: position)
        switch fields.id {
        case nil, .null?: break
        case .string(let id)?: post.externalID = id
        case .number(let id)?: post.externalID = id
        default: return fail(.invalidField(name: "id", expected: "a string or a number"))
        }
        switch fields.topic {
        case nil, .null?: break
        case .string(let topic)?: post.topic = topic
        default: return fail(.invalidField(name: "topic", expected: "a string"))
        }
        switch fields.submittedAt {
        case nil, .null?: break
        case .string(let stamp)?:
            guard let date = ISO8601Timestamp.parse(stamp) else {
                return fail(
                    .invalidField(name: "submitted_at", expected: "an ISO 8601 date and time with a zone"))
            }
            post.submittedAt = date
        default:
            return fail(.invalidField(name: "submitted_at", expected: "an ISO 8601 date and time with a zone"))
        }
        switch fields.author {
        case nil, .null?: break
        case .string(let name)?: post.author = name.isEmpty ? nil : Author(name: name)
        case .object?:
            let name = fields.author?["name"]
            let email = fields.author?["email"]
            let expected = "a string, or an object whose \"name\" and \"email\" are strings"
            var author = Author()
            switch name {
            case nil, .null?: break
            case .string(let value)?: author.name = value.isEmpty ? nil : value
            default: return fail(.invalidField(name: "author", expected: expected))
            }
            switch email {
            case nil, .null?: break
            case .string(let value)?: author.address = value.isEmpty ? nil : value
            default: return fail(.invalidField(name: "author", expected: expected))
            }
            post.author = author.name == nil && author.address == nil ? nil : author
        default:
            return fail(.invalidField(name: "author", expected: "a string or an object"))
        }
        return .success(post)
    }

    /// The 1-based character column of a byte offset in valid UTF-8.
    private static func characterColumn(_ line: UnsafeBufferPointer<UInt8>, offset: Int) -> Int {
        var column = 1
        for byte in line.prefix(offset) where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }
}
