/// Content-Transfer-Encoding and RFC 2047 decoders: base64 and quoted-printable.
enum TransferEncoding {
    enum Problem: Error { case base64, quotedPrintable }

    private static let base64Values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        return table
    }()

    /// Decodes base64, skipping whitespace and line breaks; missing trailing padding is tolerated.
    static func base64(_ input: some Collection<UInt8>) throws(Problem) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in input {
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A: continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: break
            }
            let value = base64Values[Int(byte)]
            guard value >= 0, padding == 0 else { throw .base64 }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // 6 leftover bits mean a lone character: not base64. Padding must fit what is missing.
        guard bits != 6, padding <= 2 else { throw .base64 }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// Decodes a quoted-printable body: `=XX` escapes, `=` soft line breaks, trailing spaces on lines dropped.
    static func quotedPrintable(_ input: [UInt8]) throws(Problem) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var i = 0
        var lineStart = 0  // where trailing whitespace trimming may stop on the current output line
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "=") {
                // A soft break: "=" then optional whitespace then a line ending (or the end).
                var j = i + 1
                while j < input.count && (input[j] == 0x20 || input[j] == 0x09) { j += 1 }
                if j == input.count || input[j] == 0x0A
                    || (input[j] == 0x0D && j + 1 < input.count && input[j + 1] == 0x0A)
                    || (input[j] == 0x0D && j + 1 == input.count)
                {
                    i = j == input.count ? j : (input[j] == 0x0D ? j + 2 : j + 1)
                    lineStart = output.count
                    continue
                }
                guard i + 2 < input.count, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) else {
                    throw .quotedPrintable
                }
                output.append(high << 4 | low)
                i += 3
                lineStart = output.count  // encoded whitespace is kept
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                while output.count > lineStart, let last = output.last, last == 0x20 || last == 0x09 {
                    output.removeLast()
                }
                output.append(byte)
                i += 1
                lineStart = output.count
                continue
            }
            output.append(byte)
            i += 1
        }
        while output.count > lineStart, let last = output.last, last == 0x20 || last == 0x09 { output.removeLast() }
        return output
    }

    /// Decodes the Q encoding of RFC 2047 encoded words: `_` is a space, `=XX` a byte.
    static func qEncoding(_ input: some Collection<UInt8>) throws(Problem) -> [UInt8] {
        let bytes = Array(input)
        var output: [UInt8] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "_"):
                output.append(0x20)
                i += 1
            case UInt8(ascii: "="):
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                    throw .quotedPrintable
                }
                output.append(high << 4 | low)
                i += 3
            default:
                output.append(bytes[i])
                i += 1
            }
        }
        return output
    }
}
