import Foundation

/// Results written by index from several threads (one writer per index), read in order afterwards:
/// how `scan`, `scrub` and `submit` keep input order while screening on every core.
final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { storage.map { $0! } }
}
