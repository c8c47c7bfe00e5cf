import Foundation

/// Named concept lists inside patterns and phrases: `{relation}` in a rule stands for "any entry of
/// `lists/relation.txt`", so one list of ways to say a thing serves every rule that needs it.
///
/// An entry is literal text read the way a phrase is: any run of spaces matches any run of whitespace, an
/// apostrophe may be left out, and a `*` at the end of an entry stands for any letters ("overdos*" is
/// "overdose", "overdosed", "overdosing"). A concept always ignores case. `\{` is a literal brace, and so is
/// a brace after `\p`, `\x` and the like (`\p{Lu}`), or one that does not hold a name (`{2,3}`).
public enum ConceptLists {
    /// A `{name}` in a pattern or phrase, and where it stands (Unicode scalar offsets, braces included).
    public struct Reference: Sendable, Hashable {
        public let name: String
        public let range: Range<Int>
    }

    /// The concept references in a pattern or phrase, in order.
    public static func references(in text: String) -> [Reference] {
        let scalars = Array(text.unicodeScalars)
        var found: [Reference] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                // An escape: skip the escaped character, and the braced argument of `\p{…}` and its kin.
                let escaped = index + 1 < scalars.count ? scalars[index + 1] : " "
                index += 2
                if "pPxogkN".unicodeScalars.contains(escaped), index < scalars.count, scalars[index] == "{",
                    let close = scalars[index...].firstIndex(of: "}")
                {
                    index = close + 1
                }
                continue
            }
            if scalar == "{", let close = nameEnd(scalars, from: index + 1), close < scalars.count,
                scalars[close] == "}"
            {
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                found.append(Reference(name: name, range: index..<(close + 1)))
                index = close + 1
                continue
            }
            index += 1
        }
        return found
    }

    /// The end of a concept name starting at `start` (a lowercase letter, then letters, digits, `-`, `_`).
    private static func nameEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count, ("a"..."z").contains(scalars[start]) else { return nil }
        var end = start + 1
        while end < scalars.count,
            ("a"..."z").contains(scalars[end]) || ("0"..."9").contains(scalars[end]) || scalars[end] == "-"
                || scalars[end] == "_"
        {
            end += 1
        }
        return end
    }

    /// `text` with every reference replaced by its list as one caseless group, or the names no list has.
    public static func expand(_ text: String, lists: [String: WordSet]) -> Result<String, MissingConcepts> {
        expand(text, groups: Groups(lists))
    }

    /// `text` with every reference replaced by its list's group, or the names no list has.
    public static func expand(_ text: String, groups: Groups) -> Result<String, MissingConcepts> {
        let references = references(in: text)
        guard !references.isEmpty else { return .success(text) }
        let missing = references.map(\.name).filter { groups[$0] == nil }
        guard missing.isEmpty else { return .failure(MissingConcepts(names: missing)) }
        // Joined as strings, not scalar by scalar: a group can be thousands of characters long.
        let scalars = text.unicodeScalars
        var expanded = ""
        var index = scalars.startIndex
        var last = 0
        for reference in references {
            let start = scalars.index(index, offsetBy: reference.range.lowerBound - last)
            expanded += Substring(scalars[index..<start])
            expanded += groups[reference.name]!
            index = scalars.index(start, offsetBy: reference.range.count)
            last = reference.range.upperBound
        }
        expanded += Substring(scalars[index...])
        return .success(expanded)
    }

    /// A list as `(?i:(?:longest|…|shortest))`: longer entries first, so "kill myself" wins over "kill".
    /// Length is counted in UTF-8 bytes: an entry that begins another is always the shorter one.
    public static func group<Entries: Sequence<String>>(for entries: Entries) -> String {
        let alternatives = entries.sorted { first, second in
            let (firstLength, secondLength) = (first.utf8.count, second.utf8.count)
            return firstLength != secondLength
                ? firstLength > secondLength : first.utf8.lexicographicallyPrecedes(second.utf8)
        }.map(pattern(forEntry:))
        return "(?i:" + alternatives.joined(separator: "|") + ")"
    }

    /// Each list's group, built the first time a rule refers to it: many rules share a list, and a large
    /// list's group is the costliest part of reading the rules.
    public final class Groups {
        private let lists: [String: WordSet]
        private var built: [String: String] = [:]

        public init(_ lists: [String: WordSet]) { self.lists = lists }

        /// The group for the list `name`, or nil when there is no such list.
        public subscript(name: String) -> String? {
            if let group = built[name] { return group }
            guard let entries = lists[name] else { return nil }
            let group = ConceptLists.group(for: entries)
            built[name] = group
            return group
        }
    }

    /// One entry as a pattern: literal text, spaces as `\s+`, an optional apostrophe, a final `*` as letters.
    public static func pattern(forEntry entry: String) -> String {
        var text = entry.trimmingSpaces
        var stem = false
        if text.hasSuffix("*") {
            stem = true
            text = text.dropLast()
        }
        return PhrasePattern.literal(String(text)) + (stem ? "[\\p{L}']*" : "")
    }

    /// The names a pattern or phrase refers to that no list has.
    public struct MissingConcepts: Error, Sendable {
        public let names: [String]
    }
}

