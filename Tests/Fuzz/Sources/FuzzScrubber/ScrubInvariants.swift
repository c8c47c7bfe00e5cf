import FuzzSupport
import PorchScreening

/// The checks on one scrub: its input, its output and its redactions, all in Unicode scalars.
struct ScrubInvariants {
    /// How close to a placeholder a second scrub may find something new (the rules' default context window).
    static let nearby = 40
    let input: [Unicode.Scalar]
    let output: [Unicode.Scalar]
    let redactions: [Redaction]

    init(input: String, output: String, redactions: [Redaction]) {
        self.input = Array(input.unicodeScalars)
        self.output = Array(output.unicodeScalars)
        self.redactions = redactions
    }

    /// Ranges inside the text, sorted, not overlapping; placeholders at their output offsets; the text
    /// between redactions copied unchanged, so the output is exactly the input with the placeholders in.
    func checkLayout() {
        var inputCursor = 0
        var outputCursor = 0
        for (index, redaction) in redactions.enumerated() {
            Invariant.check(
                redaction.start >= inputCursor && redaction.start < redaction.end && redaction.end <= input.count,
                "redaction \(index) spans \(redaction.start)..<\(redaction.end) after \(inputCursor), text \(input.count)"
            )
            let kept = redaction.start - inputCursor
            Invariant.check(
                redaction.outputStart == outputCursor + kept,
                "redaction \(index) starts at output \(redaction.outputStart), expected \(outputCursor + kept)")
            Invariant.check(
                output.count >= redaction.outputStart
                    && output[outputCursor..<redaction.outputStart] == input[inputCursor..<redaction.start],
                "the text before redaction \(index) was not copied unchanged")
            let placeholder = Array(redaction.placeholder.unicodeScalars)
            Invariant.check(
                redaction.outputEnd == redaction.outputStart + placeholder.count && redaction.outputEnd <= output.count
                    && output[redaction.outputStart..<redaction.outputEnd].elementsEqual(placeholder),
                "redaction \(index) (\(redaction.rule)) placeholder not at output \(redaction.outputStart)")
            Invariant.check(
                placeholder.first == "[" && placeholder.last == "]", "redaction \(index) placeholder is not [label N]")
            inputCursor = redaction.end
            outputCursor = redaction.outputEnd
        }
        Invariant.check(
            output.count - outputCursor == input.count - inputCursor
                && output[outputCursor...] == input[inputCursor...],
            "the text after the last redaction was not copied unchanged")
    }

    /// Scrubbing the output again redacts nothing outside the placeholders already there, except (unless
    /// `strict`) within `nearby` scalars of one: a placeholder's brackets can give its neighbour the word
    /// boundary a rule wants ("sam@example.com@nathan" becomes "[email 1]@nathan", and "@nathan" is then a
    /// handle; "07700 900123My husband Daniel" becomes "[phone 1]My husband Daniel", and "My husband" is then
    /// a name's context). That exception is a known gap.
    func checkRescrub(_ again: ScrubResult, strict: Bool) {
        guard again.text != nil else { return }  // held on a match limit: nothing comes out, nothing leaks
        for redaction in again.redactions {
            let inside = redactions.contains {
                $0.outputStart <= redaction.start && redaction.end <= $0.outputEnd
            }
            let touching = redactions.contains {
                $0.outputStart - ScrubInvariants.nearby <= redaction.end
                    && redaction.start <= $0.outputEnd + ScrubInvariants.nearby
            }
            Invariant.check(
                inside || (touching && !strict),
                "a second scrub redacted output \(redaction.start)..<\(redaction.end) with \(redaction.rule)")
        }
    }

    /// No redacted value of 4 or more scalars appears in the output outside the placeholders, except where
    /// the scrubber has a reason to leave that occurrence: an allow rule matches it in the input (`allowed`,
    /// input scalar ranges), it is part of a longer word or number, or the value is not identifying on its own
    /// (`recognisedAlone` is false: a name found only by its context, "my husband Daniel"). The last
    /// exception is a known gap: the scrubber does not carry a value it found to the value's other
    /// occurrences. `strict` drops that exception.
    func checkNoLeak(allowed: [Range<Int>], strict: Bool, recognisedAlone: (String) -> Bool) {
        // The output with each placeholder as a gap (nil), and each kept scalar's input offset.
        var kept: [Unicode.Scalar?] = []
        var origin: [Int] = []
        var inputCursor = 0
        for redaction in redactions {
            for offset in inputCursor..<redaction.start {
                kept.append(input[offset])
                origin.append(offset)
            }
            kept.append(nil)
            origin.append(-1)
            inputCursor = redaction.end
        }
        for offset in inputCursor..<input.count {
            kept.append(input[offset])
            origin.append(offset)
        }
        for (index, redaction) in redactions.enumerated() where redaction.end - redaction.start >= 4 {
            let scalars = input[redaction.start..<redaction.end]
            let value = scalars.map { Optional($0) }
            var from = 0
            var alone: Bool?
            while let found = firstIndex(of: value, in: kept, from: from) {
                from = found + 1
                let span = origin[found]..<(origin[found + value.count - 1] + 1)
                if allowed.contains(where: { $0.contains(span) }) { continue }
                if gluedToWord(span) { continue }
                if !strict {
                    if alone == nil { alone = recognisedAlone(String(String.UnicodeScalarView(scalars))) }
                    if alone == false { continue }
                }
                Invariant.fail("redaction \(index) (\(redaction.rule)) value survives at input \(span)")
            }
        }
    }

    /// True when the input span is part of a longer token: a letter or digit touches it on either side
    /// ("@hDh" inside "D@hDh" is no handle, "0142" inside "01423" is not that number).
    func gluedToWord(_ span: Range<Int>) -> Bool {
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        return (span.lowerBound > 0 && isWord(input[span.lowerBound - 1]))
            || (span.upperBound < input.count && isWord(input[span.upperBound]))
    }

    func firstIndex(of value: [Unicode.Scalar?], in text: [Unicode.Scalar?], from: Int) -> Int? {
        guard value.count <= text.count else { return nil }
        var index = from
        while index + value.count <= text.count {
            if text[index..<(index + value.count)].elementsEqual(value) { return index }
            index += 1
        }
        return nil
    }
}
