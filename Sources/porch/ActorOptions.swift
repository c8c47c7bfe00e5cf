import ArgumentParser
import Foundation

/// `--as NAME`: who is acting, recorded in the queue's history.
struct ActorOptions: ParsableArguments {
    @Option(
        name: .customLong("as"), help: "Who is acting, for the history (default: $PORCH_ACTOR, else the user name).")
    var actor: String?

    /// The name to record.
    var name: String {
        if let actor, !actor.isEmpty { return actor }
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["PORCH_ACTOR"], !named.isEmpty { return named }
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        return NSUserName()
    }
}
