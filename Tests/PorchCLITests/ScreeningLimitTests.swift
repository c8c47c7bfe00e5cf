import Foundation
import Testing

/// `scan` and `scrub` apply `submit`'s size limit, and scrub a large post dense with identifiers in time linear in
/// its size (issue 14, item 9). Speed is measured by `make bench`; this proves the result.
@Suite struct ScreeningLimitTests {
    /// About `bytes` bytes of sentences, each with a different name, phone number and email.
    static func denseText(bytes: Int) -> String {
        let names = ["Daniel", "Marisol", "Priya", "Tomasz", "Aoife", "Kwame", "Ingrid", "Mateo"]
        var text = ""
        var index = 0
        while text.utf8.count < bytes {
            let name = names[index % names.count]
            let number = String(format: "%04d", index % 10_000)
            text += "My husband \(name) is on (312) 555-\(number), mail \(name.lowercased())\(index)@example.com. "
            index += 1
        }
        return text
    }

    @Test func aMegabytePostDenseWithIdentifiersIsScrubbedWhole() throws {
        let text = Self.denseText(bytes: 1_048_576)
        let run = try PorchProcess.run(["scrub", "--max-post-bytes", "2000000"], stdin: text)
        #expect(run.status == 0, "\(run.stderr.prefix(500))")
        #expect(!run.stdout.contains("@example.com"), "an email was left")
        #expect(!run.stdout.contains("555-0"), "a phone number was left")
        #expect(run.stdout.contains("[phone 1]") && run.stdout.contains("[email 1]"))
    }

    @Test func scanAndScrubRefuseWhatSubmitRefuses() throws {
        let text = Self.denseText(bytes: 70_000)
        for command in ["scan", "scrub"] {
            let run = try PorchProcess.run([command], stdin: text)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("over the limit of 65536 bytes"), "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            let line = #"{"id": "big", "text": "\#(text)"}"# + "\n" + #"{"id": "small", "text": "hello"}"# + "\n"
            let lines = try PorchProcess.run([command, "--format", "jsonl"], stdin: line)
            #expect(lines.status == 1)
            #expect(lines.stderr.contains("line 1: the post is"), "\(command): \(lines.stderr)")
            #expect(try lines.jsonLines().map { $0["id"] as? String } == ["small"])
        }
    }

    @Test func aStrayByteIsReadAndCountedAsHeld() throws {
        let bytes = Array("Caf".utf8) + [0xE9] + Array(" on (312) 555-0142".utf8)
        let run = try PorchProcess.run(["scrub"], stdinBytes: bytes)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stdout.contains("[phone 1]"))
        #expect(run.stderr.contains("not UTF-8"))
    }
}
