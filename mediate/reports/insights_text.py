"""``mediate report``: the insights over all cases as tables and bar charts."""

from __future__ import annotations

from decimal import Decimal

from mediate.documents.charts import bar_chart, text_table
from mediate.domain.insights import ENDED, Insights
from mediate.domain.lifecycle import label
from mediate.domain.model import CaseStatus

ENDINGS = (
    (CaseStatus.SIGNED_OFF.value, "Signed off"),
    (CaseStatus.IMPASSE.value, "Impasse"),
    (CaseStatus.WITHDRAWN.value, "Withdrawn"),
    ("open", "Open"),
)


def _figure(value: Decimal | None, unit: str = "") -> str:
    return "—" if value is None else f"{value}{unit}"


def insights_text(figures: Insights, width: int = 40) -> str:
    if not figures.cases:
        return "No cases yet: the insights need cases to look back on."
    ended = ", ".join(
        f"{label(CaseStatus(key))} {figures.statuses.get(CaseStatus(key), 0)}"
        for key, _ in ENDINGS
        if key in ENDED
    )
    overview = [
        ["Cases", str(figures.cases)],
        ["Ended", f"{figures.ended} ({ended})"],
        ["Settlement rate", f"{_figure(figures.settlement_rate, ' %')} of ended cases signed off"],
        ["Median days to sign-off", _figure(figures.median_days)],
        [
            "Average reduction",
            f"{_figure(figures.average_reduction, ' %')} of the invoiced amount (without VAT)",
        ],
        [
            "Median reduction",
            f"{_figure(figures.median_reduction, ' %')} of the invoiced amount (without VAT)",
        ],
    ]
    key_width = max(len(key) for key, _ in overview)
    out = [f"Looking back over {figures.cases} case(s)", ""]
    out += [f"{key.ljust(key_width)}  {value}" for key, value in overview]
    statuses = [(label(s), figures.statuses.get(s, 0)) for s in CaseStatus]
    out += ["", "How the cases stand", bar_chart(statuses, width)]
    if figures.reasons:
        reasons = [(reason.value, count) for reason, count in figures.reasons]
        out += ["", "Reasons for dispute (cases)", bar_chart(reasons, width)]
    rows = [
        [record.client, str(record.disputes)]
        + [str(record.endings.get(key, 0)) for key, _ in ENDINGS]
        for record in figures.clients
    ]
    headers = ["Client", "Disputes", *(name for _, name in ENDINGS)]
    out += ["", "Per client", text_table(headers, rows, right=set(range(1, len(headers))))]
    return "\n".join(out)
