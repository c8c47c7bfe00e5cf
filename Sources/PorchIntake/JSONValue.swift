/// A parsed JSON value, kept only for the few fields intake reads; numbers stay as written.
enum JSONValue: Equatable, Sendable {
    case string(String)
    /// The number's text exactly as it appeared, so large ids keep every digit.
    case number(String)
    case bool(Bool)
    case null
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The last member with this key (JSON objects with repeated keys keep the last, as most parsers do).
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }
}
