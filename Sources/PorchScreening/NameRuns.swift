import PorchRules

/// Name runs: a found name, place or organisation takes the words next to it that a reader sees as part of the
/// same name, so no word of it is left behind its placeholder ("drives for [name 1] Coaches", "from Birth
/// [name 2]", "the unit, [name 1] maternity", "Bright Horizons [town 1]").
///
/// - After a finding, capitalised words joined to it by one space join it, up to four, with `of`, `of the`, `&`,
///   `and`, `for` (and `de`, `van`, …) between two of them. A lower-case kind of place (`org-kind-lower`: nursery,
///   surgery…, and `name-run-kind`: maternity, coaches…) right after it joins it too and ends the run.
/// - Before a finding, capitalised words join it the same way (and through `to`: "Bumps to Babes"), except at the
///   start of a sentence, where a word in the dictionary (`known-words`) is taken for an ordinary word
///   ("Yesterday Tom…"). A national service or chain right before it names its local branch and joins it too
///   ("Plunket [town 1]").
/// - The particles of a surname written in lower case (van, der, de la, bin) go with it: between two found words
///   ("Dr [name 1] der [name 2]" would leave "der") and before it after a title or a given name ("Mr van den …").
/// - A name written in lower case takes the lower-case word after it when the name lists hold that word and the
///   dictionary does not: its surname ("arjun mehta"). A name takes the second syllable hyphened to it ("Min-jun").
/// - A word in `name-run-stop` (titles, greetings, weekdays, months, "I"), `relation`, `public-names` (countries,
///   states) or `chain-stores` never joins otherwise, nor a word in capitals of four letters or fewer (GP, NHS,
///   NICU) or one in capitals that is in the dictionary, unless the kinds hold it ("[town 1] RSL"), nor a word
///   another finding holds (two names stay two placeholders), nor anything an allow rule keeps. After a finding,
///   initials and a nationality stand inside a run when a word that joins follows them ("[town 1] ADHD Parents",
///   "[town 1] Filipino Association"), never at its end ("[town 1] NHS").
/// - After an organisation, "of" and a state, province or country (`public-names`) join it and end the run: "[place 1]
///   of New Jersey".
/// - A town's or an organisation's own initials (three or four capitals that no dictionary, public name or
///   `acronym-not-place` holds) right after or before it join it, and the whole is an organisation: "Glossop RUFC",
///   "UPMC Altoona", "Clovelly SLSC". A person's never do ("[name 1] BSN").
///
/// - Capitalised words right before "in", "on", "at", "near" or "off" and a found town or street are what is there:
///   an organisation ("Desert Bloom Reproductive in [town 1]", "Little Acorns on [address 1]"). They become a
///   `[place N]` of their own: two words or more, or one the dictionary does not hold.
///
/// The run is on only where the rules have a `name-run-stop` list: a rule set without it is scrubbed as written.
struct NameRuns: Sendable {
    /// The finding types that take a run.
    static let types: Set<String> = ["PERSON", "LOCATION", "ORGANIZATION_LOCAL"]
    /// Small words that may stand between two capitalised words of one name ("Bumps to Babes", "Crumbs & Co"). Not
    /// "the": "Mr Hale the SENCo" is a name and a role.
    static let connectors: Set<String> = [
        "of", "&", "and", "n", "for", "to", "de", "du", "da", "la", "le", "van", "von", "der", "den", "y",
    ]
    /// The most words a run adds on each side.
    static let maxWords = 4
    /// The words between an organisation and the town or street it is in.
    static let placePrepositions: Set<String> = ["in", "on", "at", "near", "off"]
    /// The finding types an organisation before a preposition is in.
    static let placeTypes: Set<String> = ["LOCATION", "STREET_ADDRESS"]
    /// The rule id of an organisation found before its place (no rule file holds it: the runs are the Scrubber's).
    static let beforePlaceRule = "name-run.organisation-before-place"

