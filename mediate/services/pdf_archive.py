"""The agreement's PDF as an archive file: PDF/A-2b from LibreOffice, with the document language,
the fingerprint, the check code, the canonical content and the audit anchor in its XMP metadata
(declared in a PDF/A extension schema, as PDF/A asks), and the same bytes for the same agreement.

LibreOffice stamps each conversion with the time (the creation date, the colour profile's date)
and a random file identifier; they are set here from the agreement itself (the moment of its
audit anchor), so converting the same agreement twice gives the same file.

Beside the content, the metadata records a digest of what the pages draw (each page's content
streams, fonts and images): an edit of the pages after export no longer matches it.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

import pikepdf
from defusedxml import ElementTree  # type: ignore[import-untyped]

from mediate.documents.embedded_proof import Proof
from mediate.domain.audit_anchor import AuditAnchor
from mediate.domain.canonical import canonical_json

NS = "urn:mediate:agreement-proof:1#"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_PROPERTIES = (
    ("fingerprint", "SHA-256 fingerprint of the agreement's printed text"),
    ("checkCode", "Check code printed in the footer of every page"),
    ("content", "Canonical content of the agreement (JSON) the fingerprint is computed from"),
    ("anchor", "Head of the mediation's audit log the agreement anchors (JSON)"),
    ("pages", "SHA-256 of what the pages draw: content streams, fonts and images"),
)


class PdfProblem(Exception):
    """The file is not a PDF that can be read; ``str()`` is a sentence."""


@dataclass(frozen=True)
class PdfFacts:
    """What an agreement's PDF says of itself."""

    proof: Proof | None
    pages_recorded: str  # the digest of the pages at export ("" when none was recorded)
    pages_now: str
    language: str  # the catalog's /Lang
    pdfa: str  # "2B" for PDF/A-2b, "" when the metadata claims no PDF/A
    revisions: int  # 1 for the file as exported, more after an incremental update (a seal)


def _pdf_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _xmp_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def pages_digest(pdf: pikepdf.Pdf) -> str:
    """SHA-256 over every page: its size, its content streams and, by resource name, the fonts'
    embedded programs and character maps and the images and forms it draws."""
    digest = hashlib.sha256()

    def stream_bytes(obj: Any) -> bytes:
        try:
            return bytes(obj.read_bytes())
        except (pikepdf.PdfError, AttributeError, TypeError):
            return b""

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    for number, page in enumerate(pdf.pages, start=1):
        add(f"page {number} box", str(list(page.mediabox)).encode())
        contents = page.obj.get("/Contents")
        parts = contents if isinstance(contents, pikepdf.Array) else [contents]
        for part in parts:
            if part is not None:
                add("content", stream_bytes(part))
        resources = page.obj.get("/Resources") or pikepdf.Dictionary()
        fonts = resources.get("/Font") or pikepdf.Dictionary()
        for name in sorted(fonts.keys()):
            font = fonts[name]
            add(f"font {name}", stream_bytes(font.get("/ToUnicode")))
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get("/FontDescriptor") or pikepdf.Dictionary()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        add(f"font {name} {key}", stream_bytes(descriptor[key]))
        xobjects = resources.get("/XObject") or pikepdf.Dictionary()
        for name in sorted(xobjects.keys()):
            add(f"xobject {name}", stream_bytes(xobjects[name]))
    return digest.hexdigest()


def _xmp(
    proof: Proof, language: str, title: str, author: str, moment: datetime, pages: str
) -> bytes:
    date = _xmp_date(moment)
    lang = escape(language)
    anchor = json.dumps(proof.anchor.as_dict() if proof.anchor else None, sort_keys=True)
    values = {
        "fingerprint": proof.fingerprint,
        "checkCode": proof.check_code,
        "content": canonical_json(proof.content),
        "anchor": anchor,
        "pages": pages,
    }
    schema = "".join(
        "<rdf:li rdf:parseType='Resource'>"
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{escape(text)}</pdfaProperty:description></rdf:li>"
        for name, text in _PROPERTIES
    )
    mediate = "".join(f"<mediate:{k}>{escape(v)}</mediate:{k}>" for k, v in values.items())
    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        "<rdf:Description rdf:about='' xmlns:pdfaid='http://www.aiim.org/pdfa/ns/id/'>"
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        "</rdf:Description>"
        "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        "<dc:format>application/pdf</dc:format>"
        f"<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>{escape(title)}</rdf:li></rdf:Alt>"
        f"</dc:title><dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq>"
        f"</dc:creator><dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>"
        "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>"
        f"SHA-256 {proof.fingerprint}</rdf:li></rdf:Alt></dc:description>"
        "</rdf:Description>"
        "<rdf:Description rdf:about='' xmlns:xmp='http://ns.adobe.com/xap/1.0/'>"
        f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate><xmp:CreatorTool>mediate</xmp:CreatorTool>"
        "</rdf:Description>"
        "<rdf:Description rdf:about='' xmlns:pdf='http://ns.adobe.com/pdf/1.3/'>"
        f"<pdf:Producer>{escape(PRODUCER)}</pdf:Producer>"
        f"<pdf:Keywords>{escape(proof.check_code)}</pdf:Keywords>"
        "</rdf:Description>"
        "<rdf:Description rdf:about='' "
        "xmlns:pdfaExtension='http://www.aiim.org/pdfa/ns/extension/' "
        "xmlns:pdfaSchema='http://www.aiim.org/pdfa/ns/schema#' "
        "xmlns:pdfaProperty='http://www.aiim.org/pdfa/ns/property#'>"
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType='Resource'>"
        "<pdfaSchema:schema>mediate agreement proof</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{NS}</pdfaSchema:namespaceURI>"
        "<pdfaSchema:prefix>mediate</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{schema}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
        f"<rdf:Description rdf:about='' xmlns:mediate='{NS}'>{mediate}</rdf:Description>"
        "</rdf:RDF></x:xmpmeta>\n<?xpacket end='w'?>"
    ).encode()


