/// The exact text a post goes out as: its scrubbed text with what a feed cannot carry taken out.
///
/// The feed renderer removes C0 and C1 controls, terminal escape sequences, DEL and Unicode noncharacters, and
/// makes every CR or CRLF a newline. Removing a character can join what it split (`555-\u{1}0142`), so the
/// publisher makes the same cut first and screens the result: the text in the feed is the text that was scanned.
/// What is removed here is a superset of what PorchFeed removes, so rendering leaves this text unchanged.
enum PublishableText {
    /// `scrubbed` as the feed will carry it.
    static func of(_ scrubbed: String) -> String {
        guard scrubbed.unicodeScalars.contains(where: { !isKept($0) }) else { return scrubbed }
        var output = String.UnicodeScalarView()
        let scalars = Array(scrubbed.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x0D:
                output.append("\n")
                if index < scalars.count, scalars[index] == "\n" { index += 1 }
            case 0x1B:
                index = afterEscapeSequence(in: scalars, from: index)
            default:
                if isKept(scalar) { output.append(scalar) }
            }
        }
        return String(output)
    }

    /// Whether a scalar goes into the feed as it is: tab, newline and everything printable but noncharacters.
    static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0xFDD0...0xFDEF: false
        default: scalar.value & 0xFFFE != 0xFFFE
        }
    }

    /// The index after a CSI sequence (`[`, parameter bytes, intermediate bytes, a final byte) following an ESC;
    /// an ESC before anything else goes alone.
    private static func afterEscapeSequence(in scalars: [Unicode.Scalar], from start: Int) -> Int {
        guard start < scalars.count, scalars[start] == "[" else { return start }
        var index = start + 1
        while index < scalars.count, (0x30...0x3F).contains(scalars[index].value) { index += 1 }
        while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
        if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { return index + 1 }
        return start
    }
}
