import Foundation
import PorchModel
import Testing

@testable import PorchQueue

/// The group's learning spam filter in the queue: decisions teach it, taking a decision back unlearns exactly
/// that, the starter is added once, files teach it, and a suspect verdict is stored and read back.
@Suite struct SpamFilterTests {
    func wordsPost(_ text: String, verdict: SpamLabel = .ham) -> NewPost {
        var new = plainPost(text, author: text)
        new.screening.spamWords = Array(Set(text.lowercased().split(separator: " ").map(String.init))).sorted()
        new.screening.spamVerdict = verdict
        return new
    }

    func counts(_ queue: Queue, _ words: [String]) throws -> SpamFilterCounts {
        try queue.spamFilterCounts(for: Set(words))
    }

    @Test func markingSpamTeachesSpamAndApprovingTeachesHam() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let spam = try submitOne(queue, wordsPost("cheap casino bonus today"))
        let ham = try submitOne(queue, wordsPost("baby slept through today"))
        try queue.markSpam(id: spam, actor: "mod")
        try queue.approve(id: ham, actor: "mod")
        let taught = try counts(queue, ["casino", "baby", "today"])
        #expect(taught.spamPosts == 1 && taught.hamPosts == 1)
        #expect(taught.words["casino"] == SpamWordCount(spam: 1, ham: 0))
        #expect(taught.words["baby"] == SpamWordCount(spam: 0, ham: 1))
        #expect(taught.words["today"] == SpamWordCount(spam: 1, ham: 1))
        #expect(try queue.spamLesson(postID: spam) == .spam)
        #expect(try queue.spamLesson(postID: ham) == .ham)
    }

    @Test func aRejectionTeachesNothing() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, wordsPost("off topic question"))
        try queue.reject(id: id, reason: "off topic", actor: "mod")
        let taught = try counts(queue, ["topic"])
        #expect(taught.spamPosts == 0 && taught.hamPosts == 0 && taught.words.isEmpty)
        #expect(try queue.spamLesson(postID: id) == nil)
    }

    @Test func takingADecisionBackUnlearnsIt() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, wordsPost("cheap casino bonus"))
        let other = try submitOne(queue, wordsPost("casino night fundraiser"))
        try queue.markSpam(id: other, actor: "mod")
        try queue.markSpam(id: id, actor: "mod")
        #expect(try counts(queue, ["casino"]).words["casino"] == SpamWordCount(spam: 2, ham: 0))
        try queue.revert(id: id, actor: "mod")
        let after = try counts(queue, ["casino", "cheap"])
        #expect(after.spamPosts == 1)
        #expect(after.words["casino"] == SpamWordCount(spam: 1, ham: 0))
        #expect(after.words["cheap"] == nil)
        #expect(try queue.spamLesson(postID: id) == nil)
        // Deciding again teaches again, once.
        try queue.approve(id: id, actor: "mod")
        let again = try counts(queue, ["casino", "cheap"])
        #expect(again.hamPosts == 1 && again.spamPosts == 1)
        #expect(again.words["cheap"] == SpamWordCount(spam: 0, ham: 1))
    }

    @Test func sendingAnApprovedPostBackUnlearnsIt() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, wordsPost("lovely walk today"))
        try queue.approve(id: id, actor: "mod")
        #expect(try counts(queue, []).hamPosts == 1)
        try queue.sendBack(
            id: id, screening: Screening(scrubbedText: "lovely walk today", originalText: "lovely walk today"),
            reason: "the crisis lane now flags it", actor: "publisher")
        #expect(try counts(queue, ["lovely"]).hamPosts == 0)
        #expect(try counts(queue, ["lovely"]).words.isEmpty)
    }

    @Test func theStarterIsAddedOnceAndKeepsEarlierLessons() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let id = try submitOne(queue, wordsPost("casino bonus"))
        try queue.markSpam(id: id, actor: "mod")
        let starter = SpamFilterCounts(
            spamPosts: 30, hamPosts: 40, words: ["casino": SpamWordCount(spam: 10, ham: 1)])
        #expect(try !queue.spamFilterIsSeeded())
        #expect(try queue.seedSpamFilter(starter))
        #expect(try !queue.seedSpamFilter(starter))
        #expect(try queue.spamFilterIsSeeded())
        let seeded = try counts(queue, ["casino"])
        #expect(seeded.spamPosts == 31 && seeded.hamPosts == 40)
        #expect(seeded.words["casino"] == SpamWordCount(spam: 11, ham: 1))
    }

    @Test func aFileTeachesEveryPostOnce() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        try queue.learnSpam([["win", "win", "prize"], ["prize", "now"]], as: .spam)
        try queue.learnSpam([["nap", "time"]], as: .ham)
        let taught = try counts(queue, ["win", "prize", "nap"])
        #expect(taught.spamPosts == 2 && taught.hamPosts == 1)
        #expect(taught.words["win"] == SpamWordCount(spam: 1, ham: 0))
        #expect(taught.words["prize"] == SpamWordCount(spam: 2, ham: 0))
        #expect(taught.words["nap"] == SpamWordCount(spam: 0, ham: 1))
    }

    @Test func aSuspectVerdictIsStoredAndReadBack() throws {
        let scratch = try Scratch()
        let queue = try scratch.openQueue()
        let suspect = try submitOne(queue, wordsPost("dm me for the offer", verdict: .suspect))
        let spam = try submitOne(queue, wordsPost("buy now buy now", verdict: .spam))
        #expect(try queue.post(id: suspect).spamVerdict == .suspect)
        #expect(try queue.post(id: spam).spamVerdict == .spam)
    }
}
