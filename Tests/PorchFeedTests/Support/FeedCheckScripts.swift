/// Python programs that parse a written feed file independently of our code and print what they found as JSON.
enum FeedCheckScripts {
    /// Shared by both checks: the feedparser import (exit 3 if missing) and an HTML-to-text reader that rebuilds
    /// paragraphs (blank line) and line breaks (newline) and lists every element it met.
    private static let prelude = #"""
        import json, sys, time
        try:
            import feedparser
        except ImportError:
            sys.stderr.write("feedparser is not installed\n")
            sys.exit(3)
        from html.parser import HTMLParser

        class TextOfHTML(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.parts, self.tags = [], []
            def handle_starttag(self, tag, attrs):
                self.tags.append(tag)
                if tag == "p" and self.parts:
                    self.parts.append("\n\n")
                elif tag == "br":
                    self.parts.append("\n")
            def handle_startendtag(self, tag, attrs):
                self.handle_starttag(tag, attrs)
            def handle_data(self, data):
                self.parts.append(data)

        def html_text(html):
            reader = TextOfHTML()
            reader.feed(html)
            reader.close()
            return "".join(reader.parts), reader.tags

        def utc(parsed):
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None

        def parsed_feed(raw):
            parsed = feedparser.parse(raw)
            entries = []
            for entry in parsed.entries:
                content = entry.get("content", [{}])[0]
                text, tags = html_text(content.get("value", ""))
                entries.append({
                    "id": entry.get("id"), "title": entry.get("title"), "author": entry.get("author"),
                    "published": utc(entry.get("published_parsed")), "updated": utc(entry.get("updated_parsed")),
                    "contentType": content.get("type"), "text": text, "tags": tags,
                })
            return {"bozo": bool(parsed.bozo), "problem": str(parsed.get("bozo_exception", "")),
                    "version": parsed.version, "title": parsed.feed.get("title"), "id": parsed.feed.get("id"),
                    "entries": entries}

        """#

    /// Parses an Atom file twice: strictly with `xml.dom.minidom` (raises on any well-formedness error; the
    /// content is read as raw text, un-sanitized) and as a feed reader would with feedparser.
    static let atom =
        prelude + #"""
            import xml.dom.minidom
            raw = open(sys.argv[1], "rb").read()
            document = xml.dom.minidom.parseString(raw)
            root = document.documentElement
            strict = []
            for entry in root.getElementsByTagName("entry"):
                children = [node.tagName for node in entry.childNodes if node.nodeType == node.ELEMENT_NODE]
                content = entry.getElementsByTagName("content")[0]
                nodes = [node.nodeType for node in content.childNodes]
                html = "".join(node.data for node in content.childNodes if node.nodeType == node.TEXT_NODE)
                text, tags = html_text(html)
                strict.append({"children": children, "contentOnlyText": all(n == 3 for n in nodes),
                               "text": text, "tags": tags})
            result = {"rootName": root.tagName, "namespace": root.namespaceURI, "lang": root.getAttribute("xml:lang"),
                      "updated": root.getElementsByTagName("updated")[0].firstChild.data,
                      "strict": strict, "reader": parsed_feed(raw)}
            json.dump(result, sys.stdout)
            """#

    /// Loads a JSON Feed strictly with `json.loads` (constants such as NaN refused) and checks the keys JSON Feed
    /// 1.1 requires. (feedparser 6.0 reads only XML feeds, so it cannot check this one.)
    static let jsonFeed =
        prelude + #"""
            def refuse(name):
                raise ValueError("not JSON: " + name)
            raw = open(sys.argv[1], "rb").read()
            feed = json.loads(raw.decode("utf-8"), parse_constant=refuse)
            missing = []
            if feed.get("version") != "https://jsonfeed.org/version/1.1": missing.append("version")
            if not isinstance(feed.get("title"), str): missing.append("title")
            if not isinstance(feed.get("items"), list): missing.append("items")
            for item in feed.get("items", []):
                if not isinstance(item.get("id"), str): missing.append("items[].id")
                if "content_text" not in item and "content_html" not in item: missing.append("items[].content")
            items = []
            for item in feed.get("items", []):
                text, tags = html_text(item.get("content_html", ""))
                items.append({"keys": sorted(item.keys()), "item": item, "htmlText": text, "tags": tags})
            result = {"missing": missing, "keys": sorted(feed.keys()), "title": feed.get("title"),
                      "items": items}
            json.dump(result, sys.stdout, ensure_ascii=True)
            """#
}
