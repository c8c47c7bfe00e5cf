import Foundation

/// The group feed's identity and publishing choices, read from `porch.toml` and shared by both feed formats.
public struct FeedSettings: Sendable, Equatable {
    /// The feed's title, shown by feed readers.
    public let title: String
    /// The feed's permanent `urn:uuid:` or `tag:` URI, made once at `porch init`.
    public let id: String
    /// An optional one-line description (Atom `subtitle`, JSON Feed `description`).
    public let subtitle: String?
    /// The group's public page, if it has one.
    public let homePageURL: URL?
    /// Where the Atom file is served, if known (Atom `link rel="self"`).
    public let atomFeedURL: URL?
    /// Where the JSON Feed file is served, if known (JSON Feed `feed_url`).
    public let jsonFeedURL: URL?
    /// The language of the posts as a BCP 47 tag, such as `en`.
    public let language: String
    /// The most entries a feed file holds; older approved posts drop out.
    public let maxEntries: Int
    /// How coarsely publication times are shown.
    public let timeGranularity: FeedTimeGranularity

    /// The number of entries a feed holds unless the group chooses otherwise.
    public static let defaultMaxEntries = 200

    /// Checks and stores the settings; throws if the id, title, language, URLs or limit cannot be published.
    public init(
        title: String,
        id: String,
        subtitle: String? = nil,
        homePageURL: URL? = nil,
        atomFeedURL: URL? = nil,
        jsonFeedURL: URL? = nil,
        language: String = "en",
        maxEntries: Int = FeedSettings.defaultMaxEntries,
        timeGranularity: FeedTimeGranularity = .hour
    ) throws(FeedError) {
        let cleanTitle = FeedText.singleLine(title)
        guard !cleanTitle.isEmpty else { throw .emptyFeedTitle }
        guard FeedID.isUUIDURN(id) || FeedID.isTagURI(id) else { throw .invalidFeedID(id) }
        guard maxEntries >= 1 else { throw .invalidMaxEntries(maxEntries) }
        guard Self.isLanguageTag(language) else { throw .invalidLanguage(language) }
        for (setting, url) in [
            ("home page URL", homePageURL), ("Atom feed URL", atomFeedURL), ("JSON feed URL", jsonFeedURL),
        ] {
            if let url, !Self.isWebURL(url) { throw .invalidURL(setting: setting, value: url.absoluteString) }
        }
        self.title = cleanTitle
        self.id = id
        let cleanSubtitle = subtitle.map(FeedText.singleLine)
        self.subtitle = cleanSubtitle?.isEmpty == false ? cleanSubtitle : nil
        self.homePageURL = homePageURL
        self.atomFeedURL = atomFeedURL
        self.jsonFeedURL = jsonFeedURL
        self.language = language
        self.maxEntries = maxEntries
        self.timeGranularity = timeGranularity
    }

    /// Letters, digits and hyphens in subtags of 1 to 8 characters, the first subtag letters only.
    static func isLanguageTag(_ value: String) -> Bool {
        let subtags = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, !first.isEmpty, first.count <= 8,
            first.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count)
                && subtag.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                }
        }
    }

    /// An absolute http or https URL with a host.
    static func isWebURL(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return url.host?.isEmpty == false
    }
}
