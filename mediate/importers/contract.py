"""A contract (``.md``, ``.txt`` or ``.docx``) split into clauses at its numbered headings.

A clause is ``ref`` (the number: "4.2", "4", "IV"), ``heading`` (the title) and ``text`` (the body
up to the next heading, paragraphs kept). Text before the first heading becomes a "Preamble"
clause if there is any; a contract without any recognisable heading becomes one clause, with a
notice.

What is a heading:

1. *Marked* headings: a Markdown heading (``## 4. Fees``, ``## Artikel 4 Betaling``), a line that
   is bold as a whole and starts with a number or label (``**4.2 Payment**``), a Word paragraph
   numbered by Word or in a Heading style (see "Word" below). A level-1 Markdown heading without
   a number is the document title: preamble text.
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
are dropped. A "heading" of more than 200 characters is a paragraph: it goes to the text.

Word (``contract_docx`` reads the file: text, tables, numbers as Word shows them, styles):

- *Numbers*: Word's automatic numbers are the clause numbers ("2.4", "13", "Article IV"). A
  paragraph numbered with a clause number (a decimal or upper Roman level: "4", "4.2") starts a
  clause when its list numbers the contract: a list used by Heading-style paragraphs, or one
  with clause numbers at two levels or more. In any other list (a simple "1. 2. 3." inside a
  clause) it is judged by the text rules above, number included, so it mostly stays body text.
  Lettered, Roman, parenthesised and bulleted items ("(a)", "a.", "(iv)", "A.", "•") never make
  clauses: they stay in the text of the clause above with the label Word shows ("(a) if the
  other party fails…"), because they finish that clause's sentence ("may terminate …
  immediately:") and a reader cites them as "5.3(a)", within 5.3.
- *Headings*: a numbered or Heading-style paragraph is a heading as a whole when it is a short
  title ("Service", "Restrictions on Customer."; in a Heading style also any short line that is
  not a sentence). Otherwise the paragraph is the clause's text, and its title is its bold or
  underlined lead-in ending in a full stop ("Access and Use.  During…" → "Access and Use"), else
  a title sentence as in rule 3, else there is none ("7.1", "Provider makes no guarantees…"). A
  quoted definition ("“Affiliate” means…") has no title. The Title style is preamble text.
- *Tables*: a table after a clause's heading is part of that clause's text, a row a line (cells
  joined by " | "; cells of several lines by a blank line). A table before any heading (a cover
  page) makes clauses of its own, placed after the preamble; the paragraphs between such tables
  stay in the preamble. A key-terms table (rows of a short label and a value, and rows spanning
  the table) gives one clause per row: headed by the label, with the label's explanation line
  and the value as text ("Governing Law": "The laws of the State of {governing_law}."), or by a
  spanning row's first line ("Key Terms"; a long spanning row is text of the clause above). Any
  other table (a signature block) is one clause headed by its title row, else by its first row
  ("PARTY 1 | PARTY 2"). One clause per key term because that is what a mediator looks for and
  what an invoice is checked against: the clause list shows "Governing Law" and "Cloud Service
  Fees" themselves, a search for a term lands on its value rather than in a 22-row table, and a
  rate found in a key term is named by it ("Cloud Service Fees governs line 2").
- *Warning*: a Word contract whose clauses hold under 90 % of the characters of text in its body,
  or (over 100 KB) under one character per KB of file (pages that are pictures), gets a notice.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mediate.domain.model import ContractClause
from mediate.importers.contract_docx import Paragraph, Table, little_text, read_word, row_text
from mediate.importers.contract_docx import visible as visible_characters
from mediate.importers.problems import Notice, read_limited
from mediate.importers.text import decode_text, normalise_lines

PREAMBLE = "Preamble"
MAX_SKIP = 3  # a heading number may be at most this much above the one expected
MAX_HEADING = 200  # characters; a longer "heading" is body text
MAX_WORD_HEADING = 120  # characters of a paragraph in a Heading style that is a heading as a whole
MAX_LABEL_WORDS = 10  # words of a table row's label ("Governing Law") or title row ("Key Terms")

_NUMBER = r"\d{1,3}(?:\.\d{1,3})*"
_LABELLED = re.compile(
    rf"^(?:article|artikel|section|clause|art\.|§)\s*({_NUMBER}|(?-i:[IVXLC]+))\b\.?"
    r"\s*(?:[-–—:.]\s*)?(.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(rf"^({_NUMBER})\.?\s+(\S.*)$")
_CLAUSE_NUMBER = re.compile(
    rf"^(?:(?:article|artikel|section|clause|art\.|§)\s*)?({_NUMBER}|(?-i:[IVXLC]+))\.?$",
    re.IGNORECASE,
)
_CLAUSE_FORMATS = ("decimal", "decimalZero", "upperRoman")
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
        self.cover: list[tuple[str, str]] = []  # clauses from tables before the first heading
        self.found_table = False

    def start(self, ref: str, heading: str) -> None:
        self.flush()
        self.ref, self.heading = ref, heading.strip().strip(" .:-–—").strip()
        if len(self.heading) > MAX_HEADING:  # a paragraph, not a title
            self.body, self.heading = [self.heading], ""
        self.last = _numbers(ref) or self.last
        self.body_list, self.pending_title, self.found_heading = None, False, True

    def add(self, text: str) -> None:
        self.body.append(text.strip())

    def flush(self) -> None:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(self.body)).strip()
        if self.heading != PREAMBLE or self.ref or text:
            self.append(self.ref, self.heading, text)
        self.body = []
        for heading, text in self.cover:  # the cover page's tables follow the preamble
            self.append("", heading, text)
        self.cover = []

    def append(self, ref: str, heading: str, text: str) -> None:
        position = len(self.clauses) + 1
        self.clauses.append(ContractClause(ref=ref, heading=heading, text=text, position=position))

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

    # --- Word ---------------------------------------------------------------------------------

    def word_paragraph(self, paragraph: Paragraph, clause_list: bool) -> None:
        """A Word paragraph: a clause by its automatic number or style, an item, or body text."""
        text = normalise_lines(paragraph.text).strip()
        ref = _clause_ref(paragraph)
        if paragraph.number and ref is None:  # "(a)", "(iv)", "A.", "•": an item of the body
            if text:
                self.add(f"{paragraph.number} {text}")
                self.add("")
        elif ref is not None and (clause_list or paragraph.heading):
            self.word_clause(ref, text, paragraph.lead, paragraph.heading)
        elif ref is not None:  # a simple list: a heading only if the text says so
            if text:
                lead = _lead_in(text, paragraph.lead)
                self.feed(_Line(f"{paragraph.number} {text}", ref=ref, after=text, lead=lead))
                self.add("")
        elif paragraph.heading and text:
            match = _LABELLED.match(text) or _NUMBERED.match(text)
            ref, title = match.groups() if match else ("", text)
            self.word_clause(ref, title, 0 if match else paragraph.lead, heading=True)
        elif paragraph.title:  # the document's title: preamble text, never a clause heading
            self.add(text)
            self.add("")
        else:
            for line in text.split("\n"):
                self.feed(_Line(line))
            self.feed(_Line(""))

    def word_clause(self, ref: str, text: str, lead: int, heading: bool) -> None:
        """A clause from a numbered or Heading-style paragraph: a title, and the rest as text."""
        title, rest = _word_title(text, lead, heading)
        self.start(ref, title)
        self.pending_title = heading and bool(ref) and not self.heading and not rest
        if rest:
            self.add(rest)
            self.add("")

    def table(self, table: Table) -> None:
        """A table after a clause's heading is part of its text; before any, clauses of its own."""
        if self.found_heading:
            self.add("")
            for cells in table.rows:
                self.add(row_text(cells))
            self.add("")
        else:
            self.cover += _table_clauses(table.rows)
            self.found_table = True

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


