import Foundation
import PorchRules

/// The settings in a group's `porch.toml`, with defaults for everything but the name.
struct GroupConfig: Equatable {
    var name: String
    /// The region whose crisis resources are shown (a `region` in Rules/resources.toml).
    var region = "US"
    /// The rules folder, relative to the group folder.
    var rulesPath = "Rules"
    /// Places the group is about ("Galway" for a Galway group): towns the PII lane leaves in posts.
    var keepPlaces: [String] = []
    var feedTitle: String
    /// A permanent `urn:uuid:` made at `porch init`.
    var feedID: String
    var atomPath = "feed/feed.atom"
    var jsonPath = "feed/feed.json"
    var homePage: String?
    /// Where the Atom and JSON Feed files are served, for their self links (`<link rel="self">`, `feed_url`).
    var atomURL: String?
    var jsonURL: String?
    var maxEntries = 200
    /// `hour` or `day`: how coarsely published times are shown.
    var timeGranularity = "hour"
    /// Whether published posts that carried a crisis or concern flag end with the group's resources.
    var resourcesFooter = true
    var maxPostBytes = 65_536
    /// A command run when a crisis post arrives, given the queue id and level (never the text).
    var onCrisis: String?
    var onCrisisTimeout = 10.0
    /// Reasons offered by number when a moderator rejects in `porch review`.
    var rejectReasons = GroupConfig.defaultRejectReasons
    /// How often a member's alias in the public feed changes (the moderators' view keeps the stable one).
    var aliasRotation = AliasRotation.never

    static let defaultRejectReasons = [
        "off topic for this group", "identifying details that cannot be scrubbed", "duplicate post",
        "advertising or spam",
    ]

    /// The text of a new `porch.toml`.
    func rendered() -> String {
        func quoted(_ value: String) -> String {
            var output = ""
            PorchTOML.appendBasicString(value, to: &output)
            return output
        }
        let keepPlacesLine =
            keepPlaces.isEmpty
            ? "# keep_places = [\"Galway\"]" : "keep_places = [\(keepPlaces.map(quoted).joined(separator: ", "))]"
        return """
            # Porch group configuration. Edit by hand; `porch` reads it on every run.

            [group]
            name = \(quoted(name))
            # Crisis resources shown to moderators and in the feed come from this region in Rules/resources.toml.
            region = \(quoted(region))
            # The rule files this group runs (relative to this folder). Check edits with `porch rules check`.
            rules = \(quoted(rulesPath))
            # Towns the group is about stay in posts (a Galway group keeps "Galway"); every other town is scrubbed.
            \(keepPlacesLine)

            [feed]
            title = \(quoted(feedTitle))
            # The feed's permanent id: never change it, or readers will see a new feed.
            id = \(quoted(feedID))
            atom = \(quoted(atomPath))
            json = \(quoted(jsonPath))
            # The group's public page, and where the two feed files are served (readers use these as links).
            # home_page = "https://example.org/our-group"
            # atom_url = "https://example.org/our-group/feed.atom"
            # json_url = "https://example.org/our-group/feed.json"
            max_entries = \(maxEntries)
            # Published times are rounded down to the "hour" or the "day".
            time_granularity = \(quoted(timeGranularity))
            # Posts that carried a crisis or concern flag end with the group's resources.
            resources_footer = \(resourcesFooter)
            # How often a member's alias in the feed changes, so the feed cannot string one person's posts
            # together: "never" (one alias), "post" (a new alias on every post) or "days" (a new alias every
            # alias_days days). Moderators always see the stable alias.
            alias_rotation = \(quoted(aliasRotation.mode))
            alias_days = \(aliasRotation.days)

            [review]
            # Reasons offered by number when rejecting in `porch review` (a moderator can still type any reason).
            reject_reasons = [\(rejectReasons.map(quoted).joined(separator: ", "))]

            [intake]
            max_post_bytes = \(maxPostBytes)

            [hooks]
            # A command to page an on-call moderator when a crisis post arrives. It is run without a shell,
            # with two arguments, the queue id and the level; it is never given the post's text.
            # on_crisis = "/usr/local/bin/page-moderator"
            on_crisis_timeout = \(Int(onCrisisTimeout))

            """
    }

    /// Reads `porch.toml`; every problem is reported with its line and column.
    static func parse(_ text: String, file: String) throws(GroupError) -> GroupConfig {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw .invalidConfig(file: file, position: error.position, message: error.message)
        }
        var reader = ConfigReader(file: file)
        let group = reader.table(root, "group")
        let feed = reader.table(root, "feed")
        let intake = reader.table(root, "intake")
        let hooks = reader.table(root, "hooks")
        let review = reader.table(root, "review")
        reader.refuseUnknown(root, known: ["group", "feed", "intake", "hooks", "review"])

