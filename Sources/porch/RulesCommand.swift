import ArgumentParser
import Foundation
import PorchPipeline
import PorchRules
import PorchScreening

/// `porch rules`: tools for rule editors.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check the rule files, and measure them on a labelled corpus.",
        subcommands: [Check.self, Test.self]
    )

    /// `porch rules check [PATH]`: lint every file and run every rule's examples.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Lint every rule file and run every rule's own examples.",
            discussion: """
                Prints file:line:column and the reason for every problem, and exits 2 if there is any error. \
                Warnings (such as a helpline not verified for over a year) do not fail the check.
                """)

        @Argument(help: "The rules folder (default: as for --rules).")
        var path: String?

        func run() throws {
            let directory = path ?? RulesOptions(rules: nil).directory()
            // The same verdict every other command uses (RulesVerdict), always checked here.
            let verdict: RulesVerdict
            do {
                verdict = try RulesVerdict.judge(directory, forceCheck: true)
            } catch {
                print(error.description)
                throw ExitStatus.configuration
            }
            let set = verdict.set
            var warnings = verdict.warnings
            let (examples, failures) = verdict.check ?? (0, [])
            warnings += RuleCheck(rules: set, screener: verdict.screener).staleResources(today: Check.today())
            for diagnostic in failures + warnings { print(diagnostic.description) }
            let counts = Dictionary(
                grouping: set.rules, by: { $0.id.split(separator: ".").first.map(String.init) ?? "" }
            )
            .mapValues(\.count)
            let summary = counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
            print(
                "\(set.files.count) files, \(set.rules.count) rules (\(summary)), \(set.resources.count) resources; "
                    + "\(examples) examples run, \(failures.count) failed, \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
            )
            if !failures.isEmpty { throw ExitStatus.configuration }
        }

        static func today() -> TOMLDate {
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            return TOMLDate(year: parts.year!, month: parts.month!, day: parts.day!)
        }
    }
}

extension RulesOptions {
    init(rules: String?) {
        self.init()
        self.rules = rules
    }
}
