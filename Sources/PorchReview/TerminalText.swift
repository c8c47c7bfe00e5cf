/// Makes untrusted text safe and measurable for a terminal: inert symbols for controls, display widths, wrapping.
///
/// Every control character (C0, DEL, C1, so every ESC, CSI, OSC and BEL), bidi control and invisible format
/// character becomes a visible symbol that the terminal cannot interpret:
/// C0 and DEL become control pictures (`␛`, `␇`, `␀`, `␡`), C1 controls `⁇`, bidi controls `⇄`,
/// other invisible characters `◌`. Tabs become a space.
public enum TerminalText {
    /// Shown for a C1 control character (U+0080–U+009F).
    public static let c1Symbol: Character = "\u{2047}"
    /// Shown for a bidi control (embedding, override, isolate, directional marks).
    public static let bidiSymbol: Character = "\u{21C4}"
    /// Shown for a zero-width or otherwise invisible character, and as the base of a stray combining mark.
    public static let invisibleSymbol: Character = "\u{25CC}"

    /// The text on one line, safe to print: line breaks become spaces, controls become inert symbols.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for cell in cells(text) {
            out += cell.kind == .newline ? " " : cell.text
        }
        return out
    }

    /// Columns the text takes once sanitized onto one line.
    public static func displayWidth(_ text: String) -> Int {
        cells(text).reduce(0) { $0 + ($1.kind == .newline ? 1 : $1.width) }
    }

    /// Columns one grapheme cluster takes (emoji sequences 2, East Asian wide 2, combining marks 0).
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            let properties = first.properties
            if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
            if properties.isEmoji
                && scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D || $0.value == 0x20E3 })
            {
                return 2
            }
        }
        return width(of: first)
    }

    /// Columns one scalar takes on its own.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (0x7F...0x9F).contains(value) ? 0 : 1 }
        if WideRanges.contains(value) { return 2 }
        let properties = scalar.properties
        if properties.isEmojiPresentation { return 2 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if properties.isDefaultIgnorableCodePoint { return 0 }
        return 1
    }

    /// The text wrapped to `width` columns: by words, never splitting a grapheme cluster, hard-breaking words
    /// longer than the width; each line sanitized.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap(cells(text), width: width).map { $0.map(\.text).joined() }
    }

    // MARK: - Cells

    /// Splits text into cells, replacing anything unsafe; stops once `maxWidth` columns are filled, if given.
    static func cells(_ text: String, maxWidth: Int? = nil) -> [Cell] {
        var result: [Cell] = []
        var offset = 0
        var used = 0
        for character in text {
            let length = character.unicodeScalars.count
            defer { offset += length }
            if let maxWidth, used >= maxWidth { break }
            switch character {
            case "\n", "\r\n", "\u{2028}", "\u{2029}":
                result.append(Cell("", width: 0, offset: offset, length: length, kind: .newline))
                used += 1
                continue
            case "\t", " ":
                result.append(Cell(" ", width: 1, offset: offset, length: length, kind: .space))
                used += 1
                continue
            case "\u{3000}":
                result.append(Cell("\u{3000}", width: 2, offset: offset, length: length, kind: .space))
                used += 2
                continue
            default:
                break
            }
            if character.unicodeScalars.contains(where: { isUnsafe($0, in: character) }) {
                var scalarOffset = offset
                for scalar in character.unicodeScalars {
                    let cell =
                        isUnsafe(scalar, in: character)
                        ? Cell(
                            String(inertSymbol(for: scalar)), width: 1, offset: scalarOffset, length: 1, kind: .inert)
                        : standalone(scalar, offset: scalarOffset)
                    result.append(cell)
                    used += cell.width
                    scalarOffset += 1
                }
                continue
            }
            let width = width(of: character)
            if width == 0 {
                // A cluster with no base (a combining mark after a line start or an inert symbol): give it one.
                result.append(
                    Cell(String(invisibleSymbol) + String(character), width: 1, offset: offset, length: length))
                used += 1
            } else {
                result.append(Cell(String(character), width: width, offset: offset, length: length))
                used += width
            }
        }
        return result
    }

    private static func standalone(_ scalar: Unicode.Scalar, offset: Int) -> Cell {
        let width = width(of: scalar)
        if width == 0 {
            return Cell(String(invisibleSymbol) + String(scalar), width: 1, offset: offset, length: 1)
        }
        return Cell(String(scalar), width: width, offset: offset, length: 1)
    }

    /// Whether a scalar must not reach the terminal as it is, given the cluster it sits in.
    static func isUnsafe(_ scalar: Unicode.Scalar, in character: Character) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        if value < 0xA0 { return false }
        if isBidiControl(value) { return true }
        let properties = scalar.properties
        guard properties.isDefaultIgnorableCodePoint || properties.generalCategory == .format else { return false }
        let base = character.unicodeScalars.first!
        switch value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF:
            // Variation selectors only choose a glyph for the character before them.
            return base == scalar
        case 0x200D:
            // Zero-width joiner inside an emoji sequence (family, profession, flag variants).
            return !(base.properties.isEmoji && base != scalar)
        case 0xE0020...0xE007F:
            // Tag characters spell subdivision flags after a black flag.
            return base.value != 0x1F3F4
        case 0x200C:
            // Zero-width non-joiner is part of spelling in Arabic-script and Indic text.
            return !(base.value >= 0x0600 && base.properties.isAlphabetic)
        default:
            return true
        }
    }

    static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E
            || value == 0x200F || value == 0x061C
    }

    /// The visible stand-in for an unsafe scalar.
    static func inertSymbol(for scalar: Unicode.Scalar) -> Character {
        let value = scalar.value
        if value < 0x20 { return Character(Unicode.Scalar(0x2400 + value)!) }
        if value == 0x7F { return "\u{2421}" }
        if (0x80...0x9F).contains(value) { return c1Symbol }
        if isBidiControl(value) { return bidiSymbol }
        return invisibleSymbol
    }

    // MARK: - Wrapping

    /// Lines of cells no wider than `width`, breaking at spaces where possible and inside words where not.
    static func wrap(_ cells: [Cell], width: Int) -> [[Cell]] {
        let width = max(width, 2)
        var lines: [[Cell]] = []
        var line: [Cell] = []
        var lineWidth = 0
        var pendingSpaces: [Cell] = []
        var word: [Cell] = []

        func spacesWidth() -> Int { pendingSpaces.reduce(0) { $0 + $1.width } }
        func flushLine() {
            lines.append(line)
            line = []
            lineWidth = 0
            pendingSpaces = []
        }
        func placeWord() {
            guard !word.isEmpty else { return }
            let wordWidth = word.reduce(0) { $0 + $1.width }
            if lineWidth + spacesWidth() + wordWidth <= width {
                line += pendingSpaces
                lineWidth += spacesWidth()
            } else if wordWidth <= width || line.isEmpty {
                if !line.isEmpty { flushLine() }
            } else {
                // A word longer than the width starts here and is broken where the line is full.
                if lineWidth + spacesWidth() < width {
                    line += pendingSpaces
                    lineWidth += spacesWidth()
                } else {
                    flushLine()
                }
            }
            pendingSpaces = []
            for cell in word {
                if lineWidth + cell.width > width && !line.isEmpty { flushLine() }
                line.append(cell)
                lineWidth += cell.width
            }
            word = []
        }

        for cell in cells {
            switch cell.kind {
            case .newline:
                placeWord()
                flushLine()
            case .space:
                placeWord()
                pendingSpaces.append(cell)
            case .text, .inert:
                word.append(cell)
            }
        }
        placeWord()
        if !line.isEmpty || lines.isEmpty { flushLine() }
        return lines
    }
}
