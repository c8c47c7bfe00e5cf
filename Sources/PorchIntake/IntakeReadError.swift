#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading the input itself failed (not one post in it): the operating system's error and where.
public struct IntakeReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being read, such as "stdin".
    public var source: String
    /// The `errno` value.
    public var code: Int32

    public init(source: String, code: Int32) {
        self.source = source
        self.code = code
    }

    public var description: String {
        let reason = String(cString: strerror(code))
        return "could not read \(source): \(reason) (errno \(code)); posts read before this point were reported, "
            + "check the program feeding porch and send the rest again"
    }
}
