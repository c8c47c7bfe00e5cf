import Foundation
import PorchModel
import PorchQueue
import PostgreSQL

/// The store these tests run against: SQLite, or with `PORCH_TEST_STORE=postgres` the PostgreSQL server at
/// `PORCH_TEST_POSTGRES_URL`. The suite is the store contract's conformance suite: `make test` runs it on both.
enum TestStore: Equatable {
    case sqlite
    case postgres(url: String)

    static let current: TestStore = {
        let environment = ProcessInfo.processInfo.environment
        guard environment["PORCH_TEST_STORE"] == "postgres" else { return .sqlite }
        guard let url = environment["PORCH_TEST_POSTGRES_URL"] else {
            fatalError("PORCH_TEST_STORE=postgres needs PORCH_TEST_POSTGRES_URL (scripts/postgres-cluster.sh start)")
        }
        return .postgres(url: url)
    }()

    /// For tests of the SQLite file itself (pragmas, permissions, the journal).
    static var isSQLite: Bool { current == .sqlite }
}

/// A private temporary folder (0700) and, on PostgreSQL, a group schema of its own; both removed when the value
/// goes away.
final class Scratch {
    let folder: URL
    let group = "test-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("porch-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
        if case .postgres(let url) = TestStore.current, let connection = try? Connection(url: url) {
            let schema = PostgresStore.schemaName(forGroup: group)
            _ = try? connection.execute("DROP SCHEMA IF EXISTS " + Connection.quotedIdentifier(schema) + " CASCADE")
        }
    }

    var databasePath: String { folder.appendingPathComponent("queue.sqlite").path }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func openQueue(busyTimeout: Double = 5) throws -> Queue {
        try Scratch.open(path: databasePath, group: group, busyTimeout: busyTimeout)
    }

    /// Opens this scratch queue again, from any thread (another process's connection, as far as the store knows).
    var opener: @Sendable () throws -> Queue {
        let (path, group) = (databasePath, group)
        return { try Scratch.open(path: path, group: group, busyTimeout: 5) }
    }

    static func open(path databasePath: String, group: String, busyTimeout: Double) throws -> Queue {
        switch TestStore.current {
        case .sqlite:
            return try Queue(path: databasePath, options: Queue.Options(busyTimeout: busyTimeout))
        case .postgres(let url):
            return Queue(
                store: try PostgresStore(
                    url: url, group: group, keyFingerprint: nil, options: PostgresStore.Options(retrySeconds: 5)))
        }
    }
}

/// Builds a screening whose original text is `before + secret + after` and whose scrubbed text replaces
/// `secret` with `placeholder`, with the offsets a real scrubber would report.
func screening(
    before: String, secret: String, after: String, placeholder: String = "[name 1]", rule: String = "pii.name",
    type: String = "NAME", level: CrisisLevel = .none, categories: [String] = [], held: String? = nil
) -> Screening {
    let start = before.unicodeScalars.count
    let redaction = StoredRedaction(
        rule: rule, type: type, start: start, end: start + secret.unicodeScalars.count, placeholder: placeholder,
        outputStart: start, outputEnd: start + placeholder.unicodeScalars.count)
    return Screening(
        scrubbedText: before + placeholder + after, originalText: before + secret + after, redactions: [redaction],
        crisisLevel: level, crisisCategories: categories, spamVerdict: .ham, spamScore: 0.5,
        verdictJSON: #"{"level":"\#(level)"}"#, heldReason: held)
}

/// A plain post with no redactions; `text` is both original and scrubbed.
func plainPost(
    _ text: String, level: CrisisLevel = .none, received: Date = Date(timeIntervalSince1970: 1_700_000_000),
    held: String? = nil, author: String = "author-pseudonym"
) -> NewPost {
    NewPost(
        externalID: nil,
        screening: Screening(
            scrubbedText: text, originalText: text, crisisLevel: level,
            crisisCategories: level == .none ? [] : ["suicide"], heldReason: held),
        pseudonym: author, alias: "Quiet Heron 42", receivedAt: received, sourceFormat: "text",
        contentHash: "hash-\(author)-\(text)")
}

func post(_ screening: Screening, hash: String, received: Date = Date(timeIntervalSince1970: 1_700_000_000))
    -> NewPost
{
    NewPost(
        externalID: "ext-\(hash)", screening: screening, pseudonym: "p", alias: "Calm Otter 7", receivedAt: received,
        sourceFormat: "jsonl", contentHash: hash)
}

/// Submits one post and returns its id.
func submitOne(_ queue: Queue, _ post: NewPost) throws -> Int64 {
    let outcomes = try queue.submit([post], actor: "intake")
    guard case .stored(let id, _) = outcomes.first else {
        throw TestFailure("expected the post to be stored, got \(outcomes)")
    }
    return id
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// True when the raw bytes of the file at `path` contain `needle` (as UTF-8).
func fileContains(_ path: String, _ needle: String) throws -> Bool {
    guard FileManager.default.fileExists(atPath: path) else { return false }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.range(of: Data(needle.utf8)) != nil
}

func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
