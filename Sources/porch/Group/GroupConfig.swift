import Foundation
import PorchQueue
import PorchPipeline
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
    /// The PostgreSQL database the queue is kept in (`postgres://USER@HOST:PORT/DB`), or nil for the SQLite file in
    /// the data folder. `PORCH_DATABASE_URL` overrides it.
    var database: String?

    static let defaultRejectReasons = [
        "off topic for this group", "identifying details that cannot be scrubbed", "duplicate post",
        "advertising or spam",
    ]

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
        let queue = reader.table(root, "queue")
        reader.refuseUnknown(root, known: ["group", "feed", "intake", "hooks", "review", "queue"])

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
        config.database = reader.string(queue, "database").flatMap { $0.isEmpty ? nil : $0 }
        if let database = config.database, let problem = GroupConfig.problem(withDatabase: database) {
            reader.problems.append((queue?.position, problem))
        }
        reader.refuseUnknown(review, known: ["reject_reasons"])
        reader.refuseUnknown(queue, known: ["database"])
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

    /// Why `url` cannot be the queue's database, or nil. A password is never kept in `porch.toml`.
    static func problem(withDatabase url: String) -> String? {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            return "[queue] database must be a postgres:// URL (leave it out for the SQLite file in data/)"
        }
        return PostgresStore.problem(withURL: url).map { "[queue] database: " + $0 }
    }
}
