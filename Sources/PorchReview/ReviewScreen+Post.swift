/// Drawing the post view: wrapped scrubbed text with highlights, the legend, resources and the content notice.
extension ReviewScreen {
    /// How the post view divides the screen at one size.
    struct PostLayout {
        var bodyHeight: Int
        var bodyLines: [[Cell]]
        var showsInfo: Bool
        var resourceRows: Int
        var showsCrisisBlock: Bool
        var bodyLineCount: Int { bodyLines.count }

        /// The wrapped line holding the start of a highlight.
        func lineOfHighlight(_ index: Int, in item: ReviewItem) -> Int? {
            guard item.highlights.indices.contains(index) else { return nil }
            let start = item.highlights[index].range.lowerBound
            return bodyLines.firstIndex { line in line.contains { $0.offset + max($0.length, 1) > start } }
        }
    }

    static let supportReminder =
        "Look after yourself too: take a break after this one, and talk to a fellow moderator if it stays with you."
    static let shortSupportReminder = "Look after yourself too: take a break after this one."

    func postLayout(_ item: ReviewItem, rows: Int, cols: Int) -> PostLayout {
        let showsInfo = rows >= 12
        var fixed = 4 + (showsInfo ? 1 : 0)  // header, legend, status, footer (+ info)
        var resourceRows = 0
        var showsCrisisBlock = false
        if item.level == .crisis {
            let wanted = max(item.resources.count, 1)
            let room = rows - fixed - 3 - 2  // keep three body lines; heading and reminder take two
            if room >= 1 {
                showsCrisisBlock = true
                resourceRows = min(wanted, room)
                fixed += resourceRows + 2
            }
        }
        let bodyWidth = max(cols - 2, 10)
        let bodyLines =
            isCollapsed(item)
            ? TerminalText.wrap(TerminalText.cells(contentNotice(item)), width: bodyWidth)
            : TerminalText.wrap(bodyCells(item), width: bodyWidth)
        return PostLayout(
            bodyHeight: max(rows - fixed, 1), bodyLines: bodyLines, showsInfo: showsInfo, resourceRows: resourceRows,
            showsCrisisBlock: showsCrisisBlock)
    }

    /// The post's cells; without colour, brackets mark what colour would: ⟪crisis or spam match⟫, ⟦selected⟧.
    func bodyCells(_ item: ReviewItem) -> [Cell] {
        let cells = TerminalText.cells(item.text)
        guard colors == .none, !item.highlights.isEmpty else { return cells }
        var marks: [(range: Range<Int>, open: String, close: String)] = []
        for (index, highlight) in item.highlights.enumerated() where !highlight.range.isEmpty {
            if index == selectedHighlight {
                marks.append((highlight.range, "\u{27E6}", "\u{27E7}"))
            } else if highlight.kind != .redaction {
                marks.append((highlight.range, "\u{27EA}", "\u{27EB}"))
            }
        }
        guard !marks.isEmpty else { return cells }
        var out: [Cell] = []
        out.reserveCapacity(cells.count + marks.count * 2)
        for cell in cells {
            let span = cell.offset..<(cell.offset + max(cell.length, 1))
            for mark in marks where span.contains(mark.range.lowerBound) {
                out.append(Cell(mark.open, width: 1, offset: cell.offset, length: 0))
            }
            out.append(cell)
            for mark in marks.reversed() where span.contains(mark.range.upperBound - 1) {
                out.append(Cell(mark.close, width: 1, offset: cell.offset, length: 0))
            }
        }
        // A range running past the text (a store bug) still closes.
        let end = cells.last.map { $0.offset + max($0.length, 1) } ?? 0
        for mark in marks.reversed() where mark.range.upperBound > end && mark.range.lowerBound < end {
            out.append(Cell(mark.close, width: 1, offset: end, length: 0))
        }
        return out
    }

    func contentNotice(_ item: ReviewItem) -> String {
        let categories = item.categories.isEmpty ? "" : " (\(item.categories.joined(separator: ", ")))"
        return "Content notice: this post is flagged \(item.level.rawValue)\(categories) and may be distressing.\n\n"
            + "Press o to read it when you are ready. You can also pass it on without reading: x escalates it."
    }

