/// Why the group's secret key could not be made, read or written, and what to do about it.
public enum SecretKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case insecurePermissions(path: String, mode: UInt32)
    case malformed(path: String, reason: String)
    case alreadyExists(path: String)
    case fileAccess(path: String, operation: String, reason: String)
    case wrongLength(Int)

    public var description: String {
        switch self {
        case .missing(let path):
            "the secret key \(path) does not exist; run `porch init` to create one"
        case .insecurePermissions(let path, let mode):
            "the secret key \(path) can be read by other users (mode \(String(mode, radix: 8))); anyone who reads it"
                + " can link pseudonyms to authors. Run `chmod 600 \(path)` and try again"
        case .malformed(let path, let reason):
            "the secret key \(path) is not a Porch key (\(reason)); restore it from a backup — a new key changes"
                + " every member's pseudonym"
        case .alreadyExists(let path):
            "the secret key \(path) already exists; porch never overwrites it, because a new key changes every"
                + " member's pseudonym. Remove it yourself only if that is what you want"
        case .fileAccess(let path, let operation, let reason):
            "could not \(operation) the secret key \(path): \(reason)"
        case .wrongLength(let count):
            "a secret key is 32 bytes, not \(count)"
        }
    }
}
