import Foundation

/// Renders the group feed as an Atom 1.0 document (RFC 4287), newest entries first.
public enum AtomFeed {
    /// The media type to serve the file with.
    public static let mediaType = "application/atom+xml"

    /// The Atom document for at most `settings.maxEntries` of `entries`, as UTF-8 XML text.
    ///
    /// `updated` is when the feed is published; it is coarsened like entry times and never precedes the newest
    /// entry's update. Content is `type="html"`: the escaped paragraph HTML, escaped once more as XML text.
    public static func render(settings: FeedSettings, entries: [FeedEntry], updated: Date) -> String {
        let rendered = RenderedEntry.select(entries, settings: settings)
        let feedUpdated = RenderedEntry.feedUpdated(updated, entries: rendered, granularity: settings.timeGranularity)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(escape(settings.language))\">\n"
        xml += element("id", settings.id, indent: 1)
        xml += element("title", settings.title, indent: 1, type: "text")
        if let subtitle = settings.subtitle {
            xml += element("subtitle", subtitle, indent: 1, type: "text")
        }
        xml += element("updated", feedUpdated, indent: 1)
        if let url = settings.atomFeedURL {
            xml += link(rel: "self", type: mediaType, href: url)
        }
        if let url = settings.homePageURL {
            xml += link(rel: "alternate", type: "text/html", href: url)
        }
        if let url = settings.jsonFeedURL {
            xml += link(rel: "alternate", type: JSONFeed.mediaType, href: url)
        }
        // The group itself is the feed's author; each entry names its own alias.
        xml += "  <author>\n" + element("name", settings.title, indent: 2) + "  </author>\n"
        xml += "  <generator>Porch</generator>\n"
        for entry in rendered {
            xml += "  <entry>\n"
            xml += element("id", entry.id, indent: 2)
            xml += element("title", entry.title, indent: 2, type: "text")
            xml += "    <author>\n" + element("name", entry.author, indent: 3) + "    </author>\n"
            xml += element("published", entry.published, indent: 2)
            xml += element("updated", entry.updated, indent: 2)
            xml += element("content", entry.html, indent: 2, type: "html")
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    /// UTF-8 bytes of `render(settings:entries:updated:)`, ready for `AtomicFile.write`.
    public static func data(settings: FeedSettings, entries: [FeedEntry], updated: Date) -> Data {
        Data(render(settings: settings, entries: entries, updated: updated).utf8)
    }

    private static func escape(_ text: String) -> String {
        MarkupEscaping.escape(FeedText.clean(text))
    }

    private static func element(_ name: String, _ text: String, indent: Int, type: String? = nil) -> String {
        let attribute = type.map { " type=\"\($0)\"" } ?? ""
        return String(repeating: "  ", count: indent) + "<\(name)\(attribute)>\(escape(text))</\(name)>\n"
    }

    private static func link(rel: String, type: String, href: URL) -> String {
        "  <link rel=\"\(rel)\" type=\"\(type)\" href=\"\(escape(href.absoluteString))\"/>\n"
    }
}
