import Foundation
import FuzzSupport
import PorchIntake

/// libFuzzer entry point: the bytes as one JSON Lines record, then as a whole JSON Lines stream.
///
/// Invariants: decoding never crashes; only a blank line is skipped; a decoded post is not blank and fits
/// the post limit; a post written back out by Foundation's JSON encoder decodes to the same fields; the
/// streaming reader gives, line for line, what the one-line decoder gives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let limits = IntakeLimits()

    let single = JSONLineDecoder.decode(line: bytes, number: 1, limits: limits)
    let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    let isBlank = content.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    Invariant.check((single == nil) == isBlank, "a line was skipped if and only if blank: got \(single == nil)")
    if case .success(let post)? = single {
        Invariant.check(!post.text.allSatisfy(\.isWhitespace), "a blank post was accepted")
        Invariant.check(post.text.utf8.count <= limits.maxPostBytes, "a post over the limit was accepted")
        checkRoundTrip(post)
    }

    // The streaming reader against the one-line decoder, one line at a time.
    let streamed = PostReader(format: .jsonl, limits: limits, chunkSize: 61).decode(bytes)
    var expected: [Result<IncomingPost, IntakeFailure>] = []
    for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
        if let result = JSONLineDecoder.decode(line: Array(line), number: index + 1, limits: limits) {
            expected.append(result)
        }
    }
    Invariant.check(
        streamed == expected, "streaming reader gave \(streamed.count) results, the line decoder \(expected.count)")
    return 0
}

/// Writes the post's fields with `JSONSerialization` and checks the decoder reads the same values back.
func checkRoundTrip(_ post: IncomingPost) {
    var object: [String: Any] = ["text": post.text]
    if let id = post.externalID { object["id"] = id }
    if let topic = post.topic { object["topic"] = topic }
    if let author = post.author {
        var fields: [String: Any] = [:]
        if let name = author.name { fields["name"] = name }
        if let address = author.address { fields["email"] = address }
        object["author"] = fields
    }
    guard let encoded = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
        Invariant.fail("Foundation could not encode a decoded post")
    }
    guard case .success(let again)? = JSONLineDecoder.decode(line: [UInt8](encoded), number: 1) else {
        Invariant.fail("a post written back as JSON did not decode")
    }
    Invariant.check(again.text == post.text, "text changed in a JSON round trip")
    Invariant.check(again.externalID == post.externalID, "id changed in a JSON round trip")
    Invariant.check(again.topic == post.topic, "topic changed in a JSON round trip")
    Invariant.check(again.author == post.author, "author changed in a JSON round trip")
}
