"""Clock time in a work log: which entries of one person overlap, and which minutes count.

A time tracker's export says when each entry started and ended. Two entries of one person
**overlap** when their clock times share more than an instant: the person logged two things at
once, and the time they share was logged twice. Entries without clock times (a Harvest export,
the plain form) never overlap.

What counts against hours billed, entry by entry:

1. An entry tagged as an **absence** is left out whole: one of its tags holds one of the
   ``ABSENCE_WORDS`` as a word, in any case ("Absence", "doctor's visit", "sick leave").
2. Else an entry the export marks **not billable** is left out whole. An entry whose export does
   not say (``billable`` None) counts.
3. The other entries count, and clock time two of them share counts **once**: in start order,
   each entry counts only the part of its clock time that no earlier-starting counted entry of
   the same person covers (when two start together, the one given first counts first).

An entry's minutes are its duration as exported; the part already covered is rounded to whole
minutes, half a minute up, and never exceeds the entry's minutes. So for any set of entries
``logged = counted + absence + non_billable + overlap`` holds exactly.

Times without an offset (local time, as most trackers export it) are compared as they are;
times with an offset are compared in UTC. An export uses one or the other; a person whose
entries mix them has the offset-free ones read as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from mediate.domain.model import WorkEntry

# Kept small on purpose: a word here leaves a whole entry out of the hours counted.
ABSENCE_WORDS = frozenset(
    {
        "absence", "absent", "afwezig", "afwezigheid",
        "leave", "verlof", "sick", "ziek", "doctor", "dokter", "huisarts",
    }
)  # fmt: skip
ABSENCE = "absence"
NON_BILLABLE = "non-billable"
OVERLAP = "overlap"

_WORD = re.compile(r"[^\W\d_]+")
_MINUTE = timedelta(minutes=1)
_HALF_MINUTE = timedelta(seconds=30)


def is_absence(tags: Sequence[str]) -> bool:
    """Whether one of the tags names an absence (holds one of ``ABSENCE_WORDS`` as a word)."""
    return any(word in ABSENCE_WORDS for tag in tags for word in _WORD.findall(tag.casefold()))


def left_out_reason(billable: bool | None, tags: Sequence[str]) -> str:
    """Why an entry is left out whole: ``absence``, ``non-billable``, or "" when it counts."""
    if is_absence(tags):
        return ABSENCE
    return NON_BILLABLE if billable is False else ""


@dataclass(frozen=True)
class EntryTime:
    """How one entry counts."""

    counted: int  # minutes that count against hours billed
    reason: str = ""  # ABSENCE or NON_BILLABLE when the whole entry is left out
    overlaps: bool = False  # its clock time intersects another entry of the same person
    shared: int = 0  # minutes of it an earlier-starting entry of the person also logged

    @property
    def flags(self) -> tuple[str, ...]:
        """What a list of entries marks on the entry's row: ``overlap`` and/or the reason."""
        return ((OVERLAP,) if self.overlaps else ()) + ((self.reason,) if self.reason else ())


@dataclass(frozen=True)
class TimeCount:
    """Minutes of a set of entries: logged, counted, and what was left out and why.

    ``overlap`` is what counted entries share with earlier-starting counted ones (counted once);
    ``overlapping`` the number of entries whose clock time intersects another's.
    """

    entries: int = 0
    logged: int = 0
    counted: int = 0
    non_billable: int = 0
    absence: int = 0
    overlap: int = 0
    overlapping: int = 0

    @property
    def left_out(self) -> int:
        return self.logged - self.counted

    def __add__(self, other: TimeCount) -> TimeCount:
        return TimeCount(
            entries=self.entries + other.entries,
            logged=self.logged + other.logged,
            counted=self.counted + other.counted,
            non_billable=self.non_billable + other.non_billable,
            absence=self.absence + other.absence,
            overlap=self.overlap + other.overlap,
            overlapping=self.overlapping + other.overlapping,
        )

    @classmethod
    def of(cls, minutes: int, time: EntryTime) -> TimeCount:
        """The count of one entry of ``minutes`` that counts as ``time`` says."""
        return cls(
            entries=1,
            logged=minutes,
            counted=time.counted,
            non_billable=minutes if time.reason == NON_BILLABLE else 0,
            absence=minutes if time.reason == ABSENCE else 0,
            overlap=minutes - time.counted if not time.reason else 0,
            overlapping=int(time.overlaps),
        )


@dataclass(frozen=True)
class PersonTime:
    """One person's time: ``distinct`` is ``logged`` less the minutes logged twice
    (``overlap``, whatever the entries' billable flags and tags)."""

    person: str
    logged: int
    distinct: int
    overlap: int
    non_billable: int
    absence: int
    counted: int
    overlapping: tuple[int, ...]  # positions, in the entries given, of the entries that overlap


@dataclass(frozen=True)
class OverlapDay:
    """Entries of one person that overlap, on the day the first of them started."""

    person: str
    day: date
    entries: tuple[int, ...]  # positions, in the entries given
    minutes: int  # minutes logged twice

    def sentence(self) -> str:
        """ "Anna: 2 entries on 2024-03-05 overlap by 1 h 12 min; counted once"."""
        return (
            f"{self.person}: {len(self.entries)} entries on {self.day.isoformat()} overlap by "
            f"{duration_text(self.minutes)}; counted once"
        )


