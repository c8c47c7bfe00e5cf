import PorchModel

/// Drawing: the frame, header, status and footer lines shared by every view.
extension ReviewScreen {
    /// The smallest size the screen lays out properly; below it the screen says so.
    public static let minimumSize = (rows: 10, cols: 40)

    /// The screen as exactly `rows` lines, each exactly `cols` columns wide (SGR styling aside).
    public func render(rows: Int, cols: Int) -> [String] {
        guard rows > 0, cols > 0 else { return [] }
        var lines: [StyledLine]
        if rows < Self.minimumSize.rows || cols < Self.minimumSize.cols {
            lines = [
                StyledLine(
                    "Window too small for porch review: make it at least \(Self.minimumSize.cols)x\(Self.minimumSize.rows).",
                    .error)
            ]
        } else if showsHelp {
            lines = helpLines(rows: rows)
        } else {
            switch mode {
            case .list: lines = listLines(rows: rows, cols: cols)
            case .post(let id):
                if let item = item(id) {
                    lines = postLines(item, rows: rows, cols: cols)
                } else {
                    lines = listLines(rows: rows, cols: cols)
                }
            }
        }
        while lines.count < rows { lines.append(StyledLine()) }
        return lines.prefix(rows).map { $0.render(cols: cols, mode: colors) }
    }

    /// The line under the view: a prompt, or a message cut between words to fit, then `marker` on the right.
    func statusLine(cols: Int, marker: String? = nil) -> StyledLine {
        if let prompt {
            var line = StyledLine(fill: .plain)
            switch prompt {
            case .search(let text, _):
                line.append("/", .prompt)
                line.append(text, .prompt)
                line.append("_", .dim)
                line.append(Self.fitting("  Enter keeps · Esc cancels", cols - line.width), .dim)
            case .reason(let text, let item, _):
                line.append(Self.fitting("Reason for rejecting #\(item): ", cols / 2), .prompt)
                line.append(text)
                line.append("_", .dim)
                line.append(Self.fitting("  Enter rejects · Esc cancels", cols - line.width), .dim)
            case .bulkReason(let text, let targets):
                line.append(Self.fitting("Reason for rejecting \(targets.count) posts: ", cols / 2), .prompt)
                line.append(text)
                line.append("_", .dim)
                line.append(Self.fitting("  Enter rejects all · Esc cancels", cols - line.width), .dim)
            case .confirm(let question, let key, _):
                let answer = "  y/\(key) yes · other key no"
                line.append(Self.fitting(question, max(cols - answer.count, cols / 2)), .prompt)
                line.append(Self.fitting(answer, cols - line.width), .dim)
            }
            return line
        }
        let right = marker.map { "  " + $0 + " " } ?? ""
        var line = StyledLine(fill: .plain)
        if let message {
            let room = cols - (right.count <= cols / 2 ? right.count : 0)
            line.append(Self.fitting(message.text, room), message.isError ? .error : .success)
        }
        if !right.isEmpty, line.width + right.count <= cols {
            line.pad(to: cols - right.count)
            line.append(right, .crisisBadge)
        }
        return line
    }

    /// `text` cut at the last space that fits in `width` columns, with `…`; never in the middle of a word unless
    /// the first word alone is wider than the room.
    static func fitting(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let cells = TerminalText.cells(text)
        if cells.reduce(0, { $0 + $1.width }) <= width { return text }
        var used = 0
        var kept = 0
        var lastSpace: Int?
        for (index, cell) in cells.enumerated() {
            if used + cell.width > width - 1 { break }
            if cell.text == " " || cell.kind == .space || cell.kind == .newline { lastSpace = index }
            used += cell.width
            kept = index + 1
        }
        let end = lastSpace.map { $0 } ?? kept
        var out = cells[..<end].map { $0.kind == .newline ? " " : $0.text }.joined()
        while out.last == " " || out.last.map({ ",;:.-".contains($0) }) == true { out.removeLast() }
        return out + "\u{2026}"
    }

