import ArgumentParser
import Foundation
import PorchRules
import PorchScreening

extension RulesCommand {
    /// `porch rules test --corpus FILE [--against RULES] [--show]`: the rule editor's measure.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Measure the rules on a labelled corpus, and what changed against another rules folder.",
            discussion: """
                A PII corpus (posts with 'spans' and 'negatives', as ../shared/corpus/dev-pii.jsonl) prints the \
                leak per type, hard negatives destroyed and ordinary characters removed, counted as \
                ../shared/corpus/score.py counts them. A crisis corpus (label crisis/concern/none, category, \
                tag) or a spam corpus (label spam/ham, tag) prints recall per label, category and tag and false \
                positives per tag. With --against, every difference from the other rules folder: spans newly \
                leaked or caught and negatives newly destroyed (PII), posts newly flagged or missed (crisis, spam), \
                each with post id, type and rule id. Identifying text is printed only with --show, which adds \
                the words around each difference: use it on corpora of made-up posts.
                """)

        @Option(help: ArgumentHelp("The labelled corpus (JSON Lines).", valueName: "file"))
        var corpus: String

        @Option(
            help: ArgumentHelp(
                "Another rules folder to compare with (e.g. a copy of the rules before an edit).", valueName: "path"))
        var against: String?

        @Flag(help: "Print the words around each difference (identifying text: made-up corpora only).")
        var show = false

        @OptionGroup var rules: RulesOptions

        func run() throws {
            let file: CorpusFile
            do {
                file = try CorpusFile.read(corpus)
            } catch {
                Console.error(error.description)
                throw ExitStatus.configuration
            }
            let directory = rules.directory()
            let screener = try rules.loadScreener(piiOnly: file.isPII)
            let other = try against.map { try RulesOptions(rules: $0).loadScreener(piiOnly: file.isPII) }
            var report = CorpusReport(show: show)
            switch file {
            case .pii(let posts):
                let score = Test.score(posts, screener)
                report.pii(score, title: "\(corpus): \(posts.count) PII posts, rules \(directory)")
                if let other, let against {
                    let baseline = Test.score(posts, other)
                    report.pii(baseline, title: "against \(against)")
                    report.piiDifferences(score, baseline, posts: posts, against: against)
                }
            case .labelled(let lane, let posts):
                let score = Test.score(lane, posts, screener)
                report.labelled(score, title: "\(corpus): \(posts.count) \(lane.rawValue) posts, rules \(directory)")
                if let other, let against {
                    let baseline = Test.score(lane, posts, other)
                    report.labelled(baseline, title: "against \(against)")
                    report.labelledDifferences(score, baseline, posts: posts, against: against)
                }
            }
            Console.out(report.text)
        }

        static func score(_ posts: [PIICorpusPost], _ screener: Screener) -> PIICorpusScore {
            let session = screener.session()
            var results: [ScrubResult] = []
            for start in stride(from: 0, to: posts.count, by: Screener.batchSize) {
                let batch = posts[start..<min(posts.count, start + Screener.batchSize)]
                results += session.scrub(batch.map(\.text))
            }
            return PIICorpusScore(posts: posts, results: results)
        }

        static func score(_ lane: LabelledLane, _ posts: [LabelledPost], _ screener: Screener) -> LabelCorpusScore {
            let session = screener.session()
            var verdicts: [Verdict] = []
            for start in stride(from: 0, to: posts.count, by: Screener.batchSize) {
                let batch = posts[start..<min(posts.count, start + Screener.batchSize)]
                verdicts += session.screen(batch.map(\.text))
            }
            return LabelCorpusScore(lane: lane, posts: posts, verdicts: verdicts)
        }
    }
}

extension CorpusFile {
    var isPII: Bool {
        if case .pii = self { return true }
        return false
    }
}
