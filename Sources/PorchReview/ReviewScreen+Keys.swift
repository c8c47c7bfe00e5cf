import Foundation

/// Key handling: what each key does in each view and prompt.
extension ReviewScreen {
    /// Applies one key and returns what the driver must do.
    public mutating func handle(_ key: Key) -> [Effect] {
        if key == .control("c") { return [.interrupt] }
        if key == .control("z") { return [.suspend] }
        if let prompt { return handlePrompt(prompt, key) }
        if showsHelp {
            setHelp(false)
            return []
        }
        if key != .unknown { clearMessage() }
        switch key {
        case .character("?"):
            setHelp(true)
            return []
        case .control("l"), .character("R"):
            return [.reload, .count]
        default:
            break
        }
        switch mode {
        case .list: return handleList(key)
        case .post(let id): return handlePost(key, id: id)
        }
    }

    // MARK: - List

    private mutating func handleList(_ key: Key) -> [Effect] {
        let page = max(listHeight(rows: viewport.rows) - 1, 1)
        switch key {
        case .character("j"), .down: setSelection(selection + 1)
        case .character("k"), .up: setSelection(selection - 1)
        case .character("g"), .home: setSelection(0)
        case .character("G"), .end:
            setSelection(visible.count - 1)
            if hasMoreOpen { setMessage("More open posts are loading below: keep moving down to see them.") }
        case .pageDown, .control("f"), .control("d"): setSelection(selection + page)
        case .pageUp, .control("b"), .control("u"): setSelection(selection - page)
        case .character(" "), .character("t"):
            toggleTag()
        case .character("T"):
            if !tagged.isEmpty {
                setMessage("Untagged \(tagged.count) post\(tagged.count == 1 ? "" : "s").")
                setTagged([])
            }
        case .enter, .right, .character("l"), .character("o"):
            if let item = currentItem {
                setMode(.post(id: item.id))
                if !isCollapsed(item) { selectFirstHighlight() }
            }
        case .character("q"):
            return [.quit]
        case .escape:
            if !search.isEmpty {
                setFilters(search: "")
                setMessage("Search cleared.")
            } else if !tagged.isEmpty {
                setMessage("Untagged \(tagged.count) post\(tagged.count == 1 ? "" : "s").")
                setTagged([])
            } else {
                return [.quit]
            }
        case .character("/"):
            setPrompt(.search(text: search, previous: search))
        case .character("f"):
            setFilters(state: stateFilter.next)
            setMessage("Showing \(stateFilter.label) posts.")
        case .character("c"):
            setFilters(level: levelFilter.next)
            setMessage("Showing \(levelFilter.label).")
        default:
            return tagged.isEmpty ? decisionKey(key) : bulkKey(key)
        }
        return loadAhead()
    }

    // MARK: - Post

    private mutating func handlePost(_ key: Key, id: Int64) -> [Effect] {
        guard let item = item(id) else {
            setMode(.list)
            return []
        }
        let collapsed = isCollapsed(item)
        let height = max(postLayout(item, rows: viewport.rows, cols: viewport.cols).bodyHeight, 1)
        switch key {
        case .character("q"), .escape, .left, .character("h"):
            setMode(.list)
        case .character("j"), .down: scrollPost(by: 1, item: item)
        case .character("k"), .up: scrollPost(by: -1, item: item)
        case .character(" "), .pageDown, .control("f"), .control("d"): scrollPost(by: max(height - 1, 1), item: item)
        case .pageUp, .control("b"), .control("u"): scrollPost(by: -max(height - 1, 1), item: item)
        case .character("g"), .home: postScroll = 0
        case .character("o"), .enter:
            if collapsed {
                openedNotices.insert(id)
                postScroll = 0
                selectFirstHighlight()
            }
        case .character("c"):
            if !collapsed && item.level != .none && collapseDistressing {
                openedNotices.remove(id)
                postScroll = 0
                setSelectedHighlight(nil)
            }
        case .character("n"), .tab:
            if !collapsed { stepHighlight(by: 1, item: item) }
        case .character("N"), .backTab:
            if !collapsed { stepHighlight(by: -1, item: item) }
        case .character("u"):
            return restoreKey(item: item, collapsed: collapsed)
        default:
            return decisionKey(key)
        }
        return []
    }

    private mutating func scrollPost(by delta: Int, item: ReviewItem) {
        let layout = postLayout(item, rows: viewport.rows, cols: viewport.cols)
        postScroll = max(0, min(postScroll + delta, max(layout.bodyLineCount - layout.bodyHeight, 0)))
    }

    /// Highlights in reading order (indices into `highlights`).
    func highlightOrder(_ item: ReviewItem) -> [Int] {
        item.highlights.indices.sorted { item.highlights[$0].range.lowerBound < item.highlights[$1].range.lowerBound }
    }

    private mutating func selectFirstHighlight() {
        guard let item = currentItem else { return }
        setSelectedHighlight(highlightOrder(item).first)
    }

    private mutating func stepHighlight(by delta: Int, item: ReviewItem) {
        let order = highlightOrder(item)
        guard !order.isEmpty else {
            setMessage("This post has no redactions or matches.")
            return
        }
        let position = selectedHighlight.flatMap { order.firstIndex(of: $0) }
        let next: Int
        if let position {
            next = (position + delta + order.count) % order.count
        } else {
            next = delta > 0 ? 0 : order.count - 1
        }
        setSelectedHighlight(order[next])
        // Scroll so the selected match is on screen.
        let layout = postLayout(item, rows: viewport.rows, cols: viewport.cols)
        if let line = layout.lineOfHighlight(order[next], in: item) {
            if line < postScroll || line >= postScroll + layout.bodyHeight {
                postScroll = max(0, min(line - layout.bodyHeight / 2, max(layout.bodyLineCount - layout.bodyHeight, 0)))
            }
        }
    }

