"""The settlement agreement as a .docx, in English or Dutch, from a SettlementRecord.

The same record always gives the same bytes: fixed core properties and zip entry times.
Caucus material never reaches this module: it receives only the agreed terms and the parties.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from babel.dates import format_date, format_datetime
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell

from mediate.documents.docx_tools import (
    add_field,
    clean,
    deterministic_bytes,
    set_properties,
)
from mediate.documents.wording import REASONS, VAT_CATEGORIES, WORDING
from mediate.domain.clauses import SIGNATORY_ORDER, with_defaults
from mediate.domain.model import Party, PartyRole, Signatory
from mediate.domain.money import babel_locale, format_money
from mediate.domain.settlement import SettlementRecord

TABLE_STYLE = "Table Grid"


class Agreement:
    """Builds one agreement document; ``render()`` returns its bytes."""

    def __init__(self, record: SettlementRecord, language: str) -> None:
        self.record = record
        self.lang = language if language in WORDING else "en"
        self.w = WORDING[self.lang]
        self.locale = babel_locale(self.lang)
        self.case = record.case
        self.choices = with_defaults(record.settlement.clause_choices)
        self.figures = record.money  # every amount the agreement states, from the domain
        self.doc = Document()

    # --- formatting ------------------------------------------------------------------------------

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.case.currency, self.lang)

    def day(self, value: date | None) -> str:
        return format_date(value, format="long", locale=self.locale) if value else "—"

    def days(self, values: list[date]) -> str:
        if not values:
            return self.day(self.case.opened)
        return ", ".join(self.day(d) for d in values)

    def t(self, key: str, **values: object) -> str:
        return clean(self.w[key].format(**{k: clean(v) for k, v in values.items()}))

    # --- structure -------------------------------------------------------------------------------

    def styles(self) -> None:
        """Every style once: body, headings, title; tables use one table style."""
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 12)):
            style = styles[name]
            style.font.name = "Calibri"
            style.font.size = Pt(size)
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.left_margin = section.right_margin = Cm(2.2)

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = self.t(
            "header", reference=self.case.reference, version=self.record.settlement.version
        )
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, _, rest = self.w["page"].partition("{page}")
        middle, _, after = rest.partition("{pages}")
        footer.add_run(before)
        add_field(footer, "PAGE")
        footer.add_run(middle)
        add_field(footer, "NUMPAGES")
        footer.add_run(after)

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        right: set[int],
        widths: tuple[float, ...] = (),
    ) -> None:
        table = self.doc.add_table(rows=len(rows) + 1, cols=len(headers))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Cm(width)  # the grid, which LibreOffice follows
        # Walk the rows' XML once: python-docx's row.cells rebuilds every cell of the table on
        # each call, which makes a 200-line table quadratic.
        for number, (tr, texts) in enumerate(zip(table._tbl.tr_lst, [headers, *rows], strict=True)):
            for index, (tc, text) in enumerate(zip(tr.tc_lst, texts, strict=True)):
                cell = _Cell(tc, table)
                cell.text = clean(text)
                if widths:
                    cell.width = Cm(widths[index])
                if number == 0:
                    cell.paragraphs[0].runs[0].bold = True
                elif index in right:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    # --- sections --------------------------------------------------------------------------------

    def title(self) -> None:
        self.doc.add_paragraph(self.w["title"], style="Title")
        self.doc.add_paragraph(self.w["subtitle"])
        if not self.record.settlement.locked:
            self.doc.add_paragraph().add_run(self.w["draft"]).bold = True
        if self.record.settlement.amends is not None:
            self.doc.add_paragraph(
                self.t(
                    "amendment",
                    version=self.record.settlement.version,
                    previous=self.record.settlement.version - 1,
                )
            )

    def party_text(self, party: Party) -> str:
        return self.t(
            "party",
            name=party.legal_name,
            registration=party.registration or "—",
            address=party.address or "—",
            signatory=party.signatory or "—",
            capacity=party.signatory_capacity or "—",
            role_title=self.w[party.role.value],
        )

    def parties(self) -> None:
        self.doc.add_heading(self.w["parties"], level=1)
        provider, client = self.case.party(PartyRole.PROVIDER), self.case.party(PartyRole.CLIENT)
        for index, party in enumerate(p for p in (provider, client) if p):
            if index:
                self.doc.add_paragraph(self.w["and"])
            self.doc.add_paragraph(self.party_text(party), style="List Number")
        self.doc.add_paragraph(self.t("mediator_line", mediator=self.case.mediator))

    def recitals(self) -> None:
        self.doc.add_heading(self.w["recitals"], level=1)
        count = self.record.clause_count
        contract = self.t("recital_contract_clauses", count=count) if count else ""
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
        reasons = ", ".join(REASONS[self.lang][r.value] for r in self.case.reasons)
        recitals = [
            self.w["recital_contract"].format(contract=contract),
            self.t("recital_invoices", invoices=invoices),
        ]
        if reasons:
            recitals.append(self.t("recital_reasons", reasons=reasons))
        recitals += [
            self.t("recital_mediation", dates=self.days(self.record.session_dates)),
            self.w["recital_no_admission"],
        ]
        for letter, text in zip("ABCDEFG", recitals, strict=False):
            self.doc.add_paragraph(f"{letter}. {clean(text)}")

    def terms(self) -> None:
        """Per line without VAT (invoiced, treatment, agreed); then per document and in total
        without VAT, VAT and with VAT; the sentence that states the agreed amount."""
        self.doc.add_heading(self.w["terms"], level=1)
        self.doc.add_paragraph(self.w["terms_intro"])
        money = self.figures
        rows = [
            [
                doc.number,
                line.label,
                line.description,
                self.money(doc.sign * line.invoiced),
                self.w[line.treatment.value],
                self.money(doc.sign * line.agreed),
            ]
            for doc in money.invoices
            for line in doc.lines
        ]
        adjustments = [doc for doc in money.invoices if doc.document_adjustment]
        for doc in adjustments:  # each document's own charges and allowances, kept as invoiced
            amount = self.money(doc.sign * doc.document_adjustment)
            rows.append(
                [doc.number, "", self.w["document_charges"], amount, self.w["keep"], amount]
            )
        rows.append(
            [
                "",
                "",
                self.w["total"],
                self.money(money.invoiced.net),
                "",
                self.money(money.agreed.net),
            ]
        )
        headers = [
            self.w[k]
            for k in (
                "col_invoice",
                "col_line",
                "col_description",
                "col_invoiced",
                "col_treatment",
                "col_agreed",
            )
        ]
        self.table(headers, rows, right={3, 5}, widths=(2.4, 1.3, 5.3, 2.5, 2.4, 2.6))
        self.doc.add_paragraph()
        self.doc.add_paragraph(self.w["money_intro"])
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
        self.table(
            [self.w["col_document"], self.w["col_net"], self.w["col_vat"], self.w["col_gross"]],
            totals,
            right={1, 2, 3},
            widths=(6.5, 3.4, 3.0, 3.6),
        )
        self.doc.add_paragraph()
        self.doc.add_paragraph(
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
        no_vat = sorted({c for doc in money.invoices for c in doc.no_vat_categories})
        if no_vat:
            names = VAT_CATEGORIES[self.lang]
            self.doc.add_paragraph(
                self.t("no_vat", categories=", ".join(names.get(c, c) for c in no_vat))
            )

    def payment(self) -> None:
        """What was paid already, what is still owed (or refunded) and when, in gross amounts."""
        self.doc.add_heading(self.w["payment"], level=1)
        money = self.figures
        if money.payments:
            self.doc.add_paragraph(
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
            self.doc.add_paragraph(self.t("refund", refund=self.money(money.refund)))
        elif money.still_owed:
            self.doc.add_paragraph(self.t("owed", owed=self.money(money.still_owed)))
        else:
            self.doc.add_paragraph(self.w["owed_nothing"])
        schedule = self.record.proposal.schedule
        if schedule:
            rows = [
                [str(i), self.day(s.due), self.money(s.amount)]
                for i, s in enumerate(schedule, start=1)
            ]
            self.table(
                [self.w["col_instalment"], self.w["col_due"], self.w["col_amount"]], rows, right={2}
            )
            self.doc.add_paragraph()
        reference = self.choices["payment_reference"] or self.case.reference
        if self.choices["payment_iban"]:
            self.doc.add_paragraph(
                self.t("payment_to", iban=self.choices["payment_iban"], reference=reference)
            )
        else:
            self.doc.add_paragraph(self.t("payment_to_no_iban", reference=reference))
        if self.choices["credit_note"] == "yes":
            for doc in money.invoices:
                credit = doc.credit
                if doc.credit_note or credit.gross <= 0:
                    continue
                self.doc.add_paragraph(
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
        self.doc.add_heading(self.w["obligations"], level=1)
        texts = [t for t in (self.record.proposal.terms, self.choices["obligations"]) if t]
        for text in texts or [self.w["no_obligations"]]:
            self.doc.add_paragraph(clean(text))

    def clauses(self) -> None:
        self.doc.add_heading(self.w["clauses"], level=1)
        c = self.choices
        mutual = c["release_mutual"] == "yes"
        paragraphs = [
            self.w[f"late_{c['late_payment']}"],
            self.w[f"interest_{c['interest_costs']}"],
            self.t(
                "release",
                effective=self.w[f"release_effective_{c['release_effective']}"],
                who=self.w["release_mutual" if mutual else "release_one_way"],
                verb=self.w["release_verb_mutual" if mutual else "release_verb_one_way"],
                other=self.w["release_mutual_other" if mutual else "release_one_way_other"],
                scope=self.w[f"scope_{c['release_scope']}"],
            ),
        ]
        if c["confidentiality"] == "yes":
            paragraphs.append(self.w["confidentiality"])
        paragraphs += [
            self.w["no_admission"],
            self.t("law", law=c["governing_law"] or "—", forum=c["forum"] or "—"),
            self.w["entire"],
        ]
        for number, text in enumerate(paragraphs, start=1):
            self.doc.add_paragraph(f"4.{number} {clean(text)}")

    def attestation(self) -> None:
        if self.choices["attestation"] != "yes":
            return
        self.doc.add_heading(self.w["attestation_title"], level=1)
        self.doc.add_paragraph(
            self.t(
                "attestation",
                mediator=self.case.mediator,
                dates=self.days(self.record.session_dates),
            )
        )

    def signatures(self) -> None:
        self.doc.add_heading(self.w["signatures"], level=1)
        self.doc.add_paragraph(self.t("signed_intro", copies=3))
        signed = {s.role: s for s in self.record.settlement.signoffs}
        for role in SIGNATORY_ORDER:
            if role == Signatory.MEDIATOR:
                title, name, capacity = self.w["mediator"], self.case.mediator, self.w["mediator"]
            else:
                party = self.case.party(PartyRole(role.value))
                title = f"{self.w[role.value]}: {party.legal_name}" if party else self.w[role.value]
                name = party.signatory if party else ""
                capacity = party.signatory_capacity if party else ""
            sign = signed.get(role)
            self.doc.add_heading(clean(title), level=2)
            rows = [
                [self.w["sig_name"], sign.name if sign else name],
                [self.w["sig_capacity"], sign.capacity if sign else capacity],
                [self.w["sig_place"], self.choices["place"]],
                [self.w["sig_date"], ""],
                [self.w["sig_signature"], "\n\n"],
            ]
            if sign:
                moment = format_datetime(sign.signed_at, format="medium", locale=self.locale)
                rows.append(["", self.t("sig_confirmed", moment=moment)])
            self.table(["", ""], rows, right=set(), widths=(3.5, 13.1))

    def fingerprint(self) -> None:
        self.doc.add_paragraph()
        self.doc.add_paragraph(self.t("fingerprint", fingerprint=self.record.fingerprint))

    def render(self) -> bytes:
        self.styles()
        self.header_footer()
        self.title()
        self.parties()
        self.recitals()
        self.terms()
        self.payment()
        self.obligations()
        self.clauses()
        self.attestation()
        self.signatures()
        self.fingerprint()
        created = self.record.settlement.created_at or datetime.combine(
            self.case.opened or date(2000, 1, 1), time(), UTC
        )
        set_properties(
            self.doc,
            f"{self.w['title']} {self.case.reference}",
            self.case.mediator,
            created.astimezone(UTC).replace(tzinfo=None),
        )
        return deterministic_bytes(self.doc)


def agreement_docx(record: SettlementRecord, language: str | None = None) -> bytes:
    """The agreement's bytes in ``language`` (default: the case's language)."""
    return Agreement(record, language or record.case.language.value).render()
