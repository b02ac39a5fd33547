"""The clause library of the settlement agreement: every sentence in English and Dutch.

The words live in one module per language, ``wording_en.py`` and ``wording_nl.py``, with the same
keys and the same placeholders (str.format); ``STATUTES`` there names each listed law's interest
and collection costs. ``CLAUSES`` below lists the clauses an agreement is built from, by what they
do, with the keys that word them: ``tests/test_clause_library.py`` checks that each exists,
non-empty, in both languages.
"""

from __future__ import annotations

from mediate.documents import wording_en, wording_nl

WORDING: dict[str, dict[str, str]] = {"en": wording_en.WORDS, "nl": wording_nl.WORDS}
STATUTES: dict[str, dict[str, dict[str, str]]] = {
    "en": wording_en.STATUTES,
    "nl": wording_nl.STATUTES,
}

# What each clause does, and the keys of its wording (every variant a choice can pick).
CLAUSES: dict[str, tuple[str, ...]] = {
    "framing under Dutch law (art. 7:900 BW)": ("title_7900", "subtitle_7900", "recital_aim_7900"),
    "framing under another law": ("title_other", "subtitle_other", "recital_aim_other"),
    "parties, with seat, office, registration and representatives": (
        "party",
        "form_bv",
        "form_nv",
        "form_ltd",
        "seat_dutch",
        "seat_other",
        "office_street",
        "office_address",
        "registration_kvk",
        "registration_companies_house",
        "registration_other",
        "parties_together",
        "mediator_line",
    ),
    "recitals opening and closing": ("recitals_intro", "recitals_close"),
    "the contract in dispute, by title and date": (
        "recital_contract_titled",
        "recital_contract_untitled",
        "contract_dated",
        "contract_from",
        "contract_period",
    ),
    "the mediation and the rules it followed": ("recital_mediation", "rules_mfn"),
    "agreed amounts": ("terms_intro", "document_heading", "total_sentence", "no_vat"),
    "payment, refund and credit note": (
        "paid",
        "owed",
        "owed_nothing",
        "refund",
        "payment_to",
        "payment_to_no_iban",
        "credit_note_yes",
    ),
    "other obligations, with the language they were agreed in": (
        "no_obligations",
        "agreed_in",
    ),
    "interest and costs on the invoices so far": (
        "interest_waived",
        "interest_included",
        "interest_reserved",
    ),
    "late payment of the settlement": (
        "late_notice_then_collection",
        "late_interest_from_due",
        "late_claim_revives",
        "figure_scale",
        "figure_fixed",
    ),
    "acceleration of later instalments": ("acceleration",),
    "release (finale kwijting)": (
        "release_mutual",
        "release_one_way",
        "release_when_payment",
        "release_when_signature",
        "release_scope_invoice",
        "release_scope_contract",
        "release_scope_all",
        "release_except_reserved",
    ),
    "costs of the mediation": (
        "mediation_costs_equal",
        "mediation_costs_provider",
        "mediation_costs_client",
    ),
    "confidentiality": ("confidentiality",),
    "no admission of liability": ("no_admission",),
    "effective date": ("effective_date",),
    "entire agreement": ("entire",),
    "amendments only in writing": ("amendments",),
    "severability": ("severability",),
    "counterparts": ("counterparts",),
    "electronic signatures": ("esign_dutch_law", "esign_english_law", "esign_eu"),
    "prevailing language": ("language_single", "language_translation", "language_both"),
    "governing law": ("law",),
    "mediation before court": ("disputes_mediation", "disputes_rules_mfn", "disputes_rules_none"),
    "court only": ("disputes_court",),
    "interim relief": ("interim_relief",),
    "mediator's attestation (Singapore Convention)": ("attestation_title", "attestation"),
    "execution: originals or electronic signing": (
        "signed_paper",
        "signed_electronic",
        "copies_2",
        "copies_3",
    ),
    "what a confirmation in mediate means": ("confirmed_meaning", "sig_confirmed"),
    "signature blocks": (
        "sig_for",
        "sig_mediator",
        "sig_mediator_attests",
        "sig_name",
        "sig_capacity",
        "sig_place",
        "sig_date",
        "sig_signature",
    ),
    "initials on every page": ("initials",),
    "draft on every page": ("draft", "draft_header"),
    "fingerprint, check code and audit anchor": ("fingerprint", "check_code", "audit_anchor"),
}

VAT_CATEGORIES = {
    "en": {
        "S": "standard rate",
        "Z": "zero rate",
        "E": "exempt from VAT",
        "AE": "VAT reverse charge (the Client accounts for the VAT)",
        "K": "intra-community supply",
        "G": "export outside the EU",
        "O": "services outside the scope of VAT",
    },
    "nl": {
        "S": "standaardtarief",
        "Z": "nultarief",
        "E": "vrijstelling van btw",
        "AE": "btw verlegd (Opdrachtgever voldoet de btw)",
        "K": "intracommunautaire levering",
        "G": "uitvoer buiten de EU",
        "O": "diensten buiten de reikwijdte van de btw",
    },
}

REASONS = {
    "en": {
        "hours": "the number of hours billed",
        "scope": "work outside the agreed scope",
        "quality": "the quality of the work",
        "rate": "the rate charged",
        "late-payment": "late payment, interest and costs",
        "other": "other matters",
    },
    "nl": {
        "hours": "het aantal gefactureerde uren",
        "scope": "werk buiten de afgesproken opdracht",
        "quality": "de kwaliteit van het werk",
        "rate": "het gehanteerde tarief",
        "late-payment": "te late betaling, rente en kosten",
        "other": "overige punten",
    },
}
