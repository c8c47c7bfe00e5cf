import PorchModel

extension CrisisLevel {
    /// The rank stored in the database: higher is reviewed first.
    var rank: Int {
        switch self {
        case .none: 0
        case .concern: 1
        case .crisis: 2
        }
    }

    init?(rank: Int) {
        switch rank {
        case 0: self = .none
        case 1: self = .concern
        case 2: self = .crisis
        default: return nil
        }
    }
}

extension SpamLabel {
    /// The `spamVerdict` column's value: a suspect post is stored as ham with `spamSuspect` set.
    var storedVerdict: String { self == .spam ? "spam" : "ham" }

    /// The verdict from the `spamVerdict` and `spamSuspect` columns.
    init?(stored: String, suspect: Bool) {
        switch stored {
        case "spam": self = .spam
        case "ham": self = suspect ? .suspect : .ham
        default: return nil
        }
    }
}
