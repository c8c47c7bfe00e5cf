import Foundation
import PCRE2
import PorchRules

/// A rules folder as a command compiles it, kept between runs (`~/.cache/porch/prepared/`): the loaded rule set as
/// the lanes read it (`RuleSetSnapshot`: rules with their concept lists expanded, word lists, warnings; not the
/// examples, which only the check reads), every pattern compiled from it (`CompiledPatterns`) and the learned
/// weights as read (`WeightsFile.encoded`). Reading the TOML files, expanding the concept lists, compiling the
/// patterns and parsing the weights were most of a one-post command's time; with the folder prepared, `porch scrub`
/// and `porch submit` of one post read one file instead, mapped, and its word lists in place.
///
/// One file per rules folder and variant (`name`), which holds the key it was made under: the stamps of every
/// file in the folder and of the porch binary (`RulesVerdict.stampKey`), so an edited rule, an added file or
/// another build of porch never meets it: the folder is then read and compiled as without it, and the file
/// replaced. A checksum over the whole file guards against a damaged or cut-short file. Nothing from a post is
/// kept here.
public enum PreparedRules {
    /// What a prepared folder holds.
    public struct Contents {
        /// The rule set; as read back from a prepared file, without the rules' examples and the text of the models
        /// whose weights are kept (`screeningPart`).
        public let set: RuleSet
        public let warnings: [RuleDiagnostic]
        public let patterns: CompiledPatterns
        /// The weights files the lanes read (`Screener.weightsFiles`), by name.
        public let weights: [String: WeightsFile]
        /// A one-post screener's gates (`Screener.keptGates`); nil for the others.
        public let gates: Screener.Gates?

        public init(
            set: RuleSet, warnings: [RuleDiagnostic], patterns: CompiledPatterns, weights: [WeightsFile] = [],
            gates: Screener.Gates? = nil
        ) {
            self.set = set
            self.warnings = warnings
            self.patterns = patterns
            self.weights = Dictionary(weights.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            self.gates = gates
        }
    }

    static var folder: String? { UserCache.folder("prepared") }

    /// Names the layout: `magic`, a checksum of the rest, the key, the rule set, the compiled patterns, the weights,
    /// the gates.
    static let magic = Array("porch-prepared-4\n".utf8)

    /// The file for the rules folder at `directory` (its absolute path) and a variant of what is compiled from it.
    static func name(directory: String, variant: String) -> String {
        "rules-" + UserCache.name(for: URL(fileURLWithPath: directory).standardizedFileURL.path) + "-" + variant
    }

    /// What was kept for `directory` and `variant` under `key`; nil when nothing was, or it was made under another
    /// key, or it is damaged.
    public static func load(directory: String, variant: String, key: String) -> Contents? {
        guard let folder else { return nil }
        let path = folder + "/" + name(directory: directory, variant: variant)
        // Mapped, not copied: the word lists are read there in place, the rest is copied out of it once.
        guard let file = MappedFile(path: path), let contents = decode(file.bytes, key: key, in: file) else {
            return nil
        }
        // Marked as used now, so pruning (`prune`) takes the files used longest ago.
        utimes(path, nil)
        return contents
    }

    /// Keeps `contents` for `directory` and `variant` under `key`, replacing what was kept. A failure to encode or
    /// write only means the next command compiles the folder again.
    public static func keep(_ contents: Contents, directory: String, variant: String, key: String) {
        guard let folder, let file = encode(contents, key: key) else { return }
        UserCache.write(Data(file), in: folder, named: name(directory: directory, variant: variant))
        prune(folder)
    }

    /// The most prepared files kept: a file is a few megabytes, and a folder that was moved or deleted (a test's
    /// copy, an old checkout) leaves its files behind.
    static let limit = 8

    /// Removes the files used longest ago beyond `limit` (and any partial file a killed command left an hour ago).
    static func prune(_ folder: String, limit: Int = PreparedRules.limit) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { return }
        let now = Date()
        var kept: [(path: String, written: Date)] = []
        for name in names {
            let path = folder + "/" + name
            let written = (try? fileManager.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? .distantPast
            if name.hasPrefix(".") {
                if now.timeIntervalSince(written) > 3600 { try? fileManager.removeItem(atPath: path) }
            } else {
                kept.append((path, written))
            }
        }
        for old in kept.sorted(by: { $0.written > $1.written }).dropFirst(limit) {
            try? fileManager.removeItem(atPath: old.path)
        }
    }

