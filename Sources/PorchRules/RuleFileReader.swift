import PorchModel

/// Turns one parsed rule file into rules, collecting every problem with its position.
struct RuleFileReader {
    let file: String
    let lane: String
    /// The names of the word lists in `Rules/lists/`, which rules may refer to.
    let listNames: Set<String>
    private(set) var diagnostics: [RuleDiagnostic] = []

    init(file: String, lane: String, listNames: Set<String>) {
        self.file = file
        self.lane = lane
        self.listNames = listNames
    }

    /// The top-level tables each kind of file may hold.
    var allowedTopLevel: [String] {
        switch lane {
        case "pii": return ["rule", "allow", "untouched"]
        case "crisis": return ["rule", "context"]
        case "spam": return ["rule", "settings"]
        default: return ["resource", "helpline", "settings"]
        }
    }

    mutating func read(_ text: String, into set: inout RuleSet) {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            diagnostics.append(RuleDiagnostic(.error, file: file, position: error.position, error.message))
            return
        }
        var table = TableReader(table: root, file: file, ruleID: nil)
        var rules: [Rule] = []
        for (key, kind) in [("rule", lane), ("allow", "allow"), ("context", "context")]
        where allowedTopLevel.contains(key) {
            for item in table.tables(key) {
                if let rule = readRule(item, kind: kind) { rules.append(rule) }
            }
        }
        if allowedTopLevel.contains("untouched") {
            for (text, position) in table.strings("untouched") {
                set.untouched.append((text, RuleLocation(file: file, position: position)))
            }
        }
        if allowedTopLevel.contains("helpline") {
            for item in table.tables("helpline") {
                if let helpline = readHelpline(item) { set.helplines.append(helpline) }
            }
        }
        if allowedTopLevel.contains("resource") {
            for item in table.tables("resource") {
                if let resource = readResource(item) { set.resources.append(resource) }
            }
        }
        if allowedTopLevel.contains("settings"), let settingsTable = table.table("settings") {
            var settings = TableReader(table: settingsTable, file: file, ruleID: nil)
            if lane == "spam", let threshold = settings.number("threshold") { set.spamThreshold = threshold }
            if lane == "spam", let suspect = settings.number("suspect_threshold") { set.spamSuspectThreshold = suspect }
            if lane == "resources", let region = settings.string("default_region") { set.defaultRegion = region }
            diagnostics += settings.finish()
        }
        diagnostics += table.finish(allowed: allowedTopLevel)
        if !diagnostics.contains(where: { $0.severity == .error }) { set.rules += rules }
    }

    mutating func readRule(_ item: TOMLTable, kind: String) -> Rule? {
        let idNode = item["id"]
        var reader = TableReader(table: item, file: file, ruleID: nil)
        guard let id = reader.string("id", required: true) else {
            diagnostics += reader.finish()
            return nil
        }
        reader.ruleID = id
        let expectedPrefix = kind == "allow" ? "allow." : kind == "context" ? "context." : "\(lane)."
        if !id.hasPrefix(expectedPrefix) || !RuleFileReader.isValidID(id) {
            reader.error(
                at: idNode?.position ?? item.position,
                "id '\(id)' must start with '\(expectedPrefix)' and use only lowercase letters, digits, '_' and '-' between dots"
            )
        }
        let description = reader.string("description", required: true) ?? ""
        let matcher = readMatcher(&reader, item: item)
        let matchExamples = reader.examples("match")
        let noMatchExamples = reader.examples("no_match")
        if matchExamples.isEmpty {
            reader.error(at: item.position, "add at least one 'match' example: an example is how the rule is tested")
        }

        var ruleKind: Rule.Kind?
        switch kind {
        case "pii":
            ruleKind = readPIIDetails(&reader, item: item, matcher: matcher).map { .pii($0) }
        case "allow":
            ruleKind = .allow
        case "crisis":
            let category = reader.choice("category", CrisisDetails.categories)
            let levelName = reader.choice("level", CrisisDetails.levelNames)
            let level = levelName == "signal" ? CrisisLevel.none : levelName.flatMap(CrisisLevel.init(rawValue:))
            let weight = reader.number("weight")
            if let weight, !(weight > 0 && weight <= CrisisDetails.points(for: .crisis)) {
                reader.error(
                    at: item["weight"]!.position,
                    "'weight' must be above 0 and at most \(CrisisDetails.points(for: .crisis)) (the points of crisis)")
            }
            if levelName == "signal", weight == nil {
                reader.error(at: item.position, "a signal counts only by its weight: add 'weight', e.g. weight = 1.5")
            }
            if let category, let level {
                ruleKind = .crisis(CrisisDetails(category: category, level: level, weight: weight))
            }
        case "context":
            let cueKind = reader.choice("kind", ContextKind.allCases.map(\.rawValue)).flatMap(
                ContextKind.init(rawValue:))
            let before = reader.integer("before", in: 0...30) ?? 6
            let after = reader.integer("after", in: 0...30) ?? 0
            if before == 0 && after == 0 {
                reader.error(
                    at: item.position, "a context cue needs a window: set 'before' or 'after' to a number of words")
            }
            let inside = reader.boolean("inside")
            var unless: [RuleMatcher] = []
            for (pattern, position) in reader.stringOrStrings("unless") {
                if let verb = RuleFileReader.leadingVerb(in: pattern) {
                    reader.error(
                        at: position,
                        "'unless' starts with '\(verb)', which changes engine limits or modes; "
                            + "remove it (Porch sets those)")
                }
                unless.append(
                    RuleMatcher(
                        source: .pattern(pattern), position: position, caseless: matcher?.caseless ?? true,
                        unicodeClasses: matcher?.unicodeClasses ?? false))
            }
            if let cueKind {
                ruleKind = .context(
                    ContextDetails(kind: cueKind, before: before, after: after, countsInside: inside, unless: unless))
            }
        case "spam":
            let warning = reader.boolean("warning") ?? false
            if let score = reader.number("score", required: true) { ruleKind = .spam(score: score, warning: warning) }
        default:
            break
        }
        diagnostics += reader.finish()
        guard let matcher, let ruleKind else { return nil }
        return Rule(
            id: id, description: description, location: RuleLocation(file: file, position: item.position),
            matcher: matcher, matchExamples: matchExamples, noMatchExamples: noMatchExamples, kind: ruleKind)
    }

    func readMatcher(_ reader: inout TableReader, item: TOMLTable) -> RuleMatcher? {
        let caseless = reader.boolean("caseless")
        // PII patterns read names in every alphabet, so `\b` and `\w` follow Unicode there unless a rule says
        // otherwise: without it there is no word boundary before "Áine" or after "Renée".
        let unicode = reader.boolean("unicode") ?? (lane == "pii")
        let patternNode = item["pattern"]
        let pattern = reader.string("pattern")
        let phrases = reader.strings("phrases")
        if item["all"] != nil || item["within"] != nil {
            return readCoOccurrence(&reader, item: item, others: pattern != nil || !phrases.isEmpty)
        }
        switch (pattern, phrases.isEmpty) {
        case (let pattern?, true):
            if let verb = RuleFileReader.leadingVerb(in: pattern) {
                reader.error(
                    at: patternNode!.position,
                    "the pattern starts with '\(verb)', which changes engine limits or modes; remove it (Porch sets those)"
                )
            }
            return RuleMatcher(
                source: .pattern(pattern), position: patternNode!.position, caseless: caseless ?? false,
                unicodeClasses: unicode)
        case (nil, false):
            if phrases.contains(where: { $0.0.trimmingSpaces.isEmpty }) {
                reader.error(at: item["phrases"]!.position, "a phrase is empty; remove it")
            }
            return RuleMatcher(
                source: .phrases(phrases.map(\.0)), position: item["phrases"]!.position, caseless: true,
                unicodeClasses: unicode)
        case (.some, false):
            reader.error(at: item.position, "give either 'pattern' or 'phrases', not both; split it into two rules")
            return nil
        case (nil, true):
            if reader.diagnostics.isEmpty {
                reader.error(
                    at: item.position, "give a 'pattern' (a PCRE2 regex) or 'phrases' (a list of literal phrases)")
            }
            return nil
        }
    }

    /// `all = [...]` with `within`: parts that must all be found near each other (`CoOccurrence`).
    func readCoOccurrence(_ reader: inout TableReader, item: TOMLTable, others: Bool) -> RuleMatcher? {
        let parts = reader.strings("all")
        let windows = CoOccurrence.Window.allCases.map(\.rawValue)
        let window = reader.choice("within", windows, required: false).flatMap(CoOccurrence.Window.init(rawValue:))
        if others {
            reader.error(at: item.position, "give 'all' or a 'pattern' or 'phrases', not both; split it into two rules")
            return nil
        }
        guard let allNode = item["all"] else {
            reader.error(at: item.position, "'within' needs 'all': the parts that must be found together")
            return nil
        }
        guard (2...CoOccurrence.maximumParts).contains(parts.count) else {
            reader.error(
                at: allNode.position,
                "'all' needs 2 to \(CoOccurrence.maximumParts) parts, e.g. all = ['{self-harm-act}', '{now}']")
            return nil
        }
        if parts.contains(where: { $0.0.trimmingSpaces.isEmpty }) {
            reader.error(at: allNode.position, "a part of 'all' is empty; remove it")
            return nil
        }
        return RuleMatcher(
            source: .pattern(CoOccurrence.pattern(parts: parts.map(\.0), within: window ?? .sentence)),
            position: allNode.position, caseless: true, unicodeClasses: false)
    }

    func readPIIDetails(_ reader: inout TableReader, item: TOMLTable, matcher: RuleMatcher?) -> PIIDetails? {
        let type = reader.string("type", required: true)
        if let type, !type.allSatisfy({ $0.isUppercase || $0 == "_" }) {
            reader.error(at: item["type"]!.position, "type '\(type)' must be UPPER_SNAKE_CASE, e.g. PHONE")
        }
        let placeholder = reader.string("placeholder") ?? type?.lowercased().replacing("_", with: " ")
        let group = reader.string("group")
        let validator = reader.choice("validate", Validator.allCases.map(\.rawValue), required: false).flatMap(
            Validator.init(rawValue:))
        let context = reader.stringOrStrings("context").map { $0.0.lowercased() }
        let characters = reader.integer("context_window", in: 1...200)
        let before = reader.integer("context_before", in: 0...60)
        let after = reader.integer("context_after", in: 0...60)
        var words: ContextWords?
        if before != nil || after != nil {
            words = ContextWords(before: before ?? 0, after: after ?? 0)
            if characters != nil {
                reader.error(
                    at: item["context_window"]!.position,
                    "give 'context_window' (characters before) or 'context_before'/'context_after' (words), not both")
            }
        }
        if words != nil || characters != nil, context.isEmpty {
            reader.error(at: item.position, "a context window needs 'context': the cue words, or a list as \"{name}\"")
        }
        if let words, words.before == 0 && words.after == 0 {
            reader.error(
                at: item.position, "the context window is empty: set 'context_before' or 'context_after' above 0")
        }
        let window = characters ?? 40
        let exceptions = reader.strings("exceptions").map(\.0)
        let inList = reader.listReferences("in_list", lists: listNames)
        let notInList = reader.listReferences("not_in_list", lists: listNames)
        if let pattern = matcher.flatMap({ if case .pattern(let text) = $0.source { text } else { nil } }) {
            for name in [group].compactMap({ $0 }) + Array(inList.keys) + Array(notInList.keys)
            where !RuleFileReader.pattern(pattern, namesGroup: name) {
                reader.error(
                    at: item.position, "the pattern has no group named '\(name)'; add (?<\(name)>...) or fix the name")
            }
        }
        guard let type, let placeholder else { return nil }
        return PIIDetails(
            type: type, placeholder: placeholder, group: group, validator: validator, context: context,
            contextWindow: window, contextWords: words, exceptions: exceptions, inList: inList, notInList: notInList)
    }

    mutating func readHelpline(_ item: TOMLTable) -> Helpline? {
        var reader = TableReader(table: item, file: file, ruleID: nil)
        let region = reader.choice("region", Helpline.regions)
        let name = reader.string("name", required: true)
        let numbers = reader.strings("numbers")
        let verified = reader.date("verified", required: true)
        if numbers.isEmpty {
            reader.error(at: item.position, "a helpline needs 'numbers': every way its number is written")
        }
        for (number, position) in numbers where Helpline.characters(of: number).count < 3 {
            reader.error(at: position, "'\(number)' has fewer than three digits or letters; write the number itself")
        }
        diagnostics += reader.finish()
        guard let region, let name, let verified, !numbers.isEmpty else { return nil }
        return Helpline(
            region: region, name: name, numbers: numbers.map(\.0), verified: verified,
            location: RuleLocation(file: file, position: item.position))
    }

    mutating func readResource(_ item: TOMLTable) -> ResourceEntry? {
        var reader = TableReader(table: item, file: file, ruleID: nil)
        let region = reader.string("region", required: true)
        let name = reader.string("name", required: true)
        let contact = reader.string("contact", required: true)
        let url = reader.string("url")
        let categories = reader.strings("categories").map(\.0)
        let verified = reader.date("verified", required: true)
        for category in categories where !CrisisDetails.categories.contains(category) {
            reader.error(at: item["categories"]!.position, "unknown category '\(category)'")
        }
        diagnostics += reader.finish()
        guard let region, let name, let contact, let verified else { return nil }
        return ResourceEntry(
            resource: Resource(name: name, contact: contact, region: region, url: url, categories: categories),
            verified: verified, location: RuleLocation(file: file, position: item.position))
    }

    /// True when `pattern` opens a group named `name`, in any of PCRE2's spellings (compared as bytes: Foundation's
    /// substring search cost a tenth of reading the PII files).
    static func pattern(_ pattern: String, namesGroup name: String) -> Bool {
        let bytes = Array(pattern.utf8)
        return ["(?<\(name)>", "(?P<\(name)>", "(?'\(name)'"].contains { opener in
            let needle = Array(opener.utf8)
            guard needle.count <= bytes.count else { return false }
            return (0...(bytes.count - needle.count)).contains { start in
                bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle)
            }
        }
    }

    static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" || $0 == "-" }
            }
    }

    /// A start-of-pattern verb such as `(*LIMIT_MATCH=10)` or `(*UTF)`, which rule files may not use.
    static func leadingVerb(in pattern: String) -> String? {
        guard pattern.hasPrefix("(*"), let close = pattern.firstIndex(of: ")") else { return nil }
        let verb = pattern[pattern.startIndex...close]
        let name = verb.dropFirst(2).prefix { $0.isUppercase || $0 == "_" }
        return name.isEmpty ? nil : String(verb)
    }
}

