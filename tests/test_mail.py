"""E-mail import: the five real files in fixtures/real/emails, and made-up awkward messages."""

import mailbox
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mediate.domain.threads import thread_order
from mediate.importers.mail import html_to_text, read_mail
from mediate.importers.problems import BadInput

REAL = Path(__file__).parent / "fixtures" / "real" / "emails"


def one(path):
    messages, notices = read_mail(path)
    assert len(messages) == 1
    return messages[0], [str(n) for n in notices]


def attachments(message):
    return [(a.name, a.size, a.content_type) for a in message.attachments]


def write(tmp_path, name, text, encoding="utf-8"):
    """A message file with CRLF line ends, as mail programs save them."""
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


# --- the real files ----------------------------------------------------------------------------


def test_imaptools_pdf_attachment_raw_utf8_subject_and_mbox_from_line():
    message, notices = one(REAL / "imaptools-attachment_pdf.eml")
    assert message.subject == "Another PDF with 🎉 Unicode chars in it 🍿"
    assert message.sender == "Test Tester <xxxx@xxxx.com>"
    assert message.to == ("xxxx@xxxx.com", "xxxx@xxxx.com")
    assert message.cc == ()
    assert message.sent_at == datetime(
        2005, 5, 10, 11, 26, 39, tzinfo=timezone(-timedelta(hours=6))
    )
    assert message.message_id == "<xxxx@xxxx.com>"
    assert message.body == (
        "Just attaching another PDF, here, to see what the message looks like,\n"
        "and to see if I can figure out what is going wrong here."
    )
    assert attachments(message) == [("broken.pdf", 1026, "application/pdf")]
    assert message.source == "imaptools-attachment_pdf.eml"
    assert notices == []


def test_imaptools_forwarded_message_is_an_attachment_named_by_its_subject():
    message, notices = one(REAL / "imaptools-forwarded_message.eml")
    assert message.subject == "статус"
    assert message.sender == "i.kor@company.ru"
    assert message.to == (
        "Jessica Schmidt <jessica.schmidt@uni.de>",
        "Rabea.Bartölke@uni.de <я你Rabea.Bartölke@uni.de>",  # raw UTF-8 bytes in the address
    )
    assert message.sent_at.isoformat() == "2017-10-12T09:41:56+05:00"
    assert message.message_id == "<2405271c-86ac-0a65-e50c-d1ebccfcc644@company.ru>"
    assert message.in_reply_to == "<20171011085432.15374.20485@web.hades.company>"
    assert message.references == ()
    # the sender's own text part is empty; the forwarded order text stays in the attachment
    assert message.body == ""
    assert attachments(message) == [("статус", 1947, "message/rfc822")]
    assert notices == [
        "imaptools-forwarded_message.eml: To: malformed header: "
        "local-part contains non-ASCII characters) (NonASCIILocalPartDefect)",
        "imaptools-forwarded_message.eml: To: malformed header: "
        "Non-ASCII characters found in header token (UndecodableBytesDefect)",
    ]


def test_flanker_rfc2047_subject_in_two_scripts():
    message, notices = one(REAL / "flanker-bilingual-simple.eml")
    assert message.subject == "Simple text. How are you? Как ты поживаешь?"
    assert message.sender == "Hello <hello@example.com>"
    assert message.to == ("bob@example.com",)
    assert message.sent_at == datetime(2010, 2, 7, 14, 2, 38, tzinfo=timezone(-timedelta(hours=8)))
    assert message.message_id == "<341090.85574.qm@web50704.mail.re2.yahoo.com>"
    assert message.body == "This line is in English\nА эта линия по-русски."
    assert message.attachments == ()
    assert notices == []


def test_flanker_missing_final_boundary_is_read_with_notices():
    message, notices = one(REAL / "flanker-missing-final-boundary.eml")
    assert message.subject == "Test"
    assert message.sender == "me@example.com"
    assert message.to == ("bob@example.com", "hithere@example.com")
    assert message.body == "Some body"
    assert message.attachments == ()
    assert message.sent_at is None
    assert notices == [
        "flanker-missing-final-boundary.eml: multipart/alternative part: "
        "the final MIME boundary is missing; read up to the end (CloseBoundaryNotFoundDefect)",
        "flanker-missing-final-boundary.eml: Date: the message has no date",
    ]


