import ArgumentParser
import Foundation
import PorchIntake
import PorchScreening

/// The formats `porch scan` and `porch scrub` read.
enum ScreeningFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

/// One post to screen, or the reason its line was refused.
struct ScreeningItem {
    /// Where in stdin the post came from (`line N`).
    let position: InputPosition
    let id: String?
    let text: String?
    let problem: String?
    /// Why the post was read with replacements (bytes that are not UTF-8): it counts as held.
    var note: String? = nil

    /// What `PostReader` (as `submit` reads) made of one JSON line, as `scan` and `scrub` report it: the post's
    /// text with hidden characters shown or removed, or why the line was skipped.
    init(_ result: Result<IncomingPost, IntakeFailure>, limits: ScreeningLimits) {
        switch result {
        case .success(let post):
            position = post.position
            id = post.externalID
            text = HiddenText(post.text).text
            problem = nil
            note = post.holdReason == nil ? nil : "bytes that are not UTF-8 were read as \u{FFFD}"
        case .failure(let failure):
            position = failure.position
            id = nil
            text = nil
            var reason = failure.reason.description
            // The size message that names `--max-post-bytes`, which `scan` and `scrub` take.
            if case .postTooLarge(let bytes, _) = failure.reason, let tooLarge = limits.problem(bytes: bytes) {
                reason = tooLarge
            }
            problem = reason + "; the line was skipped"
        }
    }
}

/// The size limit `scan` and `scrub` apply: the one `submit` applies (`intake.max_post_bytes`).
struct ScreeningLimits {
    let maxPostBytes: Int

    /// `override` if given, else the group's setting when there is a group here, else intake's default.
    static func resolve(override: Int?) -> ScreeningLimits {
        if let override { return ScreeningLimits(maxPostBytes: override) }
        if let group = try? Group.locate(dir: nil) { return ScreeningLimits(maxPostBytes: group.config.maxPostBytes) }
        return ScreeningLimits(maxPostBytes: IntakeLimits().maxPostBytes)
    }

    /// The refusal for a post of `bytes` bytes, or nil when it fits.
    func problem(bytes: Int) -> String? {
        guard bytes > maxPostBytes else { return nil }
        return "the post is \(bytes) bytes, over the limit of \(maxPostBytes) bytes (as for porch submit); shorten"
            + " it, or raise \(IntakeLimits.maxPostBytesSetting) in porch.toml or pass --max-post-bytes"
    }
}

/// Screens stdin in batches on every core and prints one result per post, in input order.
struct BatchRunner {
    let format: ScreeningFormat
    let limits: ScreeningLimits
    let screener: Screener
    /// Screens posts (text and id) together in one thread's session; one output line and held flag per post, in
    /// order.
    let process:
        @Sendable (_ posts: [(text: String, id: String?)], _ session: Screener.Session) -> [(
            output: String, held: Bool
        )]

    /// Runs to the end of stdin; returns the exit status it earned.
    func run() throws {
        var refused = 0
        var held = 0
        switch format {
        case .text:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if let problem = limits.problem(bytes: data.count) {
                Console.error("stdin: \(problem); nothing was processed")
                throw ExitStatus.inputRefused
            }
            // One bad byte does not stop the rest: read as U+FFFD, screened, and counted as held.
            let text = String(decoding: data, as: UTF8.self)
            if String(data: data, encoding: .utf8) == nil {
                Console.error("stdin: bytes that are not UTF-8 were read as \u{FFFD}")
                held += 1
            }
            let result = process([(HiddenText(text).text, nil)], screener.session())[0]
            Console.out(result.output.hasSuffix("\n") ? result.output : result.output + "\n")
            if result.held { held += 1 }
        case .jsonl:
            // Read as `submit` reads: a byte-order mark, numeric ids and blank lines are taken alike.
            let reader = PostReader(format: .jsonl, limits: IntakeLimits(maxPostBytes: limits.maxPostBytes))
            var batch: [ScreeningItem] = []
            let batchSize = Screener.batchSize * ProcessInfo.processInfo.activeProcessorCount
            func flush() {
                let (output, batchRefused, batchHeld) = runBatch(batch)
                Console.out(output)
                refused += batchRefused
                held += batchHeld
                batch.removeAll(keepingCapacity: true)
            }
            do {
                try reader.read(from: FileHandle.standardInput) { result in
                    batch.append(ScreeningItem(result, limits: limits))
                    if batch.count == batchSize { flush() }
                }
            } catch {
                if !batch.isEmpty { flush() }
                Console.error("reading stdin failed: \(error); every result printed above is complete")
                throw ExitStatus.inputRefused
            }
            if !batch.isEmpty { flush() }
        }
        if refused > 0 {
            Console.error("\(refused) line\(refused == 1 ? " was" : "s were") refused; the rest were processed")
            throw ExitStatus.inputRefused
        }
        if held > 0 {
            Console.error("\(held) post\(held == 1 ? " was" : "s were") held: a privacy stage could not finish")
            throw ExitStatus.held
        }
    }

    private func runBatch(_ batch: [ScreeningItem]) -> (String, Int, Int) {
        let posts = batch.compactMap { item in item.text.map { (text: $0, id: item.id) } }
        var results = Slots<(output: String, held: Bool)>.inChunks(count: posts.count, screener: screener) {
            range, session in
            process(Array(posts[range]), session)
        }[...]
        var output = ""
        var refused = 0
        var held = 0
        for item in batch {
            if let problem = item.problem {
                Console.error("\(item.position): \(problem)")
                refused += 1
            } else if let result = results.popFirst() {
                output += result.output + "\n"
                if let note = item.note { Console.error("\(item.position): \(note)") }
                if result.held || item.note != nil { held += 1 }
            }
        }
        return (output, refused, held)
    }
}
