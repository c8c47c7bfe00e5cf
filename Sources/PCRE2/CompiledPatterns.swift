import CPCRE2
import Synchronization

/// Compiled patterns kept between runs, in PCRE2's own serialized form (`pcre2_serialize_encode`): compiling every
/// rule was the largest part of a one-post command's start-up, and a pattern compiled once compiles the same way
/// under the same PCRE2 every time.
///
/// While a store is in use (`use(_:)`), `Regex` takes its compiled code from it when it holds the same pattern
/// with the same options, and adds every pattern it compiles itself; `encoded` then holds them all. The encoded form
/// names the PCRE2 version it was made with, and PCRE2 refuses code from another build; `init(encoded:)` returns nil
/// for anything it cannot read whole (the caller then compiles as without a store).
///
/// The JIT never reads a kept code: it compiles its own copy, as it does for a freshly compiled pattern.
public final class CompiledPatterns: @unchecked Sendable {
    /// A pattern's UTF-8 and flags, hashed once by a cheap hash of its bytes: Swift's own String hashing
    /// normalizes the text first, which over the megabytes of patterns a rules folder expands to cost more than
    /// decoding the compiled code.
    struct Key: Hashable {
        let utf8: [UInt8]
        let flags: UInt32
        let digest: UInt64

        init(pattern: String, flags: UInt32) { self.init(utf8: Array(pattern.utf8), flags: flags) }

        init(utf8: [UInt8], flags: UInt32) {
            self.utf8 = utf8
            self.flags = flags
            var digest = 0x9E37_79B9_7F4A_7C15 ^ UInt64(flags)
            utf8.withUnsafeBytes { bytes in
                var offset = 0
                while offset + 8 <= bytes.count {
                    digest =
                        (digest ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                    digest = digest << 27 | digest >> 37
                    offset += 8
                }
                while offset < bytes.count {
                    digest = (digest ^ UInt64(bytes[offset])) &* 0x0100_0000_01B3
                    offset += 1
                }
            }
            self.digest = digest ^ UInt64(utf8.count)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.digest == rhs.digest && lhs.flags == rhs.flags && lhs.utf8 == rhs.utf8
        }
    }

    /// Code by pattern (its address); each is freed with the store, never before. A `Regex` gets a copy with
    /// character tables of its own (`code(for:flags:)`).
    private let codes: Mutex<[Key: Int]>
    /// True when a pattern was compiled that the store did not hold.
    private let grew = Atomic(false)

    /// An empty store: every pattern is compiled, and kept.
    public init() { codes = Mutex([:]) }

    /// The store `encoded` wrote; nil when the bytes are not one this PCRE2 can read.
    public init?(encoded bytes: UnsafeRawBufferPointer) {
        guard let decoded = CompiledPatterns.decode(bytes) else { return nil }
        codes = Mutex(decoded)
    }

    deinit {
        codes.withLock { codes in codes.values.forEach { pcre2_code_free_8(OpaquePointer(bitPattern: $0)) } }
    }

    /// True when `Regex` compiled a pattern the store did not hold (so `encoded` holds more than it was made from).
    public var hasGrown: Bool { grew.load(ordering: .acquiring) }

    // MARK: - The store in use

    private static let current = Mutex<CompiledPatterns?>(nil)

    /// Makes `store` the one `Regex` takes compiled code from and adds to (nil: none), and returns the one it
    /// replaces.
    @discardableResult
    public static func use(_ store: CompiledPatterns?) -> CompiledPatterns? {
        current.withLock { current in
            defer { current = store }
            return current
        }
    }

    static var inUse: CompiledPatterns? { current.withLock { $0 } }

    /// A copy of the code kept for `pattern` with `flags`, or nil.
    ///
    /// The codes PCRE2 decodes share one set of character tables, with a count of their users that
    /// `pcre2_code_copy` and `pcre2_code_free` change without a lock of their own: a plain copy made on one thread
    /// while another frees or JIT-compiles one loses a count, and the tables are freed while in use (a heap
    /// corruption: 2 of 240 one-post commands aborted while plain copies were made outside the store's lock). So each
    /// copy takes tables of its own (`pcre2_code_copy_with_tables`: the shared ones are only read), and the copy is
    /// made outside the lock: the two threads compiling a folder's rules do not wait on each other.
    func code(for pattern: String, flags: UInt32) -> OpaquePointer? {
        let key = Key(pattern: pattern, flags: flags)
        guard let address = codes.withLock({ $0[key] }) else { return nil }
        return pcre2_code_copy_with_tables_8(OpaquePointer(bitPattern: address))
    }