def test_cpython_mbox_keeps_an_unescaped_from_line_in_the_body():
    path = REAL / "cpython-mailbox_01.mbox"
    # mailbox.mbox splits at every "From " line and so makes a second, empty message of it
    assert len(mailbox.mbox(path, create=False)) == 2
    messages, notices = read_mail(path)
    assert len(messages) == 1
    (message,) = messages
    assert message.subject == "unquoted From in body; extra info on From line"
    assert message.sender == "foo"
    assert message.body == "Hello\n\nFrom time to time"
    assert message.sent_at is None
    assert message.source == "cpython-mailbox_01.mbox#1"
    assert [str(n) for n in notices] == [
        "cpython-mailbox_01.mbox#1: From: malformed header: "
        "addr-spec local part with no domain (InvalidHeaderDefect)",
        "cpython-mailbox_01.mbox#1: Date: the message has no date",
    ]


# --- made-up messages --------------------------------------------------------------------------


def test_html_only_message_becomes_readable_text(tmp_path):
    path = write(
        tmp_path,
        "html.eml",
        "From: a@x.example\nSubject: Reminder\nDate: Tue, 14 Apr 2026 10:00:00 +0200\n"
        "Content-Type: text/html; charset=utf-8\n\n"
        "<html><head><title>Mail</title><style>p { color: red }</style></head><body>\n"
        "<p>Dear   client,</p>\n<p>Invoice &amp; costs: <b>&euro;&nbsp;540</b><br>Regards</p>"
        "<script>alert('x')</script><ul><li>hours</li><li>travel</li></ul>"
        "<!-- a comment --></body></html>\n",
    )
    message, notices = one(path)
    assert message.body == ("Dear client,\n\nInvoice & costs: € 540\nRegards\n\n- hours\n- travel")
    assert notices == []


def test_plain_text_part_is_preferred_to_html(tmp_path):
    path = write(
        tmp_path,
        "alt.eml",
        "From: a@x.example\nSubject: Both\nDate: Tue, 14 Apr 2026 10:00:00 +0200\n"
        'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
        "--b\nContent-Type: text/plain; charset=us-ascii\n\nPlain words.\n"
        "--b\nContent-Type: text/html; charset=us-ascii\n\n<p>HTML words.</p>\n--b--\n",
    )
    message, _ = one(path)
    assert message.body == "Plain words."


def test_html_to_text_handles_an_unclosed_head_and_self_closing_breaks():
    assert html_to_text("<head><title>x</title><body>Hi<br/>there&nbsp;&nbsp;you") == (
        "Hi\nthere you"
    )


@pytest.mark.parametrize(
    ("charset", "subject", "body"),
    [
        ("iso-8859-1", "Réponse", "Café fermé."),
        ("windows-1252", "“Quoted” – €", "Prix: 12 € — payé."),
        ("koi8-r", "Счёт", "Оплата получена."),
    ],
)
def test_legacy_charsets_decode(tmp_path, charset, subject, body):
    encoded_subject = "".join(f"={b:02X}" for b in subject.encode(charset))
    path = tmp_path / "legacy.eml"
    path.write_bytes(
        b"From: =?iso-8859-1?q?Ren=E9?= <rene@x.example>\r\n"
        + f"Subject: =?{charset}?q?{encoded_subject}?=\r\n".encode("ascii")
        + b"Date: Tue, 14 Apr 2026 10:00:00 +0200\r\n"
        + f"Content-Type: text/plain; charset={charset}\r\n\r\n".encode("ascii")
        + body.encode(charset)
        + b"\r\n"
    )
    message, notices = one(path)
    assert message.sender == "René <rene@x.example>"
    assert (message.subject, message.body) == (subject, body)
    assert notices == []


def test_unknown_charset_falls_back_to_utf8_with_a_notice(tmp_path):
    path = write(
        tmp_path,
        "odd.eml",
        "From: a@x.example\nSubject: Odd\nDate: Tue, 14 Apr 2026 10:00:00 +0200\n"
        "Content-Type: text/plain; charset=x-no-such-charset\n\nGoedemorgen, één vraag.\n",
    )
    message, notices = one(path)
    assert message.body == "Goedemorgen, één vraag."
    assert notices == ["odd.eml: Content-Type: unknown charset “x-no-such-charset”; read as UTF-8"]


def test_missing_or_bad_dates_are_left_empty_with_a_notice(tmp_path):
    bad = write(tmp_path, "bad.eml", "From: a@x.example\nSubject: S\nDate: someday soon\n\nBody\n")
    message, notices = one(bad)
    assert message.sent_at is None
    assert notices == ["bad.eml: Date: “someday soon” is not a date; left empty"]
    naive = write(
        tmp_path, "naive.eml", "From: a@x.example\nDate: Tue, 14 Apr 2026 10:00:00\n\nBody\n"
    )
    message, notices = one(naive)
    assert message.sent_at == datetime(2026, 4, 14, 10, 0, tzinfo=UTC)
    assert notices == ["naive.eml: Date: the date has no time zone; read as UTC"]


