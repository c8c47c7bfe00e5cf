/// Writes a string as a JSON string literal (RFC 8259).
///
/// Quote, backslash and every control character are escaped; U+2028 and U+2029 are escaped too, so the feed can
/// be pasted into a script on the group's static page. Other characters, emoji beyond the BMP included, are
/// written as UTF-8, which every JSON parser reads.
enum JSONString {
    static func literal(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = [0x22]
        output.reserveCapacity(bytes.count + bytes.count / 8 + 2)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x22: output.append(contentsOf: #"\""#.utf8)
            case 0x5C: output.append(contentsOf: #"\\"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x00...0x1F, 0x7F: output.append(contentsOf: unicodeEscape(UInt32(byte)).utf8)
            case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] & 0xFE) == 0xA8:
                // U+2028 LINE SEPARATOR (E2 80 A8) or U+2029 PARAGRAPH SEPARATOR (E2 80 A9).
                output.append(contentsOf: unicodeEscape(0x2000 | UInt32(bytes[index + 1] - 0x80)).utf8)
                index += 2
            default: output.append(byte)
            }
        }
        output.append(0x22)
        return String(decoding: output, as: UTF8.self)
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
