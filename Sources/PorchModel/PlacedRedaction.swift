/// A span replaced in a text: where it was in the input (`start`, `end`) and where its placeholder stands in the
/// output (`outputStart`, `outputEnd`), as Unicode scalar offsets, end exclusive.
public protocol PlacedRedaction {
    var start: Int { get }
    var end: Int { get }
    var outputStart: Int { get }
    var outputEnd: Int { get }
}

extension Sequence where Element: PlacedRedaction {
    /// Where an input range lies in the output text these redactions made (the sequence in input order): shifted by
    /// the placeholders before it, and widened to a whole placeholder where it starts or ends inside one.
    public func outputRange(ofInput start: Int, _ end: Int) -> Range<Int> {
        let from = outputOffset(ofInput: start, isEnd: false)
        return from..<Swift.max(from, outputOffset(ofInput: end, isEnd: true))
    }

    private func outputOffset(ofInput offset: Int, isEnd: Bool) -> Int {
        var shift = 0
        for redaction in self {
            if offset <= redaction.start { break }
            if offset < redaction.end { return isEnd ? redaction.outputEnd : redaction.outputStart }
            shift = redaction.outputEnd - redaction.end
        }
        return offset + shift
    }
}
