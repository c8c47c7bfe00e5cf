import Foundation
import PorchQueue
import PorchReview

/// The highlights of a queued post: its stored redactions first (in the queue's order, so a highlight's index is
/// the redaction's index for `Queue.restore`), then the crisis and spam matches recorded in its verdict JSON.
///
/// Every range is in Unicode scalars of the post's scrubbed text. A match's `output_start`/`output_end` is used
/// while the post still has the redactions it was screened with; after a redaction was restored the scrubbed text
/// has shifted, so the match is placed again from its input offsets and the redactions that remain.
enum ReviewHighlights {
    static func of(_ post: Post) -> [Highlight] {
        let hasMatches = mayHaveMatches(post.verdictJSON)
        if post.redactions.isEmpty && !hasMatches { return [] }
        let length = post.scrubbedText.unicodeScalars.count
        var highlights = post.redactions.map { redaction in
            Highlight(
                kind: .redaction, range: clamp(redaction.outputStart, redaction.outputEnd, to: length),
                rule: redaction.rule, label: redaction.type)
        }
        guard hasMatches, let verdict = parse(post.verdictJSON) else { return highlights }
        let screenedRedactions = (verdict["redactions"] as? [Any])?.count ?? 0
        let shifted = screenedRedactions != post.redactions.count
        let lanes: [(HighlightKind, String)] = [(.crisis, "crisis"), (.spam, "spam")]
        for (kind, lane) in lanes {
            let matches = ((verdict[lane] as? [String: Any])?["matches"] as? [[String: Any]]) ?? []
            for match in matches {
                guard let rule = match["rule"] as? String,
                    let range = outputRange(of: match, shifted: shifted, redactions: post.redactions)
                else { continue }
                let label = kind == .crisis ? (match["category"] as? String ?? "crisis") : "spam"
                highlights.append(
                    Highlight(
                        kind: kind, range: clamp(range.lowerBound, range.upperBound, to: length), rule: rule,
                        label: label))
            }
        }
        return highlights
    }

    /// False when both lanes wrote an empty match list, as for most posts, which then need no JSON parsing (the
    /// largest part of building 10,000 items). Any other spelling of the JSON is parsed.
    static func mayHaveMatches(_ json: String) -> Bool {
        let needle = Array(#""matches":[]"#.utf8)
        var json = json
        return json.withUTF8 { bytes in
            var empty = 0
            var index = 0
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0] && needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                    empty += 1
                    index += needle.count
                } else {
                    index += 1
                }
            }
            return empty != 2
        }
    }

    /// The verdict object, or nil when the stored JSON cannot be read (the post's flags still show).
    private static func parse(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }

    private static func outputRange(
        of match: [String: Any], shifted: Bool, redactions: [StoredRedaction]
    ) -> Range<Int>? {
        if !shifted, let start = match["output_start"] as? Int, let end = match["output_end"] as? Int {
            return start..<max(start, end)
        }
        // A held post has no scrubbed text and no output offsets: nothing to place.
        guard match["output_start"] != nil, let start = match["start"] as? Int, let end = match["end"] as? Int
        else { return nil }
        return outputRange(ofInput: start, end, redactions: redactions)
    }

    /// Where an input range lies in the scrubbed text: shifted by the placeholders before it, widened to a whole
    /// placeholder where it starts or ends inside one.
    static func outputRange(ofInput start: Int, _ end: Int, redactions: [StoredRedaction]) -> Range<Int> {
        let ordered = redactions.sorted { $0.start < $1.start }
        let from = outputOffset(ofInput: start, isEnd: false, redactions: ordered)
        return from..<max(from, outputOffset(ofInput: end, isEnd: true, redactions: ordered))
    }

    private static func outputOffset(ofInput offset: Int, isEnd: Bool, redactions: [StoredRedaction]) -> Int {
        var shift = 0
        for redaction in redactions {
            if offset <= redaction.start { break }
            if offset < redaction.end { return isEnd ? redaction.outputEnd : redaction.outputStart }
            shift = redaction.outputEnd - redaction.end
        }
        return offset + shift
    }

    private static func clamp(_ start: Int, _ end: Int, to length: Int) -> Range<Int> {
        let lower = min(max(start, 0), length)
        return lower..<min(max(end, lower), length)
    }
}
