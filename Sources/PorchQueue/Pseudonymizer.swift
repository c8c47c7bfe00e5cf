import Crypto

/// Turns an author's identity into a keyed pseudonym and a friendly alias; the identity itself is never stored.
///
/// The same identity gives the same pseudonym under the same key and an unrelated one under another key.
public struct Pseudonymizer: Sendable {
    private let keyBytes: [UInt8]
    private let feedKeyBytes: [UInt8]

    public init(key: SecretKey) {
        self.keyBytes = key.derived(for: "porch pseudonym v1")
        self.feedKeyBytes = key.derived(for: "porch feed alias v1")
    }

    /// The alias a post shows in the public feed when the group changes aliases over time: made from the stable
    /// pseudonym and a `period` (a post's own entry id, or a window of days) under a key of its own, so the
    /// aliases of two periods share nothing a reader can link, while one period always gives the same alias.
    public func feedAlias(forPseudonym pseudonym: String, period: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Array((pseudonym + "\u{0}" + period).utf8), using: SymmetricKey(data: feedKeyBytes))
        return alias(forPseudonym: Hex.encode(code))
    }

    /// The hex HMAC-SHA256 of the normalized identity (64 lowercase hex digits).
    public func pseudonym(for identity: String) -> String {
        let normalized = Pseudonymizer.normalize(identity)
        return Hex.encode(
            HMAC<SHA256>.authenticationCode(for: Array(normalized.utf8), using: SymmetricKey(data: keyBytes)))
    }

    /// A stable friendly name for a pseudonym, e.g. "Quiet Heron 42": two words and a number from 1 to 99.
    public func alias(forPseudonym pseudonym: String) -> String {
        var bytes = Hex.decode(pseudonym) ?? []
        if bytes.count < 6 { bytes = Array(SHA256.hash(data: Array(pseudonym.utf8))) }
        let adjective = AliasWords.adjectives[(Int(bytes[0]) << 8 | Int(bytes[1])) % AliasWords.adjectives.count]
        let animal = AliasWords.animals[(Int(bytes[2]) << 8 | Int(bytes[3])) % AliasWords.animals.count]
        let number = (Int(bytes[4]) << 8 | Int(bytes[5])) % 99 + 1
        return "\(adjective) \(animal) \(number)"
    }

    /// Trims the identity; an email address (also as `Name <addr>` or `mailto:addr`) is reduced to the
    /// address and lowercased, so the same mailbox always gives the same pseudonym.
    public static func normalize(_ identity: String) -> String {
        var text = identity.trimmingWhitespace()
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let inside = String(text[text.index(after: open)..<close]).trimmingWhitespace()
            if inside.contains("@") { text = inside }
        }
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst("mailto:".count)) }
        if text.contains("@") { text = text.lowercased() }
        return text
    }
}
