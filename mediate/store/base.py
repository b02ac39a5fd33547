"""What the Store's parts share, declared once so a type checker sees every part's ``self``.

``Store`` (store.py) is put together from mixins (reads, evidence reads, and the verbs of the
case, the intake, the session and the settlement) that call each other's methods. Each mixin
inherits ``StoreBase``, which declares those methods for the type checker only: at run time the
class body holds nothing but annotations, so the method resolution order still finds the real
implementations in the mixins and in ``Store``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

if TYPE_CHECKING:
    from mediate.domain.model import Case, CaseStatus, Invoice, Payment, Proposal, Settlement


class StoreBase:
    db: Database
    path: Path
    clock: Callable[[], datetime]

    if TYPE_CHECKING:
        # Store (store.py)
        def moment(self, at: datetime | None = None) -> str: ...
        def now_text(self) -> str: ...

        # Reads (reads.py)
        def case(self, reference: str | int) -> Case: ...
        def case_status(self, case_id: int) -> CaseStatus: ...
        def currency(self, case_id: int) -> str: ...
        def invoices(self, case_id: int) -> list[Invoice]: ...  # invoice_reads.py
        def count(self, table: str, case_id: int) -> int: ...
        def proposal(self, proposal_id: int) -> Proposal: ...
        def settlements(self, case_id: int) -> list[Settlement]: ...
        def payments(self, case_id: int) -> list[Payment]: ...

        # SessionVerbs (session_verbs.py)
        def _row(self, table: str, row_id: int) -> dict[str, Any]: ...
        def _open_session(self, ch: Any, case_id: int) -> None: ...
        def add_proposal(self, case_id: int, *args: Any, **kwargs: Any) -> int: ...