# --- Word: numbered paragraphs and tables ------------------------------------------------------


def _clause_ref(paragraph: Paragraph) -> str | None:
    """The clause number in a paragraph's automatic number ("2.4", "Article IV"), else None."""
    if paragraph.number_format not in _CLAUSE_FORMATS:
        return None
    match = _CLAUSE_NUMBER.match(paragraph.number)
    return match.group(1) if match else None


def _clause_lists(blocks: list[Paragraph | Table]) -> set[str]:
    """The lists that number the contract's clauses: those of Heading-style paragraphs, or with
    clause numbers at two levels or more ("4", "4.1"). Other numbered lists are body lists."""
    levels: dict[str, set[int]] = {}
    headed: set[str] = set()
    for block in blocks:
        if isinstance(block, Paragraph) and block.list_id and _clause_ref(block) is not None:
            levels.setdefault(block.list_id, set()).add(block.level)
            if block.heading:
                headed.add(block.list_id)
    return headed | {list_id for list_id, found in levels.items() if len(found) > 1}


def _lead_in(text: str, lead: int) -> tuple[str, str] | None:
    """(title, rest) when the bold or underlined start is a title ending in a full stop."""
    title, after = text[:lead].strip(), text[lead:].lstrip()
    if not title or not (title.endswith(".") or after.startswith(".")):
        return None
    return _lead_title((title, after.removeprefix(".").strip()))


