import Foundation
import PorchIntake
import PorchPipeline
import PorchScreening

/// Screens stdin in batches on every core (`ScreeningWorkers`, as `submit` does) and prints one result per post, in
/// input order.
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
            let (limits, process) = (limits, process)
            let workers = ScreeningWorkers(reading: reader, batchSize: Screener.batchSize, screener: screener) {
                batch, session in
                let items = batch.map { ScreeningItem($0, limits: limits) }
                let posts = items.compactMap { item in item.text.map { (text: $0, id: item.id) } }
                var results = process(posts, session)[...]
                return items.map { item in (item: item, result: item.text == nil ? nil : results.popFirst()) }
            }
            while let next = workers.next() {
                guard case .batch(let lines) = next else {
                    if case .readFailed(let error) = next {
                        Console.error("reading stdin failed: \(error); every result printed above is complete")
                    }
                    throw ExitStatus.inputRefused
                }
                var output = ""
                for (item, result) in lines {
                    if let problem = item.problem {
                        Console.error("\(item.position): \(problem)")
                        refused += 1
                    } else if let result {
                        output += result.output + "\n"
                        if let note = item.note { Console.error("\(item.position): \(note)") }
                        if result.held || item.note != nil { held += 1 }
                    }
                }
                Console.out(output)
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
}
