/// A line and column (both from 1; the column counts Unicode scalars) in a source file.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A TOML value together with where it was written.
public struct TOMLNode: Sendable {
    public let value: TOMLValue
    public let position: SourcePosition
}

/// A TOML local date (`2026-11-24`), the only date form rule files use.
public struct TOMLDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: TOMLDate, rhs: TOMLDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A parsed TOML value.
public indirect enum TOMLValue: Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case date(TOMLDate)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML type name, for messages.
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number"
        case .boolean: return "true or false"
        case .date: return "a date"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

/// A TOML table: keys in the order they were written, each with its value and position.
public struct TOMLTable: Sendable {
    /// Where the table starts (its header, or the start of the file for the root table).
    public let position: SourcePosition
    /// Keys in the order they were written.
    public let keys: [String]
    private let entries: [String: TOMLNode]

    init(position: SourcePosition, keys: [String], entries: [String: TOMLNode]) {
        self.position = position
        self.keys = keys
        self.entries = entries
    }

    public subscript(key: String) -> TOMLNode? { entries[key] }
}

/// Why a TOML file could not be read, and where.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    public let position: SourcePosition
    public let message: String

    public var description: String { "\(position): \(message)" }
}
