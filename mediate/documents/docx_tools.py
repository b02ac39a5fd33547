"""python-docx helpers: text cleaning, page-number fields, and byte-identical saving."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

# XML 1.0 refuses these; python-docx raises on them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def clean(text: object) -> str:
    """Text that is safe inside a .docx: XML-invalid characters removed, tabs kept."""
    return _INVALID_XML.sub("", str(text))


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
