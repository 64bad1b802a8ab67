"""Forecast inputs: per voting unit, the expected two-party margin and its own error.

Margins are in points of the two-party vote, Democratic minus Republican (+3.0 = D 51.5%,
R 48.5%); sd is the standard deviation of the unit's own error, in points. Sources: a CSV/JSON
file (`unit,margin,sd`), or a prior from a past election plus a national swing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.textfile import csv_records, read_text


@dataclass(frozen=True, slots=True)
class UnitInput:
    unit: str  # "PA", "ME" (its two at-large electors), "ME-2"
    electors: int
    margin: float  # expected two-party margin, points, D minus R
    sd: float  # the unit's own error, points
    votes: int  # two-party votes cast in the unit at the base election (weights, voter power)
    # Given instead of a margin: the Democrat's probability of carrying the unit. The margin
    # is then the one giving this probability under the whole error model (errors.py).
    p_dem: float | None = None


@dataclass(frozen=True, slots=True)
class ForecastInput:
    year: int  # the election whose electors are counted
    units: tuple[UnitInput, ...]
    source: str
    notes: tuple[str, ...] = ()

    @property
    def electors(self) -> int:
        return sum(u.electors for u in self.units)

    def codes(self) -> tuple[str, ...]:
        return tuple(u.unit for u in self.units)

    def with_sd(self, sd: Mapping[str, float]) -> ForecastInput:
        return replace(self, units=tuple(replace(u, sd=sd.get(u.unit, u.sd)) for u in self.units))


def default_year() -> int:
    """The next election (its electors from the latest apportionment)."""
    from electoral.record import catalog

    return catalog.years()[-1] + 4


def base_year(year: int) -> int:
    """The latest election in the record before `year` (or `year` itself if none is later)."""
    from electoral.record import catalog

    past = [y for y in catalog.years() if y < year]
    return past[-1] if past else year


@cache
def two_party(year: int) -> tuple[str, str]:
    """Ids of the Democratic and the Republican candidate: the two nationally leading."""
    from electoral.record import catalog

    totals: dict[str, int] = {}
    for (_, district), votes in catalog.popular_votes(year).items():
        if not district:
            for c, n in votes.items():
                totals[c] = totals.get(c, 0) + n
    top = sorted(totals, key=lambda c: -totals[c])[:2]
    dem = [c for c in top if catalog.party(year, c) == "Democratic"]
    rep = [c for c in top if catalog.party(year, c) == "Republican"]
    if len(top) < 2 or not dem or not rep:
        raise InputError("the two leading candidates were not a Democrat and a Republican",
                         str(year))
    return dem[0], rep[0]


@cache
def record_margins(year: int) -> dict[str, tuple[float, int]]:
    """unit -> (two-party margin in points, two-party votes) in the record of `year`."""
    from electoral.record import catalog
    from electoral.units import unit_votes

    catalog.require_year(year)
    if not catalog.popular_votes(year):
        raise InputError(f"no popular vote in the record for {year} (it starts in 1824)",
                         str(year))
    d, r = two_party(year)
    out: dict[str, tuple[float, int]] = {}
    for unit, votes in unit_votes(year).items():
        dv, rv = votes.get(d, 0), votes.get(r, 0)
        if dv + rv:
            out[unit] = (100.0 * (dv - rv) / (dv + rv), dv + rv)
    return out


def _units(year: int) -> tuple[tuple[str, str, int], ...]:
    from electoral.units import voting_units

    return tuple((u.code, u.state, u.electors) for u in voting_units(year))


def _votes_for(year: int) -> dict[str, int]:
    return {u: v for u, (_, v) in record_margins(base_year(year)).items()}


MAX_SWING = 100.0  # points of the two-party margin: a margin cannot move further


def parse_swing(text: str | float) -> float:
    """'D+1.5' -> +1.5, 'R+2' -> -2.0, '-0.5' -> -0.5 (points of the two-party margin, at most
    100 either way: the margin runs from -100 to 100)."""
    if isinstance(text, bool) or not isinstance(text, int | float | str):
        raise InputError(f"swing must look like D+1.5, R+2 or -0.5, got {text!r}", "swing")
    if isinstance(text, int | float):
        value = float(text)
    else:
        m = re.fullmatch(r"\s*([DR])\s*\+\s*([0-9]{1,3}(?:\.[0-9]{1,6})?)\s*|"
                         r"\s*([+-]?[0-9]{1,3}(?:\.[0-9]{1,6})?)\s*", text)
        if not m:
            raise InputError(f"swing must look like D+1.5, R+2 or -0.5, got {text[:20]!r}",
                             "swing")
        value = float(m.group(3)) if m.group(3) is not None else \
            float(m.group(2)) * (1 if m.group(1) == "D" else -1)
    if not math.isfinite(value) or abs(value) > MAX_SWING:
        raise InputError(f"swing must be between R+{MAX_SWING:g} and D+{MAX_SWING:g} points, "
                         f"got {value:g}", "swing")
    return value


def _national_margin(past: dict[str, tuple[float, int]]) -> float:
    """The two-party margin over all units with a result, weighted by their votes."""
    votes = sum(v for _, v in past.values())
    return sum(m * v for m, v in past.values()) / votes if votes else 0.0


def _check(unit: str, margin: float, sd: float, place: str, given_p: bool = False) -> None:
    if not math.isfinite(margin) or not -100 <= margin <= 100:
        raise InputError(f"{unit}: margin must be a number of points in [-100, 100], "
                         f"got {margin}", place)
    if not math.isfinite(sd) or sd < 0:
        raise InputError(f"{unit}: sd cannot be negative, got {sd}", place)
    if sd == 0 and margin == 0 and not given_p:
        raise InputError(f"{unit}: a certain tie (margin 0, sd 0) appoints no electors; "
                         "give a margin or an sd", place)


def _check_probability(p: float, unit: str, place: str) -> None:
    if not (math.isfinite(p) and 0 <= p <= 1):
        raise InputError(f"{unit}: p_dem is a probability, in [0, 1], got {p}", place)


def prior(from_year: int, swing: float | str = 0.0, sd: float = 4.0, year: int | None = None
          ) -> ForecastInput:
    """Margins of a past election's units plus a uniform national swing, each with error `sd`.

    Units of `year` that did not exist in `from_year` (districts before the district method)
    take their state's margin; a state admitted since `from_year` takes the national margin,
    with a note.
    """
    year = default_year() if year is None else year
    delta = parse_swing(swing)
    past = record_margins(from_year)
    votes = _votes_for(year)
    notes = []
    units = []
    national = _national_margin(past)
    for code, state, n in _units(year):
        m = past.get(code) or past.get(state)
        if m is None:
            m = (national, 0)
            notes.append(f"{code}: no two-party vote in {from_year} (not yet a state, or no "
                         f"popular vote); the national margin {national:+.1f} used")
        elif code not in past:
            notes.append(f"{code}: no {from_year} result of its own; its state's margin used")
        margin = max(-100.0, min(100.0, m[0] + delta))
        _check(code, margin, sd, "sd")
        units.append(UnitInput(code, n, margin, float(sd), votes.get(code, m[1]) or 0))
    sign = "D" if delta >= 0 else "R"
    return ForecastInput(year, tuple(units), f"{from_year} results, swing {sign}+{abs(delta):g}",
                         tuple(notes))


def read_inputs(path: str | Path, year: int | None = None) -> ForecastInput:
    """A CSV (`unit,margin,sd`) or JSON (`[{"unit", "margin", "sd"}]` or `{"units": [...]}`)
    file giving every voting unit of `year` (default: the next election). Instead of a
    margin, a unit may give `p_dem`, the Democrat's probability of carrying it."""
    p = Path(path)
    year = default_year() if year is None else year
    text = read_text(p)
    rows: Iterable[tuple[str, Mapping[str, Any]]]
    if p.suffix.lower() == ".json":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(f"not valid JSON: {e.msg}", f"{p}:{e.lineno}") from None
        except RecursionError:
            raise InputError("not valid JSON: nested too deep", str(p)) from None
        except ValueError as e:  # an integer of more than 4,300 digits
            raise InputError(f"not valid JSON: {str(e).split(';')[0][:80]}", str(p)) from None
        items = doc.get("units") if isinstance(doc, dict) else doc
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise InputError('expected a list of {"unit", "margin", "sd"} objects', str(p))
        rows = ((f"{p}:units[{i}]", x) for i, x in enumerate(items))
    else:
        header, records = csv_records(text, str(p))
        missing = {"unit", "sd"} - set(header)
        if not {"margin", "p_dem"} & set(header):
            missing.add("margin")
        if missing:
            raise InputError(f"missing column(s) {', '.join(sorted(missing))} "
                             "(expected unit,margin,sd)", f"{p}:1")
        rows = ((f"{p}:{line}", r) for line, r in records)
    return from_rows(rows, year, str(p))


