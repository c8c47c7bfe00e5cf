import Foundation

/// A file mapped into memory, read-only, for as long as the object lives: what lets a kept table (`WordSet`) be
/// read in place from a prepared rules file instead of copied out of it.
///
/// The mapping is private and read-only. A file is only ever replaced whole (`UserCache.write` renames a new file
/// over it), never rewritten in place, so what a mapping shows does not change under it.
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes (empty for an empty file).
    public let bytes: UnsafeRawBufferPointer

    /// The file at `path`, mapped; nil when it cannot be opened or mapped.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 0 else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }

    /// True when `part` lies within the mapped bytes.
    func holds(_ part: UnsafeRawBufferPointer) -> Bool {
        guard let start = part.baseAddress, let base = bytes.baseAddress else { return part.isEmpty }
        return start >= base && start + part.count <= base + bytes.count
    }
}
