import PorchModel
import PorchRules

extension CrisisFlagger {
    /// The post's level and categories from its matches: the highest level any match reads at, raised by the
    /// points of each category's weighted matches that no context cue touched (`CrisisDetails.points`): several
    /// weak signals of one risk domain reach concern or crisis together. A signal (`level = "signal"`) counts once
    /// per different wording it matched ("passwords" and "rehomed the rabbit" are two signs, "passwords" twice is
    /// one); any other weighted rule counts once per post. A cued match keeps its own (lowered) level and adds no
    /// points, so a denial said three ways stays a denial.
    func weighed(_ found: [CrisisMatch], in text: NormalizedText) -> (level: CrisisLevel, categories: [String]) {
        var level = found.map(\.level).max() ?? .none
        var categories = Set(found.filter { $0.level > .none }.map(\.category))
        var points: [String: Double] = [:]
        var counted = Set<String>()
        var scalars: [Unicode.Scalar]?
        for match in found where match.context.isEmpty {
            guard let entry = entries.first(where: { $0.id == match.rule }), entry.details.points > 0 else { continue }
            var key = match.rule
            if entry.details.level == .none {
                if scalars == nil { scalars = Array(text.original.unicodeScalars) }
                if let scalars, match.start >= 0, match.start <= match.end, match.end <= scalars.count {
                    key += "\u{0}" + String(String.UnicodeScalarView(scalars[match.start..<match.end])).lowercased()
                }
            }
            guard counted.insert(key).inserted else { continue }
            points[match.category, default: 0] += entry.details.points
        }
        for (category, total) in points {
            let reached: CrisisLevel =
                total >= CrisisDetails.points(for: .crisis)
                ? .crisis : total >= CrisisDetails.points(for: .concern) ? .concern : .none
            guard reached > .none else { continue }
            categories.insert(category)
            level = max(level, reached)
        }
        return (level, categories.sorted())
    }
}
