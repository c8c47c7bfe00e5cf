/// A post that could not be decoded: where it was and why, never what it said.
public struct IntakeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in stdin the post was.
    public var position: InputPosition
    /// What went wrong.
    public var reason: IntakeFailureReason

    public init(position: InputPosition, reason: IntakeFailureReason) {
        self.position = position
        self.reason = reason
    }

    public var description: String {
        "\(position): \(reason)"
    }
}
