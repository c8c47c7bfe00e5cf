/// A pattern that opens with a negative lookahead, `(?!X)Y`, tries X (often "any danger word in the next 240
/// characters") at every position of a post, and Y only where X found nothing: the cost of a long scan per
/// character. `(?=Y)(?!X)Y` matches exactly the same (Y must match at that position either way, and a lookahead
/// leaves no trace without capture groups) but tries X only where Y can start, which in prose is a few places a
/// post. Context cues are mostly written this way. The same holds behind assertions that consume nothing:
/// `\A(?=[\s\S]{0,240}\z)(?!X)Y` (a short post with no danger word and Y) runs as `\A(?=[\s\S]{0,240}\z)(?=Y)(?!X)Y`,
/// so X, a scan of the whole post, is tried only on posts that hold Y. `RewriteCheck` proves the two forms agree on
/// every example.
enum LeadingLookahead {
    /// `P(?=Y)(?!X)Y` for a pattern `P(?!X)Y` where P is nothing or assertions that consume nothing (`\A`, `^`,
    /// `\b`, `\B`, `\G`, look-behinds, positive look-aheads) and Y has no capture groups; nil for any other pattern.
    static func guarded(_ pattern: String) -> String? {
        // Most patterns open with something other than an assertion: tell from their first bytes, before copying and
        // scanning a pattern that may run to 100 kB.
        guard mayOpenWithAssertions(Array(pattern.utf8.prefix(16))) else { return nil }
        return guardedByWalking(Array(pattern.utf8))
    }

