"""Work log import: Toggl Track, Clockify, Harvest and plain CSV, and linking to invoice lines."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediate.domain.model import Invoice, InvoiceLine, WorkEntry
from mediate.domain.reconciliation import left_out_text, line_counts, line_hours, logged_minutes
from mediate.domain.work_time import (
    EntryTime,
    TimeCount,
    count,
    entry_times,
    is_absence,
    person_times,
)
from mediate.importers.problems import BadInput
from mediate.importers.worklog import link_entries, parse_worklog, read_worklog
from mediate.store.evidence_reads import WorkFilter
from tests.builders import bundle

TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (EUR)"
)
CLOCKIFY_HEADER = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
    "End Date,End Time,Duration (h),Duration (decimal),Billable Rate (EUR),Billable Amount (EUR)"
)
HARVEST_HEADER = (
    "Date;Client;Project;Project Code;Task;Notes;Hours;Hours Rounded;Billable?;Invoiced?;"
    "First Name;Last Name;Roles;Employee?;Billable Rate;Billable Amount;Cost Rate;Cost Amount;"
    "Currency;External Reference URL"
)
PLAIN_HEADER = "date,person,hours,description,invoice_line"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def csv_bytes(*lines: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    data = "\r\n".join(lines).encode(encoding) + b"\r\n"
    return b"\xef\xbb\xbf" + data if bom else data


def summary(entries: list[WorkEntry]) -> list[tuple[str, date, int, str, str]]:
    return [(e.person, e.date, e.minutes, e.description, e.task) for e in entries]


def bad(data: bytes, source: str = "log.csv") -> BadInput:
    with pytest.raises(BadInput) as caught:
        parse_worklog(data, source)
    return caught.value


# --- the four formats ----------------------------------------------------------------------


def test_toggl_export_with_bom(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "toggl.csv",
        csv_bytes(
            TOGGL_HEADER,
            "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,Design,"
            "Homepage mock-ups,Yes,2024-03-05,09:00:00,2024-03-05,11:30:00,02:30:00,design,237.50",
            "Piet Bakker,piet@pixel.example,Bakkerij Brood,Website rebuild,,"
            '"Checkout flow, first pass",Yes,2024-03-06,13:00:00,2024-03-06,13:20:30,00:20:30,,32.46',
            "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,Meetings,"
            "Weekly call,No,2024-03-07,16:00:00,2024-03-07,16:45:00,00:45:00,,0.00",
            bom=True,
        ),
    )
    entries, notices = read_worklog(path)
    assert notices == []
    assert summary(entries) == [
        ("Anna de Vries", date(2024, 3, 5), 150, "Homepage mock-ups", "Design"),
        ("Piet Bakker", date(2024, 3, 6), 21, "Checkout flow, first pass", "Website rebuild"),
        ("Anna de Vries", date(2024, 3, 7), 45, "Weekly call", "Meetings"),
    ]
    assert [e.project for e in entries] == ["Website rebuild"] * 3
    assert [e.source for e in entries] == ["toggl.csv:2", "toggl.csv:3", "toggl.csv:4"]
    assert all(e.invoice_number is None and e.line_position is None for e in entries)


def test_clockify_report_with_us_dates_and_am_pm_times(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "clockify.csv",
        csv_bytes(
            CLOCKIFY_HEADER,
            "Website rebuild,Bakkerij Brood,Sprint planning,Project management,Anna de Vries,"
            "Studio,anna@pixel.example,,Yes,03/05/2024,09:00:00 AM,03/05/2024,10:30:00 AM,"
            "01:30:00,1.50,95.00,142.50",
            "Website rebuild,Bakkerij Brood,Checkout bug fixes,Development,Piet Bakker,"
            "Studio,piet@pixel.example,bugs,Yes,03/13/2024,1:00 PM,03/13/2024,5:15 PM,"
            "04:15:00,4.25,85.00,361.25",
            "Website rebuild,Bakkerij Brood,Client call,,Anna de Vries,"
            "Studio,anna@pixel.example,,No,03/14/2024,4:00 PM,03/14/2024,4:45 PM,"
            ",0.75,0.00,0.00",
            "Website rebuild,Bakkerij Brood,Image export,Design,Anna de Vries,"
            "Studio,anna@pixel.example,,Yes,03/15/2024,11:59:50 PM,03/16/2024,12:19:40 AM,"
            "00:19:50,0.33,95.00,31.35",
        ),
    )
    entries, notices = read_worklog(path)
    assert notices == []
    assert summary(entries) == [
        ("Anna de Vries", date(2024, 3, 5), 90, "Sprint planning", "Project management"),
        ("Piet Bakker", date(2024, 3, 13), 255, "Checkout bug fixes", "Development"),
        ("Anna de Vries", date(2024, 3, 14), 45, "Client call", "Website rebuild"),
        ("Anna de Vries", date(2024, 3, 15), 20, "Image export", "Design"),
    ]


def test_harvest_report_with_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    tail = "Yes;No;{first};{last};Designer;Yes;95,00;;50,00;;Euro - EUR;"
    path = write(
        tmp_path,
        "harvest.csv",
        csv_bytes(
            HARVEST_HEADER,
            "2024-03-04;Bakkerij Brood;Website rebuild;WR-01;Design;Logo variants;2,5;2,5;"
            + tail.format(first="Anna", last="de Vries"),
            '2024-03-05;Bakkerij Brood;Website rebuild;WR-01;Development;"Menu; allergens page";'
            "1,75;1,75;" + tail.format(first="Piet", last="Bakker"),
            "2024-03-06;Bakkerij Brood;Website rebuild;WR-01;;Meeting notes;0,33;0,5;"
            + tail.format(first="Anna", last="de Vries"),
            "2024-03-07;Bakkerij Brood;Website rebuild;WR-01;Design;Favicon;1.5;1,5;"
            + tail.format(first="Mira", last=""),
        ),
    )
    entries, notices = read_worklog(path)
    assert notices == []
    assert summary(entries) == [
        ("Anna de Vries", date(2024, 3, 4), 150, "Logo variants", "Design"),
        ("Piet Bakker", date(2024, 3, 5), 105, "Menu; allergens page", "Development"),
        ("Anna de Vries", date(2024, 3, 6), 20, "Meeting notes", "Website rebuild"),
        ("Mira", date(2024, 3, 7), 90, "Favicon", "Design"),
    ]


def test_harvest_day_first_dates_are_decided_from_the_values() -> None:
    entries, notices = parse_worklog(
        csv_bytes(
            "Date,Project,Task,Notes,Hours,First Name,Last Name",
            "04/03/2024,Website rebuild,Design,Logo,1,Anna,de Vries",
            "15/03/2024,Website rebuild,Design,Icons,2,Anna,de Vries",
        ),
        "harvest.csv",
    )
    assert notices == []
    assert [e.date for e in entries] == [date(2024, 3, 4), date(2024, 3, 15)]


def test_harvest_ambiguous_dates_are_day_first_with_a_notice() -> None:
    entries, notices = parse_worklog(
        csv_bytes(
            "Date,Project,Task,Notes,Hours,First Name,Last Name",
            "04/03/2024,Website rebuild,Design,Logo,1,Anna,de Vries",
        ),
        "harvest.csv",
    )
    assert entries[0].date == date(2024, 3, 4)
    assert len(notices) == 1
    assert "day/month/year" in notices[0].what and "2024-03-04" in notices[0].what


def test_plain_form_in_windows_1252(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plain.csv",
        csv_bytes(
            PLAIN_HEADER,
            "2024-03-05,Anna de Vries,2.5,Workshop at the café,INV-2024-017:1",
            "2024-03-06,Piet Bakker,0.25,Fix typo,3",
            "2024-03-07,Anna de Vries,1.125,Review,",
            encoding="cp1252",
        ),
    )
    entries, notices = read_worklog(path)
    assert summary(entries) == [
        ("Anna de Vries", date(2024, 3, 5), 150, "Workshop at the café", ""),
        ("Piet Bakker", date(2024, 3, 6), 15, "Fix typo", ""),
        ("Anna de Vries", date(2024, 3, 7), 68, "Review", ""),
    ]
    assert [(e.invoice_number, e.line_position) for e in entries] == [
        ("INV-2024-017", 1),
        (None, 3),
        (None, None),
    ]
    assert len(notices) == 1
    assert "Windows-1252" in str(notices[0]) and notices[0].source == "plain.csv"


def test_plain_form_with_minutes_task_and_columns_in_any_order() -> None:
    entries, notices = parse_worklog(
        csv_bytes(
            "Person , TASK,Minutes,Date,Remarks",
            "Anna de Vries,Design,90,2024-03-05,ignored",
            "Piet Bakker,,45,2024-03-06,",
        ),
        "plain.csv",
    )
    assert notices == []
    assert summary(entries) == [
        ("Anna de Vries", date(2024, 3, 5), 90, "", "Design"),
        ("Piet Bakker", date(2024, 3, 6), 45, "", ""),
    ]


def test_quoted_description_with_newline_and_quotes() -> None:
    entries, _ = parse_worklog(
        csv_bytes(
            PLAIN_HEADER,
            '2024-03-05,Anna de Vries,1,"Homepage\nmock-ups, ""v2""",',
            "2024-03-06,Piet Bakker,2,Checkout,",
        ),
        "plain.csv",
    )
    assert entries[0].description == 'Homepage\nmock-ups, "v2"'
    assert [e.source for e in entries] == ["plain.csv:2", "plain.csv:4"]


