import Crypto
import Foundation

/// Word lists as built tables, kept between runs in the user's cache folder (`UserCache.folder("lists")`), so a
/// command reads a table instead of parsing a list and hashing its entries again. Building the name and word
/// lists was the largest part of starting a one-post command.
///
/// A table is found by the SHA-256 of its list file's bytes, so an edited list never meets an old table, and the
/// file holds a checksum of the table too (`checksum`; it guards against damage, not against someone who can
/// write to the user's cache folder): a table cut short or damaged is refused and built again from the list,
/// never read wrong. Nothing from a post is kept here. Every failure to read or write the cache only means
/// the list is parsed as it would be without one.
///
/// Finding a table by its list's bytes means reading the list; an index per lists folder (`Index`) maps each list
/// file's stamp (`FileStamp`, once the file has settled) to its table, so a list that has not changed is not read.
struct ListCache: Sendable {
    let folder: String

    /// The cache in the user's cache folder (`UserCache`); nil when there is none.
    static var standard: ListCache? { UserCache.folder("lists").map(ListCache.init(folder:)) }

    /// The name a list file's table is kept under: the SHA-256 of its bytes.
    static func key(for list: Data) -> String { hex(SHA256.hash(data: list)) }

    /// The table kept for the list `key` names, and whether it is a list of single words; nil when none is kept
    /// or the one kept fails its check.
    func table(_ key: String) -> (words: WordSet, singleWords: Bool)? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + key) else { return nil }
        return data.withUnsafeBytes { raw -> (WordSet, Bool)? in
            guard raw.count > 9, raw[8] <= 1 else { return nil }
            let table = UnsafeRawBufferPointer(rebasing: raw[9...])
            guard raw.loadUnaligned(as: UInt64.self) == ListCache.checksum(table), let words = WordSet(stored: table)
            else { return nil }
            return (words, raw[8] == 1)
        }
    }

    /// Keeps `words` as the table of the list `key` names: written to a new file beside it and renamed into place,
    /// so a reader sees the whole table or none; owner-only, like the folder.
    func keep(_ words: WordSet, singleWords: Bool, as key: String) {
        let table = words.stored
        var contents = table.withUnsafeBytes { withUnsafeBytes(of: ListCache.checksum($0)) { Data($0) } }
        contents.append(singleWords ? 1 : 0)
        contents.append(contentsOf: table)
        write(contents, named: key)
    }

    private func write(_ contents: Data, named name: String) { UserCache.write(contents, in: folder, named: name) }

    /// The tables of one lists folder's files: file name to the stamp the file had and the key of its table.
    struct Index: Equatable {
        struct Entry: Equatable {
            let stamp: String
            let key: String
        }
        var entries: [String: Entry] = [:]
    }

    /// The name the index of the lists folder at `path` is kept under: from the SHA-256 of the folder's path.
    func indexName(of folderPath: String) -> String { "index-" + ListCache.key(for: Data(folderPath.utf8)) }

    /// The index kept for the lists folder at `path`; empty when none is kept or it cannot be read. A line that is
    /// not three tab-separated fields is skipped (its list is then read in full).
    func index(of folderPath: String) -> Index {
        guard let data = FileManager.default.contents(atPath: folder + "/" + indexName(of: folderPath)) else {
            return Index()
        }
        var index = Index()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            index.entries[String(fields[0])] = .init(stamp: String(fields[1]), key: String(fields[2]))
        }
        return index
    }

    /// Keeps `index` for the lists folder at `path`, replacing the one kept (a new file renamed into place).
    func keep(_ index: Index, of folderPath: String) {
        let lines = index.entries.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value.stamp)\t\($0.value.key)\n" }
        write(Data(lines.joined().utf8), named: indexName(of: folderPath))
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 { UserCache.checksum(bytes) }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
