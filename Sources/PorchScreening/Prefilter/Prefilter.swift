import PCRE2
import PorchRules

/// The speed machinery behind one seam. Each rule's `RulePlan` knows which words, bytes, digit runs and listed
/// words any match must hold; the prefilter reads those facts of a post once (`scan`), in one pass for every
/// rule's words and one for every list's words, so a lane asks each plan one question (`mayMatch`) and skips
/// the rules that cannot match. Built once by the screener over every lane's plans, which it then binds
/// (`bound`) to its scanners' ids.
struct Prefilter: Sendable {
    /// Every rule's required words, found in a post in one pass (`scanner`), or by looking for each in turn
    /// (`search`: a command that screens a post or two).
    private enum Finder: Sendable {
        case scanner(KeywordScanner)
        case search(KeywordSearch)
    }
    private let finder: Finder
    private let keywordIDs: [String: Int32]
    /// The lists the PII rules' `in_list` groups gate on (nil: no rule has such a list).
    private let listWords: ListWords?
    private let listBits: [ListRequirement.List: UInt64]

    init(plans: [RulePlan], lists: [String: WordSet]) {
        let keywords = Prefilter.keywords(of: plans)
        keywordIDs = Prefilter.ids(of: keywords)
        finder = .scanner(KeywordScanner(keywords: keywords))
        // One bit per list (less the lists its group must not be in), first come first served, up to the most a
        // scan can tell apart; a rule gated on a list beyond that simply runs.
        var wanted: [ListWords.Wanted] = []
        var bits: [ListRequirement.List: UInt64] = [:]
        for requirement in plans.flatMap(\.lists) where bits[requirement.list] == nil {
            guard wanted.count < ListWords.maximumLists else { break }
            bits[requirement.list] = 1 << UInt64(wanted.count)
            wanted.append(
                ListWords.Wanted(
                    name: requirement.list.name, words: lists[requirement.list.name] ?? [],
                    excluded: requirement.list.excluded.map { lists[$0] ?? [] }))
        }
        listBits = bits
        listWords = wanted.isEmpty ? nil : ListWords(lists: wanted)
    }

    /// The prefilter of a command that screens a post or two: the words found by `KeywordSearch`, no list gates.
    /// `kept` is the search of plans made from kept gates (`RulePlan.init(_:kept:)`), already bound to its ids;
    /// without it the words are those of `plans`, as `init(plans:lists:)` reads them.
    init(onePost plans: [RulePlan], kept: KeywordSearch? = nil) {
        if let kept {
            keywordIDs = [:]
            finder = .search(kept)
        } else {
            let keywords = Prefilter.keywords(of: plans)
            keywordIDs = Prefilter.ids(of: keywords)
            finder = .search(KeywordSearch(keywords: keywords))
        }
        listBits = [:]
        listWords = nil
    }

    /// The search of a one-post prefilter, for keeping with its plans' gates.
    var search: KeywordSearch? {
        if case .search(let search) = finder { return search }
        return nil
    }

    private static func keywords(of plans: [RulePlan]) -> [String] {
        Set(plans.flatMap { $0.words?.words ?? [] }).sorted()
    }

    private static func ids(of keywords: [String]) -> [String: Int32] {
        Dictionary(uniqueKeysWithValues: keywords.enumerated().map { ($1, Int32($0)) })
    }

    /// `plan` with its words and lists as this prefilter's ids and bits.
    func bound(_ plan: RulePlan) -> RulePlan {
        var plan = plan
        plan.bind(keywordIDs: keywordIDs, listBits: listBits)
        return plan
    }

    /// Adds what the scanners find in `text` to `facts`: the required words, and the listed words unless `lists`
    /// is false (a view no list rule reads).
    func scan(_ text: [UInt8], into facts: inout PostFacts, lists: Bool = true) {
        switch finder {
        case .scanner(let scanner): facts.keywordHits = scanner.scan(text)
        case .search(let search): facts.keywordHits = search.scan(text)
        }
        if lists { facts.listHits = listWords?.scan(text) }
    }
}
