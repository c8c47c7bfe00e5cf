import Foundation

/// The parts of a post's stored verdict JSON (`porch scan`'s object) that explain its flags.
///
/// Offsets are Unicode scalar offsets: `start`/`end` into the screened text, `output_start`/`output_end`
/// into the scrubbed text (absent when the post is held and has no scrubbed text).
struct StoredVerdict: Decodable, Equatable {
    /// One crisis or spam rule that matched.
    struct Match: Decodable, Equatable {
        var rule: String
        var category: String?
        var level: String?
        var context: [String]?
        var score: Double?
        var start: Int
        var end: Int
        var outputStart: Int?
        var outputEnd: Int?

        enum CodingKeys: String, CodingKey {
            case rule, category, level, context, score, start, end
            case outputStart = "output_start"
            case outputEnd = "output_end"
        }
    }

    struct Crisis: Decodable, Equatable {
        var matches: [Match]?
    }

    struct Spam: Decodable, Equatable {
        var score: Double?
        var threshold: Double?
        var matches: [Match]?
    }

    /// A helpline or service shown beside a crisis or concern post.
    struct Resource: Decodable, Equatable {
        var name: String
        var contact: String
        var url: String?
        var region: String?
    }

    var crisis: Crisis?
    var spam: Spam?
    var resources: [Resource]?

    var crisisMatches: [Match] { crisis?.matches ?? [] }
    var spamMatches: [Match] { spam?.matches ?? [] }
    var spamThreshold: Double? { spam?.threshold }
    var helplines: [Resource] { resources ?? [] }

    /// Parses the stored JSON; nil when it is not a verdict object (an older or damaged record).
    static func parse(_ json: String) -> StoredVerdict? {
        try? JSONDecoder().decode(StoredVerdict.self, from: Data(json.utf8))
    }

    /// The part of `text` a match covers in the scrubbed text, or nil when it has no output range.
    static func excerpt(of match: Match, in text: String) -> String? {
        guard let start = match.outputStart, let end = match.outputEnd else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard 0 <= start, start <= end, end <= scalars.count else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
