import PorchModel

/// The values a moderator restored as false positives: a new screening of the same post leaves them unredacted.
public enum KeptValues {
    /// The text a redaction covers in the original (what `restore` puts back).
    static func value(of redaction: StoredRedaction, in original: String) -> String {
        let scalars = Array(original.unicodeScalars)
        let range = max(0, redaction.start)..<min(scalars.count, max(redaction.start, redaction.end))
        return String(String.UnicodeScalarView(scalars[range]))
    }

    static func forget(postID: Int64, db: any StoreTransaction) throws {
        try db.execute("DELETE FROM kept WHERE postID = ?", postID)
    }

    static func load(postID: Int64, db: any StoreTransaction) throws -> Set<String> {
        Set(try db.rows("SELECT value FROM kept WHERE postID = ?", postID).compactMap { $0[0].text })
    }

    /// `screening` with every redaction of a kept value restored (a held screening, which has none, as it is).
    static func honoured(_ kept: Set<String>, in screening: Screening) -> Screening {
        guard !kept.isEmpty, !screening.redactions.isEmpty else { return screening }
        var result = screening
        while let index = result.redactions.indices.last(where: {
            kept.contains(value(of: result.redactions[$0], in: result.originalText))
        }) {
            guard
                let restored = try? RedactionRestorer.restore(
                    index: index, in: result.scrubbedText, original: result.originalText, redactions: result.redactions)
            else { break }
            result.scrubbedText = restored.scrubbedText
            result.redactions = restored.redactions
        }
        return result
    }

    /// Whether a finding covering `value` is one a moderator already restored on this post.
    public static func isKept(_ value: String, in kept: Set<String>) -> Bool { kept.contains(value) }
}
