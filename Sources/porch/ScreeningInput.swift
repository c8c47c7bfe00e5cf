import ArgumentParser
import Foundation
import PCRE2
import PorchIntake
import PorchScreening

/// The formats `porch scan` and `porch scrub` read.
enum ScreeningFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

/// One post to screen, or the reason its line was refused.
struct ScreeningItem {
    let line: Int
    let id: String?
    let text: String?
    let problem: String?
    /// Why the post was read with replacements (bytes that are not UTF-8): it counts as held.
    var note: String? = nil
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

/// Reads stdin line by line without holding it all in memory.
struct LineReader {
    private let handle = FileHandle.standardInput
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private(set) var lineNumber = 0

    /// The next line without its line ending, or nil at the end of input.
    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                lineNumber += 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}

/// Decodes one `{"id": ..., "text": ...}` line; bytes that are not UTF-8 are read as U+FFFD and noted.
func decodeScreeningLine(_ bytes: [UInt8], line: Int, limits: ScreeningLimits) -> ScreeningItem {
    var bytes = bytes
    var note: String?
    if String(validating: bytes, as: UTF8.self) == nil {
        let repaired = String(decoding: bytes, as: UTF8.self)
        bytes = Array(repaired.utf8)
        note = "bytes that are not UTF-8 were read as \u{FFFD}"
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
        return ScreeningItem(line: line, id: nil, text: nil, problem: "not valid JSON; the line was skipped")
    }
    guard let fields = object as? [String: Any] else {
        return ScreeningItem(line: line, id: nil, text: nil, problem: "not a JSON object; the line was skipped")
    }
    let id: String? = (fields["id"] as? String) ?? (fields["id"] as? NSNumber).map { "\($0)" }
    guard let text = fields["text"] as? String else {
        return ScreeningItem(line: line, id: id, text: nil, problem: "has no \"text\" string; the line was skipped")
    }
    if let problem = limits.problem(bytes: text.utf8.count) {
        return ScreeningItem(line: line, id: id, text: nil, problem: problem + "; the line was skipped")
    }
    return ScreeningItem(line: line, id: id, text: HiddenText(text).text, problem: nil, note: note)
}

/// Screens stdin in batches on every core and prints one result per post, in input order.
struct BatchRunner {
    let format: ScreeningFormat
    let limits: ScreeningLimits
    /// Screens posts (text and id) together; one output line and held flag per post, in order.
    let process:
        @Sendable (_ posts: [(text: String, id: String?)], _ matcher: Matcher) -> [(output: String, held: Bool)]

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
            let result = process([(HiddenText(text).text, nil)], Matcher())[0]
            Console.out(result.output.hasSuffix("\n") ? result.output : result.output + "\n")
            if result.held { held += 1 }
        case .jsonl:
            var reader = LineReader()
            var batch: [ScreeningItem] = []
            let batchSize = Screener.batchSize * ProcessInfo.processInfo.activeProcessorCount
            while true {
                let line = reader.next()
                if let line, !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    batch.append(decodeScreeningLine(line, line: reader.lineNumber, limits: limits))
                }
                if batch.count == batchSize || (line == nil && !batch.isEmpty) {
                    let (output, batchRefused, batchHeld) = runBatch(batch)
                    Console.out(output)
                    refused += batchRefused
                    held += batchHeld
                    batch.removeAll(keepingCapacity: true)
                }
                if line == nil { break }
            }
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
        var results = Slots<(output: String, held: Bool)>.inChunks(count: posts.count) { range, matcher in
            process(Array(posts[range]), matcher)
        }[...]
        var output = ""
        var refused = 0
        var held = 0
        for item in batch {
            if let problem = item.problem {
                Console.error("line \(item.line): \(problem)")
                refused += 1
            } else if let result = results.popFirst() {
                output += result.output + "\n"
                if let note = item.note { Console.error("line \(item.line): \(note)") }
                if result.held || item.note != nil { held += 1 }
            }
        }
        return (output, refused, held)
    }
}
