/// A key the moderator pressed, decoded from terminal input bytes.
public enum Key: Hashable, Sendable {
    /// Printable text: a letter, digit, punctuation or any other character typed (UTF-8 decoded).
    case character(Character)
    case up, down, left, right, home, end, pageUp, pageDown, insert, delete
    case enter, escape, backspace, tab, backTab
    /// A control chord: `.control("c")` is Ctrl-C.
    case control(Character)
    /// An escape sequence or byte this program does not use.
    case unknown
}
