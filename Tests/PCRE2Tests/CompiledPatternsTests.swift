import CPCRE2
import Dispatch
import Synchronization
import Testing

@testable import PCRE2

/// Compiled patterns kept between runs: kept code matches as freshly compiled code does, and bytes that are not a
/// whole store made by this PCRE2 are refused.
///
/// The store in use is the process's, and other suites compile patterns while these tests run, so a store may
/// gain their patterns too: the tests ask for their own patterns, never for an exact count.
///
/// Serialized: each test makes its own store the one in use while it compiles.
@Suite(.serialized) struct CompiledPatternsTests {
    static let patterns: [(String, RegexOptions)] = [
        ("(?<year>[0-9]{4})-(?<month>[0-9]{2})", []),
        (#"\bmaggie(?:'s)?\b"#, .caseless),
        (#"caf[eé]\s+\p{L}+"#, .unicodeClasses),
        (#"(?m)^dr\.?\s+[A-Z][a-z]+$"#, .multiline),
    ]
    static let subjects = [
        "born 2024-03 at home", "Maggie's mum", "MAGGIE said", "café crème", "a line\nDr Okafor\nnext", "nothing",
    ]

    /// Compiles every pattern with `store` in use.
    func compile(with store: CompiledPatterns) throws -> [Regex] {
        let previous = CompiledPatterns.use(store)
        defer { CompiledPatterns.use(previous) }
        return try Self.patterns.map { try Regex($0.0, options: $0.1) }
    }

    @Test func keptCodeMatchesAsFreshlyCompiledCodeDoes() throws {
        let recording = CompiledPatterns()
        let fresh = try compile(with: recording)
        for (pattern, options) in Self.patterns { #expect(recording.holds(pattern, options: options), "\(pattern)") }
        #expect(recording.hasGrown)

        let encoded = try #require(recording.encoded)
        let kept = try #require(encoded.withUnsafeBytes { CompiledPatterns(encoded: $0) })
        for (pattern, options) in Self.patterns { #expect(kept.holds(pattern, options: options), "\(pattern)") }
        // Held under its options too: the same text with other options is another pattern.
        #expect(!kept.holds(#"\bmaggie(?:'s)?\b"#))

        let reused = try compile(with: kept)
        let matcher = Matcher()
        for (old, new) in zip(fresh, reused) {
            #expect(old.captureCount == new.captureCount && old.groupNames == new.groupNames)
            #expect(old.startBytes == new.startBytes && old.requiredBytes == new.requiredBytes)
            for text in Self.subjects {
                let subject = Subject(text)
                let expected = try matcher.firstMatch(of: old, in: subject)
                let found = try matcher.firstMatch(of: new, in: subject)
                #expect(expected?.range == found?.range, "\(old.pattern) in \(text)")
            }
            // The JIT compiles its own copy of kept code, as of any code.
            #expect(new.isJIT)
        }
    }

    /// Kept code decoded from a store is copied by many threads at once while other copies are freed and
    /// JIT-compiled, as the lanes and the batch workers do: every copy must own its character tables, or the count
    /// of their users PCRE2 keeps without a lock goes wrong and the tables are freed while in use (the heap
    /// corruption aborts the test process: with plain copies made outside the store's lock, one run in three or
    /// four here). The store is asked directly, not made the one in use.
    @Test func keptCodeIsCopiedAndFreedOnManyThreadsAtOnce() throws {
        let recording = CompiledPatterns()
        _ = try compile(with: recording)
        let encoded = try #require(recording.encoded)
        let kept = try #require(encoded.withUnsafeBytes { CompiledPatterns(encoded: $0) })
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { round in
            for index in 0..<40_000 {
                let (pattern, options) = Self.patterns[(round + index) % Self.patterns.count]
                guard let code = kept.code(for: pattern, flags: options.rawValue) else {
                    failures.withLock { $0 += 1 }
                    continue
                }
                if index % 8 == 0, let jit = pcre2_code_copy_8(code) {
                    if pcre2_jit_compile_8(jit, PCRE2_JIT_COMPLETE) != 0 { failures.withLock { $0 += 1 } }
                    pcre2_code_free_8(jit)
                }
                pcre2_code_free_8(code)
            }
        }
        #expect(failures.withLock { $0 } == 0)
        // The store's own code is whole after it all.
        for (pattern, options) in Self.patterns {
            let code = kept.code(for: pattern, flags: options.rawValue)
            #expect(code != nil, "\(pattern)")
            pcre2_code_free_8(code)
        }
    }

    @Test func bytesThatAreNotAWholeStoreAreRefused() throws {
        let store = CompiledPatterns()
        _ = try compile(with: store)
        let encoded = try #require(store.encoded)
        for length in [0, 5, 20, 40, encoded.count / 2, encoded.count - 1] {
            #expect(Array(encoded.prefix(length)).withUnsafeBytes { CompiledPatterns(encoded: $0) } == nil, "\(length)")
        }
        #expect((encoded + [0]).withUnsafeBytes { CompiledPatterns(encoded: $0) } == nil)
        // Made by another PCRE2: its version is written after the layout's name.
        var otherVersion = encoded
        otherVersion[CompiledPatterns.magic.count + 8] ^= 0x01
        #expect(otherVersion.withUnsafeBytes { CompiledPatterns(encoded: $0) } == nil)
        // PCRE2's own check refuses serialized code whose header is damaged (its first byte is PCRE2's magic).
        func field(at offset: Int) -> Int {
            encoded[offset..<offset + 8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        }
        var offset = CompiledPatterns.magic.count
        offset += 8 + field(at: offset)
        let count = field(at: offset)
        offset += 8
        for _ in 0..<count { offset += 16 + field(at: offset + 8) }
        var damaged = encoded
        damaged[offset + 8] ^= 0xFF
        #expect(damaged.withUnsafeBytes { CompiledPatterns(encoded: $0) } == nil)
    }
}
