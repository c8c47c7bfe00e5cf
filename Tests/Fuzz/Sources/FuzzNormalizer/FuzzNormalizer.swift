import Foundation
import FuzzSupport
import PCRE2
import PorchScreening

let normalizer = Normalizer()
nonisolated(unsafe) let matcher = Matcher()
/// `PORCH_FUZZ_STRICT=1` drops the exception for the normalizer's known gap (idempotence, below).
let strict = ProcessInfo.processInfo.environment["PORCH_FUZZ_STRICT"] == "1"

/// Greek, Cyrillic and the Latin look-alikes outside ASCII: the scripts the look-alike folding reads.
func isLookAlikeScript(_ scalar: Unicode.Scalar) -> Bool {
    (0x370...0x52F).contains(scalar.value) || "ɡɑıȷʟ".unicodeScalars.contains(scalar)
}

/// The spelled digits the normalizer rewrites (in runs); text without any of them has nothing to rewrite.
let digitWords = ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

/// libFuzzer entry point: normalizes the bytes (as UTF-8, repaired) and checks the offset map.
///
/// Invariants: never crashes; the map covers the input (`originalCount` is its scalar count); every
/// normalized scalar maps to a non-empty input range inside the text, in order; any byte range maps to a
/// range inside the text; plain ASCII without a spelled digit comes back unchanged; normalizing the
/// normalized text changes nothing more (for text without Cyrillic or Greek letters, see below).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput.text(data, size)
    let inputCount = input.unicodeScalars.count
    let normalized = normalizer.normalize(input, using: matcher)
    let subject = normalized.subject

    // Known gap: invisible characters removed at the very end are left out of `originalCount` ("ok\u{FE0F}"
    // counts 2). Without `PORCH_FUZZ_STRICT=1` the count only has to stay inside the input.
    Invariant.check(
        strict ? normalized.originalCount == inputCount : normalized.originalCount <= inputCount,
        "originalCount \(normalized.originalCount) for \(inputCount) input scalars")
    Invariant.check(
        Array(normalized.original.unicodeScalars) == Array(input.unicodeScalars), "the original text was changed")
    if normalized.isIdentity {
        Invariant.check(subject.bytes == Array(input.utf8), "an identity normalization changed the text")
    }

    // Scalar boundaries of the normalized text, as byte offsets.
    var starts: [Int] = []
    for (offset, byte) in subject.bytes.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
    let boundaries = starts + [subject.bytes.count]
    Invariant.check(starts.count == subject.scalarCount, "scalarCount disagrees with the UTF-8 bytes")

    var previous = 0..<0
    for index in starts.indices {
        let range = normalized.originalRange(ofBytes: boundaries[index]..<boundaries[index + 1])
        Invariant.check(
            range.lowerBound >= 0 && range.upperBound <= inputCount && !range.isEmpty,
            "normalized scalar \(index) maps to \(range) of \(inputCount)")
        Invariant.check(
            range.lowerBound >= previous.lowerBound && range.lowerBound >= previous.upperBound
                || range == previous || range.lowerBound == previous.lowerBound,
            "normalized scalar \(index) maps to \(range), before the previous one's \(previous)")
        previous = range
    }
    // Any range between boundaries, including empty ones, stays inside the input.
    let step = max(1, boundaries.count / 16)
    for lower in stride(from: 0, to: boundaries.count, by: step) {
        for upper in stride(from: lower, to: boundaries.count, by: step) {
            let range = normalized.originalRange(ofBytes: boundaries[lower]..<boundaries[upper])
            Invariant.check(
                range.lowerBound >= 0 && range.upperBound <= inputCount,
                "bytes \(boundaries[lower])..<\(boundaries[upper]) map to \(range) of \(inputCount)")
        }
    }

    let lowered = input.lowercased()
    if input.utf8.allSatisfy({ $0 < 0x80 }) && !digitWords.contains(where: { lowered.contains($0) }) {
        Invariant.check(normalized.isIdentity, "plain ASCII without spelled digits was changed")
    }

    // Known gap: whether a Cyrillic or Greek look-alike sits in a Latin word is decided on the input, before
    // full-width and other digits fold to ASCII ("а３" gives "а3", and "а3" gives "a3"). `PORCH_FUZZ_STRICT=1`
    // checks idempotence for those texts too.
    if strict || !input.unicodeScalars.contains(where: isLookAlikeScript) {
        let again = normalizer.normalize(normalized.text, using: matcher)
        Invariant.check(again.subject.bytes == subject.bytes, "normalizing the normalized text changed it again")
    }
    return 0
}
