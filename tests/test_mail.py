"""E-mail import on real messages and on made-up awkward ones."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mediate.importers.mail import html_to_text, read_mail, thread_order
from mediate.importers.problems import BadInput

REAL = Path(__file__).parent / "fixtures" / "real" / "emails"


def one(name):
    messages, notices = read_mail(REAL / name)
    assert len(messages) == 1
    return messages[0], [str(n) for n in notices]


def test_pdf_attachment_with_mbox_from_line_and_raw_utf8_subject():
    message, notices = one("imaptools-attachment_pdf.eml")
    assert message.subject == "Another PDF with 🎉 Unicode chars in it 🍿"
    assert message.sender == "Test Tester <xxxx@xxxx.com>"
    assert message.sent_at == datetime(
        2005, 5, 10, 11, 26, 39, tzinfo=timezone(timedelta(hours=-6))
    )
    assert [(a.name, a.size, a.content_type) for a in message.attachments] == [
        ("broken.pdf", 1026, "application/pdf")
    ]
    assert message.body.startswith("Just attaching another PDF, here, to see what the message lo")
    assert notices == []


def test_forwarded_message_with_encoded_headers():
    message, _ = one("imaptools-forwarded_message.eml")
    assert message.subject == "статус"
    assert message.sender == "i.kor@company.ru"
    assert message.sent_at.isoformat() == "2017-10-12T09:41:56+05:00"
    assert [(a.name, a.content_type) for a in message.attachments] == [("статус", "message/rfc822")]
    assert message.attachments[0].size == 1947
    assert message.body.startswith("Новый заказ №28922")


def test_rfc2047_subject_in_two_scripts():
    message, _ = one("flanker-bilingual-simple.eml")
    assert message.subject == "Simple text. How are you? Как ты поживаешь?"
    assert message.sender == "Hello <hello@example.com>"
    assert message.body == "This line is in English\nА эта линия по-русски."


def test_missing_final_boundary_is_read_with_a_warning():
    message, notices = one("flanker-missing-final-boundary.eml")
    assert message.subject == "Test" and message.body == "Some body"
    assert any(
        "CloseBoundaryNotFoundDefect" in n and "flanker-missing-final-boundary.eml" in n
        for n in notices
    )


def test_unescaped_from_line_stays_in_the_body():
    messages, notices = read_mail(REAL / "cpython-mailbox_01.mbox")
    assert len(messages) == 1
    assert messages[0].subject == "unquoted From in body; extra info on From line"
    assert messages[0].body == "Hello\n\nFrom time to time"
    assert messages[0].source == "cpython-mailbox_01.mbox#1"
    assert [str(n) for n in notices] == ["cpython-mailbox_01.mbox#1: Date: the message has no date"]


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_html_only_and_legacy_charset(tmp_path):
    html = write(
        tmp_path,
        "html.eml",
        "From: a@x.example\nSubject: Reminder\nDate: Tue, 14 Apr 2026 10:00:00 +0200\n"
        "Content-Type: text/html; charset=utf-8\n\n"
        "<html><head><style>p{}</style></head><body><p>Dear client,</p><p>Invoice &amp; costs: "
        "<b>&euro;&nbsp;540</b><br>Regards</p><script>x()</script></body></html>\n",
    )
    (message,), _ = read_mail(html)
    assert message.body == "Dear client,\n\nInvoice & costs: €\xa0540\nRegards"
    latin = write(
        tmp_path,
        "latin.eml",
        "From: =?iso-8859-1?q?Ren=E9?= <rene@x.example>\nSubject: =?iso-8859-1?q?R=E9ponse?=\n"
        "Date: Tue, 14 Apr 2026 10:00:00 +0200\nContent-Type: text/plain; charset=iso-8859-1\n\nCaf\xe9 ferm\xe9.\n",
        encoding="latin-1",
    )
    (message,), _ = read_mail(latin)
    assert (
        message.sender == "René <rene@x.example>"
        and message.subject == "Réponse"
        and message.body == "Café fermé."
    )


def test_binary_file_named_eml_is_refused(tmp_path):
    path = tmp_path / "photo.eml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BadInput, match=r"photo\.eml: is not an e-mail message"):
        read_mail(path)


def test_threads_follow_in_reply_to_and_references(tmp_path):
    mails = [
        (
            "From a@x\nSubject: Hours\nMessage-ID: <1@x>\nDate: Wed, 08 Apr 2026 09:00:00 +0000\n\nQuery\n"
        ),
        (
            "From b@x\nSubject: Re: Hours\nMessage-ID: <2@x>\nIn-Reply-To: <1@x>\nDate: Thu, 09 Apr 2026 09:00:00 +0000\n\nAnswer\n"
        ),
        (
            "From a@x\nSubject: Other\nMessage-ID: <3@x>\nDate: Fri, 10 Apr 2026 09:00:00 +0000\n\nNew\n"
        ),
        (
            "From a@x\nSubject: Re: Re: Hours\nMessage-ID: <4@x>\nReferences: <1@x> <2@x>\nDate: Sat, 11 Apr 2026 09:00:00 +0000\n\nOffer\n"
        ),
    ]
    box = "".join(
        f"From sender@x Thu Apr  9 09:00:00 2026\n{m.replace('From ', 'From: ', 1)}\n"
        for m in mails
    )
    path = tmp_path / "box.mbox"
    path.write_text(box, encoding="utf-8")
    messages, _ = read_mail(path)
    assert len(messages) == 4
    assert [[m.subject for m in thread] for thread in thread_order(messages)] == [
        ["Hours", "Re: Hours", "Re: Re: Hours"],
        ["Other"],
    ]


def test_html_to_text_keeps_list_items():
    assert html_to_text("<ul><li>one</li><li>two</li></ul>") == "- one\n\n- two"
