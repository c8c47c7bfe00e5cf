import ArgumentParser
import Foundation

/// `porch init`: creates a group in a folder.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a group: porch.toml, an owner-only data folder (queue, secret key), the rules, feed paths.",
        discussion: "Running it again keeps everything that exists and creates only what is missing.")

    @Option(help: "The group's name, used as the feed title.")
    var group: String = "Support group"

    @Option(help: "The region whose crisis resources are shown (see Rules/resources.toml).")
    var region: String = "US"

    @Option(help: ArgumentHelp("The folder to create the group in (default: the current folder).", valueName: "path"))
    var dir: String?

    @Option(help: ArgumentHelp("The rules to copy into the group (default: as for --rules).", valueName: "path"))
    var rules: String?

    func run() throws {
        let root = URL(
            fileURLWithPath: dir ?? ".", relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL
        let source =
            rules ?? ProcessInfo.processInfo.environment["PORCH_RULES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? RulesOptions.defaultDirectory()
        do {
            let (group, created) = try Group.create(at: root, name: self.group, region: region, rulesSource: source)
            if created.isEmpty {
                print("The group in \(root.path) is complete; nothing to create.")
            } else {
                print("Created in \(root.path): \(created.joined(separator: ", "))")
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
