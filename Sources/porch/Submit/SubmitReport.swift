import Foundation
import PorchIntake
import PorchQueue
import PorchScreening

/// One line of `porch submit` output.
struct SubmitReport {
    let post: IncomingPost
    let screening: Screening
    let outcome: SubmitOutcome

    /// What was hidden in the post's text (counts only), or nil: the note stored with the post.
    var hidden: String? { screening.hiddenNote }

    func line(json: Bool) -> String {
        var id: Int64?
        var state = ""
        var duplicateOf: Int64?
        var refusal: String?
        switch outcome {
        case .stored(let stored, let storedState):
            id = stored
            state = storedState.rawValue
        case .duplicate(let original):
            duplicateOf = original
            state = "duplicate"
        case .refused(let reason):
            refusal = reason
            state = "refused"
        }
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("input", post.position.description)
            writer.field("external_id", post.externalID)
            if let id { writer.field("id", Int(id)) }
            writer.field("state", state)
            if let duplicateOf { writer.field("duplicate_of", Int(duplicateOf)) }
            if let refusal { writer.field("reason", refusal) }
            writer.field("crisis", screening.crisisLevel.rawValue)
            writer.field("categories", strings: screening.crisisCategories)
            writer.field("spam", screening.spamVerdict.rawValue)
            writer.field("redactions", screening.redactions.count)
            if let held = screening.heldReason { writer.field("held", held) }
            if let hidden { writer.field("hidden", hidden) }
            writer.endObject()
            return writer.output
        }
        var words: [String] = []
        if let id { words.append("#\(id) \(state)") }
        if let duplicateOf { words.append("duplicate of #\(duplicateOf) (not stored again)") }
        if let refusal { words.append("refused: \(refusal)") }
        if screening.crisisLevel != .none {
            let categories = screening.crisisCategories.joined(separator: ",")
            words.append(screening.crisisLevel.rawValue.uppercased() + (categories.isEmpty ? "" : " \(categories)"))
        }
        if screening.spamVerdict != .ham {
            words.append("\(screening.spamVerdict) \(JSONWriter.number(screening.spamScore))")
        }
        if !screening.redactions.isEmpty { words.append("\(screening.redactions.count) redacted") }
        if let held = screening.heldReason { words.append("held: \(held)") }
        if let hidden { words.append("hidden: \(hidden)") }
        return "\(post.position): " + words.joined(separator: " · ")
    }
}
