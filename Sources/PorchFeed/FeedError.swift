/// A feed setting or entry that cannot be rendered, with what to change.
public enum FeedError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The feed id is not a `urn:uuid:` or `tag:` URI.
    case invalidFeedID(String)
    /// An entry id is not a `urn:uuid:` URI; the value is not repeated because it may be anything.
    case invalidEntryID
    /// The feed title is empty after removing control characters.
    case emptyFeedTitle
    /// The maximum number of entries is below one.
    case invalidMaxEntries(Int)
    /// The language is not a BCP 47 tag such as `en` or `pt-BR`.
    case invalidLanguage(String)
    /// A URL setting is not an absolute http or https URL.
    case invalidURL(setting: String, value: String)

    public var description: String {
        switch self {
        case .invalidFeedID(let value):
            return "feed id \"\(value)\" is not a urn:uuid: or tag: URI; "
                + "set it to the id `porch init` wrote to porch.toml and never change it"
        case .invalidEntryID:
            return "an approved post has an entry id that is not a urn:uuid: URI; "
                + "entry ids are minted once at approval with FeedEntry.mintID(): check the queue record"
        case .emptyFeedTitle:
            return "the feed title is empty; set a title for the group feed in porch.toml"
        case .invalidMaxEntries(let value):
            return "the maximum number of feed entries is \(value); set it to 1 or more in porch.toml"
        case .invalidLanguage(let value):
            return "feed language \"\(value)\" is not a language tag; use a tag such as en, de or pt-BR in porch.toml"
        case .invalidURL(let setting, let value):
            return "\(setting) \"\(value)\" is not an absolute http or https URL; fix it in porch.toml"
        }
    }
}
