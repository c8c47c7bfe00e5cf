import Foundation

/// A crisis helpline or support service shown beside a flagged post and at the end of its feed entry.
///
/// Decodes from the `resources` objects of a post's verdict JSON (`name`, `contact`, `url`, `region`).
public struct Resource: Sendable, Hashable, Decodable {
    public var name: String
    /// How to reach it, e.g. "call or text 988".
    public var contact: String
    /// The region it serves, e.g. `US`.
    public var region: String
    public var url: String?
    /// The crisis categories it is for; empty for a general line.
    public var categories: [String]

    public init(name: String, contact: String, region: String, url: String? = nil, categories: [String] = []) {
        self.name = name
        self.contact = contact
        self.region = region
        self.url = url
        self.categories = categories
    }

    enum CodingKeys: String, CodingKey {
        case name, contact, region, url, categories
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        contact = try container.decode(String.self, forKey: .contact)
        region = try container.decode(String.self, forKey: .region)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? []
    }
}

extension Resource {
    /// The resources for a region (falling back to the default region), those for the categories first.
    public static func chosen(
        from resources: [Resource], region: String, defaultRegion: String, categories: [String]
    ) -> [Resource] {
        var chosen = resources.filter { $0.region.caseInsensitiveCompare(region) == .orderedSame }
        if chosen.isEmpty {
            chosen = resources.filter { $0.region.caseInsensitiveCompare(defaultRegion) == .orderedSame }
        }
        let general = chosen.filter(\.categories.isEmpty)
        let specific = chosen.filter { !$0.categories.isEmpty && !Set($0.categories).isDisjoint(with: categories) }
        return specific + general
    }
}
