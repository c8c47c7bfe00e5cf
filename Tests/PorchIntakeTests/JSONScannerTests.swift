import Foundation
import Testing

@testable import PorchIntake

/// Checks the hand-written JSON scanner against the grammar of RFC 8259 and against Foundation's parser.
@Suite struct JSONScannerTests {
    static let valid: [String] = [
        #"{"text": "a"}"#,
        #"  {"text":"a"}  "#,
        #"{"text": "a", "n": [0, -0, 1.5, -1.5e10, 2E-3, 3e+2, 10]}"#,
        #"{"text": "a", "o": {"p": {"q": [[], {}, [{}]]}}}"#,
        #"{"text": "a", "s": "\"\\\/\b\f\n\r\t\u0000\uFFFF"}"#,
        #"{"text": "a", "lone": "\ud800"}"#,
        #"{"text": "a", "b": true, "c": false, "d": null}"#,
        #"{"text": "\u00e9\ud83d\ude00 ünïcödé"}"#,
        "{\"text\":\t\"a\"\r}",
    ]

    static let invalid: [String] = [
        #"{"text": "a",}"#,
        #"{"text": "a" "b": 1}"#,
        #"{"text": 'a'}"#,
        #"{text: "a"}"#,
        #"{"text": "a", "n": 01}"#,
        #"{"text": "a", "n": 1.}"#,
        #"{"text": "a", "n": .5}"#,
        #"{"text": "a", "n": +1}"#,
        #"{"text": "a", "n": 1e}"#,
        #"{"text": "a", "n": -}"#,
        #"{"text": "a", "n": NaN}"#,
        #"{"text": "a", "b": tru}"#,
        #"{"text": "a", "b": nul}"#,
        #"{"text": "a", "s": "\q"}"#,
        #"{"text": "a", "s": "\u12G4"}"#,
        "{\"text\": \"a\tb\"}",
        #"{"text": "a", "x": [1, 2}"#,
        #"{"text": "a", "x": {"k" 1}}"#,
        #"{"text": "a"}}"#,
        #"{"text": "a"} {"text": "b"}"#,
        #"{"text": "a""#,
        #"{"#,
        #"{"text": "a", "x": [1,]}"#,
    ]

    func scan(_ text: String) -> Result<JSONScanner.Fields?, JSONScanner.Failure> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var scanner = JSONScanner(UnsafeBufferPointer(buffer))
            do throws(JSONScanner.Failure) { return .success(try scanner.scanObject()) } catch {
                return .failure(error)
            }
        }
    }

    @Test(arguments: valid) func acceptsValidJSONLikeFoundation(_ text: String) throws {
        guard case .success(let fields?) = scan(text) else {
            Issue.record("rejected valid JSON case \(Self.valid.firstIndex(of: text) ?? -1)")
            return
        }
        // Foundation refuses a lone surrogate escape that RFC 8259's grammar allows; compare where it parses.
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            #expect(fields.text == .string(object["text"] as? String ?? "<missing>"))
        }
    }

    /// Foundation on Linux accepts trailing commas, so these are checked against the RFC grammar alone.
    @Test(arguments: invalid) func rejectsInvalidJSON(_ text: String) {
        guard case .failure = scan(text) else {
            Issue.record("accepted invalid JSON case \(Self.invalid.firstIndex(of: text) ?? -1)")
            return
        }
    }

    @Test func nestingBeyondTheDepthLimitFailsInsteadOfOverflowingTheStack() {
        let deep =
            "{\"text\": \"a\", \"x\": " + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}"
        guard case .failure(let failure) = scan(deep) else {
            Issue.record("deep nesting accepted")
            return
        }
        #expect(failure.problem == .tooDeeplyNested)
    }

    @Test func nonObjectValuesAreRecognisedAsValidJSON() {
        for text in ["[1, 2]", "\"text\"", "42", "null", "true"] {
            guard case .success(nil) = scan(text) else {
                Issue.record("non-object not recognised")
                continue
            }
        }
    }
}
