import Dispatch
import Synchronization
import Testing

@testable import PCRE2

@Suite struct RegexTests {
    @Test func compileErrorCarriesMessageAndScalarOffset() {
        // "é" is two UTF-8 bytes: the offset must count it as one scalar.
        #expect {
            _ = try Regex("é(ab")
        } throws: { error in
            guard case PCRE2Error.compile(let message, let offset) = error else { return false }
            return offset == 4 && message.contains("missing closing parenthesis")
        }
    }

    @Test func patternsAreJITCompiled() throws {
        #expect(try Regex("[0-9]{3}").isJIT)
    }

    @Test func matchOffsetsAreUnicodeScalarOffsets() throws {
        let regex = try Regex("[0-9]{3}-[0-9]{4}")
        let subject = Subject("Näïve 👩‍👧 call 555-0123 now")
        let match = try #require(try Matcher().firstMatch(of: regex, in: subject))
        let scalars = Array("Näïve 👩‍👧 call 555-0123 now".unicodeScalars)
        let range = subject.scalarRange(match.range)
        #expect(String(String.UnicodeScalarView(scalars[range])) == "555-0123")
        #expect(range == 15..<23)
    }

    @Test func iteratesAllMatchesIncludingEmptyOnes() throws {
        let subject = Subject("a1b22c333")
        let digits = try Matcher().matches(of: Regex("[0-9]+"), in: subject)
        #expect(digits.map { subject.text($0.range) } == ["1", "22", "333"])
        // An empty-matching pattern must still terminate and step over multi-byte scalars.
        let empty = try Matcher().matches(of: Regex("x*"), in: Subject("éé"))
        #expect(empty.count == 3)
    }

    @Test func namedGroupsAreReported() throws {
        let regex = try Regex("(?<area>[0-9]{3})-(?<line>[0-9]{4})")
        #expect(regex.groupNames == ["area": 1, "line": 2])
        let subject = Subject("x 555-0123")
        let match = try #require(try Matcher().firstMatch(of: regex, in: subject))
        #expect(match.range(2).map(subject.text) == "0123")
        #expect(match.range(3) == nil)
    }

    @Test func unsetOptionalGroupIsNil() throws {
        let subject = Subject("ab")
        let match = try #require(try Matcher().firstMatch(of: Regex("a(x)?b"), in: subject))
        #expect(match.range(1) == nil)
    }

    @Test func caselessOption() throws {
        let subject = Subject("CALL me")
        #expect(try Matcher().firstMatch(of: Regex("call"), in: subject) == nil)
        #expect(try Matcher().firstMatch(of: Regex("call", options: .caseless), in: subject) != nil)
    }

    @Test func runawayPatternHitsTheMatchLimitInsteadOfHanging() throws {
        let regex = try Regex("(a+)+$")
        let subject = Subject(String(repeating: "a", count: 40) + "!")
        #expect(throws: PCRE2Error.matchLimit) {
            _ = try Matcher(matchLimit: 100_000).firstMatch(of: regex, in: subject)
        }
    }

    @Test func startBytesAreKnownForLiteralAndClassStarts() throws {
        let literal = try Regex("my son", options: .caseless)
        #expect(literal.startBytes?.contains(UInt8(ascii: "m")) == true)
        #expect(literal.startBytes?.contains(UInt8(ascii: "M")) == true)
        #expect(literal.startBytes?.contains(UInt8(ascii: "x")) == false)
        let digits = try Regex("[0-9]{3}")
        #expect(digits.startBytes?.contains(UInt8(ascii: "7")) == true)
        #expect(digits.startBytes?.contains(UInt8(ascii: "a")) == false)
        #expect(try Regex("(?<=x)").startBytes == nil)
    }

    @Test func compiledPatternIsSharedAcrossThreads() async throws {
        let regex = try Regex("[0-9]+")
        let counts = await withTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let subject = Subject(String(repeating: "ab\(index)cd ", count: 100))
                    return (try? Matcher().matches(of: regex, in: subject).count) ?? -1
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 100, count: 8))
    }
}