    let stop: WordSet
    /// Relations, public names (countries, states, national services) and chain stores: never part of a local name.
    let others: [WordSet]
    let kinds: WordSet
    let known: WordSet
    /// National services and chains (`public-names`, `chain-stores`), whose local branch a place names.
    let branches: [WordSet]
    /// Chains alone (`chain-stores`): "the Tesco in [town 1]" is that town's branch. (Not `public-names`, which
    /// also holds languages and nationalities: "switching him to English at [place 1]".)
    let chains: [WordSet]
    /// Given names and surnames (`person-names`, `surnames`): in a name written in lower case, the word after it
    /// that is one of these and no dictionary word is its surname ("tomasz zieliński").
    let surnames: [WordSet]
    /// `relation` and `public-names` apart, for the words that may stand inside a run (`joinsInside`).
    let relations: WordSet?
    let publicNames: WordSet?
    /// Initials that name no one place (`acronym-not-place`: NHS, NICU, CAMHS, NSW): never a place's own initials.
    let acronyms: WordSet

    /// The runs of these rules, or nil when they have no `name-run-stop` list.
    init?(lists: [String: WordSet]) {
        guard let stop = lists["name-run-stop"] else { return nil }
        self.stop = stop
        others = ["relation", "public-names", "chain-stores"].compactMap { lists[$0] }
        kinds = WordSet((lists["org-kind-lower"] ?? []).map { $0 } + (lists["name-run-kind"] ?? []).map { $0 })
        known = lists["known-words"] ?? []
        branches = ["public-names", "chain-stores"].compactMap { lists[$0] }
        chains = ["chain-stores"].compactMap { lists[$0] }
        surnames = ["person-names", "surnames"].compactMap { lists[$0] }
        relations = lists["relation"]
        publicNames = lists["public-names"]
        acronyms = lists["acronym-not-place"] ?? []
    }

    /// One word of the text: its scalar range and its letters, lower-cased, without a possessive 's.
    private struct Word {
        let range: Range<Int>
        let lower: String
        let capitalised: Bool
        let allCaps: Bool

        /// "We're", "I'll", "Don't": a pronoun or a verb with its ending, never part of a name.
        var isContraction: Bool {
            ["'re", "'ve", "'ll", "'d", "'m", "n't", "’re", "’ve", "’ll", "’d", "’m", "n’t"].contains {
                lower.hasSuffix($0)
            }
        }
    }

    /// `findings` with each name, place and organisation widened over its run.
    func widen(_ findings: [Finding], in original: String, allowed: RangeIndex) -> [Finding] {
        guard findings.contains(where: { NameRuns.types.contains($0.type) || NameRuns.placeTypes.contains($0.type) })
        else { return findings }
        let scalars = Array(original.unicodeScalars)
        let found = RangeIndex(findings.map(\.range))
        let titleCase = NameRuns.isTitleCase(scalars)
        let widened = findings.map { finding in
            guard NameRuns.types.contains(finding.type), finding.range.upperBound <= scalars.count else {
                return finding
            }
            var range = finding.range
            var type = finding.type
            var placeholder = finding.placeholder
            if type == "PERSON", let syllable = lowerCaseSyllable(after: range.upperBound, in: scalars) {
                range = range.lowerBound..<syllable
            }
            if type == "PERSON", scalars[range.lowerBound].properties.isLowercase,
                let surname = lowerCaseSurname(after: range.upperBound, in: scalars, found: found, allowed: allowed)
            {
                range = range.lowerBound..<surname
            } else if let end = forward(
                from: range.upperBound, in: scalars, found: found, allowed: allowed, titleCase: titleCase,
                initials: type != "PERSON", organisation: type == "ORGANIZATION_LOCAL")
            {
                range = range.lowerBound..<end.end
                if end.kind && type == "PERSON" || end.initials {
                    type = "ORGANIZATION_LOCAL"
                    placeholder = "place"
                }
            }
            if let start = backward(
                from: range.lowerBound, in: scalars, found: found, allowed: allowed, titleCase: titleCase,
                initials: type != "PERSON")
            {
                range = start.start..<range.upperBound
                if start.initials {
                    type = "ORGANIZATION_LOCAL"
                    placeholder = "place"
                }
            }
            guard range != finding.range else { return finding }
            let value = String(String.UnicodeScalarView(scalars[range]))
            return Finding(
                rule: finding.rule, type: type, placeholder: placeholder, range: range,
                valueKey: Scrubber.valueKey(value), normalizedBytes: nil, rank: finding.rank)
        }
        let taken = RangeIndex(widened.map(\.range))
        let organisations = widened.compactMap { finding -> Finding? in
            guard NameRuns.placeTypes.contains(finding.type),
                let range = organisation(
                    before: finding.range.lowerBound, in: scalars, found: taken, allowed: allowed,
                    titleCase: titleCase)
            else { return nil }
            return Finding(
                rule: NameRuns.beforePlaceRule, type: "ORGANIZATION_LOCAL", placeholder: "place", range: range,
                valueKey: Scrubber.valueKey(String(String.UnicodeScalarView(scalars[range]))), normalizedBytes: nil,
                rank: 1)
        }
        return widened + organisations
    }

