"""The settlement agreement in English: every sentence, clause and label, by key.

``wording_nl.py`` has the same keys with the same placeholders (``tests/test_clause_library.py``
holds them to it). Placeholders use str.format. Defined terms: the “Provider”, the “Client”,
the “parties”, the “Mediator”, the “Contract”, the “Effective Date”.

Sources, besides the statutes named in the text (see also ``domain/laws.py``):
- framing under Dutch law: art. 7:900 BW (the settlement "binds even where it departs from the
  previous legal position"), art. 7:902 BW; under other laws a neutral settlement ("full and
  final settlement"), no reference to the Dutch Civil Code.
- release of unknown claims under English law needs clear words: BCCI v Ali [2001] UKHL 8, hence
  "whether known or unknown".
- variation only in writing: Rock Advertising Ltd v MWB Business Exchange Centres Ltd [2018]
  UKSC 24 (such clauses are effective under English law).
- governing law of non-contractual obligations: art. 14(1)(b) Rome II Regulation (EC) No
  864/2007; of the contract: art. 3 Rome I Regulation (EC) No 593/2008.
- confidentiality of mediation: art. 7 Directive 2008/52/EC; the Mediator not called as witness:
  MfN-Mediationreglement and CEDR Model Mediation Agreement practice.
- electronic signatures: Regulation (EU) No 910/2014 (eIDAS) art. 25; s. 7 Electronic
  Communications Act 2000 and Law Commission, Electronic execution of documents (Law Com No 386,
  2019) for English law.
- the mediator's attestation: art. 4(1)(b) of the United Nations Convention on International
  Settlement Agreements Resulting from Mediation (Singapore, 2019); it applies only to
  international settlements (art. 1(1)).
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    # --- title, header, footer -----------------------------------------------------------------
    "title_7900": "Settlement Agreement",
    "title_other": "Settlement Agreement",
    "subtitle_7900": (
        "within the meaning of article 7:900 of the Dutch Civil Code (vaststellingsovereenkomst),"
        " concluded after mediation"
    ),
    "subtitle_other": "concluded after mediation",
    "draft": "DRAFT: not yet signed off by all signatories",
    "draft_header": "DRAFT – NOT SIGNED",
    "header": "{title} {reference} · version {version}",
    "page": "Page {page} of {pages}",
    "initials": "Initials",
    "amendment": "This version {version} amends version {previous} of the settlement agreement.",
    "translation_note": (
        "This English text is a translation for information only. The agreement is made and "
        "signed in {language}; in case of any difference the {language_adj} text prevails."
    ),
    # --- the parties ---------------------------------------------------------------------------
    "parties": "Parties",
    "parties_intro": "This agreement is made between:",
    "party": "{name}{form}{seat}{office}{registration}, represented by {signers} (the “{role}”);",
    "form_bv": ", a Dutch private limited company (besloten vennootschap)",
    "form_nv": ", a Dutch public limited company (naamloze vennootschap)",
    "form_ltd": ", a private limited company",
    "seat_dutch": ", having its statutory seat (statutaire zetel) in {seat}",
    "seat_other": ", established in {seat}",
    "office_street": ", with its office at {address}",
    "office_address": ", with its office at {address}",
    "registration_kvk": (
        ", registered in the Dutch trade register (handelsregister) under number {number}"
    ),
    "registration_companies_house": ", registered with Companies House under number {number}",
    "registration_other": ", registered under {registration}",
    "signer": "{name} ({capacity})",
    "signers_and": " and ",
    "provider": "Provider",
    "client": "Client",
    "and": "and",
    "parties_together": (
        "The Provider and the Client are together referred to as the “parties” and each as a "
        "“party”."
    ),
    "mediator_line": (
        "The parties reached this agreement with the assistance of {mediator} as mediator "
        "(the “Mediator”), who is not a party to it."
    ),
    # --- background ----------------------------------------------------------------------------
    "recitals": "Background",
    "recitals_intro": "The parties record the following:",
    "recitals_close": "The parties agree as follows:",
    "recital_contract_titled": (
        "The Provider performed services for the Client under the agreement entitled “{title}”"
        "{dated} (the “Contract”){clauses}."
    ),
    "recital_contract_untitled": (
        "The Provider performed services for the Client under an agreement between them{period} "
        "(the “Contract”){clauses}."
    ),
    "contract_dated": " dated {date}",
    "contract_from": " that took effect on {start}",
    "contract_period": " for the period from {start} to {end}",
    "recital_contract_clauses": ", which sets out its terms in {count} clauses",
    "recital_invoices": (
        "The Provider issued the following documents, which the Client disputed in whole or in "
        "part: {invoices}."
    ),
    "invoice_ref": "{kind} {number} of {date} for {gross} ({net} excluding VAT plus {vat} VAT)",
    "invoice": "invoice",
    "credit_note": "credit note",
    "recital_reasons": "The dispute concerned: {reasons}.",
    "recital_mediation": "The parties took part in mediation with the Mediator {dates}{rules}.",
    "on_dates": "on {dates}",
    "dates_and": " and ",
    "rules_mfn": (
        " under the Mediation Rules of the Mediatorsfederatie Nederland (MfN-Mediationreglement)"
    ),
    "recital_aim_7900": (
        "The parties wish to end the dispute and the uncertainty about what applies between "
        "them in law concerning the disputed invoices. To that end they bind themselves to the "
        "determination in this agreement, which applies even where it departs from their "
        "previous legal position. This agreement is a settlement agreement "
        "(vaststellingsovereenkomst) within the meaning of article 7:900 of the Dutch Civil Code."
    ),
    "recital_aim_other": (
        "The parties wish to settle the dispute about the disputed invoices in full and final "
        "settlement on the terms of this agreement."
    ),
    # --- 1. agreed amounts ---------------------------------------------------------------------
    "terms": "Agreed amounts",
    "terms_intro": (
        "The parties agree that the disputed invoices are settled per line as follows (amounts "
        "excluding VAT):"
    ),
    "document_heading": "{kind} {number} of {date}",
    "col_line": "Line",
    "col_description": "Description",
    "col_invoiced": "Invoiced",
    "col_treatment": "Treatment",
    "col_agreed": "Agreed",
    "keep": "accepted",
    "reduce_to": "reduced",
    "reduce_by_percent": "reduced",
    "withdraw": "withdrawn",
    "total": "Total excluding VAT",
    "money_intro": "Per document and in total, with VAT:",
    "document_charges": "Allowances and charges of the document itself",
    "col_document": "Document",
    "col_net": "Excl. VAT",
    "col_vat": "VAT",
    "col_gross": "Incl. VAT",
    "row_invoiced": "invoiced",
    "row_agreed": "agreed",
    "row_total": "All documents",
    "no_vat": "No VAT is charged on lines of {categories}; their agreed amounts carry none.",
    "total_sentence": (
        "In full and final settlement the parties agree on {agreed_gross} ({agreed_net} "
        "excluding VAT plus {agreed_vat} VAT) instead of the {invoiced_gross} invoiced "
        "({invoiced_net} excluding VAT plus {invoiced_vat} VAT)."
    ),
    # --- 2. payment ----------------------------------------------------------------------------
    "payment": "Payment",
    "paid": "The Client has already paid {paid} (including VAT): {payments}.",
    "paid_item": "{amount} on {date} ({source})",
    "owed": "The amount still owed is therefore {owed} (including VAT), payable as follows:",
    "owed_nothing": "Nothing further is owed under this agreement.",
    "refund": (
        "The Client has paid {refund} more than the amount agreed (including VAT); the Provider "
        "shall refund {refund} to the Client as follows:"
    ),
    "col_instalment": "Instalment",
    "col_due": "Due date",
    "col_amount": "Amount (incl. VAT)",
    "payment_to": "Payment shall be made to IBAN {iban}, stating reference “{reference}”.",
    "payment_to_no_iban": (
        "Payment shall be made to the account stated on the Provider's invoice, stating "
        "reference “{reference}”."
    ),
    "credit_note_yes": (
        "Within 14 days of the Effective Date the Provider shall issue a credit note on {kind} "
        "{invoice} of {date} for {gross} ({net} excluding VAT plus {vat} VAT), the difference "
        "between the amount invoiced and the amount agreed."
    ),
    # --- 3. other obligations ------------------------------------------------------------------
    "obligations": "Other obligations",
    "no_obligations": "The parties agree no obligations other than those in this agreement.",
    "agreed_in": "Agreed in {language} and reproduced as agreed:",
    # --- 4. interest and costs -----------------------------------------------------------------
    "interest": "Interest and costs",
    "interest_waived": (
        "With respect to the disputed invoices, the Provider waives all claims that arose before "
        "the Effective Date to {interest} and to {costs}."
    ),
    "interest_included": (
        "With respect to the disputed invoices, the amount agreed includes {interest} and "
        "{costs} up to the Effective Date; no further amount is due for them."
    ),
    "interest_reserved": (
        "With respect to the disputed invoices, the Provider reserves its claim to {interest} "
        "and to {costs} up to the Effective Date; this agreement does not settle that claim."
    ),
    "late_notice_then_collection": (
        "If the {payer} does not pay an amount under clause 2 when it is due, the {payee} shall "
        "give the {payer} written notice of default and 14 days to pay before taking any "
        "collection measures. If the {payer} has not paid by the end of that period, the "
        "{payer} owes {interest} on the unpaid amount from its due date until payment, and "
        "{costs}."
    ),
    "late_interest_from_due": (
        "If the {payer} does not pay an amount under clause 2 when it is due, the {payer} is in "
        "default without notice and owes {interest} on that amount from its due date until "
        "payment, and {costs}."
    ),
    "late_claim_revives": (
        "If the Client does not pay an amount under clause 2 within 14 days of written notice of "
        "default, the reduction agreed in clause 1 lapses and the Provider may claim the full "
        "amount originally invoiced, {invoiced}, less what the Client has paid, together with "
        "{interest} from the date of default."
    ),
    "acceleration": (
        "If the {payer} fails to pay an instalment when due and has not paid it within 14 days "
        "of written notice of default, the whole unpaid balance becomes due at once."
    ),
    "basis_future": "the {principal} to be paid under clause 2",
    "basis_past": "the {principal} left unpaid on the disputed invoices",
    "figure_scale": "On {basis}, the collection costs on that scale come to {amount}.",
    "figure_fixed": "On {basis}, the fixed sum is {amount}.",
    # --- 5. release ----------------------------------------------------------------------------
    "release": "Release",
    "release_mutual": (
        "{when}, the parties release each other from all claims, whether known or unknown, that "
        "they have or may have against each other {scope}, except for the obligations under "
        "this agreement{reserved}."
    ),
    "release_one_way": (
        "{when}, the Provider releases the Client from all claims, whether known or unknown, "
        "that the Provider has or may have against the Client {scope}, except for the "
        "obligations under this agreement{reserved}."
    ),
    "release_when_payment": "Upon payment in full of all amounts due under clause 2",
    "release_when_signature": "With effect from the Effective Date",
    "release_scope_invoice": (
        "in connection with the disputed invoices and the work and services invoiced in them"
    ),
    "release_scope_contract": (
        "under or in connection with the Contract and the work performed under it"
    ),
    "release_scope_all": "on any ground whatsoever, up to the Effective Date",
    "release_except_reserved": " and the claim reserved in clause 4.1",
    # --- 6. costs of the mediation -------------------------------------------------------------
    "mediation_costs": "Costs of the mediation",
    "mediation_costs_equal": (
        "The fees and expenses of the Mediator are borne by the parties in equal shares. Each "
        "party bears its own costs of legal and other advice."
    ),
    "mediation_costs_provider": (
        "The fees and expenses of the Mediator are borne by the Provider. Each party bears its "
        "own costs of legal and other advice."
    ),
    "mediation_costs_client": (
        "The fees and expenses of the Mediator are borne by the Client. Each party bears its "
        "own costs of legal and other advice."
    ),
    # --- 7. confidentiality --------------------------------------------------------------------
    "confidentiality_heading": "Confidentiality",
    "confidentiality": (
        "The parties shall keep confidential what was said and shown in the mediation and the "
        "content of this agreement, except insofar as disclosure is required by law or needed "
        "to implement or enforce this agreement. The parties shall not call the Mediator as a "
        "witness or expert in any proceedings about the dispute."
    ),
    # --- general -------------------------------------------------------------------------------
    "general": "General",
    "no_admission": (
        "This agreement is a compromise; neither party admits any liability or the correctness "
        "of the other party's position by entering into it."
    ),
    "effective_date": (
        "This agreement takes effect on the date on which the last of the signatories signs it "
        "(the “Effective Date”)."
    ),
    "entire": (
        "This agreement contains the entire agreement between the parties on its subject and "
        "replaces all earlier arrangements and understandings on it."
    ),
    "amendments": (
        "No variation of this agreement is effective unless it is in writing and signed by or "
        "on behalf of each party."
    ),
    "severability": (
        "If any provision of this agreement is or becomes invalid or unenforceable, the other "
        "provisions remain in force, and the parties shall replace that provision by a valid "
        "one that comes as close as possible to its purpose."
    ),
    "counterparts": (
        "This agreement may be signed in any number of counterparts, each of which is an "
        "original and which together form one agreement."
    ),
    "esign_dutch_law": (
        "The parties may sign this agreement with an electronic signature. An electronic "
        "signature has the same effect as a handwritten one if the method used is sufficiently "
        "reliable (article 3:15a of the Dutch Civil Code and Regulation (EU) No 910/2014, eIDAS)."
    ),
    "esign_english_law": (
        "The parties may sign this agreement with an electronic signature, which has the same "
        "effect as a handwritten signature (section 7 of the Electronic Communications Act 2000)."
    ),
    "esign_eu": (
        "The parties may sign this agreement with an electronic signature; it may not be denied "
        "legal effect because it is electronic (article 25 of Regulation (EU) No 910/2014, "
        "eIDAS)."
    ),
    "language_single": "This agreement is made and signed in {language}.",
    "language_translation": (
        "This agreement is made and signed in {language}. This English text is a translation "
        "for information only; in case of any difference the {language_adj} text prevails."
    ),
    "language_both": (
        "This agreement is made and signed in English and in Dutch. In case of any difference "
        "between the two texts, the {prevails} text prevails."
    ),
    "language_en": "English",
    "language_nl": "Dutch",
    "language_adj_en": "English",
    "language_adj_nl": "Dutch",
    # --- governing law and disputes ------------------------------------------------------------
    "law_heading": "Governing law and disputes",
    "law": (
        "This agreement and any non-contractual obligations arising out of or in connection with "
        "it are governed by {law}."
    ),
    "disputes_mediation": (
        "If a dispute arises out of or in connection with this agreement, the parties shall "
        "first try to resolve it by mediation{rules}. If the dispute is not resolved within 60 "
        "days after a party has asked the other in writing to mediate, either party may submit "
        "it exclusively to {forum}."
    ),
    "disputes_court": (
        "Any dispute arising out of or in connection with this agreement shall be submitted "
        "exclusively to {forum}."
    ),
    "disputes_rules_mfn": " under the MfN Mediation Rules (MfN-Mediationreglement)",
    "disputes_rules_none": " with a mediator they choose together",
    "interim_relief": (
        "This does not prevent either party from seeking interim relief from the competent court."
    ),
    "dutch_court": "{court}",
    # --- attestation ---------------------------------------------------------------------------
    "attestation_title": "Mediator's attestation",
    "attestation": (
        "I, {mediator}, confirm that I acted as mediator in the dispute described above, that "
        "the mediation took place {dates}, and that this settlement agreement resulted from "
        "that mediation (United Nations Convention on International Settlement Agreements "
        "Resulting from Mediation, article 4(1)(b))."
    ),
    # --- signatures ----------------------------------------------------------------------------
    "signatures": "Signatures",
    "signed_paper": "Agreed and signed in {copies}:",
    "signed_electronic": "Agreed and signed electronically:",
    "copies_2": "two originals",
    "copies_3": "three originals",
    "confirmed_meaning": (
        "“Confirmed in mediate” below records when a signatory approved these terms at the end "
        "of the mediation, in the Mediator's software; it is a record of the mediation, not a "
        "signature."
    ),
    "sig_for": "For the {role}: {name}",
    "sig_mediator": "Seen by the Mediator, as witness to the process and not as a party",
    "sig_mediator_attests": (
        "Seen by the Mediator, as witness to the process and not as a party, and for the "
        "attestation above"
    ),
    "sig_name": "Name",
    "sig_capacity": "Capacity",
    "sig_place": "Place",
    "sig_date": "Date",
    "sig_signature": "Signature",
    "sig_confirmed": "Confirmed in mediate on {moment}",
    "mediator": "Mediator",
    "fingerprint": (
        "Fingerprint (SHA-256) of the text of this agreement as printed: {fingerprint}. "
        "Check code {code}, also in the footer of every page."
    ),
    "audit_anchor": ("The audit log of case {reference} then stood at event {seq}, hash {hash}."),
    "check_code": "Check code {code}",
}

# How each listed law names its statutory interest and costs (see domain/laws.py for sources).
STATUTES: dict[str, dict[str, str]] = {
    "dutch_law": {
        "interest": "statutory commercial interest under article 6:119a of the Dutch Civil Code",
        "interest_plain": "statutory interest under article 6:119 of the Dutch Civil Code",
        "costs": (
            "extrajudicial collection costs under article 6:96 of the Dutch Civil Code on the "
            "scale of the Extrajudicial Collection Costs Decree (Besluit vergoeding voor "
            "buitengerechtelijke incassokosten), at least {minimum} (article 6:96(4))"
        ),
        "costs_plain": (
            "extrajudicial collection costs under article 6:96 of the Dutch Civil Code on the "
            "scale of the Extrajudicial Collection Costs Decree (Besluit vergoeding voor "
            "buitengerechtelijke incassokosten)"
        ),
    },
    "english_law": {
        "interest": (
            "statutory interest under the Late Payment of Commercial Debts (Interest) Act 1998 "
            "(8% a year above the Bank of England base rate)"
        ),
        "interest_plain": "statutory interest",
        "costs": (
            "the fixed sum under section 5A of that Act and the reasonable costs of recovery "
            "above it"
        ),
        "costs_plain": "the reasonable costs of recovery",
    },
    "irish_law": {
        "interest": (
            "interest under the European Communities (Late Payment in Commercial Transactions) "
            "Regulations 2012 (S.I. No. 580 of 2012), at the European Central Bank reference "
            "rate plus 8 percentage points"
        ),
        "interest_plain": "statutory interest",
        "costs": (
            "the fixed compensation for recovery costs under those Regulations and reasonable "
            "recovery costs above it"
        ),
        "costs_plain": "reasonable recovery costs",
    },
    "german_law": {
        "interest": (
            "default interest under section 288(2) of the German Civil Code (BGB), at 9 "
            "percentage points above the base rate"
        ),
        "interest_plain": (
            "default interest under section 288(1) of the German Civil Code (BGB), at 5 "
            "percentage points above the base rate"
        ),
        "costs": (
            "the flat fee of {minimum} under section 288(5) BGB and further costs of legal pursuit"
        ),
        "costs_plain": "the costs of legal pursuit",
    },
    "belgian_law": {
        "interest": (
            "interest under article 5 of the Belgian Act of 2 August 2002 on combating late "
            "payment in commercial transactions"
        ),
        "interest_plain": "statutory interest",
        "costs": (
            "the flat-rate compensation of {minimum} under article 6 of that Act and reasonable "
            "recovery costs above it"
        ),
        "costs_plain": "reasonable recovery costs",
    },
    "": {
        "interest": "statutory interest",
        "interest_plain": "statutory interest",
        "costs": "collection costs",
        "costs_plain": "collection costs",
    },
}
