"""E-mail: ``.eml`` (one message) and ``.mbox`` (many), read with the stdlib ``email`` package.

A malformed message is imported with what can be read and a notice per defect; a file that is no
e-mail at all is refused. Attachments are kept as names and sizes, never as content.

Choices:

- **mbox separators.** A line starting with ``From `` begins a new message only when it starts the
  file or follows a blank line, *and* the next line is a header (``Name: value``). ``mailbox.mbox``
  splits at every ``From `` line instead: on the cpython fixture ``mailbox_01.mbox`` it cuts the
  unescaped "From time to time" off the body and returns a second, empty message. Here that line
  stays in the body. ``>From `` lines are unescaped the mboxrd way (one ``>`` removed).
- **Body.** The message's own ``text/plain`` parts, or, if those are empty, its ``text/html``
  parts converted to readable text. The text of an attached message (``message/rfc822``) is not
  part of the body: that message is listed as an attachment named by its subject.
- **Dates.** A ``Date`` without a time zone (or ``-0000``) is read as UTC, with a notice.
- **Headers** with raw 8-bit bytes are read as UTF-8; what cannot be decoded becomes U+FFFD.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from mediate.domain.model import Attachment, Message
from mediate.importers.problems import BadInput, Notice, read_limited

_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9_-]*[ \t]*:")
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_MAIL_FIELDS = ("from", "to", "subject", "date", "message-id", "received", "mime-version")
_BOM = codecs.BOM_UTF8

_DEFECTS = {
    "CloseBoundaryNotFoundDefect": "the final MIME boundary is missing; read up to the end",
    "StartBoundaryNotFoundDefect": "the MIME boundary never occurs; the parts were not separated",
    "NoBoundaryInMultipartDefect": "a multipart part has no boundary; read as plain text",
    "MissingHeaderBodySeparatorDefect": "no blank line between the headers and the body",
    "FirstHeaderLineIsContinuationDefect": "the first header line is a continuation line",
    "MisplacedEnvelopeHeaderDefect": "a “From ” line in the middle of the headers",
    "MultipartInvariantViolationDefect": "a multipart part has no parts",
    "InvalidBase64PaddingDefect": "damaged base64 content",
    "InvalidBase64CharactersDefect": "damaged base64 content",
    "InvalidBase64LengthDefect": "damaged base64 content",
}


# --- HTML to readable text ---------------------------------------------------------------------


class _HtmlText(HTMLParser):
    """The readable text of an HTML body: blocks become paragraphs, ``<br>`` and items lines."""

    SKIP = frozenset({"script", "style", "head", "title", "template"})
    BLOCK = frozenset(
        {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "hr"}
        | {"blockquote", "pre", "section", "article", "header", "footer", "address"}
    )
    LINE = frozenset({"br", "li", "tr", "dt", "dd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skipping = 0  # a <head> that was never closed
        elif tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.out.append("\n\n")
        elif tag in self.LINE:
            self.out.append("\n- " if tag == "li" else "\n")
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br/>: no end tag to handle

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self.BLOCK:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable plain text: no scripts or styles, paragraphs as blank lines, entities unescaped."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- one message --------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text with raw 8-bit bytes (kept by the parser as surrogates) decoded as UTF-8."""
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())


def _address(address: Address) -> str:
    name, addr = _one_line(address.display_name), _clean(address.addr_spec)
    return f"{name} <{addr}>" if name and addr else addr or name


class _RememberedHeaders(HeaderRegistry):
    """The header registry of the e-mail package, remembering what it parsed.

    The package parses a header again each time it is read, and a message's Content-Type is read
    by several questions (its type, its charset, whether it is an attachment). In a dispute's
    mailbox the same few senders, recipients and content types come back in every message, so
    those headers are kept once parsed (a parsed header is immutable) and a repeat costs a
    dictionary lookup. Headers that differ in every message (Message-ID, Date, Subject) are not
    kept, and the memory lives only as long as one import (see ``mail_policy``).
    """

    REPEATING = frozenset(
        {
            "from",
            "to",
            "cc",
            "reply-to",
            "sender",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "content-disposition",
        }
    )
    LIMIT = 5_000  # headers kept at most (then forgotten all at once)
    LONGEST = 500  # a longer header is parsed every time

    def __init__(self) -> None:
        super().__init__()
        self.parsed: dict[tuple[str, str], object] = {}

    def __call__(self, name: str, value: str):  # type: ignore[override]
        if len(value) > self.LONGEST or name.lower() not in self.REPEATING:
            return super().__call__(name, value)
        key = (name, value)
        header = self.parsed.get(key)
        if header is None:
            if len(self.parsed) >= self.LIMIT:
                self.parsed.clear()
            header = self.parsed[key] = super().__call__(name, value)
        return header


