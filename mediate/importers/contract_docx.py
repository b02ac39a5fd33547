"""A Word ``.docx`` contract read as Word shows it: its body in order, paragraphs and tables.

What comes out (``read_word``) is a list of blocks for ``contract.py`` to split into clauses:

- a ``Paragraph``: its text (runs, hyperlinks, tracked insertions, content controls, fields'
  results; not deleted text), the number Word puts in front of it by automatic numbering ("2.4",
  "(a)", "•"), whether its style is a heading (Heading 1..9 or a style with an outline level,
  inherited through ``w:basedOn``) or the document's Title, and how much of its start is bold or
  underlined (a run-in title such as "Access and Use." before the body text). A text box's
  paragraphs follow the paragraph that anchors it.
- a ``Table``: its rows of cells, each cell once (a cell merged across columns, ``w:gridSpan``,
  is one cell; the continuation of a cell merged down, ``w:vMerge``, is left out), cell
  paragraphs joined by line breaks with their numbers, nested tables as lines of their rows
  (``row_text``), empty rows dropped. A table of one column is a box around text, not a table:
  its cells' paragraphs and tables are read as if they stood in the body.

Numbers are computed as Word does from numbering.xml: the paragraph's ``w:numId``/``w:ilvl``
(directly, or from its style and the level that names the style), the list's abstract definition
(through ``w:numStyleLink`` if it has one), each level's ``w:start``, ``w:numFmt`` (decimal,
decimalZero, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none; others as decimal),
``w:lvlText`` ("%1.%2", "(%3)"), ``w:isLgl`` and ``w:lvlRestart``, and a ``w:startOverride`` when
a list is restarted. Counters are kept per abstract list, so two list instances of one definition
continue each other unless one restarts. A heading whose numbering cannot be resolved (no
numbering part, an unknown list) is counted by its level, as Word's heading numbering would.

Safety: the package is checked before python-docx opens it: at most ``MAX_PARTS`` parts, at most
``MAX_UNPACKED_BYTES`` unpacked and at most ``MAX_XML_PART_BYTES`` for any one XML part (a tree
takes about twenty times its text in memory), as the zip's headers say and as each part really
unpacks (streamed, so a part whose header lies is caught before anything is held in memory). Styles are
resolved once per style id (python-docx's ``paragraph.style`` searches all styles for every
paragraph: a file of thousands of styles and paragraphs takes minutes; more than ``MAX_STYLES``
styles are refused outright), ``w:basedOn`` chains in a
circle end, labels are cut to ``MAX_LABEL`` characters and numbers stay small, and tables or text
boxes nested deeper than ``MAX_NESTING`` are read as plain text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from mediate.importers.problems import BadInput, Notice

MAX_PARTS = 10_000
MAX_UNPACKED_BYTES = 60_000_000  # pictures included
MAX_XML_PART_BYTES = 5_000_000  # a 60-page contract's document.xml is about 0.7 MB
MAX_STYLES = 4_000  # Word's own templates define about 400
MAX_NESTING = 12  # tables and text boxes inside each other; deeper ones are read as plain text
MAX_LABEL = 40  # characters of a level's w:lvlText
MAX_COUNTER = 1_000_000
MIN_SHARE = 0.9  # of the document's text that must reach the clauses before a warning
MIN_TEXT_PER_KB = 1  # characters of text per KB of .docx below which it may be a scan
MIN_SCAN_BYTES = 100_000  # smaller files are not suspected of being scans

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_HEADING_NAME = re.compile(r"heading\s*([1-9])$", re.IGNORECASE)
_FALSE = ("0", "false", "off", "none")


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_P, _TBL, _TR, _TC, _R, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_TXBX = _w("txbxContent")
_VAL = _w("val")
# inline containers whose runs are shown; deleted and moved-away text and fallbacks are not
_INLINE = {_w(n) for n in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple")}
_INLINE |= {_w("dir"), _w("bdo"), _SDT_CONTENT, f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice"}
_HIDDEN = {_w("del"), _w("moveFrom"), f"{{{_MC}}}Fallback", _w("pPr"), _w("rPr"), _w("sdtPr")}
_RUN_TEXT = {_T: None, _w("tab"): "\t", _w("ptab"): "\t", _w("br"): "\n", _w("cr"): "\n"}
_RUN_TEXT |= {_w("noBreakHyphen"): "-"}


# --- the blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: str = ""  # the automatic number as Word shows it ("2.4", "(a)", "•"), else ""
    number_format: str = ""  # its level's w:numFmt ("decimal", "lowerLetter", …)
    list_id: str = ""  # the abstract list the number counts in
    level: int = 0
    heading: bool = False  # a Heading style (or an outline level)
    title: bool = False  # the Title or Subtitle style
    lead: int = 0  # characters at the start in bold or underline (a run-in title)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # cells per row, each merged cell once; no empty rows


@dataclass
class WordDocument:
    blocks: list[Paragraph | Table]
    characters: int  # non-blank characters of text in the body, for ``little_text``
    size: int  # bytes of the .docx


def row_text(cells: tuple[str, ...]) -> str:
    """A table row as text: its non-empty cells joined by " | ", or by a blank line when a cell
    holds several lines (a signature block: "Customer:", "Signature:", "Name and Title:" …)."""
    kept = [cell.strip() for cell in cells if cell.strip()]
    return ("\n\n" if any("\n" in cell for cell in kept) else " | ").join(kept)


def little_text(source: str, kept: int, total: int, size: int) -> Notice | None:
    """A warning when the clauses hold far less text than the document, or than its size."""
    if total and kept < MIN_SHARE * total:
        return Notice(
            source,
            "",
            f"only {kept:,} of the {total:,} characters of text in the document were read into "
            "clauses: compare the clauses with the document in Word",
        )
    if size >= MIN_SCAN_BYTES and kept * 1000 < MIN_TEXT_PER_KB * size:
        return Notice(
            source,
            "",
            f"holds only {kept:,} characters of text in {round(size / 1000):,} KB; its pages "
            "may be images (a scan) or objects that are not read: compare the clauses with the "
            "document in Word",
        )
    return None


def visible(text: str) -> int:
    """The characters of ``text`` that are not blank."""
    return len(text) - sum(text.count(c) for c in " \t\n\r\f\v\u00a0")


# --- the package -------------------------------------------------------------------------------


def _check_package(data: bytes, source: str) -> None:
    """Refuse a zip that unpacks too large (by its headers, and by what really comes out)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says what it is not
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise BadInput(source, "", f"holds {len(members):,} parts; refused above {MAX_PARTS:,}")
        limit = f"unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000:,} MB; refused"
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise BadInput(source, "", limit)
        total = 0
        try:
            for member in members:
                xml = member.filename.lower().endswith((".xml", ".rels"))
                part_limit = MAX_XML_PART_BYTES if xml else MAX_UNPACKED_BYTES
                if member.file_size > part_limit:
                    raise BadInput(source, member.filename, _part_too_large(part_limit))
                size = 0
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        total += len(chunk)
                        size += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise BadInput(source, "", limit)
                        if size > part_limit:
                            raise BadInput(source, member.filename, _part_too_large(part_limit))
        except BadInput:
            raise
        except Exception as error:  # a bad CRC, a truncated or encrypted part, a bad method
            raise BadInput(
                source, "", f"is not a Word .docx document ({type(error).__name__}: {error})"
            ) from None


