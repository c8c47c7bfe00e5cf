import Foundation
import PorchModel

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

    /// An n-gram of a learned model and its weight.
    struct Feature: Decodable, Equatable {
        var feature: String
        var weight: Double
    }

    /// What a learned model made of the post (`crisis.model`, `spam.model`).
    struct Model: Decodable, Equatable {
        var level: String?
        var modelLevel: String?
        var verdict: String?
        var probability: Double?
        var crisisProbability: Double?
        var concernProbability: Double?
        var context: [String]?
        var features: [Feature]?

        enum CodingKeys: String, CodingKey {
            case level, verdict, probability, context, features
            case modelLevel = "model_level"
            case crisisProbability = "crisis_probability"
            case concernProbability = "concern_probability"
        }
    }

    /// A word the group's spam filter weighed, with its spam probability.
    struct Word: Decodable, Equatable {
        var word: String
        var probability: Double
    }

    /// What the group's learning spam filter made of the post (`spam.learned`).
    struct Learned: Decodable, Equatable {
        var verdict: String
        var probability: Double
        var words: [Word]?
    }

    struct Crisis: Decodable, Equatable {
        var matches: [Match]?
        var model: Model?
    }

    struct Spam: Decodable, Equatable {
        var verdict: String?
        var score: Double?
        var threshold: Double?
        var suspectThreshold: Double?
        var matches: [Match]?
        var model: Model?
        var learned: Learned?

        enum CodingKeys: String, CodingKey {
            case verdict, score, threshold, matches, model, learned
            case suspectThreshold = "suspect_threshold"
        }
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
