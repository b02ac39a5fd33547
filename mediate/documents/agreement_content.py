"""What an agreement prints, in canonical form, and its fingerprint.

The fingerprint binds the document as rendered: every paragraph of its body and header as printed
(each clause's final text with the defaults applied, the money figures as written, the parties
and their signatories), the language, the figures and parties once more as plain values, and the
template version. The English and the Dutch version each have their own.

The text is read from the document's own XML, the same way for an agreement just rendered and
for a .docx received back from a party, so ``mediate verify FILE`` compares like with like. Left
out: the paragraphs in the style ``Fingerprint`` (which print the fingerprint itself and the
audit anchor) and the footer (which prints the check code and the page numbers).
"""

from __future__ import annotations

from typing import Any

from defusedxml import ElementTree

from mediate.documents.docx_tools import clean
from mediate.domain.canonical import fingerprint
from mediate.domain.settlement import SettlementRecord

# Raise when the printed text of an agreement changes for the same record (new wording, a new
# clause): a settlement signed under the old text then no longer exports as the signed one.
TEMPLATE = "mediate agreement 2026.2"
FORMAT = "mediate agreement content 1"
PROOF_STYLE = "Fingerprint"  # the style of the paragraphs outside the fingerprinted text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PIECES = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as printed: its runs' text, tabs, line breaks and hyphens (soft hyphens
    and field instructions print nothing of their own)."""
    out = []
    for element in paragraph.iter():
        if element.tag == f"{W}t":
            out.append(element.text or "")
        elif element.tag in _PIECES:
            out.append(_PIECES[element.tag])
    return "".join(out)


def _style(paragraph: Any) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val", "") if found is not None else ""


def printed_text(part_xml: bytes) -> list[str]:
    """Every non-empty paragraph of a document, header or footer part, in order (a table's cells
    row by row), without the ``Fingerprint`` paragraphs."""
    root = ElementTree.fromstring(part_xml)
    return [
        text
        for paragraph in root.iter(f"{W}p")
        if _style(paragraph) != PROOF_STYLE and (text := paragraph_text(paragraph).strip())
    ]


def agreement_content(
    record: SettlementRecord, language_tag: str, header: list[str], text: list[str]
) -> dict[str, Any]:
    """The canonical content of one language version of the agreement."""
    case, money = record.case, record.money
    cur = case.currency
    return _cleaned(
        {
            "format": FORMAT,
            "template": TEMPLATE,
            "language": language_tag,
            "case": case.reference,
            "version": record.settlement.version,
            "signed": record.settlement.locked,
            "currency": cur,
            "figures": {
                "invoiced_gross": str(money.invoiced.gross),
                "agreed_net": str(money.agreed.net),
                "agreed_vat": str(money.agreed.vat),
                "agreed_gross": str(money.agreed.gross),
                "paid": str(money.paid),
                "still_owed": str(money.still_owed),
                "refund": str(money.refund),
                "schedule": [[i.due.isoformat(), str(i.amount)] for i in record.proposal.schedule],
            },
            "parties": [
                {
                    "role": p.role.value,
                    "legal_name": p.legal_name,
                    "signatories": [[s.name, s.capacity] for s in p.signers],
                }
                for p in case.parties
            ],
            "mediator": case.mediator,
            "signoffs": [
                [s.role.value, s.signer, s.name, s.capacity, s.signed_at.isoformat()]
                for s in record.settlement.signoffs
            ],
            "header": header,
            "text": text,
        }
    )


def _cleaned(value: Any) -> Any:
    """Every text as the document prints it (``docx_tools.clean``): what a party typed may hold
    characters XML cannot carry, and the content travels inside the file."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def content_fingerprint(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the content."""
    return fingerprint(content)


def _short(text: object, limit: int = 90) -> str:
    shown = str(text).replace("\n", " ").replace("\t", " ")
    return f"“{shown[:limit]}…”" if len(shown) > limit else f"“{shown}”"


def _around(was: str, now: str, width: int = 60) -> tuple[str, str]:
    """The two texts quoted around where they first differ."""
    start = next((i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b), None)
    if start is None:
        start = min(len(was), len(now))
    start = max(0, start - width // 3)

    def quote(text: str) -> str:
        piece = text[start : start + width].replace("\n", " ").replace("\t", " ")
        lead = "…" if start else ""
        tail = "…" if start + width < len(text) else ""
        return f"“{lead}{piece}{tail}”"

    return quote(was), quote(now)


_PARTS = {
    "template": "the template version",
    "language": "the language",
    "case": "the case reference",
    "version": "the settlement version",
    "signed": "whether it is signed off",
    "currency": "the currency",
    "figures": "the money figures",
    "parties": "the parties or their signatories",
    "mediator": "the mediator",
    "signoffs": "the sign-offs",
    "header": "the page header",
}


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed between two contents, in words, the first changed paragraph quoted; empty
    when they are the same."""
    found = []
    for key, name in _PARTS.items():
        if before.get(key) != after.get(key):
            found.append(f"{name} ({_short(before.get(key), 50)} → {_short(after.get(key), 50)})")
    old, new = before.get("text") or [], after.get("text") or []
    if old != new:
        for number, (was, now) in enumerate(zip(old, new, strict=False), start=1):
            if was != now:
                before_text, after_text = _around(was, now)
                found.append(f"paragraph {number}: {before_text} became {after_text}")
                break
        else:
            found.append(f"the text has {len(new)} paragraphs instead of {len(old)}")
    return found
