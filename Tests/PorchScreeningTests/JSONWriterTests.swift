import Foundation
import Testing

@testable import PorchScreening

/// Every string Porch prints in JSON reads back as itself in a real JSON parser.
@Suite struct JSONWriterTests {
    @Test func stringsRoundTripThroughAJSONParser() throws {
        let pieces = [
            "plain", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2027}",
            "é", "€", "👩‍👧", "\u{E2}", "[name 1]", "</script>",
        ]
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            var value = ""
            for _ in 0..<Int(state % 9) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                value += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("text", value)
            writer.endObject()
            let output = writer.output
            #expect(!output.contains("\n") && !output.contains("\u{2028}") && !output.contains("\u{2029}"))
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String], "\(output)")
            #expect(object["text"] == value)
        }
    }

    @Test func escapesAreTheShortOnes() {
        var output = ""
        JSONWriter.appendString("a\"b\\c\nd\u{1}e\u{2028}", to: &output)
        #expect(output == #""a\"b\\c\nd\u0001e\u2028""#)
    }
}