def mail_policy() -> policy.EmailPolicy:
    """The e-mail package's default policy with headers remembered: one per import, shared by
    every mail file of a case folder, and dropped with it."""
    return policy.default.clone(header_factory=_RememberedHeaders())


def _ids(text: str) -> tuple[str, ...]:
    """Message-IDs in a header: ``<…>`` tokens, else the bare words of a sloppy header."""
    return tuple(_MESSAGE_ID.findall(text)) or tuple(text.split())


def _leaves(part: EmailMessage) -> Iterator[EmailMessage]:
    """The parts holding content, depth first; an attached message is one leaf."""
    if not part.is_multipart() or part.get_content_maintype() == "message":
        yield part
        return
    for sub in part.get_payload():
        yield from _leaves(sub)


def _is_attachment(part: EmailMessage) -> bool:
    return part.get_content_disposition() == "attachment" or bool(part.get_filename())


class _Reader:
    """Reads the fields of one parsed message, collecting notices about what is wrong."""

    def __init__(self, message: EmailMessage, source: str) -> None:
        self.message = message
        self.source = source
        self.notices: list[Notice] = []

    def note(self, where: str, what: str) -> None:
        notice = Notice(self.source, where, what)
        if notice not in self.notices:
            self.notices.append(notice)

    def header(self, name: str, report: bool = True) -> object | None:
        """The parsed header (or its raw text if it cannot be parsed); defects become notices."""
        try:
            value = self.message[name]
        except Exception as error:  # the header registry fails on some garbage
            self.note(name, f"malformed header, read as raw text ({error})")
            raw = next((v for k, v in self.message.raw_items() if k.lower() == name.lower()), None)
            return None if raw is None else str(raw)
        for defect in getattr(value, "defects", ()) if report else ():
            self.note(name, f"malformed header: {defect} ({type(defect).__name__})")
        return value

    def text(self, name: str) -> str:
        value = self.header(name)
        return "" if value is None else _one_line(str(value))

    def addresses(self, name: str) -> tuple[str, ...]:
        value = self.header(name)
        if value is None:
            return ()
        found = getattr(value, "addresses", None)
        if found is None:
            return (_one_line(str(value)),) if str(value).strip() else ()
        return tuple(a for a in (_address(address) for address in found) if a)

    def sent_at(self) -> datetime | None:
        value = self.header("Date", report=False)
        if value is None or not str(value).strip():
            self.note("Date", "the message has no date")
            return None
        moment = getattr(value, "datetime", None)
        if moment is None:
            try:
                moment = parsedate_to_datetime(str(value))
            except (TypeError, ValueError, IndexError):
                self.note("Date", f"“{_one_line(str(value))}” is not a date; left empty")
                return None
        if moment.tzinfo is None:
            self.note("Date", "the date has no time zone; read as UTC")
            moment = moment.replace(tzinfo=UTC)
        return moment

    def structure_defects(self) -> None:
        for part in self.message.walk():
            for defect in part.defects:
                name = type(defect).__name__
                what = _DEFECTS.get(name) or str(defect) or "malformed MIME structure"
                self.note(f"{part.get_content_type()} part", f"{what} ({name})")

    def decoded(self, part: EmailMessage) -> str:
        """The text of a part in its declared charset; unknown or wrong charsets fall back."""
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset()
        if charset is not None:
            try:
                codecs.lookup(charset)
            except LookupError:
                self.note("Content-Type", f"unknown charset “{charset}”; read as UTF-8")
                return _lines(payload.decode("utf-8", errors="replace"))
        try:
            text = payload.decode(charset or "utf-8")
        except UnicodeDecodeError:
            if charset is None:
                self.note("Content-Type", "no charset and not UTF-8; read as Windows-1252")
            else:
                self.note("Content-Type", f"text that is not valid {charset}; bad bytes replaced")
            text = payload.decode(charset or "cp1252", errors="replace")
        return _lines(text)

    def attachment(self, part: EmailMessage) -> Attachment:
        ctype = part.get_content_type()
        filename = _one_line(part.get_filename() or "")
        if ctype in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            subject = _one_line(str(inner.get("Subject", ""))) if hasattr(inner, "get") else ""
            return Attachment(
                name=subject or filename or "forwarded message",
                size=_message_size(inner),
                content_type=ctype,
            )
        payload = part.get_payload(decode=True)
        return Attachment(
            name=filename or f"unnamed {ctype}",
            size=len(payload) if isinstance(payload, bytes) else 0,
            content_type=ctype,
        )

    def body_and_attachments(self) -> tuple[str, tuple[Attachment, ...]]:
        plain: list[str] = []
        html: list[str] = []
        attachments: list[Attachment] = []
        for part in _leaves(self.message):
            ctype = part.get_content_type()
            if ctype.startswith("multipart/"):  # no boundary: its payload is text
                plain.append(self.decoded(part))
            elif ctype in ("text/plain", "text/html") and not _is_attachment(part):
                (plain if ctype == "text/plain" else html).append(self.decoded(part))
            else:
                attachments.append(self.attachment(part))
        body = "\n\n".join(text.strip() for text in plain if text.strip())
        if not body:
            body = "\n\n".join(html_to_text(text) for text in html)
        body = "\n".join(line.rstrip() for line in body.split("\n")).strip()
        return body, tuple(attachments)

    def read(self) -> Message:
        self.structure_defects()
        senders = self.addresses("From")
        if not senders:
            self.note("From", "the message has no sender")
        body, attachments = self.body_and_attachments()
        in_reply_to = _ids(self.text("In-Reply-To"))
        message_id = _ids(self.text("Message-ID"))
        return Message(
            sent_at=self.sent_at(),
            sender=senders[0] if senders else "",
            to=self.addresses("To"),
            cc=self.addresses("Cc"),
            subject=self.text("Subject"),
            body=body,
            attachments=attachments,
            message_id=message_id[0] if message_id else "",
            in_reply_to=in_reply_to[0] if in_reply_to else "",
            references=_ids(self.text("References")),
            source=self.source,
        )


