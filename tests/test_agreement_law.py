"""The agreement's legal framing follows the governing law, in both languages: art. 7:900 BW only
under Dutch law; the interest and collection costs named by the statute of the law chosen, with
the sums the app can work out; the Singapore attestation only when chosen."""

from __future__ import annotations

import io

import docx
import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.documents.settlement_docx import agreement_docx
from mediate.store import open_store
from tests.settlement_helpers import signed_settlement


def text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\xa0", " ")


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    path = tmp_path_factory.mktemp("law") / "mediate.db"
    result = CliRunner().invoke(main, ["load-samples", "sample_cases", "--db", str(path)])
    assert result.exit_code == 0, result.output
    store = open_store(path)
    yield store
    store.close()


def sample(store, reference: str, language: str) -> str:
    settlement = store.current_settlement(store.case_id(reference))
    return text(agreement_docx(store.settlement_record(settlement.id), language))


@pytest.fixture
def draft(store) -> int:
    """The settlement of the builder's case (Amsterdam and Bristol), agreed, not yet signed."""
    return signed_settlement(store, sign=False)


def chosen(store, settlement_id: int, language: str = "en", **choices: str) -> str:
    store.set_clause_choices(settlement_id, choices)
    return text(agreement_docx(store.settlement_record(settlement_id), language))


def test_dutch_law_is_a_vaststellingsovereenkomst_under_7900_in_both_languages(samples):
    english = sample(samples, "MED-2026-005", "en")
    dutch = sample(samples, "MED-2026-005", "nl")
    assert dutch.startswith("Vaststellingsovereenkomst\nin de zin van artikel 7:900 BW")
    assert "Deze overeenkomst is een vaststellingsovereenkomst in de zin van artikel 7:900 BW." in (
        dutch
    )
    assert (
        "This agreement is a settlement agreement (vaststellingsovereenkomst) within the "
        "meaning of article 7:900 of the Dutch Civil Code." in english
    )
    assert "is Nederlands recht van toepassing" in dutch
    assert "are governed by Dutch law" in english
    assert "de bevoegde rechter van de rechtbank Overijssel" in dutch
    assert "the District Court of Overijssel (rechtbank Overijssel)" in english


def test_english_law_names_no_dutch_statute_in_either_language(samples):
    english = sample(samples, "MED-2026-001", "en")
    dutch = sample(samples, "MED-2026-001", "nl")
    for document in (english, dutch):
        assert "7:900" not in document and "BW" not in document.replace("BWL", "")
        assert "Dutch Civil Code" not in document
    assert dutch.startswith("Schikkingsovereenkomst\ngesloten na mediation")
    assert "is het recht van Engeland en Wales van toepassing" in dutch
    assert "voorleggen aan de gerechten van Engeland en Wales" in dutch
    assert "the law of England" not in dutch  # no English left in the Dutch text
    assert "are governed by the law of England and Wales" in english
    assert "exclusively to the courts of England and Wales" in english
    # The statute of English law, and the fixed sum worked out: £9,162.00 is £70 (s. 5A).
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in english
    assert "On the £9,162.00 to be paid under clause 2, the fixed sum is £70.00." in english
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in dutch


@pytest.mark.parametrize(
    ("law", "forum", "statute"),
    [
        ("german_law", "courts_munich", "section 288(2) of the German Civil Code (BGB)"),
        ("belgian_law", "courts_brussels", "Belgian Act of 2 August 2002"),
        ("irish_law", "courts_ireland", "S.I. No. 580 of 2012"),
    ],
)
def test_another_law_has_its_own_neutral_framing(store, draft, law, forum, statute):
    english = chosen(store, draft, governing_law=law, forum=forum)
    assert "7:900" not in english and "Dutch Civil Code" not in english
    assert english.startswith("Settlement Agreement\nconcluded after mediation")
    assert statute in english
    dutch = chosen(store, draft, "nl", governing_law=law, forum=forum)
    assert "7:900" not in dutch and dutch.startswith("Schikkingsovereenkomst")


