"""A contract (``.md``, ``.txt`` or ``.docx``) split into clauses by its numbered headings.

What counts as a clause heading:
- a Markdown heading (``## 3. Fees``, ``## Artikel 4 Betaling``) or a Word paragraph in a Heading
  style; its number, if any, is the clause reference;
- a line that starts with "Article", "Artikel", "Section", "Clause" or "Art." and a number
  (``Article 4 – Payment``, ``ARTICLE IV``, ``Section 2.3 Invoice Disputes``);
- a numbered line that is only a short title (``4.2 Payment``, ``5. Acceptance and complaints``);
- a numbered sub-clause that opens with a short title sentence (``3.1 Hourly rate. All hours…``,
  ``2.3 Invoice Disputes. If …``), also inside a long paragraph, as contracts filed as plain text
  often run many clauses together; references to "Section 3.2" are never split on;
- a Markdown numbered list item whose text opens with a short title (``1. Services``, indented
  ``4. Payment Dispute. If …``); nesting gives the reference (``4.4``).
A short title has at most eight words and starts with a capital letter. Everything else, lettered
items "(a)" and numbered sentences such as ``1.1 "Services" means …`` included, is body text of
the clause above it. Text before the first heading becomes a "Preamble" clause.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from mediate.domain.model import ContractClause
from mediate.importers.problems import BadInput, Notice, read_limited

_WORD_REF = re.compile(
    r"^(?:article|artikel|section|clause|art\.)\s+(\d+(?:\.\d+)*|[IVXLC]+)\b[.:]?\s*[-–—:]?\s*(.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_ITEM = re.compile(r"^(\s*)(\d+)\.\s+(.*)$")
_INLINE = re.compile(
    r"(?:(?<=^)|(?<=[.;:)]\s)|(?<=[.;:)]\s\s))(?<!Section\s)(?<!Sections\s)(\d+(?:\.\d+)*)\.?\s+"
    r"([A-Z][\w'’&/,-]*(?:\s+[A-Za-z&][\w'’&/,-]*){0,7})\.\s"
)
_TAGS = re.compile(r"<[^>]+>")


_NOT_FIRST = frozenset(
    [
        "the",
        "a",
        "an",
        "all",
        "each",
        "any",
        "if",
        "this",
        "these",
        "those",
        "where",
        "when",
        "de",
        "het",
        "een",
        "alle",
        "elke",
        "indien",
        "als",
        "bij",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "januari",
        "februari",
        "maart",
        "mei",
        "juni",
        "juli",
        "augustus",
        "oktober",
    ]
)
_VERBS = frozenset(
    [
        "is",
        "are",
        "will",
        "shall",
        "may",
        "must",
        "can",
        "has",
        "have",
        "was",
        "were",
        "be",
        "means",
        "wordt",
        "worden",
        "zal",
        "zullen",
        "zijn",
        "heeft",
        "hebben",
        "kan",
        "mag",
        "moet",
        "betekent",
    ]
)


def _short_title(text: str) -> bool:
    """A clause title: up to eight words, capitalised, no sentence verb, no digits or colon."""
    words = text.split()
    if not 0 < len(words) <= 8 or not text[:1].isupper() or text.startswith(("“", '"')):
        return False
    lowered = [w.lower().strip(",.;") for w in words]
    if lowered[0] in _NOT_FIRST or any(w in _VERBS for w in lowered):
        return False
    return not re.search(r"[\d:]", text)


def _title_and_rest(text: str) -> tuple[str, str] | None:
    """("Hourly rate", "All hours …") when the text opens with a short title sentence."""
    text = text.strip()
    if _short_title(text.rstrip(".")) and len(text) <= 80 and text.count(". ") == 0:
        return text.rstrip(".").strip(), ""
    head, sep, rest = text.partition(". ")
    if sep and _short_title(head) and not head.endswith(("e.g", "i.e", "No", "Art")):
        return head.strip(), rest.strip()
    return None


class _Builder:
    def __init__(self) -> None:
        self.clauses: list[ContractClause] = []
        self.ref, self.heading, self.body = "", "Preamble", []

    def start(self, ref: str, heading: str, rest: str = "") -> None:
        self.flush()
        self.ref, self.heading, self.body = (
            ref,
            heading.strip(" .:-–—") or ref,
            [rest] if rest else [],
        )

    def text(self, line: str) -> None:
        self.body.append(line)

    def flush(self) -> None:
        text = "\n".join(self.body).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        if self.ref or self.heading != "Preamble" or text:
            self.clauses.append(
                ContractClause(
                    ref=self.ref, heading=self.heading, text=text, position=len(self.clauses) + 1
                )
            )
        self.body = []

    def paragraph(self, line: str) -> None:
        """Plain text: a heading line, a titled sub-clause, or body text with inline clauses."""
        stripped = line.strip()
        if not stripped:
            self.text("")
            return
        word = _WORD_REF.match(stripped)
        if word and (not word.group(2) or _title_and_rest(word.group(2))):
            self.start(word.group(1), word.group(2))
            return
        numbered = _NUMBERED.match(stripped)
        if numbered and (found := _title_and_rest(numbered.group(2))):
            self.start(numbered.group(1), found[0], found[1])
            self._inline(found[1], replace_last=True)
            return
        self._inline(stripped)

    def _inline(self, text: str, replace_last: bool = False) -> None:
        """Split a long paragraph at clauses run into it ("… 3. Termination. 3.1 Term. …")."""
        if len(text) < 200:
            if not replace_last:
                self.text(text)
            return
        matches = list(_INLINE.finditer(text))
        if not matches:
            if not replace_last:
                self.text(text)
            return
        if replace_last:
            self.body = []
        head = text[: matches[0].start()].strip()
        if head:
            self.text(head)
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            if not _short_title(match.group(2)):
                self.text(text[match.start() : end].strip())
                continue
            self.start(match.group(1), match.group(2), text[match.end() : end].strip())


def _split_text(text: str, markdown: bool) -> list[ContractClause]:
    builder = _Builder()
    stack: list[tuple[int, int]] = []  # (indent, number) of open list levels
    for raw in text.splitlines():
        line = _TAGS.sub("", raw).replace("**", "") if markdown else raw
        if markdown and (heading := _MD_HEADING.match(line)):
            content = heading.group(2).strip()
            word = _WORD_REF.match(content)
            numbered = _NUMBERED.match(content)
            if word:
                builder.start(word.group(1), word.group(2))
            elif numbered:
                builder.start(numbered.group(1), numbered.group(2))
            elif heading.group(1) == "#":
                builder.text(content)
            else:
                builder.start("", content)
            stack = []
            continue
        item = _MD_ITEM.match(line) if markdown else None
        if item:
            indent = len(item.group(1).expandtabs(4))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, int(item.group(2))))
            found = _title_and_rest(item.group(3))
            if found and (len(stack) > 1 or len(item.group(3)) <= 80):
                builder.start(".".join(str(n) for _, n in stack), found[0], found[1])
                continue
            builder.text(line.strip())
            continue
        builder.paragraph(line)
    builder.flush()
    return builder.clauses


def _docx_paragraphs(data: bytes, source: str) -> list[tuple[str, bool]]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BadInput(source, "", f"is not a Word .docx document ({error})") from None
    except Exception as error:  # python-docx raises several kinds for broken packages
        raise BadInput(
            source, "", f"cannot be read as a .docx document ({type(error).__name__})"
        ) from None
    return [
        (p.text, (p.style.name or "").lower().startswith(("heading", "title")))
        for p in document.paragraphs
    ]


def _decode(data: bytes, source: str, notices: list[Notice]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise BadInput(source, "", "is not a text file")
    notices.append(Notice(source, "", "not UTF-8; read as Windows-1252"))
    return data.decode("cp1252", errors="replace")


def read_contract(path: Path) -> tuple[list[ContractClause], list[Notice]]:
    data = read_limited(path)
    notices: list[Notice] = []
    suffix = path.suffix.lower()
    if suffix == ".docx":
        builder = _Builder()
        for text, is_heading in _docx_paragraphs(data, path.name):
            if is_heading:
                word, numbered = _WORD_REF.match(text.strip()), _NUMBERED.match(text.strip())
                if word:
                    builder.start(word.group(1), word.group(2))
                elif numbered:
                    builder.start(numbered.group(1), numbered.group(2))
                else:
                    builder.start("", text)
            else:
                builder.paragraph(text)
        builder.flush()
        clauses = builder.clauses
    else:
        clauses = _split_text(_decode(data, path.name, notices), markdown=suffix == ".md")
    numbered = [c for c in clauses if c.ref]
    if not numbered:
        notices.append(
            Notice(path.name, "", "no numbered clause headings found; kept as one clause")
        )
        text = "\n\n".join(
            f"{c.heading}\n{c.text}" if c.heading != "Preamble" else c.text for c in clauses
        )
        clauses = [ContractClause(ref="", heading="Contract", text=text.strip(), position=1)]
    return clauses, notices
