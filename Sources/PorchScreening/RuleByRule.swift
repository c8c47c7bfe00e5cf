/// Runs `body(rule, post)` for every rule over every post of a batch, one rule after another, so each rule's
/// compiled code stays in the processor's caches across the posts. A post is held at the first rule that fails on
/// it (`holds`, one per post; a post held already is skipped): no later rule runs on it.
func eachRuleOverBatch(
    rules: Int, holds: inout [HoldReason?], _ body: (_ rule: Int, _ post: Int) throws(HoldReason) -> Void
) {
    for rule in 0..<rules {
        for post in holds.indices where holds[post] == nil {
            do {
                try body(rule, post)
            } catch {
                holds[post] = error
            }
        }
    }
}
