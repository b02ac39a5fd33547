"""E-mail: ``.eml`` (one message) and ``.mbox`` (many), read with the stdlib ``email`` package.

A malformed message is imported with what can be read and a warning; a file that is no e-mail
at all is refused. Attachments are kept as names and sizes, never as content.

mbox splitting: a line starting with "From " begins a new message only when it follows a blank
line (or starts the file) and the next line looks like a header ("Name: value"). An unescaped
"From time to time" in a body therefore stays in the body, where ``mailbox.mbox`` would cut the
message in two.
"""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from mediate.domain.model import Attachment, Message
from mediate.importers.problems import BadInput, Notice, read_limited

_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:")
_MSGID = re.compile(r"<[^<>\s]+>")


# --- HTML to readable text -------------------------------------------------------------------------


class _TextFromHtml(HTMLParser):
    BLOCKS = {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "blockquote",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(self.skip - 1, 0)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- one message -------------------------------------------------------------------------------------


def _looks_like_mail(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return False
    lines = head.splitlines()
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    return bool(lines) and _HEADER.match(lines[0]) is not None


def _header(message: EmailMessage, name: str, notices: list[Notice], source: str) -> str:
    try:
        value = message.get(name)
        return "" if value is None else " ".join(str(value).split())
    except Exception as error:  # a header the policy cannot parse
        notices.append(Notice(source, name, f"header could not be read ({error})"))
        raw = message.get_all(name, failobj=[]) if hasattr(message, "get_all") else []
        return " ".join(str(v) for v in raw)


def _addresses(
    message: EmailMessage, name: str, notices: list[Notice], source: str
) -> tuple[str, ...]:
    try:
        header = message.get(name)
        if header is None:
            return ()
        groups = getattr(header, "addresses", None)
        if groups is None:
            return (str(header),)
        return tuple(_address(a) for a in groups)
    except Exception as error:
        notices.append(Notice(source, name, f"addresses could not be read ({error})"))
        return ()


def _address(address: Address) -> str:
    if address.display_name and address.addr_spec:
        return f"{address.display_name} <{address.addr_spec}>"
    return address.addr_spec or address.display_name


def _sent_at(message: EmailMessage, notices: list[Notice], source: str) -> datetime | None:
    raw = message.get("Date")
    if raw is None:
        notices.append(Notice(source, "Date", "the message has no date"))
        return None
    try:
        moment = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        notices.append(Notice(source, "Date", f"“{raw}” is not a date"))
        return None
    if moment.tzinfo is None:
        notices.append(Notice(source, "Date", "the date has no time zone; read as UTC"))
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment


def _text_of(part: EmailMessage, notices: list[Notice], source: str) -> str:
    try:
        return part.get_content()
    except LookupError:
        notices.append(
            Notice(
                source,
                "Content-Type",
                f"unknown charset “{part.get_content_charset()}”; read as UTF-8",
            )
        )
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")
    except Exception as error:
        notices.append(Notice(source, "body", f"part could not be decoded ({error})"))
        payload = part.get_payload(decode=True) or b""
        return (
            payload.decode("utf-8", errors="replace")
            if isinstance(payload, bytes)
            else str(payload)
        )


def _body_and_attachments(
    message: EmailMessage, notices: list[Notice], source: str
) -> tuple[str, tuple[Attachment, ...]]:
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Attachment] = []
    for part in message.walk() if message.is_multipart() else [message]:
        ctype = part.get_content_type()
        if part.is_multipart() and ctype != "message/rfc822":
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            name = (
                filename or (str(inner.get("Subject", "")) if hasattr(inner, "get") else "")
            ).strip() or "forwarded message"
            size = len(inner.as_bytes()) if hasattr(inner, "as_bytes") else 0
            attachments.append(Attachment(name=name, size=size, content_type=ctype))
            continue
        if filename or disposition == "attachment" or not ctype.startswith("text/"):
            payload = part.get_payload(decode=True) or b""
            attachments.append(
                Attachment(
                    name=filename or f"unnamed {ctype}", size=len(payload), content_type=ctype
                )
            )
        elif ctype == "text/plain":
            plain.append(_text_of(part, notices, source))
        elif ctype == "text/html":
            html.append(_text_of(part, notices, source))
    if plain:
        body = "\n\n".join(p.strip() for p in plain)
    else:
        body = "\n\n".join(html_to_text(h) for h in html)
    return body.replace("\r\n", "\n").strip(), tuple(attachments)


def parse_message(data: bytes, source: str) -> tuple[Message, list[Notice]]:
    """One message from its bytes; defects become notices."""
    if not _looks_like_mail(data):
        raise BadInput(source, "", "is not an e-mail message (no mail headers found)")
    if data.startswith(b"From "):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    notices: list[Notice] = []
    message = BytesParser(policy=policy.default).parsebytes(data)
    for part in message.walk():
        for defect in part.defects:
            notices.append(Notice(source, "MIME", f"malformed message: {type(defect).__name__}"))
    body, attachments = _body_and_attachments(message, notices, source)
    references = tuple(_MSGID.findall(_header(message, "References", notices, source)))
    in_reply_to = _MSGID.findall(_header(message, "In-Reply-To", notices, source))
    message_id = _MSGID.findall(_header(message, "Message-ID", notices, source))
    senders = _addresses(message, "From", notices, source)
    return (
        Message(
            sent_at=_sent_at(message, notices, source),
            sender=senders[0] if senders else "",
            to=_addresses(message, "To", notices, source),
            cc=_addresses(message, "Cc", notices, source),
            subject=_header(message, "Subject", notices, source),
            body=body,
            attachments=attachments,
            message_id=message_id[0] if message_id else "",
            in_reply_to=in_reply_to[0] if in_reply_to else "",
            references=references,
            source=source,
        ),
        notices,
    )


# --- files ----------------------------------------------------------------------------------------------


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file (see the module docstring for the rule)."""
    lines = data.splitlines(keepends=True)
    starts = []
    for index, line in enumerate(lines):
        if not line.startswith(b"From "):
            continue
        after_blank = index == 0 or not lines[index - 1].strip()
        header_next = index + 1 < len(lines) and _HEADER.match(lines[index + 1]) is not None
        if after_blank and header_next:
            starts.append(index)
    messages = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        chunk = lines[start + 1 : end]
        chunk = [line[1:] if line.startswith(b">From ") else line for line in chunk]
        messages.append(b"".join(chunk))
    return messages


def read_mail(path: Path) -> tuple[list[Message], list[Notice]]:
    """All messages of an .eml or .mbox file."""
    data = read_limited(path)
    if path.suffix.lower() == ".mbox":
        chunks = split_mbox(data)
        if not chunks and data.strip():
            raise BadInput(path.name, "", "is not an mbox file (no “From ” separator lines)")
        messages, notices = [], []
        for number, chunk in enumerate(chunks, start=1):
            try:
                message, found = parse_message(chunk, f"{path.name}#{number}")
            except BadInput as error:
                notices.append(Notice(error.source, "", error.what + "; skipped"))
                continue
            messages.append(message)
            notices += found
        return messages, notices
    message, notices = parse_message(data, path.name)
    return [message], notices


def thread_order(messages: list[Message]) -> list[list[Message]]:
    """Threads (a root and its replies, by Message-ID / In-Reply-To / References), by time."""
    by_id = {m.message_id: m for m in messages if m.message_id}

    def root(message: Message) -> Message:
        seen = set()
        current = message
        while True:
            parent_id = current.in_reply_to or (
                current.references[-1] if current.references else ""
            )
            parent = by_id.get(parent_id)
            if parent is None or parent.message_id in seen:
                return current
            seen.add(parent.message_id)
            current = parent

    def when(message: Message) -> tuple:
        return (message.sent_at is None, message.sent_at.timestamp() if message.sent_at else 0)

    threads: dict[int, list[Message]] = {}
    for message in messages:
        threads.setdefault(id(root(message)), []).append(message)
    ordered = [sorted(thread, key=when) for thread in threads.values()]
    return sorted(ordered, key=lambda thread: when(thread[0]))