    /// `contents` as the bytes of a kept file made under `key`; nil when PCRE2 cannot serialize the patterns.
    public static func encode(_ contents: Contents, key: String) -> [UInt8]? {
        guard let patterns = contents.patterns.encoded else { return nil }
        var body: [UInt8] = []
        func field(_ bytes: some Collection<UInt8>) {
            withUnsafeBytes(of: UInt64(bytes.count)) { body += $0 }
            body += bytes
        }
        field(Array(key.utf8))
        field(
            RuleSetSnapshot.encode(
                screeningPart(of: contents.set, weights: contents.weights), warnings: contents.warnings))
        field(patterns)
        withUnsafeBytes(of: UInt64(contents.weights.count)) { body += $0 }
        for name in contents.weights.keys.sorted() { field(contents.weights[name]!.encoded) }
        field(contents.gates.map(\.encoded) ?? [])
        var file = magic
        withUnsafeBytes(of: body.withUnsafeBytes(UserCache.checksum)) { file += $0 }
        return file + body
    }

    /// The part of `set` a prepared file keeps: all the lanes read. A rule's examples are left out (a folder is
    /// prepared only after its check passed, and the check is all that reads them), and so is the text of a model
    /// whose weights are kept as read (`weights`): two megabytes a command would read and never use.
    static func screeningPart(of set: RuleSet, weights: [String: WeightsFile]) -> RuleSet {
        var part = set
        part.rules = set.rules.map(\.withoutExamples)
        part.modelFiles = set.modelFiles.filter { weights[$0.key] == nil }
        return part
    }

    /// What the bytes of a kept file hold; nil when they were made under another key than `key`, or are damaged.
    /// When the bytes are those of a mapped `file`, the word lists are read in place there.
    public static func decode(_ raw: UnsafeRawBufferPointer, key: String, in file: MappedFile? = nil) -> Contents? {
        var input = KeptBytes.Reader(raw)
        guard input.take(magic.count).map({ $0.elementsEqual(magic) }) == true, let sum = input.int(),
            UserCache.checksum(UnsafeRawBufferPointer(rebasing: raw[input.offset...]))
                == UInt64(bitPattern: Int64(sum)),
            let keptKey = input.field(), keptKey.elementsEqual(key.utf8), let rules = input.field(),
            let (set, warnings) = RuleSetSnapshot.decode(rules, checksummed: true, in: file),
            let patternBytes = input.field(),
            let weights = input.array({ $0.field().flatMap(WeightsFile.init(encoded:)) }),
            let gateBytes = input.field(),
            input.isAtEnd, let patterns = CompiledPatterns(encoded: patternBytes)
        else { return nil }
        let gates: Screener.Gates?
        if gateBytes.isEmpty {
            gates = nil
        } else {
            guard let decoded = Screener.Gates(encoded: gateBytes) else { return nil }
            gates = decoded
        }
        return Contents(set: set, warnings: warnings, patterns: patterns, weights: weights, gates: gates)
    }
}

extension Screener.Gates {
    /// The gates as bytes: the keyword search, then each rule's id and gates, by id.
    var encoded: [UInt8] {
        var out = KeptBytes.Writer()
        out.values(search.classes)
        out.values(search.ends)
        out.array(plans.keys.sorted()) { out, id in
            let gates = plans[id]!
            out.string(id)
            out.string(gates.runPattern)
            if let ids = gates.wordIDs {
                out.int(1)
                out.array(ids) { out, sets in out.array(sets) { $0.values($1) } }
            } else {
                out.int(0)
            }
            out.int(gates.digitRun)
            out.values(gates.bytePairs)
            out.array(gates.requiredBytes) { out, set in
                out.values((0...255).filter { set.contains(UInt8($0)) }.map(UInt8.init))
            }
        }
        return out.bytes
    }

    /// What `encoded` wrote; nil when the bytes are damaged.
    init?(encoded raw: UnsafeRawBufferPointer) {
        var input = KeptBytes.Reader(raw)
        guard let classes = input.values(UInt8.self), let ends = input.values(Int32.self),
            let search = KeywordSearch(classes: classes, ends: ends),
            let entries = input.array({ input -> (String, RulePlan.Gates)? in
                guard let id = input.string(), let runPattern = input.string(), let hasWords = input.int() else {
                    return nil
                }
                var wordIDs: [[[Int32]]]?
                if hasWords == 1 {
                    guard let ids = input.array({ $0.array({ $0.values(Int32.self) }) }) else { return nil }
                    wordIDs = ids
                }
                guard let digitRun = input.int(), let bytePairs = input.values(UInt64.self),
                    let requiredBytes = input.array({ $0.values(UInt8.self).map { ByteSet(of: $0) } })
                else { return nil }
                // Every id must name a keyword: a damaged file must not index past them.
                guard
                    wordIDs?.allSatisfy({ $0.allSatisfy { $0.allSatisfy { $0 >= 0 && Int($0) < search.count } } })
                        ?? true
                else { return nil }
                return (
                    id,
                    RulePlan.Gates(
                        runPattern: runPattern, wordIDs: wordIDs, digitRun: digitRun, bytePairs: bytePairs,
                        requiredBytes: requiredBytes)
                )
            }), input.isAtEnd
        else { return nil }
        self.init(search: search, plans: Dictionary(entries, uniquingKeysWith: { first, _ in first }))
    }
}