        guard let name = reader.string(group, "name") else {
            throw .invalidConfig(file: file, position: group?.position, message: "missing [group] name")
        }
        var config = GroupConfig(name: name, feedTitle: name, feedID: "")
        config.region = reader.string(group, "region") ?? config.region
        config.rulesPath = reader.string(group, "rules") ?? config.rulesPath
        config.keepPlaces = reader.stringList(group, "keep_places") ?? config.keepPlaces
        config.feedTitle = reader.string(feed, "title") ?? name
        config.feedID = reader.string(feed, "id") ?? ""
        config.atomPath = reader.string(feed, "atom") ?? config.atomPath
        config.jsonPath = reader.string(feed, "json") ?? config.jsonPath
        config.homePage = reader.string(feed, "home_page")
        config.atomURL = reader.string(feed, "atom_url")
        config.jsonURL = reader.string(feed, "json_url")
        let rotation = reader.choice(feed, "alias_rotation", ["never", "post", "days"]) ?? "never"
        let days = reader.integer(feed, "alias_days", 1...3650) ?? AliasRotation.defaultDays
        config.aliasRotation = AliasRotation(mode: rotation, days: days) ?? .never
        config.rejectReasons = reader.stringList(review, "reject_reasons") ?? config.rejectReasons
        config.maxEntries = reader.integer(feed, "max_entries", 1...100_000) ?? config.maxEntries
        config.timeGranularity = reader.choice(feed, "time_granularity", ["hour", "day"]) ?? config.timeGranularity
        config.resourcesFooter = reader.boolean(feed, "resources_footer") ?? config.resourcesFooter
        config.maxPostBytes = reader.integer(intake, "max_post_bytes", 1_024...16_777_216) ?? config.maxPostBytes
        config.onCrisis = reader.string(hooks, "on_crisis").flatMap { $0.isEmpty ? nil : $0 }
        config.onCrisisTimeout = Double(reader.integer(hooks, "on_crisis_timeout", 1...600) ?? 10)
        reader.refuseUnknown(group, known: ["name", "region", "rules", "keep_places"])
        reader.refuseUnknown(
            feed,
            known: [
                "title", "id", "atom", "json", "home_page", "atom_url", "json_url", "max_entries", "time_granularity",
                "resources_footer", "alias_rotation", "alias_days",
            ])
        reader.refuseUnknown(review, known: ["reject_reasons"])
        reader.refuseUnknown(intake, known: ["max_post_bytes"])
        reader.refuseUnknown(hooks, known: ["on_crisis", "on_crisis_timeout"])
        if config.feedID.isEmpty {
            reader.problems.append(
                (feed?.position, "missing [feed] id: add id = \"urn:uuid:…\" (run `porch init` to make one)"))
        }
        if let (position, message) = reader.problems.first {
            throw .invalidConfig(file: file, position: position, message: message)
        }
        return config
    }
}

/// Typed reads from porch.toml tables, collecting the first problems with positions.
private struct ConfigReader {
    let file: String
    var problems: [(SourcePosition?, String)] = []

    mutating func table(_ root: TOMLTable, _ key: String) -> TOMLTable? {
        guard let node = root[key] else { return nil }
        guard case .table(let table) = node.value else {
            problems.append((node.position, "'\(key)' must be a [\(key)] section"))
            return nil
        }
        return table
    }

    mutating func string(_ table: TOMLTable?, _ key: String) -> String? {
        guard let node = table?[key] else { return nil }
        guard case .string(let value) = node.value else {
            problems.append((node.position, "'\(key)' must be a string in quotes"))
            return nil
        }
        return value
    }

    mutating func stringList(_ table: TOMLTable?, _ key: String) -> [String]? {
        guard let node = table?[key] else { return nil }
        guard case .array(let elements) = node.value else {
            problems.append(
                (
                    node.position,
                    "'\(key)' must be a list of strings, like [\"Galway\"] or [\"off topic\", \"duplicate\"]"
                ))
            return nil
        }
        var values: [String] = []
        for element in elements {
            guard case .string(let value) = element.value,
                !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else {
                problems.append((element.position, "each of '\(key)' must be a string with some text"))
                return nil
            }
            values.append(value)
        }
        return values
    }

    mutating func integer(_ table: TOMLTable?, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard let node = table?[key] else { return nil }
        guard case .integer(let value) = node.value, range.contains(value) else {
            problems.append(
                (node.position, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    mutating func boolean(_ table: TOMLTable?, _ key: String) -> Bool? {
        guard let node = table?[key] else { return nil }
        guard case .boolean(let value) = node.value else {
            problems.append((node.position, "'\(key)' must be true or false"))
            return nil
        }
        return value
    }

    mutating func choice(_ table: TOMLTable?, _ key: String, _ choices: [String]) -> String? {
        guard let value = string(table, key) else { return nil }
        guard choices.contains(value) else {
            problems.append((table?[key]?.position, "'\(key)' must be one of: \(choices.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    mutating func refuseUnknown(_ table: TOMLTable?, known: [String]) {
        guard let table else { return }
        for key in table.keys where !known.contains(key) {
            problems.append(
                (table[key]?.position, "unknown setting '\(key)' (known: \(known.joined(separator: ", ")))"))
        }
    }
}

/// TOML string writing for generated files.
enum PorchTOML {
    static func appendBasicString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
