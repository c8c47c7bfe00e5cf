import ArgumentParser
import PorchModel

/// A `--state` value: one of the queue's states, or `all`.
enum QueueStateFilter: String, ExpressibleByArgument, CaseIterable {
    case pending, escalated, held, approved, rejected, spam, published, all

    /// The queue states this value selects.
    var states: Set<PostState> {
        if self == .all { return Set(PostState.allCases) }
        return PostState(rawValue: rawValue).map { [$0] } ?? []
    }
}

/// A `--level` value: a crisis level.
enum QueueLevelFilter: String, ExpressibleByArgument, CaseIterable {
    case crisis, concern, none

    var level: CrisisLevel { CrisisLevel(rawValue: rawValue) ?? .none }
}
