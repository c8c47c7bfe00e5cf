import Foundation
import PorchScreening

/// Results written by index from several threads (one writer per index), read in order afterwards:
/// how `scan`, `scrub` and `submit` keep input order while screening on every core.
public final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    public var values: [Value] { storage.map { $0! } }
}

public extension Slots {
    /// Runs `work` over `0..<count` in contiguous chunks of at most `Screener.batchSize`, spread over every core
    /// (each thread with its own session of `screener`), and returns the results in order. `work` returns one value
    /// per index.
    public static func inChunks(
        count: Int, screener: Screener, _ work: @Sendable (Range<Int>, Screener.Session) -> [Value]
    ) -> [Value] {
        guard count > 0 else { return [] }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let size = max(1, min(Screener.batchSize, (count + cores - 1) / cores))
        let chunks = stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
        let results = Slots<[Value]>(count: chunks.count)
        let workers = min(cores, chunks.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let session = screener.session()
            for chunk in stride(from: worker, to: chunks.count, by: workers) {
                results[chunk] = work(chunks[chunk], session)
            }
        }
        return results.values.flatMap { $0 }
    }
}
