/// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF) with an ASCII fast path.
enum UTF8Validation {
    /// The 0-based offset of the first byte that is not part of valid UTF-8, or nil when all of it is valid.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // Eight ASCII bytes at a time.
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= count { break }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            let second = base[i + 1]
            guard second >= lower && second <= upper else { return i }
            var k = 2
            while k < length {
                guard base[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// The bytes as UTF-8 with every invalid sequence replaced by U+FFFD, how many were replaced and where the
    /// first was; nil when the bytes are valid already.
    static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, replaced: Int, first: Int)? {
        guard let first = firstInvalidOffset(bytes) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var replaced = 0
        var offset = first
        while offset < bytes.count {
            guard let bad = firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[offset...])) else { break }
            replaced += 1
            offset += bad + 1
        }
        return (text, replaced, first)
    }

    static func repaired(_ bytes: [UInt8]) -> (text: String, replaced: Int, first: Int)? {
        bytes.withUnsafeBufferPointer { repaired($0) }
    }

    /// The hold reason for text read with `replaced` bad bytes, the first at `first`.
    static func holdReason(replaced: Int, first: Int, encoding: String = "UTF-8") -> String {
        "\(replaced) byte(s) were not valid \(encoding) (the first at byte \(first)) and were read as \u{FFFD};"
            + " check the text, edit it if a word came out wrong, then decide"
    }

    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset($0) }
    }

    /// The bytes as a String when they are valid UTF-8.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        firstInvalidOffset(bytes) == nil ? String(decoding: bytes, as: UTF8.self) : nil
    }

    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
