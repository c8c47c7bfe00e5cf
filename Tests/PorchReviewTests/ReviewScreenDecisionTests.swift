import Testing

@testable import PorchReview

@Suite("Decisions: keys, confirmation, reasons, undo, conflicts")
struct ReviewScreenDecisionTests {
    private let queue = [post(1, minutesAgo: 30), post(2, minutesAgo: 20), crisisPost(7)]

    @Test("a approves at once, with the version the moderator saw")
    func approve() {
        var screen = ReviewScreen(items: queue, now: testNow, collapseDistressing: false)
        _ = screen.handle(.down)
        #expect(screen.handle(.character("a")) == [.decide(.approve, item: 1, expectedVersion: 1)])
    }

    @Test("x escalates at once")
    func escalate() {
        var screen = ReviewScreen(items: queue, now: testNow)
        #expect(screen.handle(.character("x")) == [.decide(.escalate, item: 7, expectedVersion: 1)])
    }

    @Test("s asks first; y or s again confirms, any other key cancels")
    func spamConfirms() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.down)
        #expect(screen.handle(.character("s")) == [])
        guard case .confirm = screen.prompt else {
            Issue.record("spam did not ask")
            return
        }
        #expect(screen.handle(.character("n")) == [])
        #expect(screen.prompt == nil)
        #expect(screen.message?.text == "Cancelled.")
        _ = screen.handle(.character("s"))
        #expect(screen.handle(.character("y")) == [.decide(.spam, item: 1, expectedVersion: 1)])
        _ = screen.handle(.character("s"))
        #expect(screen.handle(.character("s")) == [.decide(.spam, item: 1, expectedVersion: 1)])
    }

    @Test("r asks a reason; an empty reason is refused; Enter rejects with the typed reason")
    func rejectAsksReason() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.down)
        #expect(screen.handle(.character("r")) == [])
        #expect(screen.prompt == .reason(text: "", item: 1, version: 1))
        #expect(screen.handle(.enter) == [])
        #expect(screen.message?.text.hasPrefix("Type a reason") == true)
        #expect(screen.prompt != nil)
        _ = screen.type("off topicx")
        _ = screen.handle(.backspace)
        #expect(screen.handle(.enter) == [.decide(.reject(reason: "off topic"), item: 1, expectedVersion: 1)])
        #expect(screen.prompt == nil)
    }

    @Test("keys typed into the reason are text, not commands")
    func reasonIsText() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.character("r"))
        #expect(screen.type("qa sxz") == [])
        #expect(screen.prompt == .reason(text: "qa sxz", item: 7, version: 1))
        #expect(screen.handle(.escape) == [])
        #expect(screen.prompt == nil)
        #expect(screen.mode == .list)
    }

    @Test("approving a crisis post still behind its content notice asks first")
    func approveUnreadCrisis() {
        var screen = ReviewScreen(items: queue, now: testNow)
        #expect(screen.handle(.character("a")) == [])
        #expect(screen.handle(.character("a")) == [.decide(.approve, item: 7, expectedVersion: 1)])
        _ = screen.handle(.enter)
        _ = screen.handle(.character("o"))
        #expect(screen.handle(.character("a")) == [.decide(.approve, item: 7, expectedVersion: 1)])
    }

    @Test("e asks the driver to edit the scrubbed text")
    func edit() {
        var screen = ReviewScreen(items: queue, now: testNow)
        _ = screen.handle(.down)
        #expect(screen.handle(.character("e")) == [.edit(item: 1, expectedVersion: 1, text: queue[0].text)])
    }

    @Test("a decided post cannot be decided again from the list")
    func alreadyDecided() {
        var screen = ReviewScreen(items: [post(1, state: .approved)], now: testNow)
        _ = screen.handle(.character("f"))
        while screen.stateFilter != .all { _ = screen.handle(.character("f")) }
        #expect(screen.handle(.character("a")) == [])
        #expect(screen.message?.text.contains("already approved") == true)
    }

    @Test("Ctrl-C leaves from anywhere (status 130), q quits from the list; q in a post goes back; Ctrl-Z suspends")
    func quit() {
        var screen = ReviewScreen(items: queue, now: testNow)
        #expect(screen.handle(.control("c")) == [.interrupt])
        #expect(screen.handle(.control("z")) == [.suspend])
        _ = screen.handle(.enter)
        #expect(screen.mode == .post(id: 7))
        #expect(screen.handle(.character("q")) == [])
        #expect(screen.mode == .list)
        #expect(screen.handle(.character("q")) == [.quit])
        _ = screen.handle(.character("r"))
        #expect(screen.handle(.control("c")) == [.interrupt])
    }

    @Test("through a store: approve removes the post from the open list and z brings it back")
    func undoThroughStore() {
        let store = InMemoryStore(queue)
        var session = ReviewSession(
            store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        session.press(.down)
        session.press(.character("a"))
        #expect(store.posts[1]?.state == .approved)
        #expect(!session.screen.visibleItems.map(\.id).contains(1))
        #expect(session.screen.message?.text == "#1 approved. z undoes it.")
        session.press(.character("z"))
        #expect(store.posts[1]?.state == .pending)
        #expect(session.screen.visibleItems.map(\.id).contains(1))
        session.press(.character("z"))
        #expect(session.screen.message?.text == "Nothing to undo in this session.")
    }

    @Test("undo goes back one decision at a time, newest first")
    func undoOrder() {
        let store = InMemoryStore(queue)
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        session.press(.down)
        session.press(.character("a"))
        session.press(.character("x"))
        #expect(store.posts[2]?.state == .escalated)
        session.press(.character("z"))
        #expect(store.posts[2]?.state == .pending)
        #expect(store.posts[1]?.state == .approved)
        session.press(.character("z"))
        #expect(store.posts[1]?.state == .pending)
    }

    @Test("a conflict says another moderator decided the post, and the list is refreshed")
    func conflict() {
        let store = InMemoryStore(queue)
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        session.press(.down)
        store.decideElsewhere(1, state: .rejected)
        session.press(.character("a"))
        #expect(store.posts[1]?.state == .rejected)
        #expect(session.screen.message?.isError == true)
        #expect(session.screen.message?.text.contains("another moderator decided post #1") == true)
        #expect(session.screen.message?.text.contains("it is now rejected") == true)
        #expect(!session.screen.visibleItems.map(\.id).contains(1))
    }

    @Test("a store failure is shown and the post stays as it was")
    func storageFailure() {
        let store = InMemoryStore(queue)
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        store.failLoad = true
        session.press(.character("R"))
        #expect(session.screen.message?.text.contains("queue.sqlite is locked") == true)
        #expect(session.screen.visibleItems.count == 3)
    }

    @Test("editing sends the new text through the store; an unchanged edit decides nothing")
    func editThroughStore() {
        let store = InMemoryStore(queue)
        var session = ReviewSession(
            store: store, screen: ReviewScreen(items: [], now: testNow), editor: { $0 + " (edited)" })
        session.load()
        session.press(.down)
        session.press(.character("e"))
        #expect(store.posts[1]?.text.hasSuffix("(edited)") == true)
        #expect(store.posts[1]?.state == .pending)

        var unchanged = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        unchanged.load()
        let before = store.decisions.count
        unchanged.press(.down)
        unchanged.press(.character("e"))
        #expect(store.decisions.count == before)
        #expect(unchanged.screen.message?.text.contains("unchanged") == true)
    }

    @Test("an editor that fails leaves the post alone and says why")
    func editorFails() {
        struct Broken: Error, CustomStringConvertible {
            var description: String { "the editor `nope` could not be started" }
        }
        let store = InMemoryStore(queue)
        var session = ReviewSession(
            store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in throw Broken() })
        session.load()
        session.press(.character("e"))
        #expect(store.decisions.isEmpty)
        #expect(session.screen.message?.text == "the editor `nope` could not be started")
    }

    @Test("u restores the selected redaction after one confirming key")
    func restoreRedaction() {
        let store = InMemoryStore(queue)
        store.originals[7] = [0: "555-0100"]
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        session.press(.enter)
        session.press(.character("o"))
        #expect(session.screen.selectedHighlight == 0)
        session.press(.character("u"))
        #expect(store.decisions.isEmpty)
        session.press(.character("y"))
        #expect(store.posts[7]?.text.contains("555-0100") == true)
        #expect(session.screen.mode == .post(id: 7))
        #expect(session.screen.currentItem?.highlights.count == 1)
    }

    @Test("u on a crisis match (not a redaction) explains what to do")
    func restoreNeedsRedaction() {
        var screen = ReviewScreen(items: queue, now: testNow, collapseDistressing: false)
        _ = screen.handle(.enter)
        _ = screen.handle(.character("n"))
        #expect(screen.selectedHighlight == 1)
        #expect(screen.handle(.character("u")) == [])
        #expect(screen.prompt == nil)
        #expect(screen.message?.isError == true)
    }
}
