"""De vaststellingsovereenkomst in het Nederlands: elke zin, bepaling en aanduiding, per sleutel.

Dezelfde sleutels en plaatshouders als ``wording_en.py``. Gedefinieerde begrippen:
“Opdrachtnemer”, “Opdrachtgever”, “Partijen”/“Partij”, de “Mediator”, de “Overeenkomst”, de
“Ingangsdatum”.

Bronnen (naast de wetsartikelen die de tekst noemt, en ``domain/laws.py``):
- kwalificatie: art. 7:900 lid 1 BW (vaststelling "bestemd om ook te gelden voor zover zij van de
  tevoren bestaande rechtstoestand mocht afwijken"), art. 7:902 BW; alleen onder Nederlands recht.
  Onder ander recht heet de overeenkomst een schikkingsovereenkomst, zonder verwijzing naar het BW.
- comparitie: gangbare notariële en advocatuurlijke opbouw ("statutair gevestigd te …,
  kantoorhoudende aan …, ingeschreven in het handelsregister onder nummer …, te dezen
  rechtsgeldig vertegenwoordigd door …, hierna te noemen: …"); considerans "Partijen nemen het
  volgende in aanmerking: … en komen als volgt overeen:".
- finale kwijting: "ter zake van al hetgeen zij … van elkaar te vorderen hebben of menen te
  hebben" (vaste formule; zie HR 19 april 2002, ECLI:NL:HR:2002:AD9994 over de uitleg ervan).
- verzuim zonder ingebrekestelling bij een fatale termijn: art. 6:83 onder a BW; wettelijke
  (handels)rente: art. 6:119 en 6:119a BW; incassokosten: art. 6:96 lid 2 onder c, lid 4 BW en
  het Besluit vergoeding voor buitengerechtelijke incassokosten.
- conversie van een nietige bepaling: vgl. art. 3:41 en 3:42 BW.
- elektronische handtekening: art. 3:15a BW, Verordening (EU) nr. 910/2014 (eIDAS) art. 25.
- geheimhouding in mediation: art. 7 Richtlijn 2008/52/EG; MfN-Mediationreglement.
- verklaring van de mediator: art. 4 lid 1 onder b Verdrag van Singapore (2019).
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    # --- titel, koptekst, voettekst ------------------------------------------------------------
    "title_7900": "Vaststellingsovereenkomst",
    "title_other": "Schikkingsovereenkomst",
    "subtitle_7900": "in de zin van artikel 7:900 BW, gesloten na mediation",
    "subtitle_other": "gesloten na mediation",
    "draft": "CONCEPT: nog niet door alle ondertekenaars bevestigd",
    "draft_header": "CONCEPT – NIET ONDERTEKEND",
    "header": "{title} {reference} · versie {version}",
    "page": "Pagina {page} van {pages}",
    "initials": "Paraaf",
    "amendment": "Deze versie {version} wijzigt versie {previous} van deze overeenkomst.",
    "translation_note": (
        "Deze Nederlandse tekst is uitsluitend een vertaling ter informatie. De overeenkomst is "
        "opgesteld en ondertekend in het {language}; bij verschil gaat de {language_adj} tekst "
        "voor."
    ),
    # --- partijen ------------------------------------------------------------------------------
    "parties": "Partijen",
    "parties_intro": "De ondergetekenden:",
    "party": (
        "{name}{form}{seat}{office}{registration}, te dezen rechtsgeldig vertegenwoordigd door "
        "{signers}, hierna te noemen: “{role}”;"
    ),
    "form_bv": ", een besloten vennootschap met beperkte aansprakelijkheid",
    "form_nv": ", een naamloze vennootschap",
    "form_ltd": ", een private limited company",
    "seat_dutch": ", statutair gevestigd te {seat}",
    "seat_other": ", gevestigd te {seat}",
    "office_street": ", kantoorhoudende aan {address}",
    "office_address": ", kantoorhoudende op het adres {address}",
    "registration_kvk": ", ingeschreven in het handelsregister onder nummer {number}",
    "registration_companies_house": ", ingeschreven bij Companies House onder nummer {number}",
    "registration_other": ", ingeschreven onder {registration}",
    "signer": "{name} ({capacity})",
    "signers_and": " en ",
    "provider": "Opdrachtnemer",
    "client": "Opdrachtgever",
    "and": "en",
    "parties_together": (
        "Opdrachtnemer en Opdrachtgever hierna samen te noemen: “Partijen” en ieder afzonderlijk: "
        "“Partij”."
    ),
    "mediator_line": (
        "Partijen hebben deze overeenkomst gesloten met tussenkomst van {mediator} als mediator "
        "(hierna: de “Mediator”), die zelf geen partij is bij deze overeenkomst."
    ),
    # --- overwegingen --------------------------------------------------------------------------
    "recitals": "Overwegingen",
    "recitals_intro": "Partijen nemen het volgende in aanmerking:",
    "recitals_close": "en komen als volgt overeen:",
    "recital_contract_titled": (
        "Opdrachtnemer heeft voor Opdrachtgever diensten verricht op grond van de overeenkomst "
        "“{title}”{dated} (de “Overeenkomst”){clauses}."
    ),
    "recital_contract_untitled": (
        "Opdrachtnemer heeft voor Opdrachtgever diensten verricht op grond van de tussen hen "
        "gesloten overeenkomst{period} (de “Overeenkomst”){clauses}."
    ),
    "contract_dated": " van {date}",
    "contract_from": " die is ingegaan op {start}",
    "contract_period": " voor de periode van {start} tot en met {end}",
    "recital_contract_clauses": ", waarvan de voorwaarden zijn vastgelegd in {count} artikelen",
    "recital_invoices": (
        "Opdrachtnemer heeft de volgende stukken verzonden, die Opdrachtgever geheel of "
        "gedeeltelijk heeft betwist: {invoices}."
    ),
    "invoice_ref": "{kind} {number} van {date} voor {gross} ({net} exclusief btw plus {vat} btw)",
    "invoice": "factuur",
    "credit_note": "creditnota",
    "recital_reasons": "Het geschil betrof: {reasons}.",
    "recital_mediation": (
        "Partijen hebben {dates} onder leiding van de Mediator deelgenomen aan mediation{rules}."
    ),
    "on_dates": "op {dates}",
    "dates_and": " en ",
    "rules_mfn": " volgens het MfN-Mediationreglement van de Mediatorsfederatie Nederland",
    "recital_aim_7900": (
        "Partijen wensen het geschil en de onzekerheid over wat tussen hen rechtens geldt met "
        "betrekking tot de betwiste facturen te beëindigen. Daartoe binden zij zich jegens "
        "elkaar aan de vaststelling in deze overeenkomst, die ook geldt voor zover zij van de "
        "tevoren bestaande rechtstoestand mocht afwijken. Deze overeenkomst is een "
        "vaststellingsovereenkomst in de zin van artikel 7:900 BW."
    ),
    "recital_aim_other": (
        "Partijen wensen het geschil over de betwiste facturen definitief te beëindigen op de "
        "voorwaarden van deze overeenkomst."
    ),
    # --- 1. overeengekomen bedragen ------------------------------------------------------------
    "terms": "Overeengekomen bedragen",
    "terms_intro": (
        "Partijen komen overeen dat de betwiste facturen per regel als volgt worden afgewikkeld "
        "(bedragen exclusief btw):"
    ),
    "document_heading": "{kind} {number} van {date}",
    "col_line": "Regel",
    "col_description": "Omschrijving",
    "col_invoiced": "Gefac\u00adtureerd",
    "col_treatment": "Afwik\u00adkeling",
    "col_agreed": "Overeen\u00adgekomen",
    "keep": "aanvaard",
    "reduce_to": "verlaagd",
    "reduce_by_percent": "verlaagd",
    "withdraw": "vervallen",
    "total": "Totaal exclusief btw",
    "money_intro": "Per document en in totaal, met btw:",
    "document_charges": "Kortingen en toeslagen van het document zelf",
    "col_document": "Document",
    "col_net": "Excl. btw",
    "col_vat": "Btw",
    "col_gross": "Incl. btw",
    "row_invoiced": "gefactureerd",
    "row_agreed": "overeengekomen",
    "row_total": "Alle documenten",
    "no_vat": (
        "Over regels met {categories} wordt geen btw berekend; hun overeengekomen bedragen zijn "
        "zonder btw."
    ),
    "total_sentence": (
        "Ter finale afwikkeling komen Partijen {agreed_gross} overeen ({agreed_net} exclusief "
        "btw plus {agreed_vat} btw) in plaats van de gefactureerde {invoiced_gross} "
        "({invoiced_net} exclusief btw plus {invoiced_vat} btw)."
    ),
    # --- 2. betaling ---------------------------------------------------------------------------
    "payment": "Betaling",
    "paid": "Opdrachtgever heeft al {paid} (inclusief btw) betaald: {payments}.",
    "paid_item": "{amount} op {date} ({source})",
    "owed": "Nog verschuldigd is daarom {owed} (inclusief btw), te betalen als volgt:",
    "owed_nothing": "Op grond van deze overeenkomst is verder niets verschuldigd.",
    "refund": (
        "Opdrachtgever heeft {refund} meer betaald dan het overeengekomen bedrag (inclusief "
        "btw); Opdrachtnemer betaalt {refund} aan Opdrachtgever terug als volgt:"
    ),
    "col_instalment": "Termijn",
    "col_due": "Vervaldag",
    "col_amount": "Bedrag (incl. btw)",
    "payment_to": "Betaling geschiedt op IBAN {iban}, onder vermelding van “{reference}”.",
    "payment_to_no_iban": (
        "Betaling geschiedt op de rekening vermeld op de factuur van Opdrachtnemer, onder "
        "vermelding van “{reference}”."
    ),
    "credit_note_yes": (
        "Binnen 14 dagen na de Ingangsdatum verstrekt Opdrachtnemer op {kind} {invoice} van "
        "{date} een creditnota van {gross} ({net} exclusief btw plus {vat} btw), het verschil "
        "tussen het gefactureerde en het overeengekomen bedrag."
    ),
    # --- 3. overige verplichtingen -------------------------------------------------------------
    "obligations": "Overige verplichtingen",
    "no_obligations": "Partijen komen geen andere verplichtingen overeen dan die in deze overeenkomst.",
    "agreed_in": "In het {language} overeengekomen en ongewijzigd weergegeven:",
    # --- 4. rente en kosten --------------------------------------------------------------------
    "interest": "Rente en kosten",
    "interest_waived": (
        "Met betrekking tot de betwiste facturen doet Opdrachtnemer afstand van iedere vóór de "
        "Ingangsdatum ontstane aanspraak op {interest} en op {costs}."
    ),
    "interest_included": (
        "Met betrekking tot de betwiste facturen omvat het overeengekomen bedrag {interest} en "
        "{costs} tot de Ingangsdatum; daarvoor is verder niets verschuldigd."
    ),
    "interest_reserved": (
        "Met betrekking tot de betwiste facturen behoudt Opdrachtnemer zich het recht voor "
        "{interest} en {costs} tot de Ingangsdatum te vorderen; deze overeenkomst regelt die "
        "vordering niet."
    ),
    "late_notice_then_collection": (
        "Betaalt {payer} een bedrag uit artikel 2 niet op de vervaldag, dan stelt {payee} "
        "{payer} eerst schriftelijk in gebreke met een termijn van 14 dagen, voordat {payee} "
        "incassomaatregelen neemt. Heeft {payer} na afloop van die termijn niet betaald, dan is "
        "{payer} over het onbetaalde bedrag {interest} verschuldigd vanaf de vervaldag tot de "
        "dag van betaling, en daarnaast {costs}."
    ),
    "late_interest_from_due": (
        "Betaalt {payer} een bedrag uit artikel 2 niet op de vervaldag, dan is {payer} zonder "
        "ingebrekestelling in verzuim en over dat bedrag {interest} verschuldigd vanaf de "
        "vervaldag tot de dag van betaling, en daarnaast {costs}."
    ),
    "late_claim_revives": (
        "Betaalt Opdrachtgever een bedrag uit artikel 2 niet binnen 14 dagen na schriftelijke "
        "ingebrekestelling, dan vervalt de in artikel 1 overeengekomen vermindering en kan "
        "Opdrachtnemer het oorspronkelijk gefactureerde bedrag van {invoiced} vorderen, "
        "verminderd met wat Opdrachtgever al heeft betaald en vermeerderd met {interest} vanaf "
        "de dag van het verzuim."
    ),
    "acceleration": (
        "Is {payer} met de betaling van een termijn in verzuim en betaalt {payer} ook niet "
        "binnen 14 dagen na schriftelijke ingebrekestelling, dan wordt het gehele nog "
        "onbetaalde bedrag ineens opeisbaar."
    ),
    "basis_future": "het op grond van artikel 2 te betalen bedrag van {principal}",
    "basis_past": "het onbetaalde bedrag van de betwiste facturen van {principal}",
    "figure_scale": "Over {basis} bedragen de incassokosten volgens die staffel {amount}.",
    "figure_fixed": "Over {basis} bedraagt het vaste bedrag {amount}.",
    # --- 5. finale kwijting --------------------------------------------------------------------
    "release": "Finale kwijting",
    "release_mutual": (
        "{when} verlenen Partijen elkaar over en weer finale kwijting ter zake van al hetgeen "
        "zij {scope} van elkaar te vorderen hebben of menen te hebben, met uitzondering van de "
        "verplichtingen uit deze overeenkomst{reserved}."
    ),
    "release_one_way": (
        "{when} verleent Opdrachtnemer Opdrachtgever finale kwijting ter zake van al hetgeen "
        "Opdrachtnemer {scope} van Opdrachtgever te vorderen heeft of meent te hebben, met "
        "uitzondering van de verplichtingen uit deze overeenkomst{reserved}."
    ),
    "release_when_payment": (
        "Na volledige betaling van alle bedragen die op grond van artikel 2 verschuldigd zijn,"
    ),
    "release_when_signature": "Met ingang van de Ingangsdatum",
    "release_scope_invoice": (
        "met betrekking tot de betwiste facturen en de daarin gefactureerde werkzaamheden"
    ),
    "release_scope_contract": (
        "uit hoofde van of in verband met de Overeenkomst en de op grond daarvan verrichte "
        "werkzaamheden"
    ),
    "release_scope_all": "uit welken hoofde ook, tot de Ingangsdatum",
    "release_except_reserved": " en van de vordering die in artikel 4.1 is voorbehouden",
    # --- 6. kosten van de mediation ------------------------------------------------------------
    "mediation_costs": "Kosten van de mediation",
    "mediation_costs_equal": (
        "De kosten van de Mediator worden door Partijen ieder voor de helft gedragen. Iedere "
        "Partij draagt haar eigen kosten van juridische en andere bijstand."
    ),
    "mediation_costs_provider": (
        "De kosten van de Mediator komen voor rekening van Opdrachtnemer. Iedere Partij draagt "
        "haar eigen kosten van juridische en andere bijstand."
    ),
    "mediation_costs_client": (
        "De kosten van de Mediator komen voor rekening van Opdrachtgever. Iedere Partij draagt "
        "haar eigen kosten van juridische en andere bijstand."
    ),
    # --- 7. geheimhouding ----------------------------------------------------------------------
    "confidentiality_heading": "Geheimhouding",
    "confidentiality": (
        "Partijen houden geheim wat in de mediation is gezegd en getoond en wat deze "
        "overeenkomst inhoudt, behalve voor zover openbaarmaking wettelijk verplicht is of nodig "
        "is voor de uitvoering of tenuitvoerlegging van deze overeenkomst. Partijen zullen de "
        "Mediator niet als getuige of deskundige oproepen in een procedure over het geschil."
    ),
    # --- slotbepalingen ------------------------------------------------------------------------
    "general": "Slotbepalingen",
    "no_admission": (
        "Deze overeenkomst is een compromis; geen van Partijen erkent door haar te sluiten enige "
        "aansprakelijkheid of de juistheid van het standpunt van de andere Partij."
    ),
    "effective_date": (
        "Deze overeenkomst treedt in werking op de dag waarop de laatste ondertekenaar haar "
        "heeft ondertekend (de “Ingangsdatum”)."
    ),
    "entire": (
        "Deze overeenkomst bevat alle afspraken tussen Partijen over haar onderwerp en vervangt "
        "alle eerdere afspraken en verklaringen daarover."
    ),
    "amendments": (
        "Wijzigingen van en aanvullingen op deze overeenkomst gelden alleen als zij schriftelijk "
        "zijn overeengekomen en door of namens iedere Partij zijn ondertekend."
    ),
    "severability": (
        "Is of wordt een bepaling van deze overeenkomst nietig of vernietigbaar, dan blijven de "
        "overige bepalingen van kracht. Partijen vervangen die bepaling dan door een geldige "
        "bepaling die zo dicht mogelijk bij doel en strekking van de oorspronkelijke bepaling "
        "ligt."
    ),
    "counterparts": (
        "Deze overeenkomst kan in afzonderlijke exemplaren worden ondertekend, die elk als "
        "origineel gelden en samen één overeenkomst vormen."
    ),
    "esign_dutch_law": (
        "Partijen kunnen deze overeenkomst elektronisch ondertekenen. Een elektronische "
        "handtekening heeft dezelfde rechtsgevolgen als een handgeschreven handtekening als de "
        "gebruikte methode voldoende betrouwbaar is (artikel 3:15a BW en Verordening (EU) "
        "nr. 910/2014, eIDAS)."
    ),
    "esign_english_law": (
        "Partijen kunnen deze overeenkomst elektronisch ondertekenen; een elektronische "
        "handtekening heeft dezelfde werking als een handgeschreven handtekening (section 7 van "
        "de Electronic Communications Act 2000)."
    ),
    "esign_eu": (
        "Partijen kunnen deze overeenkomst elektronisch ondertekenen; aan een elektronische "
        "handtekening mag rechtsgevolg niet worden ontzegd op de enkele grond dat zij "
        "elektronisch is (artikel 25 van Verordening (EU) nr. 910/2014, eIDAS)."
    ),
    "language_single": "Deze overeenkomst is opgesteld en ondertekend in het {language}.",
    "language_translation": (
        "Deze overeenkomst is opgesteld en ondertekend in het {language}. Deze Nederlandse tekst "
        "is uitsluitend een vertaling ter informatie; bij verschil gaat de {language_adj} tekst "
        "voor."
    ),
    "language_both": (
        "Deze overeenkomst is opgesteld en ondertekend in het Nederlands en in het Engels. Bij "
        "verschil tussen beide teksten gaat de {prevails} tekst voor."
    ),
    "language_en": "Engels",
    "language_nl": "Nederlands",
    "language_adj_en": "Engelse",
    "language_adj_nl": "Nederlandse",
    # --- toepasselijk recht en geschillen ------------------------------------------------------
    "law_heading": "Toepasselijk recht en geschillen",
    "law": (
        "Op deze overeenkomst en op niet-contractuele verbintenissen die daaruit of in verband "
        "daarmee voortvloeien is {law} van toepassing."
    ),
    "disputes_mediation": (
        "Ontstaat er een geschil dat voortvloeit uit of verband houdt met deze overeenkomst, dan "
        "proberen Partijen dat eerst op te lossen door mediation{rules}. Is het geschil niet "
        "opgelost binnen 60 dagen nadat een Partij de andere Partij schriftelijk om mediation "
        "heeft gevraagd, dan kan ieder van Partijen het bij uitsluiting voorleggen aan {forum}."
    ),
    "disputes_court": (
        "Geschillen die voortvloeien uit of verband houden met deze overeenkomst worden bij "
        "uitsluiting voorgelegd aan {forum}."
    ),
    "disputes_rules_mfn": " volgens het MfN-Mediationreglement",
    "disputes_rules_none": " met een mediator die zij samen kiezen",
    "interim_relief": (
        "Dit laat onverlet dat iedere Partij een voorlopige voorziening kan vragen aan de "
        "bevoegde rechter."
    ),
    "dutch_court": "de bevoegde rechter van {court}",
    # --- verklaring van de mediator ------------------------------------------------------------
    "attestation_title": "Verklaring van de mediator",
    "attestation": (
        "Ik, {mediator}, verklaar dat ik als mediator ben opgetreden in het hiervoor omschreven "
        "geschil, dat de mediation plaatsvond {dates}, en dat deze overeenkomst uit die mediation "
        "is voortgekomen (Verdrag van de Verenigde Naties inzake internationale "
        "schikkingsovereenkomsten die voortvloeien uit bemiddeling, artikel 4, lid 1, onder b)."
    ),
    # --- ondertekening -------------------------------------------------------------------------
    "signatures": "Ondertekening",
    "signed_paper": "Aldus overeengekomen en in {copies} ondertekend:",
    "signed_electronic": "Aldus overeengekomen en elektronisch ondertekend:",
    "copies_2": "tweevoud",
    "copies_3": "drievoud",
    "confirmed_meaning": (
        "“Bevestigd in mediate” hieronder vermeldt wanneer een ondertekenaar deze voorwaarden aan "
        "het einde van de mediation heeft goedgekeurd in de software van de Mediator; het is een "
        "vastlegging van de mediation, geen handtekening."
    ),
    "sig_for": "Namens {role}: {name}",
    "sig_mediator": "Voor gezien door de Mediator, als getuige van het proces en niet als partij",
    "sig_mediator_attests": (
        "Voor gezien door de Mediator, als getuige van het proces en niet als partij, en voor de "
        "verklaring hierboven"
    ),
    "sig_name": "Naam",
    "sig_capacity": "Functie",
    "sig_place": "Plaats",
    "sig_date": "Datum",
    "sig_signature": "Handtekening",
    "sig_confirmed": "Bevestigd in mediate op {moment}",
    "mediator": "Mediator",
    "fingerprint": (
        "Hashwaarde (SHA-256) van de tekst van deze overeenkomst zoals afgedrukt: {fingerprint}. "
        "Controlecode {code}, ook in de voettekst van elke pagina."
    ),
    "audit_anchor": (
        "Het logboek van zaak {reference} stond toen op gebeurtenis {seq}, hashwaarde {hash}."
    ),
    "check_code": "Controlecode {code}",
}

# Hoe elk recht op de lijst zijn wettelijke rente en kosten noemt (bronnen: domain/laws.py).
STATUTES: dict[str, dict[str, str]] = {
    "dutch_law": {
        "interest": "de wettelijke handelsrente (artikel 6:119a BW)",
        "interest_plain": "de wettelijke rente (artikel 6:119 BW)",
        "costs": (
            "de buitengerechtelijke incassokosten volgens artikel 6:96 BW en de staffel van het "
            "Besluit vergoeding voor buitengerechtelijke incassokosten, ten minste {minimum} "
            "(artikel 6:96 lid 4 BW)"
        ),
        "costs_plain": (
            "de buitengerechtelijke incassokosten volgens artikel 6:96 BW en de staffel van het "
            "Besluit vergoeding voor buitengerechtelijke incassokosten"
        ),
    },
    "english_law": {
        "interest": (
            "de wettelijke rente volgens de Late Payment of Commercial Debts (Interest) Act 1998 "
            "(8% per jaar boven de basisrente van de Bank of England)"
        ),
        "interest_plain": "de wettelijke rente",
        "costs": (
            "het vaste bedrag van section 5A van die wet en de redelijke incassokosten daarboven"
        ),
        "costs_plain": "de redelijke incassokosten",
    },
    "irish_law": {
        "interest": (
            "de rente volgens de European Communities (Late Payment in Commercial Transactions) "
            "Regulations 2012 (S.I. No. 580 of 2012), tegen de referentierentevoet van de "
            "Europese Centrale Bank plus 8 procentpunten"
        ),
        "interest_plain": "de wettelijke rente",
        "costs": (
            "de vaste vergoeding voor invorderingskosten volgens die Regulations en redelijke "
            "invorderingskosten daarboven"
        ),
        "costs_plain": "redelijke invorderingskosten",
    },
    "german_law": {
        "interest": (
            "de vertragingsrente volgens § 288 lid 2 van het Duitse Burgerlijk Wetboek (BGB), "
            "9 procentpunten boven de basisrente"
        ),
        "interest_plain": (
            "de vertragingsrente volgens § 288 lid 1 van het Duitse Burgerlijk Wetboek (BGB), "
            "5 procentpunten boven de basisrente"
        ),
        "costs": (
            "de forfaitaire vergoeding van {minimum} volgens § 288 lid 5 BGB en verdere kosten "
            "van rechtsvervolging"
        ),
        "costs_plain": "de kosten van rechtsvervolging",
    },
    "belgian_law": {
        "interest": (
            "de interest bedoeld in artikel 5 van de wet van 2 augustus 2002 betreffende de "
            "bestrijding van de betalingsachterstand bij handelstransacties"
        ),
        "interest_plain": "de wettelijke interest",
        "costs": (
            "de forfaitaire schadevergoeding van {minimum} bedoeld in artikel 6 van die wet en "
            "redelijke invorderingskosten daarboven"
        ),
        "costs_plain": "redelijke invorderingskosten",
    },
    "": {
        "interest": "de wettelijke rente",
        "interest_plain": "de wettelijke rente",
        "costs": "de incassokosten",
        "costs_plain": "de incassokosten",
    },
}
