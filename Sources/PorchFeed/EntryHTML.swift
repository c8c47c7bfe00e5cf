/// Renders cleaned paragraphs as a small, fixed HTML fragment: `<p>` per paragraph, `<br>` per line break,
/// and `<hr>` before the footer. All post text is escaped, so no markup from a post survives.
enum EntryHTML {
    static func render(body: [[String]], footer: [[String]]) -> String {
        var html = paragraphs(body)
        if !footer.isEmpty {
            html += "<hr>" + paragraphs(footer)
        }
        return html
    }

    private static func paragraphs(_ paragraphs: [[String]]) -> String {
        paragraphs.map { lines in
            "<p>" + lines.map(MarkupEscaping.escape).joined(separator: "<br>") + "</p>"
        }.joined()
    }
}
