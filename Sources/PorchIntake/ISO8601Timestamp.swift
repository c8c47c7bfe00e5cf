import Foundation

/// Reads RFC 3339 / ISO 8601 date-times such as `2026-11-20T08:15:00Z` or `2026-11-20 08:15:00.250+01:00`.
enum ISO8601Timestamp {
    /// The date, or nil unless the text is a full date and time with a zone (`Z` or `±hh:mm`).
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            i += digits
            return value
        }
        func expect(_ chars: Character...) -> Bool {
            guard i < b.count, chars.contains(where: { $0.asciiValue == b[i] }) else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("T", "t", " "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        var fraction = 0.0
        if i < b.count && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if expect("Z", "z") {
            offset = 0
        } else if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let hours = number(2) else { return nil }
            _ = expect(":")
            guard let minutes = number(2), hours <= 23, minutes <= 59 else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        return CivilTime.date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction,
            offsetSeconds: offset)
    }
}