def _part_too_large(limit: int) -> str:
    return f"unpacks to more than {limit // 1_000_000:,} MB; refused"


def _open_docx(data: bytes, source: str):
    import docx

    _check_package(data, source)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a file that is no .docx
        raise BadInput(
            source, "", f"is not a Word .docx document ({type(error).__name__}: {error})"
        ) from None


def _related(document, reltype: str):
    """The XML root of the document's part of that relationship type, or None."""
    try:
        part = document.part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    return getattr(part, "element", None)


def _attr(element, name: str, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(_w(name), default)


def _child_val(element, name: str) -> str | None:
    """The w:val of ``element``'s child ``name``: "" when the child has no w:val, None if absent."""
    if element is None:
        return None
    child = element.find(_w(name))
    return None if child is None else child.get(_VAL, "")


def _int(value: str | None, default: int, low: int = 0, high: int = MAX_COUNTER) -> int:
    try:
        return min(max(int(value), low), high) if value is not None else default
    except ValueError:
        return default


# --- styles ------------------------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # w:outlineLvl
    named_heading: bool | None = None  # named "heading 1" … "heading 9"
    num_id: str | None = None
    ilvl: int | None = None
    emphasis: bool | None = None  # bold or underline (a character style)


class _Styles:
    """Each style's own properties, and what it inherits, resolved once per style id."""

    def __init__(self, root) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        for element in root.iterfind(_w("style")) if root is not None else ():
            style_id = _attr(element, "styleId")
            if style_id is None or style_id in self.styles:
                continue
            p_pr = element.find(_w("pPr"))
            num_pr = p_pr.find(_w("numPr")) if p_pr is not None else None
            name = (_child_val(element, "name") or "").strip()
            self.styles[style_id] = _Style(
                name=name,
                based_on=_child_val(element, "basedOn"),
                outline=_int(v, 9, 0, 9) if (v := _child_val(p_pr, "outlineLvl")) else None,
                named_heading=True if _HEADING_NAME.match(name) else None,
                num_id=_child_val(num_pr, "numId"),
                ilvl=_int(v, 0, 0, 8) if (v := _child_val(num_pr, "ilvl")) is not None else None,
                emphasis=_emphasis(element.find(_w("rPr"))),
            )
            if _attr(element, "type") == "paragraph" and _attr(element, "default") in ("1", "true"):
                self.default_paragraph = style_id
        self.memo: dict[tuple[str, str], object] = {}

    def inherited(self, style_id: str | None, what: str):
        """The nearest value of ``what`` on the style or its ``w:basedOn`` ancestors."""
        path: list[str] = []
        seen: set[str] = set()
        found = None
        while style_id is not None and (style_id, what) not in self.memo:
            style = self.styles.get(style_id)
            if style is None or style_id in seen:
                break
            path.append(style_id)
            seen.add(style_id)
            if (found := getattr(style, what)) is not None:
                break
            style_id = style.based_on
        else:
            if style_id is not None:
                found = self.memo[style_id, what]
        for step in path:
            self.memo[step, what] = found
        return found

    def heading(self, style_id: str | None) -> bool:
        if self.inherited(style_id, "named_heading"):
            return True
        outline = self.inherited(style_id, "outline")
        return outline is not None and outline < 9

    def title(self, style_id: str | None) -> bool:
        style = self.styles.get(style_id or "")
        return style is not None and style.name.lower() in ("title", "subtitle")


def _emphasis(r_pr) -> bool | None:
    """Whether run properties make text bold or underlined; None when they do not say."""
    if r_pr is None:
        return None
    bold, underline = _child_val(r_pr, "b"), _child_val(r_pr, "u")
    if bold is not None and bold.lower() not in _FALSE:
        return True
    if underline is not None and underline.lower() not in _FALSE:
        return True
    return False if bold is not None or underline is not None else None


# --- numbering ---------------------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restarts after levels below this (0: never)
    legal: bool = False  # w:isLgl: the numbers of all levels shown as decimals
    style: str | None = None  # w:pStyle: the paragraph style that takes this level


def _level(element) -> _Level:
    restart = _child_val(element, "lvlRestart")
    legal = _child_val(element, "isLgl")
    return _Level(
        start=_int(_child_val(element, "start"), 0),
        fmt=_child_val(element, "numFmt") or "decimal",
        text=(_child_val(element, "lvlText") or "")[:MAX_LABEL],
        restart=_int(restart, 0, 0, 9) if restart is not None else None,
        legal=legal is not None and legal.lower() not in _FALSE,
        style=_child_val(element, "pStyle"),
    )


def _levels(element) -> dict[int, _Level]:
    return {_int(_attr(lvl, "ilvl"), 0, 0, 8): _level(lvl) for lvl in element.iterfind(_w("lvl"))}


@dataclass
class _List:
    abstract: str
    levels: dict[int, _Level]
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _format(number: int, fmt: str) -> str:
    """A counter as Word writes it in this format ("c", "iv", "03"); unknown formats as decimal."""
    if fmt in ("lowerLetter", "upperLetter") and 1 <= number <= 26 * 30:
        text = _LETTERS[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman") and 1 <= number < 4000:
        text = ""
        for value, letters in _ROMAN:
            count, number = divmod(number, value)
            text += letters * count
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class _Numbering:
    """numbering.xml, and the counters of the lists as the body is read in order."""

    def __init__(self, root, styles: _Styles) -> None:
        self.styles = styles
        abstracts: dict[str, object] = {}
        nums: dict[str, object] = {}
        for element in root.iterfind(_w("abstractNum")) if root is not None else ():
            abstracts.setdefault(_attr(element, "abstractNumId") or "", element)
        for element in root.iterfind(_w("num")) if root is not None else ():
            nums.setdefault(_attr(element, "numId") or "", element)
        self.lists: dict[str, _List] = {}
        parsed: dict[str, dict[int, _Level]] = {}  # levels per abstract list, read once
        for num_id, element in nums.items():
            abstract_id = _child_val(element, "abstractNumId") or ""
            abstract = self._follow_style_link(abstract_id, abstracts, nums)
            if abstract is None:
                continue
            if abstract not in parsed:
                parsed[abstract] = _levels(abstracts[abstract])
            levels = parsed[abstract]
            starts = {}
            for override in element.iterfind(_w("lvlOverride")):
                ilvl = _int(_attr(override, "ilvl"), 0, 0, 8)
                if (start := _child_val(override, "startOverride")) is not None:
                    starts[ilvl] = _int(start, 0)
                if (lvl := override.find(_w("lvl"))) is not None:
                    levels = {**levels, ilvl: _level(lvl)}
            self.lists[num_id] = _List(abstract, levels, starts)
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.fallback: list[int] = []  # heading numbering that cannot be resolved

    def _follow_style_link(self, abstract_id: str, abstracts, nums) -> str | None:
        """The abstract list that holds the levels (``w:numStyleLink`` points to another one)."""
        for _ in range(4):
            element = abstracts.get(abstract_id)
            if element is None:
                return None
            link = _child_val(element, "numStyleLink")
            if not link:
                return abstract_id
            num_id = self.styles.inherited(link, "num_id")
            linked = nums.get(num_id or "")
            abstract_id = _child_val(linked, "abstractNumId") or "" if linked is not None else ""
        return None

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        numbering = self.lists.get(num_id)
        if numbering is not None and style_id is not None:
            for ilvl, level in sorted(numbering.levels.items()):
                if level.style == style_id:
                    return ilvl
        return 0

    def number(self, num_id: str, ilvl: int) -> tuple[str, str, str] | None:
        """(label, format, list) of the next paragraph of this list at this level, or None."""
        numbering = self.lists.get(num_id)
        level = numbering.levels.get(ilvl) if numbering is not None else None
        if numbering is None or level is None:
            return None
        counters = self.counters.setdefault(numbering.abstract, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in numbering.starts.items():
                counters[at] = start - 1
                counters[at + 1 :] = [None] * (8 - at)
        counters[ilvl] = (
            level.start if counters[ilvl] is None else min(counters[ilvl] + 1, MAX_COUNTER)
        )
        for deeper in range(ilvl + 1, 9):
            below = numbering.levels.get(deeper)
            restart = below.restart if below is not None else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        if level.fmt == "bullet":
            return "•", level.fmt, numbering.abstract

        def shown(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            other = numbering.levels.get(at, _Level())
            value = counters[at] if counters[at] is not None else other.start
            if level.fmt == "none" and at == ilvl:
                return ""
            return _format(value, "decimal" if level.legal else other.fmt)

        label = re.sub(r"%([1-9])", shown, level.text).strip()
        return label, level.fmt, numbering.abstract

    def counted(self, ilvl: int) -> str:
        """A heading's number from its level alone ("2", "2.1"), when its list is unknown."""
        del self.fallback[ilvl + 1 :]
        self.fallback.extend([0] * (ilvl + 1 - len(self.fallback)))
        self.fallback[ilvl] += 1
        return ".".join(str(max(number, 1)) for number in self.fallback)


# --- the body ----------------------------------------------------------------------------------


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def blocks(self, container, depth: int = 0) -> Iterator[Paragraph | Table]:
        """The paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in _block_children(container):
            if child.tag == _P:
                yield from self.paragraph(child, depth)
            elif depth >= MAX_NESTING:
                yield Paragraph(_flat_text(child))
            else:
                yield from self.table(child, depth)

    def paragraph(self, element, depth: int) -> Iterator[Paragraph]:
        text, lead, boxes = self.runs(element)
        p_pr = element.find(_w("pPr"))
        style_id = _child_val(p_pr, "pStyle") or self.styles.default_paragraph
        heading = self.styles.heading(style_id) or _int(_child_val(p_pr, "outlineLvl"), 9) < 9
        number, number_format, list_id, level = self.number(p_pr, style_id, heading)
        yield Paragraph(
            text=text,
            number=number,
            number_format=number_format,
            list_id=list_id,
            level=level,
            heading=heading,
            title=self.styles.title(style_id),
            lead=lead,
        )
        for box in boxes:
            if depth >= MAX_NESTING:
                yield Paragraph(_flat_text(box))
            else:
                yield from self.blocks(box, depth + 1)

    def number(self, p_pr, style_id: str | None, heading: bool) -> tuple[str, str, str, int]:
        """(label, format, list, level) of Word's automatic number of a paragraph, else blanks."""
        num_pr = p_pr.find(_w("numPr")) if p_pr is not None else None
        num_id = _child_val(num_pr, "numId")
        ilvl_value = _child_val(num_pr, "ilvl")
        from_style = num_id is None
        if from_style:
            num_id = self.styles.inherited(style_id, "num_id")
        if num_id is None or num_id.strip() in ("", "0"):
            return "", "", "", 0
        if ilvl_value is not None:
            ilvl = _int(ilvl_value, 0, 0, 8)
        elif from_style and (inherited := self.styles.inherited(style_id, "ilvl")) is not None:
            ilvl = inherited
        else:
            ilvl = self.numbering.level_for_style(num_id, style_id)
        found = self.numbering.number(num_id, ilvl)
        if found is None:
            return (
                (self.numbering.counted(ilvl), "decimal", "", ilvl) if heading else ("", "", "", 0)
            )
        label, number_format, list_id = found
        return label, number_format, list_id, ilvl

    def runs(self, element) -> tuple[str, int, list]:
        """The paragraph's text, how much of its start is bold or underlined, its text boxes."""
        pieces: list[str] = []
        lead: int | None = None
        length = 0
        boxes: list = []
        stack = [iter(element)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if tag == _R:
                text = self.run_text(child, boxes)
                if text and lead is None and text.strip() and not self.emphasised(child):
                    lead = length
                pieces.append(text)
                length += len(text)
            elif tag in _INLINE or tag == _SDT:
                stack.append(iter(child))
        text = "".join(pieces)
        return text, length if lead is None else lead, boxes

    def run_text(self, run, boxes: list) -> str:
        text = []
        for child in run:
            tag = child.tag
            if tag in _RUN_TEXT:
                text.append(_RUN_TEXT[tag] if _RUN_TEXT[tag] is not None else child.text or "")
            elif isinstance(tag, str) and tag not in _HIDDEN:
                boxes += _text_boxes(child)  # a drawing or picture may hold a text box
        return "".join(text).replace("\r\n", "\n").replace("\r", "\n")

    def emphasised(self, run) -> bool:
        r_pr = run.find(_w("rPr"))
        direct = _emphasis(r_pr)
        if direct is not None:
            return direct
        return bool(self.styles.inherited(_child_val(r_pr, "rStyle"), "emphasis"))

    def table(self, element, depth: int) -> Iterator[Paragraph | Table]:
        rows: list[list[list[Paragraph | Table]]] = []
        for row in _children(element, _TR):
            cells = []
            for cell in _children(row, _TC):
                tc_pr = cell.find(_w("tcPr"))
                merged = [_child_val(tc_pr, name) for name in ("vMerge", "hMerge")]
                if any(value is not None and value != "restart" for value in merged):
                    continue  # the rest of a merged cell: its text is in the first part
                cells.append(list(self.blocks(cell, depth + 1)))
            rows.append(cells)
        if all(len(cells) <= 1 for cells in rows):  # one column: a box around paragraphs
            for cells in rows:
                for blocks in cells:
                    yield from blocks
            return
        texts = (tuple(_cell_text(blocks) for blocks in cells) for cells in rows)
        kept = tuple(cells for cells in texts if any(cell.strip() for cell in cells))
        if kept:
            yield Table(kept)


def _cell_text(blocks: list[Paragraph | Table]) -> str:
    lines = []
    for block in blocks:
        if isinstance(block, Table):
            lines += [row_text(cells) for cells in block.rows]
        else:
            lines += f"{block.number} {block.text}".strip().split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def _children(element, tag: str) -> Iterator:
    """Children with this tag, also inside content controls and custom XML around them."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == tag:
            yield child
        elif child.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            stack.append(iter(child))


def _block_children(container) -> Iterator:
    stack = [iter(container)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (_P, _TBL):
            yield child
        elif child.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            stack.append(iter(child))


def _text_boxes(element) -> list:
    """The text boxes inside a run's drawing or picture (not the fallback copies)."""
    found, stack = [], [element]
    while stack:
        node = stack.pop()
        if node.tag == _TXBX:
            found.append(node)
        elif node.tag not in _HIDDEN:
            stack.extend(reversed(node))
    return found


def _walk_text(element) -> Iterator[str]:
    """The text (w:t) under ``element``, without deleted text and fallback copies."""
    stack = [element]
    while stack:
        node = stack.pop()
        if node.tag == _T:
            yield node.text or ""
        elif node.tag not in _HIDDEN:
            stack.extend(reversed(node))


def _flat_text(element) -> str:
    return " ".join(" ".join(_walk_text(element)).split())


def read_word(data: bytes, source: str) -> WordDocument:
    """The body of a .docx as paragraphs and tables (see the module docstring)."""
    document = _open_docx(data, source)
    styles_root = _related(document, _RT_STYLES)
    count = len(styles_root.findall(_w("style"))) if styles_root is not None else 0
    if count > MAX_STYLES:
        raise BadInput(
            source,
            "word/styles.xml",
            f"defines {count:,} styles; a Word document has a few hundred, and more than "
            f"{MAX_STYLES:,} are refused",
        )
    styles = _Styles(styles_root)
    numbering = _Numbering(_related(document, _RT_NUMBERING), styles)
    body = document.element.body
    blocks = list(_Reader(styles, numbering).blocks(body))
    characters = sum(visible(text) for text in _walk_text(body))
    return WordDocument(blocks, characters, len(data))
