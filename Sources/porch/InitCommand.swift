import ArgumentParser
import Foundation
import PorchPipeline

/// `porch init`: creates a group in a folder.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a group: porch.toml, an owner-only data folder (queue, secret key), the rules, feed paths.",
        discussion: "Running it again keeps everything that exists and creates only what is missing.")

    @Option(help: "The group's name, used as the feed title.")
    var group: String = "Support group"

    @Option(
        help: ArgumentHelp(
            "The region whose crisis resources are shown: an ISO 3166 code (GB, IE, US, …) or a region the rules'"
                + " resources.toml names (UK, …). A region without resources is accepted with a warning."))
    var region: String = "US"

    @Option(help: ArgumentHelp("The folder to create the group in (default: the current folder).", valueName: "path"))
    var dir: String?

    @Option(help: ArgumentHelp("The rules to copy into the group (default: as for --rules).", valueName: "path"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "Keep the queue in this PostgreSQL database (postgres://USER@HOST:PORT/DB), shared by every host that"
                + " names it with the same group name and key; the password comes from PGPASSWORD or ~/.pgpass."
                + " Default: an SQLite file in the data folder.", valueName: "url"))
    var database: String?

    func run() throws {
        let root = URL(
            fileURLWithPath: dir ?? ".", relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL
        let source =
            rules ?? ProcessInfo.processInfo.environment["PORCH_RULES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? RulesOptions.defaultDirectory()
        // The rules a group starts with get the verdict `porch rules check` gives; refused, nothing is created.
        let verdict: RulesVerdict
        do {
            verdict = try RulesVerdict.judge(source)
        } catch {
            Console.error("the rules in \(source) were refused, so no group was created:\n\(error.description)")
            throw ExitStatus.configuration
        }
        guard verdict.failures.isEmpty else {
            Console.error(
                "the rules in \(source) were refused (as `porch rules check` refuses them), so no group was created:\n"
                    + verdict.report)
            throw ExitStatus.configuration
        }
        var regions: [String] = []
        for resource in verdict.set.resources.map(\.resource) where !regions.contains(resource.region) {
            regions.append(resource.region)
        }
        let (region, warning) = try RegionChoice.resolve(
            region, known: regions, defaultRegion: verdict.set.defaultRegion)
        if let database, let problem = GroupConfig.problem(withDatabase: database) {
            Console.error(problem)
            throw ExitStatus.configuration
        }
        do {
            let (group, created) = try Group.create(
                at: root, name: self.group, region: region, rulesSource: source, database: database)
            if let warning, group.config.region == region { Console.error(warning) }
            if created.contains(Group.dataFolderName + "/queue.sqlite") && !created.contains(Group.configName) {
                Console.error(
                    "warning: this group had no queue, so a new, empty one was made (post ids start at 1 again)."
                        + " If the old queue still exists, put it back in place of the new one before anything else")
            }
            if created.isEmpty {
                print("The group in \(root.path) is complete; nothing to create.")
            } else {
                print("Created in \(root.path): \(created.joined(separator: ", "))")
            }
            if let database = group.databaseURL {
                print("The queue is in PostgreSQL: \(group.databaseLocation(database)).")
            }
            print("Group \"\(group.config.name)\", region \(group.config.region). Next: porch submit < post.txt")
        } catch let error as GroupError {
            Console.error(error.description)
            throw ExitStatus.configuration
        } catch {
            Console.error("could not create the group in \(root.path): \(error)")
            throw ExitStatus.configuration
        }
    }
}
