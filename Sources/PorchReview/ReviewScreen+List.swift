/// Drawing the list view: one line per post, crisis first, only the rows on screen formatted.
extension ReviewScreen {
    /// Rows the list itself gets at a terminal height.
    func listHeight(rows: Int) -> Int {
        rows - 3 - (rows >= 18 ? 1 : 0)
    }

    func listLines(rows: Int, cols: Int) -> [StyledLine] {
        var lines: [StyledLine] = [listHeader(cols: cols)]
        let aliasWidth = cols >= 90 ? 16 : cols >= 75 ? 12 : 9
        let flagsWidth = cols >= 100 ? 22 : cols >= 75 ? 14 : 0
        if rows >= 18 {
            var titles = StyledLine(fill: .dim)
            titles.append("  LEVEL", .dim)
            titles.pad(to: 13)
            titles.append("AGE", .dim)
            titles.pad(to: 18)
            titles.append("STATE", .dim)
            titles.pad(to: 27)
            titles.append("ALIAS", .dim)
            titles.pad(to: 27 + aliasWidth + 1)
            if flagsWidth > 0 {
                titles.append("FLAGS", .dim)
                titles.pad(to: 27 + aliasWidth + 1 + flagsWidth + 1)
            }
            titles.append("FIRST WORDS", .dim)
            lines.append(titles)
        }
        let height = listHeight(rows: rows)
        // The same clamp as `clampScroll`, so the selection is on screen even at a size not yet recorded.
        var top = scrollTop
        if selection < top { top = selection }
        if selection >= top + height { top = selection - height + 1 }
        top = max(0, min(top, max(visible.count - height, 0)))
        if visible.isEmpty {
            lines.append(StyledLine())
            let text =
                items.isEmpty || (stateFilter == .open && levelFilter == .all && search.isEmpty)
                ? "  Nothing waiting: the queue is clear. Thank you." : "  No posts match the filter or search."
            lines.append(StyledLine(text, .dim))
            lines.append(StyledLine("  f and c change the filters, / searches, R reloads, q quits.", .dim))
        }
        for row in top..<min(top + height, visible.count) {
            lines.append(
                listRow(
                    items[visible[row]], selected: row == selection, cols: cols,
                    aliasWidth: aliasWidth, flagsWidth: flagsWidth))
        }
        while lines.count < rows - 2 { lines.append(StyledLine()) }
        lines.append(statusLine())
        lines.append(footerLine())
        return lines
    }

    private func listHeader(cols: Int) -> StyledLine {
        var open = 0
        var crisis = 0
        var concern = 0
        for item in items where item.state.isOpen {
            open += 1
            if item.level == .crisis { crisis += 1 } else if item.level == .concern { concern += 1 }
        }
        var line = StyledLine(" Porch review  \(open) open", .header)
        if crisis > 0 {
            line.append("  ")
            line.append("\(crisis) crisis", .crisisBadge)
        }
        if concern > 0 { line.append("  \(concern) concern", .header) }
        var filters = "  [\(stateFilter.label) · \(levelFilter.label)"
        if !search.isEmpty { filters += " · /\(search)" }
        filters += " · \(visible.isEmpty ? 0 : selection + 1)/\(visible.count)]"
        line.append(filters, .header)
        return line
    }

    func listRow(_ item: ReviewItem, selected: Bool, cols: Int, aliasWidth: Int, flagsWidth: Int) -> StyledLine {
        let base: Role = selected ? .selectedRow : .plain
        var line = StyledLine(fill: base)
        line.append(selected ? "\u{25B8} " : "  ", base)
        badge(item.level, into: &line)
        let age = Age.short(since: item.receivedAt, now: now)
        line.append(String(repeating: " ", count: max(0, 5 - age.count)) + age + "  ", base)
        line.append(item.state.rawValue, item.state == .held || item.state == .escalated ? .notice : base)
        line.pad(to: 27, base)
        line.append(clip(item.alias, to: aliasWidth), base)
        line.pad(to: 27 + aliasWidth + 1, base)
        if flagsWidth > 0 {
            line.append(clip(flags(item), to: flagsWidth), selected ? base : .dim)
            line.pad(to: 27 + aliasWidth + 1 + flagsWidth + 1, base)
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
        if item.spamVerdict == "spam" {
            parts.append("SPAM:" + formatScore(item.spamScore))
        } else if item.spamVerdict == "suspect" {
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
