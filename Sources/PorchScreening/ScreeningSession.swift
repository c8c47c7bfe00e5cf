import PCRE2

extension Screener {
    /// One thread's way into a screener: the screener with that thread's PCRE2 match state, so a caller screens
    /// posts without handling a `Matcher`. Make one per thread with `session()`; never share one between threads.
    public final class Session {
        public let screener: Screener
        let matcher = Matcher()

        init(_ screener: Screener) { self.screener = screener }

        /// The PII lane only (`Screener.scrub(_:known:matcher:)`).
        public func scrub(_ text: String, known: KnownIdentifiers = .init()) -> ScrubResult {
            screener.scrub(text, known: known, matcher: matcher)
        }

        /// The PII lane for many posts, in order.
        public func scrub(_ texts: [String]) -> [ScrubResult] {
            screener.scrub(texts, matcher: matcher)
        }

        /// Every lane (`Screener.screen(_:known:region:matcher:)`).
        public func screen(_ text: String, known: KnownIdentifiers = .init(), region: String? = nil) -> Verdict {
            screener.screen(text, known: known, region: region, matcher: matcher)
        }

        /// Every lane for many posts, in order; `known` (when given) has one entry per post.
        public func screen(_ texts: [String], known: [KnownIdentifiers]? = nil, region: String? = nil) -> [Verdict] {
            screener.screen(texts, known: known, region: region, matcher: matcher)
        }
    }

    /// A session for the calling thread.
    public func session() -> Session { Session(self) }
}
