import Foundation

/// Where Porch keeps what it can rebuild (remembered rule checks, built word lists, prepared rules folders):
/// `porch/NAME` under `$XDG_CACHE_HOME`, else under `~/.cache`. Never anything from a post.
public enum UserCache {
    /// The folder for `name`; nil when neither `XDG_CACHE_HOME` nor `HOME` is set.
    public static func folder(_ name: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/porch/" + name }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/porch/" + name }
        return nil
    }

    /// A file name for `text` (a path, a key): the hex SHA-256 of its UTF-8.
    public static func name(for text: String) -> String { ListCache.key(for: Data(text.utf8)) }

    /// Writes `contents` to a new owner-only file in `folder` (made owner-only if missing) and renames it to `name`,
    /// so a reader sees the whole file or none. A failure only means nothing is kept.
    public static func write(_ contents: Data, in folder: String, named name: String) {
        let fileManager = FileManager.default
        try? fileManager.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let partial = folder + "/.\(name).\(ProcessInfo.processInfo.processIdentifier)"
        guard fileManager.createFile(atPath: partial, contents: contents, attributes: [.posixPermissions: 0o600])
        else { return }
        if rename(partial, folder + "/" + name) != 0 { try? fileManager.removeItem(atPath: partial) }
    }

    /// A 64-bit checksum of the bytes: four running sums, each taking every fourth 8-byte word (multiply and
    /// rotate), folded together with the tail and the length. Four sums keep the multiplier busy where one would
    /// wait on itself: several times faster than SHA-256 over the megabytes of a kept table or prepared folder, and
    /// any damage a disk or a cut-short write does changes it.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        @inline(__always) func mix(_ sum: UInt64, _ word: UInt64) -> UInt64 {
            let product = (sum ^ word) &* 0xFF51_AFD7_ED55_8CCD
            return (product << 27) | (product >> 37)
        }
        var sums: (UInt64, UInt64, UInt64, UInt64) = (
            0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63
        )
        var offset = 0
        while offset + 32 <= bytes.count {
            sums.0 = mix(sums.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            sums.1 = mix(sums.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            sums.2 = mix(sums.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            sums.3 = mix(sums.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var sum = mix(mix(mix(sums.0, sums.1), sums.2), sums.3)
        while offset + 8 <= bytes.count {
            sum = mix(sum, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        while offset < bytes.count {
            sum = (sum ^ UInt64(bytes[offset])) &* 0x0100_0000_01B3
            offset += 1
        }
        return sum ^ UInt64(bytes.count)
    }
}