def duration_text(minutes: int) -> str:
    """ "1 h 12 min", "2 h", "45 min"."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def _instant(moment: datetime) -> datetime:
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def clock(entry: WorkEntry) -> tuple[datetime, datetime] | None:
    """The entry's start and end as compared, or None without both (or with the end first)."""
    if entry.started_at is None or entry.ended_at is None:
        return None
    start, end = _instant(entry.started_at), _instant(entry.ended_at)
    return (start, end) if end >= start else None


def _whole_minutes(span: timedelta, most: int) -> int:
    return max(0, min(most, (span + _HALF_MINUTE) // _MINUTE))


class _Sweep:
    """The clocked entries of one person in start order, worked through once."""

    def __init__(
        self,
        entries: Sequence[WorkEntry],
        order: list[int],
        clocks: dict[int, tuple[datetime, datetime]],
    ) -> None:
        self.entries, self.order, self.clocks = entries, order, clocks

    def covered(self, among: list[int]) -> dict[int, int]:
        """Minutes of each entry of ``among`` (in start order) that earlier ones already cover."""
        out: dict[int, int] = {}
        reach: datetime | None = None
        for i in among:
            start, end = self.clocks[i]
            if reach is not None and reach > start:
                out[i] = _whole_minutes(min(end, reach) - start, self.entries[i].minutes)
            reach = end if reach is None else max(reach, end)
        return out

    def overlapping(self) -> tuple[set[int], list[list[int]]]:
        """The entries that share clock time with another, and those entries in runs: a run
        ends where no entry started so far reaches the next one's start."""
        flagged: set[int] = set()
        runs: list[list[int]] = [[]]
        active: list[int] = []  # entries still running at the current start
        reach: datetime | None = None
        for i in self.order:
            start, end = self.clocks[i]
            if reach is not None and start >= reach:
                runs.append([])
            runs[-1].append(i)
            reach = end if reach is None else max(reach, end)
            active = [j for j in active if self.clocks[j][1] > start]
            if end <= start:
                continue  # an instant shares no time
            if active:
                flagged.update(active, (i,))
            active.append(i)
        found = [[i for i in run if i in flagged] for run in runs]
        return flagged, [run for run in found if run]


def _sweeps(entries: Sequence[WorkEntry]) -> list[_Sweep]:
    clocks: dict[int, tuple[datetime, datetime]] = {}
    by_person: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        found = clock(entry)
        if found is not None:
            clocks[i] = found
            by_person.setdefault(entry.person, []).append(i)
    sweeps = []
    for order in by_person.values():
        order.sort(key=lambda i: (clocks[i][0], i))
        sweeps.append(_Sweep(entries, order, clocks))
    return sweeps


def entry_times(entries: Sequence[WorkEntry]) -> list[EntryTime]:
    """How each entry counts, in the order given (the rules in the module docstring)."""
    reasons = [left_out_reason(entry.billable, entry.tags) for entry in entries]
    shared: dict[int, int] = {}
    covered: dict[int, int] = {}
    flagged: set[int] = set()
    for sweep in _sweeps(entries):
        shared |= sweep.covered(sweep.order)
        covered |= sweep.covered([i for i in sweep.order if not reasons[i]])
        flagged |= sweep.overlapping()[0]
    return [
        EntryTime(
            counted=0 if reasons[i] else entry.minutes - covered.get(i, 0),
            reason=reasons[i],
            overlaps=i in flagged,
            shared=shared.get(i, 0),
        )
        for i, entry in enumerate(entries)
    ]


def count(entries: Sequence[WorkEntry], times: Sequence[EntryTime] | None = None) -> TimeCount:
    """Logged, counted and left-out minutes of the entries (``times`` when already worked out)."""
    times = entry_times(entries) if times is None else times
    total = TimeCount()
    for entry, time in zip(entries, times, strict=True):
        total += TimeCount.of(entry.minutes, time)
    return total


def person_times(entries: Sequence[WorkEntry]) -> list[PersonTime]:
    """Per person, by name: logged, distinct, overlap, non-billable, absence, counted, and
    which entries overlap."""
    times = entry_times(entries)
    people: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        people.setdefault(entry.person, []).append(i)
    out = []
    for person in sorted(people):
        mine = people[person]
        total = count([entries[i] for i in mine], [times[i] for i in mine])
        overlap = sum(times[i].shared for i in mine)
        out.append(
            PersonTime(
                person=person,
                logged=total.logged,
                distinct=total.logged - overlap,
                overlap=overlap,
                non_billable=total.non_billable,
                absence=total.absence,
                counted=total.counted,
                overlapping=tuple(i for i in mine if times[i].overlaps),
            )
        )
    return out


def overlap_days(entries: Sequence[WorkEntry]) -> list[OverlapDay]:
    """The overlapping entries per person and day (the day the first of a run started), with the
    minutes logged twice; by person, then day."""
    days: dict[tuple[str, date], tuple[list[int], int]] = {}
    for sweep in _sweeps(entries):
        shared = sweep.covered(sweep.order)
        for run in sweep.overlapping()[1]:
            first = entries[run[0]]
            found, minutes = days.setdefault((first.person, first.date), ([], 0))
            found += run
            days[(first.person, first.date)] = (found, minutes + sum(shared.get(i, 0) for i in run))
    return [
        OverlapDay(person, day, tuple(sorted(found)), minutes)
        for (person, day), (found, minutes) in sorted(days.items())
    ]
