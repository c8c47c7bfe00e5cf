import Foundation

/// Renders the group feed as a JSON Feed 1.1 document, newest items first.
public enum JSONFeed {
    /// The media type to serve the file with.
    public static let mediaType = "application/feed+json"
    /// The `version` every JSON Feed 1.1 document declares.
    public static let version = "https://jsonfeed.org/version/1.1"

    /// The JSON Feed for at most `settings.maxEntries` of `entries`, as UTF-8 JSON text.
    ///
    /// Each item carries `content_text` (the cleaned text, then the footer after a blank line) and `content_html`
    /// (the same as escaped paragraphs). JSON Feed has no feed-level update time, so none is taken.
    public static func render(settings: FeedSettings, entries: [FeedEntry]) -> String {
        let rendered = RenderedEntry.select(entries, settings: settings)
        var members: [(String, String)] = [
            ("version", JSONString.literal(version)),
            ("title", string(settings.title)),
        ]
        if let subtitle = settings.subtitle { members.append(("description", string(subtitle))) }
        if let url = settings.homePageURL { members.append(("home_page_url", string(url.absoluteString))) }
        if let url = settings.jsonFeedURL { members.append(("feed_url", string(url.absoluteString))) }
        members.append(("language", string(settings.language)))
        let items = rendered.map { entry in
            object(
                [
                    ("id", string(entry.id)),
                    ("title", string(entry.title)),
                    ("content_text", string(entry.text)),
                    ("content_html", string(entry.html)),
                    ("date_published", string(entry.published)),
                    ("date_modified", string(entry.updated)),
                    ("authors", "[" + object([("name", string(entry.author))], indent: 3) + "]"),
                ],
                indent: 2
            )
        }
        members.append(("items", items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"))
        return object(members, indent: 0) + "\n"
    }

    /// UTF-8 bytes of `render(settings:entries:)`, ready for `AtomicFile.write`.
    public static func data(settings: FeedSettings, entries: [FeedEntry]) -> Data {
        Data(render(settings: settings, entries: entries).utf8)
    }

    private static func string(_ text: String) -> String {
        JSONString.literal(FeedText.clean(text))
    }

    /// An object with one member per line, its closing brace at `indent` levels of two spaces.
    private static func object(_ members: [(String, String)], indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let body = members.map { pad + JSONString.literal($0.0) + ": " + $0.1 }.joined(separator: ",\n")
        return "{\n" + body + "\n" + String(repeating: "  ", count: indent) + "}"
    }
}