def test_cc_and_attachment_with_encoded_filename(tmp_path):
    path = write(
        tmp_path,
        "cc.eml",
        "From: Owen <owen@x.example>\nTo: Fiona <fiona@y.example>\n"
        "Cc: =?utf-8?q?Jos=C3=A9?= <jose@y.example>, mira@z.example\n"
        "Subject: Hours\nDate: Tue, 14 Apr 2026 10:00:00 +0100\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain; charset=utf-8\n\nSee the summary.\n"
        "--b\nContent-Type: text/csv\n"
        "Content-Disposition: attachment; filename*=utf-8''uren%20m%C3%A4rz.csv\n"
        "Content-Transfer-Encoding: base64\n\nZGF0ZSxob3VycwoyMDI2LTAzLTAyLDcuNQo=\n--b--\n",
    )
    message, notices = one(path)
    assert message.cc == ("José <jose@y.example>", "mira@z.example")
    assert attachments(message) == [("uren märz.csv", 26, "text/csv")]
    assert message.body == "See the summary."
    assert notices == []


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"\x00\x00\x00\x00binary", b""],
    ids=["png", "nul-bytes", "empty"],
)
def test_binary_file_named_eml_is_refused(tmp_path, content):
    path = tmp_path / "photo.eml"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=r"^photo\.eml: is not an e-mail message"):
        read_mail(path)


def test_mbox_with_several_messages_and_an_escaped_from_line(tmp_path):
    box = (
        "From a@x Thu Apr  9 09:00:00 2026\nFrom: a@x.example\nSubject: One\n"
        "Date: Thu, 09 Apr 2026 09:00:00 +0000\n\nFirst.\n>From the archive.\n\n"
        "From b@x Fri Apr 10 09:00:00 2026\nFrom: b@x.example\nSubject: Two\n"
        "Date: Fri, 10 Apr 2026 09:00:00 +0000\n\nSecond.\n"
    )
    path = tmp_path / "box.mbox"
    path.write_text(box, encoding="utf-8")
    messages, notices = read_mail(path)
    assert [(m.subject, m.body, m.source) for m in messages] == [
        ("One", "First.\nFrom the archive.", "box.mbox#1"),
        ("Two", "Second.", "box.mbox#2"),
    ]
    assert notices == []


def test_threads_follow_in_reply_to_and_references(tmp_path):
    def mail(subject, msgid, day, extra=""):
        return (
            f"From sender@x Thu Apr  9 09:00:00 2026\nFrom: a@x.example\nSubject: {subject}\n"
            f"Message-ID: <{msgid}@x>\n{extra}Date: {day} Apr 2026 09:00:00 +0000\n\nText\n\n"
        )

    box = "".join(
        [
            mail("Re: Re: Hours", "4", "11", "References: <1@x> <2@x>\n"),
            mail("Other", "3", "10"),
            mail("Hours", "1", "08"),
            mail("Re: Hours", "2", "09", "In-Reply-To: <1@x>\n"),
            mail("Re: lost parent", "5", "07", "In-Reply-To: <absent@x>\n"),
            mail("Re: Other", "6", "12", "In-Reply-To: <gone@x>\nReferences: <3@x> <gone@x>\n"),
        ]
    )
    path = tmp_path / "box.mbox"
    path.write_text(box, encoding="utf-8")
    messages, _ = read_mail(path)
    assert len(messages) == 6
    assert [[m.subject for m in thread] for thread in thread_order(messages)] == [
        ["Re: lost parent"],
        ["Hours", "Re: Hours", "Re: Re: Hours"],
        ["Other", "Re: Other"],
    ]


def test_a_header_repeated_across_messages_is_read_alike_each_time(tmp_path):
    """Parsed headers are remembered between messages; a repeat must give the same sender, the
    same charset and the same notice about a malformed address as the first time."""
    message = (
        "From {n}@x Thu Apr  9 09:00:00 2026\nFrom: Anna <anna@pixel.example>\n"
        "To: tom@brood.example, <<broken\nSubject: Hours {n}\n"
        "Date: Thu, 09 Apr 2026 09:0{n}:00 +0000\n"
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
    )
    path = tmp_path / "box.mbox"
    path.write_bytes(
        b"".join(message.format(n=n).encode() + "Één uur.\n\n".encode("latin-1") for n in (1, 2))
    )
    messages, notices = read_mail(path)
    assert [m.sender for m in messages] == ["Anna <anna@pixel.example>"] * 2
    assert [m.body for m in messages] == ["Één uur."] * 2
    assert [m.subject for m in messages] == ["Hours 1", "Hours 2"]
    to_notices = [str(n) for n in notices if "To:" in str(n)]
    assert [n.split(":")[0] for n in to_notices] == ["box.mbox#1", "box.mbox#2"]
