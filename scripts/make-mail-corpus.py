#!/usr/bin/env python3
"""Writes Tests/MailCorpus: invented messages of the kinds mail readers read and Porch once
refused (charsets beyond Latin-1, RFC 2045 defaults, inline text parts with a file name, broken multipart
boundaries). MailReadingTests compares the text Porch reads from each with what Python's email package reads.
Every message here is written for Porch; run this script to rebuild them."""
import base64
import os
import quopri

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "MailCorpus")

HEAD = "From: Member <member@example.org>\nTo: group@porch.example.org\nSubject: {subject}\nMIME-Version: 1.0\n"


def message(name, subject, headers, body):
    data = (HEAD.format(subject=subject) + headers + "\n").encode("ascii") + body
    with open(os.path.join(HERE, name + ".eml"), "wb") as f:
        f.write(data)


def main():
    os.makedirs(HERE, exist_ok=True)
    message("01-plain", "nights", "Content-Type: text/plain; charset=us-ascii\n",
            b"The nights are long but the mornings are getting easier.\n")
    polish = "Dzień dobry, nie śpię od trzech nocy i czuję się bardzo źle.\n"
    message("02-iso-8859-2-qp", "noc", "Content-Type: text/plain; charset=iso-8859-2\n"
            "Content-Transfer-Encoding: quoted-printable\n", quopri.encodestring(polish.encode("iso-8859-2")))
    russian = "Добрый вечер. Малыш не спит, я очень устала.\n"
    message("03-koi8-r-base64", "noch", "Content-Type: text/plain; charset=koi8-r\n"
            "Content-Transfer-Encoding: base64\n", base64.encodebytes(russian.encode("koi8-r")))
    message("04-windows-1251-8bit", "noch", "Content-Type: text/plain; charset=windows-1251\n"
            "Content-Transfer-Encoding: 8bit\n", "Спасибо всем за поддержку.\n".encode("cp1251"))
    message("05-text-without-subtype", "rfc 2045", "Content-Type: text\n",
            b"A type with no subtype is read as text/plain.\n")
    message("06-inline-text-with-filename", "inline", "Content-Type: multipart/mixed; boundary=\"b1\"\n",
            b"--b1\nContent-Type: text/plain; charset=utf-8; name=\"post.txt\"\n"
            b"Content-Disposition: inline; filename=\"post.txt\"\n\n"
            b"This inline part with a file name is the post.\n"
            b"--b1\nContent-Type: application/pdf; name=\"scan.pdf\"\nContent-Disposition: attachment;"
            b" filename=\"scan.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b1--\n")
    message("07-text-with-name-only", "named", "Content-Type: multipart/mixed; boundary=\"b2\"\n",
            b"--b2\nContent-Type: text/plain; charset=utf-8; name=\"note.txt\"\n\n"
            b"A text part that names a file but is not an attachment.\n--b2--\n")
    message("08-alternative", "alt", "Content-Type: multipart/alternative; boundary=\"b3\"\n",
            b"--b3\nContent-Type: text/plain; charset=utf-8\n\nPlain words first.\n"
            b"--b3\nContent-Type: text/html; charset=utf-8\n\n<p>Plain words first.</p>\n--b3--\n")
    message("09-boundary-never-appears", "broken", "Content-Type: multipart/mixed; boundary=\"gone\"\n",
            b"The sending program forgot its boundaries; this is all there is.\n")
    message("10-iso-8859-15", "euro", "Content-Type: text/plain; charset=iso-8859-15\n"
            "Content-Transfer-Encoding: 8bit\n", "Nappies cost 20 € a week now.\n".encode("iso-8859-15"))
    message("11-shift-jis", "yoru", "Content-Type: text/plain; charset=shift_jis\n"
            "Content-Transfer-Encoding: base64\n", base64.encodebytes("夜泣きがつらいです。\n".encode("shift_jis")))
    message("12-iso-8859-7", "nychta", "Content-Type: text/plain; charset=iso-8859-7\n"
            "Content-Transfer-Encoding: quoted-printable\n",
            quopri.encodestring("Καλησπέρα, δεν κοιμάμαι καθόλου.\n".encode("iso-8859-7")))
    message("13-multipart-without-boundary", "broken", "Content-Type: multipart/mixed\n",
            b"No boundary was declared, so this body is read as it stands.\n")


if __name__ == "__main__":
    main()
