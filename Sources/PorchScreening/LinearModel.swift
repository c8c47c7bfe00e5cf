import Foundation
import PorchRules

/// A learned weights file (`Rules/model/*.tsv`) read into memory: its settings and, per feature, one weight for
/// each of its models.
///
/// The file has `#` comment lines, `key = value` settings, then a tab-separated table whose first line names
/// the columns (`feature`, then one column per model) and whose other lines hold a feature and its weights.
public struct WeightsFile: Sendable {
    public let name: String
    public let settings: [String: String]
    /// The model columns after `feature`, e.g. `crisis`, `concern`.
    public let columns: [String]
    /// The features' names, in file order: their UTF-8 end to end, and where each ends (`name(_:)` reads one).
    /// Kept as bytes: a model has tens of thousands of features, and a name is only read to explain a verdict.
    let nameBytes: [UInt8]
    let nameEnds: [Int32]
    /// Each feature's weights, in column order: row r's weights start at r × columns.count.
    let weights: [Double]
    /// Feature hashes to rows.
    let table: FeatureTable

    public init(name: String, text: String) throws(RuleLoadError) {
        self.name = name
        var settings: [String: String] = [:]
        var columns: [String]?
        var nameBytes: [UInt8] = []
        var nameEnds: [Int32] = []
        var hashes: [UInt64] = []
        var weights: [Double] = []
        var problems: [RuleDiagnostic] = []
        var lineNumber = 0
        // Read as bytes, numbers by strtod where they stand: a model has tens of thousands of lines, and every
        // command that screens reads one or two.
        var bytes = Array(text.utf8)
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            let end = buffer.count - 1
            var start = 0
            while start <= end {
                var lineEnd = start
                while lineEnd < end && buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                lineNumber += 1
                defer { start = lineEnd + 1 }
                var contentEnd = lineEnd
                if contentEnd > start && buffer[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                if contentEnd == start || buffer[start] == UInt8(ascii: "#") { continue }
                func problem(_ message: String) {
                    problems.append(
                        RuleDiagnostic(
                            .error, file: "model/\(name)", position: SourcePosition(line: lineNumber, column: 1),
                            message))
                }
                guard let columnNames = columns else {
                    let line = Substring(String(decoding: buffer[start..<contentEnd], as: UTF8.self))
                    if let equals = line.firstIndex(of: "="), !line.contains("\t") {
                        let key = String(line[..<equals].trimmingSpaces)
                        settings[key] = String(line[line.index(after: equals)...].trimmingSpaces)
                    } else {
                        let names = line.split(separator: "\t").map(String.init)
                        if names.count < 2 || names[0] != "feature" && names[0] != "word" {
                            problem("expected the column line (feature<TAB>weight…); rebuild it with its script")
                            return
                        }
                        columns = Array(names.dropFirst())
                    }
                    continue
                }
                var tab = start
                while tab < contentEnd && buffer[tab] != UInt8(ascii: "\t") { tab += 1 }
                let before = weights.count
                guard tab < contentEnd, WeightsFile.numbers(in: buffer, from: tab + 1, to: contentEnd, into: &weights),
                    weights.count - before == columnNames.count
                else {
                    weights.removeSubrange(before...)
                    problem("expected a feature and \(columnNames.count) number(s) separated by tabs")
                    continue
                }
                let name = UnsafeBufferPointer(rebasing: buffer[start..<tab])
                nameBytes += name
                nameEnds.append(Int32(truncatingIfNeeded: nameBytes.count))
                hashes.append(FNV.key(name.reduce(FNV.basis, FNV.feed)))
            }
        }
        if columns == nil && problems.isEmpty {
            problems.append(
                RuleDiagnostic(
                    .error, file: "model/\(name)", position: nil,
                    "has no column line (feature<TAB>weight…); rebuild it with its script under scripts/"))
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        self.settings = settings
        self.columns = columns ?? []
        self.nameBytes = nameBytes
        self.nameEnds = nameEnds
        self.weights = weights
        table = FeatureTable(hashes)
    }

    /// Appends the tab-separated finite numbers in `buffer[from..<to]` (which a NUL follows somewhere) to
    /// `numbers`; false when a field is empty or not wholly a number.
    private static func numbers(
        in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into numbers: inout [Double]
    ) -> Bool {
        guard from <= to, let base = buffer.baseAddress else { return false }
        var cursor = from
        while true {
            // strtod would skip leading whitespace, and with it an empty field.
            guard cursor < to, buffer[cursor] != 0x20, buffer[cursor] != UInt8(ascii: "\t") else { return false }
            let value: Double
            let fieldEnd: Int
            if let (decimal, end) = plainDecimal(in: buffer, from: cursor, to: to) {
                (value, fieldEnd) = (decimal, end)
            } else {
                let field = UnsafeRawPointer(base + cursor).assumingMemoryBound(to: CChar.self)
                var stop: UnsafeMutablePointer<CChar>?
                value = strtod(field, &stop)
                guard let stop else { return false }
                fieldEnd = cursor + (UnsafeRawPointer(stop) - UnsafeRawPointer(field))
            }
            guard fieldEnd > cursor, fieldEnd <= to, value.isFinite else { return false }
            numbers.append(value)
            if fieldEnd == to { return true }
            guard buffer[fieldEnd] == UInt8(ascii: "\t") else { return false }
            cursor = fieldEnd + 1
        }
    }

    /// The number written plainly at `from` (`-0.0123`: a sign, at most 15 digits, a point) and where it ends, as
    /// strtod reads it; nil for any other form, which strtod then reads. Such a number is its digits (exact in a
    /// Double) divided by a power of ten (exact up to 10^22), and one division of exact numbers rounds correctly:
    /// the same Double strtod gives, at a fraction of the cost over the tens of thousands of weights in a model.
    static func plainDecimal(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (Double, Int)? {
        var cursor = from
        let negative = cursor < to && buffer[cursor] == UInt8(ascii: "-")
        if negative { cursor += 1 }
        var digits: UInt64 = 0
        var count = 0
        var scale = -1
        while cursor < to {
            let byte = buffer[cursor]
            if byte &- UInt8(ascii: "0") < 10 {
                digits = digits * 10 + UInt64(byte &- UInt8(ascii: "0"))
                count += 1
                if scale >= 0 { scale += 1 }
            } else if byte == UInt8(ascii: "."), scale < 0 {
                scale = 0
            } else if byte == UInt8(ascii: "\t") {
                break
            } else {
                return nil
            }
            cursor += 1
        }
        guard count > 0, count <= 15, scale != 0 else { return nil }
        let magnitude = Double(digits) / WeightsFile.powersOfTen[max(scale, 0)]
        return (negative ? -magnitude : magnitude, cursor)
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// A setting read as a number, or an error naming the file and the key.
    public func number(_ key: String) throws(RuleLoadError) -> Double {
        guard let text = settings[key], let value = Double(text), value.isFinite else {
            throw RuleLoadError([
                RuleDiagnostic(
                    .error, file: "model/\(name)", position: nil,
                    "needs the setting `\(key) = <number>`; rebuild it with its script under scripts/")
            ])
        }
        return value
    }

    /// The position of a model column, or an error naming the file and the column.
    public func column(_ name: String) throws(RuleLoadError) -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw RuleLoadError([
                RuleDiagnostic(
                    .error, file: "model/\(self.name)", position: nil,
                    "has no `\(name)` column; rebuild it with its script under scripts/")
            ])
        }
        return index
    }

    /// How many features have weights.
    public var count: Int { nameEnds.count }

    /// The name of the feature in `row`.
    func name(_ row: Int) -> String {
        let start = row == 0 ? 0 : Int(nameEnds[row - 1])
        return String(decoding: nameBytes[start..<Int(nameEnds[row])], as: UTF8.self)
    }

    /// The weights of one feature, if the file has it.
    public func weights(of feature: String) -> [Double]? {
        guard let row = table.row(FNV.hash(feature)) else { return nil }
        return Array(weights[(row * columns.count)..<((row + 1) * columns.count)])
    }
}

/// One feature's part in a model's score: its weight times its value in the post.
public struct FeatureWeight: Sendable, Hashable {
    /// The feature as the weights file names it: `w:` a word or pair, `c:` a slice of a word.
    public let feature: String
    /// The weight in the file.
    public let weight: Double
    /// What it added to the score in this post (weight × value).
    public let contribution: Double
}

/// One logistic regression of a weights file: a bias, a column of weights, the features that weighed most.
public struct LinearModel: Sendable {
    public let file: WeightsFile
    public let column: Int
    public let bias: Double