def test_minutes_round_half_up_from_exact_hours() -> None:
    rows = ["2024-03-05,Anna,0.0083333,a,", "2024-03-05,Anna,0.008333,b,", "2024-03-05,Anna,24,c,"]
    entries, _ = parse_worklog(csv_bytes(PLAIN_HEADER, *rows), "plain.csv")
    # 0.0083333 h is 0.499998 min; 0.008333 h is 0.49998 min; 24 h is exactly one day.
    assert [e.minutes for e in entries] == [0, 0, 1440]
    entries, _ = parse_worklog(csv_bytes(PLAIN_HEADER, "2024-03-05,Anna,0.025,a,"), "p.csv")
    assert entries[0].minutes == 2  # 1.5 minutes
    assert Decimal("0.025") * 60 == Decimal("1.5")


def test_header_only_gives_a_notice() -> None:
    entries, notices = parse_worklog(csv_bytes(PLAIN_HEADER), "plain.csv")
    assert entries == []
    assert [n.what for n in notices] == ["has a header but no work entries"]


# --- bad input -----------------------------------------------------------------------------


def test_missing_columns_are_named_with_the_format_and_the_columns_found() -> None:
    header = "User,Email,Client,Project,Task,Description,Start date,Start time,Amount (EUR)"
    error = bad(csv_bytes(header, "Anna,a@x,B,P,T,D,2024-03-05,09:00:00,10.00"), "toggl.csv")
    assert error.source == "toggl.csv"
    assert error.where == "line 1"
    assert "missing column Duration for a Toggl Track export" in error.what
    assert "Start time, Amount (EUR)" in error.what


