import ArgumentParser
import Foundation
import PorchRules
import PorchScreening

/// `--rules PATH`, shared by every command that screens posts.
struct RulesOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The rules folder (holds pii/, crisis/, spam/).",
            discussion: """
                Default: $PORCH_RULES, else the rules of the group this folder is in (porch.toml), else ./Rules, \
                else the Rules folder of the porch checkout.
                """,
            valueName: "path"))
    var rules: String?

    /// The folder to load, by the order the help text gives; `group` when the command works on one.
    func directory(group: Group? = nil) -> String {
        if let rules { return rules }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PORCH_RULES"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        if let group = group ?? (try? Group.locate(dir: nil)) { return group.rulesFolder }
        return RulesOptions.defaultDirectory()
    }

    static func defaultDirectory() -> String {
        let fileManager = FileManager.default
        let local = fileManager.currentDirectoryPath + "/Rules"
        if fileManager.fileExists(atPath: local) { return local }
        // Walk up from the executable: .build/release/porch in a checkout finds the checkout's Rules/.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("Rules")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("pii").path) { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        return local
    }

    /// Loads and compiles the rules, or prints every problem and exits with status 2. `piiOnly` (for `porch
    /// scrub`, which runs nothing else) compiles only the PII and allow rules: a fifth of the start-up saved.
    /// The crisis and spam rules are still read and checked as files; their patterns are compiled by every
    /// command that runs them, and by `porch rules check`.
    /// The group's `keep_places` (of `group`, else of the group this folder is in) stay in posts.
    func loadScreener(group: Group? = nil, piiOnly: Bool = false) throws -> Screener {
        let group = group ?? (try? Group.locate(dir: nil))
        let directory = directory(group: group)
        do {
            let (set, _) = try RuleLoader.load(directory: directory)
            var screener = try Screener(rules: piiOnly ? set.piiOnly : set)
            if let places = group?.config.keepPlaces, !places.isEmpty { screener.keep(places: places) }
            return screener
        } catch {
            Console.error("the rules in \(directory) were refused:\n\(error.description)")
            throw ExitStatus.configuration
        }
    }
}
