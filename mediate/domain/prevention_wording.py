"""The words of the prevention review in English and Dutch. Placeholders use str.format."""

from __future__ import annotations

PREVENTION_WORDING: dict[str, dict[str, str]] = {
    "en": {
        # finding titles
        "vague": "Vague invoice line",
        "hours": "More hours billed than logged",
        "rate": "Rate differs from the contract",
        "after_contract": "Work after the contract ended",
        "payment_terms": "No payment terms in the contract",
        "dispute_clause": "No dispute-resolution clause",
        "late_dispute": "Dispute raised after the due date",
        # evidence
        "line": "invoice {invoice}, line {position}",
        "vague_evidence": "{line} reads “{description}”: {why}.",
        "vague_no_date": "no date",
        "vague_generic": "only generic words ({words})",
        "vague_no_scope": "no scope",
        "hours_evidence": "{line} (“{description}”) bills {billed} h; the work log shows {logged} h for it.",
        "rate_evidence": "{line} bills {price} per hour; the contract sets {rates}.",
        "rate_clause": "{rate} in clause {ref}",
        "hours_no_log": "{line} (“{description}”) bills {billed} h; there is no work log on file.",
        "after_entry": "1 work entry ({hours} h, {first})",
        "after_entries": "{count} work entries ({hours} h, {first} to {last})",
        "after_lines": "invoice lines {lines}",
        "after_evidence": "{what} fall after the contract ended on {end}.",
        "no_contract": "There is no written contract on file.",
        "payment_evidence": "None of the contract's {count} clauses says when invoices are to be paid.",
        "dispute_evidence": "None of the contract's {count} clauses says how a dispute is resolved.",
        "late_evidence": "The case was opened on {opened}, {days} days after invoice {invoice} fell due on {due}.",
        # fixes
        "vague_fix": "Itemise the line: its date, its hours and the task, as the work log records them. For example:",
        "hours_fix": "Attach the work log to the invoice (date, person, task and hours for each line) and bill no more hours than are logged; explain any difference before the client asks.",
        "rate_fix": "Bill the rate the contract sets, or agree a new rate in writing before the work starts. The contract says: {quote}",
        "after_fix": "Before working past {end}, extend the contract or agree the new work in writing (scope, rate and end date), and bill it under that agreement.",
        "payment_fix": "Add a payment clause to the contract, for example:",
        "dispute_fix": "Add a dispute-resolution clause that tries mediation before court, for example:",
        "late_fix": "Put clear payment terms on every invoice (due date, amount, account and reference), send a friendly reminder just before and just after the due date, and ask the client to raise any objection before the invoice falls due.",
        # the suggested rewrite of a vague line
        "rewrite": "{description} on {when}, {quantity} on {tasks}",
        "range": "{first} to {last}",
        "and": "and",
        "no_when": "[date]",
        "no_tasks": "[the task, as in the work log]",
        "hours_unit": "h",
    },
    "nl": {
        "vague": "Vage factuurregel",
        "hours": "Meer uren gefactureerd dan geregistreerd",
        "rate": "Tarief wijkt af van het contract",
        "after_contract": "Werk na het einde van het contract",
        "payment_terms": "Geen betalingstermijn in het contract",
        "dispute_clause": "Geen geschillenregeling",
        "late_dispute": "Geschil na de vervaldag",
        "line": "factuur {invoice}, regel {position}",
        "vague_evidence": "{line} luidt “{description}”: {why}.",
        "vague_no_date": "geen datum",
        "vague_generic": "alleen algemene woorden ({words})",
        "vague_no_scope": "geen omschrijving van het werk",
        "hours_evidence": "{line} (“{description}”) factureert {billed} uur; de urenregistratie toont er {logged} uur voor.",
        "rate_evidence": "{line} factureert {price} per uur; het contract noemt {rates}.",
        "rate_clause": "{rate} in artikel {ref}",
        "hours_no_log": "{line} (“{description}”) factureert {billed} uur; er is geen urenregistratie in het dossier.",
        "after_entry": "1 urenregel ({hours} uur, {first})",
        "after_entries": "{count} urenregels ({hours} uur, {first} tot en met {last})",
        "after_lines": "factuurregels {lines}",
        "after_evidence": "{what} vallen na het einde van het contract op {end}.",
        "no_contract": "Er is geen schriftelijk contract in het dossier.",
        "payment_evidence": "Geen van de {count} artikelen van het contract zegt wanneer facturen betaald moeten worden.",
        "dispute_evidence": "Geen van de {count} artikelen van het contract zegt hoe een geschil wordt opgelost.",
        "late_evidence": "De zaak is geopend op {opened}, {days} dagen nadat factuur {invoice} op {due} vervallen was.",
        "vague_fix": "Specificeer de regel: de datum, de uren en de taak, zoals de urenregistratie ze vastlegt. Bijvoorbeeld:",
        "hours_fix": "Voeg de urenregistratie bij de factuur (datum, persoon, taak en uren per regel) en factureer niet meer uren dan geregistreerd; licht een verschil toe voordat de klant erom vraagt.",
        "rate_fix": "Factureer het tarief uit het contract, of spreek een nieuw tarief schriftelijk af voordat het werk begint. Het contract zegt: {quote}",
        "after_fix": "Verleng het contract, of leg het nieuwe werk schriftelijk vast (omvang, tarief en einddatum), voordat u na {end} doorwerkt, en factureer het onder die afspraak.",
        "payment_fix": "Neem een betalingsartikel op in het contract, bijvoorbeeld:",
        "dispute_fix": "Neem een geschillenregeling op die eerst mediation probeert, voordat partijen naar de rechter gaan, bijvoorbeeld:",
        "late_fix": "Zet duidelijke betalingsvoorwaarden op elke factuur (vervaldag, bedrag, rekening en kenmerk), stuur vlak voor en vlak na de vervaldag een vriendelijke herinnering, en vraag de klant bezwaren te melden voordat de factuur vervalt.",
        "rewrite": "{description} op {when}, {quantity} aan {tasks}",
        "range": "{first} tot en met {last}",
        "and": "en",
        "no_when": "[datum]",
        "no_tasks": "[de taak, zoals in de urenregistratie]",
        "hours_unit": "uur",
    },
}

