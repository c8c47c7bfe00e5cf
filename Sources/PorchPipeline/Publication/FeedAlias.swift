import Foundation
import PorchQueue

/// The alias a post carries in the feed under the group's `alias_rotation`: the stable one, one per post, or one
/// per window of days, so the public feed cannot string one member's posts together beyond that.
public struct FeedAlias {
    public let rotation: AliasRotation
    /// Needed for every rotation but `never`.
    public let pseudonymizer: Pseudonymizer?

    public init(rotation: AliasRotation, pseudonymizer: Pseudonymizer?) {
        self.rotation = rotation
        self.pseudonymizer = pseudonymizer
    }

    public func of(_ post: ApprovedPost) -> String {
        guard let pseudonymizer else { return post.alias }
        switch rotation {
        case .never:
            return post.alias
        case .everyPost:
            // The entry id is random and minted at approval: a period no other post shares.
            return pseudonymizer.feedAlias(forPseudonym: post.pseudonym, period: "post " + post.entryID)
        case .everyDays(let days):
            let window = Int((post.receivedAt.timeIntervalSince1970 / 86_400).rounded(.down)) / max(days, 1)
            return pseudonymizer.feedAlias(forPseudonym: post.pseudonym, period: "days \(days) #\(window)")
        }
    }
}
