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
  parts converted to readable text.
- **Forwarded messages.** An attached message (``message/rfc822``, ``message/global``) is read too:
  its From, Date, Subject, To and Cc and its text follow the body as a block that starts with
  ``FORWARD_MARK`` (Gmail's own line), a forward inside it as a block inside that one, so the
  reading pane, the mail search and full-text search all reach it. It stays in the attachment
  list (named by its subject), followed by the attachments it carried. A forward nested more than
  ``MAX_FORWARD_DEPTH`` deep is only listed, with a notice. An inline forward (text already in the
  body) is kept as written; ``forwarded_headers`` recognises both kinds.
- **Dates.** A ``Date`` without a time zone (or ``-0000``) is read as UTC, with a notice.
- **Undeclared 8-bit bytes.** A header holding raw bytes is read as UTF-8 when they are valid UTF-8
  (RFC 6532 allows it; the sender's software wrote it so), else in the charset the message's text
  declares, else as Windows-1252, with a notice naming the charset. A text part without a charset
  (or declaring us-ascii) is read the same way; ISO-8859-1 text holding bytes 0x80-0x9F is read as
  Windows-1252 (as browsers do). A byte Windows-1252 leaves undefined stays its Latin-1 character.
  File names of attachments likewise. No byte becomes "�" without a notice.
- **A leading blank line** (spaces only) before the headers is skipped.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.message import Message as EmailPart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from mediate.domain.model import Attachment, Message
from mediate.importers.problems import MAX_MESSAGES, BadInput, Notice, read_head, read_limited

_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9_-]*[ \t]*:")
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_MAIL_FIELDS = ("from", "to", "subject", "date", "message-id", "received", "mime-version")
_BOM = codecs.BOM_UTF8
_BLANK_LINES = re.compile(rb"(?:[ \t]*\r?\n)*")
_SURROGATE = re.compile("[\udc80-\udcff]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_C1 = re.compile("[\x80-\x9f]")
_FORWARDS = frozenset({"message/rfc822", "message/global"})
FORWARD_MARK = "---------- Forwarded message ----------"
MAX_FORWARD_DEPTH = 10  # a forward nested deeper is listed as an attachment, its text not read
_FORWARD_LINE = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:Forwarded|Original)[ \t]+[Mm]essage[ \t]*-{2,}"
    r"|Begin forwarded message:)[ \t]*$"
)
_FORWARD_HEADER = re.compile(r"^[ \t]*(From|Sent|Date|Subject|To|Cc|Reply-To):[ \t]*(.*)$", re.I)

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


# --- charsets -----------------------------------------------------------------------------------


def _as_windows_1252(byte: int) -> str:
    """A byte as Windows-1252 reads it; the five bytes it leaves undefined as their Latin-1
    character (what the WHATWG encoding standard does), so that no byte is ever lost."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_WINDOWS_1252 = tuple(_as_windows_1252(byte) for byte in range(256))


def _bad_bytes_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_WINDOWS_1252[byte] for byte in bad), error.end


@functools.cache
def _fallback() -> str:
    """The name of the decoding error handler that reads bad bytes as Windows-1252."""
    codecs.register_error("mediate-windows-1252", _bad_bytes_as_windows_1252)
    return "mediate-windows-1252"


def _windows_1252(data: bytes) -> str:
    return data.decode("cp1252", _fallback())


def _guess(data: bytes) -> tuple[str, str]:
    """UTF-8, else each byte that is not part of valid UTF-8 as Windows-1252; and which it was."""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("utf-8", _fallback()), "Windows-1252"


def _codec(charset: str | None) -> str | None:
    """Python's name for a declared charset; None when unknown or not a text encoding (base64)."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
        "".encode(name)  # LookupError for codecs that are no text encoding
    except (LookupError, ValueError, UnicodeError):
        return None
    return name


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None