def test_missing_columns_of_the_plain_form() -> None:
    error = bad(csv_bytes("date,description,invoice_line", "2024-03-05,Review,"))
    assert error.where == "line 1"
    assert "missing columns person, hours or minutes for a plain work log" in error.what


def test_unrecognised_header() -> None:
    error = bad(csv_bytes("Name,IBAN,Amount", "Anna,NL00BANK0123456789,10.00"))
    assert error.where == "line 1"
    assert "(Name, IBAN, Amount) is not that of a work log" in error.what


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("2024-03-05,Anna,25,Overnight deploy,", ["“25”", "over 24 hours"]),
        ("2024-03-05,Anna,-1.5,Correction,", ["“-1.5”", "negative"]),
        ("31/02/2024,Anna,1,Review,", ["“31/02/2024” is not a date"]),
        ("yesterday,Anna,1,Review,", ["“yesterday” is not a date"]),
        (",Anna,1,Review,", ["the date is empty"]),
        ("2024-03-05,,1,Review,", ["the person is empty"]),
        ("2024-03-05,Anna,,Review,", ["the duration is empty"]),
        ("2024-03-05,Anna,two,Review,", ["“two” is not a duration"]),
        ("2024-03-05,Anna,1,Review,INV-2024-017-3", ["“INV-2024-017-3” is not an invoice line"]),
        ("2024-03-05,Anna,1,Review,0", ["“0” is not an invoice line"]),
    ],
)
def test_bad_rows_name_their_line(row: str, words: list[str]) -> None:
    error = bad(csv_bytes(PLAIN_HEADER, "2024-03-04,Piet,1,Fine,", row))
    assert error.where == "line 3"
    for word in words:
        assert word in error.what


def test_negative_and_overlong_clock_durations_in_toggl() -> None:
    row = "Anna,a@x,B,P,T,D,Yes,2024-03-05,09:00:00,2024-03-06,10:00:00,{},,0"
    assert "over 24 hours" in bad(csv_bytes(TOGGL_HEADER, row.format("25:00:00"))).what
    assert "negative" in bad(csv_bytes(TOGGL_HEADER, row.format("-01:00:00"))).what


def test_bad_line_number_counts_embedded_newlines() -> None:
    error = bad(
        csv_bytes(PLAIN_HEADER, '2024-03-05,Anna,1,"two\nlines",', "2024-03-06,Anna,30,Oops,")
    )
    assert error.where == "line 4"


def test_dates_that_contradict_the_files_order_are_refused() -> None:
    error = bad(
        csv_bytes(
            "Date,Project,Task,Notes,Hours,First Name,Last Name",
            "15/03/2024,Website rebuild,Design,Icons,2,Anna,de Vries",
            "03/16/2024,Website rebuild,Design,Icons,2,Anna,de Vries",
        )
    )
    assert error.where == "line 3"
    assert "“03/16/2024” is not a date; expected YYYY-MM-DD or DD/MM/YYYY" in error.what


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
        b"date,person,hours\n\x81\x8d\x8f\x90\x9d\xff\xfe",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xfed\x00a\x00t\x00e\x00",
    ],
)
def test_binary_junk_is_refused(data: bytes) -> None:
    error = bad(data)
    assert "is not text in UTF-8 or Windows-1252" in str(error)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\n"])
def test_empty_file_is_refused(data: bytes) -> None:
    assert "is empty" in bad(data).what


def test_read_worklog_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot be read"):
        read_worklog(tmp_path / "absent.csv")


# --- linking -------------------------------------------------------------------------------


def invoice_line(position: int, description: str, start: date, end: date | None = None):
    return InvoiceLine(
        position=position,
        description=description,
        quantity=Decimal("1"),
        unit="h",
        unit_price=Decimal("95.00"),
        net_amount=Decimal("95.00"),
        service_date=start,
        service_end=end,
    )


