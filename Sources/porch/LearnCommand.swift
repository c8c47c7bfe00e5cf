import ArgumentParser
import Foundation
import PorchPipeline
import PorchQueue
import PorchScreening

/// `porch learn --spam FILE` / `--ham FILE`: teaches the group's spam filter from labelled posts.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Teach the group's spam filter from a file of spam or ham posts.",
        discussion: """
            FILE is JSON Lines (one {"text": ...} object per line, other fields ignored) when its first \
            non-blank character is {, otherwise plain text with one post per line. Each post is scrubbed by the \
            PII rules first and only its scrubbed words are kept; a post the PII lane must hold is skipped. \
            Moderators teach the filter too: `porch spam ID` teaches spam, `porch approve ID` ham, and taking \
            a decision back unlearns it. Lessons from a file belong to no post and are never unlearned. A new \
            group's filter starts from the starter in Rules/model/spam-starter.tsv.
            """)

    @Option(name: .customLong("spam"), help: "A file of spam posts.", completion: .file())
    var spamFile: String?

    @Option(name: .customLong("ham"), help: "A file of posts that are not spam.", completion: .file())
    var hamFile: String?

    @OptionGroup var group: GroupOptions
    @OptionGroup var rules: RulesOptions

    func validate() throws {
        if spamFile == nil && hamFile == nil { throw ValidationError("pass --spam FILE, --ham FILE or both") }
    }

    func run() throws {
        let group = try group.group()
        let screener = try rules.loadScreener(group: group, piiOnly: true)
        let queue = try group.openQueueOrExit()
        do {
            try LearnedSpam.seed(queue, starter: screener.spamStarter)
        } catch let refused as SpamStarterRefused {
            Console.error(refused.description)
            throw ExitStatus.configuration
        }
        let session = screener.session()
        var failed = false
        for (file, label) in [(spamFile, SpamLessonLabel.spam), (hamFile, .ham)] {
            guard let file else { continue }
            let texts: [String]
            do {
                texts = try LabelledFile.posts(in: file)
            } catch {
                Console.error("\(error)")
                failed = true
                continue
            }
            var words: [[String]] = []
            var held = 0
            for text in texts {
                let scrubbed = session.scrub(text)
                guard let clean = scrubbed.text, scrubbed.hold == nil else {
                    held += 1
                    continue
                }
                words.append(ChiSquaredSpamFilter.words(of: clean))
            }
            try queue.learnSpam(words, as: label)
            var line = "learned \(words.count) \(label) post(s) from \(file)"
            if held > 0 { line += "; \(held) skipped because the PII lane held them" }
            Console.out(line + "\n")
        }
        if failed { throw ExitStatus.inputRefused }
    }
}

/// Reads the posts of a labelled file for `porch learn`.
enum LabelledFile {
    /// A file that could not be used, named with what to do.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func posts(in path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path): cannot be read; check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(path): is not UTF-8 text; save it as UTF-8")
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let isJSONLines = text.first(where: { !$0.isWhitespace }) == "{"
        var posts: [String] = []
        for (number, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard isJSONLines else {
                posts.append(line)
                continue
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let post = object["text"] as? String
            else {
                throw Problem(
                    description: "\(path):\(number + 1): not a JSON object with a \"text\" string; fix the line"
                        + " (nothing from this file was learned)")
            }
            posts.append(post)
        }
        return posts
    }
}
