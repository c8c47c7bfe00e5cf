import CPCRE2

/// One match: the byte ranges of the whole match and of each capture group.
public struct Match: Sendable {
    /// Byte offsets, two per group (start, end); group 0 is the whole match; unset groups are nil.
    private let offsets: [Int]

    static let unset = cpcre2_unset()

    init(offsets: [Int]) { self.offsets = offsets }

    /// The whole match as a byte range.
    public var range: Range<Int> { offsets[0]..<offsets[1] }

    /// A capture group's byte range, or nil when the group did not take part in the match.
    public func range(_ group: Int) -> Range<Int>? {
        guard group * 2 + 1 < offsets.count else { return nil }
        let start = offsets[group * 2]
        let end = offsets[group * 2 + 1]
        guard start != Match.unset, start <= end else { return nil }
        return start..<end
    }
}

/// Per-thread match state (match data, match limits, JIT stack); not shareable across threads.
public final class Matcher {
    /// The most backtracking steps one match attempt may take.
    public let matchLimit: UInt32
    /// The deepest nesting one match attempt may reach (interpreter only; JIT uses its stack).
    public let depthLimit: UInt32

    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    private var matchData: OpaquePointer
    private var pairs: Int

    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 5_000) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        jitStack = pcre2_jit_stack_create_8(64 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        pairs = 16
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
    }

    /// The first match at or after `byteOffset`, or nil.
    public func firstMatch(of regex: Regex, in subject: Subject, from byteOffset: Int = 0) throws(PCRE2Error) -> Match?
    {
        let needed = regex.captureCount + 1
        if needed > pairs {
            pcre2_match_data_free_8(matchData)
            pairs = needed
            matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
        }
        var result = match(regex.codeForMatching, subject, from: byteOffset)
        if Matcher.isLimit(result), regex.execution == .interpreter, regex.jit == nil {
            // The interpreter gave up: the JIT decides whether this text is beyond the limits.
            regex.compileJIT()
            if let jit = regex.jit { result = match(jit, subject, from: byteOffset) }
        }
        if result == PCRE2_ERROR_NOMATCH { return nil }
        if result < 0 { throw PCRE2Error.fromMatch(code: result) }
        let vector = pcre2_get_ovector_pointer_8(matchData)!
        var offsets = [Int](repeating: 0, count: needed * 2)
        for index in 0..<(needed * 2) { offsets[index] = vector[index] }
        return Match(offsets: offsets)
    }

    /// True for the error of a match attempt stopped by a limit (match, depth or heap).
    private static func isLimit(_ result: Int32) -> Bool {
        result == PCRE2_ERROR_MATCHLIMIT || result == PCRE2_ERROR_DEPTHLIMIT || result == PCRE2_ERROR_HEAPLIMIT
    }

    private func match(_ code: OpaquePointer, _ subject: Subject, from byteOffset: Int) -> Int32 {
        subject.bytes.withUnsafeBufferPointer { buffer in
            pcre2_match_8(
                code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, byteOffset,
                PCRE2_NO_UTF_CHECK, matchData, context)
        }
    }

    /// Every non-overlapping match, left to right. `body` returns false to stop early.
    public func forEachMatch(
        of regex: Regex, in subject: Subject, _ body: (Match) throws(PCRE2Error) -> Bool
    ) throws(PCRE2Error) {
        var offset = 0
        let end = subject.bytes.count
        while offset <= end, let match = try firstMatch(of: regex, in: subject, from: offset) {
            guard try body(match) else { return }
            let range = match.range
            if range.upperBound > range.lowerBound {
                offset = range.upperBound
            } else {
                // An empty match: step over one whole UTF-8 scalar so the next attempt makes progress.
                offset = range.upperBound + 1
                while offset < end, subject.bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            }
        }
    }

    /// Every non-overlapping match, collected.
    public func matches(of regex: Regex, in subject: Subject) throws(PCRE2Error) -> [Match] {
        var found: [Match] = []
        try forEachMatch(of: regex, in: subject) { match in
            found.append(match)
            return true
        }
        return found
    }
}
