import ArgumentParser
import Foundation
import PorchIntake
import PorchScreening

/// The formats `porch scan` and `porch scrub` read.
enum ScreeningFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

/// One post to screen, or the reason its line was refused.
struct ScreeningItem {
    /// Where in stdin the post came from (`line N`).
    let position: InputPosition
    let id: String?
    let text: String?
    let problem: String?
    /// Why the post was read with replacements (bytes that are not UTF-8): it counts as held.
    var note: String? = nil

    /// What `PostReader` (as `submit` reads) made of one JSON line, as `scan` and `scrub` report it: the post's
    /// text with hidden characters shown or removed, or why the line was skipped.
    init(_ result: Result<IncomingPost, IntakeFailure>, limits: ScreeningLimits) {
        switch result {
        case .success(let post):
            position = post.position
            id = post.externalID
            text = HiddenText(post.text).text
            problem = nil
            note = post.holdReason == nil ? nil : "bytes that are not UTF-8 were read as \u{FFFD}"
        case .failure(let failure):
            position = failure.position
            id = nil
            text = nil
            var reason = failure.reason.description
            // The size message that names `--max-post-bytes`, which `scan` and `scrub` take.
            if case .postTooLarge(let bytes, _) = failure.reason, let tooLarge = limits.problem(bytes: bytes) {
                reason = tooLarge
            }
            problem = reason + "; the line was skipped"
        }
    }
}

/// The size limit `scan` and `scrub` apply: the one `submit` applies (`intake.max_post_bytes`).
struct ScreeningLimits {
    let maxPostBytes: Int

    /// `override` if given, else the group's setting when there is a group here, else intake's default.
    static func resolve(override: Int?) -> ScreeningLimits {
        if let override { return ScreeningLimits(maxPostBytes: override) }
        if let group = try? Group.locate(dir: nil) { return ScreeningLimits(maxPostBytes: group.config.maxPostBytes) }
        return ScreeningLimits(maxPostBytes: IntakeLimits().maxPostBytes)
    }

    /// The refusal for a post of `bytes` bytes, or nil when it fits.
    func problem(bytes: Int) -> String? {
        guard bytes > maxPostBytes else { return nil }
        return "the post is \(bytes) bytes, over the limit of \(maxPostBytes) bytes (as for porch submit); shorten"
            + " it, or raise \(IntakeLimits.maxPostBytesSetting) in porch.toml or pass --max-post-bytes"
    }
}