def _word_title(text: str, lead: int, heading: bool) -> tuple[str, str]:
    """(title, rest) of a clause's paragraph: its bold/underlined lead-in, a title sentence,
    the whole of a short title, or no title and all of it as text."""
    if not text:
        return "", ""
    if found := _lead_in(text, lead) or _title_sentence(text, run_in=False):
        return found[0], found[1].strip()
    if title := _whole_title(text):
        return title, ""
    if heading and _heading_text(text):
        return text, ""
    return "", text


def _heading_text(text: str) -> bool:
    """Whether a paragraph in a Heading style is a heading as a whole: short, one line, and not
    a sentence (no auxiliary verb, no sentence end inside): "Schedule 1 – Fees", not
    "“User” means any individual who uses the Product"."""
    words = [word.lower().strip(",.;:“”\"'") for word in text.split()]
    return (
        len(text) <= MAX_WORD_HEADING
        and "\n" not in text
        and ". " not in text.strip()
        and not any(word in _VERBS for word in words)
    )


def _label(text: str) -> bool:
    """Whether a cell's text is a short label: a title row, or the first cell of a key term."""
    lines = [line for line in text.split("\n") if line.strip()]
    return (
        1 <= len(lines) <= 3
        and len(lines[0].split()) <= MAX_LABEL_WORDS
        and len(lines[0].strip()) <= MAX_WORD_HEADING
    )


def _table_clauses(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, str]]:
    """(heading, text) of the clauses a table before any heading makes (see the docstring)."""
    terms = [cells for cells in rows if len(cells) == 2 and _label(cells[0])]
    titles = [cells for cells in rows if len(cells) == 1]
    if len(terms) >= 2 and len(terms) + len(titles) == len(rows):
        clauses: list[tuple[str, list[str]]] = []
        for cells in rows:
            lines = [line for line in "\n".join(cells).split("\n") if line.strip()]
            if len(cells) == 1 and not _label(cells[0]):  # text under a title row
                if clauses:
                    clauses[-1][1].extend(lines)
                else:
                    clauses.append(("Table", lines))
            else:
                clauses.append((lines[0], lines[1:]))
        return [(_heading(heading), "\n".join(text)) for heading, text in clauses]
    lines = [row_text(cells) for cells in rows]
    first = rows[0]
    if len(first) == 1 and _label(first[0]):
        heading, _, rest = first[0].partition("\n")
        return [(_heading(heading), "\n".join([rest, *lines[1:]]).strip())]
    if len(lines[0]) <= MAX_HEADING and "\n" not in lines[0]:
        return [(lines[0], "\n".join(lines[1:]))]
    return [("Table", "\n".join(lines))]


def _heading(text: str) -> str:
    return text.strip().rstrip(":").strip()


def _docx_clauses(data: bytes, source: str) -> tuple[list[ContractClause], bool, list[Notice]]:
    document = read_word(data, source)
    clause_lists = _clause_lists(document.blocks)
    splitter = _Splitter()
    for block in document.blocks:
        if isinstance(block, Table):
            splitter.table(block)
        else:
            splitter.word_paragraph(block, block.list_id in clause_lists)
    splitter.flush()
    headings = [c.heading for c in splitter.clauses if c.heading != PREAMBLE]
    kept = sum(
        visible_characters(text) for text in [*headings, *(c.text for c in splitter.clauses)]
    )
    notice = little_text(source, kept, document.characters, document.size)
    found = splitter.found_heading or splitter.found_table
    return splitter.clauses, found, [notice] if notice else []


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


def read_contract(path: Path) -> tuple[list[ContractClause], list[Notice]]:
    """The clauses of a ``.md``, ``.txt`` or ``.docx`` contract, and notices about the file."""
    path = Path(path)
    data = read_limited(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        clauses, found, notices = _docx_clauses(data, path.name)
    else:
        text, notices = decode_text(data, path.name)
        clauses, found = _split(_markdown_lines(text) if suffix == ".md" else _text_lines(text))
    if found:
        return clauses, notices
    notices.append(Notice(path.name, "", "no clause headings found; kept as one clause"))
    text = clauses[0].text if clauses else ""
    return [ContractClause(ref="", heading="Contract", text=text, position=1)], notices
