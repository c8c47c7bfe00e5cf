/// Turns bytes read from the terminal into keys, keeping an incomplete sequence until its rest arrives.
///
/// A lone ESC cannot be told from the start of an escape sequence until a short pause shows no more bytes are
/// coming: the driver calls `flush()` after that pause.
public struct KeyDecoder: Sendable {
    private var buffer: [UInt8] = []
    /// The longest escape sequence kept waiting before it is dropped as unknown.
    private let maximumSequence = 32

    public init() {}

    /// Whether bytes are waiting for the rest of a sequence (the driver then waits briefly and calls `flush()`).
    public var hasPending: Bool { !buffer.isEmpty }

    /// Decodes every complete key in the bytes read so far.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        buffer.append(contentsOf: bytes)
        var keys: [Key] = []
        var index = 0
        while index < buffer.count {
            guard let (key, length) = parse(at: index, final: false) else { break }
            if let key { keys.append(key) }
            index += length
        }
        buffer.removeFirst(index)
        return keys
    }

    /// Decodes what is left after a pause: a lone ESC becomes `.escape`, a cut-off sequence `.unknown`.
    public mutating func flush() -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < buffer.count {
            guard let (key, length) = parse(at: index, final: true) else { break }
            if let key { keys.append(key) }
            index += length
        }
        buffer = []
        return keys
    }

    /// The key at `index` and how many bytes it used, or nil when more bytes are needed.
    private func parse(at index: Int, final: Bool) -> (Key?, Int)? {
        let byte = buffer[index]
        let remaining = buffer.count - index
        switch byte {
        case 0x1B:
            guard remaining > 1 else { return final ? (.escape, 1) : nil }
            switch buffer[index + 1] {
            case UInt8(ascii: "["): return parseCSI(at: index, final: final)
            case UInt8(ascii: "O"):
                guard remaining > 2 else { return final ? (.unknown, 2) : nil }
                return (ss3Key(buffer[index + 2]), 3)
            default:
                // ESC then another key: the moderator pressed Esc and then that key.
                return (.escape, 1)
            }
        case 0x0D:
            if remaining > 1 && buffer[index + 1] == 0x0A { return (.enter, 2) }
            return (.enter, 1)
        case 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x01...0x1A: return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
        case 0x00, 0x1C...0x1F: return (.unknown, 1)
        case 0x20...0x7E: return (.character(Character(Unicode.Scalar(byte))), 1)
        default: return parseUTF8(at: index, final: final)
        }
    }

    private func parseCSI(at index: Int, final: Bool) -> (Key?, Int)? {
        var end = index + 2
        while end < buffer.count {
            let byte = buffer[end]
            if (0x40...0x7E).contains(byte) {
                let parameters = String(decoding: buffer[(index + 2)..<end], as: UTF8.self)
                return (csiKey(parameters: parameters, final: byte), end - index + 1)
            }
            guard (0x20...0x3F).contains(byte), end - index < maximumSequence else {
                // Not a well-formed sequence: drop what was read of it.
                return (.unknown, end - index + 1)
            }
            end += 1
        }
        if end - index >= maximumSequence { return (.unknown, end - index) }
        return final ? (.unknown, end - index) : nil
    }

    private func csiKey(parameters: String, final: UInt8) -> Key {
        let first = parameters.split(separator: ";").first.flatMap { Int($0) }
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            switch first {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            default: return .unknown
            }
        default: return .unknown
        }
    }

    private func ss3Key(_ byte: UInt8) -> Key {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "M"): .enter
        default: .unknown
        }
    }

    private func parseUTF8(at index: Int, final: Bool) -> (Key?, Int)? {
        let lead = buffer[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (.unknown, 1)
        }
        let available = min(length, buffer.count - index)
        for offset in 1..<available where buffer[index + offset] & 0xC0 != 0x80 {
            return (.unknown, offset)
        }
        guard available == length else { return final ? (.unknown, available) : nil }
        var decoder = UTF8()
        var iterator = buffer[index..<(index + length)].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return (.unknown, length) }
        if scalar.value < 0xA0 { return (.unknown, length) }
        return (.character(Character(scalar)), length)
    }
}
