"""The schema, built by ``sqlite_utils.Migrations``: a database made by today's version opens in
tomorrow's. Never edit an applied migration; add a new one."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("mediate")

# Tables whose rows belong to one case (each has a case_id column). The audit log replays them.
CASE_TABLES = (
    "parties",
    "invoices",
    "invoice_lines",
    "invoice_adjustments",
    "invoice_vat",
    "clauses",
    "work_entries",
    "messages",
    "statements",
    "notes",
    "proposals",
    "settlements",
    "signoffs",
    "payments",
    "bid_rounds",
    "bids",
    "document_fingerprints",
)


@migrations()
def m001_case_record(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            status TEXT NOT NULL,
            language TEXT NOT NULL CHECK (language IN ('en', 'nl')),
            currency TEXT NOT NULL,
            mediator TEXT NOT NULL DEFAULT '',
            opened TEXT,
            summary TEXT NOT NULL DEFAULT '',
            reasons TEXT NOT NULL DEFAULT '[]',
            contract_start TEXT,
            contract_end TEXT
        );
        CREATE TABLE parties (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            role TEXT NOT NULL CHECK (role IN ('provider', 'client')),
            legal_name TEXT NOT NULL,
            contact_person TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            registration TEXT NOT NULL DEFAULT '',
            signatory TEXT NOT NULL DEFAULT '',
            signatory_capacity TEXT NOT NULL DEFAULT '',
            UNIQUE (case_id, role)
        );
        CREATE TABLE invoices (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            number TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
            issue_date TEXT,
            due_date TEXT,
            currency TEXT NOT NULL,
            declared_net_minor INTEGER,
            declared_tax_minor INTEGER,
            declared_payable_minor INTEGER,
            seller TEXT NOT NULL DEFAULT '',
            buyer TEXT NOT NULL DEFAULT '',
            payment_terms TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE invoice_lines (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            invoice_id INTEGER NOT NULL REFERENCES invoices(id),
            position INTEGER NOT NULL,
            line_ref TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL,
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            unit_price TEXT NOT NULL,
            net_minor INTEGER NOT NULL,
            vat_rate TEXT,
            service_date TEXT,
            service_end TEXT,
            disputed INTEGER NOT NULL DEFAULT 0,
            UNIQUE (invoice_id, position)
        );
        CREATE TABLE clauses (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            position INTEGER NOT NULL,
            ref TEXT NOT NULL,
            heading TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE work_entries (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            date TEXT NOT NULL,
            person TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes >= 0),
            description TEXT NOT NULL DEFAULT '',
            task TEXT NOT NULL DEFAULT '',
            project TEXT NOT NULL DEFAULT '',
            invoice_line_id INTEGER REFERENCES invoice_lines(id),
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX work_entries_case ON work_entries (case_id, date);
        CREATE INDEX work_entries_line ON work_entries (invoice_line_id);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            sent_at TEXT,
            sender TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '[]',
            cc TEXT NOT NULL DEFAULT '[]',
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            attachments TEXT NOT NULL DEFAULT '[]',
            message_id TEXT NOT NULL DEFAULT '',
            in_reply_to TEXT NOT NULL DEFAULT '',
            refs TEXT NOT NULL DEFAULT '[]',
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX messages_case ON messages (case_id, sent_at);
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            party TEXT NOT NULL CHECK (party IN ('provider', 'client')),
            text TEXT NOT NULL,
            claimed_minor INTEGER,
            invoice_line_id INTEGER REFERENCES invoice_lines(id),
            restatement TEXT NOT NULL DEFAULT '',
            confirmed INTEGER NOT NULL DEFAULT 0,
            correction TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            visibility TEXT NOT NULL
                CHECK (visibility IN ('joint', 'caucus-provider', 'caucus-client')),
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            number INTEGER NOT NULL,
            proposed_by TEXT NOT NULL CHECK (proposed_by IN ('provider', 'client', 'mediator')),
            adjustments TEXT NOT NULL DEFAULT '[]',
            total_minor INTEGER NOT NULL,
            schedule TEXT NOT NULL DEFAULT '[]',
            terms TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL
                CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn', 'superseded')),
            counter_of INTEGER REFERENCES proposals(id),
            created_at TEXT NOT NULL,
            UNIQUE (case_id, number)
        );
        CREATE UNIQUE INDEX one_accepted_proposal ON proposals (case_id) WHERE status = 'accepted';
        CREATE TABLE settlements (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            version INTEGER NOT NULL,
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            clause_choices TEXT NOT NULL DEFAULT '{}',
            locked INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT NOT NULL DEFAULT '',
            amends INTEGER REFERENCES settlements(id),
            created_at TEXT NOT NULL,
            UNIQUE (case_id, version)
        );
        CREATE TABLE signoffs (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            settlement_id INTEGER NOT NULL REFERENCES settlements(id),
            role TEXT NOT NULL CHECK (role IN ('provider', 'client', 'mediator')),
            name TEXT NOT NULL,
            capacity TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            UNIQUE (settlement_id, role)
        );
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (case_id, seq)
        );

        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

        CREATE TRIGGER settlements_locked_no_update BEFORE UPDATE ON settlements
        WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;
        CREATE TRIGGER settlements_locked_no_delete BEFORE DELETE ON settlements
        WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;

        CREATE TRIGGER signoffs_locked_no_insert BEFORE INSERT ON signoffs
        WHEN (SELECT locked FROM settlements WHERE id = NEW.settlement_id) = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;
        CREATE TRIGGER signoffs_locked_no_update BEFORE UPDATE ON signoffs
        WHEN (SELECT locked FROM settlements WHERE id = OLD.settlement_id) = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;
        CREATE TRIGGER signoffs_locked_no_delete BEFORE DELETE ON signoffs
        WHEN (SELECT locked FROM settlements WHERE id = OLD.settlement_id) = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;

        CREATE TRIGGER proposals_accepted_locked BEFORE UPDATE ON proposals
        WHEN EXISTS (SELECT 1 FROM settlements WHERE proposal_id = OLD.id AND locked = 1)
        BEGIN SELECT RAISE(ABORT, 'the proposal of a signed-off settlement is locked'); END;
        """
    )


