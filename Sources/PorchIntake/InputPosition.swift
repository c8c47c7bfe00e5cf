/// Where in stdin a post (or a failure) came from, for messages that name it.
public enum InputPosition: Sendable, Equatable, CustomStringConvertible {
    /// All of stdin (formats `text` and `email`).
    case whole
    /// A 1-based physical line of a JSON Lines stream, blank lines included in the count.
    case line(Int)
    /// A 1-based message of an mbox stream.
    case message(Int)

    public var description: String {
        switch self {
        case .whole: return "stdin"
        case .line(let number): return "line \(number)"
        case .message(let number): return "message \(number)"
        }
    }
}