    /// The organisation named right before a town or street that starts at `position`: the capitalised words
    /// before "in", "on", "at", "near" or "off" ("Desert Bloom Reproductive in …", "Little Acorns on …"), two or
    /// more, or one the dictionary does not hold ("English in …" is a subject, "Kiwikids in …" a place); or a chain
    /// store, which is there the local branch ("the Tesco in …").
    private func organisation(
        before position: Int, in scalars: [Unicode.Scalar], found: RangeIndex, allowed: RangeIndex, titleCase: Bool
    ) -> Range<Int>? {
        guard let preposition = NameRuns.word(before: position, in: scalars), !preposition.capitalised,
            NameRuns.placePrepositions.contains(preposition.lower)
        else { return nil }
        // A chain right before "in" or "at" and its town is that town's branch ("the Tesco in [town 1]", "Woolies at
        // [town 1]"), even where an allow rule keeps the chain's name alone. Before a street ("Greggs on
        // [address 1]") the chain stays: the street already says which one.
        if preposition.lower == "in" || preposition.lower == "at",
            let last = NameRuns.word(before: preposition.range.lowerBound, in: scalars), last.capitalised,
            let start = branch(endingWith: last, in: scalars, found: found, of: chains)
        {
            return start..<last.range.upperBound
        }
        var start: Int?
        var words = 0
        var cursor = preposition.range.lowerBound
        var first: Word?
        while words < NameRuns.maxWords, var word = NameRuns.word(before: cursor, in: scalars) {
            if !word.capitalised {
                guard words > 0, NameRuns.connectors.contains(word.lower), word.lower != "to",
                    let previous = NameRuns.word(before: word.range.lowerBound, in: scalars)
                else { break }
                word = previous
            }
            guard joins(word, found: found, allowed: allowed, titleCase: titleCase) else { break }
            start = word.range.lowerBound
            first = word
            cursor = word.range.lowerBound
            words += 1
        }
        guard let start, let first else { return nil }
        // One word alone is an organisation only inside a sentence and out of the dictionary ("Kiwikids in …", not
        // "Creche in …" or "English in …").
        if words == 1, known.containsIgnoringAccents(first.lower) || NameRuns.startsSentence(start, in: scalars) {
            return nil
        }
        return start..<preposition.range.lowerBound - 1
    }

