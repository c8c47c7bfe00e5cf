/// A statement parameter, sent to the server in its text form.
public enum Value: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)

    /// The text form libpq sends, or nil for SQL NULL.
    var wireText: String? {
        switch self {
        case .null: return nil
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value):
            return value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
        case .boolean(let value): return value ? "t" : "f"
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension Value {
    public init(_ text: String?) { self = text.map(Value.text) ?? .null }
    public init(_ value: Int64?) { self = value.map(Value.integer) ?? .null }
    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: Double?) { self = value.map(Value.real) ?? .null }
    public init(_ value: Bool) { self = .boolean(value) }
}
