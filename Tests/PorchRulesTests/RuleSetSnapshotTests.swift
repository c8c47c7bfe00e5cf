import Foundation
import Testing

@testable import PorchRules

/// A loaded rules folder as bytes and back (what `PreparedRules` keeps): the shipped folder reads back whole, and
/// bytes cut short or damaged are refused, never misread.
@Suite struct RuleSetSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rules").path

    @Test func theShippedRulesReadBackWhole() throws {
        let (set, warnings) = try RuleLoader.load(directory: Self.directory)
        let warning = RuleDiagnostic(
            .warning, file: "pii/names.toml", position: SourcePosition(line: 3, column: 7), ruleID: "pii.x", "a warning"
        )
        let bytes = RuleSetSnapshot.encode(set, warnings: warnings + [warning])
        let (read, readWarnings) = try #require(bytes.withUnsafeBytes { RuleSetSnapshot.decode($0) })
        // Written again, the set read back gives the same bytes: nothing was lost on the way.
        #expect(RuleSetSnapshot.encode(read, warnings: readWarnings) == bytes)
        #expect(read.rules.map(\.id) == set.rules.map(\.id))
        #expect(read.rules.map(\.matchExamples) == set.rules.map(\.matchExamples))
        #expect(read.lists == set.lists && read.singleWordLists == set.singleWordLists)
        #expect(read.modelFiles == set.modelFiles && read.files == set.files)
        #expect(read.resources.map(\.resource) == set.resources.map(\.resource))
        #expect(read.helplines.map(\.numbers) == set.helplines.map(\.numbers))
        #expect(read.spamThreshold == set.spamThreshold && read.spamSuspectThreshold == set.spamSuspectThreshold)
        #expect(readWarnings.last?.description == warning.description)
        // Every kind of rule is there, with its own fields.
        let kinds = Set(
            read.rules.map { rule -> String in
                switch rule.kind {
                case .pii: return "pii"
                case .allow: return "allow"
                case .crisis: return "crisis"
                case .context: return "context"
                case .spam: return "spam"
                }
            })
        #expect(kinds == ["pii", "allow", "crisis", "context", "spam"])
    }

    @Test func bytesCutShortOrDamagedAreRefused() throws {
        var set = RuleSet()
        set.rules = [
            Rule(
                id: "pii.test.one", description: "one",
                location: RuleLocation(file: "pii/t.toml", position: .init(line: 1, column: 1)),
                matcher: RuleMatcher(
                    source: .pattern("a+"), position: .init(line: 2, column: 1), caseless: true, unicodeClasses: false),
                matchExamples: [RuleExample(text: "aa", marked: [0..<2], position: .init(line: 3, column: 1))],
                noMatchExamples: [],
                kind: .crisis(CrisisDetails(category: "suicide", level: .crisis, weight: 2.5)))
        ]
        set.lists = ["kin": ["mum", "nan"]]
        let bytes = RuleSetSnapshot.encode(set, warnings: [])
        #expect(bytes.withUnsafeBytes { RuleSetSnapshot.decode($0) } != nil)
        for length in [0, 7, 8, 30, bytes.count / 2, bytes.count - 1] {
            #expect(Array(bytes.prefix(length)).withUnsafeBytes { RuleSetSnapshot.decode($0) } == nil, "\(length)")
        }
        #expect((bytes + [0]).withUnsafeBytes { RuleSetSnapshot.decode($0) } == nil)
        // A count far beyond the bytes there are (the first field is the number of rules).
        var huge = bytes
        huge[7] = 0x7F
        #expect(huge.withUnsafeBytes { RuleSetSnapshot.decode($0) } == nil)
    }
}
