import Foundation
import PorchIntake
import PorchPipeline
import PorchRules
import PorchScreening
import Testing

/// The one worker design behind `submit`, `scan` and `scrub`: batches come back in input order whatever order the
/// workers finish in, refused lines keep their place, and a read that ends early loses nothing before it.
@Suite struct ScreeningWorkersTests {
    /// Writes `lines` into a pipe from another thread and returns the end to read.
    private func pipe(_ lines: [String]) -> Int32 {
        var ends: [Int32] = [0, 0]
        precondition(Foundation.pipe(&ends) == 0)
        let (read, write) = (ends[0], ends[1])
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        Thread.detachNewThread {
            data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(write, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(write)
        }
        return read
    }

    /// Every line's position (line number) as the workers handed them out, in the order `next()` gave them.
    private func run(_ lines: [String], batchSize: Int, workers: Int) throws -> [String] {
        let descriptor = pipe(lines)
        defer { close(descriptor) }
        let screener = try Screener(rules: RuleSet())
        let stage = ScreeningWorkers(
            reading: PostReader(format: .jsonl), fileDescriptor: descriptor, batchSize: batchSize,
            screener: screener, workers: workers
        ) { batch, _ in
            // Later batches finish first often: a worker that took an early batch sleeps longer.
            usleep(UInt32.random(in: 0...3_000))
            return batch.map { result -> String in
                switch result {
                case .success(let post): return "ok \(post.position) \(post.text)"
                case .failure(let failure): return "refused \(failure.position)"
                }
            }
        }
        var out: [String] = []
        while let item = stage.next() {
            guard case .batch(let lines) = item else {
                Issue.record("reading failed")
                break
            }
            out += lines
        }
        return out
    }

    @Test(arguments: [(1, 1), (3, 2), (7, 4), (500, 2)])
    func batchesComeBackInInputOrder(batchSize: Int, workers: Int) throws {
        let lines = (1...200).map { #"{"id": "p\#($0)", "text": "post \#($0)"}"# }
        let out = try run(lines, batchSize: batchSize, workers: workers)
        #expect(out == (1...200).map { "ok line \($0) post \($0)" })
    }

    @Test func aRefusedLineKeepsItsPlace() throws {
        let lines = [#"{"text": "one"}"#, "not json", #"{"text": "three"}"#, "", #"{"text": "five"}"#]
        let out = try run(lines, batchSize: 2, workers: 2)
        #expect(out == ["ok line 1 one", "refused line 2", "ok line 3 three", "ok line 5 five"])
    }

    @Test func emptyInputEndsAtOnce() throws {
        #expect(try run([], batchSize: 4, workers: 2) == [])
    }
}
