/// The character sets intake decodes, by their MIME labels: the common ones by hand, every other one the C
/// library's iconv knows (`Iconv`); an unknown label is never guessed.
enum Charset: Equatable {
    case utf8
    case usASCII
    case windows1252  // also read for iso-8859-1, as mail clients and browsers do
    case iso885915
    /// Any other charset iconv converts, by its label as the message wrote it (letters, digits and `-_.:`).
    case iconv(String)

    /// The charset for a MIME label, or nil when intake does not know it.
    init?(label: String) {
        var name = label.lowercased().trimmingCharacters(in: " \t\"'")
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }  // RFC 2231 language suffix
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
        case "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "iso-ir-6", "cp367", "ibm367": self = .usASCII
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1", "cp819",
            "ibm819", "iso-ir-100", "windows-1252", "cp1252", "x-cp1252", "cp-1252":
            self = .windows1252
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9": self = .iso885915
        default:
            guard Iconv.knows(name) else { return nil }
            self = .iconv(name)
        }
    }

    var name: String {
        switch self {
        case .utf8: return "UTF-8"
        case .usASCII: return "US-ASCII"
        case .windows1252: return "windows-1252"
        case .iso885915: return "ISO-8859-15"
        case .iconv(let label): return label.uppercased()
        }
    }

    /// The text with what is not valid in this charset read as U+FFFD, and how many bytes that was.
    func decodeReplacing(_ bytes: [UInt8]) -> (text: String, invalid: Int) {
        if let text = decode(bytes) { return (text, 0) }
        switch self {
        case .iconv(let label):
            return Iconv.decode(bytes, from: label) ?? (String(decoding: bytes, as: UTF8.self), bytes.count)
        default:
            let repair = UTF8Validation.repaired(bytes)
            return (repair?.text ?? String(decoding: bytes, as: UTF8.self), repair?.replaced ?? 0)
        }
    }

    /// The text, or nil when the bytes are not valid in this charset.
    func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .iconv(let label):
            guard let (text, invalid) = Iconv.decode(bytes, from: label), invalid == 0 else { return nil }
            return text
        case .utf8:
            return UTF8Validation.string(bytes)
        case .usASCII:
            // Mislabelled 8-bit text is common; read it as UTF-8 when it is, else as windows-1252 like browsers.
            if let text = UTF8Validation.string(bytes) { return text }
            return Charset.windows1252.decode(bytes)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte >= 0x80 && byte <= 0x9F {
                    scalars.append(Unicode.Scalar(Charset.cp1252High[Int(byte - 0x80)])!)
                } else {
                    scalars.append(Unicode.Scalar(byte))
                }
            }
            return String(scalars)
        case .iso885915:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                let value: UInt32
                switch byte {
                case 0xA4: value = 0x20AC
                case 0xA6: value = 0x0160
                case 0xA8: value = 0x0161
                case 0xB4: value = 0x017D
                case 0xB8: value = 0x017E
                case 0xBC: value = 0x0152
                case 0xBD: value = 0x0153
                case 0xBE: value = 0x0178
                default: value = UInt32(byte)
                }
                scalars.append(Unicode.Scalar(value)!)
            }
            return String(scalars)
        }
    }

    /// windows-1252 bytes 0x80–0x9F (the five unassigned bytes map to the C1 controls, as WHATWG does).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The label as it may appear in a message: a registered charset name intake does not decode, else nil.
    static func displayLabel(_ label: String) -> String? {
        let name = label.lowercased().trimmingCharacters(in: " \t\"'")
        return unsupportedRegistered.contains(name) ? name : nil
    }

    /// Registered charsets seen in mail that intake refuses; only these names are ever repeated in a failure.
    private static let unsupportedRegistered: Set<String> = {
        var names: Set<String> = [
            "koi8-r", "koi8-u", "shift_jis", "shift-jis", "sjis", "euc-jp", "iso-2022-jp", "euc-kr", "iso-2022-kr",
            "ks_c_5601-1987", "gb2312", "gbk", "gb18030", "big5", "big5-hkscs", "utf-16", "utf-16le", "utf-16be",
            "utf-32", "utf-32le", "utf-32be", "utf-7", "macintosh", "tis-620", "ibm866", "cp866", "viscii",
            "x-mac-roman", "windows-874", "iso-2022-cn", "hz-gb-2312",
        ]
        for n in [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16] {
            names.insert("iso-8859-\(n)")
            names.insert("iso8859-\(n)")
        }
        for n in [1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258] {
            names.insert("windows-\(n)")
            names.insert("cp\(n)")
        }
        return names
    }()
}
