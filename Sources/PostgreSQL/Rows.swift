/// The rows a statement returned, copied out of libpq's result in text form.
public struct Rows: Sendable {
    public let columns: [String]
    /// One array per row; nil is SQL NULL.
    public let values: [[String?]]
    /// How many rows an INSERT, UPDATE or DELETE touched (0 for other statements).
    public let affected: Int

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    public subscript(row: Int) -> Row { Row(columns: columns, values: values[row]) }

    /// The rows as ``Row`` values, in order.
    public var all: [Row] { values.map { Row(columns: columns, values: $0) } }
    public var first: Row? { values.first.map { Row(columns: columns, values: $0) } }
}

/// One row: columns by name or position, read as the type the caller expects.
public struct Row: Sendable {
    let columns: [String]
    let values: [String?]

    func index(of column: String) -> Int {
        guard let index = columns.firstIndex(of: column) else {
            preconditionFailure("no column \(column) in \(columns)")
        }
        return index
    }

    public func text(_ column: String) -> String? { values[index(of: column)] }
    public func text(at index: Int) -> String? { values[index] }
    public func integer(_ column: String) -> Int64? { text(column).flatMap { Int64($0) } }
    public func integer(at index: Int) -> Int64? { text(at: index).flatMap { Int64($0) } }
    public func real(_ column: String) -> Double? { text(column).flatMap { Double($0) } }
    public func boolean(_ column: String) -> Bool? { text(column).map { $0 == "t" || $0 == "true" } }
}
