/// Turns the web addresses and phone numbers of a footer line (the group's helplines) into links.
///
/// Only for the footer, which is built from the group's resource file: post text is never linked. A web address
/// is `http://` or `https://` up to a space or a closing bracket; a phone number is a run of at least three digits,
/// with single spaces or hyphens between them, optionally after `+`. A number right after "to" on a line that says
/// "text" is a text-message number (`sms:`); any other number is a `tel:` link.
enum FooterLinks {
    /// The line as escaped HTML with its addresses and numbers as `<a>` elements.
    static func html(_ line: String) -> String {
        let characters = Array(line)
        let mentionsText = line.lowercased().contains("text")
        var html = ""
        var plain = ""
        var index = 0
        func flush() {
            html += MarkupEscaping.escape(plain)
            plain = ""
        }
        while index < characters.count {
            if let end = webAddressEnd(characters, from: index) {
                flush()
                let address = String(characters[index..<end])
                html += "<a href=\"\(MarkupEscaping.escape(address))\">\(MarkupEscaping.escape(address))</a>"
                index = end
                continue
            }
            if let end = phoneNumberEnd(characters, from: index) {
                flush()
                let number = String(characters[index..<end])
                let dialled = number.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
                let before = String(characters[max(0, index - 3)..<index]).lowercased()
                let scheme = mentionsText && before == "to " ? "sms" : "tel"
                html += "<a href=\"\(scheme):\(dialled)\">\(MarkupEscaping.escape(number))</a>"
                index = end
                continue
            }
            plain.append(characters[index])
            index += 1
        }
        flush()
        return html
    }

    /// The end of a web address starting at `start`, or nil.
    private static func webAddressEnd(_ characters: [Character], from start: Int) -> Int? {
        let rest = String(characters[start..<min(characters.count, start + 8)]).lowercased()
        guard rest.hasPrefix("https://") || rest.hasPrefix("http://") else { return nil }
        if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber { return nil }
        var end = start
        while end < characters.count, !characters[end].isWhitespace, !"()<>\"'[]{}".contains(characters[end]) {
            end += 1
        }
        while end > start, ".,;:!?".contains(characters[end - 1]) { end -= 1 }
        let prefix = rest.hasPrefix("https://") ? 8 : 7
        return end - start > prefix ? end : nil
    }

    /// The end of a phone number starting at `start`, or nil.
    private static func phoneNumberEnd(_ characters: [Character], from start: Int) -> Int? {
        func isDigit(_ index: Int) -> Bool {
            index < characters.count && characters[index].isASCII && characters[index].isNumber
        }
        if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "-" {
            return nil
        }
        var index = start
        if characters[index] == "+" { index += 1 }
        guard isDigit(index) else { return nil }
        var digits = 0
        var end = index
        while isDigit(index) {
            while isDigit(index) {
                digits += 1
                index += 1
            }
            end = index
            // One space or hyphen between groups of digits.
            if index < characters.count, characters[index] == " " || characters[index] == "-", isDigit(index + 1) {
                index += 1
            }
        }
        if end < characters.count, characters[end].isLetter { return nil }
        return digits >= 3 ? end : nil
    }
}
