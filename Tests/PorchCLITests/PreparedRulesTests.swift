import Foundation
import Testing

/// A rules folder prepared by one command and read by the next (`PreparedRules`): the same verdicts as the folder
/// read and compiled from its files; an edited rule never meets what was prepared from the old one; a damaged
/// prepared file is read as if there were none.
///
/// Each test has a cache folder of its own (`XDG_CACHE_HOME`) and a copy of the rules. A folder is prepared once
/// its pass is remembered under its files' stamps, which stand for a file only after it has been still for two
/// seconds, so the tests wait that long after writing the rules.
@Suite(.serialized) struct PreparedRulesTests {
    static let post = "My son Jack is at Lincoln Elementary, call me on 07700 900123 if you want a playdate."

    struct Folder {
        let rules: URL
        let cache: URL

        init() throws {
            let root = try PorchProcess.temporaryFolder()
            rules = root.appendingPathComponent("Rules")
            cache = root.appendingPathComponent("cache")
            try FileManager.default.copyItem(atPath: PorchProcess.rules, toPath: rules.path)
        }

        /// Runs porch with this folder's rules and cache (`cache: false`: with no cache folder at all).
        func run(_ arguments: [String], stdin: String, cache: Bool = true) throws -> PorchProcess.Outcome {
            let environment = cache ? ["XDG_CACHE_HOME": self.cache.path] : ["XDG_CACHE_HOME": "", "HOME": ""]
            return try PorchProcess.run(arguments + ["--rules", rules.path], stdin: stdin, environment: environment)
        }

        /// The prepared files kept for this folder.
        var prepared: [URL] {
            let folder = cache.appendingPathComponent("porch/prepared")
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
                !$0.hasPrefix(".")
            }.map { folder.appendingPathComponent($0) }
        }

        /// Runs the command until it has prepared a file of its own (the first run checks the folder, the next
        /// remembers its stamps, the next prepares it); every output must be `expected`.
        func prepare(_ arguments: [String], stdin: String, expected: String) throws {
            let before = prepared.count
            for _ in 0..<4 where prepared.count == before {
                let outcome = try run(arguments, stdin: stdin)
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stdout == expected)
            }
            #expect(prepared.count == before + 1)
        }
    }

    static func settle() { Thread.sleep(forTimeInterval: 2.2) }

    @Test func aPreparedFolderScreensAsItsFilesDo() throws {
        let folder = try Folder()
        let scrubbed = try folder.run(["scrub"], stdin: Self.post, cache: false)
        #expect(scrubbed.status == 0, "\(scrubbed.stderr)")
        #expect(!scrubbed.stdout.contains("Jack") && !scrubbed.stdout.contains("07700"))
        let posts = [
            Self.post, "I have the pills saved up and tonight is the night", "DM me for 50% off sleep coaching 💰",
            "Went to the Royal today, Dr Okafor was lovely",
        ].enumerated().map { #"{"id": "p\#($0.offset)", "text": "\#($0.element)"}"# }.joined(separator: "\n")
        let scanned = try folder.run(["scan", "--format", "jsonl"], stdin: posts, cache: false)
        #expect(scanned.status == 0, "\(scanned.stderr)")

        Self.settle()
        try folder.prepare(["scrub"], stdin: Self.post, expected: scrubbed.stdout)
        try folder.prepare(["scan", "--format", "jsonl"], stdin: posts, expected: scanned.stdout)
        #expect(folder.prepared.count == 2, "one file for the PII lane, one for every lane")
        for file in folder.prepared {
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "\(file.lastPathComponent)")
        }
        // Read from the prepared files now: the same output, again.
        #expect(try folder.run(["scrub"], stdin: Self.post).stdout == scrubbed.stdout)
        #expect(try folder.run(["scan", "--format", "jsonl"], stdin: posts).stdout == scanned.stdout)
    }

    @Test func anEditedRuleNeverMeetsWhatWasPreparedBefore() throws {
        let folder = try Folder()
        Self.settle()
        let before = try folder.run(["scrub"], stdin: Self.post)
        #expect(!before.stdout.contains("Lincoln Elementary"))
        try folder.prepare(["scrub"], stdin: Self.post, expected: before.stdout)

        // The rule editor keeps the school's name: the very next command keeps it, and so do those after it,
        // prepared again.
        let file = folder.rules.appendingPathComponent("pii/allow-terms.toml")
        let kept = """

            [[allow]]
            id = "allow.term.test-school"
            description = "A school this test keeps."
            phrases = ["lincoln elementary"]
            match = ["at [[Lincoln Elementary]] today"]
            no_match = ["Lincoln Park"]

            """
        try (try String(contentsOf: file, encoding: .utf8) + kept).write(to: file, atomically: true, encoding: .utf8)
        let after = try folder.run(["scrub"], stdin: Self.post)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("Lincoln Elementary") && !after.stdout.contains("Jack"))
        Self.settle()
        for _ in 0..<3 { #expect(try folder.run(["scrub"], stdin: Self.post).stdout == after.stdout) }
    }

    @Test func aDamagedPreparedFileIsReadAsIfThereWereNone() throws {
        let folder = try Folder()
        Self.settle()
        let expected = try folder.run(["scrub"], stdin: Self.post).stdout
        try folder.prepare(["scrub"], stdin: Self.post, expected: expected)
        let file = try #require(folder.prepared.first)
        var bytes = try Data(contentsOf: file)
        let size = bytes.count
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: file)
        let damaged = try folder.run(["scrub"], stdin: Self.post)
        #expect(damaged.status == 0 && damaged.stdout == expected, "\(damaged.stderr)")
        // Cut short: the same again, and the file is prepared anew.
        try Data(bytes.prefix(size / 3)).write(to: file)
        let cut = try folder.run(["scrub"], stdin: Self.post)
        #expect(cut.status == 0 && cut.stdout == expected, "\(cut.stderr)")
        #expect(try Data(contentsOf: file).count == size)
    }
}
