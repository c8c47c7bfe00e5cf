import Foundation
import PorchFeed

/// What feedparser made of a feed file.
struct ReaderFeed: Decodable {
    struct Entry: Decodable {
        let id: String?
        let title: String?
        let author: String?
        let published: String?
        let updated: String?
        let contentType: String?
        let text: String
        let tags: [String]
    }

    let bozo: Bool
    let problem: String
    let version: String
    let title: String?
    let id: String?
    let entries: [Entry]
}

/// What the strict XML parse and feedparser found in an Atom file.
struct ParsedAtom: Decodable {
    struct StrictEntry: Decodable {
        let children: [String]
        let contentOnlyText: Bool
        let text: String
        let tags: [String]
    }

    let rootName: String
    let namespace: String
    let lang: String
    let updated: String
    let strict: [StrictEntry]
    let reader: ReaderFeed
}

/// What `json.loads` and feedparser found in a JSON Feed file.
struct ParsedJSONFeed: Decodable {
    struct Author: Decodable, Equatable {
        let name: String
    }

    struct Item: Decodable {
        let id: String
        let title: String?
        let contentText: String?
        let contentHTML: String?
        let datePublished: String?
        let dateModified: String?
        let authors: [Author]?

        enum CodingKeys: String, CodingKey {
            case id, title, authors
            case contentText = "content_text"
            case contentHTML = "content_html"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }
    }

    struct ItemReport: Decodable {
        let keys: [String]
        let item: Item
        let htmlText: String
        let tags: [String]
    }

    let missing: [String]
    let keys: [String]
    let title: String?
    let items: [ItemReport]
}

/// Writes feeds to files and has Python parse them.
enum FeedCheck {
    static func atom(_ xml: String) throws -> ParsedAtom {
        try withTemporaryFolder { folder in
            let path = folder.path("feed.atom")
            try AtomicFile.write(Data(xml.utf8), to: path)
            let output = try PythonRunner.run(script: FeedCheckScripts.atom, arguments: [path], in: folder)
            return try JSONDecoder().decode(ParsedAtom.self, from: output)
        }
    }

    static func jsonFeed(_ json: String) throws -> ParsedJSONFeed {
        try withTemporaryFolder { folder in
            let path = folder.path("feed.json")
            try AtomicFile.write(Data(json.utf8), to: path)
            let output = try PythonRunner.run(script: FeedCheckScripts.jsonFeed, arguments: [path], in: folder)
            return try JSONDecoder().decode(ParsedJSONFeed.self, from: output)
        }
    }
}
