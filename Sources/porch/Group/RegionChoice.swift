import ArgumentParser
import Foundation

/// Turns what `porch init --region` was given into the region a group stores: a region the resources name
/// (`UK`, `US`, …, any case), or an ISO 3166-1 code (`GB` is the United Kingdom, which the resources call `UK`).
/// Anything else is refused with the choices, so a UK group never silently gets US helplines.
enum RegionChoice {
    /// The ISO 3166-1 alpha-2 codes, from the system's locale data.
    static let isoCodes: Set<String> = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 })

    /// ISO codes the resources file writes under another name.
    static let aliases: [String: String] = ["GB": "UK"]

    /// The region to store for `input` given the regions the resources name, and a warning when it has none.
    static func resolve(_ input: String, known: [String], defaultRegion: String) throws -> (
        region: String, warning: String?
    ) {
        let wanted = input.trimmingCharacters(in: .whitespaces)
        if let match = known.first(where: { $0.caseInsensitiveCompare(wanted) == .orderedSame }) {
            return (match, nil)
        }
        let code = wanted.uppercased()
        if let alias = aliases[code],
            let match = known.first(where: { $0.caseInsensitiveCompare(alias) == .orderedSame })
        {
            return (match, nil)
        }
        guard isoCodes.contains(code) else {
            throw ValidationError(
                "unknown region \"\(wanted)\": give an ISO 3166 country code (such as GB, IE, US) or one of the"
                    + " regions the crisis resources name: \(known.joined(separator: ", "))")
        }
        return (
            code,
            "warning: the rules have no crisis resources for \(code); posts flagged in this group will show the"
                + " \(defaultRegion) helplines until \(code) entries are added to the rules' resources.toml"
        )
    }
}
