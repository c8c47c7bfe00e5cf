import Foundation

/// Where the fuzz targets find the real `Rules/` folder: `$PORCH_RULES`, else the repository's own.
public enum RulesFolder {
    /// The folder's path; the repository root is five levels above this source file.
    public static var path: String {
        if let given = ProcessInfo.processInfo.environment["PORCH_RULES"], !given.isEmpty { return given }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Rules").path
    }
}
