/// Runs `body(rule, text, post)` for every rule over every post of a batch, one rule after another, so each rule's
/// compiled code stays in the processor's caches across the posts. A post is held at the first rule that fails on
/// it (`holds`, one per post; a post held already is skipped): no later rule runs on it.
///
/// Each text is lent to `body` in place: copying a post's text (its references retained and released) for every
/// rule cost more than some of the rules.
func eachRuleOverBatch(
    rules: Int, texts: [NormalizedText], holds: inout [HoldReason?],
    _ body: (_ rule: Int, _ text: borrowing NormalizedText, _ post: Int) throws(HoldReason) -> Void
) {
    texts.withUnsafeBufferPointer { texts in
        for rule in 0..<rules {
            for post in holds.indices where holds[post] == nil {
                do throws(HoldReason) {
                    try body(rule, texts[post], post)
                } catch {
                    holds[post] = error
                }
            }
        }
    }
}