    /// Where the run after a finding ends (nil: it adds nothing), and whether it ended on a lower-case kind or on a
    /// place's initials (taken only with `initials`: after a town or an organisation, not a person).
    private func forward(
        from position: Int, in scalars: [Unicode.Scalar], found: RangeIndex, allowed: RangeIndex, titleCase: Bool,
        initials: Bool, organisation: Bool
    ) -> (end: Int, kind: Bool, initials: Bool)? {
        var end: Int?
        var endsOnInitials = false
        var cursor = position
        var added = 0
        while added < NameRuns.maxWords, let word = NameRuns.word(after: cursor, in: scalars) {
            if !word.capitalised {
                // A lower-case kind of place right after the name ends the run: "[name 1] maternity", "[town 1]
                // lions club" (two words the kinds hold together).
                if added == 0, !allowed.anyOverlaps(word.range) {
                    let pair = NameRuns.word(after: word.range.upperBound, in: scalars).flatMap { next in
                        !next.capitalised && kinds.contains(word.lower + " " + next.lower) ? next : nil
                    }
                    if let kind = pair ?? (kinds.contains(word.lower) ? word : nil) {
                        return (kind.range.upperBound, true, false)
                    }
                }
                // The particles between two found parts of one surname go with the first: "Dr [name 1] der [name 2]"
                // would leave "der" of "Van der Berg".
                if let particlesEnd = particles(from: word, before: found, in: scalars) {
                    return (particlesEnd, false, false)
                }
                // Not "to" after a name: "from Saskatoon to Ireland" is two places. "of the" joins as "of" does:
                // "[place 1] of the Sea", "Our Lady of the Rosary".
                guard NameRuns.connectors.contains(word.lower), word.lower != "to",
                    var next = NameRuns.word(after: word.range.upperBound, in: scalars)
                else { break }
                if word.lower == "of", !next.capitalised, next.lower == "the",
                    let named = NameRuns.word(after: next.range.upperBound, in: scalars)
                {
                    next = named
                }
                // An organisation "of" a state or a country is named after it, and the name ends there: "[place 1] of
                // New Jersey", "[place 1] of South Carolina". The state alone stays elsewhere.
                if organisation, word.lower == "of",
                    let state = publicName(startingWith: next, in: scalars, found: found)
                {
                    return (state, false, false)
                }
                guard joins(next, found: found, allowed: allowed, titleCase: titleCase) else { break }
                end = next.range.upperBound
                endsOnInitials = false
                cursor = next.range.upperBound
                added += 1
                continue
            }
            // A word before a colon is the next field's label: "Nom : [name 1] Prénom : …".
            guard !NameRuns.isLabel(word, in: scalars) else { break }
            guard joins(word, found: found, allowed: allowed, titleCase: titleCase) else {
                // Initials and a nationality join only inside the run, with a name word after them: "[town 1] ADHD
                // Parents", "[town 1] Filipino Association", "[town 1] NHS Trust"; not "[town 1] NHS" or "[name 1]
                // LOL".
                guard joinsInside(word, found: found, allowed: allowed) else { break }
                // A place's own initials may also end it: "[town 1] RUFC", "[place 1] SLSC"; not "[town 1] NHS".
                if initials, isPlaceInitials(word) {
                    end = word.range.upperBound
                    endsOnInitials = true
                }
                cursor = word.range.upperBound
                added += 1
                continue
            }
            end = word.range.upperBound
            endsOnInitials = false
            cursor = word.range.upperBound
            added += 1
        }
        return end.map { ($0, false, endsOnInitials) }
    }

    /// Where a public name (`public-names`: a state, a province, a country) of one to three capitalised words
    /// starting with `first` ends, the longest that the list holds; nil when none does or another finding holds one.
    private func publicName(startingWith first: Word, in scalars: [Unicode.Scalar], found: RangeIndex) -> Int? {
        guard let publicNames, first.capitalised else { return nil }
        var words = [first]
        while words.count < 3, let next = NameRuns.word(after: words[words.count - 1].range.upperBound, in: scalars),
            next.capitalised
        {
            words.append(next)
        }
        for count in stride(from: words.count, through: 1, by: -1) {
            let range = first.range.lowerBound..<words[count - 1].range.upperBound
            if publicNames.contains(words[..<count].map(\.lower).joined(separator: " ")), !found.anyOverlaps(range) {
                return range.upperBound
            }
        }
        return nil
    }

    /// True for initials of three or four capitals that may name one place ("RUFC", "UPMC", "SLSC"): no dictionary
    /// word, no public name, and none of the initials every hospital, county or country has (`acronym-not-place`:
    /// NHS, NICU, CAMHS, NSW, USA).
    private func isPlaceInitials(_ word: Word) -> Bool {
        word.allCaps && (3...4).contains(word.lower.unicodeScalars.count)
            && word.lower.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
            && !known.contains(word.lower) && !acronyms.contains(word.lower)
            && !others.contains(where: { $0.contains(word.lower) })
    }

