"""python-docx helpers: text cleaning, runs and tables written as XML, page setup, language,
page-number fields, and byte-identical saving."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from mediate.domain.safe_text import for_document

# XML 1.0 refuses these; python-docx raises on them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TWIPS_PER_CM = 1440 / 2.54
PAGE_SIZES = {"a4": (11906, 16838), "letter": (12240, 15840)}  # width, height in twips


def clean(text: object) -> str:
    """Text that is safe inside a .docx: control characters and bidi overrides removed
    (``safe_text.for_document``), then anything XML 1.0 refuses; tabs and newlines kept."""
    return _INVALID_XML.sub("", for_document(str(text)))


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def set_properties(document: Document, title: str, author: str, moment: datetime) -> None:
    """Fixed core properties, so the same agreement gives the same bytes."""
    props = document.core_properties
    # python-docx refuses a core property over 255 characters (a long reference or name).
    props.title = clean(title)[:255]
    props.author = clean(author)[:255]
    props.last_modified_by = clean(author)[:255]
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""


def deterministic_bytes(document: Document) -> bytes:
    """Save, then rewrite the zip with fixed entry times and attributes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- runs and tables as XML --------------------------------------------------------------------------

_SPECIAL = re.compile("([\t\n])")
_HEADER_SPECIAL = re.compile("([\t\n\u00ad])")
_AMOUNT_SPECIAL = re.compile("([\t\n-])")
_ELEMENTS = {"\t": "<w:tab/>", "\n": "<w:br/>"}


def run_xml(
    text: str, bold: bool = False, amount: bool = False, size: int = 0, header: bool = False
) -> str:
    """One run holding ``text`` (already cleaned): tabs and line breaks as their elements. In
    an ``amount`` the minus sign is a non-breaking hyphen, so it never wraps; in a ``header``
    (the agreement's own words) a soft hyphen marks where a long word may break. A soft hyphen
    in what a person typed stays a character, as typed."""
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    pattern = _AMOUNT_SPECIAL if amount else _HEADER_SPECIAL if header else _SPECIAL
    parts = []
    for piece in pattern.split(text):
        if piece in _ELEMENTS:
            parts.append(_ELEMENTS[piece])
        elif piece == "-" and amount:
            parts.append("<w:noBreakHyphen/>")
        elif piece == "\u00ad" and header:
            parts.append("<w:softHyphen/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


@dataclass(frozen=True)
class Cell:
    """One table cell: its paragraphs (each a list of runs as XML), alignment and wrapping."""

    paragraphs: Sequence[str]  # run XML per paragraph
    right: bool = False
    nowrap: bool = False
    space_before: Sequence[int] = ()  # twips before each paragraph (a signature's room)
    span: int = 1  # grid columns the cell covers (a heading row of a group)
    keep: bool = False  # kept on one page with the next row (a group's heading with its first)


def paragraph_xml(
    runs: str,
    style: str = "TableText",
    right: bool = False,
    keep: bool = False,
    before: int = 0,
    hyphenate: bool = True,
) -> str:
    """A paragraph; its properties in the order the schema wants them."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep:
        props += "<w:keepNext/>"
    if not hyphenate:
        props += "<w:suppressAutoHyphens/>"
    if before:
        props += f'<w:spacing w:before="{before}"/>'
    if right:
        props += '<w:jc w:val="right"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def table_xml(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    header: bool = True,
    borders: bool = True,
    keep_together: bool = False,
) -> str:
    """A table with a fixed grid (``widths`` in twips, which LibreOffice and Word both follow).

    Every row is kept on one page (``w:cantSplit``); the first row is a header row repeated on
    every page the table runs onto (``w:tblHeader``) when ``header``. ``keep_together`` keeps the
    whole table on one page with what follows it (``w:keepNext`` on all but the last row's
    paragraphs), as signature blocks need."""
    style = '<w:tblStyle w:val="TableGrid"/>' if borders else ""
    out = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>{style}"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    last = len(rows) - 1
    for number, row in enumerate(rows):
        repeat = "<w:tblHeader/>" if header and number == 0 else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>")
        keep = keep_together and number < last
        column = 0
        for cell in row:
            width = sum(widths[column : column + cell.span])
            column += cell.span
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            nowrap = "<w:noWrap/>" if cell.nowrap else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{nowrap}</w:tcPr>')
            befores = list(cell.space_before) + [0] * len(cell.paragraphs)
            for runs, before in zip(cell.paragraphs or [""], befores, strict=False):
                out.append(
                    paragraph_xml(
                        runs,
                        right=cell.right,
                        keep=keep or cell.keep or (header and number == 0),
                        before=before,
                        hyphenate=not cell.nowrap,
                    )
                )
            out.append("</w:tc>")
        if column != len(widths):
            raise ValueError(f"row {number} covers {column} of {len(widths)} columns")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def append_xml(document: Document, xml: str) -> None:
    """Add a block element (a table) at the end of the body, before its section properties."""
    body = document.element.body
    element = parse_xml(xml)
    if body.sectPr is not None:
        body.sectPr.addprevious(element)
    else:
        body.append(element)


# --- page, language, paragraph properties ------------------------------------------------------------


def set_page(document: Document, size: str, margin_cm: float = 2.2) -> None:
    """Portrait ``size`` ("a4" or "letter") with the given left and right margins."""
    section = document.sections[0]
    width, height = PAGE_SIZES[size]
    section.page_width, section.page_height = width * 635, height * 635  # EMU per twip
    margin = round(margin_cm * TWIPS_PER_CM) * 635
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = round(2.0 * TWIPS_PER_CM) * 635
    section.header_distance = section.footer_distance = round(1.0 * TWIPS_PER_CM) * 635


def set_language(document: Document, tag: str) -> None:
    """The language of all text (``nl-NL``, ``en-GB``), for spelling and hyphenation, in the
    default run properties; automatic hyphenation on (amounts and headers turn it off)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    settings = document.settings.element
    tab = settings.find(qn("w:defaultTabStop"))
    if settings.find(qn("w:autoHyphenation")) is None and tab is not None:
        tab.addnext(OxmlElement("w:autoHyphenation"))  # its place in the schema's order


def keep_with_next(paragraph: Paragraph) -> Paragraph:
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def no_hyphenation(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:suppressAutoHyphens"))