@migrations()
def m002_search(db: Database) -> None:
    """Full-text search over the record, kept in step by triggers (no store verb touches it).

    One FTS5 row per searchable record row. Its rowid is ``case_id << 35 | kind code << 32 | id``:
    a trigger finds the row to replace by rowid, and rowid order is case order (newest case
    last), which lets a search rank only the newest matches of a very common word.
    ``visibility`` is the note's own ('caucus-…' for caucus notes) and 'joint' for everything
    else. Not in CASE_TABLES, so ``verify`` ignores the index and its shadow tables.
    """
    # kind: (rowid code, table, title, body, visibility, columns whose change re-indexes the row)
    sources = {
        "case": (1, "cases", "{r}.title", "{r}.reference || char(10) || {r}.summary", "'joint'",
                 "title, summary, reference"),
        "party": (2, "parties", "{r}.legal_name", "{r}.contact_person", "'joint'",
                  "legal_name, contact_person"),
        "statement": (3, "statements", "''",
                      "{r}.text || char(10) || {r}.restatement || char(10) || {r}.correction",
                      "'joint'", "text, restatement, correction"),
        "note": (4, "notes", "''", "{r}.text", "{r}.visibility", "text, visibility"),
        "message": (5, "messages", "{r}.subject", "{r}.sender || char(10) || {r}.body", "'joint'",
                    "subject, sender, body"),
        "clause": (6, "clauses", "{r}.ref || ' ' || {r}.heading", "{r}.text", "'joint'",
                   "ref, heading, text"),
    }  # fmt: skip
    script = [
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            case_id UNINDEXED, kind UNINDEXED, row_id UNINDEXED, visibility UNINDEXED,
            title, body,
            tokenize = "unicode61 remove_diacritics 2"
        );
        """
    ]
    for kind, source in sources.items():
        script.append(_index_source(kind, *source))
    db.executescript("\n".join(script))


_INDEX_COLUMNS = "rowid, case_id, kind, row_id, visibility, title, body"


def _index_source(
    kind: str, code: int, table: str, title: str, body: str, visibility: str, watched: str
) -> str:
    """The rows of ``table`` put in the search index, and the triggers that keep them there."""
    case_id = "{r}.id" if table == "cases" else "{r}.case_id"
    rowid = f"(({case_id} << 35) | ({code} << 32) | {{r}}.id)"
    values = f"{rowid}, {case_id}, '{kind}', {{r}}.id, {visibility}, {title}, {body}"
    insert = f"INSERT INTO search_index ({_INDEX_COLUMNS}) VALUES ({values.format(r='NEW')});"
    delete = f"DELETE FROM search_index WHERE rowid = {rowid.format(r='OLD')};"
    return f"""
        INSERT INTO search_index ({_INDEX_COLUMNS}) SELECT {values.format(r=table)} FROM {table};
        CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert} END;
        CREATE TRIGGER search_{table}_update AFTER UPDATE OF {watched} ON {table}
        BEGIN {delete} {insert} END;
        CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete} END;
        """


@migrations()
def m003_work_minutes_index(db: Database) -> None:
    """Hours logged per invoice line are summed from this index alone (7 ms -> 1 ms on 20,000)."""
    db.executescript(
        "CREATE INDEX work_entries_minutes ON work_entries (case_id, invoice_line_id, minutes);"
    )


@migrations()
def m004_case_indexes(db: Database) -> None:
    """Every table read by case has an index that starts with the case.

    The case list sums each case's invoiced and disputed amounts from ``invoice_lines_sums``
    alone; without it every case scanned every invoice line (3 s for 1,000 cases of 20 lines,
    now 30 ms). Opening a case read its invoices, clauses, statements and notes by scanning
    those tables whole, which grows with the archive (200,000 statements in 100,000 cases).
    """
    db.executescript(
        """
        CREATE INDEX invoice_lines_sums ON invoice_lines (case_id, disputed, invoice_id, net_minor);
        CREATE INDEX invoices_case ON invoices (case_id);
        CREATE INDEX clauses_case ON clauses (case_id);
        CREATE INDEX statements_case ON statements (case_id);
        CREATE INDEX notes_case ON notes (case_id);
        """
    )


_VISIBILITY = "CHECK (visibility IN ('joint', 'caucus-provider', 'caucus-client'))"


@migrations()
def m005_caucus(db: Database) -> None:
    """Everything made in a caucus carries that caucus: statements and proposals get the
    visibility notes already had, and statements, notes and proposals a ``released_at`` moment
    (set when the mediator releases the item to the joint session with the party's agreement).

    The search index takes a row's visibility from the row, 'joint' once released, and
    re-indexes a row whose visibility or release changes.
    """
    script = [
        f"ALTER TABLE statements ADD COLUMN visibility TEXT NOT NULL DEFAULT 'joint' {_VISIBILITY};",
        f"ALTER TABLE proposals ADD COLUMN visibility TEXT NOT NULL DEFAULT 'joint' {_VISIBILITY};",
        "ALTER TABLE statements ADD COLUMN released_at TEXT;",
        "ALTER TABLE notes ADD COLUMN released_at TEXT;",
        "ALTER TABLE proposals ADD COLUMN released_at TEXT;",
    ]
    shared = "CASE WHEN {r}.released_at IS NULL THEN {r}.visibility ELSE 'joint' END"
    for kind, code, table, body, watched in (
        (
            "statement",
            3,
            "statements",
            "{r}.text || char(10) || {r}.restatement || char(10) || {r}.correction",
            "text, restatement, correction, visibility, released_at",
        ),
        ("note", 4, "notes", "{r}.text", "text, visibility, released_at"),
    ):
        script += [
            f"DROP TRIGGER search_{table}_insert;",
            f"DROP TRIGGER search_{table}_update;",
            f"DROP TRIGGER search_{table}_delete;",
            f"DELETE FROM search_index WHERE kind = '{kind}';",
            _index_source(kind, code, table, "''", body, shared, watched),
        ]
    db.executescript("\n".join(script))


@migrations()
def m006_invoice_money(db: Database) -> None:
    """Every amount an e-invoice carries (EN 16931), and clock times in the work log.

    ``invoice_adjustments`` holds allowances and charges, of a line (``line_id``) or of the
    whole document (``line_id`` NULL); ``invoice_vat`` the VAT breakdown per category. Invoices
    keep the document's declared totals, prepaid amount, rounding and, for a credit note, the
    invoice it corrects; lines their VAT category and price base quantity. Work entries keep
    their start and end, whether they are billable, and their tags.
    """
    money = "INTEGER"
    script = [
        f"ALTER TABLE invoices ADD COLUMN declared_allowance_minor {money};",
        f"ALTER TABLE invoices ADD COLUMN declared_charge_minor {money};",
        f"ALTER TABLE invoices ADD COLUMN declared_tax_exclusive_minor {money};",
        f"ALTER TABLE invoices ADD COLUMN declared_tax_inclusive_minor {money};",
        f"ALTER TABLE invoices ADD COLUMN prepaid_minor {money};",
        f"ALTER TABLE invoices ADD COLUMN rounding_minor {money};",
        "ALTER TABLE invoices ADD COLUMN billing_reference TEXT NOT NULL DEFAULT '';",
        "ALTER TABLE invoices ADD COLUMN billing_reference_date TEXT;",
        "ALTER TABLE invoice_lines ADD COLUMN vat_category TEXT NOT NULL DEFAULT '';",
        "ALTER TABLE invoice_lines ADD COLUMN base_quantity TEXT;",
        """
        CREATE TABLE invoice_adjustments (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            invoice_id INTEGER NOT NULL REFERENCES invoices(id),
            line_id INTEGER REFERENCES invoice_lines(id),
            position INTEGER NOT NULL,
            charge INTEGER NOT NULL CHECK (charge IN (0, 1)),
            amount_minor INTEGER NOT NULL,
            base_minor INTEGER,
            percent TEXT,
            reason TEXT NOT NULL DEFAULT '',
            reason_code TEXT NOT NULL DEFAULT '',
            vat_category TEXT NOT NULL DEFAULT '',
            vat_rate TEXT
        );
        """,
        "CREATE INDEX invoice_adjustments_case ON invoice_adjustments (case_id, invoice_id);",
        """
        CREATE TABLE invoice_vat (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            invoice_id INTEGER NOT NULL REFERENCES invoices(id),
            position INTEGER NOT NULL,
            category TEXT NOT NULL,
            rate TEXT,
            taxable_minor INTEGER NOT NULL,
            tax_minor INTEGER NOT NULL,
            exemption_reason TEXT NOT NULL DEFAULT ''
        );
        """,
        "CREATE INDEX invoice_vat_case ON invoice_vat (case_id, invoice_id);",
        "ALTER TABLE work_entries ADD COLUMN started_at TEXT;",
        "ALTER TABLE work_entries ADD COLUMN ended_at TEXT;",
        "ALTER TABLE work_entries ADD COLUMN billable INTEGER CHECK (billable IN (0, 1));",
        "ALTER TABLE work_entries ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';",
    ]
    db.executescript("\n".join(script))


@migrations()
def m007_payments(db: Database) -> None:
    """Payments the client made already (as paid, VAT included), from the case file or entered in
    the session. A proposal's schedule says on what it is based: 'gross' (what is still owed,
    VAT included, less what was paid) for proposals made from now on; 'net' for proposals made
    before VAT and payments were recorded, whose instalments added up to the net total."""
    db.executescript(
        """
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            paid_on TEXT,
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
            reference TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX payments_case ON payments (case_id, paid_on);
        ALTER TABLE proposals ADD COLUMN schedule_basis TEXT NOT NULL DEFAULT 'net'
            CHECK (schedule_basis IN ('net', 'gross'));
        """
    )


@migrations()
def m008_signatories(db: Database) -> None:
    """More than one signatory per party, and where a party is.

    ``parties`` gets ``co_signatories`` (JSON: the signatories after the first, each with its
    name and capacity), ``seat`` (the town its statutes name) and ``country``. ``signoffs`` is
    rebuilt with ``signer`` (which of the party's signatories signed: 0 for the first, as every
    earlier sign-off was) so each signatory signs once: UNIQUE (settlement_id, role, signer)
    instead of one sign-off per role. Rows keep their ids, so the audit log still matches them,
    and the lock triggers are made again on the new table.
    """
    db.executescript(
        """
        ALTER TABLE parties ADD COLUMN co_signatories TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE parties ADD COLUMN seat TEXT NOT NULL DEFAULT '';
        ALTER TABLE parties ADD COLUMN country TEXT NOT NULL DEFAULT '';
        CREATE TABLE signoffs_new (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            settlement_id INTEGER NOT NULL REFERENCES settlements(id),
            role TEXT NOT NULL CHECK (role IN ('provider', 'client', 'mediator')),
            name TEXT NOT NULL,
            capacity TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            signer INTEGER NOT NULL DEFAULT 0 CHECK (signer >= 0),
            UNIQUE (settlement_id, role, signer)
        );
        INSERT INTO signoffs_new (id, case_id, settlement_id, role, name, capacity, signed_at)
            SELECT id, case_id, settlement_id, role, name, capacity, signed_at FROM signoffs;
        DROP TABLE signoffs;
        ALTER TABLE signoffs_new RENAME TO signoffs;

        CREATE TRIGGER signoffs_locked_no_insert BEFORE INSERT ON signoffs
        WHEN (SELECT locked FROM settlements WHERE id = NEW.settlement_id) = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;
        CREATE TRIGGER signoffs_locked_no_update BEFORE UPDATE ON signoffs
        WHEN (SELECT locked FROM settlements WHERE id = OLD.settlement_id) = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;
        CREATE TRIGGER signoffs_locked_no_delete BEFORE DELETE ON signoffs
        WHEN (SELECT locked FROM settlements WHERE id = OLD.settlement_id) = 1
        BEGIN SELECT RAISE(ABORT, 'a signed-off settlement is locked; make an amendment'); END;
        """
    )


@migrations()
def m009_import_state(db: Database) -> None:
    """A large import writes in several short transactions (so other windows are not kept
    waiting); until its last one the case is hidden and ``import_state`` says who is importing it
    (JSON: pid, host, since, replacing). NULL once the case is whole."""
    db.executescript("ALTER TABLE cases ADD COLUMN import_state TEXT;")


@migrations()
def m010_blind_bids(db: Database) -> None:
    """Blind bidding. ``bid_rounds`` holds each round of a rule both parties agreed (``series``:
    the case's n-th rule; ``rounds``, ``band_minor`` and ``pay_days``, the days within which a
    settled amount is paid, the rule itself), its outcome once
    revealed (settled at ``settled_minor``, with the proposal made from it, or no overlap) and
    never the figures. ``bids`` holds each party's secret figure, made in that party's caucus
    (its ``visibility``, which no release changes): no shared read, search or document reads it.
    """
    db.executescript(
        """
        CREATE TABLE bid_rounds (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            series INTEGER NOT NULL CHECK (series >= 1),
            round INTEGER NOT NULL CHECK (round >= 1),
            rounds INTEGER NOT NULL CHECK (rounds >= round),
            band_minor INTEGER NOT NULL DEFAULT 0 CHECK (band_minor >= 0),
            pay_days INTEGER NOT NULL DEFAULT 14 CHECK (pay_days >= 1),
            opened_at TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT 'open'
                CHECK (outcome IN ('open', 'settled', 'no_overlap', 'closed')),
            settled_minor INTEGER,
            proposal_id INTEGER REFERENCES proposals(id),
            closed_at TEXT,
            UNIQUE (case_id, series, round)
        );
        CREATE INDEX bid_rounds_case ON bid_rounds (case_id, series, round);
        CREATE TABLE bids (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            round_id INTEGER NOT NULL REFERENCES bid_rounds(id),
            party TEXT NOT NULL CHECK (party IN ('provider', 'client')),
            visibility TEXT NOT NULL CHECK (visibility = 'caucus-' || party),
            amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
            entered_at TEXT NOT NULL,
            UNIQUE (round_id, party)
        );
        CREATE INDEX bids_case ON bids (case_id, round_id);
        """
    )


@migrations()
def m011_fingerprints(db: Database) -> None:
    """The fingerprint of each language version of the agreement as printed when the settlement
    was signed off, with the canonical content it was computed from (``content``, JSON) and the
    template version that printed it. Written once, in the sign-off that locks the settlement;
    never changed. A settlement signed before this table has no rows: its export is checked
    against ``settlements.fingerprint``, the fingerprint of its terms."""
    db.executescript(
        """
        CREATE TABLE document_fingerprints (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            settlement_id INTEGER NOT NULL REFERENCES settlements(id),
            language TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            template TEXT NOT NULL,
            content TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            UNIQUE (settlement_id, language)
        );
        CREATE TRIGGER document_fingerprints_no_update BEFORE UPDATE ON document_fingerprints
        BEGIN SELECT RAISE(ABORT, 'the fingerprint of a signed agreement never changes'); END;
        CREATE TRIGGER document_fingerprints_no_delete BEFORE DELETE ON document_fingerprints
        BEGIN SELECT RAISE(ABORT, 'the fingerprint of a signed agreement never changes'); END;
        """
    )


@migrations()
def m012_paged_reads(db: Database) -> None:
    """Reads that stay the same size however large a case or the archive grows.

    ``cases_opened`` holds the cases shown (none being imported) in the case list's and the
    archive's order (newest first): a page of cases is found in it, and they are counted in it. ``work_line_totals`` holds, per case and invoice line
    (0: not linked), how many work entries there are and their minutes, kept in step by
    triggers, so opening a case with 200,000 entries sums a row per line, not every entry.
    ``work_entries_ruled`` holds the few entries a counting rule can touch (clock times, marked
    billable or not, tags): the others count in full (``evidence_reads._PLAIN``).
    """
    db.executescript(
        """
        CREATE INDEX cases_opened ON cases (opened DESC, reference) WHERE import_state IS NULL;
        CREATE INDEX work_entries_ruled ON work_entries (case_id, person, date)
            WHERE NOT (started_at IS NULL AND billable IS NOT 0 AND tags = '[]');
        CREATE TABLE work_line_totals (
            case_id INTEGER NOT NULL,
            line_key INTEGER NOT NULL,
            entries INTEGER NOT NULL,
            minutes INTEGER NOT NULL,
            PRIMARY KEY (case_id, line_key)
        ) WITHOUT ROWID;
        INSERT INTO work_line_totals (case_id, line_key, entries, minutes)
            SELECT case_id, COALESCE(invoice_line_id, 0), COUNT(*), SUM(minutes)
            FROM work_entries GROUP BY 1, 2;
        CREATE TRIGGER work_line_totals_insert AFTER INSERT ON work_entries BEGIN
            INSERT INTO work_line_totals (case_id, line_key, entries, minutes)
            VALUES (NEW.case_id, COALESCE(NEW.invoice_line_id, 0), 1, NEW.minutes)
            ON CONFLICT (case_id, line_key) DO UPDATE
            SET entries = entries + 1, minutes = minutes + excluded.minutes;
        END;
        CREATE TRIGGER work_line_totals_delete AFTER DELETE ON work_entries BEGIN
            UPDATE work_line_totals SET entries = entries - 1, minutes = minutes - OLD.minutes
            WHERE case_id = OLD.case_id AND line_key = COALESCE(OLD.invoice_line_id, 0);
            DELETE FROM work_line_totals
            WHERE case_id = OLD.case_id AND line_key = COALESCE(OLD.invoice_line_id, 0)
              AND entries = 0;
        END;
        CREATE TRIGGER work_line_totals_update
        AFTER UPDATE OF case_id, invoice_line_id, minutes ON work_entries BEGIN
            UPDATE work_line_totals SET entries = entries - 1, minutes = minutes - OLD.minutes
            WHERE case_id = OLD.case_id AND line_key = COALESCE(OLD.invoice_line_id, 0);
            DELETE FROM work_line_totals
            WHERE case_id = OLD.case_id AND line_key = COALESCE(OLD.invoice_line_id, 0)
              AND entries = 0;
            INSERT INTO work_line_totals (case_id, line_key, entries, minutes)
            VALUES (NEW.case_id, COALESCE(NEW.invoice_line_id, 0), 1, NEW.minutes)
            ON CONFLICT (case_id, line_key) DO UPDATE
            SET entries = entries + 1, minutes = minutes + excluded.minutes;
        END;
        """
    )


@migrations()
def m013_invoice_figures(db: Database) -> None:
    """The session screen reads a case's invoices without reading its lines: each document's
    lines added up per VAT category, rate and disputed, the longest of each cell of the invoice
    tab, and the hours billed; ``invoice_lines_figures`` holds every column those reads need, in
    the order they add up, so SQLite reads the index alone and sorts nothing."""
    db.execute(
        "CREATE INDEX invoice_lines_figures ON invoice_lines (case_id, invoice_id, vat_category, "
        "vat_rate, disputed, unit, quantity, net_minor, unit_price, line_ref, position)"
    )


@migrations()
def m014_work_by_line(db: Database) -> None:
    """The work log narrowed to one invoice line (the line highlighted in the invoice tab) is
    read in date order from ``work_entries_line_date``, a page at a time: through the index by
    case and date it went past every other entry of the case (0.47 s on 200,000 entries, 2.4 s
    from a cold cache). It takes the place of ``work_entries_minutes``, whose sums per line
    ``work_line_totals`` holds since m012."""
    db.executescript(
        """
        DROP INDEX work_entries_minutes;
        CREATE INDEX work_entries_line_date ON work_entries (case_id, invoice_line_id, date);
        """
    )
