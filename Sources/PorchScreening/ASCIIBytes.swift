extension UInt8 {
    /// `A`–`Z` or `a`–`z`.
    @inline(__always)
    var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }

    /// `a`–`z`.
    @inline(__always)
    var isASCIILowercase: Bool { self &- UInt8(ascii: "a") < 26 }

    /// `A`–`Z`.
    @inline(__always)
    var isASCIIUppercase: Bool { self &- UInt8(ascii: "A") < 26 }
}
