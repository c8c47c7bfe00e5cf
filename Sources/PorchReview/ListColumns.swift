import PorchModel

/// Where each column of the list starts at one terminal width: narrow screens get short badges and states so the
/// first words keep room; wide ones give the alias its whole length and the flags and first words the rest.
struct ListColumns: Equatable {
    /// Below this width the badge is `!!` and the state four letters.
    static let compactBelow = 60

    let compact: Bool
    /// Width of the age, right-aligned.
    let age: Int
    let stateStart: Int
    let aliasStart: Int
    let alias: Int
    /// Width of the flags column; 0 hides it.
    let flags: Int

    var wordsStart: Int { aliasStart + alias + 1 + (flags > 0 ? flags + 1 : 0) }

    /// The layout for `cols` columns, the alias column as wide as the longest alias shown (within limits).
    init(cols: Int, longestAlias: Int) {
        compact = cols < Self.compactBelow
        if compact {
            // cursor, tag, "!!", space, age (3), space: the state starts at 9.
            age = 3
            stateStart = 9
            aliasStart = 14
            alias = 9
            flags = 0
            return
        }
        age = 5
        stateStart = 18
        aliasStart = 28
        let widest = cols >= 160 ? 26 : cols >= 120 ? 22 : cols >= 90 ? 16 : cols >= 75 ? 12 : 9
        alias = max(9, min(longestAlias, widest))
        flags = cols >= 160 ? 34 : cols >= 120 ? 26 : cols >= 100 ? 22 : cols >= 75 ? 14 : 0
    }

    /// The column titles, aligned with the rows.
    func titles() -> StyledLine {
        var titles = StyledLine(fill: .dim)
        titles.append(compact ? "  LV" : "  LEVEL", .dim)
        titles.pad(to: compact ? 5 : 13)
        titles.append("AGE", .dim)
        titles.pad(to: stateStart)
        titles.append(compact ? "ST" : "STATE", .dim)
        titles.pad(to: aliasStart)
        titles.append("ALIAS", .dim)
        titles.pad(to: aliasStart + alias + 1)
        if flags > 0 {
            titles.append("FLAGS", .dim)
            titles.pad(to: wordsStart)
        }
        titles.append("FIRST WORDS", .dim)
        return titles
    }

    /// A state in four letters, for narrow screens.
    static func shortState(_ state: PostState) -> String {
        switch state {
        case .pending: "pend"
        case .held: "held"
        case .escalated: "esc"
        case .approved: "appr"
        case .rejected: "rej"
        case .spam: "spam"
        case .published: "pub"
        }
    }
}
