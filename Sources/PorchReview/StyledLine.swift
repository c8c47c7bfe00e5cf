/// One screen line under construction: styled runs of sanitized cells, rendered to an exact width.
struct StyledLine: Sendable {
    private(set) var runs: [(cells: [Cell], role: Role)] = []
    private(set) var width = 0
    /// The role that fills the rest of the line (a selected row is highlighted to the edge).
    var fill: Role

    init(fill: Role = .plain) {
        self.fill = fill
    }

    init(_ text: String, _ role: Role = .plain, fill: Role? = nil) {
        self.fill = fill ?? role
        append(text, role)
    }

    /// Appends text on one line (line breaks become spaces, controls inert symbols).
    mutating func append(_ text: String, _ role: Role = .plain) {
        let cells = TerminalText.cells(text).map { cell in
            cell.kind == .newline ? Cell(" ", width: 1, offset: cell.offset, length: cell.length, kind: .space) : cell
        }
        append(cells: cells, role)
    }

    mutating func append(cells: [Cell], _ role: Role) {
        guard !cells.isEmpty else { return }
        runs.append((cells, role))
        width += cells.reduce(0) { $0 + $1.width }
    }

    /// Pads the line with spaces to `column` (used to align columns).
    mutating func pad(to column: Int, _ role: Role? = nil) {
        if column > width { append(String(repeating: " ", count: column - width), role ?? fill) }
    }

    /// The line as printable text exactly `cols` columns wide, cut with `⋯` when longer.
    func render(cols: Int, mode: ColorMode) -> String {
        guard cols > 0 else { return "" }
        var out = ""
        var used = 0
        let limit = width > cols ? cols - 1 : cols
        var cut = false
        for run in runs where !cut {
            var text = ""
            var role = run.role
            for cell in run.cells {
                if used + cell.width > limit {
                    cut = true
                    break
                }
                let cellRole = cell.kind == .inert ? Role.inert : run.role
                if cellRole != role {
                    out += styled(text, role: role, mode: mode)
                    text = ""
                    role = cellRole
                }
                text += cell.text
                used += cell.width
            }
            out += styled(text, role: role, mode: mode)
        }
        var tail = ""
        if cut || width > cols {
            tail += String(repeating: " ", count: max(0, limit - used)) + "\u{22EF}"
            used = cols
        }
        tail += String(repeating: " ", count: max(0, cols - used))
        out += styled(tail, role: fill, mode: mode)
        return out
    }

    private func styled(_ text: String, role: Role, mode: ColorMode) -> String {
        guard !text.isEmpty, let sgr = role.sgr(mode) else { return text }
        return "\u{1B}[\(sgr)m\(text)\u{1B}[0m"
    }
}
