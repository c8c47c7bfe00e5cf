import Dispatch
import Foundation
import PCRE2
import PorchRules
import PorchScreening

// The Porch benchmark: `make bench` (release build). Prints throughput of the PII lane and of all
// three lanes, single thread and on every core; then, through the binary, one `porch scrub`, one email
// through `porch submit`, and a large JSON Lines import (posts/s); last, the queue store alone (StoreBench).
//
//   porch-bench [--rules PATH] [--porch PATH] [--posts N] [--runs N] [--per-rule] [--import N] [--write-posts FILE]
//               [--store-posts N] [--database URL] [--store-only] [--start-up]

struct BenchOptions {
    var rulesPath = "Rules"
    var porchPath: String?
    var postCount = 20_000
    var runs = 5
    var perRule = false
    var importCount = 100_000
    var writePosts: String?
    /// Posts per writer in the store benchmark; 0 skips it.
    var storePosts = 25_000
    /// A PostgreSQL server for the store benchmark (`scripts/postgres-cluster.sh start` prints one).
    var database: String?
    var storeOnly = false
    /// Only the start-up breakdown: reading the rules folder, then compiling it, as one-post commands do.
    var startUpOnly = false

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
            case "--import": options.importCount = Int(arguments.popFirst() ?? "") ?? options.importCount
            case "--write-posts": options.writePosts = arguments.popFirst()
            case "--store-posts": options.storePosts = Int(arguments.popFirst() ?? "") ?? options.storePosts
            case "--database": options.database = arguments.popFirst()
            case "--store-only": options.storeOnly = true
            case "--start-up": options.startUpOnly = true
            default:
                FileHandle.standardError.write(
                    Data(
                        "usage: porch-bench [--rules PATH] [--porch PATH] [--posts N] [--runs N] [--per-rule] [--import N] [--write-posts FILE] [--store-posts N] [--database URL] [--store-only] [--start-up]\n"
                            .utf8))
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

/// The fastest of `count` runs of `work`, in milliseconds.
func fastest(_ count: Int, _ work: () -> Void) -> Double {
    (0..<count).map { _ in
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }.min()!
}

// Where a one-post command's start-up goes: reading the rules folder (TOML, lists, concept expansion, models),
// then compiling it as a one-post screener (reading every pattern for its gates: the first command after a rule
// edit), for the PII lane alone and for every lane; then the same folder as later commands read it, prepared.
if options.startUpOnly {
    for piiOnly in [true, false] {
        guard let rules = try? RuleLoader.load(directory: rulesPath, piiOnly: piiOnly).0 else {
            FileHandle.standardError.write(Data("porch-bench: the rules do not load\n".utf8))
            exit(2)
        }
        let reading = fastest(max(runs, 9)) { _ = try? RuleLoader.load(directory: rulesPath, piiOnly: piiOnly) }
        let compiling = fastest(max(runs, 9)) { _ = try? Screener(rules: rules, prefilters: false) }
        print(
            String(
                format: "start-up, one post, %@: rules read %6.1f ms, compiled %6.1f ms",
                piiOnly ? "PII lane " : "all lanes", reading, compiling))
        // The same folder prepared by an earlier command (`PreparedRules`): decoded, then compiled from kept code.
        let patterns = CompiledPatterns()
        CompiledPatterns.use(patterns)
        guard let screener = try? Screener(rules: rules, prefilters: false),
            let file = PreparedRules.encode(
                .init(
                    set: rules, warnings: [], patterns: patterns, weights: screener.weightsFiles,
                    gates: screener.keptGates), key: "bench")
        else { fatalError("porch-bench: the rules do not compile") }
        CompiledPatterns.use(nil)
        _ = screener
        var kept: PreparedRules.Contents?
        let decoding = fastest(max(runs, 9)) { kept = file.withUnsafeBytes { PreparedRules.decode($0, key: "bench") } }
        guard let kept else { fatalError("porch-bench: a prepared folder does not decode") }
        CompiledPatterns.use(kept.patterns)
        let compilingKept = fastest(max(runs, 9)) {
            _ = try? Screener(rules: kept.set, prefilters: false, weights: kept.weights, gates: kept.gates)
        }
        CompiledPatterns.use(nil)
        print(
            String(
                format: "start-up, one post, %@, prepared: decoded %6.1f ms (%.1f MB), compiled %6.1f ms",
                piiOnly ? "PII lane " : "all lanes", decoding, Double(file.count) / 1_000_000, compilingKept))
    }
    exit(0)
}

let screener: Screener
/// What `porch scrub` runs: the PII and allow rules only (and only their words in the keyword scanner).
let piiScreener: Screener
do {
    let rules = try RuleLoader.load(directory: rulesPath).0
    screener = try Screener(rules: rules)
    piiScreener = try Screener(rules: rules.piiOnly)
} catch {
    FileHandle.standardError.write(Data("porch-bench: \(error)\n".utf8))
    exit(2)
}

var generator = PostGenerator(seed: 2026)
let posts = (0..<postCount).map { _ in generator.post() }
let totalBytes = posts.reduce(0) { $0 + $1.utf8.count }

/// The generated posts as JSON Lines, for profiling a command on the same input (`perf record porch scan …`).
func jsonLines(_ posts: [String]) -> String {
    var lines = ""
    for (index, post) in posts.enumerated() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", "b\(index)")
        writer.field("text", post)
        writer.field("author", "member\(index % 500)")
        writer.endObject()
        lines += writer.output + "\n"
    }
    return lines
}

