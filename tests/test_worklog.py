"""Work log import: Toggl Track, Clockify, Harvest and plain CSV, and linking to invoice lines."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediate.domain.model import Invoice, InvoiceLine, WorkEntry
from mediate.importers.problems import BadInput
from mediate.importers.worklog import link_entries, parse_worklog, read_worklog

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
        ("2", ["gives only a line position", "2 invoices"]),
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
