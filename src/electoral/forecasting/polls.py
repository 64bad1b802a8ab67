"""Polls: reading them, and averaging them into forecast inputs.

A poll's margin is its two-party margin, 100 (D - R) / (D + R) points. The average of a unit
weights each poll by recency (half-life HALF_LIFE days before the as-of date) and sample size
(sqrt(n / 600), n capped at 3,000), after removing each pollster's house effect: the
weighted mean of its polls' deviation from their units' averages, shrunk toward zero
(HOUSE_PRIOR polls' worth), centred on zero, estimated jointly with the averages by a few
alternating passes. The national polls give the swing from the prior election; a unit with
few polls leans on the prior (previous result plus that swing), weighted as PRIOR_WEIGHT polls.
Published polling averages (kind "average") are taken as they stand on the as-of date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from electoral.errors import InputError
from electoral.forecasting.inputs import ForecastInput, UnitInput, prior, record_margins
from electoral.textfile import csv_records, read_text

HALF_LIFE = 14.0  # days
HOUSE_PRIOR = 2.0  # polls' worth of shrinkage toward no house effect
PRIOR_WEIGHT = 1.0  # the prior counts as one fresh poll of 600
AVERAGE_WEIGHT = 10.0  # a published average counts as ten fresh polls
POLL_SD = 6.0  # points: one poll's error on the margin (sampling and the rest)
FLOOR_SD = 2.5  # points: what no number of polls removes (the unit's own error)

_ALIASES = {
    "state": "unit", "start.date": "start_date", "end.date": "end_date",
    "number.of.observations": "sample_size", "sample": "sample_size", "n": "sample_size",
    "obama": "dem", "clinton": "dem", "biden": "dem", "harris": "dem", "democrat": "dem",
    "mccain": "rep", "romney": "rep", "trump": "rep", "republican": "rep",
}
_NATIONAL = {"US", "--", "NATIONAL", ""}
_POP = {"likely voters": "lv", "registered voters": "rv", "adults": "a", "voters": "v"}


@dataclass(frozen=True, slots=True)
class Poll:
    unit: str  # voting unit code, or "US" for a national poll
    pollster: str
    start: dt.date
    end: dt.date
    sample_size: int | None
    population: str  # lv, rv, a, v
    dem: float  # percent
    rep: float  # percent
    kind: str = "poll"  # "poll" | "average" (a published polling average on `end`)
    cycle: int | None = None

    @property
    def margin(self) -> float:
        return 100.0 * (self.dem - self.rep) / (self.dem + self.rep)


@dataclass(frozen=True, slots=True)
class PollAverage:
    inputs: ForecastInput
    as_of: dt.date
    national: float | None  # the national polling average (two-party margin, points)
    swing: float  # applied to the prior
    polls: Mapping[str, int]  # unit -> polls used
    house_effects: Mapping[str, float]  # pollster -> points toward the Democrat


def _date(text: str, place: str) -> dt.date:
    text = text.strip()
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
    if t[:3] in ("ME-", "NE-"):
        return t
    try:
        return state_code(text)
    except InputError as e:
        raise InputError(e.problem, place) from None


def parse_polls(text: str, source: str) -> tuple[Poll, ...]:
    header, records = csv_records(text, source)
    fields = {f: _ALIASES.get(f.strip().lower(), f.strip().lower()) for f in header}
    need = {"unit", "pollster", "end_date", "dem", "rep"}
    missing = need - set(fields.values())
    if missing:
        raise InputError(f"polls file missing column(s) {', '.join(sorted(missing))} (needs "
                         "state, pollster, end_date, dem, rep; optional start_date, "
                         "sample_size, population, cycle)", f"{source}:1")
    out = []
    for line, raw in records:
        place = f"{source}:{line}"
        r = {fields[k]: (v or "").strip() for k, v in raw.items() if k in fields}
        pop = r.get("population", "")
        if " - " in pop:  # a sub-population (partisans, independents): not the electorate
            continue
        try:
            dem, rep = float(r["dem"]), float(r["rep"])
            size = r.get("sample_size", "")
            n = int(float(size)) if size and size.upper() != "NA" else None
        except ValueError:
            raise InputError("dem, rep and sample_size must be numbers", place) from None
        if not (0 <= dem <= 100 and 0 <= rep <= 100) or dem + rep <= 0:
            raise InputError(f"percentages must lie in [0, 100] with dem + rep > 0, got "
                             f"{dem}, {rep}", place)
        if n is not None and n <= 0:
            raise InputError(f"sample size must be positive, got {n}", place)
        end = _date(r["end_date"], place)
        start = _date(r["start_date"], place) if r.get("start_date") else end
        cycle = r.get("cycle")
        out.append(Poll(_unit(r["unit"], place), r["pollster"], start, end, n,
                        _POP.get(pop.lower(), pop.lower()), dem, rep,
                        r.get("kind") or "poll", int(cycle) if cycle else None))
    if not out:
        raise InputError("no polls in the file", source)
    return tuple(out)


def read_polls(path: str | Path) -> tuple[Poll, ...]:
    return parse_polls(read_text(path), str(path))


def packaged_polls(cycle: int) -> tuple[Poll, ...]:
    """The packaged polls of an election (2008-2024; see docs/forecast.md for sources)."""
    from importlib import resources

    text = resources.files("electoral").joinpath("data/forecast_polls.csv").read_text("utf-8")
    polls = tuple(p for p in parse_polls(text, "forecast_polls.csv") if p.cycle == cycle)
    if not polls:
        raise InputError("no packaged polls for this election (2008-2024)", str(cycle))
    return polls


def _weight(p: Poll, as_of: dt.date) -> float:
    age = (as_of - p.end).days
    size = min(p.sample_size or 600, 3000)
    return float(0.5 ** (age / HALF_LIFE) * math.sqrt(size / 600))


def _house_effects(polls: list[Poll], weights: list[float], passes: int = 4
                   ) -> tuple[dict[str, float], dict[str, float]]:
    """(unit averages, pollster house effects), alternately estimated."""
    house: dict[str, float] = defaultdict(float)
    avg: dict[str, float] = {}
    for _ in range(passes):
        num: dict[str, float] = defaultdict(float)
        den: dict[str, float] = defaultdict(float)
        for p, w in zip(polls, weights, strict=True):
            num[p.unit] += w * (p.margin - house[p.pollster])
            den[p.unit] += w
        avg = {u: num[u] / den[u] for u in num}
        hn: dict[str, float] = defaultdict(float)
        hd: dict[str, float] = defaultdict(float)
        for p, w in zip(polls, weights, strict=True):
            hn[p.pollster] += w * (p.margin - avg[p.unit])
            hd[p.pollster] += w
        raw = {k: hn[k] / (hd[k] + HOUSE_PRIOR) for k in hn}
        centre = sum(raw[p.pollster] * w for p, w in zip(polls, weights, strict=True)) / sum(weights)
        house = defaultdict(float, {k: v - centre for k, v in raw.items()})
    return avg, dict(house)


def average(polls: Iterable[Poll], year: int, as_of: dt.date | None = None,
            from_year: int | None = None, prior_sd: float | None = None) -> PollAverage:
    """Forecast inputs for the `year` election from the polls published before `as_of`
    (default: election day), falling back to the prior where a unit has few polls."""
    from electoral.law.calendar import timeline

    as_of = as_of or timeline(year).date_of("election_day")
    from_year = from_year or year - 4
    used = [p for p in polls if p.end < as_of]
    if not used:
        raise InputError(f"no polls ended before {as_of.isoformat()}", "as_of")
    past = record_margins(from_year)
    total_votes = sum(v for u, (_, v) in past.items() if "-" not in u)
    past_national = sum(m * v for u, (m, v) in past.items() if "-" not in u) / total_votes

    averages = {}  # published averages: the latest before as_of per unit
    for p in sorted((p for p in used if p.kind == "average"), key=lambda p: p.end):
        averages[p.unit] = p.margin
    raw = [p for p in used if p.kind != "average"]
    weights = [_weight(p, as_of) for p in raw]
    avg, house = _house_effects(raw, weights) if raw else ({}, {})
    strength: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for p, w in zip(raw, weights, strict=True):
        strength[p.unit] += w
        count[p.unit] += 1
    for code, m in averages.items():
        avg[code], strength[code] = m, AVERAGE_WEIGHT
        count[code] = count[code] or 1
    national = avg.get("US")
    swing = national - past_national if national is not None else 0.0
    base = prior(from_year, swing, prior_sd if prior_sd is not None else
                 math.sqrt(POLL_SD ** 2 / PRIOR_WEIGHT + FLOOR_SD ** 2), year)
    units = []
    for u in base.units:
        s = strength.get(u.unit, 0.0)
        if s:
            margin = (s * avg[u.unit] + PRIOR_WEIGHT * u.margin) / (s + PRIOR_WEIGHT)
            sd = math.sqrt(POLL_SD ** 2 / (s + PRIOR_WEIGHT) + FLOOR_SD ** 2)
            units.append(UnitInput(u.unit, u.electors, max(-100.0, min(100.0, margin)), sd,
                                   u.votes))
        else:
            units.append(u)
    polled = sum(1 for u in base.units if strength.get(u.unit))
    notes = (*base.notes, f"{polled} of {len(base.units)} units polled before "
             f"{as_of.isoformat()}; the rest from the {from_year} results, swing "
             f"{swing:+.1f} from {'national polls' if national is not None else 'none'}")
    inp = ForecastInput(year, tuple(units), f"polls to {as_of.isoformat()} with {from_year} "
                        "prior", notes)
    return PollAverage(inp, as_of, national, swing,
                       MappingProxyType({u: count[u] for u in sorted(count)}),
                       MappingProxyType(dict(sorted(house.items()))))
