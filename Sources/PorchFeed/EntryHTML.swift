/// Renders cleaned paragraphs as a small, fixed HTML fragment: `<p>` per paragraph, `<br>` per line break,
/// and `<hr>` before the footer. All post text is escaped, so no markup from a post survives; only the footer,
/// which comes from the group's resource file and never from a post, gets links (`FooterLinks`).
enum EntryHTML {
    static func render(body: [[String]], footer: [[String]]) -> String {
        var html = paragraphs(body, line: MarkupEscaping.escape)
        if !footer.isEmpty {
            html += "<hr>" + paragraphs(footer, line: FooterLinks.html)
        }
        return html
    }

    private static func paragraphs(_ paragraphs: [[String]], line: (String) -> String) -> String {
        paragraphs.map { lines in
            "<p>" + lines.map(line).joined(separator: "<br>") + "</p>"
        }.joined()
    }
}
