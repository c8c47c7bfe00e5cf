import Foundation
import PorchModel

/// Loads a `Rules/` folder: `pii/`, `crisis/` and `spam/` TOML files, `lists/*.txt` and `resources.toml`.
///
/// A file with any error is refused as a whole; `load` throws every diagnostic at once so no rule is ever
/// silently skipped.
public enum RuleLoader {
    /// The lanes, each a folder of `.toml` files.
    static let lanes = ["pii", "crisis", "spam"]

    /// Loads every rule under `directory`, or throws all the errors found. `piiOnly` reads only what the PII lane
    /// runs (`pii/`, the lists, `resources.toml` for the helplines it keeps), as `RuleSet.piiOnly` holds it: for a
    /// folder whose pass is remembered, the crisis and spam files need not be read at all.
    public static func load(directory: String, piiOnly: Bool = false) throws(RuleLoadError) -> (
        RuleSet, warnings: [RuleDiagnostic]
    ) {
        var set = RuleSet()
        var diagnostics: [RuleDiagnostic] = []
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleLoadError([
                RuleDiagnostic(
                    .error, file: directory, position: nil,
                    "no rules folder here; pass the folder that holds pii/, crisis/ and spam/ (usually Rules/)")
            ])
        }
        let base = URL(fileURLWithPath: directory)

        // Word lists are read on another thread while the rule files are (the name lists are most of the
        // reading, and every command starts with it); rules only need the lists' names.
        let listFolder = base.appendingPathComponent("lists")
        let listFiles = sortedFiles(in: listFolder, ending: ".txt")
        let listNames = Set(listFiles.map { String($0.dropLast(4)) })
        let wordLists = WordListReading(folder: listFolder, files: listFiles)
        let lists = DispatchWorkItem { wordLists.read() }
        DispatchQueue.global(qos: .userInitiated).async(execute: lists)

        for lane in piiOnly ? ["pii"] : lanes {
            let folder = base.appendingPathComponent(lane)
            let files = sortedFiles(in: folder, ending: ".toml")
            if files.isEmpty {
                diagnostics.append(
                    RuleDiagnostic(.error, file: "\(lane)/", position: nil, "no rule files for the \(lane) lane"))
            }
            for name in files {
                let relative = "\(lane)/\(name)"
                guard let text = read(folder.appendingPathComponent(name), relative, &diagnostics) else { continue }
                set.files.append(relative)
                var reader = RuleFileReader(file: relative, lane: lane, listNames: listNames)
                reader.read(text, into: &set)
                diagnostics += reader.diagnostics
            }
        }

        let resources = base.appendingPathComponent("resources.toml")
        if fileManager.fileExists(atPath: resources.path) {
            if let text = read(resources, "resources.toml", &diagnostics) {
                set.files.append("resources.toml")
                var reader = RuleFileReader(file: "resources.toml", lane: "resources", listNames: listNames)
                reader.read(text, into: &set)
                diagnostics += reader.diagnostics
            }
        } else {
            diagnostics.append(
                RuleDiagnostic(
                    .error, file: "resources.toml", position: nil,
                    "missing: crisis posts must be shown with the group's helplines"))
        }

        let models = base.appendingPathComponent("model")
        for name in sortedFiles(in: models, ending: ".tsv") where !piiOnly || name == "spam-starter.tsv" {
            if let text = read(models.appendingPathComponent(name), "model/\(name)", &diagnostics) {
                set.files.append("model/\(name)")
                set.modelFiles[name] = text
            }
        }

