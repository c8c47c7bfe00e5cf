import Foundation
import Testing

/// `scan` and `scrub` read JSON Lines as `submit` does (issue 17): a byte-order mark before the first line and
/// numeric ids are taken alike by all three.
@Suite struct ScreeningIntakeTests {
    /// A byte-order mark, then a line whose id is a number too large for a double; then a decimal id.
    static let input =
        [0xEF, 0xBB, 0xBF]
        + Array(
            #"""
            {"id": 12345678901234567890, "text": "call me on (312) 555-0142"}
            {"id": 7.50, "text": "mail me at jo.k@example.com"}

            """#.utf8)

    @Test func aByteOrderMarkAndNumericIDsReadAsInSubmit() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let submitted = try PorchProcess.run(
            ["submit", "--format", "jsonl", "--json", "--dir", fixture.group.path], stdinBytes: Self.input,
            directory: fixture.folder)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let stored = try submitted.jsonLines().map { $0["external_id"] as? String }
        #expect(stored == ["12345678901234567890", "7.50"])
        for command in ["scan", "scrub"] {
            let run = try PorchProcess.run([command, "--format", "jsonl"], stdinBytes: Self.input)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(try run.jsonLines().map { $0["id"] as? String } == stored, "\(command)")
            #expect(!run.stdout.contains("555-0142") && !run.stdout.contains("jo.k@"), "\(command)")
        }
    }
}