def decode_text(data: bytes, charset: str | None) -> tuple[str, str]:
    """The text of a part in its declared charset, and a notice ("" when none) when the charset
    is missing, unknown or wrong and the bytes were read otherwise (see the module docstring)."""
    codec = _codec(charset)
    if codec is None:
        text, used = _guess(data)
        if charset:
            return text, f"unknown charset “{charset}”; read as {used}"
        return text, "" if used == "UTF-8" else "no charset and not UTF-8; read as Windows-1252"
    if codec == "ascii" and not data.isascii():
        text, used = _guess(data)
        return text, f"text declared {charset} holds 8-bit bytes; read as {used}"
    if codec == "iso8859-1" and _C1_BYTES.search(data):
        return _windows_1252(data), f"bytes 0x80–0x9F in {charset} text; read as Windows-1252"
    text = _strict(data, codec)
    if text is not None:
        return text, ""
    if codec != "utf-8" and (text := _strict(data, "utf-8")) is not None:
        return text, f"text that is not valid {charset}; read as UTF-8"
    try:
        text = data.decode(codec, _fallback())
    except (UnicodeError, LookupError, ValueError):
        text, _ = _guess(data)
    return text, f"text that is not valid {charset}; its bad bytes read as Windows-1252"


# --- one message --------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text with raw 8-bit bytes (kept by the parser as surrogates) decoded: UTF-8, else
    Windows-1252 (a header's bytes are decoded with a notice before they get here)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", _fallback())


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


def _first_raw(message: EmailPart) -> dict[str, str]:
    """The headers (lower-case names) whose first occurrence holds raw 8-bit bytes, as written."""
    seen: set[str] = set()
    found: dict[str, str] = {}
    for name, value in message.raw_items():
        key = name.lower()
        if key in seen:
            continue
        seen.add(key)
        if isinstance(value, str) and _SURROGATE.search(value):
            found[key] = value
    return found


class _Reader:
    """Reads the fields of one parsed message, collecting notices about what is wrong.

    A forwarded message is read by a reader of its own (``depth`` one more) that adds its notices
    to the same list, each place prefixed with "forwarded message".
    """

    def __init__(
        self,
        message: EmailMessage,
        source: str,
        depth: int = 0,
        notices: list[Notice] | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.depth = depth
        self.notices: list[Notice] = [] if notices is None else notices
        self.eight_bit = _first_raw(message)

    def note(self, where: str, what: str) -> None:
        if self.depth:
            where = f"forwarded message, {where}"
        notice = Notice(self.source, where, what)
        if notice not in self.notices:
            self.notices.append(notice)

    def declared_charset(self) -> str | None:
        """The charset the message's own text declares (its first text part that names one)."""
        for part in _leaves(self.message):
            if part.get_content_maintype() == "text" and (charset := part.get_content_charset()):
                return charset
        return None

    def undeclared(self, name: str, raw: str) -> str:
        """A header's raw 8-bit bytes decoded: UTF-8, else the declared charset, else guessed."""
        data = raw.encode("utf-8", "surrogateescape")
        text = _strict(data, "utf-8")
        if text is not None:
            return text  # RFC 6532: UTF-8 in headers is allowed
        declared = self.declared_charset()
        codec = _codec(declared)
        if codec == "iso8859-1":
            codec = "cp1252"  # bytes 0x80-0x9F are control characters in ISO-8859-1, never meant
        if codec not in (None, "ascii", "utf-8"):
            text = _windows_1252(data) if codec == "cp1252" else _strict(data, codec)
            if text is not None and not _C1.search(text):
                label = "Windows-1252" if codec == "cp1252" else declared
                self.note(
                    name,
                    f"undeclared 8-bit bytes read as {label} (the message declares {declared})",
                )
                return text
        text, used = _guess(data)
        self.note(name, f"undeclared 8-bit bytes read as {used}")
        return text

    def header(self, name: str, report: bool = True) -> object | None:
        """The parsed header (or its raw text if it cannot be parsed); defects become notices."""
        raw = self.eight_bit.get(name.lower())
        try:
            if raw is None:
                value = self.message[name]
            else:
                decoded = self.undeclared(name, raw)
                value = self.message.policy.header_fetch_parse(name, decoded)  # type: ignore[union-attr]
        except Exception as error:  # the header registry fails on some garbage
            self.note(name, f"malformed header, read as raw text ({error})")
            if raw is not None:
                return _lines(self.undeclared(name, raw))
            raw = next((v for k, v in self.message.raw_items() if k.lower() == name.lower()), None)
            return None if raw is None else str(raw)
        for defect in getattr(value, "defects", ()) if report else ():
            self.note(name, f"malformed header: {defect} ({type(defect).__name__})")
        return value

    def text(self, name: str, report: bool = True) -> str:
        value = self.header(name, report)
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
        """The text of a part in its declared charset; a missing or wrong one is guessed."""
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        text, notice = decode_text(data, part.get_content_charset())
        if notice:
            self.note("Content-Type", notice)
        return _lines(text)

    def filename(self, part: EmailMessage) -> str:
        """A part's file name; raw 8-bit bytes in it are decoded as in any header."""
        raw = _first_raw(part)
        if "content-disposition" not in raw and "content-type" not in raw:
            return _one_line(part.get_filename() or "")
        for name, param in (("Content-Disposition", "filename"), ("Content-Type", "name")):
            text = raw.get(name.lower())
            try:
                if text is None:
                    header = part[name]
                else:
                    decoded = self.undeclared(name, text)
                    header = part.policy.header_fetch_parse(name, decoded)  # type: ignore[union-attr]
                value = getattr(header, "params", {}).get(param)
            except Exception:  # a header the registry cannot parse has no usable name
                value = None
            if value:
                return _one_line(str(value))
        return ""

    def attachment(self, part: EmailMessage) -> Attachment:
        ctype = part.get_content_type()
        filename = self.filename(part)
        payload = part.get_payload(decode=True)
        return Attachment(
            name=filename or f"unnamed {ctype}",
            size=len(payload) if isinstance(payload, bytes) else 0,
            content_type=ctype,
        )

    def forwarded(self, part: EmailMessage) -> tuple[str, list[Attachment]]:
        """An attached message: its block of headers and text for the body, and its attachment
        entry followed by the attachments it carried."""
        ctype = part.get_content_type()
        filename = self.filename(part)
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(inner, EmailPart):
            return "", [
                Attachment(name=filename or "forwarded message", size=0, content_type=ctype)
            ]
        reader = _Reader(inner, self.source, self.depth + 1, self.notices)  # type: ignore[arg-type]
        subject = reader.text("Subject")
        entry = Attachment(
            name=subject or filename or "forwarded message",
            size=_message_size(inner),
            content_type=ctype,
        )
        if self.depth + 1 > MAX_FORWARD_DEPTH:
            self.note(
                f"{ctype} part",
                f"a forward nested more than {MAX_FORWARD_DEPTH} deep; "
                "listed as an attachment, its text not read",
            )
            return "", [entry]
        lines = [FORWARD_MARK]
        for label, value in (
            ("From", ", ".join(reader.addresses("From"))),
            ("Date", reader.text("Date", report=False)),
            ("Subject", subject),
            ("To", ", ".join(reader.addresses("To"))),
            ("Cc", ", ".join(reader.addresses("Cc"))),
        ):
            if value:
                lines.append(f"{label}: {value}")
        body, carried = reader.body_and_attachments()
        block = "\n".join(lines) + (f"\n\n{body}" if body else "")
        return block, [entry, *carried]

    def body_and_attachments(self) -> tuple[str, tuple[Attachment, ...]]:
        plain: list[str] = []
        html: list[str] = []
        forwards: list[str] = []
        attachments: list[Attachment] = []
        for part in _leaves(self.message):
            ctype = part.get_content_type()
            if ctype.startswith("multipart/"):  # no boundary: its payload is text
                plain.append(self.decoded(part))
            elif ctype in ("text/plain", "text/html") and not _is_attachment(part):
                (plain if ctype == "text/plain" else html).append(self.decoded(part))
            elif ctype in _FORWARDS:
                block, found = self.forwarded(part)
                forwards += [block] if block else []
                attachments += found
            else:
                attachments.append(self.attachment(part))
        own = "\n\n".join(text.strip() for text in plain if text.strip())
        if not own:
            own = "\n\n".join(html_to_text(text) for text in html)
        body = "\n\n".join(text for text in (own.strip(), *forwards) if text)
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


def _headers_start(data: bytes) -> bytes:
    """The bytes from the first header on: no BOM, no blank lines (or lines of spaces) before it,
    and no mbox ``From `` line."""
    data = data.removeprefix(_BOM)
    data = data[_BLANK_LINES.match(data).end() :]  # type: ignore[union-attr]
    if data.startswith(b"From "):
        data = data.partition(b"\n")[2]
    return data


def _looks_like_mail(data: bytes) -> bool:
    """No NUL bytes near the start, and the first line (after an mbox ``From `` line) a header."""
    head = data[:8192]
    if b"\x00" in head:
        return False
    lines = _headers_start(head).splitlines()
    return bool(lines) and _HEADER_LINE.match(lines[0]) is not None


def _header_names(data: bytes) -> set[str]:
    """The (lower-case) names of the header lines at the start of a mail."""
    names = set()
    for line in _headers_start(data).splitlines():
        if match := _HEADER_LINE.match(line):
            names.add(match.group().rstrip(b": \t").decode("ascii").lower())
        elif not line.startswith((b" ", b"\t")):
            break  # a blank line (or text): the headers have ended
    return names


def parse_message(
    data: bytes, source: str, mail: policy.EmailPolicy | None = None
) -> tuple[Message, list[Notice]]:
    """One message from its bytes; defects become notices, a non-message is refused."""
    if not _looks_like_mail(data):
        raise BadInput(source, "", "is not an e-mail message (no mail headers found)")
    data = _headers_start(data)
    try:  # the email package recurses once per nested part or attached message
        message = BytesParser(policy=mail or mail_policy()).parsebytes(data)
        if not any(key.lower() in _MAIL_FIELDS for key in message):
            raise BadInput(source, "", "is not an e-mail message (no From, To, Subject or Date)")
        reader = _Reader(message, source)
        return reader.read(), reader.notices
    except RecursionError:
        raise BadInput(source, "", "nests its parts too deeply to be read") from None


def forwarded_headers(body: str) -> list[dict[str, str]]:
    """The headers of each forwarded message in a body, in order: the blocks this module writes
    and inline forwards as mail programs write them (Gmail's "---------- Forwarded message
    ----------", Thunderbird's "-------- Forwarded Message --------", Outlook's "-----Original
    Message-----", Apple Mail's "Begin forwarded message:"). Keys as written (From, Date, Sent,
    Subject, To, Cc, Reply-To); a block without any of them is not counted."""
    found: list[dict[str, str]] = []
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if not _FORWARD_LINE.match(line):
            continue
        headers: dict[str, str] = {}
        for following in lines[index + 1 :]:
            match = _FORWARD_HEADER.match(following)
            if match:
                headers.setdefault(match.group(1), match.group(2).strip())
            elif following.strip() or headers:
                break  # blank lines may stand between the mark and the headers
        if headers:
            found.append(headers)
    return found


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
    data: bytes, name: str, mail: policy.EmailPolicy, room: int
) -> tuple[list[Message], list[Notice]]:
    if not data.strip():
        return [], [Notice(name, "", "the mailbox is empty")]
    chunks = split_mbox(data)
    if len(chunks) > room:
        raise BadInput(
            name,
            "",
            f"holds {len(chunks):,} messages; an import takes at most {MAX_MESSAGES:,} "
            f"(room was left for {room:,}); refused",
        )
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
    path: Path, mail: policy.EmailPolicy | None = None, room: int = MAX_MESSAGES
) -> tuple[list[Message], list[Notice]]:
    """All messages of an ``.mbox`` file, or the one message of any other (``.eml``) file.

    ``mail`` is the policy from ``mail_policy`` to share among the files of one import;
    ``room`` is how many more messages the import takes (a mailbox holding more is refused).
    """
    path = Path(path)
    mail = mail or mail_policy()
    data = read_limited(path)
    if path.suffix.lower() == ".mbox":
        return _read_mbox(data, path.name, mail, room)
    message, notices = parse_message(data, path.name, mail)
    return [message], notices


SAVED_MAIL_HEADERS = frozenset({"from", "date", "subject"})
_HEAD_BYTES = 65_536  # enough for the headers of any mail


def read_text_mail(
    path: Path, mail: policy.EmailPolicy | None = None
) -> tuple[list[Message], list[Notice]] | None:
    """The message of a mail saved as text (``.txt``), or None when the file is not one: a mail
    starts with headers, From, Date and Subject among them. Only the start of a file that is no
    mail is read, so a large text file beside the mails is passed over, not refused."""
    path = Path(path)
    head = read_head(path, _HEAD_BYTES)
    if not _looks_like_mail(head) or not _header_names(head) >= SAVED_MAIL_HEADERS:
        return None
    message, notices = parse_message(read_limited(path), path.name, mail or mail_policy())
    return [message], notices
