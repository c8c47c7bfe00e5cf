import Foundation
import Testing

@testable import PorchRules
@testable import PorchScreening

/// A weights file's numbers: the plain decimals a training script writes are read without strtod, and must be the
/// very Doubles strtod gives; any other form still goes to strtod.
@Suite struct WeightsFileNumbersTests {
    /// What strtod reads from `text`.
    func strtodValue(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

    /// The weights of a one-column file with a feature per number.
    func read(_ numbers: [String]) throws -> [Double] {
        let lines = numbers.enumerated().map { "w:f\($0.offset)\t\($0.element)" }
        return try WeightsFile(name: "t.tsv", text: "feature\tweight\n" + lines.joined(separator: "\n")).weights
    }

    @Test func plainDecimalsReadAsStrtodReadsThem() throws {
        var random = SeededRandom(seed: 2026_12_05)
        var numbers: [String] = []
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &random)
            let text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            let point = Int.random(in: 0...digits, using: &random)
            var number = point == digits ? text : String(text.prefix(point)) + "." + String(text.dropFirst(point))
            if number.hasPrefix(".") && Bool.random(using: &random) { number = "0" + number }
            if Bool.random(using: &random) { number = "-" + number }
            numbers.append(number)
        }
        // The forms the shipped models hold, and numbers near the edges of the fast path.
        numbers += [
            "0", "-0", "0.5", "-1.70614", "0.7564", "1e-5", "2.5E3", "123456789012345", "1234567890123456",
            "0.000000000000001", "-.25", "7.", "9007199254740993", "0.1", "0.2", "0.3",
        ]
        let read = try read(numbers)
        for (number, value) in zip(numbers, read) {
            #expect(value.bitPattern == strtodValue(number).bitPattern, "\(number)")
        }
    }

    @Test func aFieldThatIsNotWhollyANumberIsStillRefused() {
        for bad in ["1.2.3", "12a", "-", ".", "", " 1", "1 ", "--1", "0x"] {
            #expect(throws: RuleLoadError.self, "\(bad)") { _ = try read([bad]) }
        }
    }
}
