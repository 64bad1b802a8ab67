"""The packaged county results (county_results.csv) and the areas the live model works on.

An area is a county whose FIPS code exists in both the election and its baseline (the
previous election in the packaged county results). Where the geography changed between the
two (Connecticut's 2024 planning regions replaced its counties, which they do not nest in),
the counties without a counterpart are pooled, per state, into one area whose baseline is
the sum of the old units; a state where only one side has such counties becomes one area.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from electoral.errors import InputError
from electoral.package_data import table


@dataclass(frozen=True, slots=True)
class County:
    year: int
    state: str
    fips: str
    name: str
    dem: int
    rep: int
    total: int


@dataclass(frozen=True, slots=True)
class Area:
    """A unit the model predicts: one county, or a pool of counties whose geography changed."""

    code: str  # the county's FIPS code, or "<state FIPS>POOL" for a pool
    state: str
    name: str
    members: tuple[str, ...]  # FIPS codes of the election's counties in the area
    base_dem: int
    base_rep: int
    base_total: int


@dataclass(frozen=True, slots=True)
class Geography:
    year: int
    baseline: int
    areas: tuple[Area, ...]
    area_of: Mapping[str, int]  # election-year FIPS -> index into areas
    notes: tuple[str, ...]


@cache
def counties(year: int) -> Mapping[str, County]:
    """FIPS -> County of `year` in the packaged county results (empty when not packaged)."""
    return {r["fips"]: County(year, r["state"], r["fips"], r["county"], int(r["dem"]),
                              int(r["rep"]), int(r["total"]))
            for r in table("county_results") if int(r["year"]) == year}


@cache
def county_years() -> tuple[int, ...]:
    return tuple(sorted({int(r["year"]) for r in table("county_results")}))


def baseline_year(year: int) -> int:
    """The election before `year` in the packaged county results: the live model's baseline."""
    past = [y for y in county_years() if y < year]
    if not past:
        raise InputError(f"no county results before {year} to learn from (the package has "
                         f"{', '.join(map(str, county_years()))})", str(year))
    return past[-1]


@cache
def geography(year: int) -> Geography:
    """The areas of `year` against its baseline. A year without packaged county results of
    its own (the next election) takes its baseline's counties."""
    base = baseline_year(year)
    old = counties(base)
    new = counties(year) or old
    notes: list[str] = []
    areas: list[Area] = []
    area_of: dict[str, int] = {}
    for st in sorted({c.state for c in new.values()}):
        mine = sorted(f for f, c in new.items() if c.state == st)
        theirs = sorted(f for f, c in old.items() if c.state == st)
        only_new = [f for f in mine if f not in old]
        only_old = [f for f in theirs if f not in new]
        if (only_new and not only_old) or (only_old and not only_new):
            only_new, only_old = mine, theirs  # nothing to pool against: the whole state
        for f in mine:
            if f in only_new:
                continue
            c, b = new[f], old[f]
            area_of[f] = len(areas)
            areas.append(Area(f, st, c.name, (f,), b.dem, b.rep, b.total))
        if only_new:
            code = f"{new[only_new[0]].fips[:2]}POOL"
            for f in only_new:
                area_of[f] = len(areas)
            areas.append(Area(code, st, f"{st}: {len(only_new)} units pooled", tuple(only_new),
                              sum(old[f].dem for f in only_old), sum(old[f].rep for f in only_old),
                              sum(old[f].total for f in only_old)))
            notes.append(f"{st}: {len(only_new)} units of {year} have no {base} counterpart "
                         f"({len(only_old)} of {base}): pooled into one area")
    return Geography(year, base, tuple(areas), area_of, tuple(notes))
