"""Work logs: Toggl Track, Clockify and Harvest CSV exports, and a plain CSV form.

Reading
-------
The format is recognised from the header row; column names are matched case-insensitively, in
any order, and unknown columns are ignored. A currency suffix such as ``Amount (EUR)`` is ignored.

- Toggl Track detailed export: ``User``, ``Start date``, ``Duration`` (``HH:MM:SS``); read when
  present: ``Start time``, ``End date``, ``End time``, ``Billable``, ``Tags``.
- Clockify detailed report: ``User``, ``Start Date``, ``Duration (h)`` or ``Duration (decimal)``;
  read when present: ``Start Time``, ``End Date``, ``End Time`` (``09:30:00 AM`` or 24-hour),
  ``Billable``, ``Tags``.
- Harvest time report: ``Date``, ``Hours``, ``First Name`` and/or ``Last Name``; read when
  present: ``Billable?``. Harvest exports carry no clock times and no tags.
- Plain: ``date,person,hours,description,invoice_line``; ``minutes`` may replace ``hours`` and
  ``task`` and ``project`` may be added. No clock times, billable flag or tags.

The person is the user (Toggl, Clockify), "First Last" (Harvest) or ``person`` (plain). The task
is the ``Task`` column, or the project when that is empty. The duration column gives the minutes:
a duration is ``H:MM``, ``H:MM:SS`` or decimal hours (``2.5`` or ``2,5``), turned into whole
minutes, half a minute rounded up, without binary floats.

Clock times are the start and end date and time, read as local time without an offset, as the
trackers export them. An entry without them imports as before. An end before the start, or more
than 24 hours after it, is not used (the entry keeps its duration, with a warning); a time that
is not a time stops the import. Overlapping entries of one person in one file are named in a
warning each day ("Anna: 2 entries on 2024-03-05 overlap by 1 h 12 min; counted once"); how they
count is ``mediate.domain.work_time``.

Billable is ``Yes``/``No`` or the tracker's translation of it (``Ja``/``Nee``, ``はい``/``いいえ``,
``true``/``false``, ...); an empty cell or no column leaves it unknown, and an entry whose
billable flag is unknown counts. Another value is unknown too, with a warning. Tags are the
``Tags`` cell split at commas.

Dates are ``YYYY-MM-DD`` or numeric with ``/``, ``-`` or ``.``. Whether such a date is day/month or
month/day is decided per file from the values: the first date with a day above 12 shows the order.
When no date shows it, Clockify dates are read as month/day/year (Clockify's US default) and all
other formats as day/month/year, with a warning.

Files are UTF-8 (with or without BOM) or Windows-1252 (read with a warning), delimited by ``,``,
``;`` or tab. Each entry's ``source`` is ``FILE:LINE``, the physical line where its row starts.

Linking work entries to invoice lines
-------------------------------------
1. An ``invoice_line`` value wins. ``INV-2024-017:20`` names invoice INV-2024-017, the line the
   invoice itself calls 20 (its line ID; ``1.1`` and other IDs too); a bare ``20`` names a line of
   the case's only invoice. Where an invoice gives its lines no IDs, or where no line has that
   ID, a whole number is the line's position (1, 2, 3), with a warning when the line at that
   position has another ID (``mediate.domain.line_refs``). An invoice number or line the case
   does not have stops the import with an error naming the file and line of the work log.
   Until linked, a reference whose line is a whole number is held as ``invoice_number`` and
   ``line_position``; any other (``INV-1:1.1``) whole in ``invoice_number``.
2. Otherwise an entry goes with an invoice line when both of these hold:

   - the line's service date is the entry's date, or the line's service period (service date to
     service end, both included) contains it; a line without a service date never qualifies;
   - the line's description shares a significant word with the entry's task, project or
     description: a word of four letters or more, compared without regard to case, that is not a
     common English or Dutch word ("with", "from", "voor", "door", ...) or a generic word for
     time spent ("hours", "work", "uren", "werk", ...). Numbers are not words.

3. When exactly one invoice line qualifies the entry is linked to it (``target``, and its
   invoice number and position). When none or several qualify, the entry stays unlinked: it is
   kept, and counted as unlinked.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from mediate.domain.errors import DomainError
from mediate.domain.line_refs import LineMatch, find_line
from mediate.domain.model import Invoice, InvoiceLine, WorkEntry
from mediate.domain.work_time import overlap_days
from mediate.importers.problems import BadInput, Notice, read_limited

MINUTES_PER_DAY = 24 * 60
MOST_OVERLAP_NOTICES = 20  # days named one by one; the rest in one more warning
NOT_TEXT = "is not text in UTF-8 or Windows-1252"
_ENGLISH_STOP_WORDS = """
    about above after again also been before being below between both could does doing down
    during each from further have having here into just more most only other over same should
    some such than that their them then there these they this those through under until very
    were what when where which while will with within without would your
