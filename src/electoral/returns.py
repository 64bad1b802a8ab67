"""Popular-vote returns: reading a user's file (CSV or JSON), or taking the record's.

A returns file has one row per candidate per state (or congressional district):

    state,district,candidate,party,votes[,running_mate]
    PA,,Joseph R. Biden Jr.,Democratic,3458229
    ME,2,Donald J. Trump,Republican,196692

`district` is empty for the statewide vote; Maine and Nebraska, which appoint by district,
need one row per candidate per district (their statewide total is summed from them if absent).
An optional `county` column (a five-digit FIPS code, or a name) takes county-level returns:
each candidate's rows are summed over the counties of a state (or district); a row repeated
within one county is the duplicate.
JSON is a list of objects with the same keys, or {"year": Y, "rows": [...]}.

Spellings of one person are reconciled ("BIDEN, JOSEPH R. JR" and "Joe Biden"), each merge
reported in the notes (`strict=True` refuses instead); a candidate on several party lines in
one state (fusion) has the lines summed; ballot lines that are no candidate's (blank, void,
over/under votes, "none of these candidates", scattering) are kept apart as other ballots.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.model import ReturnRow, Returns, frozen, frozen_map
from electoral.names import Spelling, candidate_id, other_ballot_kind, reconcile
from electoral.states import STATES, state_code
from electoral.textfile import read_data_file, read_text

REQUIRED = ("state", "candidate", "votes")
OPTIONAL = ("district", "party", "running_mate", "county")
MAX_VOTES = 10**10  # more ballots than people: a typo, not a count

__all__ = ["candidate_id", "parse_rows", "read_returns", "record_returns"]


def _int(text: Any, what: str, place: str, allow_empty: bool = False) -> int | None:
    if type(text) is str and text.isdigit() and text.isascii() and len(text) <= 12:
        value = int(text)  # the common case, quickly
    elif isinstance(text, bool):
        raise InputError(f"{what} must be a whole number, got {text!r}", place)
    elif isinstance(text, int):
        value = text
    else:
        s = "" if text is None else str(text).strip()
        if s == "" and allow_empty:
            return None
        if len(s) > 20 or not re.fullmatch(r"-?[0-9]+", s.replace(",", "")):
            shown = s if len(s) <= 20 else s[:20] + "..."
            raise InputError(f"{what} must be a whole number, got {shown!r}", place)
        value = int(s.replace(",", ""))
    if value < 0:
        raise InputError(f"{what} cannot be negative, got {value}", place)
    if value > MAX_VOTES:
        raise InputError(f"{what} of {value} is more than {MAX_VOTES:,}", place)
    return value


@dataclass(frozen=True, slots=True)
class _Raw:
    line: int
    place: str
    state: str
    district: int | None
    name: str
    party: str | None
    votes: int
    mate: str
    county: str


def _county(value: Any, state: str, place: str) -> str:
    """A county column's cell: a FIPS code must lie in the row's state; "" when absent."""
    text = " ".join(str(value or "").split())
    if text.isdigit() and text.isascii():
        if len(text) != 5:
            raise InputError(f"county FIPS code {text!r} must have five digits", place)
        if text[:2] != STATES[state].fips:
            raise InputError(f"county {text} is not in {state} (its FIPS codes begin "
                             f"{STATES[state].fips})", place)
    return text.lower()


def state_of(rec: Mapping[str, Any], place: str) -> str:
    """The USPS code of a row's `state` field (a code or a name); one-line errors."""
    raw_state = str(rec.get("state") or "").strip()
    if not raw_state:
        raise InputError("state is empty", place)
    try:
        return state_code(raw_state)
    except InputError as e:
        raise InputError(e.problem, place) from None


