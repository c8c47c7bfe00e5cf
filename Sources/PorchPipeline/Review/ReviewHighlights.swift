import PorchModel
import PorchQueue
import PorchReview

/// The highlights of a queued post: its stored redactions first (in the queue's order, so a highlight's index is
/// the redaction's index for `Queue.restore`), then its crisis and spam matches.
///
/// Every range is in Unicode scalars of the post's scrubbed text, where the queue keeps each match placed (a
/// restored redaction moves the matches after it); a held post has no scrubbed text and its matches no place.
public enum ReviewHighlights {
    public static func of(_ post: Post) -> [Highlight] {
        let length = post.scrubbedText.unicodeScalars.count
        let redactions = post.redactions.map { redaction in
            Highlight(
                kind: .redaction, range: clamp(redaction.outputStart, redaction.outputEnd, to: length),
                rule: redaction.rule, label: redaction.type)
        }
        let lanes = post.matches.filter { $0.lane == .crisis } + post.matches.filter { $0.lane == .spam }
        let matches = lanes.compactMap { match -> Highlight? in
            guard let start = match.outputStart, let end = match.outputEnd else { return nil }
            let kind: HighlightKind = match.lane == .crisis ? .crisis : .spam
            return Highlight(
                kind: kind, range: clamp(start, end, to: length), rule: match.rule,
                label: match.lane == .crisis ? match.category ?? "crisis" : "spam")
        }
        return redactions + matches
    }

    private static func clamp(_ start: Int, _ end: Int, to length: Int) -> Range<Int> {
        let lower = min(max(start, 0), length)
        return lower..<min(max(end, lower), length)
    }
}