    /// `guarded` without the quick look at the first bytes (which `LeadingLookaheadTests` checks it against).
    static func guardedByWalking(_ bytes: [UInt8]) -> String? {
        // `\Q…\E` quotes what the walk below would read as syntax (a byte search: patterns run to 100 kB).
        guard !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "\\") && $1 == UInt8(ascii: "Q") })
        else { return nil }
        var open = 0
        while !bytes[open...].starts(with: Array("(?!".utf8)) {
            guard let length = assertionLength(at: open, in: bytes) else { return nil }
            open += length
        }
        guard let end = closingParenthesis(of: open, in: bytes), end + 1 < bytes.count else { return nil }
        let rest = Array(bytes[(end + 1)...])
        guard !startsWithQuantifier(rest), !hasCaptureGroups(rest) else { return nil }
        let body = String(decoding: rest, as: UTF8.self)
        return String(decoding: bytes[..<open], as: UTF8.self) + "(?=" + body + ")"
            + String(decoding: bytes[open...], as: UTF8.self)
    }

    /// False when the bytes show the pattern's first item after its simple assertions (`^`, `\A`, `\b`, `\B`, `\G`)
    /// is no look-around, so `guarded` has nothing to do; true when it is one, or when the bytes end first.
    static func mayOpenWithAssertions(_ bytes: [UInt8]) -> Bool {
        func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        var index = 0
        while let first = byte(index) {
            switch first {
            case UInt8(ascii: "^"):
                index += 1
            case UInt8(ascii: "\\"):
                guard let escaped = byte(index + 1) else { return true }
                guard Array("AbBG".utf8).contains(escaped) else { return false }
                index += 2
            case UInt8(ascii: "("):
                // `(?=`, `(?!`, `(?<=`, `(?<!`; not `(?:`, `(?i:`, `(?<name>`.
                guard let question = byte(index + 1) else { return true }
                guard question == UInt8(ascii: "?") else { return false }
                guard let kind = byte(index + 2) else { return true }
                if kind == UInt8(ascii: "=") || kind == UInt8(ascii: "!") { return true }
                guard kind == UInt8(ascii: "<") else { return false }
                guard let look = byte(index + 3) else { return true }
                return look == UInt8(ascii: "=") || look == UInt8(ascii: "!")
            default:
                return false
            }
        }
        return true
    }

    /// The length of the assertion that consumes nothing at `index` (`\A`, `^`, `\b`, `\B`, `\G`, `(?=…)`, `(?<=…)`,
    /// `(?<!…)`), when it is one and no quantifier follows it; nil otherwise.
    static func assertionLength(at index: Int, in bytes: [UInt8]) -> Int? {
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        let length: Int
        switch (byte(0), byte(1), byte(2), byte(3)) {
        case (UInt8(ascii: "^"), _, _, _):
            length = 1
        case (UInt8(ascii: "\\"), let escaped, _, _) where Array("AbBG".utf8).contains(escaped):
            length = 2
        case (UInt8(ascii: "("), UInt8(ascii: "?"), UInt8(ascii: "="), _),
            (UInt8(ascii: "("), UInt8(ascii: "?"), UInt8(ascii: "<"), UInt8(ascii: "=")),
            (UInt8(ascii: "("), UInt8(ascii: "?"), UInt8(ascii: "<"), UInt8(ascii: "!")):
            guard let close = closingParenthesis(of: index, in: bytes) else { return nil }
            length = close + 1 - index
        default:
            return nil
        }
        guard index + length < bytes.count, !startsWithQuantifier(Array(bytes[(index + length)...].prefix(1)))
        else { return nil }
        return length
    }

    /// The index of the `)` that closes the group opened at `open`, skipping escapes and character classes.
    static func closingParenthesis(of open: Int, in bytes: [UInt8]) -> Int? {
        var depth = 0
        var close: Int?
        let read = walk(bytes, from: open) { index, byte in
            if byte == UInt8(ascii: "(") { depth += 1 }
            guard byte == UInt8(ascii: ")") else { return true }
            depth -= 1
            if depth == 0 { close = index }
            return depth != 0
        }
        return read ? close : nil
    }

    /// Calls `body` with each byte outside escapes and character classes, in order, until it returns false; false
    /// when a class is never closed.
    static func walk(_ bytes: [UInt8], from start: Int, _ body: (Int, UInt8) -> Bool) -> Bool {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: "["):
                guard let classEnd = endOfClass(from: index, in: bytes) else { return false }
                index = classEnd + 1
            default:
                guard body(index, bytes[index]) else { return true }
                index += 1
            }
        }
        return true
    }

    /// The index of the `]` that closes the class opened at `open` (a `]` first in the class, or after `^`, is
    /// a member; POSIX classes such as `[:alpha:]` are skipped whole).
    static func endOfClass(from open: Int, in bytes: [UInt8]) -> Int? {
        var index = open + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
                continue
            case UInt8(ascii: "[") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":"):
                guard let close = (index + 2..<bytes.count).first(where: { bytes[$0] == UInt8(ascii: "]") }) else {
                    return nil
                }
                index = close + 1
                continue
            case UInt8(ascii: "]"):
                return index
            default:
                index += 1
            }
        }
        return nil
    }

    static func startsWithQuantifier(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return true }
        return first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || first == UInt8(ascii: "?")
            || first == UInt8(ascii: "{")
    }

    /// True when the text opens a capturing group: `(` not followed by `?` or `*`, or a named group.
    static func hasCaptureGroups(_ bytes: [UInt8]) -> Bool {
        func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        var found = false
        let read = walk(bytes, from: 0) { index, current in
            guard current == UInt8(ascii: "(") else { return true }
            let next = byte(index + 1)
            if next != UInt8(ascii: "?") && next != UInt8(ascii: "*") {
                found = true
            } else if next == UInt8(ascii: "?") {
                let kind = byte(index + 2)
                let named =
                    kind == UInt8(ascii: "<") && byte(index + 3) != UInt8(ascii: "=")
                    && byte(index + 3) != UInt8(ascii: "!")
                found = kind == UInt8(ascii: "P") || kind == UInt8(ascii: "'") || kind == UInt8(ascii: "|") || named
            }
            return !found
        }
        return found || !read
    }
}
