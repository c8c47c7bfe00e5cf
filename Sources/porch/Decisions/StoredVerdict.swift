import Foundation
import PorchModel

/// The parts of a post's stored verdict JSON (`porch scan`'s object) that explain its flags beyond the rules that
/// matched (which the queue keeps as rows, `Post.matches`): the learned models, the spam threshold, the helplines.
struct StoredVerdict: Decodable, Equatable {
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
        var model: Model?
    }

    struct Spam: Decodable, Equatable {
        var verdict: String?
        var score: Double?
        var threshold: Double?
        var suspectThreshold: Double?
        var model: Model?
        var learned: Learned?

        enum CodingKeys: String, CodingKey {
            case verdict, score, threshold, model, learned
            case suspectThreshold = "suspect_threshold"
        }
    }

    var crisis: Crisis?
    var spam: Spam?
    var resources: [Resource]?

    var spamThreshold: Double? { spam?.threshold }
    var helplines: [Resource] { resources ?? [] }

    /// Parses the stored JSON; nil when it is not a verdict object (an older or damaged record).
    static func parse(_ json: String) -> StoredVerdict? {
        try? JSONDecoder().decode(StoredVerdict.self, from: Data(json.utf8))
    }
}
