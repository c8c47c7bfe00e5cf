import Foundation
import Testing

@testable import PorchRules
@testable import PorchScreening

/// A weights file kept in a prepared rules folder (`WeightsFile.encoded`): read back, it is the file as parsed from
/// its text, and damaged bytes are refused rather than read.
@Suite struct WeightsFileBytesTests {
    func shipped(_ name: String) throws -> WeightsFile {
        let text = try String(contentsOfFile: RealRules.directory + "/model/" + name, encoding: .utf8)
        return try WeightsFile(name: name, text: text)
    }

    func decoded(_ bytes: [UInt8]) -> WeightsFile? { bytes.withUnsafeBytes { WeightsFile(encoded: $0) } }

    @Test(arguments: ["crisis.tsv", "spam.tsv"])
    func theShippedModelsReadBackAsParsed(name: String) throws {
        let file = try shipped(name)
        let kept = try #require(decoded(file.encoded))
        #expect(kept.name == file.name)
        #expect(kept.settings == file.settings)
        #expect(kept.columns == file.columns)
        #expect(kept.count == file.count)
        #expect(kept.weights.map(\.bitPattern) == file.weights.map(\.bitPattern))
        // Every feature is found at its own row by its name's hash, and named as in the file.
        for row in stride(from: 0, to: file.count, by: 97) {
            let feature = file.name(row)
            #expect(kept.name(row) == feature)
            #expect(kept.weights(of: feature) == file.weights(of: feature), "\(feature)")
        }
        #expect(kept.weights(of: "w:no such feature here") == nil)
        // And the models score posts alike.
        for post in [
            "I can't do this anymore, I have the pills ready", "Buy followers now, DM me", "We went to the park",
        ] {
            let features = HashedFeatures(post)
            for column in file.columns {
                let parsed = try LinearModel(file: file, column: column).probability(features)
                let read = try LinearModel(file: kept, column: column).probability(features)
                #expect(parsed.bitPattern == read.bitPattern, "\(column): \(post)")
            }
        }
    }

    @Test func cutShortOrInconsistentBytesAreRefused() throws {
        let bytes = try shipped("spam.tsv").encoded
        for length in [0, 7, 8, 100, bytes.count / 2, bytes.count - 1] {
            #expect(decoded(Array(bytes.prefix(length))) == nil, "cut to \(length) bytes")
        }
        #expect(decoded(bytes + [0]) == nil, "a byte too many")
        // A name's end past the names: the count of the names' bytes written one less.
        let small = try WeightsFile(name: "t.tsv", text: "bias = 0\nfeature\tw\nw:a\t1\nw:b\t2\n")
        var damaged = small.encoded
        let namesCountAt = try #require(findCount(of: 6, after: 0, in: damaged))
        damaged[namesCountAt] = 5
        #expect(decoded(damaged) == nil)
        #expect(decoded(small.encoded)?.weights(of: "w:b") == [2])
    }

    /// Where the 8-byte count `count` is first written at or after `offset`.
    func findCount(of count: UInt64, after offset: Int, in bytes: [UInt8]) -> Int? {
        let pattern = withUnsafeBytes(of: count) { Array($0) }
        return (offset...(bytes.count - 8)).first { Array(bytes[$0..<$0 + 8]) == pattern }
    }
}
