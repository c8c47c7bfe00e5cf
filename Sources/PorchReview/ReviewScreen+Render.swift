/// Drawing: the frame, header, status and footer lines shared by every view.
extension ReviewScreen {
    /// The smallest size the screen lays out properly; below it the screen says so.
    public static let minimumSize = (rows: 10, cols: 40)

    /// The screen as exactly `rows` lines, each exactly `cols` columns wide (SGR styling aside).
    public func render(rows: Int, cols: Int) -> [String] {
        guard rows > 0, cols > 0 else { return [] }
        var lines: [StyledLine]
        if rows < Self.minimumSize.rows || cols < Self.minimumSize.cols {
            lines = [StyledLine("Window too small for porch review: make it at least 60x15.", .error)]
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

    /// The line under the view: a prompt, a message, or nothing.
    func statusLine() -> StyledLine {
        if let prompt {
            var line = StyledLine(fill: .plain)
            switch prompt {
            case .search(let text, _):
                line.append("/", .prompt)
                line.append(text, .prompt)
                line.append("_", .dim)
                line.append("  Enter keeps · Esc cancels", .dim)
            case .reason(let text, let item, _):
                line.append("Reason for rejecting #\(item): ", .prompt)
                line.append(text)
                line.append("_", .dim)
                line.append("  Enter rejects · Esc cancels", .dim)
            case .confirm(let question, let key, _):
                line.append(question, .prompt)
                line.append("  y/\(key) yes · any other key no", .dim)
            }
            return line
        }
        if let message {
            return StyledLine(message.text, message.isError ? .error : .success, fill: .plain)
        }
        return StyledLine()
    }

    func footerLine() -> StyledLine {
        let keys: String
        switch mode {
        case .list:
            keys =
                "? help  q quit  j/k move  Enter open  a approve  r reject  s spam  x escalate  e edit"
                + (undoAvailable ? "  z undo" : "") + "  / search  f state  c level"
        case .post:
            keys =
                "? help  q back  j/k scroll  n/N match  u restore  a approve  r reject  s spam  x escalate  e edit"
                + (undoAvailable ? "  z undo" : "") + "  o/c notice"
        }
        return StyledLine(" " + keys, .footer)
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
        ("Enter  o", "open the post"),
        ("/", "search alias, id, category and text; Esc clears"),
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
        ("", "Decisions (list or post)"),
        ("a", "approve"),
        ("r", "reject: type a reason, Enter"),
        ("s", "mark as spam (asks first)"),
        ("x", "escalate to another moderator"),
        ("e", "edit the text in $EDITOR, then screen it again"),
        ("z", "undo the last decision made in this session"),
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
