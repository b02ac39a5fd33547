"""The clause library: every clause of the agreement exists in English and in Dutch, with the same
placeholders, and every option a clause choice offers has its wording."""

import string

import pytest

from mediate.documents.wording import CLAUSES, STATUTES, WORDING
from mediate.domain import laws
from mediate.domain.clauses import BY_KEY, CHOICES

# Every clause the issue asked for, by what it does (the keys of ``CLAUSES``).
REQUIRED = [
    "framing under Dutch law (art. 7:900 BW)",
    "framing under another law",
    "parties, with seat, office, registration and representatives",
    "recitals opening and closing",
    "the contract in dispute, by title and date",
    "the mediation and the rules it followed",
    "agreed amounts",
    "payment, refund and credit note",
    "other obligations, with the language they were agreed in",
    "interest and costs on the invoices so far",
    "late payment of the settlement",
    "acceleration of later instalments",
    "release (finale kwijting)",
    "costs of the mediation",
    "confidentiality",
    "no admission of liability",
    "effective date",
    "entire agreement",
    "amendments only in writing",
    "severability",
    "counterparts",
    "electronic signatures",
    "prevailing language",
    "governing law",
    "mediation before court",
    "court only",
    "interim relief",
    "mediator's attestation (Singapore Convention)",
    "execution: originals or electronic signing",
    "what a confirmation in mediate means",
    "signature blocks",
    "initials on every page",
    "draft on every page",
    "fingerprint, check code and audit anchor",
]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    english, dutch = WORDING["en"], WORDING["nl"]
    assert set(english) == set(dutch)
    for key in english:
        assert fields(english[key]) == fields(dutch[key]), key


@pytest.mark.parametrize("clause", REQUIRED)
def test_every_clause_exists_in_both_languages(clause):
    keys = CLAUSES[clause]
    assert keys
    for language in ("en", "nl"):
        for key in keys:
            assert WORDING[language][key].strip(), f"{clause}: {key} is empty in {language}"
    english = " ".join(WORDING["en"][k] for k in keys)
    dutch = " ".join(WORDING["nl"][k] for k in keys)
    assert english != dutch, f"{clause} is not translated"


def test_every_option_of_a_choice_has_its_wording():
    wording = WORDING["en"]
    worded = {
        "late_payment": "late_{}",
        "interest_costs": "interest_{}",
        "release_scope": "release_scope_{}",
        "release_effective": "release_when_{}",
        "mediation_costs": "mediation_costs_{}",
    }
    for key, pattern in worded.items():
        for option in BY_KEY[key].options:
            assert pattern.format(option) in wording, (key, option)
    assert {"mediation", "court"} == set(BY_KEY["disputes"].options)
    assert all(f"disputes_{o}" in wording for o in BY_KEY["disputes"].options)


def test_every_law_has_its_names_its_courts_and_its_statutes_in_both_languages():
    assert {law.key for law in laws.LAWS} >= {
        "dutch_law",
        "english_law",
        "irish_law",
        "german_law",
        "belgian_law",
    }
    assert len(laws.BY_LAW["dutch_law"].forums) == 11  # the eleven rechtbanken
    for law in laws.LAWS:
        assert law.en and law.nl and law.en != law.nl
        assert law.forums and all(f.en and f.nl for f in law.forums)
        for language in ("en", "nl"):
            statute = STATUTES[language][law.key]
            assert set(statute) == {"interest", "interest_plain", "costs", "costs_plain"}
            assert fields(statute["costs"]) <= {"minimum"}
    for language in ("en", "nl"):
        assert set(STATUTES[language]) == {*laws.BY_LAW, ""}


def test_the_law_and_court_choices_offer_the_lists_and_accept_their_names():
    law, forum = BY_KEY["governing_law"], BY_KEY["forum"]
    assert law.listed == tuple(laws.BY_LAW)
    assert forum.listed == tuple(laws.FORUMS)
    # What earlier versions stored as free text still names the same law and court.
    assert laws.law_key("Dutch law") == laws.law_key("Nederlands recht") == "dutch_law"
    assert laws.law_key("the law of England and Wales") == "english_law"
    assert laws.forum_key("the District Court of Amsterdam") == "rechtbank_amsterdam"
    assert laws.forum_key("de rechtbank Overijssel") == "rechtbank_overijssel"
    assert laws.forum_key("the courts of England and Wales") == "courts_england_wales"
    assert "Dutch law" in law.options and "the District Court of Amsterdam" in forum.options


def test_every_choice_is_one_the_screen_can_show():
    keys = [c.key for c in CHOICES]
    assert len(keys) == len(set(keys))
    for choice in CHOICES:
        if choice.options and choice.default:
            assert choice.default in choice.options, choice.key


def test_the_list_above_is_the_whole_library():
    """A clause added to the library is added here too, so it is checked in both languages."""
    assert set(CLAUSES) == set(REQUIRED)
