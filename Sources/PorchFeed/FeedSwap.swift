import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Both feed files replaced together, or neither: what `porch publish` uses so the Atom and JSON files never
/// disagree and a publish the queue could not record can be taken back.
///
/// `stage` writes and syncs both new files beside the old ones (a full disk fails here, before anything is
/// replaced); `commit` keeps a hard link to each old file and renames both new files into place; after the
/// caller records the publish, `finish` drops the old files, or `rollBack` puts them back. A process killed
/// part-way leaves each path with its old or new content whole; the next publish writes both again.
public final class FeedSwap {
    struct Staged {
        let path: String
        let temporary: String
        var backup: String?
        var hadOld = false
        var committed = false
    }

    private var files: [Staged] = []
    private var finished = false

    /// Renders both feeds and writes them, synced, to temporary files beside `atomPath` and `jsonPath`.
    /// Nothing is replaced yet; on failure nothing is left behind.
    public static func stage(
        settings: FeedSettings, entries: [FeedEntry], updated: Date, atomPath: String, jsonPath: String
    ) throws(AtomicFileError) -> FeedSwap {
        let swap = FeedSwap()
        do throws(AtomicFileError) {
            let atom = AtomFeed.data(settings: settings, entries: entries, updated: updated)
            swap.files.append(try stageFile(atom, for: atomPath))
            let json = JSONFeed.data(settings: settings, entries: entries)
            swap.files.append(try stageFile(json, for: jsonPath))
        } catch {
            swap.discard()
            throw error
        }
        return swap
    }

    /// Replaces the files one after the other (`between` runs after the first). On a failure the files already
    /// replaced are put back and the error is thrown: both paths hold their old content.
    public func commit(between: () -> Void = {}) throws(AtomicFileError) {
        for index in files.indices {
            if index == 1 { between() }
            let file = files[index]
            let (folder, name) = AtomicFile.split(file.path)
            let backup = folder + "/." + name + ".old-" + String(UInt64.random(in: .min ... .max), radix: 36)
            if link(file.path, backup) == 0 {
                files[index].backup = backup
                files[index].hadOld = true
            } else if errno != ENOENT {
                let code = errno
                rollBack()
                throw AtomicFileError(path: file.path, step: .replace, code: code)
            }
            guard rename(file.temporary, file.path) == 0 else {
                let code = errno
                rollBack()
                throw AtomicFileError(path: file.path, step: .replace, code: code)
            }
            files[index].committed = true
        }
        for file in files { FeedSwap.syncFolder(of: file.path) }
    }

    /// The publish was recorded: the old files are dropped.
    public func finish() {
        for file in files { if let backup = file.backup { unlink(backup) } }
        finished = true
    }

    /// Puts the old files back (a path that had none is removed) and drops anything staged.
    public func rollBack() {
        guard !finished else { return }
        for file in files.reversed() {
            if file.committed {
                if let backup = file.backup, file.hadOld {
                    rename(backup, file.path)
                } else {
                    unlink(file.path)
                }
            } else {
                unlink(file.temporary)
                if let backup = file.backup { unlink(backup) }
            }
            FeedSwap.syncFolder(of: file.path)
        }
        finished = true
    }

    private func discard() {
        for file in files { unlink(file.temporary) }
        finished = true
    }

    private static func stageFile(_ data: Data, for path: String) throws(AtomicFileError) -> Staged {
        let (folder, name) = AtomicFile.split(path)
        guard !name.isEmpty else { throw AtomicFileError(path: path, step: .replace, code: EISDIR) }
        let temporary = folder + "/." + name + ".tmp-" + String(UInt64.random(in: .min ... .max), radix: 36)
        try AtomicFile.writeSynced(data, to: temporary, reportingAs: path, permissions: AtomicFile.publicPermissions)
        return Staged(path: path, temporary: temporary)
    }

    private static func syncFolder(of path: String) {
        let fd = open(AtomicFile.split(path).folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
