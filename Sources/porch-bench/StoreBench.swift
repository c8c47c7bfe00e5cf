import Dispatch
import Foundation
import PorchQueue
import PostgreSQL

/// The queue store alone, without screening: already-screened posts written as `porch submit` writes them (one
/// transaction per batch of 500), by one writer and by several at once, each writer with its own connection. Into a
/// fresh SQLite file, and with `--database URL` into a fresh schema on that PostgreSQL server (dropped afterwards).
///
/// Screening costs far more than storing (a 2-core machine screens about 2,400 posts/s), so `porch submit`'s
/// posts/s says little about the store; this measures the store's own ceiling.
enum StoreBench {
    static let batchSize = 500

    static func run(texts: [String], postsPerWriter: Int, writerCounts: [Int], database: String?) {
        let key = SecretKey.generate()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "porch-store-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(
            at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }

        for writers in writerCounts {
            let path = scratch.appendingPathComponent("queue-\(writers).sqlite").path
            let time = measure(texts: texts, postsPerWriter: postsPerWriter, writers: writers) {
                try Queue(path: path)
            }
            report("SQLite file", writers: writers, postsPerWriter: postsPerWriter, time: time)
        }
        guard let database else { return }
        for writers in writerCounts {
            let group = "store bench \(ProcessInfo.processInfo.processIdentifier) \(writers)"
            defer { drop(group: group, database: database) }
            let time = measure(texts: texts, postsPerWriter: postsPerWriter, writers: writers) {
                Queue(store: try PostgresStore(url: database, group: group, keyFingerprint: key.fingerprint))
            }
            report("PostgreSQL", writers: writers, postsPerWriter: postsPerWriter, time: time)
        }
    }

    /// Seconds for `writers` threads to store `postsPerWriter` posts each, every post different; nil on an error.
    private static func measure(
        texts: [String], postsPerWriter: Int, writers: Int, open: @escaping @Sendable () throws -> Queue
    ) -> Double? {
        do {
            _ = try open()  // creates the file or schema before the clock starts
        } catch {
            print("  could not open the queue: \(error)")
            return nil
        }
        let failures = Failures()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let queue = try open()
                var index = 0
                while index < postsPerWriter {
                    let end = min(index + batchSize, postsPerWriter)
                    let batch = (index..<end).map {
                        post(texts[($0 + writer) % texts.count], writer: writer, index: $0)
                    }
                    _ = try queue.submit(batch, actor: "bench")
                    index = end
                }
            } catch {
                failures.add("\(error)")
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let first = failures.first {
            print("  a writer failed: \(first)")
            return nil
        }
        return seconds
    }

    private static func post(_ text: String, writer: Int, index: Int) -> NewPost {
        NewPost(
            externalID: "w\(writer)-\(index)",
            screening: Screening(scrubbedText: text, originalText: text, spamWords: ["bench"]),
            pseudonym: "member-\(index % 500)", alias: "Quiet Heron \(index % 500)", receivedAt: Date(),
            sourceFormat: "jsonl", contentHash: "bench-\(writer)-\(index)")
    }

    private static func report(_ store: String, writers: Int, postsPerWriter: Int, time: Double?) {
        guard let time else { return }
        let total = Double(writers * postsPerWriter)
        print(
            String(
                format: "queue store, %-11@ %d writer%@  %8.0f posts/s per writer  %8.0f posts/s in all",
                store as NSString, writers, writers == 1 ? " " : "s", Double(postsPerWriter) / time, total / time))
    }

    private static func drop(group: String, database: String) {
        let schema = Connection.quotedIdentifier(PostgresStore.schemaName(forGroup: group))
        _ = try? Connection(url: database).execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    /// Errors from the writer threads.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.withLock { messages.append(message) } }
        var first: String? { lock.withLock { messages.first } }
    }
}
