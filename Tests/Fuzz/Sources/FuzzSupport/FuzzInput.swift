/// The bytes libFuzzer hands a target, copied out of its buffer.
public enum FuzzInput {
    /// Copies `size` bytes from `data` (which may be a dangling pointer when `size` is 0).
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The bytes as text, with invalid UTF-8 repaired the way `String(decoding:as:)` does.
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }
}
