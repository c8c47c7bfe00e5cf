import CPCRE2

/// A failure reported by PCRE2: a pattern that does not compile, or a match that hit a limit.
public enum PCRE2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern does not compile; `offset` is the Unicode scalar offset in the pattern where PCRE2 stopped.
    case compile(message: String, offset: Int)
    /// The match needed more backtracking steps than the match limit allows.
    case matchLimit
    /// The match nested deeper than the depth limit allows.
    case depthLimit
    /// The JIT-compiled match ran out of its machine stack.
    case jitStackLimit
    /// Any other error PCRE2 reported while matching.
    case match(code: Int32, message: String)

    public var description: String {
        switch self {
        case .compile(let message, let offset):
            return "pattern does not compile at offset \(offset): \(message)"
        case .matchLimit:
            return "the pattern hit the match limit (too much backtracking)"
        case .depthLimit:
            return "the pattern hit the depth limit (nested too deeply)"
        case .jitStackLimit:
            return "the pattern ran out of JIT stack"
        case .match(let code, let message):
            return "PCRE2 match error \(code): \(message)"
        }
    }

    /// True when the error is a resource limit rather than a broken pattern.
    public var isLimit: Bool {
        switch self {
        case .matchLimit, .depthLimit, .jitStackLimit: return true
        default: return false
        }
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard count > 0 else { return "unknown error" }
        return String(decoding: buffer[0..<Int(count)], as: UTF8.self)
    }

    static func fromMatch(code: Int32) -> PCRE2Error {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: return .matchLimit
        case PCRE2_ERROR_DEPTHLIMIT: return .depthLimit
        case PCRE2_ERROR_JIT_STACKLIMIT: return .jitStackLimit
        default: return .match(code: code, message: message(for: code))
        }
    }
}
