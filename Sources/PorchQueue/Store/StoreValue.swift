/// A value bound to a statement or read from a row, in the types both stores share.
///
/// Times are Unix seconds (`real`), flags are 0 or 1 (`integer`), lists are encoded text: the queue's schema
/// uses nothing else, so the same statement runs on SQLite and PostgreSQL.
public enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

extension StoreValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// Something a statement can take as a parameter.
public protocol StoreBindable {
    var storeValue: StoreValue { get }
}

extension String: StoreBindable { public var storeValue: StoreValue { .text(self) } }
extension Int64: StoreBindable { public var storeValue: StoreValue { .integer(self) } }
extension Int: StoreBindable { public var storeValue: StoreValue { .integer(Int64(self)) } }
extension Double: StoreBindable { public var storeValue: StoreValue { .real(self) } }
extension Bool: StoreBindable { public var storeValue: StoreValue { .integer(self ? 1 : 0) } }
extension StoreValue: StoreBindable { public var storeValue: StoreValue { self } }
extension Optional: StoreBindable where Wrapped: StoreBindable {
    public var storeValue: StoreValue { self?.storeValue ?? .null }
}

/// One row of a result: columns by position (fast) or by name.
public struct StoreRow: Sendable {
    public let columns: [String]
    public let values: [StoreValue]

    public init(columns: [String], values: [StoreValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(index: Int) -> StoreValue { values[index] }

    public subscript(name: String) -> StoreValue {
        guard let index = columns.firstIndex(of: name) else { preconditionFailure("no column \(name)") }
        return values[index]
    }
}

extension StoreValue {
    public var text: String? {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .null: return nil
        }
    }

    public var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .real(let value): return Int64(exactly: value.rounded()) ?? nil
        case .text(let text): return Int64(text)
        case .null: return nil
        }
    }

    public var int: Int? { integer.map(Int.init) }

    public var real: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        case .text(let text): return Double(text)
        case .null: return nil
        }
    }

    public var bool: Bool? { integer.map { $0 != 0 } }
}
