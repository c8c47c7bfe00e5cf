/// A set of byte values as a 256-bit map, for cheap "could this text match at all" checks.
public struct ByteSet: Sendable, Hashable {
    private var w0: UInt64 = 0
    private var w1: UInt64 = 0
    private var w2: UInt64 = 0
    private var w3: UInt64 = 0

    public init() {}

    /// The set of every byte that occurs in `bytes`.
    public init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { ByteSet(of: $0) }
    }

    /// The set of every byte that occurs in `bytes`: marked in a table of 256 flags first (a store per byte,
    /// none depending on another), then packed into bits.
    public init(of bytes: UnsafeBufferPointer<UInt8>) {
        self.init()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { seen in
            seen.initialize(repeating: 0)
            for byte in bytes { seen[Int(byte)] = 1 }
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for bit in 0..<64 {
                words.0 |= UInt64(seen[bit]) << UInt64(bit)
                words.1 |= UInt64(seen[64 + bit]) << UInt64(bit)
                words.2 |= UInt64(seen[128 + bit]) << UInt64(bit)
                words.3 |= UInt64(seen[192 + bit]) << UInt64(bit)
            }
            (w0, w1, w2, w3) = words
        }
    }

    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }

    /// Adds every byte of `other`.
    public mutating func formUnion(_ other: ByteSet) {
        w0 |= other.w0
        w1 |= other.w1
        w2 |= other.w2
        w3 |= other.w3
    }

    /// The bytes in both sets.
    public func intersection(_ other: ByteSet) -> ByteSet {
        var both = ByteSet()
        (both.w0, both.w1, both.w2, both.w3) = (w0 & other.w0, w1 & other.w1, w2 & other.w2, w3 & other.w3)
        return both
    }

    /// How many bytes are in the set.
    public var count: Int {
        w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount
    }

    /// True when the two sets share at least one byte.
    public func intersects(_ other: ByteSet) -> Bool {
        w0 & other.w0 != 0 || w1 & other.w1 != 0 || w2 & other.w2 != 0
            || w3 & other.w3 != 0
    }
}