@Suite struct ByteFilterTests {
    /// The byte filters must never rule out a text the pattern matches, including inline caseless parts.
    @Test(arguments: [
        ("(?i:call) me", "CALL me"), ("(?i)kill", "KILL"), ("a(?i:m)", "aM"), ("[0-9]{3}", "x123"),
        ("(?i:i'?m)\\s+x", "IM x"),
    ])
    func filtersAdmitEveryMatchingText(pattern: String, text: String) throws {
        let regex = try Regex(pattern)
        let subject = Subject(text)
        #expect(try Matcher().firstMatch(of: regex, in: subject) != nil)
        let present = ByteSet(of: subject.bytes)
        if let start = regex.startBytes { #expect(start.intersects(present)) }
        if let required = regex.requiredBytes { #expect(required.intersects(present)) }
    }
}

/// A pattern matched by PCRE2's interpreter (`RegexExecution.interpreter`, for one-post commands) finds what the JIT
/// finds, is never JIT-compiled for an ordinary text, and leaves a text beyond the limits to the JIT to decide.
@Suite struct InterpreterExecutionTests {
    static let patterns = [
        #"\b(?:my|our) (?:son|daughter) (?<name>\p{Lu}\p{Ll}+)"#, "[0-9]{3}-[0-9]{4}", #"(?i)\bkill(?:ing)? myself\b"#,
        #"(?<=\s)\d{1,2}/\d{1,2}/\d{2,4}\b"#, "x*",
    ]
    static let texts = [
        "Our son Tom was born 3/4/2021, call 555-0142.", "", "I keep thinking about KILLING myself tonight",
        "nothing here at all 👩‍👧 my daughter Zoë", "my son tom 555-01",
    ]

    @Test func theInterpreterFindsWhatTheJITFinds() throws {
        let matcher = Matcher()
        for pattern in InterpreterExecutionTests.patterns {
            let jit = try Regex(pattern)
            let interpreted = try Regex(pattern, execution: .interpreter)
            for text in InterpreterExecutionTests.texts {
                let subject = Subject(text)
                let expected = try matcher.matches(of: jit, in: subject).map { [Optional($0.range), $0.range(1)] }
                let found = try matcher.matches(of: interpreted, in: subject).map { [Optional($0.range), $0.range(1)] }
                #expect(found == expected, "\(pattern) on \(text.debugDescription)")
            }
            #expect(interpreted.jit == nil, "\(pattern) was JIT-compiled although the interpreter finished")
            #expect(jit.jit != nil)
        }
    }

    /// `(a+)+$` on a run of a's that ends in b backtracks without end: the interpreter stops at the match limit,
    /// and the JIT (compiled then) decides, exactly as a JIT-compiled pattern does.
    @Test func whenTheInterpreterGivesUpTheJITDecides() throws {
        let matcher = Matcher(matchLimit: 10_000)
        let subject = Subject(String(repeating: "a", count: 40) + "b")
        let interpreted = try Regex("(a+)+$", execution: .interpreter)
        let jit = try Regex("(a+)+$")
        let expected = Result { () throws(PCRE2Error) in try matcher.firstMatch(of: jit, in: subject)?.range }
        let found = Result { () throws(PCRE2Error) in try matcher.firstMatch(of: interpreted, in: subject)?.range }
        #expect(interpreted.jit != nil, "the interpreter hit the limit, so the JIT must have been asked")
        #expect("\(found)" == "\(expected)")
        guard case .failure(.matchLimit) = found else {
            Issue.record("expected the match limit, got \(found)")
            return
        }
    }

    /// Many threads matching one interpreted pattern while one of them JIT-compiles it (PCRE2 forbids compiling a
    /// pattern another thread is matching with: the JIT gets a copy of its own).
    @Test func threadsMatchWhileTheJITCompiles() throws {
        let interpreted = try Regex("(a+)+$|[0-9]{3}-[0-9]{4}", execution: .interpreter)
        let ordinary = Subject("call 555-0142 after six")
        let runaway = Subject(String(repeating: "a", count: 30) + "b")
        let found = Mutex<[Range<Int>?]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let matcher = Matcher(matchLimit: 10_000)
            var mine: [Range<Int>?] = []
            for round in 0..<200 {
                if thread == 3 && round == 100 { _ = try? matcher.firstMatch(of: interpreted, in: runaway) }
                mine.append(try? matcher.firstMatch(of: interpreted, in: ordinary)?.range)
            }
            found.withLock { $0 += mine }
        }
        #expect(found.withLock { $0 }.allSatisfy { $0 == 5..<13 })
        #expect(interpreted.jit != nil)
    }
}
