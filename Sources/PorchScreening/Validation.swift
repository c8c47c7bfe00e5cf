import PorchRules

extension Validator {
    /// True when the matched text passes this check.
    func accepts(_ text: Substring) -> Bool {
        switch self {
        case .luhn: return Validator.luhn(digits(of: text))
        case .iban: return Validator.iban(text)
        case .nanp: return Validator.nanp(digits(of: text))
        case .ssn: return Validator.ssn(digits(of: text))
        }
    }

    func digits(of text: Substring) -> [Int] {
        text.unicodeScalars.compactMap { ("0"..."9").contains($0) ? Int($0.value) - 48 : nil }
    }

    static func luhn(_ digits: [Int]) -> Bool {
        guard (12...19).contains(digits.count) else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    static func iban(_ text: Substring) -> Bool {
        let compact = text.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        guard (15...34).contains(compact.count) else { return false }
        let rearranged = Array(compact.dropFirst(4)) + Array(compact.prefix(4))
        var remainder = 0
        for scalar in rearranged {
            if ("0"..."9").contains(scalar) {
                remainder = (remainder * 10 + Int(scalar.value) - 48) % 97
            } else if ("A"..."Z").contains(scalar) {
                remainder = (remainder * 100 + Int(scalar.value) - 55) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    static func nanp(_ digits: [Int]) -> Bool {
        // The main number is the first ten digits after an optional country code 1; any more are an extension.
        var number = digits
        if number.count >= 11, number[0] == 1 { number.removeFirst() }
        guard number.count >= 10 else { return false }
        number = Array(number.prefix(10))
        let area = number[0..<3]
        let exchange = number[3..<6]
        guard area.first! >= 2, exchange.first! >= 2 else { return false }
        // N11 codes (211, 311 … 911) are service codes, not area codes.
        return !(area.dropFirst().allSatisfy { $0 == 1 })
    }

    static func ssn(_ digits: [Int]) -> Bool {
        guard digits.count == 9 else { return false }
        let area = digits[0] * 100 + digits[1] * 10 + digits[2]
        let group = digits[3] * 10 + digits[4]
        let serial = digits[5] * 1000 + digits[6] * 100 + digits[7] * 10 + digits[8]
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }
}