    public init(file: WeightsFile, column name: String) throws(RuleLoadError) {
        self.file = file
        column = try file.column(name)
        bias = try file.number("bias.\(name)")
    }

    /// The probability the model gives a post with these features.
    public func probability(_ features: HashedFeatures) -> Double {
        let stride = file.columns.count
        var words = 0.0
        for key in features.words {
            if let row = file.table.row(key) { words += file.weights[row * stride + column] }
        }
        var chars = 0.0
        for key in features.chars {
            if let row = file.table.row(key) { chars += file.weights[row * stride + column] }
        }
        let score = bias + words * features.wordValue + chars * features.charValue
        return 1 / (1 + Foundation.exp(-score))
    }

    /// The features that pushed the score up most, largest first.
    public func strongest(_ features: HashedFeatures, count: Int) -> [FeatureWeight] {
        let stride = file.columns.count
        var found: [FeatureWeight] = []
        for (keys, value) in [(features.words, features.wordValue), (features.chars, features.charValue)] {
            for key in keys {
                guard let row = file.table.row(key) else { continue }
                let weight = file.weights[row * stride + column]
                if weight > 0 {
                    found.append(FeatureWeight(feature: file.name(row), weight: weight, contribution: weight * value))
                }
            }
        }
        found.sort { ($0.contribution, $1.feature) > ($1.contribution, $0.feature) }
        return Array(found.prefix(count))
    }
}
