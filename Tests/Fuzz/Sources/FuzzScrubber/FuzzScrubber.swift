import Foundation
import FuzzSupport
import PCRE2
import PorchRules
import PorchScreening

/// The real rules, loaded once.
let rules: RuleSet = {
    do {
        return try RuleLoader.load(directory: RulesFolder.path).0
    } catch {
        Invariant.fail("cannot load the rules in \(RulesFolder.path): \(error)")
    }
}()
let screener: Screener = {
    do {
        return try Screener(rules: rules)
    } catch {
        Invariant.fail("the rules do not compile: \(error)")
    }
}()
let allowed = AllowedSpans(rules: rules)
/// The rules Porch runs in a faster rewritten form, with their patterns as written.
let rewrites = RewriteCheck(screener)
nonisolated(unsafe) let matcher = Matcher()
/// `PORCH_FUZZ_STRICT=1` drops the exceptions for the scrubber's known gaps (see `ScrubInvariants`).
let strict = ProcessInfo.processInfo.environment["PORCH_FUZZ_STRICT"] == "1"

/// libFuzzer entry point: scrubs the bytes (as UTF-8, repaired) with the real rules.
///
/// Invariants (see `ScrubInvariants`): never crashes; a held post has no text; every redaction lies inside
/// the text, in order, without overlap, and its output offsets hold its placeholder, with the text between
/// redactions copied unchanged; scrubbing the output again finds nothing outside or next to the placeholders; no
/// redacted value of 4 or more characters that is identifying on its own survives in the output, unless an
/// allow rule protects it there; every rule Porch rewrote to run faster matches the text exactly as the rule
/// does; the prefilters skip no rule that matches the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScrubber(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput.text(data, size)
    let prepared = screener.prepare(input, matcher: matcher)
    let disagreeing = rewrites.disagreements(in: prepared, matcher: matcher)
    Invariant.check(disagreeing.isEmpty, "rewritten rules match differently: \(disagreeing)")
    let skipped = screener.prefilterMisses(in: prepared, matcher: matcher)
    Invariant.check(skipped.isEmpty, "the prefilters skip rules that match: \(skipped)")
    let result = screener.scrub(input, matcher: matcher)
    guard let output = result.text else {
        Invariant.check(result.hold != nil, "no text and no hold reason")
        Invariant.check(result.redactions.isEmpty, "a held post has redactions")
        return 0
    }
    Invariant.check(result.hold == nil, "a hold reason and a text")
    let invariants = ScrubInvariants(input: input, output: output, redactions: result.redactions)
    invariants.checkLayout()
    invariants.checkRescrub(screener.scrub(output, matcher: matcher), strict: strict)
    let allowedRanges = allowed.ranges(in: screener.normalizer.normalize(input, using: matcher), matcher: matcher)
    invariants.checkNoLeak(allowed: allowedRanges, strict: strict) { value in
        // Identifying on its own: in a neutral sentence, the scrubber redacts all of it. (Alone, a value is
        // a whole line, which the signature rules read as a name.)
        let sentence = "we saw " + value + " and left"
        let start = 7
        let end = start + value.unicodeScalars.count
        return screener.scrub(sentence, matcher: matcher).redactions.contains { $0.start <= start && end <= $0.end }
    }
    return 0
}
