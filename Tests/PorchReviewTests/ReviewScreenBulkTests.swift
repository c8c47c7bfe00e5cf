import Foundation
import PorchModel
import Testing

@testable import PorchReview

@Suite("Bulk work: tags, one confirmation, saved reasons, one undo")
struct ReviewScreenBulkTests {
    private func session(_ items: [ReviewItem]) -> (ReviewSession, InMemoryStore) {
        let store = InMemoryStore(items)
        var screen = ReviewScreen(items: [], now: testNow)
        screen.savedReasons = ["off topic", "duplicate post"]
        var session = ReviewSession(store: store, screen: screen, editor: { _ in nil })
        session.load()
        return (session, store)
    }

    @Test("space and t tag and move down; a approves every tagged post after one y; z takes all of them back")
    func approveTagged() {
        var (session, store) = session([post(1, minutesAgo: 30), post(2, minutesAgo: 20), post(3, minutesAgo: 10)])
        session.press(.character(" "))
        session.press(.character("t"))
        #expect(session.screen.tagged == [1, 2])
        #expect(session.screen.selection == 2)
        session.press(.character("a"))
        guard case .confirm(let question, _, _) = session.screen.prompt else {
            Issue.record("no confirmation")
            return
        }
        #expect(question == "Approve 2 tagged posts?")
        #expect(store.decisions.isEmpty)
        session.press(.character("y"))
        #expect(store.posts[1]?.state == .approved)
        #expect(store.posts[2]?.state == .approved)
        #expect(store.posts[3]?.state == .pending)
        #expect(session.screen.tagged.isEmpty)
        #expect(session.screen.message?.text == "2 posts approved. z undoes them.")
        session.press(.character("z"))
        #expect(store.posts[1]?.state == .pending)
        #expect(store.posts[2]?.state == .pending)
        #expect(session.screen.visibleItems.count == 3)
    }

    @Test("any other key than y cancels; nothing is decided and the tags stay")
    func cancel() {
        var (session, store) = session([post(1), post(2)])
        session.press(.character("t"))
        session.press(.character("s"))
        session.press(.character("n"))
        #expect(store.decisions.isEmpty)
        #expect(session.screen.tagged == [1])
        session.press(.character("T"))
        #expect(session.screen.tagged.isEmpty)
    }

    @Test("r with tags: a saved reason by its number, Enter rejects all of them with it")
    func rejectWithSavedReason() {
        var (session, store) = session([post(1, minutesAgo: 30), post(2, minutesAgo: 20), post(3, minutesAgo: 10)])
        session.press(.character("t"))
        session.press(.character("t"))
        session.press(.character("r"))
        session.press(.character("2"))
        guard case .bulkReason(let text, let targets) = session.screen.prompt else {
            Issue.record("no reason prompt")
            return
        }
        #expect(text == "duplicate post")
        #expect(targets.map(\.id) == [1, 2])
        let footer = stripSGR(session.screen.render(rows: 24, cols: 80)[23])
        #expect(footer.contains("1 off topic"))
        #expect(footer.contains("2 duplicate post"))
        session.press(.enter)
        #expect(store.decisions.map(\.0) == [.reject(reason: "duplicate post"), .reject(reason: "duplicate post")])
        #expect(store.posts[3]?.state == .pending)
    }

    @Test("a single reject takes a saved reason with Tab, or a typed one")
    func singleRejectWithTab() {
        var (session, store) = session([post(1)])
        session.press(.character("r"))
        session.press(.tab)
        session.press(.tab)
        #expect(session.screen.prompt == .reason(text: "duplicate post", item: 1, version: 1))
        session.press(.enter)
        #expect(store.decisions.map(\.0) == [.reject(reason: "duplicate post")])
    }

    @Test("a batch where one post was decided elsewhere: the others go through, the failed one stays tagged")
    func partialFailure() {
        var (session, store) = session([post(1, minutesAgo: 30), post(2, minutesAgo: 20)])
        session.press(.character("t"))
        session.press(.character("t"))
        store.decideElsewhere(2, state: .spam)
        session.press(.character("x"))
        session.press(.character("y"))
        #expect(store.posts[1]?.state == .escalated)
        #expect(store.posts[2]?.state == .spam)
        #expect(session.screen.message?.isError == true)
        #expect(session.screen.message?.text.hasPrefix("1 of 2 escalated; 1 not (still tagged)") == true)
    }
}