    /// True when a capitalised word that does not join a run alone may stand inside one: initials of four letters or
    /// fewer (ADHD, SEND, NHS, GP) and a nationality or language (`public-names`: Filipino, Bengali), not a word
    /// the stop list, the relations or the chains hold.
    private func joinsInside(_ word: Word, found: RangeIndex, allowed: RangeIndex) -> Bool {
        guard word.capitalised, !word.isContraction, !stop.contains(word.lower),
            !found.anyOverlaps(word.range), !allowed.anyOverlaps(word.range)
        else { return false }
        let initials = word.allCaps && word.lower.unicodeScalars.count <= 4
        let nationality = publicNames?.contains(word.lower) ?? false
        return (initials || nationality) && !(relations?.contains(word.lower) ?? false)
            && !chains.contains(where: { $0.contains(word.lower) })
    }

    /// Particles of a surname (van, der, de la, bin...) that write it in lower case between two of its capitalised
    /// words.
    static let particles: Set<String> = [
        "van", "von", "der", "den", "de", "du", "da", "di", "del", "della", "dos", "das", "la", "le", "ter", "ten",
        "bin", "ibn",
    ]

    /// Where one or two particles starting with `word` end, when a found word comes right after them.
    private func particles(from word: Word, before found: RangeIndex, in scalars: [Unicode.Scalar]) -> Int? {
        var last = word
        var count = 0
        while NameRuns.particles.contains(last.lower), !last.capitalised, count < 2 {
            count += 1
            guard let next = NameRuns.word(after: last.range.upperBound, in: scalars) else { return nil }
            if next.capitalised { return found.anyOverlaps(next.range) ? last.range.upperBound : nil }
            last = next
        }
        return nil
    }

    /// Where the surname after a name written in lower case ends: the next word, in lower case too, when the name
    /// lists hold it and the dictionary does not ("arjun mehta", "ruth abernathy"; not "kristin vale").
    private func lowerCaseSurname(
        after position: Int, in scalars: [Unicode.Scalar], found: RangeIndex, allowed: RangeIndex
    ) -> Int? {
        guard let word = NameRuns.word(after: position, in: scalars), !word.capitalised,
            word.lower.unicodeScalars.count >= 3, !known.containsIgnoringAccents(word.lower),
            !stop.contains(word.lower), !others.contains(where: { $0.contains(word.lower) }),
            surnames.contains(where: { $0.containsIgnoringAccents(word.lower) }),
            !found.anyOverlaps(word.range), !allowed.anyOverlaps(word.range)
        else { return nil }
        return word.range.upperBound
    }

    /// Where the second syllable of a hyphenated given name ends, when the rules found only the first: "Min-jun",
    /// "Ji-woo", "Xiao-ming", "Sang-min" (a hyphen, then two to four lower-case letters that are no dictionary word,
    /// or two or three that are no English ending: "Sarah-ish" and "Leo-led" stay).
    private func lowerCaseSyllable(after position: Int, in scalars: [Unicode.Scalar]) -> Int? {
        guard position < scalars.count, scalars[position] == "-" else { return nil }
        var end = position + 1
        while end < scalars.count, scalars[end].properties.isLowercase { end += 1 }
        let letters = end - position - 1
        guard (2...4).contains(letters), end == scalars.count || !scalars[end].properties.isAlphabetic else {
            return nil
        }
        let syllable = String(String.UnicodeScalarView(scalars[(position + 1)..<end]))
        guard !known.contains(syllable) || (letters <= 3 && !NameRuns.englishEndings.contains(syllable)) else {
            return nil
        }
        return end
    }