    func postLines(_ item: ReviewItem, rows: Int, cols: Int) -> [StyledLine] {
        let layout = postLayout(item, rows: rows, cols: cols)
        let collapsed = isCollapsed(item)
        var lines: [StyledLine] = []

        var header = StyledLine(" #\(item.id)  ", .header)
        if item.level != .none {
            badge(item.level, into: &header)
            if !item.categories.isEmpty { header.append(" " + item.categories.joined(separator: ","), .header) }
            header.append("  ", .header)
        }
        header.append("\(item.state.rawValue) · waited \(Age.long(since: item.receivedAt, now: now))", .header)
        header.append(" · \(item.alias)", .header)
        lines.append(header)

        if layout.showsInfo {
            let count = item.redactionCount
            var parts = ["version \(item.version)", "\(count) redaction\(count == 1 ? "" : "s")"]
            if item.spamVerdict != .ham {
                parts.append("\(item.spamVerdict) (spam score \(formatScore(item.spamScore)))")
            } else if item.spamScore > 0 {
                parts.append("spam score \(formatScore(item.spamScore))")
            }
            var info = StyledLine(" " + parts.joined(separator: " · "), .dim)
            if let reason = item.heldReason {
                info.append(" · held: ", .notice)
                info.append(reason, .notice)
            }
            lines.append(info)
            for note in item.modelNotes { lines.append(StyledLine(" " + note, .dim)) }
        }

        let roles = collapsed ? [] : cellRoles(item)
        let bodyStart = lines.count
        let start = min(postScroll, max(layout.bodyLines.count - layout.bodyHeight, 0))
        for index in start..<max(start, min(start + layout.bodyHeight, layout.bodyLines.count)) {
            var line = StyledLine(" ")
            var run: [Cell] = []
            var runRole = Role.plain
            for cell in layout.bodyLines[index] {
                let role = collapsed ? Role.notice : role(of: cell, roles: roles)
                if role != runRole {
                    line.append(cells: run, runRole)
                    run = []
                    runRole = role
                }
                run.append(cell)
            }
            line.append(cells: run, runRole)
            lines.append(line)
        }
        while lines.count < bodyStart + layout.bodyHeight { lines.append(StyledLine()) }

        lines.append(legendLine(item, collapsed: collapsed, layout: layout, start: start))

        if layout.showsCrisisBlock {
            lines.append(StyledLine(" Resources for the author" + regionSuffix(item), .heading, fill: .plain))
            if item.resources.isEmpty {
                lines.append(
                    StyledLine(
                        "   No crisis resources are configured for this group: add them to the resources rule file.",
                        .error))
            } else {
                let shown = item.resources.prefix(
                    layout.resourceRows - (item.resources.count > layout.resourceRows ? 1 : 0))
                for resource in shown {
                    var line = StyledLine("   ")
                    line.append(resource.name, .prompt)
                    line.append(": " + resource.contact)
                    if !resource.region.isEmpty { line.append(" (\(resource.region))", .dim) }
                    lines.append(line)
                }
                if shown.count < item.resources.count {
                    lines.append(
                        StyledLine("   + \(item.resources.count - shown.count) more (make the window taller)", .dim))
                }
            }
            let reminder = cols >= Self.supportReminder.count + 2 ? Self.supportReminder : Self.shortSupportReminder
            lines.append(StyledLine(" " + reminder, .notice))
        }
        lines.append(statusLine(cols: cols))
        lines.append(footerLine(cols: cols))
        return lines
    }

    private func regionSuffix(_ item: ReviewItem) -> String {
        let regions = Array(Set(item.resources.map(\.region).filter { !$0.isEmpty })).sorted()
        return regions.isEmpty ? "" : " (" + regions.joined(separator: ", ") + ")"
    }

    private func legendLine(_ item: ReviewItem, collapsed: Bool, layout: PostLayout, start: Int) -> StyledLine {
        let more = layout.bodyLineCount > start + layout.bodyHeight ? "  [more below: j/Space]" : ""
        if collapsed { return StyledLine(" Text hidden behind the content notice · o shows it" + more, .dim) }
        let order = highlightOrder(item)
        guard !order.isEmpty else { return StyledLine(" No redactions or flags in this post." + more, .dim) }
        guard let selected = selectedHighlight, let position = order.firstIndex(of: selected) else {
            return StyledLine(" \(order.count) marked spans · n/N steps through them" + more, .dim)
        }
        let highlight = item.highlights[selected]
        var line = StyledLine(" [\(position + 1)/\(order.count)] ", .prompt, fill: .plain)
        switch highlight.kind {
        case .redaction:
            line.append("redaction \(highlight.label)", .redaction)
            line.append(" · rule \(highlight.rule) · u restores the original")
        case .crisis:
            line.append("crisis: \(highlight.label)", .crisisMatch)
            line.append(" · rule \(highlight.rule)")
        case .spam:
            line.append("spam: \(highlight.label)", .spamMatch)
            line.append(" · rule \(highlight.rule)")
        }
        line.append(more, .dim)
        return line
    }

    /// For each highlight, its role; the selected one stands out.
    private func cellRoles(_ item: ReviewItem) -> [(Range<Int>, Role, Int)] {
        item.highlights.indices.map { index in
            let highlight = item.highlights[index]
            let role: Role
            if index == selectedHighlight {
                role = .selectedMatch
            } else {
                switch highlight.kind {
                case .redaction: role = .redaction
                case .crisis: role = .crisisMatch
                case .spam: role = .spamMatch
                }
            }
            let priority =
                index == selectedHighlight ? 0 : highlight.kind == .redaction ? 1 : highlight.kind == .crisis ? 2 : 3
            return (highlight.range, role, priority)
        }
    }

    private func role(of cell: Cell, roles: [(Range<Int>, Role, Int)]) -> Role {
        var best: (Role, Int)?
        for (range, role, priority) in roles where range.contains(cell.offset) {
            if best == nil || priority < best!.1 { best = (role, priority) }
        }
        return best?.0 ?? .plain
    }
}
