#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes text in any character set the C library's iconv knows (koi8-r, iso-8859-2, shift_jis, …) to a String.
///
/// Bytes that are not valid in the charset are read as U+FFFD and counted, so one bad byte never loses the rest.
enum Iconv {
    /// A charset label safe to hand to iconv: letters, digits and `-_.:` only (no `//TRANSLIT` or paths).
    static func isPlainLabel(_ label: String) -> Bool {
        !label.isEmpty && label.count <= 40
            && label.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0))
            }
    }

    /// True when iconv can convert from `label` to UTF-8.
    static func knows(_ label: String) -> Bool {
        guard isPlainLabel(label) else { return false }
        let descriptor = iconv_open("UTF-8", label)
        guard descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }

    /// The bytes decoded from `label` and how many bytes were invalid there; nil when iconv does not know `label`.
    static func decode(_ bytes: [UInt8], from label: String) -> (text: String, invalid: Int)? {
        guard isPlainLabel(label) else { return nil }
        let descriptor = iconv_open("UTF-8", label)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var invalid = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while true {
                let (result, failure, produced) = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno, outBuffer.count - outLeft)
                }
                output.append(contentsOf: chunk[..<produced])
                if result != -1 {
                    if inLeft == 0 { break }
                    continue
                }
                switch failure {
                case E2BIG:
                    continue
                case EILSEQ, EINVAL:
                    // An invalid or truncated sequence: one U+FFFD, then on with the next byte.
                    invalid += 1
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    if inLeft > 0 {
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                    if inLeft == 0 { return }
                default:
                    invalid += inLeft
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    return
                }
            }
        }
        // A stateful charset (iso-2022-jp) may hold a last shift back until it is flushed.
        let flushed = chunk.withUnsafeMutableBufferPointer { outBuffer in
            var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var outLeft = outBuffer.count
            _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
            return outBuffer.count - outLeft
        }
        output.append(contentsOf: chunk[..<flushed])
        return (String(decoding: output, as: UTF8.self), invalid)
    }
}