    /// Short words an English writer hyphens to a name: "Sarah-ish", "Leo-led", "Mia-free".
    static let englishEndings: Set<String> = [
        "ish", "ism", "ist", "led", "era", "age", "ful", "fan", "mum", "mom", "dad", "son", "kid", "boy", "day", "and",
        "the", "for", "not", "yet", "too", "now", "way", "one", "two", "all", "off", "out", "per", "pro", "ex", "ly",
        "y", "ie", "ed", "er", "s", "in", "on", "up", "at", "to", "of", "as", "is", "it", "so", "no", "or", "an",
    ]

    /// Where the run before a finding starts (nil: it adds nothing), and whether it starts with a place's initials
    /// (taken only with `initials`).
    private func backward(
        from position: Int, in scalars: [Unicode.Scalar], found: RangeIndex, allowed: RangeIndex, titleCase: Bool,
        initials: Bool
    ) -> (start: Int, initials: Bool)? {
        // Particles of the surname before it, after a title or a given name: "Mr van den [name 1]".
        var particles: [Word] = []
        while particles.count < 2,
            let word = NameRuns.word(before: particles.first?.range.lowerBound ?? position, in: scalars),
            !word.capitalised, NameRuns.particles.contains(word.lower)
        {
            particles.insert(word, at: 0)
        }
        if let first = particles.first, let before = NameRuns.word(before: first.range.lowerBound, in: scalars),
            before.capitalised, !allowed.anyOverlaps(first.range.lowerBound..<position)
        {
            return (first.range.lowerBound, false)
        }
        var start: Int?
        var cursor = position
        var added = 0
        while added < NameRuns.maxWords, var word = NameRuns.word(before: cursor, in: scalars) {
            // A national service or chain right before the name is the name of its local branch, and ends the run:
            // "Plunket [town 1]", "Tesco [town 1]", "NCT [town 1]", "Salvation Army [town 1]".
            if added == 0, let branch = branch(endingWith: word, in: scalars, found: found) {
                return (branch, false)
            }
            // A place's initials right before it: "UPMC [town 1]", "NTCG [town 1]". They end the run.
            if added == 0, initials, word.capitalised, isPlaceInitials(word), !stop.contains(word.lower),
                !found.anyOverlaps(word.range), !allowed.anyOverlaps(word.range)
            {
                return (word.range.lowerBound, true)
            }
            var throughConnector = false
            if !word.capitalised {
                guard NameRuns.connectors.contains(word.lower),
                    let previous = NameRuns.word(before: word.range.lowerBound, in: scalars)
                else { break }
                word = previous
                throughConnector = true
            }
            guard joins(word, found: found, allowed: allowed, titleCase: titleCase) else { break }
            // A sentence's first word is capitalised anyway: it joins only when the dictionary does not hold it, and
            // never through a small word ("Shoutout to [name 1]").
            if NameRuns.startsSentence(word.range.lowerBound, in: scalars),
                throughConnector || known.contains(word.lower)
            {
                break
            }
            start = word.range.lowerBound
            cursor = word.range.lowerBound
            added += 1
        }
        return start.map { ($0, false) }
    }

    /// Where a national service or chain that ends with `word` starts: one to three capitalised words that
    /// `public-names` or `chain-stores` (or `names`, when given) hold together ("Plunket", "NCT", "Salvation Army",
    /// "Ronald McDonald House").
    /// An allow rule that keeps the national name alone does not keep it here: with its place it is the branch.
    private func branch(
        endingWith word: Word, in scalars: [Unicode.Scalar], found: RangeIndex, of names: [WordSet]? = nil
    ) -> Int? {
        var words = [word]
        while words.count < 3, let previous = NameRuns.word(before: words[0].range.lowerBound, in: scalars),
            previous.capitalised
        {
            words.insert(previous, at: 0)
        }
        for first in words.indices {
            let name = words[first...].map(\.lower).joined(separator: " ")
            let range = words[first].range.lowerBound..<word.range.upperBound
            guard words[first...].allSatisfy({ $0.capitalised && !stop.contains($0.lower) }),
                (names ?? branches).contains(where: { $0.contains(name) }), !found.anyOverlaps(range)
            else { continue }
            return range.lowerBound
        }
        return nil
    }

