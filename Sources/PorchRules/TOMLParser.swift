/// Reads TOML 1.0 documents (all of it but offset date-times and times, which rule files never need),
/// keeping the position of every value so rule errors can name `file:line:column`.
public enum TOMLParser {
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = Parser(text)
        return try parser.parseDocument()
    }
}

/// A table being built: a class so `[a.b]` headers can reach into tables made earlier.
private final class TableBuilder {
    let position: SourcePosition
    var keys: [String] = []
    var entries: [String: Entry] = [:]
    /// Made implicitly by a dotted header or key; may still be defined once by a header.
    var implicit: Bool
    /// Made by a header or inline table: closed to later headers with the same name.
    var defined = false
    var inline = false

    enum Entry {
        case value(TOMLNode)
        case table(TableBuilder)
        case tableArray([TableBuilder], SourcePosition)
    }

    init(position: SourcePosition, implicit: Bool) {
        self.position = position
        self.implicit = implicit
    }

    func set(_ key: String, _ entry: Entry) {
        if entries[key] == nil { keys.append(key) }
        entries[key] = entry
    }

    func build() -> TOMLTable {
        var nodes: [String: TOMLNode] = [:]
        for key in keys {
            switch entries[key]! {
            case .value(let node): nodes[key] = node
            case .table(let table): nodes[key] = TOMLNode(value: .table(table.build()), position: table.position)
            case .tableArray(let tables, let position):
                let items = tables.map { TOMLNode(value: .table($0.build()), position: $0.position) }
                nodes[key] = TOMLNode(value: .array(items), position: position)
            }
        }
        return TOMLTable(position: position, keys: keys, entries: nodes)
    }
}

private struct Parser {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var position: SourcePosition { SourcePosition(line: line, column: column) }
    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func advance() {
        guard let scalar = current else { return }
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    func fail(_ message: String, at position: SourcePosition? = nil) -> TOMLError {
        TOMLError(position: position ?? self.position, message: message)
    }

    func starts(with text: String) -> Bool {
        var offset = 0
        for scalar in text.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    mutating func skipSpaces() {
        while current == " " || current == "\t" { advance() }
    }

    /// Skips a comment and the line ending; anything else before the line ends is an error.
    mutating func endLine() throws(TOMLError) {
        skipSpaces()
        if current == "#" { try skipComment() }
        if current == "\r", peek(1) == "\n" { advance() }
        if current == "\n" {
            advance()
        } else if current != nil {
            throw fail("expected the end of the line, found '\(Character(current!))'")
        }
    }

    mutating func skipComment() throws(TOMLError) {
        while let scalar = current, scalar != "\n" {
            if isForbiddenControl(scalar) && scalar != "\r" {
                throw fail("control character U+\(String(scalar.value, radix: 16, uppercase: true)) in a comment")
            }
            advance()
        }
    }

    /// Skips blank lines, comments and whitespace (inside arrays, newlines are whitespace too).
    mutating func skipBlankAndComments() throws(TOMLError) {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\n" {
                advance()
            } else if scalar == "\r", peek(1) == "\n" {
                advance()
            } else if scalar == "#" {
                try skipComment()
            } else {
                return
            }
        }
    }

    func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    /// Appends the run of string content from here up to the first scalar that needs a closer look (`quote`, a
    /// backslash when `escapes`, a line end or a control character), in one step: rule files are mostly such
    /// runs, and appending them a scalar at a time was most of the parsing.
    mutating func appendPlainRun(into result: inout String, quote: Unicode.Scalar, escapes: Bool) {
        let start = index
        var end = index
        var ascii = true
        while end < scalars.count {
            let scalar = scalars[end]
            if scalar == quote || (escapes && scalar == "\\") || (scalar.value < 0x20 && scalar != "\t")
                || scalar.value == 0x7F
            {
                break
            }
            if scalar.value >= 0x80 { ascii = false }
            end += 1
        }
        guard end > start else { return }
        if ascii {
            result += String(unsafeUninitializedCapacity: end - start) { buffer in
                for offset in 0..<(end - start) {
                    buffer[offset] = UInt8(truncatingIfNeeded: scalars[start + offset].value)
                }
                return end - start
            }
        } else {
            // Appending scalars to a String one by one re-checks its storage each time; encoding the run first is
            // several times faster on rule files full of curly quotes and accented words.
            var bytes: [UInt8] = []
            bytes.reserveCapacity((end - start) * 3)
            for scalar in scalars[start..<end] { UTF8.encode(scalar) { bytes.append($0) } }
            result += String(decoding: bytes, as: UTF8.self)
        }
        column += end - start
        index = end
    }

