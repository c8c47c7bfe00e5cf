import Foundation

/// Reads email `Date` headers (RFC 5322 section 3.3, with the obsolete forms of section 4.3).
enum RFC5322Date {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6, "mdt": -6, "mst": -7,
        "pdt": -7, "pst": -8,
    ]

    /// The date, or nil when the header cannot be read; a mail client's broken Date never fails a message.
    static func parse(_ text: String) -> Date? {
        // Drop comments, then split on whitespace and commas.
        var plain = ""
        var depth = 0
        for ch in text {
            if ch == "(" {
                depth += 1
            } else if ch == ")" && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                plain.append(ch == "," ? " " : ch)
            }
        }
        var tokens = plain.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = tokens.first, first.first?.isLetter == true, !months.contains(String(first.prefix(3))) {
            tokens.removeFirst()  // day of week
        }
        guard tokens.count >= 4 else { return nil }
        var dayIndex = 0
        var monthIndex = 1
        if months.contains(String(tokens[0].prefix(3))) {  // "Nov 24 2026" seen from some clients
            dayIndex = 1
            monthIndex = 0
        }
        guard let day = Int(tokens[dayIndex]), let month = months.firstIndex(of: String(tokens[monthIndex].prefix(3))),
            var year = Int(tokens[2])
        else { return nil }
        if tokens[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        let clock = tokens[3].split(separator: ":").map { Int($0) }
        guard clock.count == 2 || clock.count == 3, let hour = clock[0], let minute = clock[1] else { return nil }
        let second = clock.count == 3 ? clock[2] : 0
        guard let second else { return nil }
        var offset = 0
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                let minutes = (value / 100) * 60 + value % 100
                offset = (sign == "-" ? -minutes : minutes) * 60
            } else if let hours = zones[zone] {
                offset = hours * 3_600
            }  // military and unknown zones mean "unknown", read as UTC per RFC 5322 4.3
        }
        return CivilTime.date(
            year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }
}