def invoices() -> list[Invoice]:
    return [
        Invoice(
            number="INV-2024-017",
            lines=[
                invoice_line(1, "Discovery workshop with the bakery team", date(2024, 3, 4)),
                invoice_line(2, "Homepage design", date(2024, 3, 1), date(2024, 3, 15)),
                invoice_line(3, "Checkout development", date(2024, 3, 1), date(2024, 3, 31)),
                invoice_line(4, "Design review 2024", date(2024, 3, 20)),
            ],
        ),
        Invoice(
            number="INV-2024-018",
            lines=[invoice_line(1, "Hosting", date(2024, 4, 1), date(2024, 4, 30))],
        ),
    ]


def entry(day: date, description: str = "", task: str = "", project: str = "") -> WorkEntry:
    return WorkEntry(
        date=day, person="Anna", minutes=60, description=description, task=task, project=project
    )


def link(*entries: WorkEntry) -> list[tuple[str | None, int | None]]:
    link_entries(list(entries), invoices())
    return [(e.invoice_number, e.line_position) for e in entries]


def test_explicit_invoice_line_wins_over_date_and_words() -> None:
    data = csv_bytes(
        PLAIN_HEADER,
        "2024-03-05,Anna,1,Homepage design,INV-2024-018:1",
        "2024-03-05,Anna,1,Homepage design,",
    )
    entries, _ = parse_worklog(data, "plain.csv")
    unlinked = link_entries(entries, invoices())
    assert unlinked == []
    assert [(e.invoice_number, e.line_position) for e in entries] == [
        ("INV-2024-018", 1),
        ("INV-2024-017", 2),
    ]


def test_a_bare_position_means_the_only_invoice() -> None:
    entries, _ = parse_worklog(csv_bytes(PLAIN_HEADER, "2024-06-01,Anna,1,Later,3"), "p.csv")
    assert link_entries(entries, invoices()[:1]) == []
    assert (entries[0].invoice_number, entries[0].line_position) == ("INV-2024-017", 3)


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("INV-2024-099:1", ["“INV-2024-099:1”", "INV-2024-017, INV-2024-018"]),
        ("INV-2024-017:9", ["invoice INV-2024-017 has no line 9"]),
        ("2", ["gives only a line, not its invoice", "2 invoices"]),
    ],
)
def test_unknown_invoice_reference_names_the_line(reference: str, words: list[str]) -> None:
    data = csv_bytes(
        PLAIN_HEADER, "2024-03-05,Anna,1,Review,", f"2024-03-05,Anna,1,Review,{reference}"
    )
    entries, _ = parse_worklog(data, "plain.csv")
    with pytest.raises(BadInput) as caught:
        link_entries(entries, invoices())
    assert (caught.value.source, caught.value.where) == ("plain.csv", "line 3")
    for word in words:
        assert word in caught.value.what


def test_unknown_reference_of_an_entry_without_a_file_line() -> None:
    made = WorkEntry(
        date=date(2024, 3, 5), person="Anna", minutes=60, invoice_number="X", line_position=1
    )
    with pytest.raises(BadInput, match="the entry of 2024-03-05 by Anna"):
        link_entries([made], invoices())


def test_date_and_shared_word_link_one_line() -> None:
    assert link(
        entry(date(2024, 3, 5), "Homepage mock-ups", task="Design"),
        entry(date(2024, 3, 4), "DISCOVERY notes"),
        entry(date(2024, 3, 20), task="Design"),
        entry(date(2024, 4, 12), project="Hosting"),
    ) == [("INV-2024-017", 2), ("INV-2024-017", 1), ("INV-2024-017", 4), ("INV-2024-018", 1)]


def test_two_qualifying_lines_leave_the_entry_unlinked() -> None:
    ambiguous = entry(date(2024, 3, 10), "Design tweaks to checkout")
    assert link_entries([ambiguous], invoices()) == [ambiguous]
    assert (ambiguous.invoice_number, ambiguous.line_position) == (None, None)


@pytest.mark.parametrize(
    "unmatched",
    [
        entry(date(2024, 5, 2), "Hosting migration"),  # word matches, date outside the period
        entry(date(2024, 3, 25), "Homepage design"),  # after the line's period
        entry(date(2024, 3, 4), "Call with the bank about fees"),  # shares only "with", "the"
        entry(date(2024, 3, 20), "Planning 2024"),  # numbers are not words
        entry(date(2024, 3, 5), "hours of work"),  # generic words for time spent
    ],
)
def test_no_qualifying_line_leaves_the_entry_unlinked(unmatched: WorkEntry) -> None:
    assert link_entries([unmatched], invoices()) == [unmatched]
    assert unmatched.invoice_number is None and unmatched.line_position is None


def test_lines_without_a_service_date_never_match() -> None:
    undated = Invoice(
        number="INV-1",
        lines=[
            InvoiceLine(
                position=1,
                description="Homepage design",
                quantity=Decimal("1"),
                unit="h",
                unit_price=Decimal("1"),
                net_amount=Decimal("1"),
            )
        ],
    )
    kept = entry(date(2024, 3, 5), "Homepage design")
    assert link_entries([kept], [undated]) == [kept]


