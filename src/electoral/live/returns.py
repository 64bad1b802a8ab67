"""Partial county-level returns: reading and validating a live file (CSV or JSON).

Two layouts, one row per county or per candidate in a county:

    state,county,candidate,party,votes[,counted_share][,expected_votes]     (long)
    PA,42101,Kamala D. Harris,Democratic,402312,0.62
    state,county,dem,rep[,other][,counted_share][,expected_votes]           (wide)
    PA,42101,402312,93112,2140,0.62

`county` is the five-digit FIPS code (Alaska reports statewide, 02000; the District of
Columbia is 11001). A long row is the Democrat's or the Republican's when its party says so
(Democratic, Republican, DEM, REP, D, R) or, without a party, when the candidate is that
year's nominee by surname; every other row counts toward the county's total only.
`counted_share` is the share of the county's expected vote counted so far (0-1), or
`expected_votes` the expected total; with neither, the county is complete. JSON: a list of
objects with these keys, or {"year": Y, "rows": [...]}.

Errors name `file:line` (JSON: `file: row N`): an unknown state or FIPS code, a FIPS code of
another state, negative or malformed votes, a row given twice, a share outside [0, 1], more
votes than the expected total, and between two updates, votes that go down.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.live.areas import geography
from electoral.names import person_key
from electoral.returns import _int, state_of
from electoral.states import STATES
from electoral.textfile import csv_records, read_data_file

LONG = ("state", "county", "candidate", "party", "votes", "counted_share", "expected_votes")
WIDE = ("state", "county", "dem", "rep", "other", "counted_share", "expected_votes")
DEM_PARTY = frozenset({"democratic", "democrat", "dem", "d"})
REP_PARTY = frozenset({"republican", "rep", "gop", "r"})
MAX_ROWS = 200_000  # about 3,150 counties x a dozen candidates, with room to spare


@dataclass(frozen=True, slots=True)
class CountyCount:
    """One county's count so far. share: of its expected vote counted (1.0: complete)."""

    fips: str
    state: str
    dem: int
    rep: int
    total: int  # every ballot counted for President so far, the two parties' included
    share: float
    place: str  # where the county first appears in the file


@dataclass(frozen=True, slots=True)
class PartialReturns:
    year: int
    source: str
    counties: Mapping[str, CountyCount]