    /// True when the store holds code for `pattern` with `options`.
    public func holds(_ pattern: String, options: RegexOptions = []) -> Bool {
        codes.withLock { $0[Key(pattern: pattern, flags: options.rawValue)] != nil }
    }

    /// Keeps a copy of `code`, compiled from `pattern` with `flags`, unless the store holds the pattern already
    /// (another thread compiled it too): a kept code is never replaced, so none is freed while a thread copies it.
    func keep(_ code: OpaquePointer, for pattern: String, flags: UInt32) {
        let key = Key(pattern: pattern, flags: flags)
        guard let copy = pcre2_code_copy_8(code) else { return }
        let address = Int(bitPattern: copy)
        let kept = codes.withLock { codes in
            guard codes[key] == nil else { return false }
            codes[key] = address
            return true
        }
        if !kept { pcre2_code_free_8(copy) }
        grew.store(true, ordering: .releasing)
    }

    // MARK: - The encoded form

    /// Names the layout: `magic`, the PCRE2 version, the number of patterns, each pattern's flags and UTF-8,
    /// then PCRE2's serialized codes in the same order.
    static let magic = Array("porch-pcre2-1\n".utf8)

    /// The PCRE2 library's version ("10.42 2022-12-11").
    static var version: [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), $0.baseAddress) }
        return length > 1 ? Array(buffer.prefix(Int(length) - 1)) : []
    }

    /// Every pattern held and its code, as bytes; nil when PCRE2 cannot serialize them.
    public var encoded: [UInt8]? {
        codes.withLock { codes -> [UInt8]? in
            let entries = Array(codes)
            var out = CompiledPatterns.magic
            func int(_ value: Int) { withUnsafeBytes(of: UInt64(value)) { out += $0 } }
            let version = CompiledPatterns.version
            int(version.count)
            out += version
            int(entries.count)
            for (key, _) in entries {
                int(Int(key.flags))
                int(key.utf8.count)
                out += key.utf8
            }
            guard !entries.isEmpty else { return out }
            var list: [OpaquePointer?] = entries.map { OpaquePointer(bitPattern: $0.value) }
            var serialized: UnsafeMutablePointer<UInt8>?
            var size = 0
            guard pcre2_serialize_encode_8(&list, Int32(list.count), &serialized, &size, nil) == Int32(list.count),
                let serialized
            else { return nil }
            defer { pcre2_serialize_free_8(serialized) }
            int(size)
            out += UnsafeBufferPointer(start: serialized, count: size)
            return out
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> [Key: Int]? {
        var offset = 0
        func take(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        }
        func int() -> Int? { take(8).map { Int(truncatingIfNeeded: $0.loadUnaligned(as: UInt64.self)) } }
        guard take(magic.count).map({ $0.elementsEqual(magic) }) == true, let versionLength = int(),
            take(versionLength).map({ $0.elementsEqual(version) }) == true, let count = int(), count >= 0,
            count <= bytes.count
        else { return nil }
        var keys: [Key] = []
        for _ in 0..<count {
            guard let flags = int(), let length = int(), let utf8 = take(length) else { return nil }
            keys.append(Key(utf8: Array(utf8), flags: UInt32(truncatingIfNeeded: flags)))
        }
        guard !keys.isEmpty else { return offset == bytes.count ? [:] : nil }
        guard let size = int(), let serialized = take(size), offset == bytes.count, let start = serialized.baseAddress
        else { return nil }
        let units = start.assumingMemoryBound(to: UInt8.self)
        guard pcre2_serialize_get_number_of_codes_8(units) == Int32(count) else { return nil }
        var list = [OpaquePointer?](repeating: nil, count: count)
        let decoded = pcre2_serialize_decode_8(&list, Int32(count), units, nil)
        guard decoded == Int32(count) else {
            list.forEach { $0.map { pcre2_code_free_8($0) } }
            return nil
        }
        var codes: [Key: Int] = [:]
        for (key, code) in zip(keys, list) {
            guard let code else { continue }
            if let duplicate = codes.updateValue(Int(bitPattern: code), forKey: key) {
                pcre2_code_free_8(OpaquePointer(bitPattern: duplicate))
            }
        }
        return codes
    }
}