def _message_size(message: object) -> int:
    """The size of an attached message as it would be saved."""
    try:
        as_bytes = message.as_bytes  # type: ignore[attr-defined]
        return len(as_bytes(policy=policy.default.clone(refold_source="none")))
    except (AttributeError, LookupError, TypeError, ValueError):
        return 0


def _looks_like_mail(data: bytes) -> bool:
    """No NUL bytes near the start, and the first line (after an mbox ``From `` line) a header."""
    head = data[:8192]
    if b"\x00" in head:
        return False
    lines = head.removeprefix(_BOM).splitlines()
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    return bool(lines) and _HEADER_LINE.match(lines[0]) is not None


def parse_message(
    data: bytes, source: str, mail: policy.EmailPolicy | None = None
) -> tuple[Message, list[Notice]]:
    """One message from its bytes; defects become notices, a non-message is refused."""
    if not _looks_like_mail(data):
        raise BadInput(source, "", "is not an e-mail message (no mail headers found)")
    data = data.removeprefix(_BOM)
    if data.startswith(b"From "):
        data = data.partition(b"\n")[2]
    try:  # the email package recurses once per nested part or attached message
        message = BytesParser(policy=mail or mail_policy()).parsebytes(data)
        if not any(key.lower() in _MAIL_FIELDS for key in message):
            raise BadInput(source, "", "is not an e-mail message (no From, To, Subject or Date)")
        reader = _Reader(message, source)
        return reader.read(), reader.notices
    except RecursionError:
        raise BadInput(source, "", "nests its parts too deeply to be read") from None


# --- files --------------------------------------------------------------------------------------


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file, split as the module docstring describes."""
    lines = data.splitlines(keepends=True)
    starts = [
        index
        for index, line in enumerate(lines)
        if line.startswith(b"From ")
        and (index == 0 or not lines[index - 1].strip())
        and index + 1 < len(lines)
        and _HEADER_LINE.match(lines[index + 1]) is not None
    ]
    ends = [*starts[1:], len(lines)] if starts else []
    return [
        b"".join(re.sub(rb"^>(>*From )", rb"\1", line) for line in lines[start + 1 : end])
        for start, end in zip(starts, ends, strict=True)
    ]


def _read_mbox(
    data: bytes, name: str, mail: policy.EmailPolicy
) -> tuple[list[Message], list[Notice]]:
    if not data.strip():
        return [], [Notice(name, "", "the mailbox is empty")]
    chunks = split_mbox(data)
    if not chunks:
        message, notices = parse_message(data, name, mail)
        return [message], [Notice(name, "", "no “From ” separator lines; read as one message")]
    messages: list[Message] = []
    notices: list[Notice] = []
    for number, chunk in enumerate(chunks, start=1):
        try:
            message, found = parse_message(chunk, f"{name}#{number}", mail)
        except BadInput as error:
            notices.append(Notice(error.source, "", f"{error.what}; skipped"))
            continue
        messages.append(message)
        notices += found
    return messages, notices


def read_mail(
    path: Path, mail: policy.EmailPolicy | None = None
) -> tuple[list[Message], list[Notice]]:
    """All messages of an ``.mbox`` file, or the one message of any other (``.eml``) file.

    ``mail`` is the policy from ``mail_policy`` to share among the files of one import.
    """
    path = Path(path)
    mail = mail or mail_policy()
    data = read_limited(path)
    if path.suffix.lower() == ".mbox":
        return _read_mbox(data, path.name, mail)
    message, notices = parse_message(data, path.name, mail)
    return [message], notices
