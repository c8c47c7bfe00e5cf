import Testing

@testable import PorchReview

@Suite("List: order, filters, search, navigation")
struct ReviewScreenListTests {
    private let queue = [
        post(1, minutesAgo: 300),
        post(2, level: .concern, minutesAgo: 20, categories: ["self-harm"]),
        post(3, level: .crisis, minutesAgo: 5, text: crisisText, categories: ["suicide"]),
        post(4, state: .approved, level: .crisis, minutesAgo: 900),
        post(5, state: .held, minutesAgo: 60, text: "Looking for a night feed routine that works."),
        post(6, level: .crisis, minutesAgo: 45, categories: ["suicide"]),
        post(7, state: .escalated, level: .concern, minutesAgo: 400),
    ]

    @Test("crisis first (oldest first within), then concern, then the longest waiting; decided posts hidden")
    func order() {
        let screen = ReviewScreen(items: queue.shuffled(), now: testNow)
        #expect(screen.visibleItems.map(\.id) == [6, 3, 7, 2, 1, 5])
    }

    @Test("all states puts open posts before decided ones")
    func allStates() {
        var screen = ReviewScreen(items: queue, now: testNow)
        while screen.stateFilter != .all { _ = screen.handle(.character("f")) }
        #expect(screen.visibleItems.map(\.id) == [6, 3, 7, 2, 1, 5, 4])
    }

    @Test("the state filter cycles through each state")
    func stateFilter() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.character("f"))
        #expect(screen.stateFilter == .only(.pending))
        #expect(screen.visibleItems.map(\.id) == [6, 3, 2, 1])
        _ = screen.handle(.character("f"))
        #expect(screen.visibleItems.map(\.id) == [5])
        _ = screen.handle(.character("f"))
        _ = screen.handle(.character("f"))
        #expect(screen.stateFilter == .only(.approved))
        #expect(screen.visibleItems.map(\.id) == [4])
    }

    @Test("the level filter narrows to concern and above, then crisis only")
    func levelFilter() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.character("c"))
        #expect(screen.visibleItems.map(\.id) == [6, 3, 7, 2])
        _ = screen.handle(.character("c"))
        #expect(screen.visibleItems.map(\.id) == [6, 3])
        _ = screen.handle(.character("c"))
        #expect(screen.levelFilter == .all)
    }

    @Test("/ searches text, alias and id as you type; Enter keeps it, Esc in the list clears it")
    func search() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.character("/"))
        _ = screen.type("NIGHT")
        #expect(screen.visibleItems.map(\.id) == [5])
        _ = screen.handle(.backspace)
        #expect(screen.search == "NIGH")
        _ = screen.handle(.enter)
        #expect(screen.prompt == nil)
        #expect(screen.visibleItems.map(\.id) == [5])
        #expect(screen.handle(.escape) == [])
        #expect(screen.search.isEmpty)
        #expect(screen.visibleItems.count == 6)

        _ = screen.handle(.character("/"))
        _ = screen.type("member-2")
        #expect(screen.visibleItems.map(\.id) == [2])
    }

    @Test("Esc while typing a search restores the previous search")
    func searchCancel() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.character("/"))
        _ = screen.type("zzz")
        #expect(screen.visibleItems.isEmpty)
        _ = screen.handle(.escape)
        #expect(screen.search.isEmpty)
        #expect(screen.visibleItems.count == 6)
    }

    @Test("the cursor stops at both ends of the list")
    func bounds() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.press(.up, .character("k"))
        #expect(screen.selection == 0)
        _ = screen.press(.down, .character("j"), .down, .down, .down, .down, .down, .down, .down)
        #expect(screen.selection == 5)
        _ = screen.handle(.character("g"))
        #expect(screen.selection == 0)
        _ = screen.handle(.character("G"))
        #expect(screen.currentItem?.id == 5)
        _ = screen.handle(.pageUp)
        #expect(screen.selection == 0)
    }

    @Test("moving on an empty list does nothing and deciding says nothing is selected")
    func emptyList() {
        var screen = ReviewScreen(items: [], now: testNow)
        #expect(screen.press(.down, .up, .enter, .character("a")) == [])
        #expect(screen.mode == .list)
        #expect(screen.message?.text == "No post selected.")
    }

    @Test("paging moves by a screenful and keeps the cursor on screen")
    func paging() {
        let many = (1...100).map { post(Int64($0), minutesAgo: Double(1000 - $0)) }
        var screen = ReviewScreen(items: many, now: testNow)
        screen.resize(rows: 24, cols: 80)
        _ = screen.handle(.pageDown)
        #expect(screen.selection == 19)
        _ = screen.handle(.character("G"))
        let lines = screen.render(rows: 24, cols: 80).map(stripSGR)
        #expect(lines.contains { $0.contains("member-100") && $0.hasPrefix("\u{25B8}") })
    }

    @Test("a reload keeps the cursor on the same post")
    func reloadKeepsSelection() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.press(.down, .down)
        #expect(screen.currentItem?.id == 7)
        _ = screen.receive(.loaded(queue + [post(8, level: .crisis, minutesAgo: 1)]))
        #expect(screen.currentItem?.id == 7)
    }
}
