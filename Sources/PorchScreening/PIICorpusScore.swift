/// One post of a labelled PII corpus (the format of `../shared/corpus/dev-pii.jsonl`): the identifying spans
/// Porch must scrub and the hard negatives (doses, times, helplines…) it must leave.
public struct PIICorpusPost: Sendable {
    /// A labelled stretch of the post, in Unicode scalar offsets.
    public struct Span: Sendable {
        public let start: Int
        public let end: Int
        public let type: String
        public let value: String

        public init(start: Int, end: Int, type: String, value: String) {
            self.start = start
            self.end = end
            self.type = type
            self.value = value
        }
    }

    public let id: String
    public let text: String
    public let spans: [Span]
    public let negatives: [Span]

    public init(id: String, text: String, spans: [Span], negatives: [Span]) {
        self.id = id
        self.text = text
        self.spans = spans
        self.negatives = negatives
    }
}

/// The PII lane's score on a labelled corpus, with the shared scorer's definitions (`LeakTest`): leak per type,
/// hard negatives destroyed, ordinary characters removed. Ordinary characters are counted from the redactions
/// themselves (the scorer aligns the texts to find them, which can only count fewer).
public struct PIICorpusScore: Sendable {
    /// What happened to one gold span or hard negative.
    public struct Outcome: Sendable {
        public let post: String
        public let type: String
        /// Leaked (a span) or destroyed (a negative).
        public let failed: Bool
        public let untouched: Bool
        /// The rules whose redactions overlap it.
        public let rules: [String]
        /// The span's place in the input, for `--show`.
        public let start: Int
        public let end: Int
    }

    /// A count out of a total.
    public struct Tally: Sendable {
        public var total = 0
        public var failed = 0
        public var untouched = 0

        public var rate: Double? { total == 0 ? nil : Double(failed) / Double(total) }
    }

    public private(set) var spans: [Outcome] = []
    public private(set) var negatives: [Outcome] = []
    public private(set) var ordinaryCharacters = 0
    public private(set) var ordinaryRemoved = 0
    public private(set) var spuriousEdits = 0
    public private(set) var posts = 0
    /// Posts the lane held instead of scrubbing (their text counts as fully scrubbed, as a held post is).
    public private(set) var held = 0

    public init(posts: [PIICorpusPost], results: [ScrubResult]) {
        precondition(posts.count == results.count, "one result per post")
        for (post, result) in zip(posts, results) { add(post, result) }
    }

    public var perType: [(type: String, tally: Tally)] { PIICorpusScore.tally(spans) }
    public var perNegativeType: [(type: String, tally: Tally)] { PIICorpusScore.tally(negatives) }
    public var overall: Tally { PIICorpusScore.total(spans) }
    public var negativesOverall: Tally { PIICorpusScore.total(negatives) }
    public var ordinaryRemovedRate: Double? {
        ordinaryCharacters == 0 ? nil : Double(ordinaryRemoved) / Double(ordinaryCharacters)
    }

    static func tally(_ outcomes: [Outcome]) -> [(type: String, tally: Tally)] {
        Dictionary(grouping: outcomes, by: \.type).map { ($0.key, total($0.value)) }.sorted { $0.type < $1.type }
    }

    static func total(_ outcomes: [Outcome]) -> Tally {
        var tally = Tally()
        for outcome in outcomes {
            tally.total += 1
            if outcome.failed { tally.failed += 1 }
            if outcome.untouched { tally.untouched += 1 }
        }
        return tally
    }

    private mutating func add(_ post: PIICorpusPost, _ result: ScrubResult) {
        posts += 1
        let input = Array(post.text.unicodeScalars)
        guard let text = result.text else {
            // A held post publishes nothing: no span leaks, and every character is withheld.
            held += 1
            for span in post.spans {
                spans.append(
                    Outcome(
                        post: post.id, type: span.type, failed: false, untouched: false, rules: [], start: span.start,
                        end: span.end))
            }
            for negative in post.negatives {
                negatives.append(
                    Outcome(
                        post: post.id, type: negative.type, failed: true, untouched: false, rules: [],
                        start: negative.start, end: negative.end))
            }
            return
        }
        let output = Array(text.unicodeScalars)
        func window(_ span: PIICorpusPost.Span) -> String {
            let range = result.outputRange(ofInput: span.start, span.end)
            let lower = max(0, range.lowerBound - LeakTest.pad)
            let upper = min(output.count, range.upperBound + LeakTest.pad)
            return String(String.UnicodeScalarView(output[min(lower, upper)..<upper]))
        }
        func rules(_ span: PIICorpusPost.Span) -> [String] {
            Array(Set(result.redactions.filter { $0.start < span.end && span.start < $0.end }.map(\.rule))).sorted()
        }
        for span in post.spans {
            let (leaked, untouched) = LeakTest.leak(type: span.type, value: span.value, window: window(span))
            spans.append(
                Outcome(
                    post: post.id, type: span.type, failed: leaked, untouched: untouched, rules: rules(span),
                    start: span.start, end: span.end))
        }
        for negative in post.negatives {
            let kept = window(negative).contains(negative.value)
            negatives.append(
                Outcome(
                    post: post.id, type: negative.type, failed: !kept, untouched: kept, rules: rules(negative),
                    start: negative.start, end: negative.end))
        }
        var inSpan = [Bool](repeating: false, count: input.count)
        for span in post.spans {
            for index in max(0, span.start)..<min(input.count, max(span.start, span.end)) { inSpan[index] = true }
        }
        var removed = [Bool](repeating: false, count: input.count)
        for redaction in result.redactions {
            for index in max(0, redaction.start)..<min(input.count, redaction.end) { removed[index] = true }
            let lower = max(0, redaction.start - 1)
            let upper = min(input.count, redaction.end + 1)
            if lower >= upper || !inSpan[lower..<upper].contains(true) { spuriousEdits += 1 }
        }
        for index in input.indices where !inSpan[index] {
            ordinaryCharacters += 1
            if removed[index] { ordinaryRemoved += 1 }
        }
    }
}
