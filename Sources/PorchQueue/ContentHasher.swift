import Crypto

/// Makes the de-duplication key of a post: a keyed hash of its author's pseudonym and its normalized text.
///
/// Keyed, so the stored hash cannot confirm a guessed text without the group's secret; it includes the
/// pseudonym so two members who both write "thank you" are never merged. Resubmitting the same message (mail
/// redelivery, a re-run import) gives the same hash whatever its surrounding or repeated whitespace.
public struct ContentHasher: Sendable {
    private let keyBytes: [UInt8]

    public init(key: SecretKey) {
        self.keyBytes = key.derived(for: "porch content hash v1")
    }

    /// 64 lowercase hex digits.
    public func hash(text: String, pseudonym: String) -> String {
        var message = Array(pseudonym.utf8)
        message.append(0)
        message += ContentHasher.normalize(text).utf8
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keyBytes)))
    }

    /// Trims the text and collapses every run of whitespace (spaces, tabs, line breaks) into one space.
    public static func normalize(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace: Bool
            switch scalar.value {
            case 0x20, 0x09...0x0D: isSpace = true
            case 0..<0x80: isSpace = false
            default: isSpace = scalar.properties.isWhitespace
            }
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Plain SHA-256 hex of a text, for recording what the publisher wrote (see ``PublishMark``).
    public static func sha256Hex(of text: String) -> String {
        Hex.encode(SHA256.hash(data: Array(text.utf8)))
    }
}
