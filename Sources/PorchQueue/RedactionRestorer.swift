import PorchModel

/// Puts one redaction's original span back into a scrubbed text and shifts the redactions after it.
enum RedactionRestorer {
    struct Result: Equatable {
        var scrubbedText: String
        /// The remaining redactions, the restored one removed.
        var redactions: [StoredRedaction]
    }

    /// Why a restore could not be done; names offsets and placeholders, never text.
    struct Failure: Error {
        var reason: String
    }

    static func restore(
        index: Int, in scrubbed: String, original: String, redactions: [StoredRedaction]
    ) throws -> Result {
        let target = redactions[index]
        let output = Array(scrubbed.unicodeScalars)
        let source = Array(original.unicodeScalars)
        guard 0 <= target.start, target.start <= target.end, target.end <= source.count else {
            throw Failure(reason: "its offsets no longer fit the original text")
        }
        guard 0 <= target.outputStart, target.outputStart <= target.outputEnd, target.outputEnd <= output.count,
            String(String.UnicodeScalarView(output[target.outputStart..<target.outputEnd])) == target.placeholder
        else {
            throw Failure(
                reason: "the scrubbed text no longer holds \(target.placeholder) where the redaction put it;"
                    + " edit the post instead")
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: output[..<target.outputStart])
        text.append(contentsOf: source[target.start..<target.end])
        text.append(contentsOf: output[target.outputEnd...])
        let shift = (target.end - target.start) - (target.outputEnd - target.outputStart)
        var remaining: [StoredRedaction] = []
        for (position, redaction) in redactions.enumerated() where position != index {
            var moved = redaction
            if redaction.outputStart >= target.outputEnd {
                moved.outputStart += shift
                moved.outputEnd += shift
            }
            remaining.append(moved)
        }
        return Result(scrubbedText: String(text), redactions: remaining)
    }
}
