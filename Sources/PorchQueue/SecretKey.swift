import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The group's 32-byte secret: it keys pseudonyms and content hashes, and lives in an owner-only file.
///
/// Its description never shows the bytes.
public struct SecretKey: Sendable, Equatable, CustomStringConvertible {
    public static let byteCount = 32
    let bytes: [UInt8]

    public init(bytes: [UInt8]) throws {
        guard bytes.count == SecretKey.byteCount else { throw SecretKeyError.wrongLength(bytes.count) }
        self.bytes = bytes
    }

    /// 32 bytes from the system's secure random source.
    public static func generate() -> SecretKey {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        return try! SecretKey(bytes: bytes)
    }

    public var description: String { "SecretKey(32 bytes, hidden)" }

    /// A value that tells keys apart without revealing them (16 hex digits of a hash of a key derived for this
    /// purpose alone): every host of a group must hold the same key, and the queue's database records this.
    public var fingerprint: String {
        Hex.encode(Array(SHA256.hash(data: derived(for: "porch key fingerprint")).prefix(8)))
    }

    /// A key for one purpose, derived so that pseudonyms and content hashes never share a key.
    func derived(for purpose: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(purpose.utf8), using: SymmetricKey(data: bytes)))
    }

    // MARK: - The key file

    /// Reads the key from `path` (64 hex digits); refuses a file that group or others can read.
    public static func load(from path: String) throws -> SecretKey {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { throw SecretKeyError.missing(path: path) }
            throw SecretKeyError.fileAccess(path: path, operation: "open", reason: FilePermissions.errnoText())
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SecretKeyError.fileAccess(path: path, operation: "inspect", reason: FilePermissions.errnoText())
        }
        let mode = UInt32(info.st_mode) & 0o7777
        if mode & 0o077 != 0 { throw SecretKeyError.insecurePermissions(path: path, mode: mode) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 {
                throw SecretKeyError.fileAccess(path: path, operation: "read", reason: FilePermissions.errnoText())
            }
            if count == 0 { break }
            data += buffer[0..<count]
            if data.count > 4096 { throw SecretKeyError.malformed(path: path, reason: "the file is too long") }
        }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        guard let bytes = Hex.decode(text) else {
            throw SecretKeyError.malformed(path: path, reason: "expected 64 hexadecimal digits")
        }
        guard bytes.count == byteCount else {
            throw SecretKeyError.malformed(path: path, reason: "expected 32 bytes, found \(bytes.count)")
        }
        return try SecretKey(bytes: bytes)
    }

    /// Writes the key to a new file at `path` with mode 0600 and syncs it; never overwrites an existing file.
    public func save(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0 {
            if errno == EEXIST { throw SecretKeyError.alreadyExists(path: path) }
            throw SecretKeyError.fileAccess(path: path, operation: "create", reason: FilePermissions.errnoText())
        }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(path) }
        }
        guard fchmod(fd, 0o600) == 0 else {
            throw SecretKeyError.fileAccess(path: path, operation: "protect", reason: FilePermissions.errnoText())
        }
        let line = Array((Hex.encode(bytes) + "\n").utf8)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw SecretKeyError.fileAccess(path: path, operation: "write", reason: FilePermissions.errnoText())
        }
        ok = true
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