def parse_rows(records: Iterable[tuple[int, Mapping[str, Any]]], source: str,
               year: int, known_names: Mapping[str, str] | None = None,
               year_candidates: Iterable[str] = (), strict: bool = False) -> Returns:
    """Validate rows (line number, mapping) into Returns. Errors name `source:line`.

    known_names: the record's display names by id; year_candidates: ids of the record's
    candidates of `year` (a spelling of one of them takes the record's id and name);
    strict: refuse a file that spells one person two ways, instead of merging them."""
    raws: list[_Raw] = []
    others: dict[tuple[str, int], dict[str, int]] = {}
    spellings: dict[str, list[Any]] = {}
    for line, rec in records:
        place = f"{source}:{line}"
        st = state_of(rec, place)
        district = _int(rec.get("district"), "district", place, allow_empty=True)
        if district == 0:
            district = None
        if district is not None and district > 99:
            raise InputError(f"district {district} does not exist", place)
        name = " ".join(str(rec.get("candidate") or "").split())
        if not name:
            raise InputError("candidate is empty", place)
        votes = _int(rec.get("votes"), "votes", place)
        assert votes is not None
        kind = other_ballot_kind(name)
        if kind is not None:
            per = others.setdefault((st, district or 0), {})
            per[kind] = per.get(kind, 0) + votes
            continue
        if not candidate_id(name):
            raise InputError(f"candidate {name!r} has no letters or digits", place)
        party = " ".join(str(rec.get("party") or "").split()) or None
        mate = " ".join(str(rec.get("running_mate") or "").split())
        county = _county(rec.get("county"), st, place)
        raws.append(_Raw(line, place, st, district, name, party, votes, mate, county))
        seen = spellings.setdefault(name, [place, 0, party])
        seen[1] += 1
    if not raws:
        if others:
            raise InputError("no candidate in the returns (only blank, void or other ballots)",
                             source)
        raise InputError("no returns in file (it has a header but no rows)", source)
    mate_spellings = {r.mate: [r.place, 0, r.party] for r in raws if r.mate}
    for m, v in mate_spellings.items():
        spellings.setdefault(m, v)
    rec_ = reconcile([Spelling(n, p, k, party) for n, (p, k, party) in spellings.items()],
                     known_names, year_candidates)
    if strict and rec_.merges:
        first = rec_.merges[0]
        raise InputError(f"{first[0].name!r} and {first[1].name!r} ({first[1].place}) look like "
                         "one candidate spelled two ways: use one spelling (or turn strict "
                         "checking off to merge them)", first[0].place)
    names = dict(rec_.names)
    rows: dict[tuple[str, int | None, str], list[_Raw]] = {}
    for r in raws:
        rows.setdefault((r.state, r.district, rec_.ids[r.name]), []).append(r)
    notes = list(rec_.notes)
    parties: dict[str, str] = {}
    mates: dict[str, str] = {}
    state_mates: dict[str, dict[str, str]] = {}
    out: list[ReturnRow] = []
    for (st, district, cid), group in rows.items():
        lines: dict[tuple[str, str], _Raw] = {}
        by_line: dict[str, list[_Raw]] = {}
        for r in group:
            key = (r.county, (r.party or "").lower())
            if key in lines:
                where = st + (f" district {district}" if district else "") + (
                    f" county {r.county}" if r.county else "")
                raise InputError(f"duplicate row for {r.name} in {where}"
                                 f"{' on the ' + r.party + ' line' if r.party else ''} "
                                 f"(first at line {lines[key].line})", r.place)
            lines[key] = r
            by_line.setdefault(key[1], []).append(r)
        if len(by_line) > 1:
            where = st + (f"-{district}" if district else "")
            notes.append(f"{where}: {names[cid]}'s {len(by_line)} party lines "
                         f"({', '.join(g[0].party or '?' for g in by_line.values())}) summed")
        main = max(by_line.values(), key=lambda g: sum(r.votes for r in g))[0]
        if main.party:
            parties.setdefault(cid, main.party)
        out.append(ReturnRow(st, district, cid, main.party, sum(r.votes for r in group)))
        for r in group:
            if not r.mate:
                continue
            mid = rec_.ids[r.mate]
            if r.party:
                parties.setdefault(mid, r.party)
            have = state_mates.setdefault(st, {}).setdefault(cid, mid)
            if have != mid:
                raise InputError(f"{r.name} has two running mates in {st}", r.place)
    # One national mate where every state agrees; the rest per state.
    for cid in {c for per in state_mates.values() for c in per}:
        found = {per[cid] for per in state_mates.values() if cid in per}
        if len(found) == 1:
            mates[cid] = found.pop()
    state_exceptions = {st: {c: m for c, m in per.items() if mates.get(c) != m}
                        for st, per in state_mates.items()}
    return Returns(
        year, tuple(out), frozen_map(mates),  # type: ignore[arg-type]
        frozen_map(names), frozen_map(parties),  # type: ignore[arg-type]
        frozen({st: frozen(per) for st, per in state_exceptions.items() if per}),
        frozen({k: frozen(v) for k, v in others.items()}), tuple(notes))


