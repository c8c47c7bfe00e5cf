import Dispatch
import Foundation
import PCRE2
import PorchRules
import PorchScreening

// The Porch benchmark: `make bench` (release build). Prints throughput of the PII lane and of all
// three lanes, single thread and on every core, and the wall time of one `porch scrub` invocation.
//
//   porch-bench [--rules PATH] [--porch PATH] [--posts N] [--runs N]

struct BenchOptions {
    var rulesPath = "Rules"
    var porchPath: String?
    var postCount = 20_000
    var runs = 5
    var perRule = false

    static func parse() -> BenchOptions {
        var options = BenchOptions()
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--rules": options.rulesPath = arguments.popFirst() ?? options.rulesPath
            case "--porch": options.porchPath = arguments.popFirst()
            case "--posts": options.postCount = Int(arguments.popFirst() ?? "") ?? options.postCount
            case "--runs": options.runs = Int(arguments.popFirst() ?? "") ?? options.runs
            case "--per-rule": options.perRule = true
            default:
                FileHandle.standardError.write(
                    Data("usage: porch-bench [--rules PATH] [--porch PATH] [--posts N] [--runs N]\n".utf8))
                exit(64)
            }
        }
        return options
    }
}

let options = BenchOptions.parse()
let rulesPath = options.rulesPath
let runs = options.runs
let postCount = options.postCount
let porchPath = options.porchPath

let screener: Screener
do {
    screener = try Screener(rules: RuleLoader.load(directory: rulesPath).0)
} catch {
    FileHandle.standardError.write(Data("porch-bench: \(error)\n".utf8))
    exit(2)
}

var generator = PostGenerator(seed: 2026)
let posts = (0..<postCount).map { _ in generator.post() }
let totalBytes = posts.reduce(0) { $0 + $1.utf8.count }

if options.perRule {
    // Where the time goes: each rule's pattern alone over every post, slowest first.
    let rules = try! RuleLoader.load(directory: rulesPath).0
    for (rule, time) in RuleProfile.measure(rules, texts: posts).prefix(25) {
        print(String(format: "%-40@ %8.1f ms  %8.0f MB/s", rule as NSString, time * 1000, Double(totalBytes) / 1e6 / time))
    }
    exit(0)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs `work` on every post, on `threads` threads, `runs` times; returns the median seconds.
func measure(threads: Int, _ work: @escaping @Sendable (String, Matcher) -> Int) -> Double {
    let all = posts
    var timings: [Double] = []
    for _ in 0..<runs {
        timings.append(seconds {
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let matcher = Matcher()
                var sink = 0
                var index = thread
                while index < all.count {
                    sink &+= work(all[index], matcher)
                    index += threads
                }
                if sink == -1 { print(sink) }
            }
        })
    }
    return median(timings)
}

func report(_ name: String, threads: Int, _ time: Double) {
    let megabytes = Double(totalBytes) / 1_000_000
    let line = String(
        format: "%-28@ %2d thread%@  %8.1f MB/s  %9.0f posts/s", name as NSString, threads, threads == 1 ? " " : "s",
        megabytes / time, Double(posts.count) / time)
    print(line)
}

let cores = ProcessInfo.processInfo.activeProcessorCount
print("porch-bench: \(posts.count) generated posts, \(String(format: "%.1f", Double(totalBytes) / 1_000_000)) MB, median of \(runs) runs, \(cores) cores")
let scrubWork: @Sendable (String, Matcher) -> Int = { text, matcher in
    screener.scrub(text, matcher: matcher).redactions.count
}
let scanWork: @Sendable (String, Matcher) -> Int = { text, matcher in
    let verdict = screener.screen(text, matcher: matcher)
    return verdict.scrub.redactions.count + verdict.crisis.matches.count + verdict.spam.matches.count
}
report("scrub (PII lane)", threads: 1, measure(threads: 1, scrubWork))
report("scrub (PII lane)", threads: cores, measure(threads: cores, scrubWork))
report("scan (all three lanes)", threads: 1, measure(threads: 1, scanWork))
report("scan (all three lanes)", threads: cores, measure(threads: cores, scanWork))

// One `porch scrub` invocation on one post: process start and rule compilation included.
let porch = porchPath
    ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("porch").path
if FileManager.default.isExecutableFile(atPath: porch) {
    var walls: [Double] = []
    let input = Data((posts.first { $0.contains("@") } ?? posts[0]).utf8)
    for _ in 0..<max(runs, 11) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: porch)
        process.arguments = ["scrub", "--rules", rulesPath]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        walls.append(seconds {
            try? process.run()
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
        })
    }
    print(String(format: "one `porch scrub` invocation   %8.1f ms wall (median of %d)", median(walls) * 1000, walls.count))
} else {
    print("one `porch scrub` invocation: skipped, no porch binary at \(porch) (build it or pass --porch)")
}
