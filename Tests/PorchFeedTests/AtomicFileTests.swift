import Foundation
import PorchFeed
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Atomic replacement of feed files", .serialized)
struct AtomicFileTests {
    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func createsTheFileWithPublicPermissions() throws {
        try withTemporaryFolder { folder in
            let path = folder.path("feed.atom")
            try AtomicFile.write(Data("new".utf8), to: path, permissions: 0o644)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
            #expect(try mode(of: path) == 0o644)
            #expect(try folder.contents() == ["feed.atom"])
        }
    }

    @Test func replacesAnExistingFileAndItsPermissions() throws {
        try withTemporaryFolder { folder in
            let path = folder.path("feed.json")
            try Data("old content that is longer".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o600)
            try AtomicFile.write(Data("new".utf8), to: path, permissions: 0o644)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
            #expect(try mode(of: path) == 0o644)
            #expect(try folder.contents() == ["feed.json"])
        }
    }

    @Test func honoursRequestedPermissionsWhateverTheUmask() throws {
        try withTemporaryFolder { folder in
            let path = folder.path("private")
            try AtomicFile.write(Data("x".utf8), to: path, permissions: 0o600)
            #expect(try mode(of: path) == 0o600)
        }
    }

    @Test func writesEmptyAndLargeData() throws {
        try withTemporaryFolder { folder in
            let empty = folder.path("empty")
            try AtomicFile.write(Data(), to: empty)
            #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
            let large = folder.path("large")
            let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try AtomicFile.write(bytes, to: large)
            #expect(try Data(contentsOf: URL(fileURLWithPath: large)) == bytes)
        }
    }

    @Test func failsWithATypedErrorWhenTheParentIsARegularFile() throws {
        try withTemporaryFolder { folder in
            let blocker = folder.path("not-a-folder")
            try Data("keep".utf8).write(to: URL(fileURLWithPath: blocker))
            let path = blocker + "/feed.atom"
            let error = try #require(throws: AtomicFileError.self) {
                try AtomicFile.write(Data("new".utf8), to: path)
            }
            #expect(error.path == path)
            #expect(error.step == .createTemporary)
            #expect(error.code == ENOTDIR)
            #expect(error.description.contains(path))
            #expect(error.description.contains("fix the feed path"))
            #expect(error.description.contains("the old file is unchanged"))
            #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "keep")
            #expect(try folder.contents() == ["not-a-folder"])
        }
    }

    @Test func failsWhenTheFolderIsMissing() throws {
        try withTemporaryFolder { folder in
            let path = folder.path("missing/feed.atom")
            let error = try #require(throws: AtomicFileError.self) {
                try AtomicFile.write(Data("new".utf8), to: path)
            }
            #expect(error.code == ENOENT)
            #expect(error.description.contains("create it or fix the feed path"))
            #expect(try folder.contents().isEmpty)
        }
    }

    @Test func failedRenameLeavesTheTargetAndNoTemporaryFile() throws {
        try withTemporaryFolder { folder in
            // The target is a non-empty folder: the temporary file is written, then the rename fails.
            let path = folder.path("feed.atom")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try Data("old".utf8).write(to: URL(fileURLWithPath: path + "/inside"))
            let error = try #require(throws: AtomicFileError.self) {
                try AtomicFile.write(Data("new".utf8), to: path)
            }
            #expect(error.step == .replace)
            #expect(error.description.contains(path))
            #expect(try folder.contents() == ["feed.atom"])
            #expect(try String(contentsOfFile: path + "/inside", encoding: .utf8) == "old")
        }
    }

    @Test func failedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.path("feed.atom")
            let old = Data("the old feed".utf8)
            try old.write(to: URL(fileURLWithPath: path))
            // Limit file size so the write itself fails (EFBIG) after the temporary file exists. The limit is
            // process-wide, so it stays far above anything other tests write meanwhile.
            let limit = 16 * 1_024 * 1_024
            let error = try withFileSizeLimit(rlim_t(limit)) {
                try #require(throws: AtomicFileError.self) {
                    try AtomicFile.write(Data(repeating: 0x41, count: limit + 4_096), to: path)
                }
            }
            #expect(error.step == .write)
            #expect(error.code == EFBIG)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
            #expect(try folder.contents() == ["feed.atom"])
        }
    }

    @Test func refusesAPathEndingInASlash() throws {
        try withTemporaryFolder { folder in
            let error = try #require(throws: AtomicFileError.self) {
                try AtomicFile.write(Data("x".utf8), to: folder.root + "/")
            }
            #expect(error.code == EISDIR)
            #expect(try folder.contents().isEmpty)
        }
    }

    @Test func feedPublisherWritesBothFiles() throws {
        try withTemporaryFolder { folder in
            let settings = try Fixtures.settings()
            let entries = try Fixtures.entries(count: 2)
            try FeedPublisher.publish(
                settings: settings, entries: entries, updated: Fixtures.afternoon,
                atomPath: folder.path("feed.atom"), jsonPath: folder.path("feed.json"))
            #expect(try folder.contents() == ["feed.atom", "feed.json"])
            let atom = try String(contentsOfFile: folder.path("feed.atom"), encoding: .utf8)
            #expect(atom == AtomFeed.render(settings: settings, entries: entries, updated: Fixtures.afternoon))
            let json = try String(contentsOfFile: folder.path("feed.json"), encoding: .utf8)
            #expect(json == JSONFeed.render(settings: settings, entries: entries))
            #expect(try mode(of: folder.path("feed.atom")) == 0o644)
            #expect(try mode(of: folder.path("feed.json")) == 0o644)
        }
    }

    /// Runs `body` with the soft file-size limit lowered and SIGXFSZ ignored, then restores both.
    private func withFileSizeLimit<T>(_ bytes: rlim_t, _ body: () throws -> T) throws -> T {
        var saved = rlimit()
        try #require(getrlimit(fileSizeResource, &saved) == 0)
        var lowered = saved
        lowered.rlim_cur = bytes
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        try #require(setrlimit(fileSizeResource, &lowered) == 0)
        defer {
            setrlimit(fileSizeResource, &saved)
            signal(SIGXFSZ, previousHandler)
        }
        return try body()
    }
}

#if canImport(Glibc)
    private let fileSizeResource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
#else
    private let fileSizeResource = RLIMIT_FSIZE
#endif
