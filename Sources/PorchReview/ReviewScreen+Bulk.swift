import Foundation

/// Bulk work, as mutt tags: space or `t` tags posts, then one key decides every tagged post with one confirmation.
extension ReviewScreen {
    /// Tags or untags the post under the cursor and moves down, so a run of posts is tagged key after key.
    mutating func toggleTag() {
        guard let item = currentItem else {
            setMessage("No post selected.")
            return
        }
        var ids = tagged
        if ids.remove(item.id) == nil { ids.insert(item.id) }
        setTagged(ids)
        setSelection(selection + 1)
        if !ids.isEmpty {
            setMessage("\(ids.count) tagged: a r s x decide them all, T or Esc untags.")
        }
    }

    /// The tagged posts still open, in list order, with the version each was seen at.
    private func taggedTargets() -> (targets: [BatchTarget], unread: Int, decided: Int) {
        var targets: [BatchTarget] = []
        var unread = 0
        var decided = 0
        for item in items where tagged.contains(item.id) {
            guard item.state.isOpen else {
                decided += 1
                continue
            }
            targets.append(BatchTarget(id: item.id, expectedVersion: item.version))
            if isCollapsed(item) { unread += 1 }
        }
        return (targets, unread, decided)
    }

    /// A decision key with posts tagged: asks once, then decides every tagged open post.
    mutating func bulkKey(_ key: Key) -> [Effect] {
        let decision: Decision
        let verb: String
        switch key {
        case .character("a"): (decision, verb) = (.approve, "Approve")
        case .character("s"): (decision, verb) = (.spam, "Mark as spam")
        case .character("x"): (decision, verb) = (.escalate, "Escalate")
        case .character("r"): (decision, verb) = (.reject(reason: ""), "Reject")
        case .character("z"): return decisionKey(key)
        case .character("e"):
            setMessage("e edits one post: open it with Enter, or untag with T first.", error: true)
            return []
        default: return []
        }
        let (targets, unread, decided) = taggedTargets()
        guard !targets.isEmpty else {
            setMessage("None of the \(tagged.count) tagged posts is still open; T untags them.", error: true)
            return []
        }
        if case .reject = decision {
            setPrompt(.bulkReason(text: "", targets: targets))
            return []
        }
        let count = targets.count
        var question = "\(verb) \(count) tagged post\(count == 1 ? "" : "s")?"
        if decided > 0 { question += " (\(decided) already decided are left alone.)" }
        if case .approve = decision, unread > 0 {
            question += " \(unread) flagged and not read."
        }
        let confirmKey: Character =
            switch key {
            case .character(let character): character
            default: "y"
            }
        setPrompt(.confirm(question: question, key: confirmKey, effect: .decideBatch(decision, items: targets)))
        return []
    }

    /// The reason prompt for the tagged posts: a saved reason by number or Tab, or typed text; Enter rejects all.
    mutating func handleBulkReason(_ text: String, targets: [BatchTarget], key: Key) -> [Effect] {
        if text.isEmpty, let picked = pickedReason(key) {
            setPrompt(.bulkReason(text: picked, targets: targets))
            return []
        }
        if key == .tab, let next = nextReason(after: text) {
            setPrompt(.bulkReason(text: next, targets: targets))
            return []
        }
        switch editField(text, key) {
        case .edited(let newText):
            setPrompt(.bulkReason(text: newText, targets: targets))
        case .submitted:
            let reason = text.trimmingCharacters(in: .whitespaces)
            if reason.isEmpty {
                setMessage("Pick a saved reason by its number or type one, or Esc to cancel.")
                return []
            }
            setPrompt(nil)
            return [.decideBatch(.reject(reason: reason), items: targets)]
        case .cancelled:
            setPrompt(nil)
            setMessage("Not rejected; the posts stay tagged.")
        }
        return []
    }

    /// The saved reason after `text` (Tab cycles through them), or nil when the group saved none.
    func nextReason(after text: String) -> String? {
        guard !savedReasons.isEmpty else { return nil }
        guard let index = savedReasons.firstIndex(of: text) else { return savedReasons[0] }
        return savedReasons[(index + 1) % savedReasons.count]
    }

    /// Applies a batch's results: successes leave the tags and become one undo step, failures stay tagged.
    mutating func receiveBatch(_ decision: Decision, results: [BatchResult]) -> [Effect] {
        var entries: [UndoEntry] = []
        var failures: [ReviewStoreError] = []
        var remaining = tagged
        for result in results {
            switch result.outcome {
            case .success(let updated):
                applyUpdate(id: result.id, updated: updated)
                if decision != .undo { remaining.remove(result.id) }
                if undoAvailable, decision.isUndoable, let updated {
                    entries.append(UndoEntry(item: result.id, version: updated.version, decision: decision))
                }
            case .failure(let error):
                failures.append(error)
            }
        }
        setTagged(remaining)
        if !entries.isEmpty { undoStack.append(entries) }
        if case .post = mode { setMode(.list) }
        let done = results.count - failures.count
        var effects = recount()
        if failures.isEmpty {
            let what =
                decision == .undo ? "Undone: took back \(done) decisions." : "\(done) posts \(decision.pastTense)."
            let undo = decision.isUndoable ? (undoAvailable ? " z undoes them." : " This is final.") : ""
            setMessage(what + undo)
        } else {
            let first = failures[0].description
            setMessage(
                "\(done) of \(results.count) \(decision.pastTense); \(failures.count) not (still tagged): \(first)",
                error: true)
            if failures.contains(where: {
                if case .conflict = $0 { return true }
                if case .notFound = $0 { return true }
                return false
            }) {
                effects.insert(.reload, at: 0)
            }
        }
        return effects
    }
}
