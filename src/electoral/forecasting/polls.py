"""Polls: reading them, in the formats forecasters pass around.

One row per poll with the nominees' percentages as columns (the packaged polls, and the
Economist's files: `state,pollster,start.date,end.date,number.of.observations,population,
clinton,trump,...`), or one row per answer as FiveThirtyEight publishes them (`poll_id`,
`question_id`, `candidate_name` or `answer`, `pct`, ...). In the second form the answers of a
question are paired by its id, or, in copies that lost the ids, by adjacent rows with the
same pollster, place, dates, sample and population.

A poll's margin is its two-party margin, 100 (D - R) / (D + R) points. `cycle`, where given,
names the election a poll is about: a forecast of 2024 reads only 2024-cycle rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from electoral.errors import InputError
from electoral.textfile import csv_records, read_text

_ALIASES = {
    "state": "unit", "start.date": "start_date", "end.date": "end_date",
    "number.of.observations": "sample_size", "sample": "sample_size", "n": "sample_size",
    "numeric_grade": "grade", "entry.date.time..et.": "published", "created_at": "published",
    "obama": "dem", "clinton": "dem", "biden": "dem", "harris": "dem", "democrat": "dem",
    "mccain": "rep", "romney": "rep", "trump": "rep", "republican": "rep",
    "candidate_name": "answer", "candidate": "answer",
}
_NATIONAL = {"US", "--", "NATIONAL", "", "NA"}
_POP = {"likely voters": "lv", "registered voters": "rv", "adults": "a", "voters": "v",
        "lv": "lv", "rv": "rv", "a": "a", "v": "v"}
POPULATIONS = ("lv", "rv", "v", "a")
# Answer labels of the nominees in FiveThirtyEight's long format (party first, then names).
_DEM_PARTY, _REP_PARTY = "DEM", "REP"


@dataclass(frozen=True, slots=True)
class Poll:
    unit: str  # voting unit code, or "US" for a national poll
    pollster: str
    start: dt.date
    end: dt.date
    sample_size: int | None
    population: str  # lv, rv, v (voters: likely or registered, merged by the source), a
    dem: float  # percent
    rep: float  # percent
    kind: str = "poll"  # "poll" | "average" (a published polling average on `end`)
    cycle: int | None = None
    grade: float | None = None  # FiveThirtyEight's numeric pollster grade, 0.5-3.0
    published: dt.date | None = None  # the day it became public, where the source says
    other: float | None = None  # percent for neither nominee (undecided, third parties)

    @property
    def margin(self) -> float:
        return 100.0 * (self.dem - self.rep) / (self.dem + self.rep)


def _date(text: str, place: str) -> dt.date:
    text = text.strip()[:10]
    try:
        if "/" in text:
            m, d, y = (int(x) for x in text.split("/"))
            return dt.date(2000 + y if y < 100 else y, m, d)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"not a date: {text!r} (YYYY-MM-DD or M/D/YY)", place) from None


def _unit(text: str, place: str) -> str:
    from electoral.states import state_code

    t = text.strip().upper()
    if t in _NATIONAL:
        return "US"
    if t[:3] in ("ME-", "NE-") and t[3:].isdigit():
        return t
    try:
        return state_code(text.strip())
    except InputError as e:
        raise InputError(e.problem, place) from None


def _number(text: str, what: str, place: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise InputError(f"{what} must be a number, got {text[:20]!r}", place) from None
    if not math.isfinite(x):
        raise InputError(f"{what} must be a finite number, got {text[:20]!r}", place)
    return x


def _poll(r: Mapping[str, str], dem_text: str, rep_text: str, place: str,
          other: float | None = None) -> Poll:
    dem, rep = _number(dem_text, "dem", place), _number(rep_text, "rep", place)
    kind = r.get("kind") or "poll"
    # (a published average, adjusted for trends, may sum past 100: only a poll cannot)
    if not (0 <= dem <= 100 and 0 <= rep <= 100) or dem + rep <= 0 or (
            kind == "poll" and dem + rep > 100.5):
        raise InputError(f"percentages must lie in [0, 100], sum to at most 100 and not both "
                         f"be 0, got {dem:g} and {rep:g}", place)
    size = r.get("sample_size", "")
    n = None
    if size and size.upper() != "NA":
        x = _number(size, "sample_size", place)
        if x <= 0 or x != int(x) or x > 10_000_000:
            raise InputError(f"sample size must be a positive whole number, got {size[:20]}", place)
        n = int(x)
    if not r.get("end_date"):
        raise InputError("a poll needs its end date", place)
    end = _date(r["end_date"], place)
    start = _date(r["start_date"], place) if r.get("start_date") else end
    if start > end:
        raise InputError(f"starts {start} after it ends {end}", place)
    grade_text = r.get("grade", "")
    grade = None
    if grade_text and grade_text.upper() != "NA":
        grade = _number(grade_text, "grade", place)
        if not 0 <= grade <= 3:
            raise InputError(f"a numeric grade lies in [0, 3], got {grade:g}", place)
    pub = r.get("published", "")
    published = _date(pub, place) if pub and pub.upper() != "NA" else None
    cycle = r.get("cycle", "")
    pop = r.get("population", "").strip().lower()
    return Poll(_unit(r["unit"], place), r.get("pollster", "").strip(), start, end, n,
                _POP.get(pop, pop or "v"), dem, rep, kind,
                int(_number(cycle, "cycle", place)) if cycle else None, grade, published,
                other if other is None else max(0.0, min(100.0, other)))


def _wide(records: list[tuple[int, dict[str, str]]], source: str) -> list[Poll]:
    out = []
    for line, r in records:
        place = f"{source}:{line}"
        if " - " in r.get("population", ""):  # a sub-population (partisans): not the electorate
            continue
        given = [r[k] for k in ("other", "undecided") if r.get(k, "NA") not in ("", "NA")]
        if given:  # the Economist's other + undecided, or the packaged "other"
            other = sum(_number(x, "other", place) for x in given)
        else:  # percentages of the full field: the rest is for neither nominee
            other = max(0.0, 100 - _number(r["dem"], "dem", place) - _number(r["rep"], "rep",
                                                                             place))
        out.append(_poll(r, r["dem"], r["rep"], place, other))
    return out


def _long(records: list[tuple[int, dict[str, str]]], source: str) -> list[Poll]:
    """FiveThirtyEight's one row per answer: pair each question's Democrat and Republican."""
    def side(r: dict[str, str]) -> str | None:
        party = r.get("party", "").strip().upper()
        return "dem" if party == _DEM_PARTY else "rep" if party == _REP_PARTY else None

    def key(r: dict[str, str]) -> tuple[str, ...]:
        if r.get("question_id"):
            return (r["question_id"],)
        return tuple(r.get(k, "") for k in ("pollster", "unit", "start_date", "end_date",
                                            "sample_size", "population"))

    Row = tuple[int, dict[str, str]]
    pairs: list[tuple[Row, Row]] = []
    if any(r.get("question_id") for _, r in records):
        groups: dict[tuple[str, ...], list[Row]] = {}
        for line, r in records:
            groups.setdefault(key(r), []).append((line, r))
        for rows in groups.values():
            d = [x for x in rows if side(x[1]) == "dem"]
            g = [x for x in rows if side(x[1]) == "rep"]
            if len(d) == 1 and len(g) == 1:
                pairs.append((d[0], g[0]))
    else:
        used: set[int] = set()
        for i, (_, r) in enumerate(records):
            if side(r) != "dem":
                continue
            for j in (i + 1, i - 1):
                if 0 <= j < len(records) and j not in used and side(records[j][1]) == "rep" \
                        and key(records[j][1]) == key(r):
                    used.add(j)
                    pairs.append((records[i], records[j]))
                    break
    # Several questions of one poll (with and without third parties): keep the fullest
    # ballot, the one with the smallest Democrat + Republican share.
    best: dict[tuple[str, ...], tuple[Row, Row, float]] = {}
    for d_row, g_row in pairs:
        k = tuple(d_row[1].get(c, "") for c in ("poll_id", "pollster", "unit", "start_date",
                                                 "end_date", "population"))
        total = (_number(d_row[1]["pct"], "pct", f"{source}:{d_row[0]}")
                 + _number(g_row[1]["pct"], "pct", f"{source}:{g_row[0]}"))
        old = best.get(k)
        if old is None or total < old[2]:
            best[k] = (d_row, g_row, total)
    out = []
    for (line, r), (_, g_r), total in best.values():
        if " - " in r.get("population", ""):
            continue
        out.append(_poll(r, r["pct"], g_r["pct"], f"{source}:{line}", max(0.0, 100 - total)))
    return out


def parse_polls(text: str, source: str) -> tuple[Poll, ...]:
    header, records = csv_records(text, source)
    fields = {f: _ALIASES.get(f.strip().lower(), f.strip().lower()) for f in header}
    rows = [(line, {fields[k]: (v or "").strip() for k, v in raw.items() if k in fields})
            for line, raw in records]
    names = set(fields.values())
    if {"answer", "pct"} <= names:
        need = {"unit", "end_date", "party", "pct"}
        form = "answers"
    else:
        need = {"unit", "end_date", "dem", "rep"}
        form = "wide"
    missing = need - names
    if missing:
        raise InputError(f"polls file missing column(s) {', '.join(sorted(missing))} (needs "
                         "state, pollster, end_date and the nominees' percentages: dem, rep "
                         "columns, or FiveThirtyEight's party and pct per answer)",
                         f"{source}:1")
    out = _long(rows, source) if form == "answers" else _wide(rows, source)
    if not out:
        raise InputError("no polls of the two major-party nominees in the file", source)
    return tuple(out)


def read_polls(path: str | Path) -> tuple[Poll, ...]:
    return parse_polls(read_text(path), str(path))


def packaged_polls(cycle: int) -> tuple[Poll, ...]:
    """The packaged polls of an election (2008-2024; see docs/forecast.md for sources)."""
    polls = tuple(p for p in _packaged() if p.cycle == cycle)
    if not polls:
        raise InputError("no packaged polls for this election (2008-2024)", str(cycle))
    return polls


_PACKAGED: list[tuple[Poll, ...]] = []


def _packaged() -> tuple[Poll, ...]:
    if not _PACKAGED:
        from importlib import resources

        text = resources.files("electoral").joinpath("data/forecast_polls.csv").read_text("utf-8")
        _PACKAGED.append(parse_polls(text, "forecast_polls.csv"))
    return _PACKAGED[0]


def packaged_cycles() -> tuple[int, ...]:
    """The elections whose polls ship with the package."""
    return tuple(sorted({p.cycle for p in _packaged() if p.cycle is not None}))


def of_cycle(polls: Iterable[Poll], year: int, source: str) -> tuple[Poll, ...]:
    """The polls about the `year` election: those whose cycle is `year`, or, without a cycle,
    those that ended after the previous election day and by this one. A poll with no cycle
    dated outside that window is an error (it cannot be about this election)."""
    from electoral.forecasting.cycle import cycle_window

    before, day = cycle_window(year)
    out = []
    for p in polls:
        if p.cycle is not None:
            if p.cycle == year:
                out.append(p)
            continue
        if not before < p.end <= day:
            raise InputError(f"a {p.unit} poll by {p.pollster or 'an unnamed pollster'} ended "
                             f"{p.end}, outside the {year} cycle ({before} to {day}); give a "
                             "cycle column for files of several elections", source)
        out.append(p)
    if not out:
        raise InputError(f"no polls of the {year} cycle (a cycle column names the election)",
                         source)
    return tuple(out)
