"""The two settled sample cases, recomputed by hand, against the domain, the settlement screen
and the exported agreement: net, VAT, gross, paid, still owed, credit note, instalments.

MED-2026-005 (Dutch, EUR, 21 % btw): invoiced 5.505,00 + 1.156,05 = 6.661,05; the client paid the
undisputed 4.695,00 + 21 % = 5.680,95 on 15 April; agreed 5.505,00 - 270,00 (travel) - 270,00
(half the weekend repair) = 4.965,00 + 1.042,65 btw = 6.007,65; still owed 6.007,65 - 5.680,95
= 326,70; credit note 540,00 + 113,40 = 653,40.

MED-2026-001 (English, GBP, 20 % VAT): invoiced 8,570.00 + 1,714.00 = 10,284.00; agreed
7,635.00 + 1,527.00 = 9,162.00; nothing paid; two instalments of 4,581.00; credit note
935.00 + 187.00 = 1,122.00.
"""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.settlement_docx import agreement_docx
from mediate.store import open_store
from mediate.tui.app import MediateApp
from mediate.tui.screens.settlement import SettlementScreen
from tests.screen_text import screen_text

D = Decimal
EXPECTED = {
    "MED-2026-005": {
        "invoiced": (D("5505.00"), D("1156.05"), D("6661.05")),
        "agreed": (D("4965.00"), D("1042.65"), D("6007.65")),
        "credit": (D("540.00"), D("113.40"), D("653.40")),
        "paid": D("5680.95"),
        "still_owed": D("326.70"),
        "instalments": [D("326.70")],
    },
    "MED-2026-001": {
        "invoiced": (D("8570.00"), D("1714.00"), D("10284.00")),
        "agreed": (D("7635.00"), D("1527.00"), D("9162.00")),
        "credit": (D("935.00"), D("187.00"), D("1122.00")),
        "paid": D("0.00"),
        "still_owed": D("9162.00"),
        "instalments": [D("4581.00"), D("4581.00")],
    },
}
ON_SCREEN = {
    "MED-2026-005": [
        "€ 4.965,00",
        "€ 1.042,65",
        "€ 6.007,65",
        "€ 5.680,95",
        "€ 326,70",
        "€ 653,40",
    ],
    "MED-2026-001": ["£7,635.00", "£1,527.00", "£9,162.00", "£4,581.00", "£1,122.00"],
}
IN_DOCUMENT = {
    "MED-2026-005": [
        "Opdrachtgever heeft al € 5.680,95 (inclusief btw) betaald",
        "Nog verschuldigd is daarom € 326,70 (inclusief btw)",
        "een creditnota van € 653,40 (€ 540,00 exclusief btw plus € 113,40 btw)",
        "factuur VIT-2026-0093 van 2 april 2026 voor € 6.661,05",
    ],
    "MED-2026-001": [
        "The amount still owed is therefore £9,162.00 (including VAT)",
        "credit note on invoice BD-2026-0042 of 3 April 2026 for £1,122.00 "
        "(£935.00 excluding VAT plus £187.00 VAT)",
        "agree on £9,162.00 (£7,635.00 excluding VAT plus £1,527.00 VAT)",
    ],
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    path = tmp_path_factory.mktemp("money") / "mediate.db"
    result = CliRunner().invoke(main, ["load-samples", "sample_cases", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("reference", sorted(EXPECTED))
def test_the_domain_gives_the_figures_worked_out_by_hand(samples, reference):
    store = open_store(samples)
    try:
        settlement = store.current_settlement(store.case_id(reference))
        record = store.settlement_record(settlement.id)
        money, expected = record.money, EXPECTED[reference]
        for name in ("invoiced", "agreed", "credit"):
            figure = getattr(money, name)
            assert (figure.net, figure.vat, figure.gross) == expected[name], name
        assert money.paid == expected["paid"] and money.still_owed == expected["still_owed"]
        assert [i.amount for i in record.proposal.schedule] == expected["instalments"]
        assert sum(expected["instalments"]) == money.still_owed
        assert money.credit.gross + money.agreed.gross == money.invoiced.gross
    finally:
        store.close()


@pytest.mark.parametrize("reference", sorted(EXPECTED))
def test_the_exported_agreement_states_them(samples, reference):
    store = open_store(samples)
    try:
        settlement = store.current_settlement(store.case_id(reference))
        data = agreement_docx(store.settlement_record(settlement.id))
    finally:
        store.close()
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    cells = [
        [c.text.replace("\xa0", " ") for c in row.cells] for t in document.tables for row in t.rows
    ]
    for sentence in IN_DOCUMENT[reference]:
        assert sentence in text, sentence
    # The schedule's rows: number, due date, amount with VAT.
    amounts = [row[2] for row in cells if len(row) == 3 and row[0].isdigit()]
    show = {"MED-2026-005": "€ 326,70", "MED-2026-001": "£4,581.00"}[reference]
    assert amounts == [show] * len(EXPECTED[reference]["instalments"])


@pytest.mark.parametrize("reference", sorted(EXPECTED))
async def test_the_settlement_screen_shows_them(samples, reference):
    app = MediateApp(samples)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        store = app.store
        await app.push_screen(SettlementScreen(store.case_id(reference)))
        await pilot.pause()
        shown = screen_text(app).replace("\xa0", " ")
        for figure in ON_SCREEN[reference]:
            assert figure in shown, figure
