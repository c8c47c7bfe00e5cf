import Foundation
import PCRE2
import PorchRules
import Synchronization

/// The pattern that finds an author's known names and addresses in a post, compiled once per author: an import
/// brings many posts by the same members, and compiling a pattern cost more than screening the post.
final class KnownPatterns: Sendable {
    /// A compiled pattern and the type of each of its numbered groups (group `k + 1` is `types[k]`).
    struct Compiled: Sendable {
        let regex: Regex
        let types: [String]
    }

    /// The most authors kept; past it the cache starts over (a bound on memory, not a policy).
    static let capacity = 4_096

    private let cache = Mutex<[KnownIdentifiers: Compiled]>([:])
    /// Everyday words that are also names ("Will", "Hope"): such a part of a name counts only written as a name.
    private let commonWords: WordSet
    /// Everyday words ("in", "the", "mum"): a part of an author's name or handle in this list is not scrubbed
    /// on its own ("sleepless_in_leeds" must not remove every "in").
    private let notNames: WordSet
    /// Given names and surnames (two lists, asked in turn: joining them would cost every start a set of
    /// thousands): a part of an author's email address is scrubbed on its own only if it is in one.
    private let nameWords: [WordSet]

    init(commonWords: WordSet, notNames: WordSet, nameWords: [WordSet]) {
        self.commonWords = commonWords
        self.notNames = notNames
        self.nameWords = nameWords
    }

    /// The compiled pattern for `known`, or nil when nothing in it is long enough to look for.
    func compiled(for known: KnownIdentifiers) throws(PCRE2Error) -> Compiled? {
        if let cached = cache.withLock({ $0[known] }) { return cached }
        let alternatives = self.alternatives(for: known)
        guard !alternatives.isEmpty else { return nil }
        let branches = alternatives.enumerated().map { index, item in
            func quoted(_ text: String) -> String { "\\Q" + text.replacing("\\E", with: "\\E\\\\E\\Q") + "\\E" }
            // A part that is also a common word ("Will") only counts written as a name: capitalised or in capitals.
            let body =
                item.caseless
                ? "(?i:\(quoted(item.text)))"
                : "(?-i:\(quoted(Scrubber.capitalised(item.text)))|\(quoted(item.text.uppercased())))"
            return "(?<k\(index)>" + body + ")"
        }
        let pattern = "(?<![\\p{L}\\p{N}])(?:" + branches.joined(separator: "|") + ")(?![\\p{L}\\p{N}])"
        let compiled = Compiled(regex: try Regex(pattern), types: alternatives.map(\.type))
        cache.withLock { cache in
            if cache.count >= KnownPatterns.capacity { cache.removeAll(keepingCapacity: true) }
            cache[known] = compiled
        }
        return compiled
    }

    /// What to look for, longest first: whole names and addresses, an address's local part, and the parts of
    /// a name (a part that is an everyday word only when written as a name).
    func alternatives(for known: KnownIdentifiers) -> [(text: String, type: String, caseless: Bool)] {
        var alternatives: [(text: String, type: String, caseless: Bool)] = []
        for address in known.addresses where address.count >= 3 {
            alternatives.append((address, "EMAIL", true))
            if let at = address.firstIndex(of: "@") {
                let local = address[..<at]
                if local.count >= 4 { alternatives.append((String(local), "EMAIL", true)) }
                for token in local.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                where token.count >= 3 && nameWords.contains(where: { $0.contains(token.lowercased()) }) {
                    alternatives.append((String(token), "PERSON", !commonWords.contains(token.lowercased())))
                }
            }
        }
        for name in known.names {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.count >= 2 { alternatives.append((trimmed, "PERSON", true)) }
            for part in trimmed.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" })
            where part.count >= 2
                && (!notNames.contains(part.lowercased()) || commonWords.contains(part.lowercased()))
            {
                alternatives.append((String(part), "PERSON", !commonWords.contains(part.lowercased())))
            }
        }
        return alternatives.sorted { $0.text.count > $1.text.count }
    }
}