def from_rows(rows: Iterable[tuple[str, Mapping[str, Any]]], year: int, source: str
              ) -> ForecastInput:
    """(place, {"unit", "margin", "sd"}) rows -> inputs for every unit of `year`."""
    known = {code: n for code, _, n in _units(year)}
    got: dict[str, tuple[float, float, float | None]] = {}
    for place, r in rows:
        unit = str(r.get("unit") or "").strip().upper()
        if unit not in known:
            raise InputError(f"unknown voting unit {unit!r} (states, DC, ME-1, ME-2, NE-1..NE-3)",
                             place)
        if unit in got:
            raise InputError(f"{unit} given twice", place)
        p_dem = None
        try:
            sd = float(r.get("sd"))  # type: ignore[arg-type]
            given = r.get("margin")
            if given not in (None, ""):
                margin = float(given)
            else:
                p_dem = float(r.get("p_dem"))  # type: ignore[arg-type]
                _check_probability(p_dem, unit, place)
                margin = 0.0 if 0 < p_dem < 1 else 100.0 if p_dem else -100.0
        except (TypeError, ValueError):
            raise InputError(f"{unit}: margin (or p_dem) and sd must be numbers", place) from None
        _check(unit, margin, sd, place, p_dem is not None)
        got[unit] = (margin, sd, p_dem)
    missing = [c for c in known if c not in got]
    if missing:
        raise InputError(f"{len(missing)} unit(s) missing: {', '.join(missing[:8])}"
                         f"{' ...' if len(missing) > 8 else ''}", source)
    votes = _votes_for(year)
    return ForecastInput(year, tuple(UnitInput(c, n, got[c][0], got[c][1], votes.get(c, 0),
                                               got[c][2]) for c, n in known.items()), source)
