/// One unit of text as the terminal will show it: a grapheme cluster, a space, a line break or an inert symbol.
struct Cell: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A printable grapheme cluster from the source text.
        case text
        /// A breakable space (where wrapping may end a line).
        case space
        /// A line break in the source text; never printed.
        case newline
        /// A visible stand-in for a control, bidi or invisible character.
        case inert
    }

    /// What to print: always safe for the terminal.
    var text: String
    /// Columns the text takes.
    var width: Int
    /// Unicode scalar offset of the first source scalar this cell stands for.
    var offset: Int
    /// How many source scalars it stands for.
    var length: Int
    var kind: Kind

    init(_ text: String, width: Int, offset: Int = 0, length: Int = 0, kind: Kind = .text) {
        self.text = text
        self.width = width
        self.offset = offset
        self.length = length
        self.kind = kind
    }
}
