"""The settlement agreement as a .docx, in English or Dutch, from a SettlementRecord.

The legal framing follows the governing law chosen: under Dutch law the agreement is a
vaststellingsovereenkomst within the meaning of art. 7:900 BW, in both languages; under any other
law it is a settlement agreement (schikkingsovereenkomst) that names no Dutch statute. Every
sentence comes from the clause library (``wording.py``); every amount from ``record.money`` or,
for the statutory sums of late payment, from ``domain/laws.py``: nothing is worked out here.

Typesetting: A4 (US Letter only when chosen for a party in the United States), the document's
language set (en-GB, nl-NL), tables on a fixed grid whose amount columns are as wide as their
longest amount (amounts never wrap: no-wrap cells, no-break spaces and hyphens), header rows that
repeat on every page, rows that never split (each invoice heads its own lines in a row across the
terms table, so a long invoice number is printed once; a short table such as the totals or the
schedule stays on one page with the words before it), signature blocks kept whole and with the
words above them, initials, page numbers and the check code in the footer of every page, DRAFT in
the header of every page until the settlement is signed off.

The fingerprint covers the text as printed (``agreement_content.py``); the document prints it
before the signatures with the audit anchor, carries it with its content in a custom XML part
(``embedded_proof.py``), and prints its check code in the footer of every page.

The same record always gives the same bytes: fixed core properties and zip entry times.
Caucus material never reaches this module: it receives only the agreed terms and the parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from itertools import groupby

from babel.dates import format_date, format_datetime
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from mediate.documents.agreement_content import (
    PROOF_STYLE,
    agreement_content,
    content_fingerprint,
    printed_text,
)
from mediate.documents.docx_tools import (
    TWIPS_PER_CM,
    Cell,
    add_field,
    append_xml,
    clean,
    deterministic_bytes,
    keep_with_next,
    run_xml,
    set_language,
    set_page,
    set_properties,
    table_xml,
)
from mediate.documents.embedded_proof import Proof, embed_proof
from mediate.documents.wording import REASONS, STATUTES, VAT_CATEGORIES, WORDING
from mediate.domain import laws
from mediate.domain.check_code import check_code
from mediate.domain.clauses import with_defaults
from mediate.domain.model import Party, PartyRole, Signatory, SignOff
from mediate.domain.money import babel_locale, format_money
from mediate.domain.settlement import SettlementRecord
from mediate.domain.settlement_money import InvoiceMoney

FONT = "Arial"  # Liberation Sans and Arimo have its metrics: the widths below hold everywhere
BODY_PT, TABLE_PT = 10, 9
SHORT_TABLE = 12  # rows of a table kept whole on one page (the totals, a payment schedule)
MARGIN_CM = 2.2
PADDING_CM = 0.19 * 2 + 0.12  # a cell's left and right margins, and room to spare
LANGUAGE_TAGS = {"en": "en-GB", "nl": "nl-NL"}

# Arial advance widths in em: enough to size a column to its longest amount or word.
_NARROW = set(" \xa0.,:;'|!ijlI()[]/\\-\u2011")
_WIDE = set("MWmw@%")


def text_width_cm(text: str, points: float, bold: bool = False) -> float:
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.28
        elif char in _WIDE:
            em += 0.85
        elif char.isupper():
            em += 0.68
        else:
            em += 0.56
    return em * points * (1.07 if bold else 1.0) / 28.3465


# A long invoice number breaks after its separators, not in the middle of a number.
_BREAK_AFTER = re.compile(r"([/_.:\\])(?=\S)")
# Dutch street names and the article they take after "aan" (aan de Pikeursbaan, aan het Plein).
_STREET_DE = (
    "straat", "weg", "laan", "baan", "gracht", "kade", "singel", "dijk", "dreef", "steeg", "wal",
    "markt", "haven", "boulevard", "allee", "vaart", "burgwal", "ring", "passage", "weide",
    "dam", "zijde", "akker", "brink", "hoven", "poort", "wetering",
)  # fmt: skip
_STREET_HET = ("plein", "hof", "pad", "park", "erf", "veld", "plantsoen", "eiland", "water")
_HOUSE = re.compile(r"^(?P<street>[^\d,]+?)\s+\d")
_KVK = re.compile(
    r"^\s*(?:kvk|k\.v\.k\.|kamer van koophandel|chamber of commerce|handelsregister)"
    r"[\s:.#-]*(?:nr\.?|no\.?|nummer|number)?[\s:.#-]*(\d{8})\s*$",
    re.IGNORECASE,
)
_COMPANIES_HOUSE = re.compile(
    r"^\s*(?:companies house|company number|company no\.?|crn)[\s:.#-]*(?:no\.?|number)?"
    r"[\s:.#-]*([A-Z]{0,2}\d{6,8})\s*$",
    re.IGNORECASE,
)
_FORMS = (
    ("form_bv", re.compile(r"\bB\.\s?V\.?$|\bBV$")),
    ("form_nv", re.compile(r"\bN\.\s?V\.?$|\bNV$")),
    ("form_ltd", re.compile(r"\b(?:Ltd\.?|Limited)$", re.IGNORECASE)),
)


@dataclass(frozen=True)
class RenderedAgreement:
    """One language version of the agreement: its bytes and the proof it carries."""

    data: bytes
    proof: Proof
    title: str  # the document's title property ("Settlement Agreement MED-2026-001")
    author: str  # the mediator
    language_tag: str  # "en-GB", "nl-NL"

    @property
    def fingerprint(self) -> str:
        return self.proof.fingerprint

    @property
    def check_code(self) -> str:
        return self.proof.check_code


class Agreement:
    """Builds one agreement document; ``render()`` returns it with its proof."""

    def __init__(self, record: SettlementRecord, language: str) -> None:
        self.record = record
        self.lang = language if language in WORDING else "en"
        self.w = WORDING[self.lang]
        self.locale = babel_locale(self.lang)
        self.case = record.case
        self.choices = with_defaults(record.settlement.clause_choices)
        self.figures = record.money  # every amount the agreement states, from the domain
        self.law = laws.BY_LAW.get(self.choices["governing_law"])  # None: free text of old
        self.dutch_law = self.law is not None and self.law.key == "dutch_law"
        self.framing = "7900" if self.dutch_law else "other"
        self.statute = STATUTES[self.lang][self.law.key if self.law else ""]
        self.paper = "letter" if self.choices["paper_size"] == "letter" else "a4"
        page_cm = (21.59 if self.paper == "letter" else 21.0) - 2 * MARGIN_CM
        self.text_width = round(page_cm * TWIPS_PER_CM)
        self.refund = bool(self.figures.refund)
        self.witness = self.choices["mediator_signs"] != "not_signing"
        self.section = 0
        self.doc: DocumentObject = Document()
        self.code_run: Run | None = None  # the footer's check code, written once it is known
        self.proof_paragraphs: list[Paragraph] = []

    # --- formatting ------------------------------------------------------------------------------

    def money(self, amount: Decimal, currency: str | None = None) -> str:
        return format_money(amount, currency or self.case.currency, self.lang)

    def day(self, value: date | None) -> str:
        return format_date(value, format="long", locale=self.locale) if value else "—"

    def join(self, items: list[str]) -> str:
        """ "a, b and c" / "a, b en c"."""
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + self.w["dates_and"] + items[-1]

    def days(self, values: list[date]) -> str:
        """The days of the mediation as a lawyer writes them: "18 and 19 May 2026", "30 April
        and 2 May 2026" ("op 18 en 19 mei 2026")."""
        values = sorted(set(values)) or ([self.case.opened] if self.case.opened else [])
        if not values:
            return "—"
        years = []
        for year, in_year in groupby(values, key=lambda d: d.year):
            months = []
            for _, in_month in groupby(in_year, key=lambda d: d.month):
                dates = list(in_month)
                numbers = [format_date(d, "d", locale=self.locale) for d in dates]
                month = format_date(dates[0], "MMMM", locale=self.locale)
                months.append(f"{self.join(numbers)} {month}")
            years.append(f"{self.join(months)} {year}")
        return self.join(years)

    def t(self, key: str, **values: object) -> str:
        return clean(self.w[key].format(**{k: clean(v) for k, v in values.items()}))

    # --- paragraphs ------------------------------------------------------------------------------

    def para(self, text: str = "", style: str | None = None, bold: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(clean(text)).bold = bold or None
        return paragraph

    def numbered(self, number: str, text: str, keep: bool = False) -> Paragraph:
        """A clause with its number hanging in the margin: "4.1  If the Client …"."""
        paragraph = self.doc.add_paragraph(style="Clause")
        paragraph.add_run(f"{number}\t{clean(text)}")
        if keep:
            keep_with_next(paragraph)
        return paragraph

    def heading(self, title: str, numbered: bool = True) -> None:
        if numbered:
            self.section += 1
            title = f"{self.section}. {title}"
        self.doc.add_heading(clean(title), level=1)

    def clauses(self, texts: list[str]) -> None:
        for number, text in enumerate(texts, start=1):
            self.numbered(f"{self.section}.{number}", text)

    # --- structure -------------------------------------------------------------------------------

    def styles(self) -> None:
        """Every style once: body, clause, table text, headings, title; all in black Arial."""
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.1
        for name, size in (("Title", 20), ("Heading 1", 12), ("Heading 2", 10.5)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.keep_with_next = True
            fonts = style.element.rPr.rFonts
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over Arial
        styles["Heading 1"].paragraph_format.space_before = Pt(12)
        styles["Heading 1"].paragraph_format.space_after = Pt(4)
        clause = styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
        clause.base_style = normal
        clause.paragraph_format.left_indent = Cm(1)
        clause.paragraph_format.first_line_indent = Cm(-1)
        clause.paragraph_format.tab_stops.add_tab_stop(Cm(1))
        table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = normal
        table_text.font.size = Pt(TABLE_PT)
        table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.space_before = Pt(0)
        table_text.paragraph_format.line_spacing = 1.0
        proof = styles.add_style(PROOF_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        proof.base_style = normal
        proof.font.size = Pt(8)
        proof.paragraph_format.space_after = Pt(2)
        set_page(self.doc, self.paper, MARGIN_CM)
        set_language(self.doc, LANGUAGE_TAGS[self.lang])
        self.doc.core_properties.language = LANGUAGE_TAGS[self.lang]

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = self.t(
            "header",
            title=self.w[f"title_{self.framing}"],
            reference=self.case.reference,
            version=self.record.settlement.version,
        )
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if not self.record.settlement.locked:  # DRAFT on every page until signed off
            draft = section.header.add_paragraph()
            draft.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = draft.add_run(self.w["draft_header"])
            run.bold = True
            run.font.size = Pt(12)
            run.font.color.rgb = RGBColor(0xC0, 0, 0)
        footer = section.footer.paragraphs[0]
        footer.paragraph_format.tab_stops.add_tab_stop(
            Cm(self.text_width / TWIPS_PER_CM), WD_TAB_ALIGNMENT.RIGHT
        )
        boxes = [self.w["provider"], self.w["client"]] + (
            [self.w["mediator"]] if self.witness else []
        )
        initials = footer.add_run(
            f"{self.w['initials']}:  " + "   ".join(f"{who} ________" for who in boxes) + "\t"
        )
        initials.font.size = Pt(8)
        before, _, rest = self.w["page"].partition("{page}")
        middle, _, after = rest.partition("{pages}")
        footer.add_run(before).font.size = Pt(8)
        add_field(footer, "PAGE")
        footer.add_run(middle).font.size = Pt(8)
        add_field(footer, "NUMPAGES")
        footer.add_run(after).font.size = Pt(8)
        code = section.footer.add_paragraph()
        code.paragraph_format.space_before = Pt(2)
        self.code_run = code.add_run()
        self.code_run.font.size = Pt(8)
        self.code_run.bold = True

    def columns(self, natural: list[float], flexible: int, minimum: float = 3.0) -> list[int]:
        """Column widths in twips: each column its natural width (cm), the ``flexible`` one
        whatever is left of the text width (at least ``minimum``)."""
        fixed = sum(w for i, w in enumerate(natural) if i != flexible)
        rest = max(self.text_width / TWIPS_PER_CM - fixed, minimum)
        widths = [rest if i == flexible else w for i, w in enumerate(natural)]
        return [round(w * TWIPS_PER_CM) for w in widths]

    def fit(self, texts: list[str], header: str, whole_header: bool = False) -> float:
        """The width (cm) a column needs to hold its longest text unbroken and its header:
        whole, or its longest word (a header then breaks at its spaces and soft hyphens)."""
        words = [header.replace("\u00ad", "")] if whole_header else re.split(r"[ \u00ad]", header)
        widest = max(
            [text_width_cm(t, TABLE_PT) for t in texts]
            + [text_width_cm(w + ("" if whole_header else "-"), TABLE_PT, True) for w in words]
        )
        return widest + PADDING_CM

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        amounts: set[int],
        widths: list[int],
        nowrap: frozenset[int] | set[int] = frozenset(),
        bold_last: bool = False,
        keep_together: bool = False,
    ) -> None:
        """A table with a header row that repeats on every page and rows that never split;
        amounts right-aligned on one line. A row of one text is the heading of the rows under
        it: across every column, bold, kept on a page with the first of them. A short table is
        ``keep_together``: on one page, with what follows it."""
        table_rows = [
            [Cell([run_xml(clean(h), bold=True, header=True)], right=i in amounts, nowrap=True)
             for i, h in enumerate(headers)]
        ]  # fmt: skip
        last = len(rows) - 1
        for number, row in enumerate(rows):
            bold = bold_last and number == last
            if len(row) == 1 < len(headers):
                heading = Cell([run_xml(clean(row[0]), bold=True)], span=len(headers), keep=True)
                table_rows.append([heading])
                continue
            table_rows.append(
                [
                    Cell(
                        [run_xml(clean(text), bold=bold, amount=i in amounts)],
                        right=i in amounts,
                        nowrap=i in amounts or i in nowrap,
                    )
                    for i, text in enumerate(row)
                ]
            )
        append_xml(self.doc, table_xml(table_rows, widths, keep_together=keep_together))

    # --- title and parties -------------------------------------------------------------------------

    def title(self) -> None:
        self.doc.add_paragraph(self.w[f"title_{self.framing}"], style="Title")
        self.para(self.w[f"subtitle_{self.framing}"])
        if not self.record.settlement.locked:
            self.para(self.w["draft"], bold=True)
        translation = self.translated_from()
        if translation:
            self.para(
                self.t(
                    "translation_note",
                    language=self.w[f"language_{translation}"],
                    language_adj=self.w[f"language_adj_{translation}"],
                ),
                bold=True,
            )
        if self.record.settlement.amends is not None:
            self.para(
                self.t(
                    "amendment",
                    version=self.record.settlement.version,
                    previous=self.record.settlement.version - 1,
                )
            )

    def translated_from(self) -> str:
        """The language the agreement binds in, when this document is only a translation."""
        case_language = self.case.language.value
        if self.choices["language_versions"] == "single" and case_language != self.lang:
            return case_language
        return ""

    def office(self, party: Party, country: str) -> str:
        address = party.address or "—"
        if self.lang == "nl" and country == "NL":
            street = _HOUSE.match(address.split(",")[0])
            name = street.group("street").strip().lower() if street else ""
            article = (
                "de" if name.endswith(_STREET_DE) else "het" if name.endswith(_STREET_HET) else ""
            )
            if article:
                return self.t("office_street", address=f"{article} {address}")
            return self.t("office_address", address=address)
        return self.t("office_street" if self.lang == "en" else "office_address", address=address)

    def registration(self, party: Party) -> str:
        text = party.registration or ""
        kvk, companies_house = _KVK.match(text), _COMPANIES_HOUSE.match(text)
        if kvk:
            return self.t("registration_kvk", number=kvk.group(1))
        if companies_house:
            return self.t("registration_companies_house", number=companies_house.group(1))
        return self.t("registration_other", registration=text) if text.strip() else ""

    def signers_text(self, party: Party) -> str:
        named = [s for s in party.signers if s.name]
        return (
            self.w["signers_and"].join(
                self.t("signer", name=s.name, capacity=s.capacity or "—")
                if s.capacity
                else clean(s.name)
                for s in named
            )
            or "—"
        )

    def party_text(self, party: Party) -> str:
        country = laws.party_country(party)
        name = party.legal_name.strip()
        form = next((key for key, pattern in _FORMS if pattern.search(name)), "")
        if form in ("form_bv", "form_nv") and country not in ("NL", ""):
            form = ""  # a Belgian BV or NV is not the Dutch company form
        dutch_company = country == "NL" or bool(_KVK.match(party.registration or ""))
        seat = ""
        if party.seat.strip():
            seat = self.t("seat_dutch" if dutch_company else "seat_other", seat=party.seat)
        return self.t(
            "party",
            name=party.legal_name,
            form=self.w[form] if form else "",
            seat=seat,
            office=self.office(party, country),
            registration=self.registration(party),
            signers=self.signers_text(party),
            role=self.w[party.role.value],
        )

    def parties(self) -> None:
        self.para(self.w["parties_intro"], bold=True)
        provider, client = self.case.party(PartyRole.PROVIDER), self.case.party(PartyRole.CLIENT)
        for index, party in enumerate(p for p in (provider, client) if p):
            if index:
                self.para(self.w["and"])
            self.numbered(f"{index + 1}.", self.party_text(party))
        self.para(self.w["parties_together"])
        self.para(self.t("mediator_line", mediator=self.case.mediator))

    # --- recitals --------------------------------------------------------------------------------

    def contract_recital(self) -> str:
        """The contract in dispute by its title and date when chosen, else by its period."""
        count = self.record.clause_count
        clauses = self.t("recital_contract_clauses", count=count) if count else ""
        given = self.choices["contract_date"]
        start, end = self.case.contract_start, self.case.contract_end
        if given:
            try:
                shown = self.day(date.fromisoformat(given.strip()))
            except ValueError:
                shown = given  # as typed: a date the parties wrote otherwise
            when = self.t("contract_dated", date=shown)
        elif start and end:
            when = self.t("contract_period", start=self.day(start), end=self.day(end))
        elif start:
            when = self.t("contract_from", start=self.day(start))
        else:
            when = ""
        title = self.choices["contract_title"]
        if title:
            return self.t("recital_contract_titled", title=title, dated=when, clauses=clauses)
        return self.t("recital_contract_untitled", period=when, clauses=clauses)

    def recitals(self) -> None:
        self.para(self.w["recitals_intro"], bold=True)
        invoices = "; ".join(
            self.t(
                "invoice_ref",
                kind=self.w["credit_note" if doc.credit_note else "invoice"],
                number=doc.number,
                date=self.day(doc.issue_date),
                gross=self.money(doc.invoiced.gross),
                net=self.money(doc.invoiced.net),
                vat=self.money(doc.invoiced.vat),
            )
            for doc in self.figures.invoices
        )
        reasons = self.join([REASONS[self.lang][r.value] for r in self.case.reasons])
        rules = self.w["rules_mfn"] if self.choices["mediation_rules"] == "mfn" else ""
        recitals = [self.contract_recital(), self.t("recital_invoices", invoices=invoices)]
        if reasons:
            recitals.append(self.t("recital_reasons", reasons=reasons))
        recitals += [
            self.t("recital_mediation", dates=self.on_days(), rules=rules),
            self.w[f"recital_aim_{self.framing}"],
        ]
        for letter, text in zip("ABCDEFGH", recitals, strict=False):
            self.numbered(f"{letter}.", text)
        self.para(self.w["recitals_close"], bold=True)

    def on_days(self) -> str:
        return self.t("on_dates", dates=self.days(self.record.session_dates))

    # --- 1. agreed amounts, 2. payment, 3. other obligations ----------------------------------------

    def terms(self) -> None:
        """Per line without VAT (invoiced, treatment, agreed); then per document and in total
        without VAT, VAT and with VAT; the sentence that states the agreed amount."""
        self.heading(self.w["terms"])
        keep_with_next(self.para(self.w["terms_intro"]))
        money = self.figures
        rows: list[list[str]] = []
        for doc in money.invoices:  # each document under its own heading row, then its lines
            rows.append([self.document_name(doc)])
            rows += [
                [
                    line.label,
                    line.description,
                    self.money(doc.sign * line.invoiced),
                    self.w[line.treatment.value],
                    self.money(doc.sign * line.agreed),
                ]
                for line in doc.lines
            ]
            if doc.document_adjustment:  # the document's own charges and allowances, as invoiced
                amount = self.money(doc.sign * doc.document_adjustment)
                rows.append(["", self.w["document_charges"], amount, self.w["keep"], amount])
        rows.append(
            [
                "",
                self.w["total"],
                self.money(money.invoiced.net),
                "",
                self.money(money.agreed.net),
            ]
        )
        headers = [
            self.w[k]
            for k in ("col_line", "col_description", "col_invoiced", "col_treatment", "col_agreed")
        ]
        column = list(zip(*(row for row in rows if len(row) > 1), strict=True))
        natural = [
            min(self.fit(list(column[0]), headers[0]), 2.2),
            0.0,
            self.fit(list(column[2]), headers[2]),
            self.fit(list(column[3]), headers[3]),
            self.fit(list(column[4]), headers[4]),
        ]
        widths = self.columns(natural, flexible=1)
        self.table(headers, rows, amounts={2, 4}, widths=widths, nowrap={3}, bold_last=True)
        money_intro = keep_with_next(self.para(self.w["money_intro"]))
        money_intro.paragraph_format.space_before = Pt(8)
        totals = []
        for doc in money.invoices:
            sign = doc.sign
            for label, amounts in (("row_invoiced", doc.invoiced), ("row_agreed", doc.agreed)):
                totals.append(
                    [
                        f"{doc.number} {self.w[label]}",
                        self.money(sign * amounts.net),
                        self.money(sign * amounts.vat),
                        self.money(sign * amounts.gross),
                    ]
                )
        for label, amounts in (("row_invoiced", money.invoiced), ("row_agreed", money.agreed)):
            totals.append(
                [
                    f"{self.w['row_total']} {self.w[label]}",
                    self.money(amounts.net),
                    self.money(amounts.vat),
                    self.money(amounts.gross),
                ]
            )
        headers = [
            self.w["col_document"],
            self.w["col_net"],
            self.w["col_vat"],
            self.w["col_gross"],
        ]
        column = list(zip(*totals, strict=True))
        natural = [0.0] + [self.fit(list(column[i]), headers[i], True) for i in (1, 2, 3)]
        self.table(
            headers,
            totals,
            amounts={1, 2, 3},
            widths=self.columns(natural, flexible=0),
            keep_together=len(totals) <= SHORT_TABLE,
        )
        total = self.para(
            self.t(
                "total_sentence",
                agreed_gross=self.money(money.agreed.gross),
                agreed_net=self.money(money.agreed.net),
                agreed_vat=self.money(money.agreed.vat),
                invoiced_gross=self.money(money.invoiced.gross),
                invoiced_net=self.money(money.invoiced.net),
                invoiced_vat=self.money(money.invoiced.vat),
            )
        )
        total.paragraph_format.space_before = Pt(8)
        no_vat = sorted({c for doc in money.invoices for c in doc.no_vat_categories})
        if no_vat:
            names = VAT_CATEGORIES[self.lang]
            self.para(self.t("no_vat", categories=", ".join(names.get(c, c) for c in no_vat)))

    def document_name(self, doc: InvoiceMoney) -> str:
        """ "Invoice INV-2026-017 of 31 March 2026": a document as the terms table heads its
        lines; a long number breaks after its separators, not inside a number."""
        return self.t(
            "document_heading",
            kind=self.w["credit_note" if doc.credit_note else "invoice"].capitalize(),
            number=_BREAK_AFTER.sub("\\1\u200b", doc.number),
            date=self.day(doc.issue_date),
        )

    def payment(self) -> None:
        """What was paid already, what is still owed (or refunded) and when, in gross amounts."""
        self.heading(self.w["payment"])
        money = self.figures
        if money.payments:
            self.para(
                self.t(
                    "paid",
                    paid=self.money(money.paid),
                    payments="; ".join(
                        self.t(
                            "paid_item",
                            amount=self.money(p.amount),
                            date=self.day(p.paid_on),
                            source=p.reference or p.source,
                        )
                        for p in money.payments
                    ),
                )
            )
        if money.refund:
            owed = self.para(self.t("refund", refund=self.money(money.refund)))
        elif money.still_owed:
            owed = self.para(self.t("owed", owed=self.money(money.still_owed)))
        else:
            owed = self.para(self.w["owed_nothing"])
        schedule = self.record.proposal.schedule
        if schedule:
            keep_with_next(owed)
            rows = [
                [str(i), self.day(s.due), self.money(s.amount)]
                for i, s in enumerate(schedule, start=1)
            ]
            headers = [self.w["col_instalment"], self.w["col_due"], self.w["col_amount"]]
            column = list(zip(*rows, strict=True))
            natural = [self.fit(list(column[i]), headers[i], whole_header=True) for i in range(3)]
            widths = [round(w * TWIPS_PER_CM) for w in natural]
            self.table(
                headers,
                rows,
                amounts={2},
                widths=widths,
                nowrap={0, 1},
                keep_together=len(rows) <= SHORT_TABLE,
            )
        reference = self.choices["payment_reference"] or self.case.reference
        iban = self.choices["payment_iban"]
        after = self.para(
            self.t("payment_to", iban=iban, reference=reference)
            if iban
            else self.t("payment_to_no_iban", reference=reference)
        )
        after.paragraph_format.space_before = Pt(8)
        if self.choices["credit_note"] == "yes":
            for doc in money.invoices:
                credit = doc.credit
                if doc.credit_note or credit.gross <= 0:
                    continue
                self.para(
                    self.t(
                        "credit_note_yes",
                        kind=self.w["invoice"],
                        invoice=doc.number,
                        date=self.day(doc.issue_date),
                        gross=self.money(credit.gross),
                        net=self.money(credit.net),
                        vat=self.money(credit.vat),
                    )
                )

    def obligations(self) -> None:
        """Free text stays as agreed; in the other language's version it says which language."""
        self.heading(self.w["obligations"])
        texts = [t for t in (self.record.proposal.terms, self.choices["obligations"]) if t]
        if not texts:
            self.para(self.w["no_obligations"])
            return
        case_language = self.case.language.value
        if case_language != self.lang:
            self.para(self.t("agreed_in", language=self.w[f"language_{case_language}"]))
        for text in texts:
            self.para(text)

    # --- 4. interest and costs, 5. release, 6. costs, 7. confidentiality ---------------------------

    def statutory(self) -> tuple[str, str]:
        """How the governing law names its interest and its collection costs here: the
        commercial rate and costs between two registered businesses, the plain ones else."""
        commercial = all(p.registration.strip() for p in self.case.parties)
        minimum = re.sub(r"[.,]00$", "", self.money(Decimal(40), "EUR"))  # "€40", "€ 40"
        interest = self.statute["interest" if commercial else "interest_plain"]
        costs = self.statute["costs" if commercial else "costs_plain"]
        return clean(interest), clean(costs.format(minimum=minimum))

    def figure(self, principal: Decimal, basis: str) -> str:
        """The statutory sum on ``principal`` where the law and currency let it be worked out:
        the Dutch collection-cost scale, else the English or Irish fixed sum."""
        if principal <= 0 or self.law is None:
            return ""
        where = self.t(basis, principal=self.money(principal))
        scale = laws.collection_costs(self.law.key, principal, self.case.currency)
        if scale is not None:
            return self.t("figure_scale", basis=where, amount=self.money(scale))
        if self.law.key in ("english_law", "irish_law"):
            fixed = laws.fixed_compensation(self.law.key, principal, self.case.currency)
            if fixed is not None:
                return self.t("figure_fixed", basis=where, amount=self.money(fixed))
        return ""

    def interest(self) -> None:
        self.heading(self.w["interest"])
        c, money = self.choices, self.figures
        interest, costs = self.statutory()
        payer, payee = ("provider", "client") if self.refund else ("client", "provider")
        past = self.t(f"interest_{c['interest_costs']}", interest=interest, costs=costs)
        if c["interest_costs"] == "reserved":
            past = f"{past} {self.figure(money.owed_before, 'basis_past')}".strip()
        late = self.t(
            f"late_{c['late_payment']}",
            payer=self.w[payer],
            payee=self.w[payee],
            interest=interest,
            costs=costs,
            invoiced=self.money(money.invoiced.gross),
        )
        if c["late_payment"] != "claim_revives":
            late = f"{late} {self.figure(money.still_owed or money.refund, 'basis_future')}"
        texts = [past, late.strip()]
        if c["acceleration"] == "yes" and len(self.record.proposal.schedule) > 1:
            texts.append(self.t("acceleration", payer=self.w[payer]))
        self.clauses(texts)

    def release(self) -> None:
        self.heading(self.w["release"])
        c = self.choices
        mutual = c["release_mutual"] == "yes"
        reserved = c["interest_costs"] == "reserved"
        self.clauses(
            [
                self.t(
                    "release_mutual" if mutual else "release_one_way",
                    when=self.w[f"release_when_{c['release_effective']}"],
                    scope=self.w[f"release_scope_{c['release_scope']}"],
                    reserved=self.w["release_except_reserved"] if reserved else "",
                )
            ]
        )

    def costs_and_confidentiality(self) -> None:
        self.heading(self.w["mediation_costs"])
        self.clauses([self.w[f"mediation_costs_{self.choices['mediation_costs']}"]])
        if self.choices["confidentiality"] == "yes":
            self.heading(self.w["confidentiality_heading"])
            self.clauses([self.w["confidentiality"]])

    # --- general, law and disputes ----------------------------------------------------------------

    def language_clause(self) -> str:
        versions = self.choices["language_versions"]
        if versions.startswith("both_"):
            prevails = "en" if versions == "both_english_prevails" else "nl"
            return self.t("language_both", prevails=self.w[f"language_adj_{prevails}"])
        translated = self.translated_from()
        if translated:
            return self.t(
                "language_translation",
                language=self.w[f"language_{translated}"],
                language_adj=self.w[f"language_adj_{translated}"],
            )
        return self.t("language_single", language=self.w[f"language_{self.lang}"])

    def general(self) -> None:
        self.heading(self.w["general"])
        texts = [
            self.w["no_admission"],
            self.w["effective_date"],
            self.w["entire"],
            self.w["amendments"],
            self.w["severability"],
            self.w["counterparts"],
        ]
        if self.choices["signing"] == "electronic":
            key = self.law.key if self.law else ""
            texts.append(
                self.w[
                    "esign_dutch_law"
                    if key == "dutch_law"
                    else "esign_english_law"
                    if key == "english_law"
                    else "esign_eu"
                ]
            )
        texts.append(self.language_clause())
        self.clauses(texts)

    def forum_text(self) -> str:
        value = self.choices["forum"]
        if value in laws.FORUMS:
            _, forum = laws.FORUMS[value]
            if self.lang == "nl" and value.startswith("rechtbank_"):
                return self.t("dutch_court", court=forum.nl)
            return clean(forum.en if self.lang == "en" else forum.nl)
        return clean(value or "—")  # free text chosen under an earlier version

    def law_and_disputes(self) -> None:
        self.heading(self.w["law_heading"])
        law = (
            (self.law.en if self.lang == "en" else self.law.nl)
            if self.law
            else self.choices["governing_law"] or "—"
        )
        if self.choices["disputes"] == "mediation":
            mfn = self.choices["mediation_rules"] == "mfn"
            disputes = self.t(
                "disputes_mediation",
                rules=self.w["disputes_rules_mfn" if mfn else "disputes_rules_none"],
                forum=self.forum_text(),
            )
        else:
            disputes = self.t("disputes_court", forum=self.forum_text())
        self.clauses([self.t("law", law=law), f"{disputes} {self.w['interim_relief']}"])

    def attestation(self) -> None:
        if self.choices["attestation"] != "yes":
            return
        self.heading(self.w["attestation_title"], numbered=False)
        self.para(self.t("attestation", mediator=self.case.mediator, dates=self.on_days()))

    # --- signatures --------------------------------------------------------------------------------

    def signature_cell(self, title: str, name: str, capacity: str, signed: SignOff | None) -> Cell:
        """One signatory's box: for whom, name, capacity, place, a date line, room to sign,
        and when the signatory confirmed the terms in mediate."""
        line = "_" * 26
        w = self.w
        paragraphs = [
            run_xml(clean(title), bold=True),
            run_xml(clean(f"{w['sig_name']}: {signed.name if signed else name}")),
            run_xml(clean(f"{w['sig_capacity']}: {signed.capacity if signed else capacity}")),
            run_xml(clean(f"{w['sig_place']}: {self.choices['place'] or line}")),
            run_xml(clean(f"{w['sig_date']}: {line}")),
            run_xml(clean(f"{w['sig_signature']}: {line}")),
        ]
        before = [240, 60, 0, 60, 200, 620]
        if signed:
            moment = format_datetime(
                signed.signed_at, "d MMMM y, HH:mm 'UTC'xxx", locale=self.locale
            )
            paragraphs.append(run_xml(self.t("sig_confirmed", moment=moment), size=14))
            before.append(60)
        return Cell(paragraphs, space_before=before)

    def signature_rows(self) -> list[list[Cell]]:
        """The boxes two to a row: provider and client side by side when each has one
        signatory, else each party's signatories on rows of their own; the mediator last."""
        signed = {(s.role, s.signer): s for s in self.record.settlement.signoffs}
        per_party = []
        for role in (PartyRole.PROVIDER, PartyRole.CLIENT):
            party = self.case.party(role)
            if party is None:
                continue
            title = self.t("sig_for", role=self.w[role.value], name=party.legal_name)
            per_party.append(
                [
                    self.signature_cell(
                        title, s.name, s.capacity, signed.get((Signatory(role.value), index))
                    )
                    for index, s in enumerate(party.signers)
                ]
            )
        if all(len(cells) == 1 for cells in per_party):
            rows = [[cells[0] for cells in per_party]]
        else:
            rows = [cells[i : i + 2] for cells in per_party for i in range(0, len(cells), 2)]
        if self.witness:
            attests = self.choices["attestation"] == "yes"
            rows.append(
                [
                    self.signature_cell(
                        self.w["sig_mediator_attests" if attests else "sig_mediator"],
                        self.case.mediator,
                        self.w["mediator"],
                        signed.get((Signatory.MEDIATOR, 0)),
                    )
                ]
            )
        return [row + [Cell([""])] * (2 - len(row)) for row in rows]

    def signatures(self) -> None:
        """The words above the signatures and every signature box, kept on one page together:
        each row of boxes never splits, and each keeps with the next."""
        self.heading(self.w["signatures"], numbered=False)
        if self.choices["signing"] == "electronic":
            intro = self.w["signed_electronic"]
        else:
            intro = self.t(
                "signed_paper", copies=self.w["copies_3" if self.witness else "copies_2"]
            )
        keep_with_next(self.para(intro))
        if self.record.settlement.signoffs:
            keep_with_next(self.para(self.w["confirmed_meaning"]))
        half = self.text_width // 2
        append_xml(
            self.doc,
            table_xml(
                self.signature_rows(), [half, half], header=False, borders=False, keep_together=True
            ),
        )

    def fingerprint(self) -> None:
        """Room for the fingerprint and the audit anchor: filled in once the text is known."""
        first = self.doc.add_paragraph(style=PROOF_STYLE)
        first.paragraph_format.space_before = Pt(12)
        self.proof_paragraphs = [first]
        if self.record.anchor is not None:
            self.proof_paragraphs.append(self.doc.add_paragraph(style=PROOF_STYLE))

    def content(self) -> dict:
        """The canonical content of the document built so far (``agreement_content.py``)."""
        header = printed_text(etree.tostring(self.doc.sections[0].header._element))
        body = printed_text(etree.tostring(self.doc.element))
        return agreement_content(self.record, LANGUAGE_TAGS[self.lang], header, body)

    def seal_proof(self) -> Proof:
        """Work out the fingerprint, print it, its check code and the anchor, embed the proof."""
        content = self.content()
        fingerprint = content_fingerprint(content)
        code = check_code(fingerprint)
        anchor = self.record.anchor
        self.proof_paragraphs[0].add_run(self.t("fingerprint", fingerprint=fingerprint, code=code))
        if anchor is not None:
            self.proof_paragraphs[1].add_run(
                self.t("audit_anchor", reference=anchor.reference, seq=anchor.seq, hash=anchor.hash)
            )
        if self.code_run is not None:
            self.code_run.text = self.t("check_code", code=code)
        proof = Proof(fingerprint, code, content, anchor)
        embed_proof(self.doc, proof)
        return proof

    def render(self) -> RenderedAgreement:
        self.styles()
        self.header_footer()
        self.title()
        self.parties()
        self.recitals()
        self.terms()
        self.payment()
        self.obligations()
        self.interest()
        self.release()
        self.costs_and_confidentiality()
        self.general()
        self.law_and_disputes()
        self.attestation()
        self.fingerprint()  # before the signatures, so the last page holds no scrap after them
        self.signatures()
        proof = self.seal_proof()
        created = self.record.settlement.created_at or datetime.combine(
            self.case.opened or date(2000, 1, 1), time(), UTC
        )
        title = f"{self.w[f'title_{self.framing}']} {self.case.reference}"
        set_properties(
            self.doc, title, self.case.mediator, created.astimezone(UTC).replace(tzinfo=None)
        )
        return RenderedAgreement(
            deterministic_bytes(self.doc),
            proof,
            clean(title),
            clean(self.case.mediator),
            LANGUAGE_TAGS[self.lang],
        )


def rendered_agreement(record: SettlementRecord, language: str | None = None) -> RenderedAgreement:
    """The agreement in ``language`` (default: the case's language) with its proof."""
    return Agreement(record, language or record.case.language.value).render()


def agreement_docx(record: SettlementRecord, language: str | None = None) -> bytes:
    """The agreement's bytes in ``language`` (default: the case's language)."""
    return rendered_agreement(record, language).data


def agreement_contents(record: SettlementRecord) -> dict[str, dict]:
    """The canonical content of every language version, by language: what sign-off records."""
    return {language: Agreement(record, language).render().proof.content for language in WORDING}
