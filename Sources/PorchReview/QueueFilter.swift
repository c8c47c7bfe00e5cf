import PorchModel

/// Which posts the list shows by state; `f` cycles through them.
public enum StateFilter: Equatable, Sendable {
    /// Posts still waiting for a decision: pending, held, escalated.
    case open
    case all
    case only(PostState)

    static let cycle: [StateFilter] =
        [
            .open, .only(.pending), .only(.held), .only(.escalated), .only(.approved), .only(.rejected), .only(.spam),
            .only(.published), .all,
        ]

    var label: String {
        switch self {
        case .open: "open"
        case .all: "all states"
        case .only(let state): state.rawValue
        }
    }

    func accepts(_ state: PostState) -> Bool {
        switch self {
        case .open: state.isOpen
        case .all: true
        case .only(let wanted): state == wanted
        }
    }

    var next: StateFilter {
        let index = Self.cycle.firstIndex(of: self) ?? 0
        return Self.cycle[(index + 1) % Self.cycle.count]
    }
}

/// Which posts the list shows by crisis level; `c` cycles through them.
public enum LevelFilter: Equatable, Sendable, CaseIterable {
    case all, concernOrAbove, crisisOnly

    var label: String {
        switch self {
        case .all: "all levels"
        case .concernOrAbove: "concern+"
        case .crisisOnly: "crisis only"
        }
    }

    func accepts(_ level: CrisisLevel) -> Bool {
        switch self {
        case .all: true
        case .concernOrAbove: level >= .concern
        case .crisisOnly: level == .crisis
        }
    }

    var next: LevelFilter {
        switch self {
        case .all: .concernOrAbove
        case .concernOrAbove: .crisisOnly
        case .crisisOnly: .all
        }
    }
}

/// The review order: open posts before decided ones, crisis first, then concern, then the longest waiting.
enum ReviewOrder {
    static func precedes(_ lhs: ReviewItem, _ rhs: ReviewItem) -> Bool {
        if lhs.state.isOpen != rhs.state.isOpen { return lhs.state.isOpen }
        if lhs.level != rhs.level { return lhs.level > rhs.level }
        if lhs.receivedAt != rhs.receivedAt { return lhs.receivedAt < rhs.receivedAt }
        return lhs.id < rhs.id
    }
}
