import Foundation

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "porch-feed-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.path
    }

    func path(_ name: String) -> String {
        root + "/" + name
    }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// Runs `body` with a fresh temporary folder and removes it afterwards.
func withTemporaryFolder<T>(_ body: (TemporaryFolder) throws -> T) throws -> T {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return try body(folder)
}