@given(
    st.binary(max_size=400)
    | st.text(max_size=400).map(lambda t: (PLAIN_HEADER + "\n" + t).encode())
)
def test_any_bytes_give_entries_or_bad_input(data: bytes) -> None:
    with contextlib.suppress(BadInput):
        parse_worklog(data, "fuzz.csv")


# --- clock times, billable, tags (issue "Real invoices, exactly", item 5) -------------------

REAL_TOGGL = (
    Path(__file__).parent / "fixtures" / "real" / "worklogs" / "toggl2html-test_execute_01.csv"
)
# The header row of that real Toggl detailed export, byte for byte (note "Amount ()").
REAL_TOGGL_HEADER = REAL_TOGGL.read_text(encoding="utf-8").splitlines()[0]

# MADE-UP rows in the exact format of the real Toggl export above (its header row, UTF-8 without
# BOM, LF line endings, empty Task and Amount cells): no public real export with overlapping
# entries could be found (tests/fixtures/real/worklogs/SOURCES.md). Anna logs two things at once
# on 5 March, and on 6 March a non-billable lunch talk runs into a doctor's visit tagged "Doctor".
OVERLAP_ROWS = (
    # file line 2: 09:00-11:00, 120 min
    "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,,Homepage design,Yes,"
    "2024-03-05,09:00:00,2024-03-05,11:00:00,02:00:00,design,",
    # line 3: 10:00-11:00, 60 min, all of it inside line 2
    "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,,Client call,Yes,"
    "2024-03-05,10:00:00,2024-03-05,11:00:00,01:00:00,,",
    # line 4: 10:48-12:00, 72 min, its first 12 min inside line 2
    "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,,Code review,Yes,"
    "2024-03-05,10:48:00,2024-03-05,12:00:00,01:12:00,,",
    # line 5: Piet at the same time as Anna: another person, no overlap
    "Piet Bakker,piet@pixel.example,Bakkerij Brood,Website rebuild,,Homepage design,Yes,"
    "2024-03-05,09:00:00,2024-03-05,11:00:00,02:00:00,design,",
    # line 6: 09:00-10:00, 60 min, alone
    "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,,Menu page,Yes,"
    "2024-03-06,09:00:00,2024-03-06,10:00:00,01:00:00,,",
    # line 7: 12:30-13:15, 45 min, not billable
    "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,,Lunch talk,No,"
    "2024-03-06,12:30:00,2024-03-06,13:15:00,00:45:00,,",
    # line 8: 13:00-14:00, 60 min, tagged as an absence; 13:00-13:15 shared with line 7
    "Anna de Vries,anna@pixel.example,Bakkerij Brood,Website rebuild,,Doctor's visit,Yes,"
    "2024-03-06,13:00:00,2024-03-06,14:00:00,01:00:00,Doctor,",
)


def real_format(*rows: str) -> bytes:
    return ("\n".join((REAL_TOGGL_HEADER, *rows)) + "\n").encode("utf-8")


def overlapping_entries() -> list[WorkEntry]:
    entries, _ = parse_worklog(real_format(*OVERLAP_ROWS), "toggl.csv")
    return entries


def test_the_real_toggl_export_gives_clock_times_billable_and_tags() -> None:
    entries, notices = read_worklog(REAL_TOGGL)
    assert notices == []
    assert [(e.started_at, e.ended_at, e.minutes) for e in entries] == [
        (datetime(2014, 6, 23, 0, 0), datetime(2014, 6, 23, 8, 0), 480),
        (datetime(2014, 6, 23, 10, 0), datetime(2014, 6, 23, 22, 0), 720),
    ]
    assert [e.billable for e in entries] == [False, False]  # いいえ: "no"
    assert [e.tags for e in entries] == [(), ()]
    # The two entries do not overlap (08:00 < 10:00); both are non-billable, so nothing counts.
    (person,) = person_times(entries)
    assert (person.logged, person.distinct, person.overlap) == (1200, 1200, 0)
    assert (person.non_billable, person.counted, person.overlapping) == (1200, 0, ())


def test_billable_values_in_their_languages_and_tags_split_at_commas() -> None:
    row = "Anna,a@x,B,P,,D,{},2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,{},"
    values = ["Yes", "No", "はい", "いいえ", "Ja", "Nee", "TRUE", "", "maybe"]
    entries, notices = parse_worklog(
        real_format(*(row.format(v, '"design, urgent, design"') for v in values)), "t.csv"
    )
    assert [e.billable for e in entries] == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        None,
        None,
    ]
    assert entries[0].tags == ("design", "urgent")
    assert [(n.where, n.what) for n in notices if "Billable" in n.what] == [
        ("line 10", "Billable “maybe” is neither yes nor no; this entry counts as billable")
    ]


