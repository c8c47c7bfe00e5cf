import PorchModel
import PorchRules

/// The crisis lane's learned keyword weights (`Rules/model/crisis.tsv`): two logistic regressions, one for
/// "crisis" and one for "anything to look at", each with a threshold chosen by cross-validation.
///
/// The model can only raise a post: the lane's level is the higher of the rules' and the model's, and the
/// context cues of the kinds the file's `lowered_by` names (all kinds when it names none) found anywhere in the
/// post turn a model-raised crisis into concern, and an idiom its concern into none, as they lower a rule's match.
/// The shipped file leaves out "someone else": crisis posts name other people, and a "she said" anywhere in a
/// post says little about the danger the weights read (scripts/train-crisis-model.py has the measurement).
/// A crisis the weights read at `cues_lower_below` or above stands whatever cue the post holds: a cue found anywhere
/// is far from the danger, and on development posts the weights had not been trained on, every post read that
/// surely and lowered by a cue was a crisis.
public struct CrisisModel: Sendable {
    public let crisis: LinearModel
    public let concern: LinearModel
    public let crisisThreshold: Double
    public let concernThreshold: Double
    /// The kinds of context cue that lower the weights' reading.
    public let loweredBy: Set<ContextKind>
    /// The crisis probability at or above which no cue lowers the weights' crisis (infinity when the file sets none:
    /// every cue of `loweredBy` lowers it).
    public let cuesLowerBelow: Double
    /// How many of the features that weighed most a verdict lists.
    public static let explained = 5

    public init(file: WeightsFile) throws(RuleLoadError) {
        crisis = try LinearModel(file: file, column: "crisis")
        concern = try LinearModel(file: file, column: "concern")
        crisisThreshold = try file.number("threshold.crisis")
        concernThreshold = try file.number("threshold.concern")
        if let names = file.settings["lowered_by"] {
            var kinds: Set<ContextKind> = []
            for name in names.split(separator: " ") {
                guard let kind = ContextKind(rawValue: String(name)) else {
                    throw RuleLoadError([
                        RuleDiagnostic(
                            .error, file: "model/\(file.name)", position: nil,
                            "`lowered_by` names `\(name)`, which is no kind of context cue (\(ContextKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                        )
                    ])
                }
                kinds.insert(kind)
            }
            loweredBy = kinds
        } else {
            loweredBy = Set(ContextKind.allCases)
        }
        cuesLowerBelow = file.settings["cues_lower_below"] == nil ? .infinity : try file.number("cues_lower_below")
    }

    /// The model's reading of a post before the context cues.
    public func assess(_ features: HashedFeatures) -> CrisisModelFinding {
        let crisisProbability = crisis.probability(features)
        let concernProbability = concern.probability(features)
        let level: CrisisLevel =
            crisisProbability >= crisisThreshold ? .crisis : concernProbability >= concernThreshold ? .concern : .none
        let explaining = level == .crisis ? crisis : concern
        return CrisisModelFinding(
            crisisProbability: crisisProbability, concernProbability: concernProbability, modelLevel: level,
            level: level, context: [],
            features: level == .none ? [] : explaining.strongest(features, count: CrisisModel.explained))
    }
}

/// What the crisis lane's learned weights made of one post.
public struct CrisisModelFinding: Sendable, Hashable {
    /// The probability the post is a crisis.
    public let crisisProbability: Double
    /// The probability the post is crisis or concern.
    public let concernProbability: Double
    /// The model's level from its thresholds.
    public let modelLevel: CrisisLevel
    /// The level after the context cues: a crisis in a post with cues reads concern.
    public let level: CrisisLevel
    /// The kinds of context cue found in the post.
    public let context: [ContextKind]
    /// The n-grams that weighed most toward the level, largest first (none when the model saw nothing).
    public let features: [FeatureWeight]

    /// The same finding read against the context cues found in the post: a cue of a kind in `loweredBy` turns the
    /// weights' crisis into concern when its probability is below `bar`; an idiom turns their concern into none
    /// (the finding stays in the verdict, as a rule's match does). Every cue found is listed in the finding.
    func reading(cues: [ContextKind], loweredBy: Set<ContextKind>, below bar: Double) -> CrisisModelFinding {
        var level = modelLevel
        if level == .crisis && crisisProbability < bar && cues.contains(where: loweredBy.contains) {
            level = .concern
        } else if level == .concern && cues.contains(.idiom) && loweredBy.contains(.idiom) {
            level = .none
        }
        return CrisisModelFinding(
            crisisProbability: crisisProbability, concernProbability: concernProbability, modelLevel: modelLevel,
            level: level, context: cues, features: features)
    }
}

extension CrisisModelFinding {
    /// The same finding explained only by the features in `shown` (hashes from `HashedFeatures`).
    func explaining(only shown: Set<UInt64>) -> CrisisModelFinding {
        CrisisModelFinding(
            crisisProbability: crisisProbability, concernProbability: concernProbability, modelLevel: modelLevel,
            level: level, context: context, features: features.filter { shown.contains(FNV.hash($0.feature)) })
    }
}