        lists.wait()
        let (listFilesRead, parsed, singleWords, listProblems) = wordLists.result
        set.files = listFilesRead + set.files
        set.lists = parsed
        set.singleWordLists = singleWords
        diagnostics = listProblems + diagnostics
        let groups = ConceptLists.Groups(parsed)
        set.rules = set.rules.map {
            expandingContextCues(
                in: expandingConcepts(in: $0, groups: groups, &diagnostics), lists: parsed, &diagnostics)
        }
        if let helplines = Helpline.allowRule(helplines: set.helplines, resources: set.resources) {
            set.rules.append(helplines)
            for helpline in set.helplines {
                for number in helpline.numbers { set.untouched.append(("call \(number) any time", helpline.location)) }
            }
        }
        diagnostics += duplicateIDs(in: set.rules)
        if diagnostics.contains(where: { $0.severity == .error }) { throw RuleLoadError(diagnostics) }
        return (set, diagnostics)
    }

    /// Only `resources.toml` of `directory`: the helplines a screen shows beside a flagged post, without reading
    /// and compiling the rules (the review's first screen needs nothing more). The file's errors are thrown.
    public static func loadResources(directory: String) throws(RuleLoadError) -> (
        resources: [Resource], defaultRegion: String
    ) {
        var set = RuleSet()
        var diagnostics: [RuleDiagnostic] = []
        let url = URL(fileURLWithPath: directory).appendingPathComponent("resources.toml")
        if let text = read(url, "resources.toml", &diagnostics) {
            var reader = RuleFileReader(file: "resources.toml", lane: "resources", listNames: [])
            reader.read(text, into: &set)
            diagnostics += reader.diagnostics
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw RuleLoadError(diagnostics) }
        return (set.resources.map(\.resource), set.defaultRegion)
    }

    /// The rule with each `{name}` in its pattern, phrases or a cue's `unless` replaced by that list's entries
    /// (`ConceptLists`); a name no list has is an error at the pattern.
    static func expandingConcepts(
        in rule: Rule, groups: ConceptLists.Groups, _ diagnostics: inout [RuleDiagnostic]
    ) -> Rule {
        var kind = rule.kind
        if case .context(let details) = rule.kind, !details.unless.isEmpty {
            kind = .context(
                details.withUnless(
                    details.unless.map { expanded($0, of: rule, groups: groups, &diagnostics) ?? $0 }))
        }
        let matcher = expanded(rule.matcher, of: rule, groups: groups, &diagnostics) ?? rule.matcher
        return Rule(
            id: rule.id, description: rule.description, location: rule.location, matcher: matcher,
            matchExamples: rule.matchExamples, noMatchExamples: rule.noMatchExamples, kind: kind)
    }

    /// `matcher` as one pattern with its concept lists written out, or nil when it names none (or names one
    /// no list has: that is an error at the pattern).
    private static func expanded(
        _ matcher: RuleMatcher, of rule: Rule, groups: ConceptLists.Groups, _ diagnostics: inout [RuleDiagnostic]
    ) -> RuleMatcher? {
        let written: [String]
        switch matcher.source {
        case .pattern(let pattern): written = [pattern]
        case .phrases(let phrases): written = phrases
        }
        let names = written.flatMap { ConceptLists.references(in: $0).map(\.name) }
        guard !names.isEmpty else { return nil }
        let expanded: Result<String, ConceptLists.MissingConcepts>
        switch matcher.source {
        case .pattern(let pattern): expanded = ConceptLists.expand(pattern, groups: groups)
        case .phrases(let phrases): expanded = PhrasePattern.pattern(forPhrases: phrases, groups: groups)
        }
        switch expanded {
        case .failure(let missing):
            for name in Set(missing.names).sorted() {
                diagnostics.append(
                    RuleDiagnostic(
                        .error, file: rule.location.file, position: matcher.position, ruleID: rule.id,
                        "no concept list '{\(name)}': write lists/\(name).txt (one word or phrase a line), "
                            + "or write a literal brace as \\{"))
            }
            return nil
        case .success(let pattern):
            var unique: [String] = []
            for name in names where !unique.contains(name) { unique.append(name) }
            let caseless: Bool
            if case .phrases = matcher.source { caseless = true } else { caseless = matcher.caseless }
            return RuleMatcher(
                source: .pattern(pattern), position: matcher.position, caseless: caseless,
                unicodeClasses: matcher.unicodeClasses, concepts: unique)
        }
    }

    /// The rule with each `{name}` entry of its `context` replaced by that concept list's entries; a name no
    /// list has is an error at the rule.
    static func expandingContextCues(
        in rule: Rule, lists: [String: WordSet], _ diagnostics: inout [RuleDiagnostic]
    ) -> Rule {
        guard case .pii(let details) = rule.kind, details.context.contains(where: { $0.contains("{") }) else {
            return rule
        }
        var cues: [String] = []
        for entry in details.context {
            let references = ConceptLists.references(in: entry)
            guard let reference = references.first else {
                cues.append(entry)
                continue
            }
            guard references.count == 1, reference.range == 0..<entry.unicodeScalars.count else {
                diagnostics.append(
                    RuleDiagnostic(
                        .error, at: rule.location, ruleID: rule.id,
                        "context entry '\(entry)' mixes a list with words; write the list alone, as \"{name}\""))
                continue
            }
            guard let entries = lists[reference.name] else {
                diagnostics.append(
                    RuleDiagnostic(
                        .error, at: rule.location, ruleID: rule.id,
                        "no concept list '{\(reference.name)}' for 'context': write lists/\(reference.name).txt "
                            + "(one cue word or phrase a line)"))
                continue
            }
            cues += entries.sorted()
        }
        return Rule(
            id: rule.id, description: rule.description, location: rule.location, matcher: rule.matcher,
            matchExamples: rule.matchExamples, noMatchExamples: rule.noMatchExamples,
            kind: .pii(details.withContext(cues)))
    }

    static func duplicateIDs(in rules: [Rule]) -> [RuleDiagnostic] {
        var firstSeen: [String: RuleLocation] = [:]
        var found: [RuleDiagnostic] = []
        for rule in rules {
            if let first = firstSeen[rule.id] {
                found.append(
                    RuleDiagnostic(
                        .error, at: rule.location, ruleID: rule.id,
                        "duplicate id: '\(rule.id)' is already used at \(first); give this rule its own id"))
            } else {
                firstSeen[rule.id] = rule.location
            }
        }
        return found
    }

    static func sortedFiles(in folder: URL, ending suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted()
    }

    static func read(_ url: URL, _ relative: String, _ diagnostics: inout [RuleDiagnostic]) -> String? {
        guard let data = readData(url, relative, &diagnostics) else { return nil }
        return text(data, relative, &diagnostics)
    }

    static func readData(_ url: URL, _ relative: String, _ diagnostics: inout [RuleDiagnostic]) -> Data? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(
                RuleDiagnostic(.error, file: relative, position: nil, "cannot be read; check its permissions"))
            return nil
        }
        return data
    }

    static func text(_ data: Data, _ relative: String, _ diagnostics: inout [RuleDiagnostic]) -> String? {
        guard let text = String(validatingUTF8: data) else {
            diagnostics.append(
                RuleDiagnostic(.error, file: relative, position: nil, "is not valid UTF-8; save it as UTF-8"))
            return nil
        }
        return text
    }
}

