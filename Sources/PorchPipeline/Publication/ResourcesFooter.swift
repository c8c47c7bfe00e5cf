import PorchModel

/// The lines a post that carried a crisis or concern flag ends with in the feed: the group's resources.
///
/// Built only from the group's resource file (names, contacts, links), never from the post.
public enum ResourcesFooter {
    /// The footer for `resources`, or nil when the group lists none for its region.
    public static func text(for resources: [Resource]) -> String? {
        guard !resources.isEmpty else { return nil }
        var seen: Set<String> = []
        var lines = ["If this post speaks to you, you don't have to carry it alone. Support is here:"]
        for resource in resources where seen.insert(resource.name + "\u{0}" + resource.contact).inserted {
            var line = "\(resource.name): \(resource.contact)"
            if let url = resource.url, !url.isEmpty { line += " (\(url))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
