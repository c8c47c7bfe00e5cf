import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fault points for the crash tests: `PORCH_PUBLISH_FAULT=<point>` kills the publisher with SIGKILL there.
///
/// A kill -9 at a random moment rarely lands in the narrow windows that matter; these make the tests hit them
/// every time. Unset (as in every real run) they do nothing.
public enum PublishFault: String, Sendable {
    /// The Atom file is new, the JSON file still old, nothing marked.
    case afterAtom = "after-atom"
    /// Both files are new, nothing marked.
    case afterFeed = "after-feed"

    private static let armed = ProcessInfo.processInfo.environment["PORCH_PUBLISH_FAULT"].flatMap(PublishFault.init)

    /// Dies here, as a kill -9 would, when this point is armed.
    public static func point(_ point: PublishFault) {
        if armed == point { kill(getpid(), SIGKILL) }
    }
}
