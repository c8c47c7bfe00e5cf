import Foundation
import PorchModel

/// The parts of a post's stored verdict JSON (`porch scan`'s object) that explain its flags beyond the rules that
/// matched (which the queue keeps as rows, `Post.matches`): the learned models, the spam threshold, the helplines.
public struct StoredVerdict: Decodable, Equatable {
    /// An n-gram of a learned model and its weight.
    public struct Feature: Decodable, Equatable {
        public var feature: String
        public var weight: Double
    }

    /// What a learned model made of the post (`crisis.model`, `spam.model`).
    public struct Model: Decodable, Equatable {
        public var level: String?
        public var modelLevel: String?
        public var verdict: String?
        public var probability: Double?
        public var crisisProbability: Double?
        public var concernProbability: Double?
        public var context: [String]?
        public var features: [Feature]?

        enum CodingKeys: String, CodingKey {
            case level, verdict, probability, context, features
            case modelLevel = "model_level"
            case crisisProbability = "crisis_probability"
            case concernProbability = "concern_probability"
        }
    }

    /// A word the group's spam filter weighed, with its spam probability.
    public struct Word: Decodable, Equatable {
        public var word: String
        public var probability: Double
    }

    /// What the group's learning spam filter made of the post (`spam.learned`).
    public struct Learned: Decodable, Equatable {
        public var verdict: String
        public var probability: Double
        public var words: [Word]?
    }

    public struct Crisis: Decodable, Equatable {
        public var model: Model?
    }

    public struct Spam: Decodable, Equatable {
        public var verdict: String?
        public var score: Double?
        public var threshold: Double?
        public var suspectThreshold: Double?
        /// True when the post warns of a scam: the learned readings raise it to suspect at most.
        public var warned: Bool?
        /// True when the rules and the learned readings each read it as suspect, which together is spam.
        public var agreed: Bool?
        public var model: Model?
        public var learned: Learned?

        enum CodingKeys: String, CodingKey {
            case verdict, score, threshold, model, learned, warned, agreed
            case suspectThreshold = "suspect_threshold"
        }
    }

    public var crisis: Crisis?
    public var spam: Spam?
    public var resources: [Resource]?

    public var spamThreshold: Double? { spam?.threshold }
    public var helplines: [Resource] { resources ?? [] }

    /// Parses the stored JSON; nil when it is not a verdict object (an older or damaged record).
    public static func parse(_ json: String) -> StoredVerdict? {
        try? JSONDecoder().decode(StoredVerdict.self, from: Data(json.utf8))
    }
}
