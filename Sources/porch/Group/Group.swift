import Foundation
import PorchFeed
import PorchQueue
import PorchRules
import PorchScreening

/// A group on disk: its folder, `porch.toml`, owner-only data folder (queue and secret key) and feed paths.
struct Group {
    static let configName = "porch.toml"
    static let dataFolderName = "data"

    let root: URL
    let config: GroupConfig

    var configPath: String { root.appendingPathComponent(Group.configName).path }
    var dataFolder: String { root.appendingPathComponent(Group.dataFolderName).path }
    var queuePath: String { dataFolder + "/queue.sqlite" }
    var keyPath: String { dataFolder + "/secret.key" }
    var rulesFolder: String { resolve(config.rulesPath) }
    var atomPath: String { resolve(config.atomPath) }
    var jsonPath: String { resolve(config.jsonPath) }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
    }

    /// The group named by `--dir`, else `$PORCH_DIR`, else the nearest folder upwards holding `porch.toml`.
    static func locate(dir: String?) throws(GroupError) -> Group {
        let fileManager = FileManager.default
        if let explicit = dir ?? ProcessInfo.processInfo.environment["PORCH_DIR"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let url = URL(fileURLWithPath: explicit, relativeTo: URL(fileURLWithPath: fileManager.currentDirectoryPath))
                .standardizedFileURL
            guard fileManager.fileExists(atPath: url.appendingPathComponent(configName).path) else {
                throw .notFound(searchedFrom: url.path)
            }
            return try load(url)
        }
        var folder = URL(fileURLWithPath: fileManager.currentDirectoryPath).standardizedFileURL
        while true {
            if fileManager.fileExists(atPath: folder.appendingPathComponent(configName).path) {
                return try load(folder)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw .notFound(searchedFrom: fileManager.currentDirectoryPath)
    }

    static func load(_ root: URL) throws(GroupError) -> Group {
        let path = root.appendingPathComponent(configName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .fileAccess(path: path, operation: "read", reason: "check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidConfig(file: path, position: nil, message: "not valid UTF-8; save it as UTF-8")
        }
        return Group(root: root, config: try GroupConfig.parse(text, file: path))
    }

    /// Creates what is missing of a group in `root`; what exists is kept, so running it twice does no harm.
    /// Returns the group and the paths it created.
    static func create(
        at root: URL, name: String, region: String, rulesSource: String, database: String? = nil
    ) throws -> (Group, [String]) {
        let fileManager = FileManager.default
        var created: [String] = []
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        let configPath = root.appendingPathComponent(configName).path
        if !fileManager.fileExists(atPath: configPath) {
            var feedID = FeedID.mint()
            if let url = Group.databaseURL(configured: database) {
                // Every host of a shared group publishes the same feed: the first host's id, recorded on the server.
                if let problem = GroupConfig.problem(withDatabase: url) { throw QueueError.invalidArgument(problem) }
                feedID = try PostgresStore(url: url, group: name, keyFingerprint: nil)
                    .sharedSetting("feed_id", proposing: feedID)
            }
            var config = GroupConfig(name: name, feedTitle: name, feedID: feedID)
            config.region = region
            config.database = database
            try writeNewFile(config.rendered(), to: configPath, mode: 0o644)
            created.append(configName)
        }
        let group = try load(root)

        let data = group.dataFolder
        if !fileManager.fileExists(atPath: data) {
            guard mkdir(data, 0o700) == 0 else {
                throw GroupError.fileAccess(path: data, operation: "create", reason: String(cString: strerror(errno)))
            }
            created.append(dataFolderName + "/")
        }
        chmod(data, 0o700)
        if !fileManager.fileExists(atPath: group.keyPath) {
            try SecretKey.generate().save(to: group.keyPath)
            created.append(dataFolderName + "/secret.key")
        }
        if group.databaseURL != nil {
            // Creates the group's schema and tables on the server if this is the group's first host.
            _ = try group.openQueue()
        } else if !fileManager.fileExists(atPath: group.queuePath) {
            _ = try Queue(path: group.queuePath)
            created.append(dataFolderName + "/queue.sqlite")
        }
        if !fileManager.fileExists(atPath: group.rulesFolder) {
            try fileManager.copyItem(atPath: rulesSource, toPath: group.rulesFolder)
            created.append(group.config.rulesPath + "/")
        }
        for feedFile in [group.atomPath, group.jsonPath] {
            let folder = (feedFile as NSString).deletingLastPathComponent
            if !fileManager.fileExists(atPath: folder) {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                created.append(String(folder.dropFirst(root.path.count + 1)) + "/")
            }
        }
        return (group, created)
    }

    static func writeNewFile(_ text: String, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw GroupError.fileAccess(path: path, operation: "create", reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            throw GroupError.fileAccess(path: path, operation: "write", reason: String(cString: strerror(errno)))
        }
    }

    /// Refuses to run with a data folder other users can read.
    func requirePrivateData() throws(GroupError) {
        var info = stat()
        guard stat(dataFolder, &info) == 0 else {
            throw .fileAccess(
                path: dataFolder, operation: "open", reason: "it is missing; run `porch init` in \(root.path)")
        }
        let mode = UInt32(info.st_mode) & 0o777
        if mode & 0o077 != 0 { throw .insecure(path: dataFolder, mode: mode, fix: "chmod 700 \(dataFolder)") }
    }

    /// The PostgreSQL database the queue is kept in: `PORCH_DATABASE_URL`, else `[queue] database`; nil for SQLite.
    var databaseURL: String? { Group.databaseURL(configured: config.database) }

    /// `PORCH_DATABASE_URL` when set, else the URL `porch.toml` names (or `porch init --database` is writing).
    static func databaseURL(configured: String?) -> String? {
        if let url = ProcessInfo.processInfo.environment["PORCH_DATABASE_URL"], !url.isEmpty { return url }
        return configured
    }

    /// The database for messages: no password, no options.
    func databaseLocation(_ url: String) -> String {
        "\(PostgresStore.redacted(url)), schema \(PostgresStore.schemaName(forGroup: config.name))"
    }

    /// The group's queue: in PostgreSQL when a database URL is set (checked against this host's key), else the
    /// SQLite file in the data folder, which must exist (only `porch init` creates one).
    func openQueue() throws -> Queue {
        try requirePrivateData()
        if let url = databaseURL {
            if let problem = GroupConfig.problem(withDatabase: url) { throw QueueError.invalidArgument(problem) }
            return Queue(
                store: try PostgresStore(url: url, group: config.name, keyFingerprint: try loadKey().fingerprint))
        }
        return try Queue(path: queuePath, mustExist: true)
    }

    func loadKey() throws -> SecretKey {
        try requirePrivateData()
        return try SecretKey.load(from: keyPath)
    }
}
