/// Cuts an mboxrd stream into messages at `From ` lines, un-escaping `>From ` lines, and decodes each in turn.
struct MboxSplitter {
    let limits: IntakeLimits

    private var message: [UInt8] = []
    private var number = 0  // the message being gathered; 0 before the first From line
    private var oversizeBytes: Int? = nil

    init(limits: IntakeLimits) {
        self.limits = limits
    }

    private static let from = Array("From ".utf8)

    /// Takes one line; returns the previous message's result when this line starts a new one.
    mutating func consume(_ event: LineStream<some ByteSource>.Event) -> Result<IncomingPost, IntakeFailure>? {
        switch event {
        case .oversize(_, let bytes):
            oversizeBytes = (oversizeBytes ?? message.count) + bytes
            message.removeAll(keepingCapacity: false)
            return nil
        case .line(let line, _):
            if line.starts(with: Self.from) {
                let finished = emit()
                number += 1
                return finished
            }
            if oversizeBytes != nil {
                oversizeBytes! += line.count + 1
                return nil
            }
            // mboxrd: ">From ", ">>From " … lose one ">".
            var body = line[...]
            if let first = body.first, first == UInt8(ascii: ">") {
                let afterQuotes = body.drop(while: { $0 == UInt8(ascii: ">") })
                if afterQuotes.starts(with: Self.from) { body = body.dropFirst() }
            }
            if message.count + body.count + 1 > limits.maxRecordBytes {
                oversizeBytes = message.count + body.count + 1
                message.removeAll(keepingCapacity: false)
                return nil
            }
            message.append(contentsOf: body)
            message.append(0x0A)
        }
        return nil
    }

    /// The last message's result, at the end of the input.
    mutating func finish() -> Result<IncomingPost, IntakeFailure>? {
        emit()
    }

    /// Hands over the gathered message; text before the first From line counts only if it is not blank.
    private mutating func emit() -> Result<IncomingPost, IntakeFailure>? {
        defer {
            message.removeAll(keepingCapacity: true)
            oversizeBytes = nil
        }
        if number == 0 {
            let blank = message.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if blank && oversizeBytes == nil { return nil }
            number = 1  // a message with no From line before it is message 1
        }
        let position = InputPosition.message(number)
        if let bytes = oversizeBytes {
            let reason = IntakeFailureReason.recordTooLarge(bytes: bytes, limit: limits.maxRecordBytes)
            return .failure(IntakeFailure(position: position, reason: reason))
        }
        return EmailMessageDecoder.decode(message, position: position, format: .mbox, limits: limits)
    }
}
