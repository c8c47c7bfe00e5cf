import CPCRE2
import Synchronization

/// Compile-time options for a pattern. UTF mode is always on.
public struct RegexOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Letters match regardless of case.
    public static let caseless = RegexOptions(rawValue: PCRE2_CASELESS)
    /// `^` and `$` match at line breaks.
    public static let multiline = RegexOptions(rawValue: PCRE2_MULTILINE)
    /// `.` matches line breaks too.
    public static let dotAll = RegexOptions(rawValue: PCRE2_DOTALL)
    /// Whitespace and `#` comments in the pattern are ignored.
    public static let extended = RegexOptions(rawValue: PCRE2_EXTENDED)
    /// `\w`, `\d`, `\b` and POSIX classes use Unicode properties (slower: prefer explicit classes).
    public static let unicodeClasses = RegexOptions(rawValue: PCRE2_UCP)
}

/// How a pattern is matched.
public enum RegexExecution: Sendable {
    /// JIT-compiled before its first match: for patterns matched against many texts.
    case jit
    /// PCRE2's interpreter, for a pattern matched against a text or two, where JIT compilation would cost more than
    /// it saves. When the interpreter stops at the match or depth limit, the pattern is JIT-compiled and the match
    /// tried again, so a text is held for a limit only where the JIT would hold it too.
    case interpreter
}

/// A compiled PCRE2 pattern, JIT-compiled the first time it is matched (unless `execution` is `.interpreter`); safe
/// to share across threads.
///
/// JIT compilation is most of the cost of compiling a pattern, so it waits for the first match: a rule the
/// prefilters always skip is never JIT-compiled, and a one-post command's patterns (`.interpreter`) only when the
/// interpreter gives up at a limit.
public final class Regex: @unchecked Sendable {
    /// The pattern as written.
    public let pattern: String
    /// The options it was compiled with.
    public let options: RegexOptions
    /// The number of capture groups (not counting the whole match).
    public let captureCount: Int
    /// Named capture groups and their numbers.
    public let groupNames: [String: Int]
    /// How the pattern is matched.
    public let execution: RegexExecution

    /// True when PCRE2's JIT compiled the pattern (which it does on first use, or here if not used yet).
    public var isJIT: Bool {
        compileJIT()
        return jitState.withLock { $0 } == PCRE2JIT.compiled
    }
    /// Whether JIT compilation has been tried (`PCRE2JIT`); guarded, so two threads never compile at once.
    private let jitState = Mutex(PCRE2JIT.notYet)
    private let jitTried = Atomic(false)
    /// The JIT-compiled copy of `code` (its address; 0 until compiled). PCRE2 forbids JIT-compiling a pattern
    /// while another thread matches with it, so the interpreter keeps `code` and the JIT gets a copy of its own.
    private let jitCode = Atomic(0)
    /// Bytes a match can start with, when PCRE2 knows them; nil when a match may start anywhere.
    public let startBytes: ByteSet?
    /// A byte every match must contain (PCRE2's "last code unit"), with its other case when caseless.
    public let requiredBytes: ByteSet?

    /// The compiled pattern, matched by PCRE2's interpreter until `jitCode` is ready.
    let code: OpaquePointer

    public init(_ pattern: String, options: RegexOptions = [], execution: RegexExecution = .jit) throws(PCRE2Error) {
        self.pattern = pattern
        self.options = options
        self.execution = execution
        // A store in use (`CompiledPatterns`) spares compiling a pattern it holds, and keeps one it does not.
        let store = CompiledPatterns.inUse
        let compiled: OpaquePointer
        if let kept = store?.code(for: pattern, flags: options.rawValue) {
            compiled = kept
        } else {
            compiled = try Regex.compile(pattern, options: options)
            store?.keep(compiled, for: pattern, flags: options.rawValue)
        }
        code = compiled

        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
        groupNames = Regex.readGroupNames(compiled)
        startBytes = Regex.readStartBytes(compiled)
        requiredBytes = Regex.readRequiredBytes(compiled)
    }

