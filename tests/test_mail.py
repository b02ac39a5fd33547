"""E-mail import: the five real files in fixtures/real/emails, and made-up awkward messages."""

import mailbox
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mediate.domain.threads import thread_order
from mediate.importers.case_folder import evidence_files, read_case_folder
from mediate.importers.mail import forwarded_headers, html_to_text, read_mail
from mediate.importers.problems import BadInput
from tests.case_folders import write_case

REAL = Path(__file__).parent / "fixtures" / "real" / "emails"
README = Path(__file__).parents[1] / "sample_cases" / "README.md"


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


def test_imaptools_forwarded_message_is_read_into_the_body_and_listed_by_its_subject():
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
    # the sender's own text part is empty; the forwarded order text follows as a block
    assert message.body.startswith("---------- Forwarded message ----------\nFrom: group@")
    assert attachments(message) == [("статус", 1947, "message/rfc822")]
    # the raw bytes in To are valid UTF-8 (RFC 6532): read as such, only the address is odd
    assert notices == [
        "imaptools-forwarded_message.eml: To: malformed header: "
        "local-part contains non-ASCII characters) (NonASCIILocalPartDefect)",
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


# --- forwarded messages: their text is part of the body ----------------------------------------

FORWARD = "---------- Forwarded message ----------"


def test_imaptools_rfc822_forward_keeps_its_headers_text_and_attachments():
    message, notices = one(REAL / "imaptools-attachment_message_rfc822.eml")
    assert (message.sender, message.subject) == ("foo@example.com", "testing")
    assert message.body == (
        "This is the first part.\n\n"
        f"{FORWARD}\n"
        "From: Test Tester <xxxx@xxxx.com>\n"
        "Date: Tue, 10 May 2005 11:26:39 -0600\n"
        "Subject: Another PDF\n"
        "To: xxxx@xxxx.com, xxxx@xxxx.com\n\n"
        "Just attaching another PDF, here, to see what the message looks like,\n"
        "and to see if I can figure out what is going wrong here."
    )
    # the forwarded message stays listed as what was attached, followed by what it carried
    assert attachments(message) == [
        ("Another PDF", 3668, "message/rfc822"),
        ("broken.pdf", 1026, "application/pdf"),
    ]
    assert forwarded_headers(message.body) == [
        {
            "From": "Test Tester <xxxx@xxxx.com>",
            "Date": "Tue, 10 May 2005 11:26:39 -0600",
            "Subject": "Another PDF",
            "To": "xxxx@xxxx.com, xxxx@xxxx.com",
        }
    ]
    assert notices == []


def test_flanker_enclosed_base64_forward_after_a_line_of_spaces():
    """The file starts with 255 spaces and a line feed; the enclosed mail's text is base64."""
    message, notices = one(REAL / "flanker-enclosed.eml")
    assert (message.sender, message.subject) == ("Bob Marley <bob@example.net>", "Wow")
    assert message.body == (
        "Hello\n\n"
        f"{FORWARD}\n"
        "From: Kirk Douglas <dan@example.com>\n"
        "Date: Fri, 22 Apr 2011 11:21:06 -0700\n"
        "Subject: Thanks!\n"
        "To: Bob Marley <bob@example.net>, Jimmy Hendrix <jimmy@examplehq.com>\n\n"
        "dudes... you're kicking ass.\n"
        "чтобы я без вас делал, дорогие мои!!!\n\n"
        "--\n"
        "Ev Kontsevoy,\n"
        "Co-founder and CEO of Mailgun.net - the email platform for developers.\n"
        "Mailgun: send, receive, store and search emails!\n"
        "p: 512-417-1762  |  t: @mail_gun  |  w: mailgun.net"
    )
    assert [(a.name, a.content_type) for a in message.attachments] == [
        ("Thanks!", "message/rfc822")
    ]
    assert not any("\ufffd" in n for n in notices)


def test_imaptools_attached_message_text_is_in_the_body():
    message, _ = one(REAL / "imaptools-forwarded_message.eml")
    assert message.body.startswith(
        f"{FORWARD}\nFrom: group@company.ru\nDate: Wed, 11 Oct 2017 08:54:32 -0000\n"
        "Subject: статус\nTo: group@company.ru\n\nНовый заказ №28922 "
        "http://group.company.ru/ru/order/28922/process/\n"
    )
    assert "Москва - Тель-Авив, some-889, 15.03.2018" in message.body


def test_imaptools_inline_gmail_forward_is_kept_whole_and_recognised():
    message, notices = one(REAL / "imaptools-raw_email2-inline-forward.eml")
    assert message.subject == "Fwd: Signed email causes file attachments"
    assert message.body.startswith(
        "We should not include these files or vcards as attachments.\n\n"
        f"{FORWARD}\n"
        "From: xxxxx xxxxxx <xxxxxxxx@xxx.com>\n"
        "Date: May 8, 2005 1:17 PM\n"
        "Subject: Signed email causes file attachments\n"
        "To: xxxxxxx@xxxxxxxxxx.com\n\n\nHi,\n"
    )
    assert (
        "Obviously I can uncheck the signature option in the Mail compose\n"
        "window but how often will I remember to do that?"
    ) in message.body
    assert message.body.endswith("e.g. via some\nsort of exclusions list?")
    assert forwarded_headers(message.body) == [
        {
            "From": "xxxxx xxxxxx <xxxxxxxx@xxx.com>",
            "Date": "May 8, 2005 1:17 PM",
            "Subject": "Signed email causes file attachments",
            "To": "xxxxxxx@xxxxxxxxxx.com",
        }
    ]
    assert attachments(message) == [("smime.p7s", 2361, "application/pkcs7-signature")]
    assert notices == []


def test_flanker_forward_of_a_forward_keeps_both_in_order():
    message, notices = one(REAL / "flanker-multi-received-headers.eml")
    found = forwarded_headers(message.body)
    assert [(f["From"], f["Subject"]) for f in found] == [
        ("Hello <hello@example.com>", "Fwd: Please forward this email to me"),
        ("Bob <example@example.com>", "Please forward this email to me"),
    ]
    assert message.body.endswith(
        "Subject: Please forward this email to me\nTo: Hello <hello@example.com>\n\n\n"
        "Forward please\n\n--\nRegards,\nHello"
    )
    assert notices == []


def test_nested_rfc822_forwards_are_blocks_in_order_with_their_attachments(tmp_path):
    inner = (
        "From: Client <client@b.example>\nTo: Provider <anna@a.example>\n"
        "Subject: Design hours\nDate: Mon, 02 Mar 2026 09:00:00 +0100\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="in"\n\n'
        "--in\nContent-Type: text/plain; charset=utf-8\n\nWe agreed on ten hours, not thirty.\n"
        "--in\nContent-Type: text/csv\nContent-Disposition: attachment; filename=hours.csv\n\n"
        "date,hours\n--in--\n"
    )
    middle = (
        "From: Provider <anna@a.example>\nTo: Mediator <mira@m.example>\n"
        "Cc: Office <office@a.example>\nSubject: Fwd: Design hours\n"
        "Date: Tue, 03 Mar 2026 10:00:00 +0100\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="mid"\n\n'
        "--mid\nContent-Type: text/html; charset=utf-8\n\n<p>See <b>below</b>.</p>\n"
        "--mid\nContent-Type: message/rfc822\n\n" + inner + "--mid--\n"
    )
    path = write(
        tmp_path,
        "outer.eml",
        "From: Mediator <mira@m.example>\nTo: Client <client@b.example>\n"
        "Subject: Fwd: Fwd: Design hours\nDate: Wed, 04 Mar 2026 11:00:00 +0100\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="out"\n\n'
        "--out\nContent-Type: message/rfc822\n"
        "Content-Disposition: attachment; filename=fwd.eml\n\n" + middle + "--out--\n",
    )
    message, notices = one(path)
    assert message.body == (
        f"{FORWARD}\nFrom: Provider <anna@a.example>\nDate: Tue, 03 Mar 2026 10:00:00 +0100\n"
        "Subject: Fwd: Design hours\nTo: Mediator <mira@m.example>\n"
        "Cc: Office <office@a.example>\n\n"
        "See below.\n\n"
        f"{FORWARD}\nFrom: Client <client@b.example>\nDate: Mon, 02 Mar 2026 09:00:00 +0100\n"
        "Subject: Design hours\nTo: Provider <anna@a.example>\n\n"
        "We agreed on ten hours, not thirty."
    )
    assert [(a.name, a.content_type) for a in message.attachments] == [
        ("Fwd: Design hours", "message/rfc822"),
        ("Design hours", "message/rfc822"),
        ("hours.csv", "text/csv"),
    ]
    assert notices == []


# --- raw 8-bit bytes in headers and bodies: decoded, never a silent "�" -------------------------


def test_flanker_raw_latin_byte_in_from_is_read_as_windows_1252_with_a_notice():
    message, notices = one(REAL / "flanker-from-encoding.eml")
    assert message.sender == "Ingo Lütkebohle <ingo@blank.pages.de>"
    assert notices == [
        "flanker-from-encoding.eml: From: undeclared 8-bit bytes read as Windows-1252"
    ]


def test_flanker_windows_1252_ellipsis_in_subject_with_a_notice():
    message, notices = one(REAL / "flanker-spam-broken-headers.eml")
    assert message.subject == "Forget Asking For A Link Exchange…"
    assert notices == [
        "flanker-spam-broken-headers.eml: Subject: undeclared 8-bit bytes read as "
        "Windows-1252 (the message declares iso-8859-1)"
    ]
    assert "\ufffd" not in message.body


def test_imaptools_windows_1252_subject_without_any_charset_with_a_notice():
    message, notices = one(REAL / "imaptools-invalid_subject_characters.eml")
    assert message.subject == (
        "Formação FrenetikPolis: Mega Campanha Final Verão | Cursos de Setembro"
    )
    assert message.sender == "Formação Frenetikpolis <info@formacaofrenetik.info>"
    assert (
        "imaptools-invalid_subject_characters.eml: Subject: "
        "undeclared 8-bit bytes read as Windows-1252"
    ) in notices


def test_raw_utf8_in_a_header_is_read_as_utf8_without_a_notice(tmp_path):
    """Raw UTF-8 headers are allowed (RFC 6532); they win over the body's declared charset."""
    path = tmp_path / "utf8.eml"
    path.write_bytes(
        "From: José <jose@x.example>\nSubject: Factuur één\n".encode()
        + b"Date: Tue, 14 Apr 2026 10:00:00 +0200\n"
        + b"Content-Type: text/plain; charset=iso-8859-1\n\nCaf\xe9.\n"
    )
    message, notices = one(path)
    assert (message.sender, message.subject, message.body) == (
        "José <jose@x.example>",
        "Factuur één",
        "Café.",
    )
    assert notices == []


@pytest.mark.parametrize(
    ("content_type", "raw", "body", "notice"),
    [
        ("text/plain", b"Prix: 12 \x80 \x96 pay\xe9.", "Prix: 12 € – payé.", "no charset and not UTF-8; read as Windows-1252"),
        ("text/plain; charset=us-ascii", b"Caf\xe9 \x85", "Café …", "text declared us-ascii holds 8-bit bytes; read as Windows-1252"),
        ("text/plain; charset=us-ascii", "Café".encode(), "Café", "text declared us-ascii holds 8-bit bytes; read as UTF-8"),
        ("text/plain; charset=iso-8859-1", b"Caf\xe9 \x93ok\x94", "Café “ok”", "bytes 0x80–0x9F in iso-8859-1 text; read as Windows-1252"),
        ("text/plain; charset=utf-8", "één ".encode() + b"\xe9\x81", "één é\x81", "text that is not valid utf-8; its bad bytes read as Windows-1252"),
        ("text/plain; charset=x-no-such-charset", b"caf\xe9", "café", "unknown charset “x-no-such-charset”; read as Windows-1252"),
        ("text/plain; charset=base64", b"hello", "hello", "unknown charset “base64”; read as UTF-8"),
    ],
    ids=["none", "ascii-1252", "ascii-utf8", "latin1-c1", "utf8-stray", "unknown", "not-text"],
)  # fmt: skip
def test_body_bytes_its_charset_cannot_read_are_guessed_with_a_notice(
    tmp_path, content_type, raw, body, notice
):
    path = tmp_path / "body.eml"
    path.write_bytes(
        b"From: a@x.example\nSubject: S\nDate: Tue, 14 Apr 2026 10:00:00 +0200\n"
        + f"Content-Type: {content_type}\n\n".encode()
        + raw
        + b"\n"
    )
    message, notices = one(path)
    assert message.body == body
    assert notices == [f"body.eml: Content-Type: {notice}"]


# --- case folders: which files are read, and a warning for every other ----------------------------

SAVED_MAIL = (
    "From: Anna <anna@pixel.example>\nTo: tom@brood.example\nSubject: Hours in March\n"
    "Date: Tue, 14 Apr 2026 10:00:00 +0200\n\nThe log shows 30 hours.\n"
)


def test_upper_case_extensions_and_a_mail_saved_as_txt_are_read(tmp_path):
    folder = write_case(tmp_path)
    mail = folder / "correspondence"
    mail.mkdir()
    (mail / "ONE.EML").write_text(SAVED_MAIL.replace("March", "one"), encoding="utf-8")
    (mail / "Box.MBOX").write_text(
        "From x Thu Apr  9 09:00:00 2026\n" + SAVED_MAIL.replace("March", "box"), encoding="utf-8"
    )
    (mail / "saved.txt").write_text(SAVED_MAIL.replace("March", "txt"), encoding="utf-8")
    (mail / "SAVED2.TXT").write_text(SAVED_MAIL.replace("March", "TXT"), encoding="utf-8")
    read = read_case_folder(folder)
    assert sorted(m.subject for m in read.bundle.messages) == [
        "Hours in TXT",
        "Hours in box",
        "Hours in one",
        "Hours in txt",
    ]
    assert [str(n) for n in read.notices if "ignored" in str(n)] == []
    assert {p.name for p in evidence_files(folder)} >= {"ONE.EML", "Box.MBOX", "saved.txt"}


def test_a_file_that_is_not_read_is_named_in_a_warning(tmp_path):
    folder = write_case(tmp_path)
    mail = folder / "correspondence"
    (mail / "old").mkdir(parents=True)
    (mail / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (mail / "notes.txt").write_text("Call with Tom on Monday: he will pay half.\n")
    (mail / "half.txt").write_text("From: Anna <anna@pixel.example>\n\nNo subject or date.\n")
    for debris in (".DS_Store", "._ONE.EML", "Thumbs.db", "desktop.ini", "~$draft.docx"):
        (mail / debris).write_bytes(b"\x00\x01")
    (folder / "invoices" / "scan.PDF").write_bytes(b"%PDF-1.4\n")
    (folder / "worklog").mkdir()
    (folder / "worklog" / "hours.xlsx").write_bytes(b"PK\x03\x04")
    read = read_case_folder(folder)
    assert read.bundle.messages == []
    assert sorted(str(n) for n in read.notices if "ignored" in str(n)) == [
        "correspondence: ignored: half.txt is not a mail "
        "(a mail saved as .txt needs From, Date and Subject headers)",
        "correspondence: ignored: notes.pdf is not a mail (.eml/.mbox)",
        "correspondence: ignored: notes.txt is not a mail "
        "(a mail saved as .txt needs From, Date and Subject headers)",
        "correspondence: ignored: old is a folder (files in subfolders are not read)",
        "invoices: ignored: scan.PDF is not an invoice (.xml/.toml)",
        "worklog: ignored: hours.xlsx is not a work log (.csv)",
    ]
    documented = README.read_text(encoding="utf-8").split("## correspondence/")[1]
    for notice in read.notices:
        if str(notice).startswith("correspondence: ignored:") and "half" not in str(notice):
            assert str(notice) in documented


@pytest.mark.parametrize(
    ("mark", "headers"),
    [
        ("-------- Forwarded Message --------", "Subject: Hours\nDate: Tue, 3 Mar 2026\nFrom: Anna <anna@a.example>\nTo: tom@b.example"),
        ("-----Original Message-----", "From: Anna [mailto:anna@a.example]\nSent: Tuesday, March 3, 2026 10:00 AM\nTo: Tom\nSubject: Hours"),
        ("Begin forwarded message:", "\nFrom: Anna <anna@a.example>\nSubject: Hours\nDate: 3 March 2026 at 10:00:00 CET\nTo: Tom <tom@b.example>"),
    ],
    ids=["thunderbird", "outlook", "apple-mail"],
)  # fmt: skip
def test_inline_forwards_of_other_mail_programs_are_recognised(tmp_path, mark, headers):
    path = write(
        tmp_path,
        "fwd.eml",
        "From: tom@b.example\nSubject: Fwd: Hours\nDate: Wed, 04 Mar 2026 11:00:00 +0100\n\n"
        f"See below.\n\n{mark}\n{headers}\n\nThirty hours of design.\n",
    )
    message, _ = one(path)
    assert message.body.endswith(f"{mark}\n{headers}\n\nThirty hours of design.")
    (found,) = forwarded_headers(message.body)
    assert found["Subject"] == "Hours" and found["From"].startswith("Anna")


def test_a_large_text_file_beside_the_mails_is_named_not_refused(tmp_path):
    folder = write_case(tmp_path)
    (folder / "correspondence").mkdir()
    with open(folder / "correspondence" / "export.txt", "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: over the 50 MB limit, no disk space
    read = read_case_folder(folder)
    assert [str(n) for n in read.notices if "export.txt" in str(n)] == [
        "correspondence: ignored: export.txt is not a mail "
        "(a mail saved as .txt needs From, Date and Subject headers)"
    ]


def test_raw_windows_1252_bytes_in_an_attachment_name_are_decoded_with_a_notice(tmp_path):
    path = tmp_path / "names.eml"
    path.write_bytes(
        b"From: a@x.example\nSubject: s\nDate: Tue, 14 Apr 2026 10:00:00 +0200\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee.\n'
        b'--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="Caf\xe9.pdf"'
        b'\n\nxx\n--b\nContent-Type: text/csv; name="uren m\xc3\xa4rz.csv"\n\nxx\n--b--\n'
    )
    message, notices = one(path)
    assert [a.name for a in message.attachments] == ["Café.pdf", "uren märz.csv"]
    assert notices == [
        "names.eml: Content-Disposition: undeclared 8-bit bytes read as Windows-1252"
    ]
