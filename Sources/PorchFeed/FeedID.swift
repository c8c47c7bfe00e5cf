import Foundation

/// Mints and checks the permanent URIs that identify the feed and its entries.
public enum FeedID {
    /// A new random `urn:uuid:` URI; mint it once (at `porch init` or at approval) and store it.
    public static func mint() -> String {
        "urn:uuid:" + UUID().uuidString.lowercased()
    }

    /// Whether `value` is `urn:uuid:` followed by a well-formed UUID.
    public static func isUUIDURN(_ value: String) -> Bool {
        let prefix = "urn:uuid:"
        guard value.lowercased().hasPrefix(prefix) else { return false }
        return UUID(uuidString: String(value.dropFirst(prefix.count))) != nil
    }

    /// Whether `value` is a `tag:` URI (RFC 4151) of the form `tag:authority,date:specific`.
    public static func isTagURI(_ value: String) -> Bool {
        guard value.hasPrefix("tag:"), let colon = value.dropFirst(4).firstIndex(of: ":") else { return false }
        let taggingEntity = value[value.index(value.startIndex, offsetBy: 4)..<colon]
        let specific = value[value.index(after: colon)...]
        guard taggingEntity.contains(","), !taggingEntity.hasPrefix(","), !taggingEntity.hasSuffix(",") else {
            return false
        }
        return !specific.isEmpty && value.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0 != "\"" }
    }
}
