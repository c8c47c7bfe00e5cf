import Foundation
import PorchModel

@testable import PorchReview

/// A fixed clock: every test sees the same "now".
let testNow = Date(timeIntervalSince1970: 1_800_000_000)

func post(
    _ id: Int64, state: PostState = .pending, level: CrisisLevel = .none, minutesAgo: Double = 10,
    text: String = "A quiet evening post about the week.", alias: String? = nil, categories: [String] = [],
    highlights: [Highlight] = [], resources: [Resource] = [], version: Int = 1
) -> ReviewItem {
    ReviewItem(
        id: id, version: version, state: state, level: level, categories: categories,
        alias: alias ?? "member-\(id)", receivedAt: testNow.addingTimeInterval(-minutesAgo * 60), text: text,
        highlights: highlights, resources: resources)
}

/// The scalar range of `needle` inside `text` (tests build highlights from the text they show).
func scalarRange(of needle: String, in text: String) -> Range<Int> {
    let scalars = Array(text.unicodeScalars)
    let target = Array(needle.unicodeScalars)
    for start in 0...(scalars.count - target.count) where Array(scalars[start..<(start + target.count)]) == target {
        return start..<(start + target.count)
    }
    preconditionFailure("fixture text lacks its own needle")
}

/// A line without its SGR sequences: what a person sees.
func stripSGR(_ line: String) -> String {
    var out = ""
    var scalars = line.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        if scalar == "\u{1B}" {
            guard scalars.next() == "[" else { continue }
            while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Display width as a terminal would count it, on the visible text.
func visibleWidth(_ line: String) -> Int {
    stripSGR(line).reduce(0) { $0 + TerminalText.width(of: $1) }
}

let crisisText =
    "I can't do this anymore. Call me at [PHONE] if you read this. Everyone would be better off without me."

func crisisPost(_ id: Int64 = 7, minutesAgo: Double = 3) -> ReviewItem {
    post(
        id, level: .crisis, minutesAgo: minutesAgo, text: crisisText, categories: ["suicide"],
        highlights: [
            Highlight(
                kind: .redaction, range: scalarRange(of: "[PHONE]", in: crisisText), rule: "pii.phone.nanp",
                label: "PHONE"),
            Highlight(
                kind: .crisis, range: scalarRange(of: "better off without me", in: crisisText),
                rule: "crisis.suicide.burden", label: "suicide"),
        ],
        resources: [
            Resource(name: "988 Suicide & Crisis Lifeline", contact: "call or text 988", region: "US"),
            Resource(name: "Crisis Text Line", contact: "text HOME to 741741", region: "US"),
        ])
}

extension ReviewScreen {
    /// Presses keys in order and collects every effect.
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { handle($0) }
    }

    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { handle(.character($0)) }
    }
}
