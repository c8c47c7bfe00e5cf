/// A strict RFC 8259 parser over one line's bytes, which the caller has already checked is valid UTF-8.
///
/// It builds values only for the keys the caller asks for and validates everything else without allocating.
struct JSONScanner {
    struct Failure: Error {
        var problem: JSONProblem
        var offset: Int
    }

    static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Top level

    /// The top-level members intake reads; every other member is validated and skipped.
    struct Fields {
        var text: JSONValue?
        var id: JSONValue?
        var author: JSONValue?
        var submittedAt: JSONValue?
        var topic: JSONValue?
    }

    private enum Key { case text, id, author, submittedAt, topic, other }

    /// Parses one object that must fill the buffer, or returns nil when it holds valid JSON that is not an object.
    /// A repeated key keeps its last value, as most JSON parsers do.
    mutating func scanObject() throws(Failure) -> Fields? {
        skipWhitespace()
        guard index < bytes.count else { throw Failure(problem: .unexpectedEnd, offset: index) }
        guard bytes[index] == UInt8(ascii: "{") else {
            try skipValue(depth: 0)
            try expectEnd()
            return nil
        }
        index += 1
        var fields = Fields()
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            try expectEnd()
            return fields
        }
        while true {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw Failure(problem: .expectedKey, offset: index) }
            let key = try scanKey()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw Failure(problem: .expectedColon, offset: index) }
            index += 1
            skipWhitespace()
            switch key {
            case .text: fields.text = try parseValue(depth: 1)
            case .id: fields.id = try parseValue(depth: 1)
            case .author: fields.author = try parseValue(depth: 1)
            case .submittedAt: fields.submittedAt = try parseValue(depth: 1)
            case .topic: fields.topic = try parseValue(depth: 1)
            case .other: try skipValue(depth: 1)
            }
            skipWhitespace()
            let next = try peek()
            index += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "}") { break }
            throw Failure(problem: .expectedCommaOrEnd, offset: index - 1)
        }
        try expectEnd()
        return fields
    }

    /// Reads a key and says which field it names, comparing bytes when the key has no escapes.
    private mutating func scanKey() throws(Failure) -> Key {
        let start = index + 1
        var probe = start
        while probe < bytes.count, bytes[probe] != UInt8(ascii: "\""), bytes[probe] != UInt8(ascii: "\\"),
            bytes[probe] >= 0x20
        {
            probe += 1
        }
        if probe < bytes.count && bytes[probe] == UInt8(ascii: "\"") {
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<probe])
            index = probe + 1
            return Self.key(raw)
        }
        let key = try parseString()
        var copy = key
        return copy.withUTF8 { Self.key($0) }
    }

    private static func key(_ raw: UnsafeBufferPointer<UInt8>) -> Key {
        switch raw.count {
        case 2 where raw.elementsEqual("id".utf8): return .id
        case 4 where raw.elementsEqual("text".utf8): return .text
        case 5 where raw.elementsEqual("topic".utf8): return .topic
        case 6 where raw.elementsEqual("author".utf8): return .author
        case 12 where raw.elementsEqual("submitted_at".utf8): return .submittedAt
        default: return .other
        }
    }

    private mutating func expectEnd() throws(Failure) {
        skipWhitespace()
        if index < bytes.count { throw Failure(problem: .trailingCharacters, offset: index) }
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maxDepth else { throw Failure(problem: .tooDeeplyNested, offset: index) }
        switch try peek() {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if try peek() == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard try peek() == UInt8(ascii: "\"") else { throw Failure(problem: .expectedKey, offset: index) }
                let key = try parseString()
                skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else { throw Failure(problem: .expectedColon, offset: index) }
                index += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                if try endOfMember(closing: UInt8(ascii: "}")) { return .object(members) }
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                if try endOfMember(closing: UInt8(ascii: "]")) { return .array(elements) }
            }
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            let start = index
            try skipNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }
    }

    /// Validates one value without building it.
    mutating func skipValue(depth: Int) throws(Failure) {
        guard depth <= Self.maxDepth else { throw Failure(problem: .tooDeeplyNested, offset: index) }
        switch try peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace()
            if try peek() == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                guard try peek() == UInt8(ascii: "\"") else { throw Failure(problem: .expectedKey, offset: index) }
                try skipString()
                skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else { throw Failure(problem: .expectedColon, offset: index) }
                index += 1
                skipWhitespace()
                try skipValue(depth: depth + 1)
                if try endOfMember(closing: UInt8(ascii: "}")) { return }
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                try skipValue(depth: depth + 1)
                if try endOfMember(closing: UInt8(ascii: "]")) { return }
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    /// After a member: true at the closing bracket, false after a comma.
    private mutating func endOfMember(closing: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        let next = try peek()
        index += 1
        if next == UInt8(ascii: ",") { return false }
        if next == closing { return true }
        throw Failure(problem: .expectedCommaOrEnd, offset: index - 1)
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek() throws(Failure) -> UInt8 {
        guard index < bytes.count else { throw Failure(problem: .unexpectedEnd, offset: index) }
        return bytes[index]
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw Failure(problem: .unexpectedEnd, offset: index) }
        let start = word.utf8Start
        for k in 0..<length where bytes[index + k] != start[k] {
            throw Failure(problem: .invalidLiteral, offset: index)
        }
        index += length
    }

    private mutating func skipNumber() throws(Failure) {
        let start = index
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else {
            let problem: JSONProblem = index == start ? .unexpectedCharacter : .invalidNumber
            throw Failure(problem: index >= bytes.count ? .unexpectedEnd : problem, offset: index)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw Failure(problem: .invalidNumber, offset: index) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard isDigit(index) else { throw Failure(problem: .invalidNumber, offset: index) }
            while isDigit(index) { index += 1 }
        }
    }

    /// Advances over plain string bytes (not quote, backslash or control) and returns where it stopped.
    private mutating func skipPlainRun() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return }
            index += 1
        }
    }

    private mutating func skipString() throws(Failure) {
        index += 1
        while true {
            skipPlainRun()
            let byte = try peek()
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte < 0x20 { throw Failure(problem: .controlCharacterInString, offset: index) }
            // A backslash: validate the escape; lone surrogates are grammatical JSON in fields we ignore.
            index += 1
            let escape = try peek()
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                _ = try hex4()
            default:
                throw Failure(problem: .invalidEscape, offset: index - 2)
            }
        }
    }

    mutating func parseString() throws(Failure) -> String {
        index += 1
        let start = index
        skipPlainRun()
        if try peek() == UInt8(ascii: "\"") {
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return value
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(index - start + 64)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            let byte = try peek()
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { throw Failure(problem: .controlCharacterInString, offset: index) }
            let escapeStart = index
            index += 1
            let escape = try peek()
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(try hex4())
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    else { throw Failure(problem: .unpairedSurrogate, offset: escapeStart) }
                    index += 2
                    let low = UInt32(try hex4())
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw Failure(problem: .unpairedSurrogate, offset: escapeStart)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw Failure(problem: .unpairedSurrogate, offset: escapeStart)
                }
                // Not a surrogate after the checks above, so always a valid scalar.
                buffer.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
            default:
                throw Failure(problem: .invalidEscape, offset: escapeStart)
            }
            let runStart = index
            skipPlainRun()
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        }
    }

    private mutating func hex4() throws(Failure) -> UInt16 {
        guard index + 4 <= bytes.count else { throw Failure(problem: .unexpectedEnd, offset: index) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw Failure(problem: .invalidEscape, offset: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}