/// How a literal phrase reads as a pattern: whole words, ignoring case, a space for any run of whitespace,
/// an apostrophe that may be left out; `{name}` inside a phrase is a concept list (`ConceptLists`).
public enum PhrasePattern {
    /// Whole-word alternation of the phrases (longest first).
    public static func pattern(forPhrases phrases: [String]) -> String {
        let alternatives = phrases.sorted { $0.count > $1.count }.map(literal)
        return "(?<![\\p{L}\\p{N}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}])"
    }

    /// One phrase, escaped for PCRE2.
    public static func literal(_ phrase: String) -> String {
        var pattern = ""
        var pendingSpace = false
        for scalar in phrase.trimmingSpaces.unicodeScalars {
            if scalar == " " || scalar == "\t" {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                pattern += "\\s+"
                pendingSpace = false
            }
            switch scalar {
            case "'", "\u{2019}": pattern += "'?"
            case "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", "#", "-":
                pattern += "\\" + String(scalar)
            default:
                pattern.unicodeScalars.append(scalar)
            }
        }
        return pattern
    }

    /// Phrases that use concept lists, as one pattern: the literal parts escaped, each `{name}` its list.
    public static func pattern(forPhrases phrases: [String], lists: [String: WordSet]) -> Result<
        String, ConceptLists.MissingConcepts
    > {
        pattern(forPhrases: phrases, groups: ConceptLists.Groups(lists))
    }

    /// Phrases that use concept lists, as one pattern, each list's group taken from `groups`.
    public static func pattern(forPhrases phrases: [String], groups: ConceptLists.Groups) -> Result<
        String, ConceptLists.MissingConcepts
    > {
        var alternatives: [String] = []
        var missing: [String] = []
        for phrase in phrases.sorted(by: { $0.count > $1.count }) {
            let scalars = Array(phrase.trimmingSpaces.unicodeScalars)
            var pattern = ""
            var last = 0
            for reference in ConceptLists.references(in: String(String.UnicodeScalarView(scalars))) {
                pattern += piece(scalars[last..<reference.range.lowerBound])
                if let group = groups[reference.name] {
                    pattern += group
                } else {
                    missing.append(reference.name)
                }
                last = reference.range.upperBound
            }
            pattern += piece(scalars[last...])
            alternatives.append(pattern)
        }
        guard missing.isEmpty else { return .failure(ConceptLists.MissingConcepts(names: missing)) }
        return .success("(?<![\\p{L}\\p{N}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}])")
    }

    /// A literal stretch between concept references; its spaces at either end still stand for whitespace.
    static func piece(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        let text = String(String.UnicodeScalarView(scalars))
        let core = literal(text)
        let leading = text.first.map { $0 == " " || $0 == "\t" } ?? false
        let trailing = text.count > 1 && (text.last.map { $0 == " " || $0 == "\t" } ?? false)
        if core.isEmpty { return text.isEmpty ? "" : "\\s+" }
        return (leading ? "\\s+" : "") + core + (trailing ? "\\s+" : "")
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs at either end (Unicode space separators included), as
    /// `trimmingCharacters(in: .whitespaces)` but without Foundation's cost on every list entry.
    public var trimmingSpaces: Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (!scalar.isASCII && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(scalars[first...last])
    }
}
