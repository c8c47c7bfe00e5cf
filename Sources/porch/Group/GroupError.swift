import PorchRules

/// Why a group could not be found, created or opened; each message says what to do.
enum GroupError: Error, CustomStringConvertible {
    case notFound(searchedFrom: String)
    case invalidConfig(file: String, position: SourcePosition?, message: String)
    case fileAccess(path: String, operation: String, reason: String)
    case insecure(path: String, mode: UInt32, fix: String)

    var description: String {
        switch self {
        case .notFound(let start):
            return "no porch.toml in \(start) or any folder above it; run `porch init` to create a group, "
                + "or pass --dir (or set PORCH_DIR) to the group's folder"
        case .invalidConfig(let file, let position, let message):
            let place = position.map { "\(file):\($0)" } ?? file
            return "\(place): \(message)"
        case .fileAccess(let path, let operation, let reason):
            return "cannot \(operation) \(path): \(reason)"
        case .insecure(let path, let mode, let fix):
            return "\(path) can be read by other users (mode \(String(mode, radix: 8))): it holds posts; run `\(fix)`"
        }
    }
}
