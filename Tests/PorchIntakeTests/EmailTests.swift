import Foundation
import Testing

@testable import PorchIntake

@Suite struct EmailTests {
    @Test func plainMessageWithHeadersAndSignature() throws {
        let post = try #require(Samples.decodeEmail(Samples.plainEmail).post)
        #expect(
            post.text
                == "Three weeks in and the night feeds are breaking me.\nDoes anyone else cry in the car before daycare pickup?"
        )
        #expect(post.signatureLinesRemoved == 5)
        #expect(post.subject == "Night feeds are breaking me")
        #expect(post.author == Author(name: "Quintero, Marisol", address: "marisol.q@example.net"))
        #expect(post.externalID == "20261124060155.4411@mail.example.net")
        #expect(post.submittedAt == Date(timeIntervalSince1970: 1_795_500_115))
        #expect(post.position == .whole)
        #expect(post.format == .email)
    }

    @Test func crlfMessageDecodesLikeLF() throws {
        let lf = try #require(Samples.decodeEmail(Samples.plainEmail).post)
        let crlf = try #require(Samples.decodeEmail(Samples.crlf(Samples.plainEmail)).post)
        #expect(crlf.text == lf.text)
        #expect(crlf.subject == lf.subject)
        #expect(crlf.author == lf.author)
        #expect(crlf.submittedAt == lf.submittedAt)
    }

    @Test func longSignatureTailIsKeptAsText() throws {
        let message = """
            From: jo@example.org
            Subject: list

            My list for tonight:
            -- 
            1 feed
            2 change
            3 rock
            4 feed
            5 cry
            6 sleep
            7 repeat
            """
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(post.text.hasSuffix("7 repeat"))
        #expect(post.signatureLinesRemoved == 0)
    }

    @Test func quotedPrintableSoftBreaksAndEscapes() throws {
        let message = """
            From: Ana <ana@example.org>
            Subject: QP
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Caf=C3=A9 meetup for parents on Thursday, bring the little ones, there i=
            s a play corner =3D bonus.   \r
            Ends with encoded space=20
            Lowercase hex =c3=a9 too
            """
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(
            post.text
                == "Café meetup for parents on Thursday, bring the little ones, there is a play corner = bonus.\nEnds with encoded space \nLowercase hex é too"
        )
    }

    @Test func quotedPrintableKeepsEncodedSpaceInsideTheText() throws {
        #expect(try TransferEncoding.quotedPrintable(Samples.bytes("a=20\nb")) == Samples.bytes("a \nb"))
        #expect(try TransferEncoding.quotedPrintable(Samples.bytes("soft=  \r\nbreak")) == Samples.bytes("softbreak"))
        #expect(throws: TransferEncoding.Problem.self) { try TransferEncoding.quotedPrintable(Samples.bytes("1=Z2")) }
    }

    @Test func badQuotedPrintableFailsTheMessage() {
        let message = """
            From: a@example.org
            Content-Transfer-Encoding: quoted-printable

            Half an escape =4
            """
        #expect(Samples.decodeEmail(message).failure?.reason == .undecodableMessage(.invalidQuotedPrintable))
    }

    @Test func base64WithLineBreaks() throws {
        let body = "Our toddler finally said her first word today. It was \"no\". Proud and terrified. ❤️"
        let encoded = Data(body.utf8).base64EncodedString(options: .lineLength64Characters)
        #expect(encoded.contains("\r\n"))
        let message = """
            From: proud.parent@example.com
            Subject: first word
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: BASE64

            \(encoded)
            """
        #expect(try #require(Samples.decodeEmail(message).post).text == body)
    }

    @Test func base64Rules() throws {
        #expect(try TransferEncoding.base64(Samples.bytes("aGk")) == Samples.bytes("hi"))
        #expect(try TransferEncoding.base64(Samples.bytes("aGk=\n")) == Samples.bytes("hi"))
        #expect(throws: TransferEncoding.Problem.self) { try TransferEncoding.base64(Samples.bytes("aGk*")) }
        #expect(throws: TransferEncoding.Problem.self) { try TransferEncoding.base64(Samples.bytes("aGkhi")) }
        #expect(throws: TransferEncoding.Problem.self) { try TransferEncoding.base64(Samples.bytes("aG=k")) }
    }

    @Test func badBase64FailsTheMessage() {
        let message = """
            From: a@example.org
            Content-Transfer-Encoding: base64

            SGVsbG8gd29ybGQ!!!
            """
        #expect(Samples.decodeEmail(message).failure?.reason == .undecodableMessage(.invalidBase64))
    }

    @Test func encodedWordsInFromAndSubject() throws {
        let message = """
            From: =?UTF-8?B?UmVuw6llIEzDs3Bleg==?= <renee@example.org>
            Subject: =?iso-8859-1?Q?Caf=E9_pour_les_parents?= et
             =?windows-1252?Q?=93vrais=94_soucis?= =?utf-8?q?_na=C3=AF?=
             =?utf-8?b?dmU=?= =?us-ascii?Q?!?=

            Body.
            """
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(post.author == Author(name: "Renée López", address: "renee@example.org"))
        #expect(post.subject == "Café pour les parents et “vrais” soucis naïve!")
    }

    @Test func encodedWordSplitInsideACharacterJoinsUp() throws {
        // "é" is C3 A9 in UTF-8; a sender split it across two encoded words.
        let subject = try EncodedWords.decode("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=")
        #expect(subject == "café")
        #expect(try EncodedWords.decode("not =?an encoded word") == "not =?an encoded word")
    }

    @Test func unknownCharsetIsReadAndHeldWithoutRepeatingTheLabel() throws {
        let body = """
            From: a@example.org
            Content-Type: text/plain; charset="x-made-up-8"

            Text.
            """
        let post = try #require(Samples.decodeEmail(body).post)
        #expect(post.text == "Text.")
        let reason = try #require(post.holdReason)
        #expect(reason.contains("charset Porch does not know"))
        #expect(!reason.contains("x-made-up-8"))
    }

    @Test func charsetsIconvKnowsAreDecoded() throws {
        let header = """
            From: a@example.org
            Subject: =?koi8-r?B?8NLJ18XU?=

            Text.
            """
        let russian = try #require(Samples.decodeEmail(header).post)
        #expect(russian.subject == "Привет")
        #expect(russian.holdReason == nil)
        // "Dzień dobry" in iso-8859-2 (ń is 0xF1 there), and the same in koi8-r's neighbour windows-1251.
        let polish =
            Samples.bytes("From: a@example.org\nContent-Type: text/plain; charset=iso-8859-2\n\nDzie") + [0xF1]
            + Samples.bytes(" dobry\n")
        let decoded = try #require(EmailMessageDecoder.decode(polish).post)
        #expect(decoded.text == "Dzień dobry")
        #expect(decoded.holdReason == nil)
        let cyrillic =
            Samples.bytes("From: a@example.org\nContent-Type: text/plain; charset=windows-1251\n\n")
            + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        #expect(EmailMessageDecoder.decode(cyrillic).post?.text == "Привет")
    }

    @Test func bodyNotValidInItsDeclaredCharsetIsReadWithAReplacementAndHeld() throws {
        let bytes =
            Samples.bytes("From: a@example.org\nContent-Type: text/plain; charset=utf-8\n\nCaf") + [0xE9, 0x0A]
        let post = try #require(EmailMessageDecoder.decode(bytes).post)
        #expect(post.text == "Caf\u{FFFD}")
        #expect(post.holdReason?.contains("1 byte(s) were not valid UTF-8") == true)
    }

    @Test func latin1AndUndeclaredEightBitBodies() throws {
        let latin1 = Samples.bytes("From: a@example.org\nContent-Type: text/plain; charset=ISO-8859-1\n\nCaf") + [0xE9]
        #expect(EmailMessageDecoder.decode(latin1).post?.text == "Café")
        let cp1252 =
            Samples.bytes("From: a@example.org\nContent-Type: text/plain; charset=cp1252\n\n") + [
                0x93, 0x68, 0x69, 0x94, 0x80,
            ]
        #expect(EmailMessageDecoder.decode(cp1252).post?.text == "“hi”€")
        let undeclaredUTF8 = Samples.bytes("From: a@example.org\n\nCafé")
        #expect(EmailMessageDecoder.decode(undeclaredUTF8).post?.text == "Café")
        let undeclared1252 = Samples.bytes("From: a@example.org\n\nCaf") + [0xE9]
        #expect(EmailMessageDecoder.decode(undeclared1252).post?.text == "Café")
    }

    static let nested = """
        From: Support Circle Bot <bot@example.org>
        Subject: nested
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer-b"

        This is a multi-part message in MIME format.

        --outer-b
        Content-Type: multipart/alternative;
         boundary=inner-b

        --inner-b
        Content-Type: text/html; charset=utf-8

        <p>HTML version that should <b>not</b> win</p>
        --inner-b
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        We lost the pregnancy at 11 weeks. I don=E2=80=99t know who to tell.
        --inner-b--

        --outer-b
        Content-Type: image/jpeg; name="scan.jpg"
        Content-Disposition: attachment; filename="scan.jpg"
        Content-Transfer-Encoding: base64

        /9j/4AAQSkZJRgABAQAAAQABAAD/
        --outer-b
        Content-Type: text/plain; name="notes.txt"
        Content-Disposition: attachment; filename="notes.txt"

        attached notes are not the post
        --outer-b--
        Epilogue that is ignored.
        """

    @Test func nestedMultipartPrefersThePlainAlternativeAndIgnoresAttachments() throws {
        for message in [Self.nested, Samples.crlf(Self.nested)] {
            let post = try #require(Samples.decodeEmail(message).post)
            // The attached notes are not read, but the moderator is told they came.
            let mention = "\n\n[1 text attachment(s) not read]"
            #expect(post.text == "We lost the pregnancy at 11 weeks. I don’t know who to tell." + mention)
            #expect(post.author == Author(name: "Support Circle Bot", address: "bot@example.org"))
        }
    }

    @Test func htmlOnlyMessageIsReducedToReadableText() throws {
        let message = """
            From: forum@example.org
            Content-Type: text/html; charset=utf-8

            <html><head><title>Ignored title</title><style>p { color: red; }</style>
            <script>var hidden = "<p>not text</p>";</script></head>
            <body><!-- a comment -->
            <h1>Tough   week</h1><p>My son&#39;s NICU stay is &#x1F62D; long&hellip;<br>Day&nbsp;12 &amp; counting.</p>
            <ul><li>Feeds</li><li>Pumping &lt;every&gt; 3h</li></ul>
            <div>Thanks for &quot;listening&quot; &unknown; &#0;</div>
            </body></html>
            """
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(
            post.text
                == "Tough week\n\nMy son's NICU stay is 😭 long…\nDay 12 & counting.\n\n- Feeds\n- Pumping <every> 3h\nThanks for \"listening\" &unknown; \u{FFFD}"
        )
    }

    @Test func messageWithOnlyAnAttachmentIsQuarantined() throws {
        let message = """
            From: a@example.org
            Content-Type: multipart/mixed; boundary=zz

            --zz
            Content-Type: application/pdf; name="discharge.pdf"
            Content-Disposition: attachment; filename="discharge.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --zz--
            """
        // Quarantined, not bounced: a held record that says what came, never the file's name.
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(post.text == "[a message with no text Porch can read; 1 attachment(s): application/pdf]")
        #expect(!post.text.contains("discharge"))
        #expect(post.holdReason?.contains("no text Porch can read") == true)
    }

    @Test func textAttachmentsAreMentionedAndInlineTextWithANameIsRead() throws {
        let message = """
            From: a@example.org
            Content-Type: multipart/mixed; boundary=zz

            --zz
            Content-Type: text/plain; charset=utf-8; name="note.txt"
            Content-Disposition: inline; filename="note.txt"

            The inline part is the post.
            --zz
            Content-Type: text/plain; name="diary.txt"
            Content-Disposition: attachment; filename="diary.txt"

            Attached words.
            --zz--
            """
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(post.text == "The inline part is the post.\n\n[1 text attachment(s) not read]")
        #expect(post.holdReason == nil)
        let noSubtype = "From: a@example.org\nContent-Type: text\n\nRFC 2045 says text/plain.\n"
        #expect(Samples.decodeEmail(noSubtype).post?.text == "RFC 2045 says text/plain.")
    }

    @Test func brokenMultipartStructureIsReadAsPlainText() {
        let noBoundary = "From: a@example.org\nContent-Type: multipart/mixed\n\n--x\n\nhi\n--x--\n"
        #expect(Samples.decodeEmail(noBoundary).post?.text.contains("hi") == true)
        let missing = "From: a@example.org\nContent-Type: multipart/mixed; boundary=abc\n\nno delimiters here\n"
        #expect(Samples.decodeEmail(missing).post?.text == "no delimiters here")
        let cte = "From: a@example.org\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n"
        #expect(Samples.decodeEmail(cte).failure?.reason == .undecodableMessage(.unknownTransferEncoding("x-uuencode")))
    }

    @Test func multipartWithoutClosingDelimiterStillDecodes() throws {
        let message =
            "From: a@example.org\nContent-Type: multipart/mixed; boundary=b1\n\n--b1\n\nTruncated but readable\n"
        #expect(try #require(Samples.decodeEmail(message).post).text == "Truncated but readable")
    }

    @Test func notAMessageFails() {
        #expect(Samples.decodeEmail("").failure?.reason == .undecodableMessage(.empty))
        #expect(
            Samples.decodeEmail("Hi all, I just wanted: to say thanks").failure?.reason
                == .undecodableMessage(.noHeaders))
        #expect(Samples.decodeEmail("From: a@example.org\n\n  \n").failure?.reason == .emptyPost)
    }

    @Test func envelopeLineFromADeliveryAgentIsSkipped() throws {
        let message = "From a@example.org Tue Nov 24 06:00:00 2026\nFrom: a@example.org\nSubject: hi\n\nHello"
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(post.subject == "hi")
        #expect(post.text == "Hello")
    }

    @Test(arguments: [
        ("Jamie Rivera <jamie@example.org>", Author(name: "Jamie Rivera", address: "jamie@example.org")),
        (
            "\"Rivera, Jamie (night shift)\" <jamie@example.org>",
            Author(name: "Rivera, Jamie (night shift)", address: "jamie@example.org")
        ),
        ("jamie@example.org (Jamie Rivera)", Author(name: "Jamie Rivera", address: "jamie@example.org")),
        ("jamie@example.org", Author(address: "jamie@example.org")),
        ("<jamie@example.org>", Author(address: "jamie@example.org")),
        ("Jamie (mum of two) <jamie@example.org>", Author(name: "Jamie", address: "jamie@example.org")),
        (
            "\"Jamie \\\"JR\\\" Rivera\" <jamie@example.org>, other@example.org",
            Author(name: "Jamie \"JR\" Rivera", address: "jamie@example.org")
        ),
        ("=?ISO-8859-1?Q?Jos=E9?= <jose@example.org>", Author(name: "José", address: "jose@example.org")),
        ("Jamie Rivera jamie@example.org", Author(address: "jamie@example.org")),
        ("Parents Group: jamie@example.org, sam@example.org;", Author(address: "jamie@example.org")),
    ])
    func fromHeaderForms(_ header: String, _ expected: Author) throws {
        #expect(try MailboxParser.parse(header) == expected)
    }

    @Test func formatFlowedLinesAreJoined() throws {
        let message = """
            From: a@example.org
            Content-Type: text/plain; charset=utf-8; format=flowed

            This paragraph was wrapped by the mail client \r
            and continues here.
             From the stuffed line.
            """
        let post = try #require(Samples.decodeEmail(message).post)
        #expect(
            post.text == "This paragraph was wrapped by the mail client and continues here.\nFrom the stuffed line.")
    }

    @Test func obsoleteAndOddDates() {
        #expect(RFC5322Date.parse("24 Nov 2026 07:01 +0100") == Date(timeIntervalSince1970: 1_795_500_060))
        #expect(
            RFC5322Date.parse("Tue, 24 Nov 26 06:01:55 GMT (comment)") == Date(timeIntervalSince1970: 1_795_500_115))
        #expect(RFC5322Date.parse("Mon, 23 Nov 2026 22:01:55 PST") == Date(timeIntervalSince1970: 1_795_500_115))
        #expect(RFC5322Date.parse("yesterday-ish") == nil)
        #expect(RFC5322Date.parse("31 Feb 2026 10:00:00 +0000") == nil)
    }

    @Test func unreadableDateLeavesSubmittedAtEmptyButKeepsThePost() throws {
        let post = try #require(Samples.decodeEmail("From: a@example.org\nDate: sometime\n\nHi").post)
        #expect(post.submittedAt == nil)
        #expect(post.text == "Hi")
    }
}
