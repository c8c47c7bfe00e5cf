import Foundation
import Testing

/// `porch rules test` through the built binary: rates on a labelled corpus, differences against another rules
/// folder with post ids and rule ids, and identifying text only with --show.
@Suite struct RulesTestCommandTests {
    /// A JSON Lines corpus written to a fresh folder.
    func corpus(_ lines: [[String: Any]]) throws -> URL {
        let file = try PorchProcess.temporaryFolder().appendingPathComponent("corpus.jsonl")
        let text = try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            .joined(separator: "\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// One PII post whose single span is `value` inside `text`.
    func post(_ id: String, _ text: String, span value: String, type: String, negative: String? = nil) -> [String: Any]
    {
        func place(_ part: String, _ type: String) -> [String: Any] {
            let range = text.range(of: part)!
            let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
            return ["start": start, "end": start + part.unicodeScalars.count, "type": type, "value": part]
        }
        return [
            "id": id, "text": text, "spans": [place(value, type)],
            "negatives": negative.map { [place($0, "TIME")] } ?? [],
        ]
    }

    var piiCorpus: [[String: Any]] {
        [
            post("t1", "My MRN is 48213377 and they lost it", span: "48213377", type: "MEDICAL_RECORD_NUMBER"),
            post(
                "t2", "email me at wren.q@example.com at 5:10am", span: "wren.q@example.com", type: "EMAIL",
                negative: "5:10am"),
            post(
                "t3", "the pharmacy has a code, 77341209, for my file", span: "77341209", type: "MEDICAL_RECORD_NUMBER"),
        ]
    }

    @Test func aPIICorpusPrintsLeakPerTypeNegativesAndCharacters() throws {
        let file = try corpus(piiCorpus)
        let run = try PorchProcess.run(["rules", "test", "--corpus", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("3 PII posts"))
        let email = try #require(run.lines.first { $0.hasPrefix("EMAIL") })
        #expect(email.contains("0.0%"))
        #expect(run.lines.contains { $0.hasPrefix("MEDICAL_RECORD_NUMBER") })
        #expect(run.lines.contains { $0.hasPrefix("TIME") && $0.hasSuffix("0.0%") })
        #expect(run.stdout.contains("ordinary characters removed:"))
        for secret in ["48213377", "wren.q", "77341209"] { #expect(!run.stdout.contains(secret)) }
    }

    @Test func againstAnotherRulesFolderItListsEachDifferenceWithRuleIDs() throws {
        let file = try corpus(piiCorpus)
        let before = try PorchProcess.temporaryFolder().appendingPathComponent("Rules")
        try FileManager.default.copyItem(atPath: PorchProcess.rules, toPath: before.path)
        // The older rules had no email rule: the email is newly caught by today's.
        let contact = before.appendingPathComponent("pii/contact.toml")
        let text = try String(contentsOf: contact, encoding: .utf8)
        let start = try #require(text.range(of: "[[rule]]\nid = \"pii.email.address\""))
        let end = try #require(text.range(of: "[[rule]]", range: start.upperBound..<text.endIndex))
        try text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "").write(
            to: contact, atomically: true, encoding: .utf8)

        let run = try PorchProcess.run(["rules", "test", "--corpus", file.path, "--against", before.path])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.lines.first { $0.hasPrefix("newly caught") }, "\(run.stdout)")
        #expect(line.contains("t2 EMAIL by pii.email.address"))
        #expect(!run.stdout.contains("wren.q"))
        #expect(run.lines.last == "differences: 1")

        let shown = try PorchProcess.run(["rules", "test", "--corpus", file.path, "--against", before.path, "--show"])
        #expect(shown.lines.contains { $0.hasPrefix("newly caught") && $0.contains("[[wren.q@example.com]]") })
    }

    @Test func aCrisisCorpusPrintsRecallAndFalsePositives() throws {
        let file = try corpus([
            [
                "id": "c1", "text": "I want to kill myself tonight", "label": "crisis", "category": "suicide",
                "tag": "explicit",
            ],
            [
                "id": "c2", "text": "what bottle do you use for reflux?", "label": "none", "category": "none",
                "tag": "everyday",
            ],
        ])
        let run = try PorchProcess.run(["rules", "test", "--corpus", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 crisis posts"))
        #expect(run.lines.contains { $0.hasPrefix("label crisis") && $0.hasSuffix("100.0%") })
        #expect(run.lines.contains { $0.hasPrefix("category suicide") })
        #expect(run.lines.contains { $0.hasPrefix("tag everyday") && $0.contains("0.0%") })
    }

    @Test func aSpamCorpusIsToldByItsLabels() throws {
        let file = try corpus([["id": "s1", "text": "lovely day at the park", "label": "ham", "tag": "chat"]])
        let run = try PorchProcess.run(["rules", "test", "--corpus", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 spam posts"))
        #expect(run.lines.contains { $0.hasPrefix("tag chat") })
    }

    @Test func aCorpusOfNoKnownKindIsRefusedWithWhatToDo() throws {
        let file = try corpus([["id": "x", "text": "hello", "label": "maybe"]])
        let run = try PorchProcess.run(["rules", "test", "--corpus", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot tell the corpus kind"))
        let missing = try PorchProcess.run(["rules", "test", "--corpus", "/nonexistent/corpus.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such corpus file"))
    }
}