def _share(value: Any, place: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InputError(f"counted_share must be a number from 0 to 1, got {value!r}", place)
    try:
        s = float(str(value).strip().rstrip("%")) / (100 if str(value).strip().endswith("%")
                                                     else 1)
    except ValueError:
        raise InputError(f"counted_share must be a number from 0 to 1, got {str(value)[:20]!r}",
                         place) from None
    if not math.isfinite(s) or s < 0:
        raise InputError(f"counted_share must be a number from 0 to 1, got {value}", place)
    if s > 1:
        raise InputError(f"counted_share {value} is more than the county's whole expected vote",
                         place)
    return s


def _nominees(year: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """(surname, initial) keys of the record's Democratic and Republican nominees of `year`."""
    from electoral.forecasting.inputs import two_party
    from electoral.record import catalog

    if year not in catalog.years():
        return None
    names = catalog.names()
    d, r = two_party(year)
    return person_key(names.get(d, d)), person_key(names.get(r, r))


def _side(party: str, candidate: str, nominees: Any) -> str:
    key = party.strip().lower().rstrip(".")
    if key in DEM_PARTY:
        return "D"
    if key in REP_PARTY:
        return "R"
    if not key and candidate and nominees is not None:
        surname = person_key(candidate)[0]
        if surname == nominees[0][0]:
            return "D"
        if surname == nominees[1][0]:
            return "R"
    return "O"


def parse_records(records: Iterable[tuple[str, Mapping[str, Any]]], year: int, source: str,
                  wide: bool) -> PartialReturns:
    """Validate (place, row) records into one county count per county."""
    geo = geography(year)
    nominees = _nominees(year)
    acc: dict[str, list[Any]] = {}  # fips -> [state, dem, rep, total, share, expected, place]
    seen: dict[tuple[str, str], str] = {}
    n = 0
    for place, rec in records:
        n += 1
        if n > MAX_ROWS:
            raise InputError(f"more than {MAX_ROWS:,} rows", place)
        st = state_of(rec, place)
        fips = str(rec.get("county") if rec.get("county") is not None else "").strip()
        if fips.isdigit() and len(fips) == 4:
            fips = "0" + fips  # a spreadsheet dropped the leading zero
        if not (fips.isdigit() and fips.isascii() and len(fips) == 5):
            raise InputError(f"county must be a five-digit FIPS code, got {fips[:20]!r}", place)
        if fips[:2] != STATES[st].fips:
            raise InputError(f"county {fips} is not in {st} (its FIPS codes begin "
                             f"{STATES[st].fips})", place)
        if fips not in geo.area_of:
            raise InputError(f"unknown county FIPS code {fips} in {st} for {year}", place)
        if wide:
            if (fips, "") in seen:
                raise InputError(f"county {fips} given twice (first at {seen[(fips, '')]})",
                                 place)
            seen[(fips, "")] = place
        share = _share(rec.get("counted_share"), place)
        expected = _int(rec.get("expected_votes"), "expected_votes", place, allow_empty=True)
        got = acc.setdefault(fips, [st, 0, 0, 0, share, expected, place])
        if (got[4], got[5]) != (share, expected):
            raise InputError(f"county {fips}: counted_share or expected_votes differs from its "
                             f"row at {got[6]}", place)
        if wide:
            d = _int(rec.get("dem"), "dem", place)
            r = _int(rec.get("rep"), "rep", place)
            o = _int(rec.get("other"), "other", place, allow_empty=True) or 0
            assert d is not None and r is not None
            got[1] += d
            got[2] += r
            got[3] += d + r + o
            continue
        cand = " ".join(str(rec.get("candidate") or "").split())
        party = " ".join(str(rec.get("party") or "").split())
        if not cand and not party:
            raise InputError("a row needs a candidate or a party", place)
        key = (fips, f"{cand.lower()}|{party.lower()}")
        if key in seen:
            raise InputError(f"duplicate row for {cand or party} in county {fips} (first at "
                             f"{seen[key]})", place)
        seen[key] = place
        votes = _int(rec.get("votes"), "votes", place)
        assert votes is not None
        side = _side(party, cand, nominees)
        if side == "D":
            got[1] += votes
        elif side == "R":
            got[2] += votes
        got[3] += votes
    if not acc:
        raise InputError("no returns in file (it has a header but no rows)", source)
    out: dict[str, CountyCount] = {}
    for fips, (st, d, r, t, share, expected, place) in acc.items():
        if expected is not None:
            if t > expected:
                raise InputError(f"county {fips} has {t:,} votes, more than its expected total "
                                 f"of {expected:,}", place)
            s = t / expected if expected else 1.0
            if share is not None and abs(s - share) > 0.005:
                raise InputError(f"county {fips}: counted_share {share} disagrees with "
                                 f"{t:,} of {expected:,} expected votes", place)
            share = s
        if share is None:
            share = 1.0
        if share == 0 and t > 0:
            raise InputError(f"county {fips} has {t:,} votes but none of its expected vote "
                             "counted (counted_share 0)", place)
        out[fips] = CountyCount(fips, st, d, r, t, share, place)
    return PartialReturns(year, source, out)


def read_partial(path: str | Path, year: int) -> PartialReturns:
    """Read one live file (CSV or JSON, see the module)."""
    text, source, is_json = read_data_file(path)
    if is_json:
        rows, wide = _json(text, source)
        return parse_records(rows, year, source, wide)
    header, records = csv_records(text, source)
    header = [h.strip().lower() for h in header]
    wide = _layout(header, f"{source}:1")
    return parse_records(((f"{source}:{line}", {k.strip().lower(): v for k, v in r.items()})
                          for line, r in records), year, source, wide)


def _layout(keys: Sequence[str], place: str) -> bool:
    """True for the wide layout (dem, rep columns), False for the long one (votes)."""
    wide = "votes" not in keys and "dem" in keys and "rep" in keys
    allowed = WIDE if wide else LONG
    need = ("state", "county", "dem", "rep") if wide else ("state", "county", "votes")
    missing = [c for c in need if c not in keys]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)} (expected state,county,"
                         "candidate,party,votes or state,county,dem,rep)", place)
    unknown = [k for k in keys if k not in allowed]
    if unknown:
        raise InputError(f"unknown column(s): {', '.join(unknown)}", place)
    if len(set(keys)) != len(keys):
        raise InputError("a column is named twice", place)
    return wide


def _json(text: str, source: str) -> tuple[list[tuple[str, Mapping[str, Any]]], bool]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON: {e.msg}", f"{source}:{e.lineno}") from None
    except (RecursionError, ValueError):
        raise InputError("invalid JSON", source) from None
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise InputError('expected a list of rows, or {"rows": [...]}', source)
    if not rows:
        raise InputError("no returns in file", source)
    out: list[tuple[str, Mapping[str, Any]]] = []
    wide: bool | None = None
    for i, rec in enumerate(rows, start=1):
        place = f"{source}: row {i}"
        if not isinstance(rec, dict):
            raise InputError("each row must be an object", place)
        this = _layout([str(k).lower() for k in rec], place)
        if wide is not None and this != wide:
            raise InputError("rows mix the long (votes) and wide (dem, rep) layouts", place)
        wide = this
        for k, v in rec.items():
            if (v is not None and not isinstance(v, str | int | float)) or isinstance(v, bool):
                raise InputError(f"{k} must be a string or a number", place)
            if isinstance(v, float) and k != "counted_share":
                raise InputError(f"{k} must be a whole number or a string, got {v}", place)
        out.append((place, {str(k).lower(): v for k, v in rec.items()}))
    return out, bool(wide)


def check_updates(updates: Sequence[PartialReturns]) -> None:
    """Successive updates of one night: no county's votes (either party's, or its total) and
    no county's counted share may go down, and a county once in stays in."""
    for before, after in itertools.pairwise(updates):
        for fips, b in before.counties.items():
            a = after.counties.get(fips)
            if a is None:
                raise InputError(f"county {fips} ({b.state}) reported in {before.source} is "
                                 "missing from this update", after.source)
            for what, x, y in (("Democratic votes", b.dem, a.dem),
                               ("Republican votes", b.rep, a.rep),
                               ("total votes", b.total, a.total)):
                if y < x:
                    raise InputError(f"county {fips}: {what} went down from {x:,} "
                                     f"({before.source}) to {y:,}", a.place)
            if a.share < b.share - 1e-9:
                raise InputError(f"county {fips}: counted share went down from {b.share:g} to "
                                 f"{a.share:g}", a.place)
