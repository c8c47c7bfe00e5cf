import Testing

@testable import PorchReview

@Suite("Rendering: sizes, colours, safe text, wide characters, content notice")
struct ReviewScreenRenderTests {
    static let sizes = [(24, 80), (15, 60), (50, 132), (10, 40)]

    /// Text built to attack the terminal and the layout at once.
    static let hostile =
        "\u{1B}]0;pwned\u{07} title \u{1B}[2J clear \u{9B}31m red \u{1B}]52;c;ZXZpbA==\u{1B}\\ clip "
        + "\u{202E}desrever\u{202C} nul\u{0} 漢字かな 👨‍👩‍👧 🇫🇷 e\u{301} end"

    private func queue() -> [ReviewItem] {
        var items = [crisisPost(7), post(2, level: .concern, minutesAgo: 70, categories: ["self-harm"])]
        items += (10..<40).map { post(Int64($0), minutesAgo: Double($0) * 13) }
        items.append(post(99, text: Self.hostile, alias: "alias\u{1B}[31m"))
        return items
    }

    /// Every view the moderator can reach, at one size.
    private func allViews(rows: Int, cols: Int, colors: ColorMode) -> [[String]] {
        var screen = ReviewScreen(items: queue(), now: testNow, colors: colors)
        screen.resize(rows: rows, cols: cols)
        var frames = [screen.render(rows: rows, cols: cols)]
        _ = screen.handle(.enter)  // crisis post, collapsed
        frames.append(screen.render(rows: rows, cols: cols))
        _ = screen.handle(.character("o"))
        frames.append(screen.render(rows: rows, cols: cols))
        _ = screen.handle(.character("n"))
        frames.append(screen.render(rows: rows, cols: cols))
        _ = screen.handle(.character("q"))
        _ = screen.handle(.character("G"))
        frames.append(screen.render(rows: rows, cols: cols))
        _ = screen.handle(.enter)  // the hostile post
        frames.append(screen.render(rows: rows, cols: cols))
        _ = screen.handle(.character("r"))
        _ = screen.type("duplicate 漢字 \u{1B}")
        frames.append(screen.render(rows: rows, cols: cols))
        _ = screen.handle(.escape)
        _ = screen.handle(.character("?"))
        frames.append(screen.render(rows: rows, cols: cols))
        return frames
    }

    @Test("every frame has exactly the rows asked and no line wider than the columns", arguments: sizes)
    func geometry(rows: Int, cols: Int) {
        for colors in [ColorMode.ansi256, .basic, .none] {
            for frame in allViews(rows: rows, cols: cols, colors: colors) {
                #expect(frame.count == rows)
                for line in frame {
                    #expect(visibleWidth(line) <= cols)
                }
            }
        }
    }

    @Test("with NO_COLOR there is no escape character anywhere in the output")
    func noColor() {
        #expect(ColorMode.detect(environment: ["NO_COLOR": "1", "TERM": "xterm-256color"]) == .none)
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"]) == .ansi256)
        #expect(ColorMode.detect(environment: ["TERM": "xterm"]) == .basic)
        for frame in allViews(rows: 24, cols: 80, colors: .none) {
            for line in frame {
                #expect(!line.unicodeScalars.contains("\u{1B}"))
            }
        }
    }