    /// True when a capitalised word may join a name run. In a post that capitalises most words, a capital says
    /// nothing, and only a word the dictionary does not hold joins.
    private func joins(_ word: Word, found: RangeIndex, allowed: RangeIndex, titleCase: Bool) -> Bool {
        guard word.capitalised, !word.isContraction, !stop.contains(word.lower),
            !others.contains(where: { $0.contains(word.lower) })
        else { return false }
        if word.allCaps, word.lower.unicodeScalars.count <= 4 || known.contains(word.lower), !kinds.contains(word.lower)
        {
            return false
        }
        if titleCase, known.contains(word.lower) { return false }
        return !found.anyOverlaps(word.range) && !allowed.anyOverlaps(word.range)
    }

    // MARK: Words

    /// True when a colon follows the word, after a space at most: a form's label.
    private static func isLabel(_ word: Word, in scalars: [Unicode.Scalar]) -> Bool {
        var next = word.range.upperBound
        if next < scalars.count, scalars[next] == " " { next += 1 }
        return next < scalars.count && scalars[next] == ":"
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.numericType != nil || scalar == "'" || scalar == "’" || scalar == "-"
            || scalar == "&" || scalar == "."
    }

    /// The word that starts one space after `position` (nil: no single space there, or no word after it).
    private static func word(after position: Int, in scalars: [Unicode.Scalar]) -> Word? {
        guard position + 1 < scalars.count, scalars[position] == " " else { return nil }
        var end = position + 1
        while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
        // A full stop ends the sentence, not the word ("… at Rosie Maternity."), unless the word is an initial.
        while end - (position + 1) > 3, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
        return makeWord(position + 1..<end, in: scalars)
    }

    /// The word that ends one space before `position` (nil: no single space there, or no word before it).
    private static func word(before position: Int, in scalars: [Unicode.Scalar]) -> Word? {
        guard position >= 2, position <= scalars.count, scalars[position - 1] == " " else { return nil }
        var start = position - 1
        while start > 0, isWordScalar(scalars[start - 1]) { start -= 1 }
        // A word with a full stop after it ends the sentence before, unless it is an initial or "St.".
        if position - 1 - start > 3, scalars[position - 2] == "." { return nil }
        return makeWord(start..<(position - 1), in: scalars)
    }

    private static func makeWord(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Word? {
        // A word starts with a letter ("&" stands for one): not with a digit, an apostrophe or a hyphen.
        guard let first = scalars[range].first, first.properties.isAlphabetic || first == "&" else { return nil }
        var text = String(String.UnicodeScalarView(scalars[range])).lowercased()
        for suffix in ["'s", "’s"] where text.hasSuffix(suffix) { text.removeLast(2) }
        while text.hasSuffix(".") { text.removeLast() }
        let letters = scalars[range].filter { $0.properties.isAlphabetic }
        return Word(
            range: range, lower: text, capitalised: first.properties.isUppercase,
            allCaps: letters.count > 1 && letters.allSatisfy { $0.properties.isUppercase })
    }

    /// True when most words of a post of six or more start with a capital ("My Husband Tom Said We Should Go").
    static func isTitleCase(_ scalars: [Unicode.Scalar]) -> Bool {
        var words = 0
        var capitalised = 0
        var inWord = false
        for scalar in scalars {
            let isLetter = scalar.properties.isAlphabetic
            if isLetter, !inWord {
                words += 1
                if scalar.properties.isUppercase { capitalised += 1 }
            }
            inWord = isLetter || scalar == "'" || scalar == "’"
        }
        return words >= 6 && capitalised * 2 > words
    }

    /// True when `position` starts a sentence: the text's start, or after a full stop, a line break, a colon, a
    /// bullet or a dash (spaces and quotes aside).
    private static func startsSentence(_ position: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var index = position
        while index > 0 {
            let scalar = scalars[index - 1]
            switch scalar {
            case " ", "\t", "\"", "“", "‘", "(", "[": index -= 1
            case ".", "!", "?", "\n", "\r", ":", ";", "•", "*", "-", "–", "—", "…": return true
            default: return false
            }
        }
        return true
    }
}
