import PorchModel

/// A loaded `RuleSet` (and the loader's warnings) as bytes, and back: what a one-post command keeps between runs so
/// it need not parse every rule file, expand every concept list and read every word list again
/// (`PreparedRules` in PorchScreening keeps it, under the stamps of every file of the folder and of the binary).
///
/// The bytes are this build's own layout, in this machine's byte order; the cache that keeps them is keyed by the
/// binary's stamp, so another build never reads them. `decode` checks every length against the bytes there are and
/// returns nil rather than read past them; a checksum over the whole file (the cache's) guards against damage.
public enum RuleSetSnapshot {
    /// `set` and `warnings` as bytes.
    public static func encode(_ set: RuleSet, warnings: [RuleDiagnostic]) -> [UInt8] {
        var out = SnapshotWriter()
        out.array(set.rules) { $0.rule($1) }
        out.array(set.untouched) { out, entry in
            out.string(entry.text)
            out.location(entry.location)
        }
        out.array(set.lists.sorted { $0.key < $1.key }) { out, list in
            out.string(list.key)
            out.bytes(list.value.stored)
        }
        out.array(set.singleWordLists.sorted()) { $0.string($1) }
        out.array(set.resources) { out, entry in
            out.resource(entry.resource)
            out.date(entry.verified)
            out.location(entry.location)
        }
        out.array(set.helplines) { out, helpline in
            out.string(helpline.region)
            out.string(helpline.name)
            out.strings(helpline.numbers)
            out.date(helpline.verified)
            out.location(helpline.location)
        }
        out.double(set.spamThreshold)
        out.optional(set.spamSuspectThreshold) { $0.double($1) }
        out.string(set.defaultRegion)
        out.strings(set.files)
        out.array(set.modelFiles.sorted { $0.key < $1.key }) { out, file in
            out.string(file.key)
            out.string(file.value)
        }
        out.array(warnings) { out, warning in
            out.bool(warning.severity == .error)
            out.string(warning.file)
            out.optional(warning.position) { $0.position($1) }
            out.optional(warning.ruleID) { $0.string($1) }
            out.string(warning.message)
        }
        return out.bytes
    }

    /// The set and warnings `encode` wrote; nil when the bytes are not a whole snapshot. `checksummed` says the
    /// caller has verified a checksum over the bytes (`PreparedRules`): the word lists' tables are then taken
    /// without reading every entry and slot again (their sizes are still checked), a few milliseconds of a
    /// one-post command; and when the bytes lie in a mapped `file`, the tables are read there in place rather than
    /// copied (the file is kept mapped while a list uses it).
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, checksummed: Bool = false, in file: MappedFile? = nil
    ) -> (RuleSet, warnings: [RuleDiagnostic])? {
        var input = SnapshotReader(bytes, checksummed: checksummed, in: file)
        do {
            var set = RuleSet()
            set.rules = try input.array { try $0.rule() }
            set.untouched = try input.array { input in (try input.string(), try input.location()) }
            for (name, words) in try input.array({ input in (try input.string(), try input.wordSet()) }) {
                set.lists[name] = words
            }
            set.singleWordLists = Set(try input.array { try $0.string() })
            set.resources = try input.array { input in
                ResourceEntry(
                    resource: try input.resource(), verified: try input.date(), location: try input.location())
            }
            set.helplines = try input.array { input in
                Helpline(
                    region: try input.string(), name: try input.string(), numbers: try input.strings(),
                    verified: try input.date(), location: try input.location())
            }
            set.spamThreshold = try input.double()
            set.spamSuspectThreshold = try input.optional { try $0.double() }
            set.defaultRegion = try input.string()
            set.files = try input.strings()
            for (name, text) in try input.array({ input in (try input.string(), try input.string()) }) {
                set.modelFiles[name] = text
            }
            let warnings = try input.array { input in
                let severity: RuleDiagnostic.Severity = try input.bool() ? .error : .warning
                let file = try input.string()
                let position = try input.optional { try $0.position() }
                let ruleID = try input.optional { try $0.string() }
                return RuleDiagnostic(severity, file: file, position: position, ruleID: ruleID, try input.string())
            }
            guard input.isAtEnd else { return nil }
            return (set, warnings)
        } catch {
            return nil
        }
    }
}

