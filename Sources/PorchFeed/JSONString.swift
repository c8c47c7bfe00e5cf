/// Writes a string as a JSON string literal (RFC 8259).
///
/// Quote, backslash and every control character are escaped; U+2028 and U+2029 are escaped too, so the feed can
/// be pasted into a script on the group's static page. Other characters, emoji beyond the BMP included, are
/// written as UTF-8, which every JSON parser reads.
enum JSONString {
    static func literal(_ text: String) -> String {
        var output = "\""
        output.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x00...0x1F, 0x7F, 0x2028, 0x2029: output += unicodeEscape(scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
