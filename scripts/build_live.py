"""Package the county results the live model replays and learns from.

Writes to OUT:
- county_results.csv: year,state,fips,county,dem,rep,total. One row per county (or county
  equivalent) of the 2016, 2020 and 2024 presidential elections, from tonmcg's
  US_County_Level_Election_Results_08-24 (MIT; scraped from Townhall 2016, Fox/Politico/NYT
  2020, Fox 2024; its author calls the files "not authoritative"). dem and rep are the
  Democratic and Republican nominees' votes, total all ballots counted for President.

The raw files disagree with county geography in places; the build normalises them so that a
FIPS code means one area in every year (each change is reported as a note):
- Alaska is not reported by borough: 2016 repeats the statewide total on 29 borough rows,
  2020 and 2024 give the 40 state house districts (2024 numbers them 02001-02040, codes that
  collide with real borough FIPS codes). Alaska becomes one statewide row, fips 02000.
- The District of Columbia is one county (11001); 2024 gives its 8 wards: summed.
- Shannon County, South Dakota, was renamed Oglala Lakota in 2015 and renumbered from 46113
  to 46102; the 2016 file still uses 46113.
- Connecticut's 2024 rows are its nine planning regions (09110-09190), the Census Bureau's
  county equivalents since 2022, which do not nest in the eight counties of 2016 and 2020:
  kept as given (the live model pools what has no counterpart; electoral.live.baseline).
State sums are compared with the record's popular vote: the differences (pre-certification
files in 2024 for AK, OR, MA, NH, VA among others) are notes, not errors.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from electoral.states import STATES, state_code

if TYPE_CHECKING:
    from build_data import Report

FOLDER = Path("county_results")
YEARS = (2016, 2020, 2024)
COLUMNS = ["year", "state", "fips", "county", "dem", "rep", "total"]
ALASKA, DC = "02000", "11001"
RENUMBERED = {"46113": ("46102", "Oglala Lakota County")}  # Census Bureau change of 2015
WARN_SHARE = 0.001  # a state whose county sum misses the record by more: reported


def _whole(text: str, place: str, rep: Report) -> int:
    value = float(text)
    if value != int(value) or value < 0:
        rep.error(f"{place}: votes {text!r} are not a whole number")
    return int(value)


def _read(raw: Path, year: int, rep: Report) -> list[tuple[str, str, str, int, int, int]]:
    """(state, fips, county, dem, rep, total) as the file gives them (FIPS zero-padded)."""
    path = raw / FOLDER / f"{year}_US_County_Level_Presidential_Results.csv"
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            place = f"{path.name}:{i}"
            if year == 2016:  # an older layout: floats, state codes, unpadded FIPS
                st, fips = r["state_abbr"], str(int(float(r["combined_fips"]))).zfill(5)
            else:
                st, fips = state_code(r["state_name"]), r["county_fips"].zfill(5)
            if fips[:2] != STATES[st].fips:
                rep.error(f"{place}: FIPS {fips} is not in {st}")
            out.append((st, fips, r["county_name"].strip(),
                        _whole(r["votes_dem"], place, rep), _whole(r["votes_gop"], place, rep),
                        _whole(r["total_votes"], place, rep)))
    return out


def _sums(rows: list[tuple[str, str, str, int, int, int]]) -> tuple[int, int, int]:
    return (sum(r[3] for r in rows), sum(r[4] for r in rows), sum(r[5] for r in rows))


def _normalise(year: int, rows: list[tuple[str, str, str, int, int, int]], rep: Report
               ) -> list[tuple[int, str, str, str, int, int, int]]:
    out: list[tuple[int, str, str, str, int, int, int]] = []
    alaska = [r for r in rows if r[0] == "AK"]
    if alaska:
        if len({r[3:] for r in alaska}) == 1:  # the statewide total repeated per borough
            d, r_, t = alaska[0][3:]
            rep.note(f"county_results {year}: Alaska's {len(alaska)} rows repeat the statewide "
                     "total: one statewide row (02000) kept")
        else:
            d, r_, t = _sums(alaska)
            rep.note(f"county_results {year}: Alaska reported by {len(alaska)} state house "
                     "districts, not boroughs: summed to one statewide row (02000)")
        out.append((year, "AK", ALASKA, "Alaska (statewide)", d, r_, t))
    wards = [r for r in rows if r[0] == "DC"]
    if len(wards) > 1:
        rep.note(f"county_results {year}: the District of Columbia's {len(wards)} wards "
                 f"summed to one row ({DC})")
    if wards:
        out.append((year, "DC", DC, "District of Columbia", *_sums(wards)))
    for st, fips, county, d, r_, t in rows:
        if st in ("AK", "DC"):
            continue
        if fips in RENUMBERED:
            new, name = RENUMBERED[fips]
            rep.note(f"county_results {year}: {county} ({fips}) renumbered {new} ({name})")
            fips, county = new, name
        out.append((year, st, fips, county, d, r_, t))
    if any(st == "CT" and fips[2:] >= "100" for _, st, fips, *_ in out):
        rep.note(f"county_results {year}: Connecticut by its nine planning regions (the "
                 "county equivalents since 2022), not its eight counties")
    return out


def _record_two_party(out: Path) -> dict[tuple[int, str], tuple[int, int]]:
    """(year, state) -> (Democratic, Republican) statewide votes in the packaged record."""
    party: dict[tuple[int, str], str] = {}
    with (out / "parties.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            party[(int(r["year"]), r["candidate"])] = r["party"]
    got: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    with (out / "popular_votes.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            if y not in YEARS or r["district"] not in ("", "0"):
                continue
            p = party.get((y, r["candidate"]))
            if p in ("Democratic", "Republican"):
                got[(y, r["state"])][p == "Republican"] += int(r["votes"])
    return {k: (v[0], v[1]) for k, v in got.items()}


def build(raw: Path, out: Path, rep: Report) -> None:
    rows: list[tuple[int, str, str, str, int, int, int]] = []
    for year in YEARS:
        got = _normalise(year, _read(raw, year, rep), rep)
        seen: set[str] = set()
        for r in got:
            if r[2] in seen:
                rep.error(f"county_results {year}: FIPS {r[2]} twice")
            seen.add(r[2])
            if r[4] + r[5] > r[6]:
                rep.error(f"county_results {year} {r[2]}: more two-party votes than ballots")
        if {r[1] for r in got} != set(STATES):
            rep.error(f"county_results {year}: states missing")
        rows += got
    record = _record_two_party(out)
    for year in YEARS:
        for st in sorted(STATES):
            d = sum(r[4] for r in rows if r[0] == year and r[1] == st)
            r_ = sum(r[5] for r in rows if r[0] == year and r[1] == st)
            rd, rr = record[(year, st)]
            if abs(d - rd) > WARN_SHARE * rd or abs(r_ - rr) > WARN_SHARE * rr:
                rep.note(f"county_results {year} {st}: county sums D {d:,} R {r_:,} differ "
                         f"from the record's D {rd:,} R {rr:,} (by {d - rd:+,} / {r_ - rr:+,})")
    rows.sort(key=lambda r: (r[0], r[2]))
    with (out / "county_results.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows)