def test_dutch_interest_is_commercial_between_registered_businesses(samples, store):
    # MED-2026-005: both parties in the trade register: art. 6:119a BW, the EUR 40 minimum,
    # and the collection costs on € 326,70 by the scale: 15 % = € 49,01.
    dutch = sample(samples, "MED-2026-005", "nl")
    assert "de wettelijke handelsrente (artikel 6:119a BW)" in dutch
    assert "ten minste € 40 (artikel 6:96 lid 4 BW)" in dutch
    assert "bedragen de incassokosten volgens die staffel € 49,01" in dutch
    english = sample(samples, "MED-2026-005", "en")
    assert "statutory commercial interest under article 6:119a of the Dutch Civil Code" in english
    # A client without a registration (not a business): the plain statutory interest.
    settlement_id = signed_settlement(store, sign=False)
    case = store.settlement_record(settlement_id).case
    client = case.parties[1]
    client.registration = ""
    store.set_party(case.id, client)
    plain = text(agreement_docx(store.settlement_record(settlement_id), "nl"))
    assert "de wettelijke rente (artikel 6:119 BW)" in plain and "6:119a" not in plain


@pytest.mark.parametrize(
    ("choice", "english", "dutch"),
    [
        (
            "waived",
            "the Provider waives all claims that arose before the Effective Date",
            "doet Opdrachtnemer afstand van iedere vóór de Ingangsdatum ontstane aanspraak",
        ),
        (
            "included",
            "the amount agreed includes statutory commercial interest",
            "omvat het overeengekomen bedrag de wettelijke handelsrente",
        ),
        (
            "reserved",
            "the Provider reserves its claim to statutory commercial interest",
            "behoudt Opdrachtnemer zich het recht voor de wettelijke handelsrente",
        ),
    ],
)
def test_interest_and_costs_so_far_waived_included_or_reserved(
    store, draft, choice, english, dutch
):
    assert english in chosen(store, draft, interest_costs=choice)
    assert dutch in chosen(store, draft, "nl", interest_costs=choice)


def test_the_release_covers_the_work_and_a_reserved_claim_is_kept_out(store, draft):
    document = chosen(store, draft, interest_costs="reserved", release_scope="contract")
    assert (
        "under or in connection with the Contract and the work performed under it, except for "
        "the obligations under this agreement and the claim reserved in clause 4.1." in document
    )


def test_every_clause_the_issue_names_is_in_both_languages(samples):
    """Read in the exported agreement of a Dutch-law case, in English and in Dutch."""
    wanted = {
        "severability": ("remain in force", "blijven de overige bepalingen van kracht"),
        "amendments in writing": ("unless it is in writing", "alleen als zij schriftelijk"),
        "counterparts": ("any number of counterparts", "in afzonderlijke exemplaren"),
        "mediation costs": ("fees and expenses of the Mediator", "De kosten van de Mediator"),
        "effective date": ("(the “Effective Date”)", "(de “Ingangsdatum”)"),
        "mediation before court": (
            "shall first try to resolve it by mediation",
            "proberen Partijen dat eerst op te lossen door mediation",
        ),
        "mediation rules": ("(MfN-Mediationreglement)", "volgens het MfN-Mediationreglement"),
        "mediator as witness": ("as witness to the process", "als getuige van het proces"),
        "contract by title and date": (
            "“Overeenkomst Onderhoud en beheer ICT",
            "“Overeenkomst Onderhoud en beheer ICT",
        ),
        "prevailing language": ("the Dutch text prevails", "opgesteld en ondertekend in het"),
        "originals": ("in three originals", "in drievoud"),
        "confirmed in mediate": (
            "it is a record of the mediation, not a signature",
            "geen handtekening",
        ),
        "hash": ("Fingerprint (SHA-256)", "Hashwaarde (SHA-256)"),
        "recitals": (
            "The parties record the following:",
            "Partijen nemen het volgende in aanmerking:",
        ),
        "agree as follows": ("The parties agree as follows:", "en komen als volgt overeen:"),
    }
    english = sample(samples, "MED-2026-005", "en")
    dutch = sample(samples, "MED-2026-005", "nl")
    for clause, (en, nl) in wanted.items():
        assert en in english, clause
        assert nl in dutch, clause


def test_the_dutch_comparitie_and_dates_read_as_a_dutch_lawyer_writes_them(samples):
    dutch = sample(samples, "MED-2026-005", "nl")
    assert (
        "Veldkamp IT-Beheer B.V., een besloten vennootschap met beperkte aansprakelijkheid, "
        "statutair gevestigd te Deventer, kantoorhoudende aan de Pikeursbaan 12, 7411 GT "
        "Deventer, ingeschreven in het handelsregister onder nummer 68412297, te dezen "
        "rechtsgeldig vertegenwoordigd door Sander Veldkamp (Directeur), hierna te noemen: "
        "“Opdrachtnemer”;" in dutch
    )
    assert "Het geschil betrof: het aantal gefactureerde uren en de kwaliteit van het werk." in (
        dutch
    )