def test_clockify_clock_times_and_harvest_billable() -> None:
    clockify, _ = parse_worklog(
        csv_bytes(
            CLOCKIFY_HEADER,
            'W,B,Image export,Design,Anna,S,a@x,"fixed price, design",No,03/15/2024,'
            "11:59:50 PM,03/16/2024,12:19:40 AM,00:19:50,0.33,0,0",
            "W,B,Call,Design,Anna,S,a@x,,Yes,03/18/2024,12:05 PM,03/18/2024,13:05,01:00:00,1,0,0",
        ),
        "clockify.csv",
    )
    assert [(e.started_at, e.ended_at) for e in clockify] == [
        (datetime(2024, 3, 15, 23, 59, 50), datetime(2024, 3, 16, 0, 19, 40)),
        (datetime(2024, 3, 18, 12, 5), datetime(2024, 3, 18, 13, 5)),
    ]
    assert [(e.billable, e.tags) for e in clockify] == [
        (False, ("fixed price", "design")),
        (True, ()),
    ]
    harvest, _ = parse_worklog(
        csv_bytes(
            "Date;Task;Notes;Hours;Billable?;First Name;Last Name",
            "2024-03-04;Design;Logo;2,5;Yes;Anna;de Vries",
            "2024-03-04;Design;Logo;1;No;Anna;de Vries",
        ),
        "harvest.csv",
    )
    # Harvest has no clock times and no tags: its entries never overlap.
    assert [(e.billable, e.started_at, e.tags) for e in harvest] == [
        (True, None, ()),
        (False, None, ()),
    ]


def test_clock_times_that_cannot_be_right_are_not_used_and_bad_times_refused() -> None:
    row = "Anna,a@x,B,P,,D,Yes,2024-03-05,{},{},{},01:00:00,,"
    entries, notices = parse_worklog(
        real_format(
            row.format("10:00:00", "2024-03-05", "09:00:00"),  # ends before it starts
            row.format("10:00:00", "2024-03-07", "11:00:00"),  # ends two days later
            row.format("23:30:00", "", "00:30:00"),  # no end date: ends after midnight
            row.format("", "", ""),  # no clock times at all
        ),
        "t.csv",
    )
    assert [(e.started_at, e.ended_at) for e in entries] == [
        (None, None),
        (None, None),
        (datetime(2024, 3, 5, 23, 30), datetime(2024, 3, 6, 0, 30)),
        (None, None),
    ]
    assert [e.minutes for e in entries] == [60] * 4  # the duration counts
    assert [(n.where, n.what) for n in notices] == [
        (
            "line 2",
            "the end is before the start: the clock times are not used, the duration counts",
        ),
        (
            "line 3",
            "the end is more than 24 hours after the start: the clock times are not used, "
            "the duration counts",
        ),
    ]
    error = bad(real_format(row.format("25:00:00", "2024-03-05", "26:00:00")))
    assert error.where == "line 2" and "“25:00:00” is not a time of day" in error.what


def test_overlapping_entries_are_flagged_and_their_distinct_time_counted() -> None:
    entries, notices = parse_worklog(real_format(*OVERLAP_ROWS), "toggl.csv")
    # By hand, Anna: 5 March 09:00-11:00 (120), 10:00-11:00 (60), 10:48-12:00 (72): 252 min
    # logged, the clock time 09:00-12:00 is 180 min, so 72 min (1 h 12 min) were logged twice.
    # 6 March 09:00-10:00 (60), 12:30-13:15 (45), 13:00-14:00 (60): 165 logged, 150 distinct.
    assert [(n.where, n.what) for n in notices] == [
        (
            "lines 2, 3, 4",
            "Anna de Vries: 3 entries on 2024-03-05 overlap by 1 h 12 min; counted once",
        ),
        ("lines 7, 8", "Anna de Vries: 2 entries on 2024-03-06 overlap by 15 min; counted once"),
    ]
    anna, piet = person_times(entries)
    assert anna.person == "Anna de Vries"
    assert (anna.logged, anna.distinct, anna.overlap) == (417, 330, 87)
    assert (anna.non_billable, anna.absence) == (45, 60)
    # Counted: the billable, non-absence entries 120 + 60 + 72 + 60 = 312, less the 72 minutes
    # they share (lines 3 and 4 with line 2) = 240. The 15 min lines 7 and 8 share are in
    # entries that do not count at all.
    assert anna.counted == 240
    assert [entries[i].source for i in anna.overlapping] == [
        "toggl.csv:2", "toggl.csv:3", "toggl.csv:4", "toggl.csv:7", "toggl.csv:8"
    ]  # fmt: skip
    assert (piet.logged, piet.distinct, piet.counted, piet.overlapping) == (120, 120, 120, ())
    times = entry_times(entries)
    assert [t.counted for t in times] == [120, 0, 60, 120, 60, 0, 0]
    assert [t.flags for t in times] == [
        ("overlap",),
        ("overlap",),
        ("overlap",),
        (),
        (),
        ("overlap", "non-billable"),
        ("overlap", "absence"),
    ]
    total = count(entries)
    assert total == TimeCount(
        entries=7, logged=537, counted=360, non_billable=45, absence=60, overlap=72, overlapping=5
    )
    assert total.left_out == 177 == 45 + 60 + 72


