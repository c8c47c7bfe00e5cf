import PorchModel

/// One rule from a file under `Rules/`: what it finds, why, and the examples that prove it.
public struct Rule: Sendable {
    /// A dotted id that starts with the lane, e.g. `pii.phone.nanp`.
    public let id: String
    /// One sentence saying what the rule catches.
    public let description: String
    /// Where the rule is written.
    public let location: RuleLocation
    /// A PCRE2 pattern or literal phrases.
    public let matcher: RuleMatcher
    /// Texts the rule must match; `[[...]]` marks the exact span where given.
    public let matchExamples: [RuleExample]
    /// Texts the rule must not match.
    public let noMatchExamples: [RuleExample]
    /// What kind of rule it is, with the fields that kind adds.
    public let kind: Kind

    public enum Kind: Sendable {
        case pii(PIIDetails)
        /// Text the PII lane never scrubs (public helplines and the like).
        case allow
        case crisis(CrisisDetails)
        /// A context cue that lowers crisis matches near it.
        case context(ContextDetails)
        /// A spam signal: `score` adds to the post's spam score. A `warning` rule finds a member warning others
        /// about a scam: while one matches outside quotation marks, what the other rules find only inside them is
        /// the scam being quoted and scores nothing.
        case spam(score: Double, warning: Bool)
    }

    public init(
        id: String, description: String, location: RuleLocation, matcher: RuleMatcher,
        matchExamples: [RuleExample], noMatchExamples: [RuleExample], kind: Kind
    ) {
        self.id = id
        self.description = description
        self.location = location
        self.matcher = matcher
        self.matchExamples = matchExamples
        self.noMatchExamples = noMatchExamples
        self.kind = kind
    }

    /// The same rule without its examples, which only the check reads (what a prepared folder keeps).
    public var withoutExamples: Rule {
        Rule(
            id: id, description: description, location: location, matcher: matcher, matchExamples: [],
            noMatchExamples: [], kind: kind)
    }
}

/// A file and position, printed as `file:line:column`.
public struct RuleLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition

    public init(file: String, position: SourcePosition) {
        self.file = file
        self.position = position
    }

    public var description: String { "\(file):\(position)" }
}

/// How a rule finds text: a PCRE2 pattern, or literal phrases matched as whole words, ignoring case.
public struct RuleMatcher: Sendable {
    public enum Source: Sendable, Hashable {
        case pattern(String)
        case phrases([String])
    }

    public let source: Source
    /// Where the pattern or phrase list is written, for compile errors.
    public let position: SourcePosition
    /// Letters match regardless of case (always true for phrases).
    public let caseless: Bool
    /// `\w`, `\d` and `\b` follow Unicode (slower; most rules do not need it).
    public let unicodeClasses: Bool
    /// The concept lists (`{name}`) written in the rule, now expanded in `source`: PCRE2's offsets no
    /// longer point into the text as written.
    public let concepts: [String]

    public init(
        source: Source, position: SourcePosition, caseless: Bool, unicodeClasses: Bool, concepts: [String] = []
    ) {
        self.source = source
        self.position = position
        self.caseless = caseless
        self.unicodeClasses = unicodeClasses
        self.concepts = concepts
    }
}

/// An example text, with the spans `[[...]]` marked in it (Unicode scalar offsets, markers removed).
public struct RuleExample: Sendable, Hashable {
    public let text: String
    public let marked: [Range<Int>]
    public let position: SourcePosition

    public init(text: String, marked: [Range<Int>], position: SourcePosition) {
        self.text = text
        self.marked = marked
        self.position = position
    }

    /// Reads `[[` and `]]` markers out of an example as written in a rule file (marks in Unicode scalar offsets).
    public static func parse(_ written: String, position: SourcePosition) -> RuleExample? {
        let bytes = Array(written.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var marked: [Range<Int>] = []
        var openAt: Int?
        var scalars = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let pair = index + 1 < bytes.count && bytes[index + 1] == byte
            if pair, byte == UInt8(ascii: "[") {
                guard openAt == nil else { return nil }
                openAt = scalars
                index += 2
            } else if pair, byte == UInt8(ascii: "]"), let start = openAt {
                marked.append(start..<scalars)
                openAt = nil
                index += 2
            } else {
                text.append(byte)
                if byte & 0xC0 != 0x80 { scalars += 1 }
                index += 1
            }
        }
        guard openAt == nil else { return nil }
        return RuleExample(text: String(decoding: text, as: UTF8.self), marked: marked, position: position)
    }
}

