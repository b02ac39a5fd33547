"""The prevention report as Markdown and as .docx, for one case or for all of them.

Built from CasePrevention reviews only, which never hold caucus material.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from docx import Document
from docx.shared import Cm, Pt

from mediate.documents.docx_tools import clean, deterministic_bytes, set_properties
from mediate.domain.prevention import CasePrevention, Finding, FindingKind, overview
from mediate.domain.prevention_wording import PREVENTION_WORDING
from mediate.domain.safe_text import for_document

LABELS = {
    "en": {
        "title": "Prevention report",
        "all": "all cases",
        "intro_one": "What in the invoice and the contract invited this dispute, and what to change so that the next one does not happen.",
        "intro_all": "What in the invoices and contracts invited these disputes, and what to change so that the next one does not happen.",
        "summary": "Across the cases",
        "col_finding": "Finding",
        "col_cases": "Cases",
        "col_count": "Findings",
        "evidence": "Evidence",
        "fix": "Fix",
        "none": "No findings: the invoice and the contract give no cause for a dispute.",
        "lang_en": "English",
        "lang_nl": "Dutch",
    },
    "nl": {
        "title": "Preventierapport",
        "all": "alle zaken",
        "intro_one": "Wat in de factuur en het contract tot dit geschil leidde, en wat er anders moet zodat het volgende geschil uitblijft.",
        "intro_all": "Wat in de facturen en contracten tot deze geschillen leidde, en wat er anders moet zodat het volgende geschil uitblijft.",
        "summary": "Over alle zaken",
        "col_finding": "Bevinding",
        "col_cases": "Zaken",
        "col_count": "Bevindingen",
        "evidence": "Bewijs",
        "fix": "Oplossing",
        "none": "Geen bevindingen: de factuur en het contract geven geen aanleiding tot een geschil.",
        "lang_en": "Engels",
        "lang_nl": "Nederlands",
    },
}
FIXED_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINKISH = re.compile(r"(?<=\w):(?=//)|(?<=\bwww)\.|@")


def _one_case(reviews: Sequence[CasePrevention], one_case: bool | None) -> bool:
    return len(reviews) == 1 if one_case is None else one_case and len(reviews) == 1


def _language(reviews: Sequence[CasePrevention], language: str | None, one: bool) -> str:
    if language in LABELS:
        return language
    return reviews[0].language if one and reviews[0].language in LABELS else "en"


def _heading(
    reviews: Sequence[CasePrevention], labels: dict[str, str], one: bool
) -> tuple[str, str]:
    """The report's title and its opening sentence."""
    if one:
        return f"{labels['title']}: {reviews[0].reference}", labels["intro_one"]
    return f"{labels['title']}: {labels['all']}", labels["intro_all"]


def _summary_rows(reviews: Sequence[CasePrevention], lang: str) -> list[tuple[str, str, str]]:
    titles = PREVENTION_WORDING[lang]
    return [
        (titles[FindingKind(kind).value], str(cases), str(count))
        for kind, cases, count in overview(reviews)
    ]


def _suggestion_label(finding: Finding, language: str, labels: dict[str, str]) -> str | None:
    """A language tag when a finding offers the same text in several languages."""
    return labels[f"lang_{language}"] if len(finding.suggestions) > 1 else None


# --- Markdown ------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """User text made inert in Markdown: one line, special characters escaped, and nothing a
    renderer would turn into a link (``http://``, ``www.``, an address with ``@``: GitHub and
    most viewers link them even without brackets)."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(for_document(str(text)).split()))
    return _MD_LINKISH.sub(lambda m: "\\" + m.group(), text)


def prevention_markdown(
    reviews: Sequence[CasePrevention], language: str | None = None, one_case: bool | None = None
) -> str:
    """The report in Markdown: of one case, or of all (with a summary) when ``one_case`` is
    False or several reviews are given. Language: ``language``, else the one case's, else en."""
    one = _one_case(reviews, one_case)
    lang = _language(reviews, language, one)
    labels = LABELS[lang]
    heading, intro = _heading(reviews, labels, one)
    out = [f"# {md_escape(heading)}", "", intro, ""]
    if not one:
        out += [f"## {labels['summary']}", ""]
        out += [f"| {labels['col_finding']} | {labels['col_cases']} | {labels['col_count']} |"]
        out += ["|---|---:|---:|"]
        out += [f"| {t} | {c} | {n} |" for t, c, n in _summary_rows(reviews, lang)]
        out.append("")
    level = "##" if one else "###"
    for review in reviews:
        if not one:
            out += [f"## {md_escape(review.reference)}: {md_escape(review.title)}", ""]
        else:
            out += [f"*{md_escape(review.title)}*", ""]
        if not review.findings:
            out += [labels["none"], ""]
        for number, finding in enumerate(review.findings, 1):
            out += [
                f"{level} {number}. {md_escape(finding.title)}",
                "",
                f"**{labels['evidence']}:** {md_escape(finding.evidence)}",
                "",
                f"**{labels['fix']}:** {md_escape(finding.fix)}",
                "",
            ]
            for text_lang, text in finding.suggestions:
                tag = _suggestion_label(finding, text_lang, labels)
                out += [f"> {f'*{tag}:* ' if tag else ''}{md_escape(text)}", ""]
    return "\n".join(out).rstrip() + "\n"


# --- .docx ---------------------------------------------------------------------------------------


def _styles(document: Document) -> None:
    """Every style once: body, title, subtitle, headings, quote."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    sizes = (("Title", 20), ("Subtitle", 12), ("Heading 1", 14), ("Heading 2", 12))
    for name, size in sizes:
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
    quote = styles["Quote"]
    quote.font.name = "Calibri"
    quote.font.size = Pt(10)
    quote.paragraph_format.left_indent = Cm(1)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)


def _labelled(document: Document, label: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(clean(f"{label}: ")).bold = True
    paragraph.add_run(clean(text))


def prevention_docx(
    reviews: Sequence[CasePrevention],
    language: str | None = None,
    one_case: bool | None = None,
    moment: datetime = FIXED_MOMENT,
) -> bytes:
    """The report as .docx bytes (see prevention_markdown); the same reviews give the same
    bytes."""
    one = _one_case(reviews, one_case)
    lang = _language(reviews, language, one)
    labels = LABELS[lang]
    document = Document()
    _styles(document)
    heading, intro = _heading(reviews, labels, one)
    set_properties(document, heading, "mediate", moment)
    document.add_paragraph(clean(heading), style="Title")
    document.add_paragraph(clean(intro))
    if not one:
        document.add_heading(clean(labels["summary"]), level=1)
        rows = _summary_rows(reviews, lang)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            (labels["col_finding"], labels["col_cases"], labels["col_count"]),
            strict=True,
        ):
            cell.text = clean(text)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = clean(text)
    level = 1 if one else 2
    for review in reviews:
        if not one:
            document.add_heading(clean(f"{review.reference}: {review.title}"), level=1)
        else:
            document.add_paragraph(clean(review.title), style="Subtitle")
        if not review.findings:
            document.add_paragraph(clean(labels["none"]))
        for number, finding in enumerate(review.findings, 1):
            document.add_heading(clean(f"{number}. {finding.title}"), level=level)
            _labelled(document, labels["evidence"], finding.evidence)
            _labelled(document, labels["fix"], finding.fix)
            for text_lang, text in finding.suggestions:
                tag = _suggestion_label(finding, text_lang, labels)
                paragraph = document.add_paragraph(style="Quote")
                if tag:
                    paragraph.add_run(clean(f"{tag}: ")).italic = True
                paragraph.add_run(clean(text))
    return deterministic_bytes(document)
