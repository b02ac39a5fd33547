"""What not settling costs: worked out in a caucus and recorded in the audit log as that
caucus's material (the figures the party gave and what they came to). No table holds it; only
the audit log, whose joint timeline leaves caucus events out."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from mediate.domain.court_costs import CostInputs, CourtCosts, court_costs
from mediate.domain.errors import DomainError
from mediate.domain.model import PartyRole
from mediate.domain.visibility import CAUCUS_OF
from mediate.store.base import StoreBase
from mediate.store.writes import write


def _text(value: Any) -> Any:
    """Decimals and dates as text, so the event is canonical JSON."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)


def cost_summary(party: PartyRole, result: CourtCosts) -> dict[str, Any]:
    return {
        "visibility": CAUCUS_OF[party].value,
        "party": party.value,
        "inputs": {key: _text(value) for key, value in asdict(result.inputs).items()},
        "judgment": result.judgment.isoformat(),
        "interest": str(result.interest.amount),
        "collection": str(result.collection),
        "court_fee": str(result.court_fee),
        "recoverable": str(result.recoverable),
        "provider": {k: str(v) for k, v in asdict(result.provider).items()},
        "client": {k: str(v) for k, v in asdict(result.client).items()},
        "midpoint": None if result.midpoint is None else str(result.midpoint),
        "warnings": list(result.warnings),
    }


class CourtCostVerbs(StoreBase):
    def record_court_costs(
        self, case_id: int, party: PartyRole, inputs: CostInputs, at: datetime | None = None
    ) -> CourtCosts:
        """Work out the cost of not settling in the caucus of ``party`` and record it there."""
        party = PartyRole(party)
        if inputs.currency != self.currency(case_id):
            raise DomainError("The figures must be in the case's currency.")
        result = court_costs(inputs)
        with write(
            self.db,
            case_id,
            self.moment(at),
            "mediator",
            "costs.calculated",
            cost_summary(party, result),
        ):
            pass
        return result