def test_overlap_rules_at_the_edges() -> None:
    def at(person: str, start: str, end: str, minutes: int, **kw) -> WorkEntry:
        started, ended = datetime.fromisoformat(start), datetime.fromisoformat(end)
        return WorkEntry(
            date=started.date(),
            person=person,
            minutes=minutes,
            started_at=started,
            ended_at=ended,
            **kw,
        )

    touching = [at("A", "2024-03-05T09:00", "2024-03-05T10:00", 60)]
    touching.append(at("A", "2024-03-05T10:00", "2024-03-05T11:00", 60))
    assert [t.overlaps for t in entry_times(touching)] == [False, False]  # end == next start
    # Times with an offset are compared in UTC: 10:30+01:00 is 09:30 UTC, half an hour into the
    # first entry.
    mixed = [
        at("A", "2024-03-05T09:00+00:00", "2024-03-05T10:00+00:00", 60),
        at("A", "2024-03-05T10:30+01:00", "2024-03-05T11:30+01:00", 60),
    ]
    assert [t.counted for t in entry_times(mixed)] == [60, 30]
    # Started together: the entry given first counts first; a third inside both counts nothing.
    together = [
        at("A", "2024-03-05T09:00", "2024-03-05T10:00", 60),
        at("A", "2024-03-05T09:00", "2024-03-05T10:30", 90),
        at("A", "2024-03-05T09:10", "2024-03-05T09:20", 10),
    ]
    assert [t.counted for t in entry_times(together)] == [60, 30, 0]
    assert count(together).overlap == 70
    # An entry without clock times never overlaps; one with an unknown billable flag counts.
    plain = WorkEntry(date=date(2024, 3, 5), person="A", minutes=45)
    assert entry_times([*together, plain])[-1] == EntryTime(counted=45)


@pytest.mark.parametrize(
    ("tags", "absent"),
    [
        (("Absence",), True),
        (("design", "sick leave"), True),
        (("Doctor's visit",), True),
        (("afwezig",), True),
        (("Verlof",), True),
        (("design",), False),
        (("leaves",), False),
        ((), False),
    ],
)
def test_absence_tags(tags: tuple[str, ...], absent: bool) -> None:
    assert is_absence(tags) is absent


# --- reconciliation and the store ----------------------------------------------------------


def case_with_overlaps(store) -> tuple[int, dict[str, int]]:
    """The made-up overlapping rows on the builder's invoice: Anna's on line 2 ("Design work",
    30 h billed), Piet's on line 3; the ids of lines 1-3 by position."""
    b = bundle()
    b.work = overlapping_entries()
    for entry in b.work:
        entry.invoice_number = "INV-2026-017"
        entry.line_position = 3 if entry.person == "Piet Bakker" else 2
    case_id = store.import_bundle(b)
    ids = {str(line.position): line.id for line in store.invoices(case_id)[0].lines}
    return case_id, ids


def test_reconciliation_counts_distinct_billable_time_and_names_what_it_left_out(store) -> None:
    case_id, ids = case_with_overlaps(store)
    minutes = store.logged_minutes_by_line(case_id)
    assert minutes == {ids["2"]: 240, ids["3"]: 120}
    assert logged_minutes(store.work_entries(case_id)) == minutes  # the same rule, in memory
    design, development = line_hours(store.invoices(case_id)[0].lines, minutes)[1:]
    assert (design.billed, design.logged) == (Decimal("30"), Decimal("4.00"))  # not 6.95 h
    assert development.logged == Decimal("2.00")
    counts = store.work_counts_by_line(case_id)
    assert counts[ids["2"]] == TimeCount(
        entries=6, logged=417, counted=240, non_billable=45, absence=60, overlap=72, overlapping=5
    )
    assert counts == line_counts(store.work_entries(case_id))
    assert left_out_text(counts[ids["2"]]) == (
        "non-billable 0.75 h, absence 1.00 h, overlap 1.20 h counted once"
    )


def test_work_totals_and_page_flags_follow_the_filter(store) -> None:
    case_id, ids = case_with_overlaps(store)
    everything = store.work_totals(case_id, WorkFilter())
    assert (everything.entries, everything.minutes) == (7, 537)
    assert everything.time == count(overlapping_entries())
    # 6 March only: line 8's overlap with line 7 is worked out though line 7 is on that day too;
    # 5 March only: the 72 minutes shared on that day.
    sixth = store.work_totals(case_id, WorkFilter(date_from=date(2024, 3, 6))).time
    assert (sixth.logged, sixth.counted, sixth.non_billable, sixth.absence) == (165, 60, 45, 60)
    assert (sixth.overlap, sixth.overlapping) == (0, 2)
    fifth = store.work_totals(case_id, WorkFilter(date_to=date(2024, 3, 5))).time
    assert (fifth.logged, fifth.counted, fifth.overlap, fifth.overlapping) == (372, 300, 72, 3)
    piet = store.work_totals(case_id, WorkFilter(line_id=ids["3"])).time
    assert (piet.logged, piet.counted, piet.left_out) == (120, 120, 0)
    rows = store.work_rows(case_id, WorkFilter(), 0, 50)
    # The page's flags (worked out in SQL) are the domain's.
    stored = store.work_entries(case_id)  # in the same order: date, then id
    assert [row.flags for row in rows] == [t.flags for t in entry_times(stored)]
    assert [(row.person, row.started_at, row.ended_at, row.line) for row in rows[:2]] == [
        ("Anna de Vries", datetime(2024, 3, 5, 9), datetime(2024, 3, 5, 11), "INV-2026-017:2"),
        ("Anna de Vries", datetime(2024, 3, 5, 10), datetime(2024, 3, 5, 11), "INV-2026-017:2"),
    ]


