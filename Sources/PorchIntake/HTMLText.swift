/// Reduces an HTML body to readable plain text: no markup, scripts or styles; blocks become lines; entities decoded.
enum HTMLText {
    private static let skippedElements: Set<String> = ["script", "style", "head", "title", "noscript", "template"]
    private static let blockElements: Set<String> = [
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "table", "ul",
        "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "address", "figure", "form", "main", "nav",
        "aside", "body", "html",
    ]

    static func reduce(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var preDepth = 0
        var pendingSpace = false

        func newline() {
            pendingSpace = false
            // Trim spaces before the line break.
            while let last = out.last, last == " " { out.removeLast() }
            out.append("\n")
        }
        /// Ends the current line unless it is already ended; `blank` also leaves one empty line.
        func lineBreak(blank: Bool) {
            pendingSpace = false
            while let last = out.last, last == " " { out.removeLast() }
            guard !out.isEmpty else { return }
            if out.last != "\n" { out.append("\n") }
            if blank, out.count >= 2, out[out.index(before: out.index(before: out.endIndex))] != "\n" {
                out.append("\n")
            }
        }
        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace, let last = out.last, last != "\n" { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        func lowerASCII(_ c: Unicode.Scalar) -> Unicode.Scalar {
            (c >= "A" && c <= "Z") ? Unicode.Scalar(c.value + 32)! : c
        }
        func startsWith(_ text: String, at index: Int) -> Bool {
            var k = index
            for c in text.unicodeScalars {
                guard k < s.count, lowerASCII(s[k]) == c else { return false }
                k += 1
            }
            return true
        }
        func find(_ text: String, from index: Int) -> Int? {
            var k = index
            while k < s.count {
                if startsWith(text, at: k) { return k }
                k += 1
            }
            return nil
        }
        /// The index after the `>` closing a tag, honouring quoted attribute values.
        func endOfTag(from index: Int) -> Int {
            var k = index
            var quote: Unicode.Scalar? = nil
            while k < s.count {
                let c = s[k]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    return k + 1
                }
                k += 1
            }
            return s.count
        }

        while i < s.count {
            let c = s[i]
            if c == "<" {
                if startsWith("<!--", at: i) {
                    i = (find("-->", from: i + 4).map { $0 + 3 }) ?? s.count
                    continue
                }
                let next = i + 1 < s.count ? s[i + 1] : " "
                if next == "!" || next == "?" {
                    i = endOfTag(from: i)
                    continue
                }
                let closing = next == "/"
                var k = closing ? i + 2 : i + 1
                var name = ""
                while k < s.count, s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) {
                    name.unicodeScalars.append(lowerASCII(s[k]))
                    k += 1
                }
                guard !name.isEmpty, name.unicodeScalars.first!.isASCII else {
                    emit(c)  // a bare "<" in text
                    i += 1
                    continue
                }
                i = endOfTag(from: k)
                if !closing && skippedElements.contains(name) {
                    i = find("</" + name, from: i).map { endOfTag(from: $0) } ?? s.count
                    continue
                }
                if name == "pre" { preDepth = max(0, preDepth + (closing ? -1 : 1)) }
                if name == "td" || name == "th" {
                    if !closing { pendingSpace = true }
                } else if name == "br" {
                    newline()
                } else if name == "li" && !closing {
                    lineBreak(blank: false)
                    out.append(contentsOf: "- ".unicodeScalars)
                } else if blockElements.contains(name) {
                    let paragraph =
                        name == "p" || (name.first == "h" && name.count == 2) || name == "blockquote" || name == "pre"
                    lineBreak(blank: paragraph)
                }
                continue
            }
            if c == "&", let (decoded, length) = entity(s, at: i) {
                for scalar in decoded.unicodeScalars { emit(scalar) }
                i += length
                continue
            }
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                if preDepth > 0 {
                    if c == "\n" { newline() } else if c != "\r" { out.append(c) }
                } else {
                    pendingSpace = true
                }
                i += 1
                continue
            }
            emit(c)
            i += 1
        }
        return tidy(String(out))
    }

    /// Trims every line's trailing spaces, at most one blank line in a row, no blank lines at either end.
    private static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while let last = trimmed.last, last == " " || last == "\u{A0}" { trimmed.removeLast() }
            while let first = trimmed.first, first == " " { trimmed.removeFirst() }
            if trimmed.isEmpty {
                blank += 1
                if blank == 1 && !lines.isEmpty { lines.append("") }
            } else {
                blank = 0
                lines.append(trimmed)
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// A character reference at `index` (`&amp;`, `&#233;`, `&#xE9;`) and its length, or nil to keep the `&`.
    private static func entity(_ s: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        var k = index + 1
        guard k < s.count else { return nil }
        if s[k] == "#" {
            k += 1
            let hex = k < s.count && (s[k] == "x" || s[k] == "X")
            if hex { k += 1 }
            let digitsStart = k
            var value: UInt32 = 0
            while k < s.count, let digit = hexDigit(s[k], hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                k += 1
            }
            guard k > digitsStart else { return nil }
            if k < s.count && s[k] == ";" { k += 1 }
            let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            return (String(Character(scalar)), k - index)
        }
        var name = ""
        while k < s.count, k - index <= 10, s[k].isASCII, s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) {
            name.unicodeScalars.append(s[k])
            k += 1
        }
        guard k < s.count, s[k] == ";", let value = named[name] else { return nil }
        return (value, k + 1 - index)
    }

    private static func hexDigit(_ c: Unicode.Scalar, _ hex: Bool) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 0x30
        case "a"..."f" where hex: return c.value - 0x61 + 10
        case "A"..."F" where hex: return c.value - 0x41 + 10
        default: return nil
        }
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "shy": "", "zwnj": "\u{200C}",
        "zwj": "\u{200D}", "ensp": " ", "emsp": " ", "thinsp": " ", "copy": "©", "reg": "®", "trade": "™",
        "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“",
        "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "bull": "•",
        "middot": "·", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "deg": "°", "times": "×", "divide": "÷",
        "plusmn": "±", "frac12": "½", "frac14": "¼", "frac34": "¾", "sect": "§", "para": "¶", "iexcl": "¡",
        "iquest": "¿", "dagger": "†", "hearts": "♥", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓",
        "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã", "auml": "ä", "aring": "å", "aelig": "æ",
        "ccedil": "ç", "egrave": "è", "eacute": "é", "ecirc": "ê", "euml": "ë", "igrave": "ì", "iacute": "í",
        "icirc": "î", "iuml": "ï", "ntilde": "ñ", "ograve": "ò", "oacute": "ó", "ocirc": "ô", "otilde": "õ",
        "ouml": "ö", "oslash": "ø", "ugrave": "ù", "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý",
        "yuml": "ÿ", "szlig": "ß", "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä",
        "Aring": "Å", "AElig": "Æ", "Ccedil": "Ç", "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë",
        "Igrave": "Ì", "Iacute": "Í", "Icirc": "Î", "Iuml": "Ï", "Ntilde": "Ñ", "Ograve": "Ò", "Oacute": "Ó",
        "Ocirc": "Ô", "Otilde": "Õ", "Ouml": "Ö", "Oslash": "Ø", "Ugrave": "Ù", "Uacute": "Ú", "Ucirc": "Û",
        "Uuml": "Ü", "Yacute": "Ý", "oelig": "œ", "OElig": "Œ", "scaron": "š", "Scaron": "Š",
    ]
}
