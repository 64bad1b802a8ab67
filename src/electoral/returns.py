"""Popular-vote returns: reading a user's file (CSV or JSON), or taking the record's.

A returns file has one row per candidate per state (or congressional district):

    state,district,candidate,party,votes[,running_mate]
    PA,,Joseph R. Biden Jr.,Democratic,3458229
    ME,2,Donald J. Trump,Republican,196692

`district` is empty for the statewide vote; Maine and Nebraska, which appoint by district,
need one row per candidate per district (their statewide total is summed from them if absent).
JSON is a list of objects with the same keys, or {"year": Y, "rows": [...]}.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.model import ReturnRow, Returns, frozen_map
from electoral.states import state_code

REQUIRED = ("state", "candidate", "votes")
OPTIONAL = ("district", "party", "running_mate")
MAX_BYTES = 20 * 1024 * 1024  # a full year's returns are ~0.5 MB; refuse anything absurd


@lru_cache(maxsize=4096)
def candidate_id(name: str) -> str:
    """Stable id of a candidate from a display name (the same rule the record uses)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _int(text: Any, what: str, place: str, allow_empty: bool = False) -> int | None:
    if type(text) is str and text.isdigit() and text.isascii():  # the common case, quickly
        return int(text)
    if isinstance(text, bool):
        raise InputError(f"{what} must be a whole number, got {text!r}", place)
    if isinstance(text, int):
        value = text
    else:
        s = "" if text is None else str(text).strip()
        if s == "" and allow_empty:
            return None
        if not re.fullmatch(r"-?\d+", s.replace(",", "")):
            raise InputError(f"{what} must be a whole number, got {s!r}", place)
        value = int(s.replace(",", ""))
    if value < 0:
        raise InputError(f"{what} cannot be negative, got {value}", place)
    return value


def parse_rows(records: Iterable[tuple[int, Mapping[str, Any]]], source: str,
               year: int, known_names: Mapping[str, str] | None = None) -> Returns:
    """Validate rows (line number, mapping) into Returns. Errors name `source:line`."""
    rows: list[ReturnRow] = []
    seen: dict[tuple[str, int | None, str], int] = {}
    names: dict[str, str] = {}
    parties: dict[str, str] = {}
    mates: dict[str, str] = {}
    for line, rec in records:
        place = f"{source}:{line}"
        raw_state = str(rec.get("state") or "").strip()
        if not raw_state:
            raise InputError("state is empty", place)
        try:
            st = state_code(raw_state)
        except InputError as e:
            raise InputError(e.problem, place) from None
        district = _int(rec.get("district"), "district", place, allow_empty=True)
        if district == 0:
            district = None
        cand_name = str(rec.get("candidate") or "").strip()
        if not cand_name:
            raise InputError("candidate is empty", place)
        cid = candidate_id(cand_name)
        if not cid:
            raise InputError(f"candidate {cand_name!r} has no letters or digits", place)
        votes = _int(rec.get("votes"), "votes", place)
        assert votes is not None
        key = (st, district, cid)
        if key in seen:
            where = f"{st}" + (f" district {district}" if district else "")
            raise InputError(f"duplicate row for {cand_name} in {where} (first at line "
                             f"{seen[key]})", place)
        seen[key] = line
        party = str(rec.get("party") or "").strip() or None
        names.setdefault(cid, (known_names or {}).get(cid, cand_name))
        if party:
            parties.setdefault(cid, party)
        mate = str(rec.get("running_mate") or "").strip()
        if mate:
            mid = candidate_id(mate)
            names.setdefault(mid, (known_names or {}).get(mid, mate))
            if party:
                parties.setdefault(mid, party)
            if mates.setdefault(cid, mid) != mid:
                raise InputError(f"{cand_name} has two different running mates", place)
        rows.append(ReturnRow(st, district, cid, party, votes))
    if not rows:
        raise InputError("no returns in file (it has a header but no rows)", source)
    return Returns(year, tuple(rows), frozen_map(mates), frozen_map(names),  # type: ignore[arg-type]
                   frozen_map(parties))  # type: ignore[arg-type]


def read_returns(path: str | Path, year: int,
                 known_names: Mapping[str, str] | None = None) -> Returns:
    """Read and validate a returns file (.csv or .json)."""
    p = Path(path)
    source = str(path)
    if not p.is_file():
        raise InputError("no such file", source)
    if p.stat().st_size > MAX_BYTES:
        raise InputError(f"file larger than {MAX_BYTES // 2**20} MiB", source)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (byte {e.start})", source) from None
    if not text.strip():
        raise InputError("empty file", source)
    if p.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        return parse_rows(_json_records(text, source), source, year, known_names)
    return parse_rows(_csv_records(text, source), source, year, known_names)


def _csv_records(text: str, source: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)} (header: {','.join(header)})",
                         f"{source}:1")
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if unknown:
        raise InputError(f"unknown column(s): {', '.join(unknown)}", f"{source}:1")
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{len(row)} fields, expected {len(header)}", f"{source}:{line}")
        yield line, dict(zip(header, row, strict=True))


def _json_records(text: str, source: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON: {e.msg}", f"{source}:{e.lineno}") from None
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
        yield i, rec


def json_year(path: str | Path) -> int | None:
    """The "year" a JSON returns file declares, if any."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and isinstance(data.get("year"), int):
        return int(data["year"])
    return None


def record_returns(year: int, top: int | None = None) -> Returns:
    """The record's popular vote of `year` as Returns (statewide rows, plus Maine's and
    Nebraska's districts where they appoint by district): the input `tally` takes, to edit
    into scenarios. `top` keeps only the nationally leading candidates."""
    from electoral.law.regimes import district_rule
    from electoral.record import catalog

    per = catalog.require_popular_votes(year)
    national: dict[str, int] = {}
    for (_, d), votes in per.items():
        if d == 0:
            for c, n in votes.items():
                national[c] = national.get(c, 0) + n
    keep = set(sorted(national, key=lambda c: -national[c])[:top]) if top else set(national)
    rows = []
    for (st, d), votes in sorted(per.items()):
        if d and district_rule(st, year) is None:
            continue
        for c, n in sorted(votes.items(), key=lambda kv: -kv[1]):
            if c in keep:
                rows.append(ReturnRow(st, d or None, c, catalog.party(year, c), n))
    names = {c: catalog.name(c) for c in keep}
    parties = {c: p for c in keep if (p := catalog.party(year, c))}
    return Returns(year, tuple(rows), frozen_map(catalog.running_mates(year)),  # type: ignore[arg-type]
                   frozen_map(names), frozen_map(parties))  # type: ignore[arg-type]
