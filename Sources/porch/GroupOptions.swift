import ArgumentParser

/// `--dir`, shared by every command that works on a group.
struct GroupOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The group's folder (holds porch.toml).",
            discussion: "Default: $PORCH_DIR, else the nearest folder upwards from here that holds porch.toml.",
            valueName: "path"))
    var dir: String?

    /// The group, or a clear message and exit status 2.
    func group() throws -> Group {
        do {
            return try Group.locate(dir: dir)
        } catch {
            Console.error(error.description)
            throw ExitStatus.configuration
        }
    }
}