/// What a PII rule adds: the type it finds, the placeholder it leaves, and the checks that confirm a match.
public struct PIIDetails: Sendable {
    /// The kind of identifying detail, e.g. `PHONE`.
    public let type: String
    /// The word in the placeholder, e.g. `phone` gives `[phone 1]`.
    public let placeholder: String
    /// A named capture group to redact instead of the whole match.
    public let group: String?
    /// A check the matched text must pass, e.g. Luhn for card numbers.
    public let validator: Validator?
    /// Words one of which must appear shortly before the match (empty: no such requirement). With a word
    /// window (`contextWords`) an entry is a phrase of whole words, a final `*` standing for any letters, and a
    /// `{name}` entry in the file has been replaced by the entries of that concept list.
    public let context: [String]
    /// How many characters before the match the context words are looked for in (when `contextWords` is nil).
    public let contextWindow: Int
    /// The window in whole words before and after the match, across sentences (nil: `contextWindow` characters
    /// before the match).
    public let contextWords: ContextWords?
    /// Values this rule never redacts (compared ignoring case, spaces and punctuation).
    public let exceptions: [String]
    /// Named groups whose text must be in a word list (`group = "list"`).
    public let inList: [String: String]
    /// Named groups whose text must not be in a word list.
    public let notInList: [String: String]

    public init(
        type: String, placeholder: String, group: String?, validator: Validator?, context: [String],
        contextWindow: Int, contextWords: ContextWords? = nil, exceptions: [String], inList: [String: String],
        notInList: [String: String]
    ) {
        self.type = type
        self.placeholder = placeholder
        self.group = group
        self.validator = validator
        self.context = context
        self.contextWindow = contextWindow
        self.contextWords = contextWords
        self.exceptions = exceptions
        self.inList = inList
        self.notInList = notInList
    }
}

extension PIIDetails {
    /// The same details with other context cues (the loader puts a concept list's entries in its place).
    public func withContext(_ cues: [String]) -> PIIDetails {
        PIIDetails(
            type: type, placeholder: placeholder, group: group, validator: validator, context: cues,
            contextWindow: contextWindow, contextWords: contextWords, exceptions: exceptions, inList: inList,
            notInList: notInList)
    }
}

/// A context window counted in whole words: `context_before = 12` and `context_after = 6` in a rule file.
public struct ContextWords: Sendable, Hashable {
    /// Words before the match in which a cue counts.
    public let before: Int
    /// Words after the match in which a cue counts.
    public let after: Int

    public init(before: Int, after: Int) {
        self.before = before
        self.after = after
    }
}

/// Checks a matched value must pass before it is redacted.
public enum Validator: String, Sendable, CaseIterable {
    /// Payment card numbers: the Luhn checksum.
    case luhn
    /// IBANs: country length and the ISO 7064 mod-97 check.
    case iban
    /// North American numbers: area code and exchange do not start with 0 or 1, and not 555-01xx-style N11 codes.
    case nanp
    /// US Social Security numbers: area not 000, 666 or 9xx; group not 00; serial not 0000.
    case ssn
}

/// What a crisis rule adds: its category, its level and, for a rule that counts with others, its weight.
public struct CrisisDetails: Sendable {
    public let category: String
    /// `none` for a signal (`level = "signal"`): a rule that raises nothing alone and counts only by its weight.
    public let level: CrisisLevel
    /// The points a match brings to its category (`weight`); nil: none, the rule stands on its level alone.
    public let weight: Double?

    public init(category: String, level: CrisisLevel, weight: Double? = nil) {
        self.category = category
        self.level = level
        self.weight = weight
    }

    /// The points a match of this rule brings when no context cue lowers it: its weight, or none.
    public var points: Double { weight ?? 0 }

    /// The points of a level: a category whose matches add up to `points(for: .concern)` is at least concern,
    /// to `points(for: .crisis)` crisis.
    public static func points(for level: CrisisLevel) -> Double {
        switch level {
        case .none: return 0
        case .concern: return 1
        case .crisis: return 3
        }
    }

    /// The levels a crisis rule file may give; `signal` needs a `weight`.
    public static let levelNames = ["crisis", "concern", "signal"]

    /// The categories the product knows.
    public static let categories = [
        "suicide", "self_harm", "harm_to_child", "abuse_violence", "medical_emergency", "substance_overdose",
        "eating_disorder",
    ]
}

