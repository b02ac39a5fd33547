"""A contract (``.md``, ``.txt`` or ``.docx``) split into clauses at its numbered headings.

A clause is ``ref`` (the number: "4.2", "4", "IV"), ``heading`` (the title) and ``text`` (the body
up to the next heading, paragraphs kept). Text before the first heading becomes a "Preamble"
clause if there is any; a contract without any recognisable heading becomes one clause, with a
notice.

What is a heading:

1. *Marked* headings: a Markdown heading (``## 4. Fees``, ``## Artikel 4 Betaling``), a line that
   is bold as a whole and starts with a number or label (``**4.2 Payment**``), a Word paragraph in
   a Heading style (numbered in its text, by Word's automatic numbering, or not at all). A
   level-1 Markdown heading without a number is the document title: preamble text.
2. *Labelled* lines: "Article", "Artikel", "Section", "Clause", "Art." or "§" with a number or a
   Roman numeral, then a title, nothing, or a title sentence and body text (``Article 4 –
   Payment``, ``ARTICLE IV``, ``Section 2.3 Invoice Disputes``). A labelled line without a title
   takes the next line as its title if that line is a short title (``ARTICLE IV`` / ``PAYMENT``).
3. *Numbered* lines (``4.2 Payment``, ``4.2. Payment``, Markdown list items whose number comes
   from their nesting, as in Common Paper's ``1. Services`` / ``    4. Payment Dispute.``) when
   the words after the number are a title:
   - a bold lead-in (``1. **Services.** The Provider…``), unless it is quoted or followed by ":"
     or "," (a definition or a party's name);
   - the whole rest of the line: at most eight words, starting with a capital letter, no digits,
     quotes, colons or auxiliary verbs, and in Title Case if it ends with a full stop (so
     ``6.1 English law applies.`` is a sentence, ``1. Services.`` a heading);
   - a first sentence followed by body text: such a title, and in Title Case or at most three
     words (``3.1 Hourly rate. All hours…``, not ``4.1 The Provider invoices monthly. …``).
4. *Run-in* headings inside a paragraph (contracts filed as plain text run whole sections
   together: ``… as follows: 1. Services. 1.1 Provision of Services. (a) …``): a number after a
   sentence end (or right after a section number whose full stop was lost, ``… Section 3.6
   3.7 Force Majeure.``), not after "Section", "Article", "Exhibit" and the like, with a Title
   Case title sentence after it.

Numbering must make sense: a numbered heading (3, 4) must follow the last heading's number — the
next number at some level, at most two numbers skipped, or a first sub-number ("4" → "4.1",
"4.2", "5", "5.1"). So a numbered list in a clause body ("1. …", "2. …" inside clause 4) never
splits it, and neither does an item that continues such a list. A sub-clause without a title
("3.2 Each party may…") stays in the body of the clause above it, unless the numbers say it
cannot belong there: a dotted number that is the very next sibling of the current clause (or
of a level above it) starts a clause with an empty heading ("3.1 Term. …" then "3.2 Each…").
Lettered or Roman items such as "(a)" or "(iv)" never split. Lines that are only a page number
are dropped.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mediate.domain.model import ContractClause
from mediate.importers.problems import BadInput, Notice, read_limited
from mediate.importers.text import decode_text, normalise_lines

PREAMBLE = "Preamble"
MAX_SKIP = 3  # a heading number may be at most this much above the one expected

_NUMBER = r"\d{1,3}(?:\.\d{1,3})*"
_LABELLED = re.compile(
    rf"^(?:article|artikel|section|clause|art\.|§)\s*({_NUMBER}|(?-i:[IVXLC]+))\b\.?"
    r"\s*(?:[-–—:.]\s*)?(.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(rf"^({_NUMBER})\.?\s+(\S.*)$")
_RUN_IN = re.compile(rf"(?<!\S)({_NUMBER})\.?\s+(?=\S)")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?-?\s*\d{1,3}\s*-?(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL_WORDS = _words(
    "a an and as at by for from in into of on or per the to with"
    " de den der des die das een en für het met op te tot und van voor von zu"
)
_VERBS = _words(
    "is are was were be will shall may must can means has have"
    " wordt worden werd zal zullen zijn heeft hebben moet mag kan betekent"
)
_ABBREVIATIONS = _words("mr mrs ms dr prof no nr art st vs inc ltd co corp e.g i.e etc")
_REFERENCE_WORDS = _words(
    "section sections article articles artikel artikelen clause clauses paragraph paragraphs"
    " § exhibit schedule annex appendix bijlage lid"
)

# Markdown
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_MD_HEADER_SPAN = re.compile(r'<span class="header_\d+">(.*?)</span>')
_MD_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_MD_WHOLE_BOLD = re.compile(r"^\*\*([^*]+)\*\*$")


@dataclass(frozen=True)
class _Line:
    """One line of the contract, as plain text, with what its markup says about it."""

    text: str
    heading: bool = False  # a marked heading: Markdown heading, bold number line, Word style
    ref: str | None = None  # a Markdown list item's number from its nesting ("4.4")
    after: str = ""  # a list item's text after its number
    lead: tuple[str, str] | None = None  # a bold lead-in title and the text after it


# --- what looks like a title -------------------------------------------------------------------


def _plain_title(text: str) -> bool:
    """Up to eight words, capitalised, no digits, quotes, colons or auxiliary verbs."""
    words = text.split()
    if not 1 <= len(words) <= 8 or not text[:1].isupper():
        return False
    if re.search(r"[\d:;\"“”„()\[\]]", text):
        return False
    lowered = [word.lower().strip(",.") for word in words]
    if any(word in _VERBS for word in lowered):
        return False
    return lowered[-1] not in _ABBREVIATIONS and len(lowered[-1]) > 1


def _title_case(text: str) -> bool:
    words = [word for word in text.split() if word[:1].isalpha()]
    return all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)


def _whole_title(text: str) -> str | None:
    """The title when a whole line after a number is one ("Payment", "Acceptance and complaints")."""
    text = text.strip()
    title = text.removesuffix(".").strip(" -–—")
    if not _plain_title(title) or (text.endswith(".") and not _title_case(title)):
        return None
    return title


def _title_sentence(text: str, run_in: bool) -> tuple[str, str] | None:
    """(title, rest) when the text opens with a title sentence ("Hourly rate. All hours …")."""
    head, dot, rest = text.partition(". ")
    if not dot:
        if not run_in or not text.rstrip().endswith("."):
            return None
        head, rest = text.rstrip()[:-1], ""
    head = head.strip()
    if not _plain_title(head) or (run_in and not _title_case(head)):
        return None
    if not run_in and not rest.strip():
        return None
    if not _title_case(head) and len(head.split()) > 3:
        return None
    return head, rest


def _lead_title(lead: tuple[str, str] | None) -> tuple[str, str] | None:
    """A bold lead-in as a title, unless it is a quoted term or too long to be one."""
    if lead is None:
        return None
    title = lead[0].strip().removesuffix(".").strip()
    if not title[:1].isalpha() or len(title.split()) > 12:
        return None
    return title, lead[1]


# --- numbering ---------------------------------------------------------------------------------


def _numbers(ref: str) -> tuple[int, ...] | None:
    """ "4.2" → (4, 2); "IV" → (4,); anything else → None."""
    if re.fullmatch(_NUMBER, ref):
        return tuple(int(part) for part in ref.split("."))
    if ref and all(char in _ROMAN for char in ref):
        values = [_ROMAN[char] for char in ref]
        total = sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
        return (total,)
    return None


def _follows(last: tuple[int, ...] | None, ref: tuple[int, ...], skip: int = MAX_SKIP) -> bool:
    """Whether ``ref`` can be the heading after ``last``: a next number at some level."""
    if last is None:
        return True
    padded = (last + (0,) * len(ref))[: len(ref)]
    for level in range(len(ref)):
        if ref[:level] != padded[:level]:
            return False
        step = ref[level] - padded[level]
        if 0 < step <= skip and all(1 <= n <= skip for n in ref[level + 1 :]):
            return True
    return False


def _next_sibling(last: tuple[int, ...] | None, ref: tuple[int, ...]) -> bool:
    """Whether a dotted ``ref`` is the very next clause after ``last`` at its level or above."""
    if last is None or len(ref) < 2 or len(ref) > len(last):
        return False
    return _follows(last, ref, skip=1)


def _continues(previous: tuple[int, ...] | None, ref: tuple[int, ...]) -> bool:
    """Whether ``ref`` is the next item of a numbered list whose last item was ``previous``."""
    return (
        previous is not None
        and len(ref) == len(previous)
        and ref[:-1] == previous[:-1]
        and ref[-1] == previous[-1] + 1
    )


def _run_in_boundary(before: str, strict: bool) -> bool:
    """Whether a run-in heading may start after this text: a sentence end, not a reference."""
    before = before.rstrip()
    if not before:
        return True
    previous = before.split()[-1]
    if previous.lower().strip("(") in _REFERENCE_WORDS:
        return False
    if before[-1] in '.;:!?)]"”’':
        return True
    return not strict and re.fullmatch(_NUMBER, previous) is not None


# --- splitting ---------------------------------------------------------------------------------


class _Splitter:
    """Feeds lines in order and collects the clauses."""

    def __init__(self) -> None:
        self.clauses: list[ContractClause] = []
        self.ref, self.heading, self.body = "", PREAMBLE, []
        self.last: tuple[int, ...] | None = None  # the number of the last numbered heading
        self.body_list: tuple[int, ...] | None = None  # the last item of a list in the body
        self.pending_title = False
        self.found_heading = False

    def start(self, ref: str, heading: str) -> None:
        self.flush()
        self.ref, self.heading = ref, heading.strip().strip(" .:-–—").strip()
        self.last = _numbers(ref) or self.last
        self.body_list, self.pending_title, self.found_heading = None, False, True

    def add(self, text: str) -> None:
        self.body.append(text.strip())

    def flush(self) -> None:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(self.body)).strip()
        if self.heading != PREAMBLE or self.ref or text:
            position = len(self.clauses) + 1
            self.clauses.append(
                ContractClause(ref=self.ref, heading=self.heading, text=text, position=position)
            )
        self.body = []

    def feed(self, line: _Line) -> None:
        text = line.text.strip()
        if line.heading:
            self.marked_heading(text)
        elif not text or _PAGE_NUMBER.match(text):
            self.add("")
        elif self.pending_title and not _NUMBERED.match(text) and (title := _whole_title(text)):
            self.heading, self.pending_title = title, False
        else:
            self.pending_title = False
            if not (self.labelled(text) or self.numbered(line, text)):
                self.run_in(text)

    def marked_heading(self, text: str) -> None:
        match = _LABELLED.match(text) or _NUMBERED.match(text)
        ref, title = match.groups() if match else ("", text)
        self.start(ref, title)
        self.pending_title = bool(ref) and not self.heading

    def labelled(self, text: str) -> bool:
        match = _LABELLED.match(text)
        if match is None:
            return False
        ref, after = match.groups()
        if not after:
            self.start(ref, "")
            self.pending_title = True
        elif title := _whole_title(after):
            self.start(ref, title)
        elif found := _title_sentence(after, run_in=False):
            self.start(ref, found[0])
            self.run_in(found[1], first=0)
        else:
            return False
        return True

    def numbered(self, line: _Line, text: str) -> bool:
        """A line starting with a number: a heading, or body text (perhaps a list item)."""
        if line.ref is not None:
            ref, after = line.ref, line.after
        elif match := _NUMBERED.match(text):
            ref, after = match.groups()
        else:
            return False
        numbers = _numbers(ref)
        if _continues(self.body_list, numbers):
            self.body_list = numbers
            self.run_in(text)
            return True
        found = _lead_title(line.lead) or _title_sentence(after, run_in=False)
        if found is None and (title := _whole_title(after)):
            found = (title, "")
        if found and _follows(self.last, numbers):
            self.start(ref, found[0])
            self.run_in(found[1], first=0)
        elif _next_sibling(self.last, numbers) and after[:1].isupper():
            self.start(ref, "")
            self.run_in(after, first=0)
        else:
            if not _follows(self.last, numbers):
                self.body_list = numbers
            self.run_in(text)
        return True

    def run_in(self, text: str, first: int = 1) -> None:
        """Body text, split where a heading runs in after a sentence end (see the docstring).

        Headings are looked for from index ``first`` on: 1 for a line whose own leading number
        has been judged already, 0 for the text after a heading.
        """
        done = 0
        for match in _RUN_IN.finditer(text):
            if match.start() < max(done, first):
                continue
            ref, after = match.group(1), text[match.end() :]
            numbers = _numbers(ref)
            found = _title_sentence(after, run_in=True)
            if found and _follows(self.last, numbers):
                strict = False
            elif _next_sibling(self.last, numbers) and after[:1].isupper():
                found, strict = ("", after), True
            else:
                continue
            if not _run_in_boundary(text[: match.start()], strict):
                continue
            self.add(text[done : match.start()])
            self.start(ref, found[0])
            done = len(text) - len(found[1])
        if text[done:].strip() or not done:
            self.add(text[done:])


def _split(lines: Iterable[_Line]) -> tuple[list[ContractClause], bool]:
    splitter = _Splitter()
    for line in lines:
        splitter.feed(line)
    splitter.flush()
    return splitter.clauses, splitter.found_heading


# --- reading the formats -----------------------------------------------------------------------


def _text_lines(text: str) -> Iterator[_Line]:
    for line in text.split("\n"):
        yield _Line(line)


def _unmark(line: str) -> str:
    """Markdown/HTML markup off a line, except ``**`` (bold marks a title)."""
    line = _MD_HEADER_SPAN.sub(r"**\1**", line)
    return html.unescape(_MD_LINK.sub(r"\1", _MD_TAG.sub("", line)))


def _bold_lead(text: str) -> tuple[str, str] | None:
    """("Services.", "The Provider…") for "**Services.** The Provider…"; not for "**Term**: …"."""
    match = _MD_BOLD_LEAD.match(text)
    if match is None or match.group(2).lstrip()[:1] in (":", ","):
        return None
    return match.group(1), match.group(2).lstrip(" .").replace("**", "")


def _markdown_line(line: str, stack: list[tuple[int, int]]) -> _Line:
    """One Markdown line; ``stack`` holds the open numbered list levels (indent, number)."""
    text = _unmark(line)
    if heading := _MD_HEADING.match(text):
        stack.clear()
        content = heading.group(2).replace("**", "").strip()
        title_only = len(heading.group(1)) == 1 and not (
            _LABELLED.match(content) or _NUMBERED.match(content)
        )
        return _Line(content, heading=not title_only)
    if item := _MD_ITEM.match(text):
        indent = len(item.group(1).expandtabs(4))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, int(item.group(2))))
        ref = ".".join(str(number) for _, number in stack)
        after = item.group(3).replace("**", "")
        return _Line(text.replace("**", ""), ref=ref, after=after, lead=_bold_lead(item.group(3)))
    stripped = text.strip()
    if stripped and not text[:1].isspace():
        stack.clear()  # a paragraph ends the list
    if (bold := _MD_WHOLE_BOLD.match(stripped)) and (
        _LABELLED.match(bold.group(1)) or _NUMBERED.match(bold.group(1))
    ):
        return _Line(bold.group(1), heading=True)
    numbered = _NUMBERED.match(stripped)
    lead = _bold_lead(numbered.group(2)) if numbered else None
    return _Line(text.replace("**", ""), lead=lead)


def _markdown_lines(text: str) -> Iterator[_Line]:
    stack: list[tuple[int, int]] = []
    for line in text.split("\n"):
        yield _markdown_line(line, stack)


def _word_numbering_level(paragraph, heading_level: int) -> int | None:
    """The list level of a paragraph that Word numbers automatically, else None."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_pr = style.element.pPr
        num_pr = style_pr.numPr if style_pr is not None else None
        style = style.base_style
    if num_pr is None or (num_pr.numId is not None and num_pr.numId.val == 0):
        return None
    return num_pr.ilvl.val if num_pr.ilvl is not None else max(heading_level - 1, 0)


