import ArgumentParser
import PorchQueue

/// The options every decision shares: the group, who decides, and the version a script read.
struct DecisionOptions: ParsableArguments {
    @Option(
        name: .customLong("expect-version"),
        help: ArgumentHelp(
            "Decide a post only if it is still at version V (its `version` in `porch queue list --json`).",
            discussion: "Each post given is checked against V and decided or refused on its own.", valueName: "V"))
    var expectedVersion: Int?

    @OptionGroup var actor: ActorOptions
    @OptionGroup var group: GroupOptions

    /// Runs `decide` on each id in turn; each succeeds or fails alone.
    ///
    /// Prints one line per decided post on stdout and each failure on stderr; exits 1 if any failed.
    func run(_ ids: [PostNumber], _ decide: (Queue, Int64, String, Int?) throws -> String) throws {
        let queue = try group.group().openQueueOrExit()
        let name = actor.name
        var failed = 0
        for number in ids {
            do {
                Console.out(try decide(queue, number.id, name, expectedVersion) + "\n")
            } catch {
                Console.error("\(error)")
                failed += 1
            }
        }
        if failed > 0 {
            if ids.count > 1 { Console.error("\(failed) of \(ids.count) posts were not changed; the others were") }
            throw ExitStatus.inputRefused
        }
    }
}

/// Exit statuses of the decision commands, for their help texts.
enum DecisionHelp {
    static let exitStatus = """
        Each id is decided on its own: one that fails is reported on stderr (a conflict names who changed the \
        post and its state now) and the others still go through. Exit status: 0 every post was changed; 1 at \
        least one was not; 2 the group or its queue could not be opened.
        """
}
