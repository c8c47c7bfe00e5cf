import Foundation
import PorchModel

@testable import PorchReview

/// A queue in memory with the same contract as the real one: versions, history for undo, conflicts.
final class InMemoryStore: ReviewStore {
    private(set) var posts: [Int64: ReviewItem]
    private var history: [Int64: [ReviewItem]] = [:]
    private(set) var decisions: [(Decision, Int64)] = []
    /// Original text behind each redaction, by post and highlight index, for `restore`.
    var originals: [Int64: [Int: String]] = [:]
    var failLoad = false

    init(_ items: [ReviewItem]) {
        posts = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
    }

    func load() throws -> [ReviewItem] {
        if failLoad { throw ReviewStoreError.storage(detail: "queue.sqlite is locked") }
        return Array(posts.values)
    }

    /// Another moderator's decision, made behind the session's back.
    func decideElsewhere(_ id: Int64, state: PostState) {
        posts[id]!.state = state
        posts[id]!.version += 1
    }

    func decide(_ decision: Decision, item id: Int64, expectedVersion: Int) throws -> ReviewItem? {
        guard var post = posts[id] else { throw ReviewStoreError.notFound(id: id) }
        guard post.version == expectedVersion else {
            throw ReviewStoreError.conflict(id: id, currentState: post.state)
        }
        decisions.append((decision, id))
        let before = post
        switch decision {
        case .approve: post.state = .approved
        case .reject: post.state = .rejected
        case .spam: post.state = .spam
        case .escalate: post.state = .escalated
        case .edit(let text):
            post.text = text
            post.highlights = []
        case .restore(let index):
            guard post.highlights.indices.contains(index), let original = originals[id]?[index] else {
                throw ReviewStoreError.refused(id: id, reason: "that redaction can no longer be restored")
            }
            post = Self.replacing(post, highlight: index, with: original)
        case .undo:
            guard let previous = history[id]?.popLast() else {
                throw ReviewStoreError.refused(id: id, reason: "there is nothing to undo")
            }
            post = previous
            post.version = before.version + 1
            posts[id] = post
            return post
        }
        history[id, default: []].append(before)
        post.version += 1
        posts[id] = post
        return post
    }

    private static func replacing(_ post: ReviewItem, highlight index: Int, with original: String) -> ReviewItem {
        var post = post
        let range = post.highlights[index].range
        var scalars = Array(post.text.unicodeScalars)
        scalars.replaceSubrange(range, with: original.unicodeScalars)
        post.text = String(String.UnicodeScalarView(scalars))
        let shift = original.unicodeScalars.count - range.count
        post.highlights.remove(at: index)
        post.highlights = post.highlights.map { highlight in
            var highlight = highlight
            if highlight.range.lowerBound >= range.upperBound {
                highlight.range = (highlight.range.lowerBound + shift)..<(highlight.range.upperBound + shift)
            }
            return highlight
        }
        return post
    }
}