/// The word lists of a rules folder, read and parsed on a thread of their own: `read()` there, then `result`
/// once it has finished.
final class WordListReading: @unchecked Sendable {
    private let folder: URL
    private let names: [String]
    private let lock = NSLock()
    private var outcome:
        (files: [String], lists: [String: WordSet], singleWords: Set<String>, diagnostics: [RuleDiagnostic]) = (
            [], [:], [], []
        )

    /// Where built tables are kept between runs (`ListCache`); nil parses every list.
    private let cache: ListCache?

    /// How long a list must have been still before its stamp stands for its bytes (`FileStamp.settling`).
    private let settling: Int64

    init(folder: URL, files: [String], cache: ListCache? = ListCache.standard, settling: Int64 = FileStamp.settling) {
        self.folder = folder
        names = files
        self.cache = cache
        self.settling = settling
    }

    func read() {
        var diagnostics: [RuleDiagnostic] = []
        var files: [String] = []
        var lists: [String: WordSet] = [:]
        var singleWords = Set<String>()
        // A list still as it was when its table was kept (`ListCache.Index`) is not read at all.
        let index = cache?.index(of: folder.path) ?? ListCache.Index()
        var kept = ListCache.Index()
        let now = FileStamp.now()
        for name in names {
            let relative = "lists/\(name)"
            guard let (words, single) = words(of: name, index: index, kept: &kept, now: now, &diagnostics) else {
                continue
            }
            files.append(relative)
            lists[String(name.dropLast(4))] = words
            if single { singleWords.insert(String(name.dropLast(4))) }
        }
        if kept != index { cache?.keep(kept, of: folder.path) }
        lock.withLock { outcome = (files, lists, singleWords, diagnostics) }
    }

