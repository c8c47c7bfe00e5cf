import Foundation

/// Stops the fuzz target with a message when an invariant does not hold, so libFuzzer saves the input.
///
/// Messages carry offsets, counts and rule ids only, never text from the input.
public enum Invariant {
    /// Traps with `message` on stderr when `condition` is false.
    public static func check(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
        line: UInt = #line
    ) {
        guard !condition() else { return }
        fail(message(), file: file, line: line)
    }

    /// Traps with `message` on stderr.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("invariant failed at \(file):\(line): \(message)\n".utf8))
        abort()
    }
}