if let path = options.writePosts {
    guard
        FileManager.default.createFile(
            atPath: path, contents: Data(jsonLines(posts).utf8), attributes: [.posixPermissions: 0o600])
    else {
        FileHandle.standardError.write(Data("porch-bench: cannot write \(path)\n".utf8))
        exit(1)
    }
    print("porch-bench: wrote \(posts.count) posts to \(path)")
    exit(0)
}

/// The queue store alone: one writer, then eight at once (as issue 18's load test submits).
func storeBench() {
    guard options.storePosts > 0 else { return }
    StoreBench.run(
        texts: Array(posts.prefix(5_000)), postsPerWriter: options.storePosts, writerCounts: [1, 8],
        database: options.database)
}

if options.storeOnly {
    storeBench()
    exit(0)
}

if options.perRule {
    // Where the time goes: each rule over every post, prefilters included, slowest first.
    let rules = try! RuleLoader.load(directory: rulesPath).0
    for (rule, time) in RuleProfile.measure(screener, rules: rules, texts: posts) {
        let name = rule.padding(toLength: max(rule.count, 56), withPad: " ", startingAt: 0)
        print(name + String(format: " %8.1f ms %8.0f MB/s", time * 1000, Double(totalBytes) / 1e6 / time))
    }
    exit(0)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs `work` on every post, on `threads` threads, `runs` times, in batches of `batch` posts (each thread takes
/// every `threads`-th batch); returns the median seconds.
func measure(threads: Int, batch: Int, _ work: @escaping @Sendable (ArraySlice<String>, Matcher) -> Int) -> Double {
    let all = posts
    var timings: [Double] = []
    for _ in 0..<runs {
        timings.append(
            seconds {
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    let matcher = Matcher()
                    var sink = 0
                    var start = thread * batch
                    while start < all.count {
                        sink &+= work(all[start..<min(start + batch, all.count)], matcher)
                        start += threads * batch
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
        format: "%-30@ %2d thread%@  %8.1f MB/s  %9.0f posts/s", name as NSString, threads, threads == 1 ? " " : "s",
        megabytes / time, Double(posts.count) / time)
    print(line)
}

let cores = ProcessInfo.processInfo.activeProcessorCount
print(
    "porch-bench: \(posts.count) generated posts, \(String(format: "%.1f", Double(totalBytes) / 1_000_000)) MB, median of \(runs) runs, \(cores) cores"
)
let scrubWork: @Sendable (ArraySlice<String>, Matcher) -> Int = { texts, matcher in
    piiScreener.scrub(Array(texts), matcher: matcher).reduce(0) { $0 + $1.redactions.count }
}
let scanWork: @Sendable (ArraySlice<String>, Matcher) -> Int = { texts, matcher in
    screener.screen(Array(texts), matcher: matcher).reduce(0) { sum, verdict in
        sum + verdict.scrub.redactions.count + verdict.crisis.matches.count + verdict.spam.matches.count
    }
}
// Start-up in the process: reading the rules folder and compiling every rule (what every command does first),
// fastest of several runs so other work on the machine counts least. A command that screens many posts builds the
// prefilters; one that screens a single post (`porch scrub` of one text, one email through `porch submit`) builds
// the one-post screener (interpreter, gates read from every pattern) and reads only the PII lane when it runs nothing
// else. Both as when nothing is prepared: the first command after a rule edit (later ones read `prepared/`; the
// `--start-up` lines and the whole-command walls below measure that).
func startUp(piiOnly: Bool, prefilters: Bool) -> Double {
    (0..<max(runs, 9)).map { _ in
        seconds {
            guard let rules = try? RuleLoader.load(directory: rulesPath, piiOnly: piiOnly).0,
                (try? Screener(rules: rules, prefilters: prefilters)) != nil
            else { fatalError("porch-bench: the rules stopped loading") }
        }
    }.min()!
}
print(
    String(
        format:
            "start-up, many posts: rules read and compiled  %6.1f ms (PII and allow rules)  %6.1f ms (all)\n"
            + "start-up, one post:   rules read and compiled  %6.1f ms (PII and allow rules, as porch scrub)  %6.1f ms (all, as porch submit), first after an edit",
        startUp(piiOnly: true, prefilters: true) * 1000, startUp(piiOnly: false, prefilters: true) * 1000,
        startUp(piiOnly: true, prefilters: false) * 1000, startUp(piiOnly: false, prefilters: false) * 1000))

// One post at a time (a single `porch submit` of one email), then in batches as `porch scrub`, `porch scan` and
// `porch submit` screen many posts.
let batch = Screener.batchSize
report("scrub (PII lane), one by one", threads: 1, measure(threads: 1, batch: 1, scrubWork))
report("scrub (PII lane)", threads: 1, measure(threads: 1, batch: batch, scrubWork))
report("scrub (PII lane)", threads: cores, measure(threads: cores, batch: batch, scrubWork))
report("scan (all lanes), one by one", threads: 1, measure(threads: 1, batch: 1, scanWork))
report("scan (all three lanes)", threads: 1, measure(threads: 1, batch: batch, scanWork))
report("scan (all three lanes)", threads: cores, measure(threads: cores, batch: batch, scanWork))

// Whole commands through the binary: process start, rule compilation and (for submit) the SQLite queue.
let porch =
    porchPath
    ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("porch").path
guard FileManager.default.isExecutableFile(atPath: porch) else {
    print("commands through the binary: skipped, no porch binary at \(porch) (build it or pass --porch)")
    exit(0)
}

/// Runs porch once with `input` on stdin; returns the wall time in seconds and the exit status.
///
/// posix_spawn with stdin read from a file and stdout to /dev/null: nothing but the child is timed (Foundation's
/// `Process` and a pipe-writing thread added ~7 ms per run here).
func runPorch(_ arguments: [String], input: Data, environment: [String: String] = [:]) -> (Double, Int32) {
    let inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("porch-bench-input-\(getpid())").path
    guard FileManager.default.createFile(atPath: inputPath, contents: input) else {
        FileHandle.standardError.write(Data("porch-bench: cannot write \(inputPath)\n".utf8))
        exit(1)
    }
    defer { unlink(inputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([porch] + arguments).map { strdup($0) } + [nil]
    let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    var status: Int32 = 0
    let time = seconds {
        guard posix_spawn(&pid, porch, &actions, nil, argv, envp) == 0 else { return }
        waitpid(pid, &status, 0)
    }
    return (time, (status >> 8) & 0xFF)
}

let onePost = Data((posts.first { $0.contains("@") } ?? posts[0]).utf8)
let scrubWalls = (0..<max(runs, 11)).map { _ in runPorch(["scrub", "--rules", rulesPath], input: onePost).0 }
print(
    String(
        format: "one `porch scrub` invocation   %8.1f ms wall (median of %d)", median(scrubWalls) * 1000,
        scrubWalls.count))

// `porch submit` into a fresh group: one email end to end, then a large JSON Lines import.
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
    "porch-bench-\(ProcessInfo.processInfo.processIdentifier)")
defer { try? FileManager.default.removeItem(at: scratch) }
let group = scratch.appendingPathComponent("group").path
_ = runPorch(["init", "--dir", group, "--rules", rulesPath], input: Data())
let environment = ["PORCH_DIR": group, "PORCH_RULES": rulesPath]
let email = Data(
    """
    From: Jess Parker <jess.parker@example.com>
    To: group@example.org
    Subject: first post
    Message-ID: <bench-%d@example.com>
    Date: Tue, 24 Nov 2026 10:00:00 +0000
    Content-Type: text/plain; charset=utf-8

    \(posts[0])
    """.utf8)
var emailWalls: [Double] = []
for run in 0..<max(runs, 11) {
    let message = Data(String(decoding: email, as: UTF8.self).replacingOccurrences(of: "%d", with: "\(run)").utf8)
    emailWalls.append(runPorch(["submit", "--format", "email"], input: message, environment: environment).0)
}
print(
    String(
        format: "one email through `porch submit` %6.1f ms wall (median of %d)", median(emailWalls) * 1000,
        emailWalls.count))

var importGenerator = PostGenerator(seed: 1990)
let importPosts = (0..<options.importCount).map { _ in importGenerator.post() }
let lines = jsonLines(importPosts)
let (importTime, importStatus) = runPorch(
    ["submit", "--format", "jsonl"], input: Data(lines.utf8), environment: environment)
print(
    String(
        format: "`porch submit --format jsonl`   %8.0f posts/s (%d posts in %.1f s, exit %d)",
        Double(importPosts.count) / importTime, importPosts.count, importTime, importStatus))

storeBench()