    func footerLine(cols: Int) -> StyledLine {
        switch prompt {
        case .reason, .bulkReason:
            if !savedReasons.isEmpty {
                var line = StyledLine(" Saved reasons:", .footer)
                for (index, reason) in savedReasons.prefix(9).enumerated() {
                    line.append("  \(index + 1) \(reason)", .footer)
                }
                line.append("  Tab next", .footer)
                return line
            }
        default:
            break
        }
        let keys: [String]
        switch mode {
        case .list:
            keys =
                [
                    "? help", "q quit", "j/k move", "Enter open", "a approve", "r reject", "s spam", "x escalate",
                    "e edit",
                ]
                + (undoAvailable ? ["z undo"] : []) + ["t tag", "/ search", "f state", "c level"]
        case .post:
            keys =
                [
                    "? help", "q back", "j/k scroll", "n/N match", "u restore", "a approve", "r reject", "s spam",
                    "x escalate", "e edit",
                ] + (undoAvailable ? ["z undo"] : []) + ["o/c notice"]
        }
        // Whole keys only: a key cut in half would read as another key.
        var text = ""
        for key in keys {
            let next = text + "  " + key
            if next.count + 1 > cols { break }
            text = next
        }
        return StyledLine(" " + text.dropFirst(2), .footer)
    }

    func badge(_ level: CrisisLevel, into line: inout StyledLine) {
        switch level {
        case .crisis: line.append("!! CRISIS", .crisisBadge)
        case .concern: line.append("! concern", .concernBadge)
        case .none: line.append("         ")
        }
    }

    // MARK: - Help

    static let helpText: [(String, String)] = [
        ("", "In the list"),
        ("j k  Down Up", "move the cursor (PgDn/PgUp, g/G for top and bottom)"),
        ("Enter  o", "open the post (PgDn/PgUp or Ctrl-F/Ctrl-B page)"),
        ("/", "search alias, id, category and text; Esc clears"),
        ("Space  t", "tag or untag the post and move down (T or Esc untags all)"),
        ("f", "cycle the state filter (open, pending, held, ... all)"),
        ("c", "cycle the level filter (all, concern+, crisis only)"),
        ("R  Ctrl-L", "reload the queue"),
        ("q  Esc", "quit"),
        ("", "On a post"),
        ("j k  Space", "scroll the text"),
        ("n N  Tab", "select the next or previous redaction or match"),
        ("u", "restore the selected redaction (asks first)"),
        ("o  c", "open or close the content notice"),
        ("q  Esc", "back to the list"),
        ("", "Decisions (list or post; with posts tagged, on every tagged post)"),
        ("a", "approve"),
        ("r", "reject: a saved reason by number or Tab, or type one; Enter"),
        ("s", "mark as spam (asks first)"),
        ("x", "escalate to another moderator"),
        ("e", "edit the text in $EDITOR, then screen it again"),
        ("z", "undo the last decision (or batch) made in this session"),
        ("Ctrl-Z  Ctrl-C", "suspend (fg comes back); leave at once"),
        ("", "Symbols in post text"),
        ("\u{241B} \u{2407} \u{2400}", "control characters (escape, bell, null...) shown, not run"),
        ("\u{21C4}", "a hidden text-direction control"),
        ("\u{25CC}", "an invisible character (zero-width space, joiner...)"),
        ("\u{2047}", "a C1 control character"),
    ]

    func helpLines(rows: Int) -> [StyledLine] {
        var lines = [StyledLine(" Porch review: keys", .header)]
        for (key, text) in Self.helpText where undoAvailable || key != "z" {
            if key.isEmpty {
                lines.append(StyledLine(" " + text, .heading, fill: .plain))
            } else {
                var line = StyledLine("   " + key, .prompt, fill: .plain)
                line.pad(to: 18)
                line.append(text)
                lines.append(line)
            }
        }
        let available = rows - 1
        if lines.count > available {
            lines = Array(lines.prefix(available - 1))
            lines.append(StyledLine(" \u{22EF} (make the window taller to see every key)", .dim))
        }
        while lines.count < available { lines.append(StyledLine()) }
        lines.append(StyledLine(" Any key closes this help.", .footer))
        return lines
    }
}