PRODUCER = "LibreOffice; mediate"


def _fix_profile_date(pdf: pikepdf.Pdf, moment: datetime) -> None:
    """The output intent's ICC profile carries the moment it was made (bytes 24-35 of its
    header): set it to ``moment``."""
    stamp = moment.astimezone(UTC)
    fields = struct.pack(
        ">6H", stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second
    )
    for intent in pdf.Root.get("/OutputIntents") or []:
        profile = intent.get("/DestOutputProfile")
        if profile is None:
            continue
        data = bytearray(profile.read_bytes())
        if len(data) >= 128 and data[36:40] == b"acsp":
            data[24:36] = fields
            profile.write(bytes(data))


def archive_pdf(
    data: bytes, proof: Proof, language: str, title: str, author: str, moment: datetime
) -> bytes:
    """The PDF LibreOffice made, with its metadata set and its variable parts fixed."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as error:
        raise PdfProblem(f"LibreOffice wrote a PDF that cannot be read ({error}).") from None
    with pdf:
        _fix_profile_date(pdf, moment)
        pdf.Root.Lang = pikepdf.String(language)
        pages = pages_digest(pdf)
        xmp = _xmp(proof, language, title, author, moment, pages)
        pdf.Root.Metadata = pdf.make_stream(
            xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )
        info = pikepdf.Dictionary(
            Title=pikepdf.String(title),
            Author=pikepdf.String(author),
            Subject=pikepdf.String(f"SHA-256 {proof.fingerprint}"),
            Keywords=pikepdf.String(proof.check_code),
            Creator=pikepdf.String("mediate"),
            # No /Producer: the XMP one is enough, and a seal (pyHanko) writes its own in both.
            CreationDate=pikepdf.String(_pdf_date(moment)),
            ModDate=pikepdf.String(_pdf_date(moment)),
        )
        pdf.trailer.Info = pdf.make_indirect(info)
        for key in ("/ID", "/DocChecksum"):  # LibreOffice's vary from one run to the next
            if key in pdf.trailer:
                del pdf.trailer[key]  # the identifier is then computed from the content
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def _xmp_values(xmp: bytes) -> dict[str, str]:
    """The mediate properties and a few standard ones of an XMP packet."""
    try:
        root = ElementTree.fromstring(xmp)
    except (ElementTree.ParseError, ValueError):
        return {}
    values: dict[str, str] = {}
    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str) and tag.startswith(f"{{{NS}}}"):
            values[tag.removeprefix(f"{{{NS}}}")] = element.text or ""
        elif tag == "{http://www.aiim.org/pdfa/ns/id/}part":
            values["pdfa_part"] = (element.text or "").strip()
        elif tag == "{http://www.aiim.org/pdfa/ns/id/}conformance":
            values["pdfa_conformance"] = (element.text or "").strip()
    for description in root.iter(f"{_RDF}Description"):  # properties written as attributes
        for key, value in description.attrib.items():
            if key.startswith(f"{{{NS}}}"):
                values[key.removeprefix(f"{{{NS}}}")] = value
            elif key == "{http://www.aiim.org/pdfa/ns/id/}part":
                values["pdfa_part"] = value
            elif key == "{http://www.aiim.org/pdfa/ns/id/}conformance":
                values["pdfa_conformance"] = value
    return values


def pdf_facts(data: bytes) -> PdfFacts:
    """Read the proof and the pages' digest of an agreement's PDF."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError) as error:
        raise PdfProblem(f"This is not a PDF that can be read ({str(error)[:120]}).") from None
    with pdf:
        metadata = pdf.Root.get("/Metadata")
        xmp = bytes(metadata.read_bytes()) if isinstance(metadata, pikepdf.Stream) else b""
        values = _xmp_values(xmp) if xmp else {}
        proof = None
        if values.get("fingerprint"):
            try:
                content = json.loads(values.get("content", ""))
                anchor = json.loads(values.get("anchor", "null"))
            except ValueError:
                content, anchor = {}, None
            proof = Proof(
                values["fingerprint"].strip(),
                values.get("checkCode", "").strip(),
                content if isinstance(content, dict) else {},
                AuditAnchor.from_dict(anchor),
            )
        language = str(pdf.Root.get("/Lang", ""))
        pages = pages_digest(pdf)
    pdfa = values.get("pdfa_part", "") + values.get("pdfa_conformance", "")
    return PdfFacts(
        proof, values.get("pages", "").strip(), pages, language, pdfa, data.count(b"%%EOF")
    )
