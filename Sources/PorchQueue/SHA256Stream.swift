import Crypto
import Foundation

/// SHA-256 over data given in pieces (the files of a rules folder), as lowercase hex.
public struct SHA256Stream {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ data: Data) { hasher.update(data: data) }

    /// 64 lowercase hex digits of everything given so far.
    public func hex() -> String { Hex.encode(hasher.finalize()) }
}
