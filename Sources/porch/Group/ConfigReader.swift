import Foundation
import PorchRules

/// Typed reads from porch.toml tables, collecting the first problems with positions.
struct ConfigReader {
    let file: String
    var problems: [(SourcePosition?, String)] = []

    mutating func table(_ root: TOMLTable, _ key: String) -> TOMLTable? {
        guard let node = root[key] else { return nil }
        guard case .table(let table) = node.value else {
            problems.append((node.position, "'\(key)' must be a [\(key)] section"))
            return nil
        }
        return table
    }

    mutating func string(_ table: TOMLTable?, _ key: String) -> String? {
        guard let node = table?[key] else { return nil }
        guard case .string(let value) = node.value else {
            problems.append((node.position, "'\(key)' must be a string in quotes"))
            return nil
        }
        return value
    }

    mutating func stringList(_ table: TOMLTable?, _ key: String) -> [String]? {
        guard let node = table?[key] else { return nil }
        guard case .array(let elements) = node.value else {
            problems.append(
                (
                    node.position,
                    "'\(key)' must be a list of strings, like [\"Galway\"] or [\"off topic\", \"duplicate\"]"
                ))
            return nil
        }
        var values: [String] = []
        for element in elements {
            guard case .string(let value) = element.value,
                !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else {
                problems.append((element.position, "each of '\(key)' must be a string with some text"))
                return nil
            }
            values.append(value)
        }
        return values
    }

    mutating func integer(_ table: TOMLTable?, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard let node = table?[key] else { return nil }
        guard case .integer(let value) = node.value, range.contains(value) else {
            problems.append(
                (node.position, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    mutating func boolean(_ table: TOMLTable?, _ key: String) -> Bool? {
        guard let node = table?[key] else { return nil }
        guard case .boolean(let value) = node.value else {
            problems.append((node.position, "'\(key)' must be true or false"))
            return nil
        }
        return value
    }

    mutating func choice(_ table: TOMLTable?, _ key: String, _ choices: [String]) -> String? {
        guard let value = string(table, key) else { return nil }
        guard choices.contains(value) else {
            problems.append((table?[key]?.position, "'\(key)' must be one of: \(choices.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    mutating func refuseUnknown(_ table: TOMLTable?, known: [String]) {
        guard let table else { return }
        for key in table.keys where !known.contains(key) {
            problems.append(
                (table[key]?.position, "unknown setting '\(key)' (known: \(known.joined(separator: ", ")))"))
        }
    }
}

/// TOML string writing for generated files.
enum PorchTOML {
    static func appendBasicString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
