/// The size limits intake enforces before a post reaches screening.
public struct IntakeLimits: Sendable {
    /// The name of the setting that changes `maxPostBytes`, quoted in failure messages.
    public static let maxPostBytesSetting = "intake.max_post_bytes"

    /// The largest post text accepted, in UTF-8 bytes, after decoding.
    public var maxPostBytes: Int = 65_536
    /// The largest raw record (one JSON line, one email message with its attachments) read into memory.
    public var maxRecordBytes: Int = 32 * 1_048_576

    public init(maxPostBytes: Int = 65_536, maxRecordBytes: Int = 32 * 1_048_576) {
        self.maxPostBytes = maxPostBytes
        self.maxRecordBytes = maxRecordBytes
    }
}
