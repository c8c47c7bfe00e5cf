import ArgumentParser
import Foundation
import PorchPipeline
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

    /// Loads, compiles and checks the rules with the verdict `porch rules check` gives (`RulesVerdict`), or prints
    /// every problem and exits with status 2. `piiOnly` (for `porch scrub`, which runs nothing else) compiles only
    /// the PII and allow rules once the folder's pass is remembered: a fifth of the start-up saved.
    /// `fewPosts` (a command that screens one post) leaves out the JIT and the prefilters' scanners, which cost more
    /// to build than they save on one post. The group's `keep_places` (of `group`, else of the group this folder is in) stay in posts.
    func loadScreener(group: Group? = nil, piiOnly: Bool = false, fewPosts: Bool = false) throws -> Screener {
        let group = group ?? (try? Group.locate(dir: nil))
        var screener = try RulesOptions.screener(
            directory: directory(group: group), piiOnly: piiOnly, fewPosts: fewPosts)
        if let places = group?.config.keepPlaces, !places.isEmpty { screener.keep(places: places) }
        return screener
    }

    /// The screener for `directory` if the rules pass, else every problem on stderr and exit status 2.
    static func screener(directory: String, piiOnly: Bool = false, fewPosts: Bool = false) throws -> Screener {
        let verdict: RulesVerdict
        do {
            verdict = try RulesVerdict.judge(directory, piiOnly: piiOnly, fewPosts: fewPosts)
        } catch {
            Console.error("the rules in \(directory) were refused:\n\(error.description)")
            throw ExitStatus.configuration
        }
        guard verdict.failures.isEmpty else {
            Console.error(
                "the rules in \(directory) were refused (as `porch rules check \(directory)` refuses them):\n"
                    + verdict.report)
            throw ExitStatus.configuration
        }
        return verdict.screener
    }
}
