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
        // Split on bytes: a model has tens of thousands of lines, and every command that screens reads it.
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func problem(_ message: String) {
                problems.append(
                    RuleDiagnostic(
                        .error, file: "model/\(name)", position: SourcePosition(line: lineNumber, column: 1), message))
            }
            guard let columnNames = columns else {
                if let equals = line.firstIndex(of: "="), !line.contains("\t") {
                    let key = String(line[..<equals].trimmingSpaces)
                    settings[key] = String(line[line.index(after: equals)...].trimmingSpaces)
                } else {
                    let names = line.split(separator: "\t").map(String.init)
                    if names.count < 2 || names[0] != "feature" && names[0] != "word" {
                        problem("expected the column line (feature<TAB>weight…); rebuild it with its script")
                        break
                    }
                    columns = Array(names.dropFirst())
                }
                continue
            }
            let fields = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                Substring($0)
            }
            let numbers = fields.dropFirst().compactMap { Double($0) }
            guard fields.count == columnNames.count + 1, numbers.count == columnNames.count,
                numbers.allSatisfy(\.isFinite)
            else {
                problem("expected a feature and \(columnNames.count) number(s) separated by tabs")
                continue
            }
            names.append(String(fields[0]))
            weights += numbers
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
