import FuzzSupport
import PorchIntake

/// Small limits, so the fuzzer reaches the size checks with inputs it can find.
let smallLimits = IntakeLimits(maxPostBytes: 200, maxRecordBytes: 2_048)

/// libFuzzer entry point: one message (`--format email`), then the same bytes as an mbox file.
///
/// Invariants: decoding never crashes; a decoded post is not blank and fits the post limit; an mbox yields
/// results in order, numbered from 1, each within the limits it was read with.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEmail(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    for limits in [IntakeLimits(), smallLimits] {
        checkPost(EmailMessageDecoder.decode(bytes, limits: limits), limits: limits, expected: .whole)
        let whole = PostReader(format: .email, limits: limits).decode(bytes)
        Invariant.check(whole.count == 1, "email reader gave \(whole.count) results for one message")
        checkPost(whole[0], limits: limits, expected: .whole)

        let messages = PostReader(format: .mbox, limits: limits, chunkSize: 97).decode(bytes)
        var previous = 0
        for result in messages {
            let position: InputPosition
            switch result {
            case .success(let post): position = post.position
            case .failure(let failure): position = failure.position
            }
            guard case .message(let number) = position else {
                Invariant.fail("mbox result without a message number: \(position)")
            }
            Invariant.check(number > previous, "mbox message \(number) after \(previous)")
            previous = number
            checkPost(result, limits: limits, expected: position)
        }
    }
    return 0
}

func checkPost(_ result: Result<IncomingPost, IntakeFailure>, limits: IntakeLimits, expected: InputPosition) {
    switch result {
    case .success(let post):
        Invariant.check(!post.text.allSatisfy(\.isWhitespace), "a blank post was accepted")
        Invariant.check(
            post.text.utf8.count <= limits.maxPostBytes,
            "post of \(post.text.utf8.count) bytes passed the \(limits.maxPostBytes)-byte limit")
        Invariant.check(post.position == expected, "post at \(post.position), expected \(expected)")
        Invariant.check(post.signatureLinesRemoved >= 0, "negative signature line count")
    case .failure(let failure):
        Invariant.check(failure.position == expected, "failure at \(failure.position), expected \(expected)")
        _ = failure.description
    }
}
