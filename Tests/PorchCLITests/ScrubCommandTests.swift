import Foundation
import Testing

/// `porch scrub` through the built binary.
@Suite struct ScrubCommandTests {
    @Test func textFormatPrintsTheScrubbedPost() throws {
        let run = try PorchProcess.run(["scrub"], stdin: "Text me on (312) 555-0142 or mail jo.k@example.com\n")
        #expect(run.status == 0)
        #expect(run.stdout == "Text me on [phone 1] or mail [email 1]\n")
        #expect(!run.stderr.contains("555"))
    }

    @Test func jsonlKeepsOrderAndReportsScalarOffsets() throws {
        let input = """
            {"id": "a", "text": "Näïve café 👩‍👧 call (312) 555-0142 now"}
            {"id": 7, "text": "nothing to see", "topic": "sleep"}

            """
        let run = try PorchProcess.run(["scrub", "--format", "jsonl"], stdin: input)
        #expect(run.status == 0)
        let objects = try run.jsonLines()
        #expect(objects.map { $0["id"] as? String } == ["a", "7"])
        let redactions = try #require(objects[0]["redactions"] as? [[String: Any]])
        #expect(redactions.count == 1)
        let text = "Näïve café 👩‍👧 call (312) 555-0142 now"
        let scalars = Array(text.unicodeScalars)
        let start = try #require(redactions[0]["start"] as? Int)
        let end = try #require(redactions[0]["end"] as? Int)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "(312) 555-0142")
        #expect(redactions[0]["rule"] as? String == "pii.phone.nanp")
        #expect(redactions[0]["type"] as? String == "PHONE")
        #expect(objects[0]["text"] as? String == "Näïve café 👩‍👧 call [phone 1] now")
        #expect((objects[1]["redactions"] as? [Any])?.isEmpty == true)
    }

    @Test func malformedLinesAreReportedByNumberAndTheRestStillRun() throws {
        let input = """
            {"id": "1", "text": "call (312) 555-0142"}
            {"id": "2", "text": broken
            {"id": "3"}
            {"id": "4", "text": "mail me jo.k@example.com"}

            """
        let run = try PorchProcess.run(["scrub", "--format", "jsonl"], stdin: input)
        #expect(run.status == 1)
        #expect(try run.jsonLines().map { $0["id"] as? String } == ["1", "4"])
        #expect(run.stderr.contains("line 2:"))
        #expect(run.stderr.contains("line 3:"))
        #expect(!run.stderr.contains("broken"))
        #expect(!run.stdout.contains("555-0142"))
    }

    @Test func placeholdersAreNumberedPerValueWithinAPost() throws {
        let run = try PorchProcess.run(
            ["scrub"], stdin: "Call (312) 555-0142, or 312-555-0199, or again (312) 555-0142.")
        #expect(run.stdout == "Call [phone 1], or [phone 2], or again [phone 1].\n")
    }

    @Test func helplinesAndHardNegativesSurvive() throws {
        let text = "Call 988 or 1-800-273-8255, Samaritans 116 123. Sertraline 50mg at 3:30am, 7 lbs 8 oz, $1,200."
        let run = try PorchProcess.run(["scrub"], stdin: text)
        #expect(run.stdout == text + "\n")
    }

    @Test func refusedRulesStopBeforeAnyPostWithStatus2() throws {
        let folder = try PorchProcess.temporaryFolder()
        let run = try PorchProcess.run(["scrub", "--rules", folder.path], stdin: "call (312) 555-0142")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("were refused"))
    }
}
