import PorchScreening

/// How `porch queue show` explains the learned parts of a verdict: the crisis and spam weights (the n-grams
/// that weighed most) and the group's learning spam filter (its probability and the words that counted most).
public enum ModelExplanation {
    public static func crisis(_ model: StoredVerdict.Model) -> String {
        var line = "Crisis weights: \(model.level ?? "none")"
        if let own = model.modelLevel, own != model.level {
            line += " (the weights alone said \(own); lowered by \((model.context ?? []).joined(separator: ", ")))"
        }
        line +=
            " · crisis \(percent(model.crisisProbability)), anything to look at \(percent(model.concernProbability))"
        return line
    }

    /// `warned`: the post warns of a scam, so weights that say spam raise it to suspect only. `agreed`: the rules
    /// and the weights each read it as suspect, which together is spam.
    public static func spam(_ model: StoredVerdict.Model, warned: Bool = false, agreed: Bool = false) -> String {
        let verdict = model.verdict ?? "ham"
        let capped = warned && verdict == "spam" ? " (\(SpamVerdict.warnedNote))" : ""
        let together = agreed ? " (\(SpamVerdict.agreedNote))" : ""
        return "Spam weights: \(verdict) · probability \(percent(model.probability))\(capped)\(together)"
    }

    public static func learned(_ learned: StoredVerdict.Learned) -> String {
        "Spam filter taught by the moderators: \(learned.verdict) · probability \(percent(learned.probability))"
    }

    /// One line per n-gram: `w:` words and pairs, `c:` slices of words (a space marks a word's edge).
    public static func features(_ features: [StoredVerdict.Feature]) -> [String] {
        features.map { "\"\($0.feature)\" weight \(JSONWriter.number($0.weight))" }
    }

    public static func words(_ words: [StoredVerdict.Word]) -> [String] {
        words.map { "\"\($0.word)\" spam probability \(JSONWriter.number($0.probability))" }
    }

    public static func percent(_ value: Double?) -> String {
        guard let value else { return "?" }
        return "\(Int((value * 100).rounded()))%"
    }

    /// The `crisis_model`, `spam_model` and `spam_learned` objects of `porch queue show --json`.
    public static func write(_ verdict: StoredVerdict?, to writer: inout JSONWriter) {
        if let model = verdict?.crisis?.model {
            writer.beginObject("crisis_model")
            writer.field("level", model.level)
            writer.field("model_level", model.modelLevel)
            writer.field("crisis_probability", model.crisisProbability ?? 0)
            writer.field("concern_probability", model.concernProbability ?? 0)
            writeFeatures(model.features ?? [], to: &writer)
            writer.endObject()
        }
        if let model = verdict?.spam?.model {
            writer.beginObject("spam_model")
            writer.field("verdict", model.verdict)
            writer.field("probability", model.probability ?? 0)
            if verdict?.spam?.warned == true { writer.field("warned", true) }
            if verdict?.spam?.agreed == true { writer.field("agreed", true) }
            writeFeatures(model.features ?? [], to: &writer)
            writer.endObject()
        }
        if let learned = verdict?.spam?.learned {
            writer.beginObject("spam_learned")
            writer.field("verdict", learned.verdict)
            writer.field("probability", learned.probability)
            writer.beginArray("words")
            for word in learned.words ?? [] {
                writer.beginObject()
                writer.field("word", word.word)
                writer.field("probability", word.probability)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
    }

    public static func writeFeatures(_ features: [StoredVerdict.Feature], to writer: inout JSONWriter) {
        writer.beginArray("features")
        for feature in features {
            writer.beginObject()
            writer.field("feature", feature.feature)
            writer.field("weight", feature.weight)
            writer.endObject()
        }
        writer.endArray()
    }
}

extension ModelExplanation {
    /// The review's short lines for the learned parts of a stored verdict (nothing when it has none).
    public static func notes(_ verdictJSON: String) -> [String] {
        guard let verdict = StoredVerdict.parse(verdictJSON) else { return [] }
        var notes: [String] = []
        if let model = verdict.crisis?.model, model.level != "none" || model.modelLevel != "none" {
            notes.append(Self.crisis(model) + grams(model.features))
        }
        if let model = verdict.spam?.model, model.verdict != "ham" {
            notes.append(Self.spam(model) + grams(model.features))
        }
        if let learned = verdict.spam?.learned { notes.append(Self.learned(learned)) }
        return notes
    }

    private static func grams(_ features: [StoredVerdict.Feature]?) -> String {
        guard let features, !features.isEmpty else { return "" }
        return " · "
            + features.prefix(3).map { "\"\($0.feature)\" \(JSONWriter.number($0.weight))" }
            .joined(separator: ", ")
    }
}