# Clause texts a contract can adopt as they stand, in both languages.
PAYMENT_CLAUSE = {
    "en": (
        "Payment. The Provider invoices monthly. Each invoice itemises the work by date, hours and "
        "task, and the work log is attached. Invoices are payable within 30 days of the invoice "
        "date. If an invoice is not paid on time, the Provider sends a reminder and allows a "
        "further 14 days before statutory interest is due. The Client raises any objection to "
        "an invoice in writing before its due date; the undisputed part remains payable."
    ),
    "nl": (
        "Betaling. Opdrachtnemer factureert maandelijks. Elke factuur specificeert het werk per "
        "datum, aantal uren en taak, met de urenregistratie als bijlage. Facturen worden binnen "
        "30 dagen na factuurdatum betaald. Wordt een factuur niet op tijd betaald, dan stuurt "
        "Opdrachtnemer een herinnering en geeft hij nog 14 dagen voordat de wettelijke rente "
        "verschuldigd is. Opdrachtgever meldt bezwaren tegen een factuur schriftelijk vóór de "
        "vervaldag; het onbetwiste deel blijft verschuldigd."
    ),
}
DISPUTE_CLAUSE = {
    "en": (
        "Disputes. If a dispute arises about this agreement or an invoice under it, the parties "
        "first try to resolve it in a meeting within 14 days. If that fails, they take part in "
        "mediation with a mediator they choose together, and share its costs equally. Only if "
        "the dispute is not resolved within 60 days of the start of mediation may either party "
        "bring it before the competent court. The undisputed part of an invoice remains payable."
    ),
    "nl": (
        "Geschillen. Ontstaat er een geschil over deze overeenkomst of een factuur op grond "
        "daarvan, dan proberen partijen dit eerst binnen 14 dagen in een gesprek op te lossen. "
        "Lukt dat niet, dan nemen zij deel aan mediation door een mediator die zij samen kiezen, "
        "en dragen zij de kosten daarvan ieder voor de helft. Pas als het geschil niet binnen 60 "
        "dagen na het begin van de mediation is opgelost, kan elke partij het aan de bevoegde "
        "rechter voorleggen. Het onbetwiste deel van een factuur blijft verschuldigd."
    ),
}