    // MARK: Document structure

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        let root = TableBuilder(position: SourcePosition(line: 1, column: 1), implicit: false)
        var table = root
        if current == "\u{FEFF}" { advance() }
        while true {
            try skipBlankAndComments()
            guard let scalar = current else { break }
            if scalar == "[" {
                table = try parseHeader(root: root)
            } else {
                try parseKeyValue(into: table)
            }
            try endLine()
        }
        return root.build()
    }

    mutating func parseHeader(root: TableBuilder) throws(TOMLError) -> TableBuilder {
        let start = position
        advance()
        let isArray = current == "["
        if isArray { advance() }
        skipSpaces()
        let keyPath = try parseKey()
        skipSpaces()
        guard current == "]" else { throw fail("expected ']' to close the table header") }
        advance()
        if isArray {
            guard current == "]" else { throw fail("expected ']]' to close the array-of-tables header") }
            advance()
        }
        var table = root
        for (depth, key) in keyPath.enumerated() {
            let isLast = depth == keyPath.count - 1
            switch table.entries[key] {
            case nil:
                if isLast && isArray {
                    let element = TableBuilder(position: start, implicit: false)
                    element.defined = true
                    table.set(key, .tableArray([element], start))
                    return element
                }
                let child = TableBuilder(position: start, implicit: !isLast)
                if isLast { child.defined = true }
                table.set(key, .table(child))
                table = child
            case .table(let child):
                if child.inline { throw fail("table '\(key)' was written inline and cannot be extended", at: start) }
                if isLast {
                    if isArray { throw fail("'\(key)' is already a table, not an array of tables", at: start) }
                    if child.defined || !child.implicit {
                        throw fail("table '\(keyPath.joined(separator: "."))' is defined twice", at: start)
                    }
                    child.defined = true
                    child.implicit = false
                }
                table = child
            case .tableArray(let elements, let arrayPosition):
                if isLast {
                    guard isArray else {
                        throw fail("'\(key)' is an array of tables; write [[\(key)]] to add one", at: start)
                    }
                    let element = TableBuilder(position: start, implicit: false)
                    element.defined = true
                    table.set(key, .tableArray(elements + [element], arrayPosition))
                    return element
                }
                table = elements[elements.count - 1]
            case .value(let node):
                throw fail("'\(key)' already has a value (line \(node.position.line)) and cannot be a table", at: start)
            }
        }
        return table
    }

    mutating func parseKeyValue(into table: TableBuilder) throws(TOMLError) {
        let keyPosition = position
        let keyPath = try parseKey()
        skipSpaces()
        guard current == "=" else { throw fail("expected '=' after the key '\(keyPath.joined(separator: "."))'") }
        advance()
        skipSpaces()
        let value = try parseValue()
        try insert(value, at: keyPath, into: table, keyPosition: keyPosition)
    }

    func insert(
        _ value: TOMLNode, at keyPath: [String], into table: TableBuilder, keyPosition: SourcePosition
    ) throws(TOMLError) {
        var target = table
        for key in keyPath.dropLast() {
            switch target.entries[key] {
            case nil:
                let child = TableBuilder(position: keyPosition, implicit: true)
                target.set(key, .table(child))
                target = child
            case .table(let child) where child.implicit || !child.defined:
                if child.inline {
                    throw fail("table '\(key)' was written inline and cannot be extended", at: keyPosition)
                }
                target = child
            default:
                throw fail("'\(key)' already has a value and cannot hold the key '\(keyPath.last!)'", at: keyPosition)
            }
        }
        let last = keyPath.last!
        if let existing = target.entries[last] {
            let line: Int
            switch existing {
            case .value(let node): line = node.position.line
            case .table(let child): line = child.position.line
            case .tableArray(_, let position): line = position.line
            }
            throw fail(
                "the key '\(keyPath.joined(separator: "."))' is set twice (first on line \(line))", at: keyPosition)
        }
        if case .table(let inline) = value.value {
            let builder = TableBuilder(position: value.position, implicit: false)
            builder.defined = true
            builder.inline = true
            for key in inline.keys { builder.set(key, .value(inline[key]!)) }
            target.set(last, .table(builder))
        } else {
            target.set(last, .value(value))
        }
    }

    mutating func parseKey() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(try parseSimpleKey())
            skipSpaces()
            guard current == "." else { return parts }
            advance()
        }
    }

    mutating func parseSimpleKey() throws(TOMLError) -> String {
        if current == "\"" { return try parseBasicString() }
        if current == "'" { return try parseLiteralString() }
        var key = ""
        while let scalar = current, isBareKeyScalar(scalar) {
            key.unicodeScalars.append(scalar)
            advance()
        }
        guard !key.isEmpty else {
            if let scalar = current { throw fail("expected a key, found '\(Character(scalar))'") }
            throw fail("expected a key, found the end of the file")
        }
        return key
    }

    func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    // MARK: Values

    mutating func parseValue() throws(TOMLError) -> TOMLNode {
        let start = position
        guard let scalar = current else { throw fail("expected a value, found the end of the file") }
        let value: TOMLValue
        switch scalar {
        case "\"":
            value = .string(starts(with: "\"\"\"") ? try parseMultilineBasicString() : try parseBasicString())
        case "'":
            value = .string(starts(with: "'''") ? try parseMultilineLiteralString() : try parseLiteralString())
        case "[": value = try parseArray()
        case "{": value = try parseInlineTable()
        case "t", "f": value = try parseBoolean()
        default: value = try parseNumberOrDate()
        }
        return TOMLNode(value: value, position: start)
    }

    mutating func parseBoolean() throws(TOMLError) -> TOMLValue {
        if starts(with: "true") {
            for _ in 0..<4 { advance() }
            return .boolean(true)
        }
        if starts(with: "false") {
            for _ in 0..<5 { advance() }
            return .boolean(false)
        }
        throw fail("expected a value; strings need quotes: '...' (literal, best for patterns) or \"...\"")
    }

    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = position
        advance()
        var result = ""
        while true {
            appendPlainRun(into: &result, quote: "\"", escapes: true)
            guard let scalar = current, scalar != "\n" else {
                throw fail("this string is not closed: add a '\"' before the end of the line", at: start)
            }
            let scalarPosition = position
            advance()
            if scalar == "\"" { return result }
            if scalar == "\\" {
                try parseEscape(into: &result, at: scalarPosition)
            } else if isForbiddenControl(scalar) {
                throw fail("control character in a string: write it as an escape such as \\t or \\u0007")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }

    mutating func parseEscape(into result: inout String, at escapePosition: SourcePosition) throws(TOMLError) {
        guard let scalar = current else { throw fail("the file ends inside an escape") }
        advance()
        switch scalar {
        case "b": result.unicodeScalars.append("\u{08}")
        case "t": result.unicodeScalars.append("\t")
        case "n": result.unicodeScalars.append("\n")
        case "f": result.unicodeScalars.append("\u{0C}")
        case "r": result.unicodeScalars.append("\r")
        case "\"": result.unicodeScalars.append("\"")
        case "\\": result.unicodeScalars.append("\\")
        case "u", "U":
            let count = scalar == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<count {
                guard let digit = current, digit.properties.isASCIIHexDigit else {
                    throw fail("\\\(scalar) needs \(count) hexadecimal digits", at: escapePosition)
                }
                hex.unicodeScalars.append(digit)
                advance()
            }
            guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                throw fail("\\\(scalar)\(hex) is not a Unicode scalar value", at: escapePosition)
            }
            result.unicodeScalars.append(decoded)
        default:
            throw fail(
                "'\\\(Character(scalar))' is not a TOML escape; for a regex backslash use a literal string '...'",
                at: escapePosition)
        }
    }

    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let start = position
        for _ in 0..<3 { advance() }
        try skipFirstNewline()
        var result = ""
        while true {
            appendPlainRun(into: &result, quote: "\"", escapes: true)
            guard let scalar = current else {
                throw fail("this multi-line string is not closed with \"\"\"", at: start)
            }
            if closeMultiline(quote: "\"", into: &result) { return result }
            let scalarPosition = position
            advance()
            if scalar == "\\" {
                if isLineEndingBackslash() {
                    while let next = current, next == " " || next == "\t" || next == "\n" || next == "\r" { advance() }
                } else {
                    try parseEscape(into: &result, at: scalarPosition)
                }
            } else if isForbiddenControl(scalar) && scalar != "\n" && scalar != "\r" {
                throw fail("control character in a string: write it as an escape")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }

    /// At three `quote`s: consumes the closing delimiter (up to two quotes right before it belong to the
    /// string) and returns true; anywhere else returns false and consumes nothing.
    mutating func closeMultiline(quote: Unicode.Scalar, into result: inout String) -> Bool {
        guard current == quote, peek(1) == quote, peek(2) == quote else { return false }
        var extra = 0
        while peek(3 + extra) == quote && extra < 2 { extra += 1 }
        for _ in 0..<extra {
            result.unicodeScalars.append(quote)
            advance()
        }
        for _ in 0..<3 { advance() }
        return true
    }

    func isLineEndingBackslash() -> Bool {
        var offset = 0
        while let scalar = peek(offset), scalar == " " || scalar == "\t" { offset += 1 }
        return peek(offset) == "\n" || (peek(offset) == "\r" && peek(offset + 1) == "\n")
    }

    mutating func skipFirstNewline() throws(TOMLError) {
        if current == "\n" {
            advance()
        } else if current == "\r", peek(1) == "\n" {
            advance()
            advance()
        }
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = position
        advance()
        var result = ""
        while true {
            appendPlainRun(into: &result, quote: "'", escapes: false)
            guard let scalar = current, scalar != "\n" else {
                throw fail("this string is not closed: add a \"'\" before the end of the line", at: start)
            }
            advance()
            if scalar == "'" { return result }
            if isForbiddenControl(scalar) { throw fail("control character in a literal string") }
            result.unicodeScalars.append(scalar)
        }
    }

    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let start = position
        for _ in 0..<3 { advance() }
        try skipFirstNewline()
        var result = ""
        while true {
            appendPlainRun(into: &result, quote: "'", escapes: false)
            guard let scalar = current else { throw fail("this multi-line string is not closed with '''", at: start) }
            if closeMultiline(quote: "'", into: &result) { return result }
            advance()
            if isForbiddenControl(scalar) && scalar != "\n" && scalar != "\r" {
                throw fail("control character in a literal string")
            }
            result.unicodeScalars.append(scalar)
        }
    }

    mutating func parseArray() throws(TOMLError) -> TOMLValue {
        let start = position
        advance()
        var items: [TOMLNode] = []
        while true {
            try skipBlankAndComments()
            guard let scalar = current else { throw fail("this array is not closed with ']'", at: start) }
            if scalar == "]" {
                advance()
                return .array(items)
            }
            items.append(try parseValue())
            try skipBlankAndComments()
            if current == "," {
                advance()
            } else if current == nil {
                throw fail("this array is not closed with ']'", at: start)
            } else if current != "]" {
                throw fail("expected ',' or ']' in the array")
            }
        }
    }

    mutating func parseInlineTable() throws(TOMLError) -> TOMLValue {
        let start = position
        advance()
        let table = TableBuilder(position: start, implicit: false)
        skipSpaces()
        if current == "}" {
            advance()
            return .table(table.build())
        }
        while true {
            skipSpaces()
            try parseKeyValue(into: table)
            skipSpaces()
            if current == "," {
                advance()
            } else if current == "}" {
                advance()
                return .table(table.build())
            } else {
                throw fail("expected ',' or '}' in the inline table (inline tables stay on one line)")
            }
        }
    }

    mutating func parseNumberOrDate() throws(TOMLError) -> TOMLValue {
        let start = position
        var token = ""
        while let scalar = current,
            Parser.isNumberOrDateCharacter(scalar)
        {
            token.unicodeScalars.append(scalar)
            advance()
        }
        guard !token.isEmpty else {
            if let scalar = current {
                throw fail(
                    "expected a value, found '\(Character(scalar))'; strings need quotes: '...' or \"...\"", at: start)
            }
            throw fail("expected a value, found the end of the file", at: start)
        }
        if let date = parseDate(token) { return .date(date) }
        if token.contains(":") || (token.count > 8 && token.dropFirst(4).first == "-") {
            throw fail("'\(token)' is not a date Porch reads: write dates as YYYY-MM-DD", at: start)
        }
        if let integer = parseInteger(token) { return .integer(integer) }
        if let float = parseFloat(token) { return .float(float) }
        throw fail("'\(token)' is not a value: strings need quotes ('...' or \"...\"), numbers are digits", at: start)
    }

    /// A character of a number or date token: hex digits, signs, separators, prefixes, exponents, inf and nan.
    static func isNumberOrDateCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "a"..."f", "A"..."F", "+", "-", "_", ".", ":", "x", "o", "X", "O", "T", "Z", "t", "z", "i", "n":
            return true
        default:
            return false
        }
    }

    func parseDate(_ token: String) -> TOMLDate? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let days = [
            31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        ]
        guard day <= days[month - 1] else { return nil }
        return TOMLDate(year: year, month: month, day: day)
    }

    func underscoresValid(_ digits: Substring) -> Bool {
        !digits.hasPrefix("_") && !digits.hasSuffix("_") && !digits.contains("__")
    }

    func parseInteger(_ token: String) -> Int? {
        var text = Substring(token)
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            let digits = text.dropFirst(2)
            guard underscoresValid(digits) else { return nil }
            return Int(digits.replacing("_", with: ""), radix: radix)
        }
        var sign = 1
        if text.hasPrefix("+") || text.hasPrefix("-") {
            if text.hasPrefix("-") { sign = -1 }
            text = text.dropFirst()
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }), underscoresValid(text),
            !(text.hasPrefix("0") && text.count > 1)
        else { return nil }
        return Int(text.replacing("_", with: "")).map { $0 * sign }
    }

    func parseFloat(_ token: String) -> Double? {
        var text = Substring(token)
        var sign = 1.0
        if text.hasPrefix("+") || text.hasPrefix("-") {
            if text.hasPrefix("-") { sign = -1 }
            text = text.dropFirst()
        }
        if text == "inf" { return sign * .infinity }
        if text == "nan" { return .nan }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "_.eE+-".contains($0)) }), underscoresValid(text),
            let first = text.first, first.isNumber, !text.contains("._"), !text.contains("_.")
        else { return nil }
        let plain = text.replacing("_", with: "")
        if let dot = plain.firstIndex(of: ".") {
            let after = plain[plain.index(after: dot)...]
            guard let next = after.first, next.isNumber else { return nil }
        }
        return Double(plain).map { $0 * sign }
    }
}
