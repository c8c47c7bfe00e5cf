import PorchModel
import Testing

/// Where an input range lands in a scrubbed text: the one placement both the screener and the queue use.
@Suite struct PlacedRedactionTests {
    // "call 555-0142 or mail a@example.org now" scrubbed to "call [phone 1] or mail [email 1] now".
    let redactions = [
        StoredRedaction(
            rule: "pii.phone", type: "PHONE", start: 5, end: 13, placeholder: "[phone 1]", outputStart: 5,
            outputEnd: 14),
        StoredRedaction(
            rule: "pii.email", type: "EMAIL", start: 22, end: 35, placeholder: "[email 1]", outputStart: 23,
            outputEnd: 32),
    ]

    @Test func aRangeBeforeEveryRedactionStaysPut() {
        #expect(redactions.outputRange(ofInput: 0, 4) == 0..<4)
    }

    @Test func aRangeAfterARedactionShiftsByItsPlaceholder() {
        // "or" at 14..<16 in the input is at 15..<17 in the output; "now" after both at 36..<39 → 33..<36.
        #expect(redactions.outputRange(ofInput: 14, 16) == 15..<17)
        #expect(redactions.outputRange(ofInput: 36, 39) == 33..<36)
    }

    @Test func aRangeThatStartsOrEndsInsideARedactionTakesTheWholePlaceholder() {
        #expect(redactions.outputRange(ofInput: 0, 8) == 0..<14)
        #expect(redactions.outputRange(ofInput: 8, 16) == 5..<17)
        #expect(redactions.outputRange(ofInput: 5, 13) == 5..<14)
    }

    @Test func noRedactionsMeansTheSameRange() {
        #expect([StoredRedaction]().outputRange(ofInput: 3, 9) == 3..<9)
    }
}
