import Testing

@testable import PorchReview

/// What the review says when a decision meets a post that changed (issue 14, item 12).
@Suite struct ReviewStoreErrorTests {
    @Test func aPostPublishedMeanwhileIsNotBlamedOnAnotherModerator() {
        let message = ReviewStoreError.conflict(id: 7, currentState: .published).description
        #expect(message.contains("post #7 was published meanwhile"))
        #expect(!message.contains("another moderator"))
        let decided = ReviewStoreError.conflict(id: 7, currentState: .rejected).description
        #expect(decided.contains("another moderator decided post #7"))
    }
}