def _auto_number(counters: list[int], level: int) -> str:
    """The next number at ``level`` of Word's automatic heading numbering ("2", "2.1")."""
    del counters[level + 1 :]
    counters.extend([0] * (level + 1 - len(counters)))
    counters[level] += 1
    return ".".join(str(max(number, 1)) for number in counters)


def _open_docx(data: bytes, source: str):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a file that is no .docx
        raise BadInput(
            source, "", f"is not a Word .docx document ({type(error).__name__}: {error})"
        ) from None


def _docx_lines(data: bytes, source: str) -> Iterator[_Line]:
    """Paragraphs in order; Heading styles are marked headings, each paragraph ends a paragraph."""
    counters: list[int] = []
    for paragraph in _open_docx(data, source).paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = normalise_lines(paragraph.text)
        if style.lower().startswith("heading") and text.strip():
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            auto = _word_numbering_level(paragraph, level)
            if auto is not None and not _NUMBERED.match(text.strip()):
                text = f"{_auto_number(counters, auto)} {text.strip()}"
            yield _Line(text, heading=True)
            continue
        for line in text.split("\n"):
            yield _Line(line)
        yield _Line("")


def read_contract(path: Path) -> tuple[list[ContractClause], list[Notice]]:
    """The clauses of a ``.md``, ``.txt`` or ``.docx`` contract, and notices about the file."""
    path = Path(path)
    data = read_limited(path)
    suffix = path.suffix.lower()
    notices: list[Notice] = []
    if suffix == ".docx":
        lines: Iterable[_Line] = list(_docx_lines(data, path.name))
    else:
        text, notices = decode_text(data, path.name)
        lines = _markdown_lines(text) if suffix == ".md" else _text_lines(text)
    clauses, found = _split(lines)
    if found:
        return clauses, notices
    notices.append(Notice(path.name, "", "no clause headings found; kept as one clause"))
    text = clauses[0].text if clauses else ""
    return [ContractClause(ref="", heading="Contract", text=text, position=1)], notices