/// Typed reads from one TOML table that remember which keys were used, so unknown keys can be refused.
struct TableReader {
    let table: TOMLTable
    let file: String
    var ruleID: String?
    private(set) var diagnostics: [RuleDiagnostic] = []
    private var used: Set<String> = []

    init(table: TOMLTable, file: String, ruleID: String?) {
        self.table = table
        self.file = file
        self.ruleID = ruleID
    }

    mutating func error(at position: SourcePosition, _ message: String) {
        diagnostics.append(RuleDiagnostic(.error, file: file, position: position, ruleID: ruleID, message))
    }

    mutating func node(_ key: String, required: Bool) -> TOMLNode? {
        used.insert(key)
        guard let node = table[key] else {
            if required { error(at: table.position, "missing '\(key)'") }
            return nil
        }
        return node
    }

    mutating func wrongType(_ key: String, _ node: TOMLNode, expected: String) {
        error(at: node.position, "'\(key)' must be \(expected), not \(node.value.typeName)")
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key, required: required) else { return nil }
        guard case .string(let text) = node.value else {
            wrongType(key, node, expected: "a string")
            return nil
        }
        if required && text.trimmingSpaces.isEmpty {
            error(at: node.position, "'\(key)' is empty")
        }
        return text
    }

    mutating func boolean(_ key: String) -> Bool? {
        guard let node = node(key, required: false) else { return nil }
        guard case .boolean(let value) = node.value else {
            wrongType(key, node, expected: "true or false")
            return nil
        }
        return value
    }

    mutating func number(_ key: String, required: Bool = false) -> Double? {
        guard let node = node(key, required: required) else { return nil }
        switch node.value {
        case .integer(let value): return Double(value)
        case .float(let value) where value.isFinite: return value
        default:
            wrongType(key, node, expected: "a number")
            return nil
        }
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = node(key, required: false) else { return nil }
        guard case .integer(let value) = node.value else {
            wrongType(key, node, expected: "a whole number")
            return nil
        }
        guard range.contains(value) else {
            error(at: node.position, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func date(_ key: String, required: Bool) -> TOMLDate? {
        guard let node = node(key, required: required) else { return nil }
        guard case .date(let date) = node.value else {
            wrongType(key, node, expected: "a date written YYYY-MM-DD (no quotes)")
            return nil
        }
        return date
    }

    mutating func choice(_ key: String, _ choices: [String], required: Bool = true) -> String? {
        guard let text = string(key, required: false) else {
            if table[key] == nil, required {
                error(at: table.position, "missing '\(key)' (one of: \(choices.joined(separator: ", ")))")
            }
            return nil
        }
        guard choices.contains(text) else {
            error(
                at: table[key]!.position,
                "'\(text)' is not a known \(key); use one of: \(choices.joined(separator: ", "))")
            return nil
        }
        return text
    }

    mutating func strings(_ key: String) -> [(String, SourcePosition)] {
        guard let node = node(key, required: false) else { return [] }
        guard case .array(let items) = node.value else {
            wrongType(key, node, expected: "an array of strings: [ '...', '...' ]")
            return []
        }
        var result: [(String, SourcePosition)] = []
        for item in items {
            guard case .string(let text) = item.value else {
                error(at: item.position, "every entry of '\(key)' must be a string")
                continue
            }
            result.append((text, item.position))
        }
        return result
    }

    /// One string, or an array of strings, as an array.
    mutating func stringOrStrings(_ key: String) -> [(String, SourcePosition)] {
        if let node = table[key], case .string(let text) = node.value {
            _ = self.node(key, required: false)
            return [(text, node.position)]
        }
        return strings(key)
    }

    mutating func examples(_ key: String) -> [RuleExample] {
        strings(key).compactMap { text, position in
            guard let example = RuleExample.parse(text, position: position) else {
                error(at: position, "unbalanced [[ ]] markers in this example")
                return nil
            }
            return example
        }
    }

    mutating func tables(_ key: String) -> [TOMLTable] {
        guard let node = node(key, required: false) else { return [] }
        guard case .array(let items) = node.value else {
            error(at: node.position, "'\(key)' must be written as [[\(key)]] sections")
            return []
        }
        return items.compactMap { item in
            if case .table(let table) = item.value { return table }
            error(at: item.position, "'\(key)' must be written as [[\(key)]] sections")
            return nil
        }
    }

    mutating func table(_ key: String) -> TOMLTable? {
        guard let node = node(key, required: false) else { return nil }
        guard case .table(let table) = node.value else {
            wrongType(key, node, expected: "a table")
            return nil
        }
        return table
    }

    mutating func listReferences(_ key: String, lists: Set<String>) -> [String: String] {
        guard let inline = table(key) else { return [:] }
        var result: [String: String] = [:]
        for group in inline.keys {
            guard case .string(let list) = inline[group]!.value else {
                error(at: inline[group]!.position, "'\(key).\(group)' must name a word list, e.g. 'given-names'")
                continue
            }
            if !lists.contains(list) {
                let known = lists.sorted().joined(separator: ", ")
                error(at: inline[group]!.position, "no word list '\(list)' in Rules/lists/ (known: \(known))")
            }
            result[group] = list
        }
        return result
    }

    /// Every key not read is refused: a misspelt key would otherwise be silently ignored.
    mutating func finish(allowed: [String]? = nil) -> [RuleDiagnostic] {
        for key in table.keys where !used.contains(key) && !(allowed?.contains(key) ?? false) {
            let position = table[key]!.position
            let known = allowed ?? Array(used).sorted()
            let suggestion = known.first { $0.replacing("_", with: "-") == key || $0.replacing("_", with: "") == key }
            let hint =
                suggestion.map { " (did you mean '\($0)'?)" }
                ?? " (known keys: \(known.sorted().joined(separator: ", ")))"
            error(at: position, "unknown key '\(key)'\(hint)")
        }
        return diagnostics
    }
}
