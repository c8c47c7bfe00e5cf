/// Drawing the list view: one line per post, crisis first, only the rows on screen formatted.
extension ReviewScreen {
    /// Rows the list itself gets at a terminal height.
    func listHeight(rows: Int) -> Int {
        rows - 3 - (rows >= 18 ? 1 : 0)
    }

    /// The first row of the list on screen, with the selection always on it.
    func listTop(height: Int) -> Int {
        // The same clamp as `clampScroll`, so the selection is on screen even at a size not yet recorded.
        var top = scrollTop
        if selection < top { top = selection }
        if selection >= top + height { top = selection - height + 1 }
        return max(0, min(top, max(visible.count - height, 0)))
    }

    func listLines(rows: Int, cols: Int) -> [StyledLine] {
        var lines: [StyledLine] = [listHeader(cols: cols)]
        let height = listHeight(rows: rows)
        let top = listTop(height: height)
        let shown = top..<min(top + height, visible.count)
        let columns = ListColumns(cols: cols, longestAlias: shown.map { items[visible[$0]].alias.count }.max() ?? 0)
        if rows >= 18 { lines.append(columns.titles()) }
        if visible.isEmpty {
            lines.append(StyledLine())
            let text =
                items.isEmpty || (stateFilter == .open && levelFilter == .all && search.isEmpty)
                ? "  Nothing waiting: the queue is clear. Thank you." : "  No posts match the filter or search."
            lines.append(StyledLine(text, .dim))
            lines.append(StyledLine("  f and c change the filters, / searches, R reloads, q quits.", .dim))
        }
        for row in shown {
            lines.append(listRow(items[visible[row]], selected: row == selection, cols: cols, columns: columns))
        }
        while lines.count < rows - 2 { lines.append(StyledLine()) }
        lines.append(statusLine(cols: cols, marker: crisisMarker(shown)))
        lines.append(footerLine(cols: cols))
        return lines
    }

    /// "▲ 2 crisis above  ▼ 1 below": flagged crisis posts the list has but the screen does not show.
    func crisisMarker(_ shown: Range<Int>) -> String? {
        var above = 0
        var below = 0
        for row in visible.indices where items[visible[row]].level == .crisis {
            if row < shown.lowerBound { above += 1 } else if row >= shown.upperBound { below += 1 }
        }
        var parts: [String] = []
        if above > 0 { parts.append("\u{25B2} \(above) crisis above") }
        if below > 0 { parts.append("\u{25BC} \(below) crisis below") }
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    private func listHeader(cols: Int) -> StyledLine {
        let counts = headerCounts()
        var line = StyledLine(" Porch review  \(counts.open) open", .header)
        if counts.crisis > 0 {
            line.append("  ")
            line.append("\(counts.crisis) crisis", .crisisBadge)
        }
        if counts.concern > 0 { line.append("  \(counts.concern) concern", .header) }
        var filters = "  [\(stateFilter.label) · \(levelFilter.label)"
        if !search.isEmpty { filters += " · /\(search)" }
        filters += " · \(visible.isEmpty ? 0 : selection + 1)/\(visible.count)\(hasMoreOpen ? "+" : "")]"
        line.append(filters, .header)
        if !tagged.isEmpty { line.append("  \(tagged.count) tagged", .prompt) }
        return line
    }

    func listRow(_ item: ReviewItem, selected: Bool, cols: Int, columns: ListColumns) -> StyledLine {
        let base: Role = selected ? .selectedRow : .plain
        var line = StyledLine(fill: base)
        line.append(selected ? "\u{25B8}" : " ", base)
        line.append(tagged.contains(item.id) ? "*" : " ", tagged.contains(item.id) ? .prompt : base)
        if columns.compact {
            switch item.level {
            case .crisis: line.append("!!", .crisisBadge)
            case .concern: line.append("! ", .concernBadge)
            case .none: line.append("  ", base)
            }
        } else {
            badge(item.level, into: &line)
        }
        let age = Age.short(since: item.receivedAt, now: now)
        line.append(String(repeating: " ", count: max(0, columns.age - age.count)) + age + " ", base)
        line.pad(to: columns.stateStart, base)
        let state = columns.compact ? ListColumns.shortState(item.state) : item.state.rawValue
        line.append(state, item.state == .held || item.state == .escalated ? .notice : base)
        line.pad(to: columns.aliasStart, base)
        line.append(clip(item.alias, to: columns.alias), base)
        line.pad(to: columns.aliasStart + columns.alias + 1, base)
        if columns.flags > 0 {
            line.append(clip(flags(item), to: columns.flags), selected ? base : .dim)
            line.pad(to: columns.wordsStart, base)
        }
        // Only as much of the text as can show is measured and sanitized.
        let room = max(cols - line.width, 0)
        let cells = TerminalText.cells(item.text, maxWidth: room + 1).map { cell in
            cell.kind == .newline ? Cell(" ", width: 1, offset: cell.offset, length: cell.length, kind: .space) : cell
        }
        line.append(cells: cells, base)
        return line
    }

    /// The flags column: categories, redaction count, spam score, held.
    func flags(_ item: ReviewItem) -> String {
        var parts: [String] = []
        if let first = item.categories.first {
            parts.append(item.categories.count > 1 ? "\(first)+\(item.categories.count - 1)" : first)
        }
        let redactions = item.redactionCount
        if redactions > 0 { parts.append("PII:\(redactions)") }
        if item.spamVerdict == .spam {
            parts.append("SPAM:" + formatScore(item.spamScore))
        } else if item.spamVerdict == .suspect {
            parts.append("suspect:" + formatScore(item.spamScore))
        } else if item.spamScore > 0 || item.highlights.contains(where: { $0.kind == .spam }) {
            parts.append("spam:" + formatScore(item.spamScore))
        }
        if item.heldReason != nil { parts.append("held") }
        return parts.joined(separator: " ")
    }

    func formatScore(_ score: Double) -> String {
        let tenths = Int((score * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// Text cut to a width, with `⋯` when it was longer.
    func clip(_ text: String, to width: Int) -> String {
        let cells = TerminalText.cells(text, maxWidth: width + 1)
        let total = cells.reduce(0) { $0 + $1.width }
        guard total > width else { return cells.map { $0.kind == .newline ? " " : $0.text }.joined() }
        var out = ""
        var used = 0
        for cell in cells {
            if used + cell.width > width - 1 { break }
            out += cell.kind == .newline ? " " : cell.text
            used += cell.width
        }
        return out + "\u{22EF}"
    }
}