@Suite("A review that fits the screen")
struct ReviewScreenFitTests {
    private let alias = "Patient Hummingbird 42"

    @Test("at 200 columns the whole alias shows; at 40 the first words keep at least ten columns")
    func columnsUseTheWidth() {
        let text = "Sleep regression at four months, any advice welcome from anyone"
        let screen = ReviewScreen(items: [post(1, text: text, alias: alias)], now: testNow)
        let wide = stripSGR(screen.render(rows: 60, cols: 200)[2])
        #expect(wide.contains(alias))
        #expect(wide.contains(text))
        let narrow = screen.render(rows: 10, cols: 40).map(stripSGR)
        let row = narrow[1]
        #expect(row.count == 40)
        #expect(row.contains("pend"))
        #expect(row.contains("Sleep regressi"))
    }

    @Test("a marker tells of crisis posts above the visible rows")
    func crisisMarker() {
        var items: [ReviewItem] = []
        for id in 1...40 {
            let level: CrisisLevel = id <= 3 ? .crisis : .none
            items.append(post(Int64(id), level: level, minutesAgo: Double(100 - id)))
        }
        var screen = ReviewScreen(items: items, now: testNow)
        #expect(!screen.render(rows: 24, cols: 80).joined().contains("crisis above"))
        _ = screen.handle(.character("G"))
        let status = stripSGR(screen.render(rows: 24, cols: 80)[22])
        #expect(status.contains("\u{25B2} 3 crisis above"))
    }

    @Test("the status line is cut between words, never inside one")
    func statusCutBetweenWords() {
        let message = "another moderator decided post #12 meanwhile: it is now approved. The list was refreshed."
        let fitted = ReviewScreen.fitting(message, 40)
        #expect(fitted.hasSuffix("\u{2026}"))
        let kept = String(fitted.dropLast())
        #expect(message.hasPrefix(kept))
        #expect(message.dropFirst(kept.count).first == " ")
        #expect(ReviewScreen.fitting("short", 40) == "short")
    }

    @Test("the footer lists whole keys only")
    func footerWholeKeys() {
        let screen = ReviewScreen(items: [post(1)], now: testNow)
        let footer = stripSGR(screen.render(rows: 10, cols: 40)[9]).trimmingCharacters(in: .whitespaces)
        #expect(footer.hasPrefix("? help"))
        #expect(!footer.contains("\u{22EF}"))
    }
}

@Suite("A large queue a page at a time")
struct ReviewScreenPagingTests {
    /// A store that hands out open posts a page at a time and counts them.
    final class PagedStore: ReviewStore {
        let all: [ReviewItem]
        var pagesRead = 0
        let pageSize = 50

        init(count: Int) {
            all = (1...count).map { post(Int64($0), minutesAgo: Double(count - $0 + 1)) }
        }

        func load() throws -> [ReviewItem] {
            pagesRead += 1
            return Array(all.prefix(pageSize))
        }

        func loadOpen(after last: ReviewItem, limit: Int) throws -> [ReviewItem] {
            pagesRead += 1
            guard let index = all.firstIndex(where: { $0.id == last.id }) else { return [] }
            return Array(all[(index + 1)...].prefix(limit))
        }

        func openCounts() throws -> OpenCounts? { OpenCounts(open: all.count, crisis: 0, concern: 0) }

        func decide(_ decision: Decision, item id: Int64, expectedVersion: Int) throws -> ReviewItem? { nil }
    }

    @Test("the first screen holds one page; the count arrives after; moving down loads the rest")
    func paging() {
        let store = PagedStore(count: 400)
        var session = ReviewSession(store: store, screen: ReviewScreen(items: [], now: testNow), editor: { _ in nil })
        session.load()
        // One page read; the screen already asks for the next, since the cursor is within the load-ahead rows.
        #expect(session.screen.visibleItems.count >= 50)
        #expect(stripSGR(session.screen.render(rows: 24, cols: 80)[0]).contains("open"))
        session.count()
        #expect(stripSGR(session.screen.render(rows: 24, cols: 80)[0]).contains("400 open"))
        for _ in 0..<400 { session.press(.character("j")) }
        #expect(session.screen.visibleItems.count == 400)
        #expect(session.screen.hasMoreOpen == false)
        #expect(session.screen.currentItem?.id == 400)
    }
}