"""
_DUTCH_STOP_WORDS = """
    alle alles andere deze dezen door eens eerst haar hebben heeft hier iets jouw kunnen maar
    meer moet moeten naar niet niets omdat onder onze over reeds sinds tegen toch tussen vanaf
    veel voor want waren weer welke werd worden wordt zelf zich zijn zoals zonder zullen
"""
_TIME_WORDS = "hour hours uren work worked werk werkzaamheden"
STOP_WORDS = frozenset((_ENGLISH_STOP_WORDS + _DUTCH_STOP_WORDS + _TIME_WORDS).split())

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_CLOCK = re.compile(r"(-?)(\d+):([0-5]\d)(?::([0-5]\d))?")
_HOURS = re.compile(r"-?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_MINUTES = re.compile(r"-?\d+")
_TIME = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:[.,]\d+)?)?(?:\s*([AaPp])\.?\s*[Mm]\.?)?")
_BARE_LINE = re.compile(r"\d+(?:\.\d+)*")  # a line named without its invoice: 20, 1.1
_LINE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/-]*")  # after "NUMBER:"
_YES = frozenset({"yes", "y", "true", "1", "ja", "j", "oui", "si", "sí", "sim", "はい"})
_NO = frozenset({"no", "n", "false", "0", "nee", "nein", "non", "não", "nao", "いいえ"})
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Format:
    """What one kind of export calls its columns."""

    name: str
    columns: tuple[str, ...]
    required: tuple[tuple[str, ...], ...]
    date: str
    person: tuple[str, ...]
    durations: tuple[tuple[str, str], ...]
    description: str
    us_dates: bool = False
    clock: tuple[str, str, str, str] | None = None  # start date, start time, end date, end time
    billable: str = ""
    tags: str = ""


_TOGGL_CLOCKIFY_COMMON = (
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Tags",
)
FORMATS = (
    _Format(
        name="Toggl Track export",
        columns=(*_TOGGL_CLOCKIFY_COMMON, "Duration", "Amount"),
        required=(("User",), ("Start date",), ("Duration",)),
        date="Start date",
        person=("User",),
        durations=(("Duration", "hours"),),
        description="Description",
        clock=("Start date", "Start time", "End date", "End time"),
        billable="Billable",
        tags="Tags",
    ),
    _Format(
        name="Clockify report",
        columns=(
            *_TOGGL_CLOCKIFY_COMMON,
            "Group",
            "Duration (h)",
            "Duration (decimal)",
            "Billable Rate",
            "Billable Amount",
        ),
        required=(("User",), ("Start Date",), ("Duration (h)", "Duration (decimal)")),
        date="Start Date",
        person=("User",),
        durations=(("Duration (h)", "hours"), ("Duration (decimal)", "hours")),
        description="Description",
        us_dates=True,
        clock=("Start Date", "Start Time", "End Date", "End Time"),
        billable="Billable",
        tags="Tags",
    ),
    _Format(
        name="Harvest time report",
        columns=(
            "Date",
            "Client",
            "Project",
            "Project Code",
            "Task",
            "Notes",
            "Hours",
            "Hours Rounded",
            "Billable?",
            "Invoiced?",
            "First Name",
            "Last Name",
            "Roles",
            "Employee?",
            "Billable Rate",
            "Billable Amount",
            "Cost Rate",
            "Cost Amount",
            "Currency",
            "External Reference URL",
        ),
        required=(("Date",), ("Hours",), ("First Name", "Last Name")),
        date="Date",
        person=("First Name", "Last Name"),
        durations=(("Hours", "hours"),),
        description="Notes",
        billable="Billable?",
    ),
    _Format(
        name="plain work log",
        columns=(
            "date",
            "person",
            "hours",
            "minutes",
            "description",
            "task",
            "project",
            "invoice_line",
        ),
        required=(("date",), ("person",), ("hours", "minutes")),
        date="date",
        person=("person",),
        durations=(("hours", "hours"), ("minutes", "minutes")),
        description="description",
    ),
)


@lru_cache(maxsize=256)
def _key(name: str) -> str:
    """A column name as compared: lower case, single spaces, no currency suffix."""
    name = re.sub(r"\s+", " ", name.strip().lower())
    return re.sub(r"\s*\([a-z]{3}\)$", "", name)


class _Row:
    """One CSV row, read by column name; ``fail`` makes an error that names its line."""

    def __init__(self, source: str, line: int, cells: list[str], index: dict[str, int]) -> None:
        self.source, self.line, self.cells, self.index = source, line, cells, index

    def get(self, column: str) -> str:
        position = self.index.get(_key(column))
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position].strip()

    def fail(self, what: str) -> BadInput:
        return BadInput(self.source, f"line {self.line}", what)


def read_worklog(path: Path) -> tuple[list[WorkEntry], list[Notice]]:
    """Read a work log CSV file; files over the size limit are refused."""
    return parse_worklog(read_limited(path), path.name)


def parse_worklog(data: bytes, source: str) -> tuple[list[WorkEntry], list[Notice]]:
    """The work entries in ``data`` (not linked yet), and warnings about how it was read."""
    text, notices = _decode(data, source)
    del data  # the text is read twice below, row by row: no list of every row is kept
    first = next(_csv_rows(text, source), None)
    if first is None:
        raise BadInput(source, "", "is empty; a work log starts with a header row")
    header_line, header = first
    fmt = _detect(header, source, header_line)
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(_key(name), position)

    def body() -> Iterator[_Row]:
        rows = itertools.islice(_csv_rows(text, source), 1, None)
        return (_Row(source, line, cells, index) for line, cells in rows)

    day_first, sample = _day_first((row.get(fmt.date) for row in body()), not fmt.us_dates)
    doubts = _Doubts()
    entries = [_entry(fmt, row, day_first, doubts) for row in body()]
    if sample and not fmt.us_dates:
        notices.append(_ambiguous_dates(source, sample))
    notices += doubts.notices(source)
    notices += _overlap_notices(entries, source)
    if not entries:
        notices.append(Notice(source, "", "has a header but no work entries"))
    return entries, notices


def _decode(data: bytes, source: str) -> tuple[str, list[Notice]]:
    """The text of the file: UTF-8, or else Windows-1252 with a notice; anything else is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadInput(source, "", f"{NOT_TEXT}: it is UTF-16; save it as CSV UTF-8")
    try:
        text, notices = data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise BadInput(source, "", NOT_TEXT) from None
        notices = [Notice(source, "", "was read as Windows-1252 text: it is not valid UTF-8")]
    if _CONTROL.search(text):
        raise BadInput(source, "", f"{NOT_TEXT}: it contains control characters")
    return text, notices


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows with the physical line each starts on, one at a time."""
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text), skipinitialspace=True
    )
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise BadInput(source, f"line {line}", f"is not valid CSV: {error}") from None


def _delimiter(text: str) -> str:
    """``,``, ``;`` or tab: whichever splits the first non-blank line into the most fields."""
    lines = (line for line in io.StringIO(text, newline=None) if line.strip())
    first = next(lines, "").rstrip("\n")
    counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in ",;\t"}
    return max(counts, key=lambda d: counts[d])


def _detect(header: list[str], source: str, line: int) -> _Format:
    """The format whose columns the header has most of; refuse one that lacks required columns."""
    present = {_key(name) for name in header}
    found = ", ".join(name.strip() for name in header)
    fmt = max(FORMATS, key=lambda f: len(present & {_key(c) for c in f.columns}))
    if len(present & {_key(c) for c in fmt.columns}) < 2:
        raise BadInput(
            source,
            f"line {line}",
            f"the header ({found}) is not that of a work log: expected a Toggl Track, "
            "Clockify or Harvest export, or date,person,hours,description,invoice_line",
        )
    missing = [
        " or ".join(group)
        for group in fmt.required
        if not any(_key(column) in present for column in group)
    ]
    if missing:
        raise BadInput(
            source,
            f"line {line}",
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"for a {fmt.name}; the columns found are: {found}",
        )
    return fmt


@dataclass
class _Doubts:
    """What rows of a file leave in doubt, gathered into one warning per kind."""

    billable: dict[str, list[int]] = field(default_factory=dict)  # unknown value: lines
    clock: dict[str, list[int]] = field(default_factory=dict)  # why times are not used: lines

    def notices(self, source: str) -> list[Notice]:
        found = [
            Notice(
                source,
                _lines(lines),
                f"Billable “{value}” is neither yes nor no; "
                f"{'this entry counts' if len(lines) == 1 else 'these entries count'} as billable",
            )
            for value, lines in self.billable.items()
        ]
        found += [
            Notice(
                source,
                _lines(lines),
                f"{why}: the clock times are not used, the duration counts",
            )
            for why, lines in self.clock.items()
        ]
        return found


def _lines(lines: list[int], most: int = 10) -> str:
    shown = ", ".join(str(line) for line in lines[:most])
    more = f" and {len(lines) - most} more" if len(lines) > most else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def _entry(fmt: _Format, row: _Row, day_first: bool, doubts: _Doubts) -> WorkEntry:
    person = " ".join(part for part in (row.get(c) for c in fmt.person) if part)
    if not person:
        raise row.fail("the person is empty")
    number, position = _line_ref(row)
    minutes = _minutes(fmt, row)
    started, ended = _clock(fmt, row, day_first, doubts)
    return WorkEntry(
        date=_date(row, row.get(fmt.date), day_first),
        person=person,
        minutes=minutes,
        description=row.get(fmt.description),
        task=row.get("task") or row.get("project"),
        project=row.get("project"),
        invoice_number=number,
        line_position=position,
        source=f"{row.source}:{row.line}",
        started_at=started,
        ended_at=ended,
        billable=_billable(row.get(fmt.billable) if fmt.billable else "", row, doubts),
        tags=_tags(row.get(fmt.tags) if fmt.tags else ""),
    )


def _billable(text: str, row: _Row, doubts: _Doubts) -> bool | None:
    value = text.casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    if text:
        doubts.billable.setdefault(text, []).append(row.line)
    return None


def _tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))


def _clock(
    fmt: _Format, row: _Row, day_first: bool, doubts: _Doubts
) -> tuple[datetime | None, datetime | None]:
    """Start and end, when the row has both; (None, None) otherwise."""
    if fmt.clock is None:
        return None, None
    start_day, start_time, end_day, end_time = (row.get(column) for column in fmt.clock)
    if not (start_day and start_time and end_time):
        return None, None
    start = datetime.combine(_date(row, start_day, day_first), _time(row, start_time))
    end = datetime.combine(
        _date(row, end_day, day_first) if end_day else start.date(), _time(row, end_time)
    )
    if not end_day and end < start and end.date() < date.max:
        end += timedelta(days=1)  # no end date: it ended after midnight
    why = ""
    if end < start:
        why = "the end is before the start"
    elif end - start > timedelta(days=1):
        why = "the end is more than 24 hours after the start"
    if why:
        doubts.clock.setdefault(why, []).append(row.line)
        return None, None
    return start, end


def _time(row: _Row, text: str) -> time:
    """``09:30``, ``09:30:15``, ``9:30:15 AM``, ``12:05 a.m.``: a time of day."""
    match = _TIME.fullmatch(text)
    hour = int(match[1]) if match else -1
    if match and match[4]:  # 12 AM is midnight, 12 PM noon
        twelve = 1 <= hour <= 12
        hour = hour % 12 + (12 if match[4] in "Pp" else 0) if twelve else -1
    if not match or not 0 <= hour <= 23:
        raise row.fail(f"“{text}” is not a time of day; expected HH:MM:SS or H:MM:SS AM")
    return time(hour, int(match[2]), int(match[3] or 0))


def _overlap_notices(entries: list[WorkEntry], source: str) -> list[Notice]:
    """A warning for each person and day with entries that overlap, up to a limit."""
    days = overlap_days(entries)
    notices = [
        Notice(
            source,
            _lines([int(entries[i].source.rpartition(":")[2]) for i in day.entries]),
            day.sentence(),
        )
        for day in days[:MOST_OVERLAP_NOTICES]
    ]
    if len(days) > MOST_OVERLAP_NOTICES:
        more = len(days) - MOST_OVERLAP_NOTICES
        notices.append(
            Notice(source, "", f"{more} more days have overlapping entries; each counted once")
        )
    return notices


def _day_first(values: Iterable[str], default: bool) -> tuple[bool, str]:
    """Whether numeric dates put the day first, and a date that could be read both ways.

    The first date with a day above 12 decides; the sample is only returned when none does.
    """
    sample = ""
    for value in values:
        match = _NUMERIC_DATE.fullmatch(value)
        if not match:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            return True, ""
        if second > 12 >= first:
            return False, ""
        if not sample and first != second:
            sample = value
    return default, sample


def _ambiguous_dates(source: str, sample: str) -> Notice:
    first, second, year = (int(part) for part in re.split(r"[/.-]", sample))
    return Notice(
        source,
        "",
        f"no date shows whether it is day/month or month/day; they were read as "
        f"day/month/year, so “{sample}” is {date(year, second, first).isoformat()}",
    )


def _date(row: _Row, text: str, day_first: bool) -> date:
    if not text:
        raise row.fail("the date is empty")
    iso, numeric = _ISO_DATE.fullmatch(text), _NUMERIC_DATE.fullmatch(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if numeric:
            first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
            return date(year, second, first) if day_first else date(year, first, second)
    except ValueError:
        pass
    order = "DD/MM/YYYY" if day_first else "MM/DD/YYYY"
    raise row.fail(f"“{text}” is not a date; expected YYYY-MM-DD or {order}")


def _minutes(fmt: _Format, row: _Row) -> int:
    """Whole minutes from the first filled duration column, refusing negative and over 24 h."""
    filled = [(row.get(column), unit) for column, unit in fmt.durations if row.get(column)]
    if not filled:
        raise row.fail("the duration is empty")
    text, unit = filled[0][0].replace("−", "-"), filled[0][1]
    exact = _exact_minutes(text) if unit == "hours" else _whole_minutes(text)
    if exact is None:
        raise row.fail(f"“{text}” is not a duration; expected H:MM:SS or hours such as 2.5")
    if exact < 0:
        raise row.fail(f"the duration “{text}” is negative")
    if exact > MINUTES_PER_DAY:
        raise row.fail(f"the duration “{text}” is over 24 hours, more than one day")
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def _exact_minutes(text: str) -> Decimal | None:
    """Minutes in ``H:MM``, ``H:MM:SS`` or decimal hours (``2.5``, ``2,5``); None if neither."""
    clock = _CLOCK.fullmatch(text)
    if clock:
        sign = -1 if clock[1] else 1
        seconds = Decimal(clock[4] or 0) / 60
        return sign * (Decimal(clock[2]) * 60 + Decimal(clock[3]) + seconds)
    if _HOURS.fullmatch(text):
        return Decimal(text.replace(",", ".")) * 60
    return None


def _whole_minutes(text: str) -> Decimal | None:
    return Decimal(text) if _MINUTES.fullmatch(text) else None


def _line_ref(row: _Row) -> tuple[str | None, int | None]:
    """An ``invoice_line`` value: ``20`` is (None, 20), ``INV-2024-017:20`` is
    ("INV-2024-017", 20); a line that is not a whole number (``INV-1:1.1``, ``1.1``) is kept whole
    as (the value, None) until ``link_entries`` resolves it."""
    text = row.get("invoice_line")
    if not text:
        return None, None
    number, sep, line = (part.strip() for part in text.rpartition(":"))
    valid = _LINE_ID if sep else _BARE_LINE
    if (sep and not number) or not valid.fullmatch(line) or not line.strip("0"):
        raise row.fail(
            f"invoice_line “{text}” is not an invoice line; write the line as the invoice "
            "numbers it, such as 20, or invoice number and line such as INV-2024-017:20"
        )
    if line.isdigit() and str(int(line)) == line:
        return number or None, int(line)
    return text, None


def _reference(entry: WorkEntry) -> str | None:
    """The reference an entry was given, as written ("INV-1:20", "20"), or None."""
    if entry.line_position is None:
        return entry.invoice_number
    if entry.invoice_number is None:
        return str(entry.line_position)
    return f"{entry.invoice_number}:{entry.line_position}"


def link_entries(
    entries: list[WorkEntry], invoices: list[Invoice], notices: list[Notice] | None = None
) -> list[WorkEntry]:
    """Link entries to invoice lines by the rule in the module docstring; return the unlinked.

    A reference the invoices do not have raises BadInput naming the work log line. A reference
    taken as a position on an invoice whose lines have other IDs adds one warning per file and
    reference to ``notices``.
    """
    candidates = [
        (invoice, line, _words(line.description)) for invoice in invoices for line in invoice.lines
    ]
    resolved: dict[str, LineMatch] = {}
    warned: dict[tuple[str, str], list[int]] = {}
    unlinked = []
    for entry in entries:
        ref = _reference(entry)
        if ref is not None:
            if ref not in resolved:
                resolved[ref] = _resolve(entry, ref, invoices)
            match = resolved[ref]
            _link(entry, match.invoice, match.line)
            if match.warning:
                source, _, line = entry.source.rpartition(":")
                where = warned.setdefault((source or entry.source, match.warning), [])
                where += [int(line)] if line.isdigit() else []
            continue
        words = _words(entry.task, entry.project, entry.description)
        matches = [
            (invoice, line)
            for invoice, line, line_words in candidates
            if words & line_words and _covers(line, entry.date)
        ]
        if len(matches) == 1:
            _link(entry, *matches[0])
        else:
            unlinked.append(entry)
    if notices is not None:
        notices += [
            Notice(source, _lines(lines) if lines else "", warning)
            for (source, warning), lines in warned.items()
        ]
    return unlinked


def _link(entry: WorkEntry, invoice: Invoice, line: InvoiceLine) -> None:
    entry.invoice_number, entry.line_position, entry.target = invoice.number, line.position, line


def _words(*texts: str) -> set[str]:
    """The significant words: four letters or more, not a stop word, case-folded."""
    return {
        word
        for text in texts
        for word in _WORD.findall(text.casefold())
        if len(word) >= 4 and word not in STOP_WORDS
    }


def _covers(line: InvoiceLine, day: date) -> bool:
    start = line.service_date or line.service_end
    end = line.service_end or line.service_date
    return start is not None and end is not None and start <= day <= end


def _resolve(entry: WorkEntry, ref: str, invoices: list[Invoice]) -> LineMatch:
    """The line ``ref`` names (``mediate.domain.line_refs``); BadInput naming the entry if none."""
    source, where = _place(entry)
    numbers = sorted({invoice.number for invoice in invoices})
    if ":" not in ref and len(numbers) != 1:
        has = f"{len(numbers)} invoices" if numbers else "no invoice"
        raise BadInput(
            source,
            where,
            f"invoice_line “{ref}” gives only a line, not its invoice, but the case has {has}; "
            "write invoice number and line such as INV-2024-017:20",
        )
    try:
        return find_line(invoices, ref)
    except DomainError as error:
        raise BadInput(source, where, f"invoice_line {str(error).rstrip('.')}") from None


def _place(entry: WorkEntry) -> tuple[str, str]:
    """The file and line an entry came from (``FILE:LINE``), for an error message."""
    name, _, line = entry.source.rpartition(":")
    if name and line.isdigit():
        return name, f"line {line}"
    return entry.source or "work log", f"the entry of {entry.date.isoformat()} by {entry.person}"
