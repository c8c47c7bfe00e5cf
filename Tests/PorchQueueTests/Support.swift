import Foundation
import PorchModel
import PorchQueue

/// A private temporary folder (0700) removed when the value goes away.
final class Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("porch-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var databasePath: String { folder.appendingPathComponent("queue.sqlite").path }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func openQueue(busyTimeout: Double = 5) throws -> Queue {
        try Queue(path: databasePath, options: Queue.Options(busyTimeout: busyTimeout))
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
