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
    /// The features, in file order.
    let names: [String]
    /// Each feature's weights, in column order: row r's weights start at r × columns.count.
    let weights: [Double]
    /// Feature hashes to rows.
    let table: FeatureTable

    public init(name: String, text: String) throws(RuleLoadError) {
        self.name = name
        var settings: [String: String] = [:]
        var columns: [String]?
        var names: [String] = []
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
                let read = WeightsFile.numbers(in: buffer, from: tab + 1, to: contentEnd)
                guard tab < contentEnd, let read, read.count == columnNames.count else {
                    problem("expected a feature and \(columnNames.count) number(s) separated by tabs")
                    continue
                }
                names.append(String(decoding: buffer[start..<tab], as: UTF8.self))
                weights += read
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
        self.names = names
        self.weights = weights
        table = FeatureTable(names.map(FNV.hash))
    }

    /// The tab-separated finite numbers in `buffer[from..<to]` (which a NUL follows somewhere), or nil when a field
    /// is empty or not wholly a number.
    private static func numbers(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> [Double]? {
        guard from <= to, let base = buffer.baseAddress else { return nil }
        var numbers: [Double] = []
        var cursor = from
        while true {
            // strtod would skip leading whitespace, and with it an empty field.
            guard cursor < to, buffer[cursor] != 0x20, buffer[cursor] != UInt8(ascii: "\t") else { return nil }
            let field = UnsafeRawPointer(base + cursor).assumingMemoryBound(to: CChar.self)
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(field, &stop)
            guard let stop else { return nil }
            let fieldEnd = cursor + (UnsafeRawPointer(stop) - UnsafeRawPointer(field))
            guard fieldEnd > cursor, fieldEnd <= to, value.isFinite else { return nil }
            numbers.append(value)
            if fieldEnd == to { return numbers }
            guard buffer[fieldEnd] == UInt8(ascii: "\t") else { return nil }
            cursor = fieldEnd + 1
        }
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
    public var count: Int { names.count }

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
                    found.append(FeatureWeight(feature: file.names[row], weight: weight, contribution: weight * value))
                }
            }
        }
        found.sort { ($0.contribution, $1.feature) > ($1.contribution, $0.feature) }
        return Array(found.prefix(count))
    }
}