    /// The words of the list file `name` and whether they are single words: the kept table its stamp names in
    /// `index` when the file has settled and not changed, else the table kept for its bytes, else the file parsed
    /// (and its table kept). Adds the file's entry to `kept` when its stamp can stand for it next time.
    private func words(
        of name: String, index: ListCache.Index, kept: inout ListCache.Index, now: Int64,
        _ diagnostics: inout [RuleDiagnostic]
    ) -> (WordSet, Bool)? {
        let relative = "lists/\(name)"
        let url = folder.appendingPathComponent(name)
        // Stamped before it is read: a write after the stamp gives the file another stamp next time.
        let stamp =
            cache == nil
            ? nil : FileStamp(path: url.path).flatMap { $0.isSettled(now: now, settling: settling) ? $0 : nil }
        if let stamp, let entry = index.entries[name], entry.stamp == stamp.description,
            let table = cache?.table(entry.key)
        {
            kept.entries[name] = entry
            return table
        }
        guard let data = RuleLoader.readData(url, relative, &diagnostics) else { return nil }
        let key = cache.map { _ in ListCache.key(for: data) }
        let table: (WordSet, Bool)
        if let key, let found = cache?.table(key) {
            table = found
        } else {
            guard let text = RuleLoader.text(data, relative, &diagnostics) else { return nil }
            let words = WordList.parse(text)
            table = (words, WordList.isSingleWords(words))
            if let key { cache?.keep(words, singleWords: table.1, as: key) }
        }
        if let key, let stamp { kept.entries[name] = .init(stamp: stamp.description, key: key) }
        return table
    }

    /// The files read, their words by list name, the lists of single words, and the problems reading them.
    var result: (files: [String], lists: [String: WordSet], singleWords: Set<String>, diagnostics: [RuleDiagnostic]) {
        lock.withLock { outcome }
    }
}

extension String {
    fileprivate init?(validatingUTF8 data: Data) {
        guard let text = String(bytes: data, encoding: .utf8) else { return nil }
        self = text
    }
}

/// A word list file: one entry per line, `#` starts a comment, compared lower-cased.
public enum WordList {
    /// True for a list of single words: every entry letters only ("sinéad" is one, "home depot" is not).
    public static func isSingleWords(_ words: WordSet) -> Bool {
        words.allSatisfy { word in
            guard !word.isEmpty else { return false }
            var word = word
            let ascii = word.withUTF8 { bytes in
                bytes.allSatisfy { ($0 | 0x20) &- UInt8(ascii: "a") < 26 }
            }
            return ascii || word.unicodeScalars.allSatisfy(isLetter)
        }
    }

    /// What a list of single words is made of: an ASCII letter, or a letter outside ASCII. The screener's list
    /// check reads a post's words with the same test, which is what lets it skip rules on posts without one.
    public static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (UInt8(scalar.value) | 0x20) &- UInt8(ascii: "a") < 26 : scalar.properties.isAlphabetic
    }

    /// Parses a list; works on bytes because lists are large and read on every start.
    public static func parse(_ text: String) -> WordSet { WordSet(listText: text) }
}