def read_returns(path: str | Path, year: int, known_names: Mapping[str, str] | None = None,
                 year_candidates: Iterable[str] = (), strict: bool = False) -> Returns:
    """Read and validate a returns file (.csv or .json)."""
    text, source, is_json = read_data_file(path)
    records = _json_records(text, source) if is_json else _csv_records(text, source)
    return parse_rows(records, source, year, known_names, year_candidates, strict)


def _csv_records(text: str, source: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as e:
        raise InputError(f"not a CSV file: {e}", f"{source}:1") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)} (header: {','.join(header)})",
                         f"{source}:1")
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if unknown:
        raise InputError(f"unknown column(s): {', '.join(unknown)}", f"{source}:1")
    if len(set(header)) != len(header):
        raise InputError("a column is named twice", f"{source}:1")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise InputError(f"malformed CSV: {e}", f"{source}:{reader.line_num}") from None
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{len(row)} fields, expected {len(header)}", f"{source}:{line}")
        yield line, dict(zip(header, row, strict=True))


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON: {e.msg}", f"{source}:{e.lineno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deep", source) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"invalid JSON: {str(e).split(';')[0][:80]}", source) from None


def _json_records(text: str, source: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    data = _load_json(text, source)
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise InputError('expected a list of rows, or {"rows": [...]}', source)
    for i, rec in enumerate(rows, start=1):
        place = f"{source}: row {i}"
        if not isinstance(rec, dict):
            raise InputError("each row must be an object", place)
        missing = [c for c in REQUIRED if c not in rec]
        if missing:
            raise InputError(f"missing key(s): {', '.join(missing)}", place)
        unknown = [k for k in rec if k not in REQUIRED + OPTIONAL]
        if unknown:
            raise InputError(f"unknown key(s): {', '.join(unknown)}", place)
        for k, v in rec.items():
            if (v is not None and not isinstance(v, str | int)) or isinstance(v, float):
                raise InputError(f"{k} must be a string or a whole number", place)
        yield i, rec


def json_year(path: str | Path) -> int | None:
    """The "year" a JSON returns file declares; None for a CSV file or JSON without one."""
    text = read_text(path)
    if not text.lstrip().startswith("{"):
        return None
    data = _load_json(text, str(path))
    year = data.get("year") if isinstance(data, dict) else None
    if year is None:
        return None
    if type(year) is not int:
        raise InputError(f"year must be a whole number, got {str(year)[:20]}", f"{path}: year")
    return year


def record_returns(year: int, top: int | None = None) -> Returns:
    """The record's popular vote of `year` as Returns (statewide rows, plus Maine's and
    Nebraska's districts where they appoint by district): the input `tally` takes, to edit
    into scenarios. `top` keeps only the nationally leading candidates."""
    from electoral.record import catalog

    if top is not None and top < 1:
        raise InputError(f"top must be at least 1, got {top}", "top")
    returns = catalog.returns(year)
    if top is None:
        return returns
    national: dict[str, int] = {}
    for r in returns.rows:
        if r.district is None:
            national[r.candidate] = national.get(r.candidate, 0) + r.votes
    keep = set(sorted(national, key=lambda c: (-national[c], c))[:top])
    names = frozen({c: n for c, n in returns.names.items() if c in keep})
    return Returns(year, tuple(r for r in returns.rows if r.candidate in keep),
                   returns.running_mates, names, returns.parties, returns.state_mates,
                   returns.other_ballots, returns.notes)