/// Appends values as bytes: integers as 64 bits, a string as its UTF-8 length and bytes, an array as its count and
/// elements, an optional as a flag and the value.
struct SnapshotWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value)) { bytes += $0 } }
    mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern) { bytes += $0 } }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func bytes(_ value: [UInt8]) {
        int(value.count)
        bytes += value
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes += utf8
        }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    mutating func array<Element>(_ values: [Element], _ element: (inout SnapshotWriter, Element) -> Void) {
        int(values.count)
        for value in values { element(&self, value) }
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout SnapshotWriter, Value) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func dictionary(_ values: [String: String]) {
        array(values.sorted { $0.key < $1.key }) { out, entry in
            out.string(entry.key)
            out.string(entry.value)
        }
    }

    mutating func position(_ value: SourcePosition) {
        int(value.line)
        int(value.column)
    }

    mutating func location(_ value: RuleLocation) {
        string(value.file)
        position(value.position)
    }

    mutating func date(_ value: TOMLDate) {
        int(value.year)
        int(value.month)
        int(value.day)
    }

    mutating func resource(_ value: Resource) {
        string(value.name)
        string(value.contact)
        string(value.region)
        optional(value.url) { $0.string($1) }
        strings(value.categories)
    }

    mutating func matcher(_ value: RuleMatcher) {
        switch value.source {
        case .pattern(let pattern):
            bool(true)
            string(pattern)
        case .phrases(let phrases):
            bool(false)
            strings(phrases)
        }
        position(value.position)
        bool(value.caseless)
        bool(value.unicodeClasses)
        strings(value.concepts)
    }

    mutating func example(_ value: RuleExample) {
        string(value.text)
        array(value.marked) { out, range in
            out.int(range.lowerBound)
            out.int(range.upperBound)
        }
        position(value.position)
    }

    mutating func rule(_ value: Rule) {
        string(value.id)
        string(value.description)
        location(value.location)
        matcher(value.matcher)
        array(value.matchExamples) { $0.example($1) }
        array(value.noMatchExamples) { $0.example($1) }
        switch value.kind {
        case .pii(let details):
            int(0)
            string(details.type)
            string(details.placeholder)
            optional(details.group) { $0.string($1) }
            optional(details.validator) { $0.string($1.rawValue) }
            strings(details.context)
            int(details.contextWindow)
            optional(details.contextWords) { out, words in
                out.int(words.before)
                out.int(words.after)
            }
            strings(details.exceptions)
            dictionary(details.inList)
            dictionary(details.notInList)
        case .allow:
            int(1)
        case .crisis(let details):
            int(2)
            string(details.category)
            string(details.level.rawValue)
            optional(details.weight) { $0.double($1) }
        case .context(let details):
            int(3)
            string(details.kind.rawValue)
            int(details.before)
            int(details.after)
            bool(details.countsInside)
            array(details.unless) { $0.matcher($1) }
        case .spam(let score, let warning):
            int(4)
            double(score)
            bool(warning)
        }
    }
}

/// Reads what `SnapshotWriter` wrote, checking every length against the bytes left.
struct SnapshotReader {
    /// The bytes ran out, or a value is not one the writer writes.
    struct Short: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    /// The bytes passed a checksum the caller verified (`RuleSetSnapshot.decode(_:checksummed:in:)`).
    private let checksummed: Bool
    /// The mapped file that holds the bytes, whose word lists are then read in place.
    private let file: MappedFile?