/// The kind of context that changes how a crisis match is read (in the spirit of NegEx/ConText).
public enum ContextKind: String, Sendable, CaseIterable {
    /// "I'm not going to…": lowers crisis to concern.
    case negation
    /// "two years ago I…": lowers crisis to concern.
    case past
    /// "my friend said she…": lowers crisis to concern.
    case otherPerson = "other_person"
    /// "what if…": lowers crisis to concern.
    case hypothetical
    /// "in the news", "the film": lowers crisis to concern.
    case media
    /// "this teething is killing me": the match stays listed but raises no flag.
    case idiom
}

/// What a context cue adds: its kind and the window of words it reaches.
public struct ContextDetails: Sendable {
    public let kind: ContextKind
    /// Words before a crisis match in which the cue counts.
    public let before: Int
    /// Words after a crisis match in which the cue counts.
    public let after: Int
    /// Whether the cue counts when it lies wholly inside the crisis words. Only an idiom does by default (it may be
    /// written as the whole everyday phrase, "killing me"); a cue with `inside = false` is then part of the crisis
    /// words ("8 months clean" inside "holding the lighter … 8 months clean").
    public let countsInside: Bool
    /// `unless`: patterns any of which, found anywhere in the post, makes the cue stand aside. A cue that needs a
    /// post with no risk word says so here rather than in a lookahead of its own pattern, which PCRE2's size limit
    /// would cap; each pattern is compiled on its own, so a long list of risk words can be split over several.
    public let unless: [RuleMatcher]

    public init(
        kind: ContextKind, before: Int, after: Int, countsInside: Bool? = nil, unless: [RuleMatcher] = []
    ) {
        self.kind = kind
        self.before = before
        self.after = after
        self.countsInside = countsInside ?? (kind == .idiom)
        self.unless = unless
    }

    /// The same cue with other `unless` patterns (their concept lists expanded).
    public func withUnless(_ unless: [RuleMatcher]) -> ContextDetails {
        ContextDetails(kind: kind, before: before, after: after, countsInside: countsInside, unless: unless)
    }
}

/// A `[[resource]]` entry of `resources.toml`: the resource, when it was last checked and where it is written.
public struct ResourceEntry: Sendable {
    public let resource: Resource
    public let verified: TOMLDate
    public let location: RuleLocation

    public init(resource: Resource, verified: TOMLDate, location: RuleLocation) {
        self.resource = resource
        self.verified = verified
        self.location = location
    }
}

/// Every rule, word list and resource Porch runs with, loaded from a `Rules/` folder.
public struct RuleSet: Sendable {
    public var rules: [Rule] = []
    /// Texts the whole PII lane must leave unchanged (doses, times, helplines…).
    public var untouched: [(text: String, location: RuleLocation)] = []
    /// Word lists by name (file name without `.txt`), lower-cased.
    public var lists: [String: WordSet] = [:]
    /// The names of the lists of single words (`WordList.isSingleWords`).
    public var singleWordLists: Set<String> = []
    public var resources: [ResourceEntry] = []
    /// National crisis and support lines the PII lane never scrubs (`[[helpline]]` in `resources.toml`).
    public var helplines: [Helpline] = []
    /// The spam score at or above which a post is spam.
    public var spamThreshold: Double = 5
    /// The spam score at or above which a post is `suspect` (`suspect_threshold` in a spam file's `[settings]`);
    /// nil means three fifths of `spamThreshold`.
    public var spamSuspectThreshold: Double?
    /// The region whose resources are shown when the group names none.
    public var defaultRegion: String = "US"
    /// Every file that was read, relative to the rules folder.
    public var files: [String] = []
    /// The learned models under `model/` (`crisis.tsv`, `spam.tsv`, `spam-starter.tsv`): file name to text.
    /// The screening lanes parse them; a missing file means the lane runs on its rules alone.
    public var modelFiles: [String: String] = [:]

    public init() {}

    /// The same set with only the PII and allow rules: all `porch scrub` runs (and compiles).
    public var piiOnly: RuleSet {
        var set = self
        set.rules.removeAll { rule in
            switch rule.kind {
            case .pii, .allow: return false
            case .crisis, .context, .spam: return true
            }
        }
        // The learned weights are not compiled for the PII lane; the spam filter's starter is only text.
        set.modelFiles = set.modelFiles.filter { $0.key == "spam-starter.tsv" }
        return set
    }
}
