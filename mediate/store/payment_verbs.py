"""Payments the client made already: recorded with their audit event, read back in date order."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from mediate.domain.errors import DomainError
from mediate.domain.model import CaseStatus, Payment
from mediate.domain.money import quantize
from mediate.store import rows as R
from mediate.store.base import StoreBase
from mediate.store.writes import serialized, write


class PaymentVerbs(StoreBase):
    def payments(self, case_id: int) -> list[Payment]:
        cur = self.currency(case_id)
        return [
            R.payment_from(row, cur)
            for row in self.db.query(
                "SELECT * FROM payments WHERE case_id = ? ORDER BY paid_on, id", [case_id]
            )
        ]

    @serialized
    def record_payment(
        self,
        case_id: int,
        amount: Decimal,
        paid_on: date | None,
        reference: str = "",
        source: str = "session",
        at: datetime | None = None,
    ) -> int:
        """A payment the client made already, as paid (VAT included)."""
        cur = self.currency(case_id)
        if quantize(amount, cur) <= 0:
            raise DomainError("A payment is an amount above zero.")
        status = self.case(case_id).status
        if status in (CaseStatus.AGREED, CaseStatus.SIGNED_OFF):
            raise DomainError(
                "The case is agreed: the settlement's figures rest on the payments recorded "
                "before it, so a payment made now belongs to carrying it out."
            )
        moment = self.moment(at)
        payment = Payment(
            paid_on=paid_on, amount=amount, reference=reference.strip(), source=source
        )
        summary = {
            "amount": str(quantize(amount, cur)),
            "paid_on": paid_on.isoformat() if paid_on else None,
            "reference": payment.reference,
        }
        with write(self.db, case_id, moment, "mediator", "payment.recorded", summary) as ch:
            return ch.insert("payments", R.payment_row(case_id, payment, cur, moment))
