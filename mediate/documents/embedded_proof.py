"""The proof an exported agreement carries inside itself: its fingerprint, check code, canonical
content and the audit anchor, as a custom XML part of the .docx (``customXml/itemN.xml`` in the
namespace below, which Word keeps when it saves) and as XMP properties of the PDF (``services/pdf_archive.py``).

Anyone holding the file can read it back (``mediate verify FILE``), recompute the fingerprint
from the content, and compare the content with the text the file prints.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from defusedxml import ElementTree
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from mediate.documents.docx_tools import clean
from mediate.domain.audit_anchor import AuditAnchor
from mediate.domain.canonical import canonical_json

NAMESPACE = "urn:mediate:agreement-proof:1"
_N = f"{{{NAMESPACE}}}"


@dataclass(frozen=True)
class Proof:
    fingerprint: str
    check_code: str
    content: dict[str, Any]
    anchor: AuditAnchor | None


def proof_xml(proof: Proof) -> bytes:
    anchor = ""
    if proof.anchor is not None:
        a = proof.anchor
        anchor = (
            f'<anchor reference={quoteattr(clean(a.reference))} seq="{a.seq}" '
            f'hash="{a.hash}" at={quoteattr(clean(a.at))}/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<proof xmlns="{NAMESPACE}"><fingerprint>{proof.fingerprint}</fingerprint>'
        f"<checkCode>{proof.check_code}</checkCode>{anchor}"
        f"<content>{escape(canonical_json(proof.content))}</content></proof>"
    ).encode()


def read_proof_xml(data: bytes) -> Proof | None:
    """The proof in a custom XML part, or None when the part is not one (or is damaged)."""
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return None
    if root.tag != f"{_N}proof":
        return None
    content_text = root.findtext(f"{_N}content") or ""
    try:
        content = json.loads(content_text)
    except ValueError:
        content = {}
    anchor_element = root.find(f"{_N}anchor")
    anchor = None
    if anchor_element is not None:
        seq = anchor_element.get("seq", "")
        anchor = AuditAnchor.from_dict(
            {
                "reference": anchor_element.get("reference", ""),
                "seq": int(seq) if seq.isdigit() else 0,
                "hash": anchor_element.get("hash", ""),
                "at": anchor_element.get("at", ""),
            }
        )
    return Proof(
        fingerprint=(root.findtext(f"{_N}fingerprint") or "").strip(),
        check_code=(root.findtext(f"{_N}checkCode") or "").strip(),
        content=content if isinstance(content, dict) else {},
        anchor=anchor,
    )


def embed_proof(document: Document, proof: Proof) -> None:
    """Add the proof to the document as a custom XML part with its properties part (its id
    derived from the fingerprint, so the same agreement keeps the same bytes)."""
    package = document.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), CT.XML, proof_xml(proof), package)
    guid = str(uuid.UUID(proof.fingerprint[:32])).upper()
    number = str(item.partname).removeprefix("/customXml/item").removesuffix(".xml")
    props = Part(
        PackURI(f"/customXml/itemProps{number}.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<ds:datastoreItem ds:itemID="{{{guid}}}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs>'
            "</ds:datastoreItem>"
        ).encode(),
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)