    deinit {
        pcre2_code_free_8(code)
        if let jit = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) { pcre2_code_free_8(jit) }
    }

    /// The code to match with: the JIT-compiled copy once there is one (compiled here for `.jit`), else the pattern
    /// for the interpreter.
    @inline(__always)
    var codeForMatching: OpaquePointer {
        if let jit { return jit }
        guard execution == .jit else { return code }
        compileJIT()
        return jit ?? code
    }

    /// The JIT-compiled copy, once there is one.
    var jit: OpaquePointer? { OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) }

    /// JIT-compiles a copy of the pattern, once (when that fails, the interpreter goes on matching, with the same
    /// match limit).
    func compileJIT() {
        guard !jitTried.load(ordering: .acquiring) else { return }
        jitState.withLock { state in
            guard state == .notYet else { return }
            state = .failed
            if let copy = pcre2_code_copy_8(code) {
                if pcre2_jit_compile_8(copy, PCRE2_JIT_COMPLETE) == 0 {
                    jitCode.store(Int(bitPattern: copy), ordering: .releasing)
                    state = .compiled
                } else {
                    pcre2_code_free_8(copy)
                }
            }
            jitTried.store(true, ordering: .releasing)
        }
    }

    /// The bytes a match of `pattern` can start with when PCRE2 itself works them out (and so skips ahead to
    /// them), found without the cost of JIT compilation; nil when it cannot.
    public static func startBytes(of pattern: String, options: RegexOptions = []) throws(PCRE2Error) -> ByteSet? {
        let compiled = try compile(pattern, options: options)
        defer { pcre2_code_free_8(compiled) }
        return readStartBytes(compiled)
    }

    private static func compile(_ pattern: String, options: RegexOptions) throws(PCRE2Error) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let flags = PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C | options.rawValue
        let compiled = pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, cpcre2_zero_terminated(), flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            let prefix = pattern.utf8.prefix(errorOffset)
            let scalarOffset = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
            throw .compile(message: PCRE2Error.message(for: errorCode), offset: scalarOffset)
        }
        return compiled
    }

    private static func readGroupNames(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard count > 0, let table else { return [:] }
        var names: [String: Int] = [:]
        for entry in 0..<Int(count) {
            let base = table + entry * Int(entrySize)
            let number = Int(base[0]) << 8 | Int(base[1])
            names[String(cString: base + 2)] = number
        }
        return names
    }

    /// A single code unit and, for an ASCII letter, its other case: PCRE2 does not report whether the unit
    /// came from a caseless part of the pattern (`(?i:...)`), so both cases are always allowed.
    private static func unitSet(_ code: OpaquePointer, _ unit: UInt32) -> ByteSet {
        var set = ByteSet()
        set.insert(UInt8(truncatingIfNeeded: unit))
        if unit < 0x80, let scalar = Unicode.Scalar(unit), scalar.properties.isAlphabetic {
            let character = Character(scalar)
            for other in [character.lowercased(), character.uppercased()] {
                if let byte = other.utf8.first, other.utf8.count == 1 { set.insert(byte) }
            }
        }
        return set
    }

    private static func readRequiredBytes(_ code: OpaquePointer) -> ByteSet? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODETYPE), &type)
        guard type == 1 else { return nil }
        var unit: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODEUNIT), &unit)
        // A caseless match of a non-ASCII letter may use other bytes: only trust ASCII units.
        return unit < 0x80 ? unitSet(code, unit) : nil
    }

    private static func readStartBytes(_ code: OpaquePointer) -> ByteSet? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            return unit < 0x80 ? unitSet(code, unit) : nil
        }
        var bitmap: UnsafePointer<UInt8>?
        if pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap {
            var set = ByteSet()
            for byte in 0..<256 where bitmap[byte / 8] & (1 << (byte % 8)) != 0 {
                set.insert(UInt8(byte))
            }
            return set
        }
        return nil
    }
}

enum PCRE2JIT: Sendable {
    case notYet, compiled, failed
}