# --- line references by the invoice's own line ID ------------------------------------------


def numbered_invoice(*refs: str) -> Invoice:
    lines = [invoice_line(n, f"Line {ref}", date(2024, 3, 1)) for n, ref in enumerate(refs, 1)]
    for line, ref in zip(lines, refs, strict=True):
        line.line_ref = ref
    return Invoice(number="INV-9", lines=lines)


def test_work_log_references_name_the_invoices_own_line_id() -> None:
    invoice = numbered_invoice("10", "20", "30")
    entries, _ = parse_worklog(
        csv_bytes(
            PLAIN_HEADER,
            "2024-03-05,Anna,1,Design,INV-9:20",  # line ID 20: the second line
            "2024-03-05,Anna,1,Design,10",  # the case's only invoice, line ID 10
            "2024-03-05,Anna,1,Design,INV-9:3",  # no line 3: the third line, with a warning
            "2024-03-06,Anna,1,Design,INV-9:3",  # the same reference: one warning
        ),
        "plain.csv",
    )
    notices: list = []
    assert link_entries(entries, [invoice], notices) == []
    assert [(e.invoice_number, e.line_position, e.target.line_ref) for e in entries] == [
        ("INV-9", 2, "20"),
        ("INV-9", 1, "10"),
        ("INV-9", 3, "30"),
        ("INV-9", 3, "30"),
    ]
    assert [(n.source, n.where) for n in notices] == [("plain.csv", "lines 4, 5")]
    assert "taken as line 3 of INV-9 by its place" in notices[0].what
    assert "write INV-9:30" in notices[0].what


def test_dotted_line_ids_and_a_line_the_invoice_does_not_have() -> None:
    invoice = numbered_invoice("1.1", "1.2")
    entries, _ = parse_worklog(
        csv_bytes(PLAIN_HEADER, "2024-03-05,Anna,1,A,INV-9:1.2", "2024-03-05,Anna,1,B,1.1"),
        "plain.csv",
    )
    assert link_entries(entries, [invoice]) == []
    assert [(e.line_position, e.target.line_ref) for e in entries] == [(2, "1.2"), (1, "1.1")]
    entries, _ = parse_worklog(csv_bytes(PLAIN_HEADER, "2024-03-05,Anna,1,A,INV-9:30"), "plain.csv")
    with pytest.raises(BadInput) as caught:
        link_entries(entries, [numbered_invoice("10", "20")])
    assert caught.value.where == "line 2"
    assert "invoice INV-9 has no line 30 (its lines: 10, 20)" in caught.value.what


def test_the_store_links_an_entry_to_the_line_the_id_named(store) -> None:
    b = bundle()
    invoice = b.invoices[0]
    for line, ref in zip(invoice.lines, ("10", "20", "30"), strict=True):
        line.line_ref = ref
    b.work, _ = parse_worklog(
        csv_bytes(PLAIN_HEADER, "2026-03-05,Anna,2,Mock-ups,INV-2026-017:20"), "p.csv"
    )
    link_entries(b.work, b.invoices)
    case_id = store.import_bundle(b)
    lines = store.invoices(case_id)[0].lines
    assert store.logged_minutes_by_line(case_id) == {lines[1].id: 120}
    (row,) = store.work_rows(case_id, WorkFilter(), 0, 10)
    assert row.line == "INV-2026-017:20"


def test_overlaps_across_midnight_count_in_a_filtered_day(store) -> None:
    b = bundle()
    b.work, _ = parse_worklog(
        real_format(
            "Anna,a@x,B,P,,Deploy,Yes,2024-03-05,23:00:00,2024-03-06,01:00:00,02:00:00,,",
            "Anna,a@x,B,P,,Hotfix,Yes,2024-03-06,00:30:00,2024-03-06,01:30:00,01:00:00,,",
        ),
        "t.csv",
    )
    case_id = store.import_bundle(b)
    # The hotfix's first 30 min (00:30-01:00) are inside the deploy that began the day before.
    sixth = store.work_totals(case_id, WorkFilter(date_from=date(2024, 3, 6))).time
    assert (sixth.logged, sixth.counted, sixth.overlap, sixth.overlapping) == (60, 30, 30, 1)
    assert [r.flags for r in store.work_rows(case_id, WorkFilter(), 0, 10)] == [("overlap",)] * 2
