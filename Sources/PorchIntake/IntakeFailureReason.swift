/// Why a post could not be decoded; each case's description says what to do next and never quotes the post.
public enum IntakeFailureReason: Sendable, Equatable, CustomStringConvertible {
    /// The line is not valid JSON; `column` is the 1-based character column where the parser stopped.
    case malformedJSON(JSONProblem, column: Int?)
    /// The line is valid JSON but not an object.
    case notAnObject
    /// The object has no `text` field.
    case missingText
    /// The object's `text` is not a string.
    case textNotString
    /// An optional field (`id`, `author`, `submitted_at`, `topic`) has the wrong type or an unreadable value.
    case invalidField(name: String, expected: String)
    /// The post is empty or only whitespace.
    case emptyPost
    /// The decoded post text is larger than the limit.
    case postTooLarge(bytes: Int, limit: Int)
    /// The raw line or message is larger than intake reads into memory.
    case recordTooLarge(bytes: Int, limit: Int)
    /// The email message could not be decoded.
    case undecodableMessage(MessageProblem)
    /// The input is not valid UTF-8; `byteOffset` is 0-based within the line or stdin.
    case invalidUTF8(byteOffset: Int)

    public var description: String {
        switch self {
        case .malformedJSON(let problem, let column):
            let at = column.map { " at column \($0)" } ?? ""
            return "malformed JSON: \(problem)\(at); each line must be one complete JSON object"
        case .notAnObject:
            return "the line is JSON but not an object; each line must be one object like {\"text\": \"...\"}"
        case .missingText:
            return "the object has no \"text\" field; add the post body as \"text\""
        case .textNotString:
            return "the \"text\" field is not a string; send the post body as a JSON string"
        case .invalidField(let name, let expected):
            return "the \"\(name)\" field must be \(expected); fix it or leave the field out"
        case .emptyPost:
            return "the post is empty; nothing was stored, send a post with some text"
        case .postTooLarge(let bytes, let limit):
            return "the post is \(bytes) bytes, over the limit of \(limit) bytes; "
                + "shorten it or raise \(IntakeLimits.maxPostBytesSetting) in porch.toml"
        case .recordTooLarge(let bytes, let limit):
            return "the line or message is \(bytes) bytes, over the \(limit)-byte limit intake reads into memory; "
                + "shorten it (or drop the message's attachments) and send it again"
        case .undecodableMessage(let problem):
            return "the message cannot be decoded: \(problem)"
        case .invalidUTF8(let offset):
            return "the input is not valid UTF-8 (first bad byte at offset \(offset)); re-encode it as UTF-8"
        }
    }
}

/// Why a JSON line did not parse, in words that never quote the line.
public enum JSONProblem: Sendable, Equatable, CustomStringConvertible {
    case unexpectedEnd
    case unexpectedCharacter
    case expectedKey
    case expectedColon
    case expectedCommaOrEnd
    case invalidLiteral
    case invalidNumber
    case invalidEscape
    case unpairedSurrogate
    case controlCharacterInString
    case tooDeeplyNested
    case trailingCharacters

    public var description: String {
        switch self {
        case .unexpectedEnd: return "the line ends in the middle of a value"
        case .unexpectedCharacter: return "unexpected character"
        case .expectedKey: return "expected a quoted key"
        case .expectedColon: return "expected ':' after a key"
        case .expectedCommaOrEnd: return "expected ',' or the end of the object or array"
        case .invalidLiteral: return "invalid literal (only true, false and null are allowed)"
        case .invalidNumber: return "invalid number"
        case .invalidEscape: return "invalid escape in a string"
        case .unpairedSurrogate: return "a \\u escape is half of a surrogate pair"
        case .controlCharacterInString: return "unescaped control character in a string"
        case .tooDeeplyNested: return "nested too deeply"
        case .trailingCharacters: return "more after the end of the object"
        }
    }
}

/// Why an email message could not be decoded, in words that never quote the message.
public enum MessageProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing on stdin.
    case empty
    /// The input does not start with a header line.
    case noHeaders
    /// A multipart part has no boundary parameter.
    case multipartWithoutBoundary
    /// A multipart body has no line with its boundary.
    case boundaryNotFound
    /// Multipart parts nested deeper than intake follows.
    case nestedTooDeeply
    /// A charset intake does not decode: its registered name, or nil for a label that is no known charset
    /// (an unknown label is never repeated, as it could be anything the sender typed).
    case unknownCharset(String?)
    /// A body or encoded word that is not valid in its declared charset.
    case invalidCharacters(charset: String)
    /// A Content-Transfer-Encoding intake does not decode: its registered name, or nil for an unknown label.
    case unknownTransferEncoding(String?)
    /// Base64 that does not decode.
    case invalidBase64
    /// Quoted-printable with an escape that is not `=` and two hex digits.
    case invalidQuotedPrintable
    /// No text/plain or text/html part that is not an attachment.
    case noTextPart

    public var description: String {
        switch self {
        case .empty:
            return "stdin is empty; the mail server should pipe one whole message"
        case .noHeaders:
            return "it does not start with a header line; send a whole RFC 5322 message, or use --format text"
        case .multipartWithoutBoundary:
            return "a multipart part has no boundary parameter; the sending program wrote a broken message"
        case .boundaryNotFound:
            return "a multipart boundary never appears in the body; the message is truncated or broken"
        case .nestedTooDeeply:
            return "multipart parts are nested too deeply; forward the message as plain text"
        case .unknownCharset(let label?):
            return "charset \"\(label)\" is not supported; ask the sender to use UTF-8"
        case .unknownCharset(nil):
            return "it declares a charset that is not a known character set; ask the sender to use UTF-8"
        case .invalidCharacters(let charset):
            return "the text is not valid \(charset) as declared; ask the sender to re-send it as UTF-8"
        case .unknownTransferEncoding(let name?):
            return "Content-Transfer-Encoding \"\(name)\" is not supported; ask the sender to re-send it"
        case .unknownTransferEncoding(nil):
            return "it declares an unknown Content-Transfer-Encoding; ask the sender to re-send it"
        case .invalidBase64:
            return "a base64 part does not decode; the message is truncated or broken"
        case .invalidQuotedPrintable:
            return "a quoted-printable part has a bad escape; the message is broken"
        case .noTextPart:
            return "it has no text part (only attachments or other media); ask the sender to write the post as text"
        }
    }
}
