/// A large queue a page at a time: the first page shows at once, the next loads as the cursor nears the end of
/// what is loaded, and the header's counts come from the queue itself.
extension ReviewScreen {
    /// The last loaded open post in review order: the next page starts after it.
    public var lastOpenItem: ReviewItem? { items.last { $0.state.isOpen } }

    /// How many loaded rows from the end of the list the next page is asked for.
    static let loadAheadRows = 200

    /// A fresh first page; the driver asks for the counts after drawing it, so they never delay the first screen.
    mutating func receivePage(_ fresh: [ReviewItem], complete: Bool) -> [Effect] {
        replaceItems(fresh)
        setPaging(hasMoreOpen: !complete)
        if complete { setOpenCounts(nil) }
        if case .post(let id) = mode, item(id) == nil { setMode(.list) }
        return []
    }

    mutating func appendPage(_ more: [ReviewItem], complete: Bool) {
        setPaging(hasMoreOpen: !complete)
        guard !more.isEmpty else { return }
        var merged = items
        let fresh = Dictionary(more.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        merged.removeAll { fresh[$0.id] != nil }
        merged += more
        replaceItems(merged)
    }

    /// After a decision the queue's counts are asked for again, when the header shows them.
    mutating func recount() -> [Effect] {
        hasMoreOpen ? [.count] : []
    }

    /// Asks for the next page when the cursor is near the end of the loaded posts.
    mutating func loadAhead() -> [Effect] {
        guard hasMoreOpen, selection + Self.loadAheadRows >= visible.count else { return [] }
        return [.loadMore]
    }

    /// The header's counts: the queue's while posts remain unloaded, otherwise those of the loaded posts.
    func headerCounts() -> (open: String, crisis: Int, concern: Int) {
        var open = 0
        var crisis = 0
        var concern = 0
        for item in items where item.state.isOpen {
            open += 1
            if item.level == .crisis { crisis += 1 } else if item.level == .concern { concern += 1 }
        }
        guard hasMoreOpen else { return ("\(open)", crisis, concern) }
        guard let counts = openCounts else { return ("\(open)+", crisis, concern) }
        return ("\(max(counts.open, open))", max(counts.crisis, crisis), max(counts.concern, concern))
    }
}