    private mutating func restoreKey(item: ReviewItem, collapsed: Bool) -> [Effect] {
        guard !collapsed, let index = selectedHighlight, item.highlights.indices.contains(index),
            item.highlights[index].kind == .redaction
        else {
            setMessage("Select a redaction first (n/N steps through them), then press u to restore it.", error: true)
            return []
        }
        let label = item.highlights[index].label
        setPrompt(
            .confirm(
                question: "Put the original \(label) back into #\(item.id)? It will be published as written.",
                key: "u", effect: .decide(.restore(highlightIndex: index), item: item.id, expectedVersion: item.version)
            ))
        return []
    }

    // MARK: - Decisions (list and post)

    mutating func decisionKey(_ key: Key) -> [Effect] {
        switch key {
        case .character("z"):
            guard undoAvailable else {
                setMessage("Decisions are final here: the queue cannot take one back.", error: true)
                return []
            }
            guard let step = undoStack.popLast(), let entry = step.first else {
                setMessage("Nothing to undo in this session.")
                return []
            }
            if step.count > 1 {
                return [
                    .decideBatch(
                        .undo, items: step.map { BatchTarget(id: $0.item, expectedVersion: $0.version) })
                ]
            }
            return [.decide(.undo, item: entry.item, expectedVersion: entry.version)]
        case .character("a"), .character("r"), .character("s"), .character("x"), .character("e"):
            break
        default:
            return []
        }
        guard let item = currentItem else {
            setMessage("No post selected.")
            return []
        }
        guard item.state.isOpen else {
            let undo = undoAvailable ? "z undoes a decision made in this session" : "decisions are final"
            setMessage("#\(item.id) is already \(item.state.rawValue); \(undo).")
            return []
        }
        let id = item.id
        let version = item.version
        switch key {
        case .character("a"):
            let approve = Effect.decide(.approve, item: id, expectedVersion: version)
            if isCollapsed(item) {
                setPrompt(
                    .confirm(
                        question: "Approve #\(id) without reading it? It is flagged \(item.level.rawValue).",
                        key: "a", effect: approve))
                return []
            }
            return [approve]
        case .character("r"):
            setPrompt(.reason(text: "", item: id, version: version))
        case .character("s"):
            setPrompt(
                .confirm(
                    question: "Mark #\(id) as spam?", key: "s",
                    effect: .decide(.spam, item: id, expectedVersion: version)))
        case .character("x"):
            return [.decide(.escalate, item: id, expectedVersion: version)]
        case .character("e"):
            return [.edit(item: id, expectedVersion: version, text: item.text)]
        default:
            break
        }
        return []
    }

    // MARK: - Prompts

    private mutating func handlePrompt(_ prompt: Prompt, _ key: Key) -> [Effect] {
        switch prompt {
        case .confirm(_, let confirmKey, let effect):
            setPrompt(nil)
            if key == .character("y") || key == .character("Y") || key == .character(confirmKey) {
                return [effect]
            }
            setMessage("Cancelled.")
            return []
        case .search(let text, let previous):
            switch editField(text, key) {
            case .edited(let newText):
                setPrompt(.search(text: newText, previous: previous))
                if newText != search { setFilters(search: newText) }
            case .submitted:
                setPrompt(nil)
                setMessage(search.isEmpty ? "Search cleared." : "\(visible.count) posts match. Esc clears the search.")
            case .cancelled:
                setPrompt(nil)
                setFilters(search: previous)
            }
            return []
        case .bulkReason(let text, let targets):
            return handleBulkReason(text, targets: targets, key: key)
        case .reason(let text, let id, let version):
            if text.isEmpty, let picked = pickedReason(key) {
                setPrompt(.reason(text: picked, item: id, version: version))
                return []
            }
            if key == .tab, let next = nextReason(after: text) {
                setPrompt(.reason(text: next, item: id, version: version))
                return []
            }
            switch editField(text, key) {
            case .edited(let newText):
                setPrompt(.reason(text: newText, item: id, version: version))
            case .submitted:
                let reason = text.trimmingCharacters(in: .whitespaces)
                if reason.isEmpty {
                    setMessage(
                        savedReasons.isEmpty
                            ? "Type a reason (it is kept in the post's history), or Esc to cancel."
                            : "Pick a saved reason by its number or type one (it is kept in the history), or Esc.")
                    return []
                }
                setPrompt(nil)
                return [.decide(.reject(reason: reason), item: id, expectedVersion: version)]
            case .cancelled:
                setPrompt(nil)
                setMessage("Not rejected.")
            }
            return []
        }
    }

    enum FieldResult {
        case edited(String), submitted, cancelled
    }

    /// A saved reason chosen in an empty reason field: its number (1 to 9), or Tab for the first.
    func pickedReason(_ key: Key) -> String? {
        guard !savedReasons.isEmpty else { return nil }
        switch key {
        case .tab: return savedReasons[0]
        case .character(let character):
            guard let number = character.wholeNumberValue, (1...min(9, savedReasons.count)).contains(number) else {
                return nil
            }
            return savedReasons[number - 1]
        default: return nil
        }
    }

    func editField(_ text: String, _ key: Key) -> FieldResult {
        switch key {
        case .enter: return .submitted
        case .escape: return .cancelled
        case .backspace: return .edited(String(text.dropLast()))
        case .control("u"): return .edited("")
        case .control("w"):
            let trimmed = text.reversed().drop(while: { $0 == " " }).drop(while: { $0 != " " })
            return .edited(String(trimmed.reversed()))
        case .character(let character):
            return text.count < 200 ? .edited(text + String(character)) : .edited(text)
        default: return .edited(text)
        }
    }
}
