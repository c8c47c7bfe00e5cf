import Testing

@testable import PorchReview

@Suite("Edge cases a moderator will hit")
struct ReviewScreenEdgeTests {
    @Test("search finds text in any script, case-insensitively")
    func searchScripts() {
        var screen = ReviewScreen(
            items: [post(1, text: "夜泣きがつらい"), post(2, text: "ÉTÉ difficile"), post(3)], now: testNow)
        _ = screen.handle(.character("/"))
        _ = screen.type("泣き")
        #expect(screen.visibleItems.map(\.id) == [1])
        _ = screen.handle(.control("u"))
        _ = screen.type("été")
        #expect(screen.visibleItems.map(\.id) == [2])
    }

    @Test("a concern post is also behind the notice, and the notice never hides the decision keys")
    func concernCollapsed() {
        var screen = ReviewScreen(items: [post(2, level: .concern, categories: ["self-harm"])], now: testNow)
        _ = screen.handle(.enter)
        #expect(screen.isCollapsed(screen.currentItem!))
        #expect(screen.handle(.character("x")) == [.decide(.escalate, item: 2, expectedVersion: 1)])
    }

    @Test("any key but y or u cancels a restore")
    func restoreCancel() {
        var screen = ReviewScreen(items: [crisisPost(7)], now: testNow, collapseDistressing: false)
        _ = screen.handle(.enter)
        _ = screen.handle(.character("N"))
        _ = screen.handle(.character("N"))
        #expect(screen.selectedHighlight == 0)
        _ = screen.handle(.character("u"))
        #expect(screen.handle(.escape) == [])
        #expect(screen.prompt == nil)
        #expect(screen.mode == .post(id: 7))
    }

    @Test("an undo that conflicts is reported and the list refreshed")
    func undoConflict() {
        let store = InMemoryStore([post(1), post(2)])
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        session.press(.character("a"))
        store.decideElsewhere(1, state: .published)
        session.press(.character("z"))
        #expect(store.posts[1]?.state == .published)
        // Published by `porch publish`, not decided by another moderator (issue 14, item 12).
        #expect(session.screen.message?.text.contains("was published meanwhile") == true)
    }

    @Test("when the open post disappears on reload, the screen goes back to the list")
    func openPostGone() {
        var screen = ReviewScreen(items: [post(1), post(2)], now: testNow)
        _ = screen.handle(.enter)
        #expect(screen.mode == .post(id: 1))
        _ = screen.receive(.loaded([post(2)]))
        #expect(screen.mode == .list)
        #expect(screen.currentItem?.id == 2)
    }

    @Test("deciding from the post view returns to the list on the next post")
    func nextAfterDecision() {
        let store = InMemoryStore([post(1, minutesAgo: 30), post(2, minutesAgo: 20), post(3, minutesAgo: 10)])
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        session.press(.down)
        session.press(.enter)
        session.press(.character("a"))
        #expect(session.screen.mode == .list)
        #expect(session.screen.currentItem?.id == 3)
    }

    @Test("highlight ranges past the end of the text do not break the post view")
    func badRanges() {
        let broken = post(
            1, text: "short",
            highlights: [Highlight(kind: .crisis, range: 3..<400, rule: "crisis.x", label: "suicide")])
        var screen = ReviewScreen(items: [broken], now: testNow, colors: .none)
        _ = screen.handle(.enter)
        let frame = screen.render(rows: 15, cols: 60)
        #expect(frame.count == 15)
        #expect(frame.joined().contains("sho\u{27E6}rt\u{27E7}"))
    }

    @Test("store errors say what happened without quoting the post")
    func errorMessages() {
        let conflict = ReviewStoreError.conflict(id: 12, currentState: .rejected)
        #expect(conflict.description.hasPrefix("another moderator decided post #12 meanwhile: it is now rejected"))
        #expect(ReviewStoreError.storage(detail: "queue.sqlite: disk full").description.contains("porch queue"))
    }
}
