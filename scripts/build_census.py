"""Census populations and official House apportionments, 1790-2020, as package data.

Writes census_populations.csv (census, state, population, kind, source) and
census_seats.csv (census, state, seats, source). For 1910-2020 the population is the
apportionment population: resident population less "Indians not taxed" (1910-1950,
14th Amendment s. 2), plus federal employees overseas and their dependants where the Census
Bureau counted them (1970, 1990-2020). For 1790-1900 only resident totals exist: they are
kept, labelled "resident", and are not claimed to reproduce those apportionments.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from electoral.states import STATES, state_code

SEATS_1790_2010 = "sarahscheffler_dp-census/house_apportionments.csv"
POP_1790_1900 = "sarahscheffler_dp-census/historical_populations.csv"
GPH = "GPHemsley_house-apportionment/data/{census}_census.csv"
KERR = "kerr14333_congressional-apportionment/apportionment.csv"
MM2_POP = "alecramsay_MM2/{census}_census.csv"
MM2_SEATS = "alecramsay_MM2/Reapportionment for 2020 Census.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _write(path: Path, header: list[str], rows: list[tuple[Any, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(sorted(rows))


def _states_at(census: int) -> set[str]:
    """States apportioned by a census: those admitted before its apportionment took effect
    (AZ and NM were provided for in the 1911 Act; AK and HI came after 1950's)."""
    return {s.code for s in STATES.values() if s.code != "DC" and s.first_election <= census + 2}


def build(raw: Path, out: Path, rep: Any) -> None:
    base = raw / "census_apportionment"
    pops: list[tuple[Any, ...]] = []
    seats: list[tuple[Any, ...]] = []
    # Apportionment populations 1910-2020.
    for census in range(1910, 2030, 10):
        rows = _rows(base / GPH.format(census=census))
        members = _states_at(census)
        got: dict[str, int] = {}
        for r in rows:
            try:
                st = state_code(r["AREA"])
            except Exception:
                continue  # Puerto Rico
            if st not in members:
                continue
            p = int(r["RESIDENT_POPULATION"])
            p -= int(r.get("POPULATION_NOT_TAXED") or 0)  # amend. XIV s. 2
            p += int(r.get("OVERSEAS_POPULATION") or 0)
            got[st] = p
        missing = members - set(got)
        if missing:
            rep.error(f"census {census}: no population for {sorted(missing)}")
        mm2 = base / MM2_POP.format(census=census)
        if mm2.exists():
            other = {r["XX"]: int(r["Population"]) for r in _rows(mm2)}
            diff = {s: (got.get(s), v) for s, v in other.items() if got.get(s) != v}
            if diff:
                rep.note(f"census {census}: apportionment populations differ between sources "
                         f"{diff}; kept the Census Bureau table (GPHemsley)")
        src = f"Census Bureau apportionment population ({GPH.format(census=census)})"
        pops += [(census, st, p, "apportionment", src) for st, p in got.items()]
    # Resident totals 1790-1900 for the states then apportioned.
    hist_seats = _rows(base / SEATS_1790_2010)
    hist_pop = {r["Name"]: r for r in _rows(base / POP_1790_1900)}
    for census in range(1790, 1910, 10):
        for r in hist_seats:
            if r[str(census)].strip() in ("-", ""):
                continue
            st = r["state"]
            name = STATES[st].name
            cell = hist_pop.get(name, {}).get(str(census), "").replace(",", "").strip()
            if cell.isdigit():
                pops.append((census, st, int(cell), "resident",
                             "Census Bureau resident population (not the apportionment "
                             "population: no three-fifths rule, no exclusions)"))
            else:
                rep.note(f"census {census} {st}: no resident population in the source")
    # Official seats: 1790-1900 from the Census Bureau's historical table; 1910-2010 from the
    # same table and a second compilation (compared); 2020 from Table 1 of the 2020 census.
    kerr: dict[tuple[int, str], int] = {}
    for r in _rows(base / KERR):
        if r["seats"] != "NA":
            kerr[(int(r["year"]), state_code(r["State"]))] = int(r["seats"])
    for r in hist_seats:
        st = r["state"]
        for census in range(1790, 2020, 10):
            if census == 1920:
                continue  # no reapportionment after the 1920 census
            cell = r[str(census)].strip()
            if cell in ("-", ""):
                continue
            n = int(cell)
            if census >= 1910 and st not in _states_at(census):
                continue  # AK and HI in 1950: seats by their admission acts, not the census
            if census >= 1910 and kerr.get((census, st)) != n:
                rep.note(f"census {census} {st}: seats {n} vs {kerr.get((census, st))} in a "
                         "second source")
            seats.append((census, st, n, "Census Bureau, Apportionment of Membership of the "
                                         "House of Representatives 1789-2000; 2010 Table 1"))
    for r in _rows(base / MM2_SEATS):
        seats.append((2020, r["XX"], int(r["REPS"]), "Census Bureau 2020 Table 1"))
    adm = [(int(r["census"]), int(r["from_election"]), r["state"], int(r["seats"]),
            r["citation"], r["source"])
           for r in _rows(Path(__file__).resolve().parent.parent / "data" / "curated"
                          / "admission_seats.csv")]
    _write(out / "admission_seats.csv", ["census", "from_election", "state", "seats", "citation",
                                               "source"], adm)
    _write(out / "census_populations.csv", ["census", "state", "population", "kind", "source"],
           pops)
    _write(out / "census_seats.csv", ["census", "state", "seats", "source"], seats)
