/// A text prepared for matching: its UTF-8 bytes and a map from byte offsets to Unicode scalar offsets.
public struct Subject: Sendable {
    /// The text's UTF-8 bytes.
    public let bytes: [UInt8]
    /// True when every byte is ASCII, so byte and scalar offsets are the same.
    public let isASCII: Bool
    /// For non-ASCII text: the scalar offset of each byte offset (one more entry than bytes).
    private let scalarAtByte: [Int32]

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Wraps bytes that are known to be valid UTF-8 (as every Swift string's are).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        isASCII = ascii
        if ascii {
            scalarAtByte = []
        } else {
            var table = [Int32](repeating: 0, count: bytes.count + 1)
            var scalars: Int32 = 0
            for (index, byte) in bytes.enumerated() {
                table[index] = scalars
                if byte & 0xC0 != 0x80 { scalars += 1 }
            }
            // A byte inside a scalar maps to the scalar it belongs to, i.e. count of starts before it minus one.
            for (index, byte) in bytes.enumerated() where byte & 0xC0 == 0x80 {
                table[index] -= 1
            }
            table[bytes.count] = scalars
            scalarAtByte = table
        }
    }

    /// The number of Unicode scalars in the text.
    public var scalarCount: Int { isASCII ? bytes.count : Int(scalarAtByte[bytes.count]) }

    /// The Unicode scalar offset of a byte offset that lies on a scalar boundary.
    @inline(__always)
    public func scalarOffset(ofByte byte: Int) -> Int {
        isASCII ? byte : Int(scalarAtByte[byte])
    }

    /// A byte range converted to a scalar range.
    public func scalarRange(_ bytes: Range<Int>) -> Range<Int> {
        scalarOffset(ofByte: bytes.lowerBound)..<scalarOffset(ofByte: bytes.upperBound)
    }

    /// The text of a byte range.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