    init(_ bytes: UnsafeRawBufferPointer, checksummed: Bool = false, in file: MappedFile? = nil) {
        self.bytes = bytes
        self.checksummed = checksummed
        self.file = file
    }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else { throw Short() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func int() throws -> Int { Int(try take(8).loadUnaligned(as: Int64.self)) }
    mutating func double() throws -> Double { Double(bitPattern: try take(8).loadUnaligned(as: UInt64.self)) }

    mutating func bool() throws -> Bool {
        switch try take(1)[0] {
        case 0: return false
        case 1: return true
        default: throw Short()
        }
    }

    mutating func string() throws -> String { String(decoding: try take(try int()), as: UTF8.self) }
    mutating func strings() throws -> [String] { try array { try $0.string() } }

    mutating func wordSet() throws -> WordSet {
        let stored = try take(try int())
        if checksummed, let file {
            guard let words = WordSet(stored: stored, in: file) else { throw Short() }
            return words
        }
        guard let words = WordSet(stored: stored, checked: !checksummed) else { throw Short() }
        return words
    }

    mutating func array<Element>(_ element: (inout SnapshotReader) throws -> Element) throws -> [Element] {
        let count = try int()
        // Every element takes at least a byte, so a count above the bytes left is damage, not a long array.
        guard count >= 0, count <= bytes.count - offset else { throw Short() }
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self)) }
        return values
    }

    mutating func optional<Value>(_ read: (inout SnapshotReader) throws -> Value) throws -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func dictionary() throws -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in try array({ input in (try input.string(), try input.string()) }) { values[key] = value }
        return values
    }

    mutating func position() throws -> SourcePosition { SourcePosition(line: try int(), column: try int()) }
    mutating func location() throws -> RuleLocation { RuleLocation(file: try string(), position: try position()) }
    mutating func date() throws -> TOMLDate { TOMLDate(year: try int(), month: try int(), day: try int()) }

    mutating func resource() throws -> Resource {
        Resource(
            name: try string(), contact: try string(), region: try string(), url: try optional { try $0.string() },
            categories: try strings())
    }

    mutating func matcher() throws -> RuleMatcher {
        let source: RuleMatcher.Source = try bool() ? .pattern(try string()) : .phrases(try strings())
        return RuleMatcher(
            source: source, position: try position(), caseless: try bool(), unicodeClasses: try bool(),
            concepts: try strings())
    }

    mutating func example() throws -> RuleExample {
        let text = try string()
        let marked = try array { input throws -> Range<Int> in
            let (lower, upper) = (try input.int(), try input.int())
            guard lower <= upper else { throw Short() }
            return lower..<upper
        }
        return RuleExample(text: text, marked: marked, position: try position())
    }

    mutating func rule() throws -> Rule {
        let id = try string()
        let description = try string()
        let location = try location()
        let matcher = try matcher()
        let matchExamples = try array { try $0.example() }
        let noMatchExamples = try array { try $0.example() }
        let kind: Rule.Kind
        switch try int() {
        case 0:
            let type = try string()
            let placeholder = try string()
            let group = try optional { try $0.string() }
            let validator = try optional { input throws -> Validator in
                guard let validator = Validator(rawValue: try input.string()) else { throw Short() }
                return validator
            }
            let context = try strings()
            let contextWindow = try int()
            let contextWords = try optional { input in ContextWords(before: try input.int(), after: try input.int()) }
            kind = .pii(
                PIIDetails(
                    type: type, placeholder: placeholder, group: group, validator: validator, context: context,
                    contextWindow: contextWindow, contextWords: contextWords, exceptions: try strings(),
                    inList: try dictionary(), notInList: try dictionary()))
        case 1:
            kind = .allow
        case 2:
            let category = try string()
            guard let level = CrisisLevel(rawValue: try string()) else { throw Short() }
            kind = .crisis(CrisisDetails(category: category, level: level, weight: try optional { try $0.double() }))
        case 3:
            guard let contextKind = ContextKind(rawValue: try string()) else { throw Short() }
            kind = .context(
                ContextDetails(
                    kind: contextKind, before: try int(), after: try int(), countsInside: try bool(),
                    unless: try array { try $0.matcher() }))
        case 4:
            kind = .spam(score: try double(), warning: try bool())
        default:
            throw Short()
        }
        return Rule(
            id: id, description: description, location: location, matcher: matcher, matchExamples: matchExamples,
            noMatchExamples: noMatchExamples, kind: kind)
    }
}
