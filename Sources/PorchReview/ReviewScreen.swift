import Foundation

/// The whole review UI as a value: keys in, effects out, and the screen drawn as lines; no I/O.
public struct ReviewScreen: Sendable {
    /// Which view the screen shows.
    public enum Mode: Equatable, Sendable {
        case list
        case post(id: Int64)
    }

    /// A one-line question or text field at the bottom of the screen.
    public enum Prompt: Equatable, Sendable {
        case search(text: String, previous: String)
        case reason(text: String, item: Int64, version: Int)
        /// A reason for rejecting every tagged post at once.
        case bulkReason(text: String, targets: [BatchTarget])
        /// Waits for `y` (or the same key again) before running the effect.
        case confirm(question: String, key: Character, effect: Effect)
    }

    /// A line of feedback after an action.
    public struct Message: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }

    struct UndoEntry: Equatable, Sendable {
        var item: Int64
        var version: Int
        var decision: Decision
    }

    public var colors: ColorMode
    /// The clock for ages; the driver updates it before each frame.
    public var now: Date
    /// Whether crisis and concern posts open behind a content notice.
    public var collapseDistressing: Bool
    /// Whether `z` can take decisions back; false when the store's decisions are final.
    public var undoAvailable = true
    /// The group's saved reasons for rejecting, offered by number in the reason prompt.
    public var savedReasons: [String] = []

    public private(set) var mode: Mode = .list
    public private(set) var prompt: Prompt?
    public private(set) var message: Message?
    public private(set) var showsHelp = false
    public private(set) var stateFilter: StateFilter = .open
    public private(set) var levelFilter: LevelFilter = .all
    public private(set) var search = ""
    /// Index of the selected row in the filtered list.
    public private(set) var selection = 0
    /// Index into the open post's `highlights` of the match the legend explains.
    public private(set) var selectedHighlight: Int?
    /// The posts marked with space or `t` for a decision made on all of them at once.
    public private(set) var tagged: Set<Int64> = []
    /// Whether open posts remain in the queue beyond those loaded (the list loads them as the cursor nears them).
    public private(set) var hasMoreOpen = false
    /// The queue's own count of open posts, when not every open post is loaded.
    public private(set) var openCounts: OpenCounts?

    /// All posts, in review order.
    private(set) var items: [ReviewItem] = []
    /// Indices into `items` that pass the filters and search, in order.
    private(set) var visible: [Int] = []
    private var searchKeys: [String]?
    var scrollTop = 0
    var postScroll = 0
    var openedNotices: Set<Int64> = []
    /// Each step `z` can take back: one decision, or every post of one batch decision.
    var undoStack: [[UndoEntry]] = []
    /// The last known terminal size, for paging and scrolling.
    var viewport = (rows: 24, cols: 80)

    public init(items: [ReviewItem], now: Date, colors: ColorMode = .ansi256, collapseDistressing: Bool = true) {
        self.now = now
        self.colors = colors
        self.collapseDistressing = collapseDistressing
        replaceItems(items)
    }

    /// Records the terminal size so paging and scrolling match what is drawn.
    public mutating func resize(rows: Int, cols: Int) {
        viewport = (max(rows, 1), max(cols, 1))
        clampScroll()
    }

    // MARK: - What is shown

    /// The posts in the list as filtered and ordered now.
    public var visibleItems: [ReviewItem] { visible.map { items[$0] } }

    /// The post under the cursor in the list, or the open post.
    public var currentItem: ReviewItem? {
        switch mode {
        case .list: visible.indices.contains(selection) ? items[visible[selection]] : nil
        case .post(let id): item(id)
        }
    }

    func item(_ id: Int64) -> ReviewItem? { items.first { $0.id == id } }

    /// Whether the post is hidden behind a content notice right now.
    public func isCollapsed(_ item: ReviewItem) -> Bool {
        collapseDistressing && item.level != .none && !openedNotices.contains(item.id)
    }

    // MARK: - Events from the driver

    /// Takes the result of an effect and returns any follow-up effects (a conflict asks for a reload).
    public mutating func receive(_ event: ReviewEvent) -> [Effect] {
        switch event {
        case .loaded(let fresh):
            return receivePage(fresh, complete: true)
        case .loadedPage(let fresh, let complete):
            return receivePage(fresh, complete: complete)
        case .loadedMore(let more, let complete):
            appendPage(more, complete: complete)
            return []
        case .counted(let counts):
            openCounts = counts
            return []
        case .decidedBatch(let decision, let results):
            return receiveBatch(decision, results: results)
        case .decided(let decision, let id, let updated):
            applyUpdate(id: id, updated: updated)
            tagged.remove(id)
            if undoAvailable, decision.isUndoable, let updated {
                undoStack.append([UndoEntry(item: id, version: updated.version, decision: decision)])
            }
            message = Message(
                text: Self.successText(decision, id: id, updated: updated, final: !undoAvailable), isError: false)
            switch decision {
            case .restore, .edit:
                if updated == nil { mode = .list }
                selectedHighlight = nil
            default:
                mode = .list
            }
            return recount()
        case .failed(_, _, let error):
            message = Message(text: error.description, isError: true)
            switch error {
            case .conflict, .notFound: return [.reload]
            case .refused, .storage: return []
            }
        case .editUnchanged(let id):
            message = Message(text: "#\(id) unchanged: the editor closed without changes.", isError: false)
            return []
        case .editorFailed(_, let reason):
            message = Message(text: reason, isError: true)
            return []
        case .loadFailed(let error):
            message = Message(text: error.description, isError: true)
            return []
        }
    }

    static func successText(_ decision: Decision, id: Int64, updated: ReviewItem?, final: Bool = false) -> String {
        let state = updated.map { " It is now \($0.state.rawValue)." } ?? ""
        switch decision {
        case .approve, .reject, .spam, .escalate:
            return "#\(id) \(decision.pastTense). " + (final ? "This is final: it cannot be undone." : "z undoes it.")
        case .restore:
            return "Restored one redaction in #\(id): it will be published as written."
        case .edit:
            let level = updated.map { " Screened again: \($0.redactionCount) redactions, level \($0.level.rawValue)." }
            return "#\(id) edited.\(level ?? "")"
        case .undo:
            return "Undone: the last decision on #\(id) was taken back.\(state)"
        }
    }

    // MARK: - Keeping the list in order

    mutating func replaceItems(_ fresh: [ReviewItem]) {
        let selectedID = currentItem?.id
        items = fresh.sorted(by: ReviewOrder.precedes)
        searchKeys = nil
        let present = Set(items.map(\.id))
        tagged.formIntersection(present)
        refilter(keeping: selectedID)
    }

    mutating func applyUpdate(id: Int64, updated: ReviewItem?) {
        let oldSelection = selection
        if let index = items.firstIndex(where: { $0.id == id }) {
            if let updated { items[index] = updated } else { items.remove(at: index) }
        } else if let updated {
            items.append(updated)
        }
        items.sort(by: ReviewOrder.precedes)
        searchKeys = nil
        refilter(keeping: nil)
        if let updated, let row = visible.firstIndex(where: { items[$0].id == updated.id }),
            mode != .list || row == oldSelection
        {
            selection = row
        } else {
            selection = min(oldSelection, max(visible.count - 1, 0))
        }
        clampScroll()
    }

    mutating func refilter(keeping id: Int64?) {
        let query = search.lowercased()
        if !query.isEmpty && searchKeys == nil {
            searchKeys = items.map { item in
                ([item.alias, "#\(item.id)", item.state.rawValue] + item.categories + [item.text])
                    .joined(separator: "\n").lowercased()
            }
        }
        visible = items.indices.filter { index in
            let item = items[index]
            guard stateFilter.accepts(item.state), levelFilter.accepts(item.level) else { return false }
            return query.isEmpty || Self.contains(searchKeys![index], query)
        }
        if let id, let row = visible.firstIndex(where: { items[$0].id == id }) {
            selection = row
        } else {
            selection = min(selection, max(visible.count - 1, 0))
        }
        clampScroll()
    }

    /// Substring search on UTF-8 bytes (both sides already lowercased): fast enough for every keystroke.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard pin.count <= hay.count else { return false }
                guard let first = pin.first else { return true }
                var index = 0
                let last = hay.count - pin.count
                while index <= last {
                    if hay[index] == first {
                        var offset = 1
                        while offset < pin.count && hay[index + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    mutating func setFilters(state: StateFilter? = nil, level: LevelFilter? = nil, search: String? = nil) {
        let keep = currentItem?.id
        if let state { stateFilter = state }
        if let level { levelFilter = level }
        if let search { self.search = search }
        refilter(keeping: keep)
    }

    mutating func setMessage(_ text: String, error: Bool = false) {
        message = Message(text: text, isError: error)
    }

    mutating func clearMessage() { message = nil }

    mutating func setPrompt(_ prompt: Prompt?) { self.prompt = prompt }

    mutating func setMode(_ mode: Mode) {
        self.mode = mode
        postScroll = 0
        selectedHighlight = nil
    }

    mutating func setHelp(_ shown: Bool) { showsHelp = shown }

    mutating func setTagged(_ ids: Set<Int64>) { tagged = ids }

    mutating func setPaging(hasMoreOpen: Bool) { self.hasMoreOpen = hasMoreOpen }

    mutating func setOpenCounts(_ counts: OpenCounts?) { openCounts = counts }

    mutating func setSelection(_ row: Int) {
        selection = max(0, min(row, visible.count - 1))
        clampScroll()
    }

    mutating func setSelectedHighlight(_ index: Int?) { selectedHighlight = index }

    /// Keeps the selected row on screen.
    mutating func clampScroll() {
        let height = max(listHeight(rows: viewport.rows), 1)
        if selection < scrollTop { scrollTop = selection }
        if selection >= scrollTop + height { scrollTop = selection - height + 1 }
        scrollTop = max(0, min(scrollTop, max(visible.count - height, 0)))
    }
}
