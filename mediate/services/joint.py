"""The joint view of one case, and nothing else: what a party following the shared screen may see.

``JointRecord`` is the only thing the joint app (``mediate joint``, and each browser that
``mediate serve`` opens) is given. It holds the store where no screen reaches it and exposes joint
reads only, with the view fixed to ``View.JOINT`` inside, for the one case it was opened on: a bug
in a screen cannot ask for a caucus, another case or the archive, because nothing here answers
such a question.

The links of ``mediate serve`` are issued and checked here too: a token is made with ``secrets``,
handed to the party once, and stored only as its SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from mediate.domain.check_code import check_code
from mediate.domain.model import (
    Case,
    CaseStatus,
    Instalment,
    PartyRole,
    Proposal,
    Settlement,
    SignOff,
    Statement,
)
from mediate.domain.negotiation import Positions, invoice_totals, positions
from mediate.domain.settlement_money import Amounts, SettlementMoney, as_invoiced
from mediate.domain.visibility import View, may_read
from mediate.store import Store, open_store
from mediate.store.joint_verbs import JointLink

MESSAGE_CHARACTERS = 6000  # of a message's text put on the shared screen


def printed_check_code(store: Store, settlement: Settlement, language: str) -> str:
    """The check code in the footer of every page of the signed agreement in ``language``
    (``domain/check_code``, from the fingerprint of that version's printed text), so that a party
    can read it against the paper. A settlement signed before the printed text was fingerprinted
    shows its terms fingerprint in groups of four, as its document prints it."""
    signed = store.signed_documents(settlement.id) if settlement.id is not None else {}
    if language in signed:
        return check_code(signed[language].fingerprint)
    fingerprint = settlement.fingerprint
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


@dataclass(frozen=True)
class Shown:
    """What the mediator put on the shared screen, as the parties read it."""

    kind: str  # "line", "clause" or "message"
    title: str  # "INV-2026-014 line 2", "Clause 4.2 Hourly rates", the subject
    # (label key, value) pairs; label keys are words.py's. The screen writes each value in the
    # case's language: an amount (a Decimal, in the case's currency), a date, a moment, text.
    rows: tuple[tuple[str, str | Decimal | date | datetime | None], ...]
    text: str  # the clause's or the message's text, the line's description
    disputed: bool = False  # an invoice line the client disputes
    quantity: Decimal | None = None  # an invoice line's quantity, in ``unit`` (a UN/ECE code)
    unit: str = ""
    title_word: str = ""  # a word (words.py's key) the screen writes instead of ``title``


@dataclass(frozen=True)
class JointAgreement:
    """The accepted proposal as the settlement stands: figures, schedule, sign-offs."""

    version: int
    status: CaseStatus
    money: SettlementMoney
    schedule: tuple[Instalment, ...]
    terms: str
    signoffs: tuple[SignOff, ...]
    locked: bool
    check_code: str  # "" until signed off
    exported: tuple[str, ...]  # the languages it was exported in (this version)


@dataclass(frozen=True)
class JointSnapshot:
    """Everything the joint view shows, read at one moment (``version``: the audit sequence)."""

    version: int
    case: Case
    statements: tuple[Statement, ...]
    proposals: tuple[Proposal, ...]
    positions: Positions
    invoiced: Amounts
    paid: Decimal
    shown: Shown | None
    agreement: JointAgreement | None


@dataclass(frozen=True)
class AgreementFile:
    """A file of the signed agreement that a party may download."""

    name: str
    data: bytes
    mime_type: str
    check_code: str


class JointRecord:
    """Joint reads of one case. The store and the case are held privately; every read is joint."""

    __slots__ = ("__case_id", "__store")

    def __init__(self, store: Store, case: str | int) -> None:
        self.__store = store
        self.__case_id = store.case_id(case)

    @classmethod
    def open(cls, db_path: str | Path | None, case: str | int) -> JointRecord:
        store = open_store(db_path)
        try:
            return cls(store, case)
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.__store.close()

    def version(self) -> int:
        """The case's latest audit sequence: it changes whenever anything was written."""
        return self.__store.last_event(self.__case_id)

    def snapshot(self) -> JointSnapshot:
        store, case_id = self.__store, self.__case_id
        version = store.last_event(case_id)
        case = store.case(case_id)
        invoices = store.invoice_figures(case_id)  # each document's totals, not its lines
        statements = store.statements(case_id, View.JOINT)
        proposals = store.proposals(case_id, View.JOINT)
        invoiced, undisputed = invoice_totals(invoices, case.currency)
        billed, paid = as_invoiced(invoices, store.payments(case_id), case.currency)
        return JointSnapshot(
            version=version,
            case=case,
            statements=tuple(statements),
            proposals=tuple(proposals),
            positions=positions(proposals, invoiced, undisputed),
            invoiced=billed,
            paid=paid,
            shown=self.shown(),
            agreement=self.agreement(),
        )

    def shown(self) -> Shown | None:
        """What the mediator put on the shared screen, read from the case's own evidence."""
        store, case_id = self.__store, self.__case_id
        pointer = store.pointer(case_id)
        if pointer is None:
            return None
        if pointer.kind == "line":
            for invoice in store.invoices(case_id):
                for line in invoice.lines:
                    if line.id == pointer.target_id:
                        return Shown(
                            "line",
                            f"{invoice.number} · {line.label}",
                            (
                                ("unit_price", line.unit_price),
                                ("amount", invoice.sign * line.net_amount),
                                ("service_date", line.service_date),
                            ),
                            line.description,
                            line.disputed,
                            line.quantity,
                            line.unit,
                        )
        elif pointer.kind == "clause":
            from mediate.importers.contract import PREAMBLE  # off the start-up path

            for clause in store.clauses(case_id):
                if clause.id == pointer.target_id:
                    # The text before a contract's first clause is named in the case's language.
                    preamble = clause.heading == PREAMBLE and not clause.ref
                    return Shown(
                        "clause",
                        "" if preamble else f"{clause.ref} {clause.heading}".strip(),
                        (),
                        clause.text,
                        title_word="preamble" if preamble else "",
                    )
        elif pointer.kind == "message" and pointer.target_id in store.message_ids(case_id, [], []):
            message = store.message(pointer.target_id)
            return Shown(
                "message",
                message.subject,
                (
                    ("from", message.sender),
                    ("to", ", ".join(message.to)),
                    ("sent", message.sent_at),
                    ("attachments", ", ".join(a.name for a in message.attachments)),
                ),
                message.body[:MESSAGE_CHARACTERS],
            )
        return None

    def agreement(self) -> JointAgreement | None:
        """The settlement of the accepted proposal, once there is one (a joint proposal only)."""
        store, case_id = self.__store, self.__case_id
        settlement = store.current_settlement(case_id)
        if settlement is None or settlement.id is None:
            return None
        record = store.settlement_record(settlement.id)
        proposal = record.proposal
        if not may_read(View.JOINT, proposal.visibility, proposal.released_at is not None):
            return None  # never: a caucus proposal is accepted only once released
        exported = tuple(
            dict.fromkeys(
                e.language for e in store.exports(case_id) if e.version == settlement.version
            )
        )
        return JointAgreement(
            version=settlement.version,
            status=record.case.status,
            money=record.money,
            schedule=tuple(proposal.schedule),
            terms=proposal.terms,
            signoffs=tuple(settlement.signoffs),
            locked=settlement.locked,
            check_code=(
                printed_check_code(store, settlement, record.case.language.value)
                if settlement.locked
                else ""
            ),
            exported=exported,
        )

    def agreement_files(self, folder: Path | None = None) -> list[AgreementFile]:
        """The signed agreement as exported, in each language it was exported in: the .docx (from
        ``folder`` when the file there is the one the audit log records, else made again and
        checked byte for byte against that record) and the PDF beside that recorded file in
        ``folder``, if any.
        Nothing before the settlement is signed off and exported."""
        from mediate.documents.settlement_docx import agreement_docx  # off the start-up path

        store, case_id = self.__store, self.__case_id
        settlement = store.current_settlement(case_id)
        if settlement is None or settlement.id is None or not settlement.locked:
            return []
        record = store.settlement_record(settlement.id)
        latest = {e.language: e for e in store.exports(case_id) if e.version == settlement.version}
        files = []
        for language, export in latest.items():
            code = printed_check_code(store, settlement, language)
            name = Path(export.file).name
            on_disk = folder / name if folder is not None else None
            data = on_disk.read_bytes() if on_disk is not None and on_disk.is_file() else None
            genuine = data is not None and hashlib.sha256(data).hexdigest() == export.file_sha256
            if data is None or not genuine:
                data = agreement_docx(record, language)
                if hashlib.sha256(data).hexdigest() != export.file_sha256:
                    continue  # not the document that was exported: offer nothing rather than it
            files.append(
                AgreementFile(
                    name,
                    data,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    code,
                )
            )
            # The PDF is offered only beside the very .docx it was made from: where the .docx in
            # the folder is not the exported one, neither is the PDF to be trusted.
            pdf = on_disk.with_suffix(".pdf") if on_disk is not None and genuine else None
            if pdf is not None and pdf.is_file():
                files.append(AgreementFile(pdf.name, pdf.read_bytes(), "application/pdf", code))
        return files


# --- the links of ``mediate serve`` -----------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedLink:
    number: int
    party: PartyRole
    name: str  # the party's legal name
    token: str  # shown once, never stored


def issue_links(
    store: Store, case: str | int, hours: float, parties: tuple[PartyRole, ...] = tuple(PartyRole)
) -> list[IssuedLink]:
    """One new link per party, each with its own random token, live for ``hours``."""
    case_id = store.case_id(case)
    record = store.case(case_id)
    expires = store.clock() + timedelta(hours=hours)
    issued = []
    for party in parties:
        token = secrets.token_urlsafe(32)
        number = store.issue_joint_link(case_id, party, token_digest(token), expires)
        found = record.party(party)
        issued.append(IssuedLink(number, party, found.legal_name if found else "", token))
    return issued


def live_link(store: Store, case_id: int, token: str | None) -> JointLink | None:
    """The live link this token opens, or None (no token, a wrong one, revoked, ended, expired)."""
    if not token or len(token) > 200:
        return None
    digest = token_digest(token)
    now = store.clock()
    for link in store.joint_links(case_id):
        if hmac.compare_digest(link.token_sha256, digest):
            return link if link.live(now) else None
    return None


def end_earlier_links(store: Store, case_id: int) -> None:
    """End the live links a server left behind (it crashed, or still runs: one per case)."""
    now = store.clock()
    live = [k.number for k in store.joint_links(case_id) if k.live(now)]
    if live:
        store.end_joint_links(case_id, live, "replaced by a new server")