    @Test(
        "with colour, SGR is the only escape sequence, and post text adds none", arguments: [ColorMode.ansi256, .basic])
    func onlySGR(colors: ColorMode) {
        for frame in allViews(rows: 24, cols: 80, colors: colors) {
            for line in frame {
                let visible = stripSGR(line)
                #expect(
                    !visible.unicodeScalars.contains {
                        $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || TerminalText.isBidiControl($0.value)
                    })
                // Every ESC in the line starts an SGR: "ESC [ digits/semicolons m".
                let parts = line.components(separatedBy: "\u{1B}").dropFirst()
                for part in parts {
                    #expect(part.hasPrefix("["))
                    let body = part.dropFirst().prefix { $0 != "m" }
                    #expect(body.allSatisfy { $0.isNumber || $0 == ";" })
                }
            }
        }
    }

    @Test("the hostile post shows its controls as symbols in the list and in the post")
    func hostileShown() {
        var screen = ReviewScreen(items: [post(99, text: Self.hostile)], now: testNow, colors: .none)
        let list = screen.render(rows: 24, cols: 132).joined(separator: "\n")
        #expect(list.contains("\u{241B}]0;pwned\u{2407}"))
        _ = screen.handle(.enter)
        let body = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(body.contains("\u{241B}[2J"))
        #expect(body.contains("\u{2047}31m"))
        #expect(body.contains("\(TerminalText.bidiSymbol)desrever\(TerminalText.bidiSymbol)"))
        #expect(body.contains("nul\u{2400}"))
        #expect(body.contains("漢字かな 👨‍👩‍👧 🇫🇷"))
    }

    @Test("list columns stay aligned when aliases and text hold wide characters and emoji")
    func wideAlignment() {
        let items = [
            post(1, minutesAgo: 50, text: "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字", alias: "ゆき"),
            post(2, minutesAgo: 40, text: "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧 family 🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷", alias: "😀😀😀😀😀😀😀"),
            post(3, minutesAgo: 30, text: "plain ascii text that is long enough to be cut at the edge", alias: "plain"),
        ]
        for cols in [60, 80] {
            let screen = ReviewScreen(items: items, now: testNow, colors: .none)
            let lines = screen.render(rows: 24, cols: cols).map(stripSGR)
            let rows = lines.filter { $0.contains("pending") }
            #expect(rows.count == 3)
            for row in rows {
                #expect(visibleWidth(row) == cols)
                // The state column starts at the same place on every row.
                let before = row.components(separatedBy: "pending")[0]
                #expect(TerminalText.displayWidth(before) == 18)
            }
        }
    }

    @Test("the list marks crisis posts clearly and says how long they waited")
    func crisisMarked() {
        let screen = ReviewScreen(
            items: [post(1, minutesAgo: 500), crisisPost(7, minutesAgo: 125)], now: testNow, colors: .none)
        let lines = screen.render(rows: 24, cols: 80)
        let first = lines.first { $0.contains("#") == false && $0.contains("CRISIS") }
        #expect(first?.contains("!! CRISIS") == true)
        #expect(first?.contains("2h") == true)
        #expect(lines[0].contains("1 crisis"))
    }

    @Test("a crisis post opens behind a content notice with resources, and o shows the text")
    func contentNotice() {
        var screen = ReviewScreen(items: [crisisPost(7)], now: testNow, colors: .none)
        _ = screen.handle(.enter)
        var text = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(text.contains("Content notice"))
        #expect(!text.contains("better off"))
        #expect(text.contains("988 Suicide & Crisis Lifeline: call or text 988 (US)"))
        #expect(text.contains("Look after yourself"))
        _ = screen.handle(.character("o"))
        text = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(!text.contains("Content notice"))
        #expect(text.contains("better off without me"))
        #expect(text.contains("[1/2] redaction PHONE · rule pii.phone.nanp"))
        _ = screen.handle(.character("c"))
        text = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(text.contains("Content notice"))
        #expect(!text.contains("better off"))
    }

    @Test("with collapsing off, the crisis text shows at once")
    func noticeOff() {
        var screen = ReviewScreen(items: [crisisPost(7)], now: testNow, colors: .none, collapseDistressing: false)
        _ = screen.handle(.enter)
        #expect(screen.render(rows: 24, cols: 80).joined().contains("better off without me"))
    }

    @Test("the legend names the rule and category of the selected match, and n moves to the next one")
    func legend() {
        var screen = ReviewScreen(items: [crisisPost(7)], now: testNow, colors: .none, collapseDistressing: false)
        _ = screen.handle(.enter)
        _ = screen.handle(.character("n"))
        let text = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(text.contains("[2/2] crisis: suicide · rule crisis.suicide.burden"))
        _ = screen.handle(.tab)
        #expect(screen.selectedHighlight == 0)
        _ = screen.handle(.backTab)
        #expect(screen.selectedHighlight == 1)
    }

    @Test("without colour, brackets mark the matches and the selected span")
    func noColorMarks() {
        var screen = ReviewScreen(items: [crisisPost(7)], now: testNow, colors: .none, collapseDistressing: false)
        _ = screen.handle(.enter)
        var text = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(text.contains("\u{27E6}[PHONE]\u{27E7}"))
        #expect(text.contains("\u{27EA}better off without me\u{27EB}"))
        _ = screen.handle(.character("n"))
        text = screen.render(rows: 24, cols: 80).joined(separator: "\n")
        #expect(text.contains(" [PHONE] "))
        #expect(text.contains("\u{27E6}better off without me\u{27E7}"))
    }

    @Test("highlights are styled: the redaction placeholder and the crisis match carry their own SGR")
    func highlightStyles() {
        var screen = ReviewScreen(items: [crisisPost(7)], now: testNow, colors: .ansi256, collapseDistressing: false)
        _ = screen.handle(.enter)
        _ = screen.handle(.character("n"))  // select the crisis match; the redaction keeps its own style
        let body = screen.render(rows: 24, cols: 80).first { stripSGR($0).contains("[PHONE]") }!
        let redaction = Role.redaction.sgr(.ansi256)!
        let selected = Role.selectedMatch.sgr(.ansi256)!
        #expect(body.contains("\u{1B}[\(redaction)m[PHONE]\u{1B}[0m"))
        let all = screen.render(rows: 24, cols: 80).joined()
        #expect(all.contains("\u{1B}[\(selected)mbetter off"))
    }

    @Test("post text is wrapped to the width, and j scrolls a long post")
    func wrapAndScroll() {
        let long = (1...120).map { "word\($0)" }.joined(separator: " ")
        var screen = ReviewScreen(items: [post(1, text: long)], now: testNow, colors: .none)
        screen.resize(rows: 15, cols: 60)
        _ = screen.handle(.enter)
        let first = screen.render(rows: 15, cols: 60)
        #expect(first.contains { $0.hasPrefix(" word1 word2") })
        #expect(first.joined().contains("more below"))
        _ = screen.press(.character("j"), .character("j"))
        let scrolled = screen.render(rows: 15, cols: 60)
        #expect(!scrolled.contains { $0.hasPrefix(" word1 word2") })
        _ = screen.press(.pageDown, .pageDown, .pageDown, .pageDown)
        let bottom = screen.render(rows: 15, cols: 60).joined()
        #expect(bottom.contains("word120"))
        #expect(!bottom.contains("more below"))
    }

    @Test("help lists every decision key")
    func help() {
        var screen = ReviewScreen(items: [], now: testNow, colors: .none)
        _ = screen.handle(.character("?"))
        let text = screen.render(rows: 40, cols: 80).joined(separator: "\n")
        for key in ["approve", "reject", "spam", "escalate", "$EDITOR", "undo", "restore", "search"] {
            #expect(text.contains(key))
        }
        _ = screen.handle(.character("x"))
        #expect(!screen.showsHelp)
    }

    @Test("a too-small window says so instead of drawing a broken layout")
    func tooSmall() {
        let frame = ReviewScreen(items: [post(1)], now: testNow, colors: .none).render(rows: 5, cols: 30)
        #expect(frame.count == 5)
        #expect(frame[0].hasPrefix("Window too small"))
        #expect(frame.allSatisfy { visibleWidth($0) <= 30 })
    }

    @Test("an empty queue says the queue is clear")
    func emptyQueue() {
        let text = ReviewScreen(items: [], now: testNow, colors: .none).render(rows: 24, cols: 80).joined()
        #expect(text.contains("the queue is clear"))
    }

    @Test("a dumb or missing TERM is refused with the shell commands to use instead")
    func dumbTerminal() {
        for environment in [["TERM": "dumb"], [:], ["TERM": ""]] {
            #expect(throws: ReviewAppError.self) { try ReviewApp.checkTerminal(environment: environment) }
        }
        let message = ReviewAppError.needsRealTerminal(term: "dumb").description
        #expect(message.contains("porch queue list"))
        #expect(message.contains("porch approve"))
        #expect(throws: Never.self) { try ReviewApp.checkTerminal(environment: ["TERM": "xterm-256color"]) }
    }

    @Test("only changed lines are sent again")
    func frameWriter() {
        var writer = FrameWriter()
        let first = writer.update(["a", "b", "c"])
        #expect(first.contains("\u{1B}[2J"))
        let second = writer.update(["a", "B", "c"])
        #expect(second == "\u{1B}[2;1H\u{1B}[0mB")
        #expect(writer.update(["a", "B", "c"]) == "")
    }
}
