import PorchModel
import Testing

/// The shared vocabulary: the order reviews sort by, and the words the queue stores and `--json` prints.
@Suite struct VocabularyTests {
    @Test func crisisLevelsRankNoneBelowConcernBelowCrisis() {
        #expect(CrisisLevel.none < .concern && CrisisLevel.concern < .crisis)
        #expect(CrisisLevel.allCases.sorted() == [.none, .concern, .crisis])
        #expect([CrisisLevel.concern, .crisis, .none].max() == .crisis)
    }

    @Test func spamLabelsRankHamBelowSuspectBelowSpam() {
        #expect(SpamLabel.ham < .suspect && SpamLabel.suspect < .spam)
        #expect(max(SpamLabel.suspect, .ham) == .suspect)
    }

    @Test func rawValuesAreTheStoredWords() {
        #expect(CrisisLevel.allCases.map(\.rawValue) == ["none", "concern", "crisis"])
        #expect(SpamLabel.allCases.map(\.rawValue) == ["ham", "suspect", "spam"])
        #expect(
            PostState.allCases.map(\.rawValue) == [
                "pending", "approved", "rejected", "spam", "escalated", "held", "published",
            ])
        #expect(PostState.allCases.map(\.description) == PostState.allCases.map(\.rawValue))
        #expect("\(CrisisLevel.concern) \(SpamLabel.suspect) \(PostState.held)" == "concern suspect held")
    }

    @Test func openStatesAreTheUndecidedOnes() {
        #expect(PostState.allCases.filter(\.isOpen) == [.pending, .escalated, .held])
    }

    @Test func resourcesForARegionPutTheirCategoriesFirstAndFallBackToTheDefault() {
        let general = Resource(name: "988 Lifeline", contact: "call or text 988", region: "US")
        let specific = Resource(
            name: "Postpartum Support", contact: "1-800-944-4773", region: "US", categories: ["suicide"])
        let other = Resource(name: "Samaritans", contact: "116 123", region: "UK")
        let all = [general, specific, other]
        #expect(
            Resource.chosen(from: all, region: "us", defaultRegion: "UK", categories: ["suicide"]) == [
                specific, general,
            ])
        #expect(Resource.chosen(from: all, region: "US", defaultRegion: "UK", categories: []) == [general])
        #expect(Resource.chosen(from: all, region: "FR", defaultRegion: "UK", categories: []) == [other])
    }
}
