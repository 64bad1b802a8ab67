"""Scenarios: a rating for every voting unit (safe, likely, lean for either side, or toss-up)
under one election's law and electors, their totals against the majority of the electors
appointed, and their encodings (a short share code, JSON, CSV).

Pure functions; the page (static/app.js) mirrors `share_code` and `totals`.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from electoral.errors import InputError
from electoral.law.regimes import FIRST_ELECTION, LAST_ELECTION

# A scenario's House: a seat for each of the 50 states (Art. I s. 2 cl. 3) up to 2,000.
MIN_SEATS, MAX_SEATS = 50, 2000


def frozen_map(items: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """A read-only view over a private copy (str or int values)."""
    return MappingProxyType(dict(items or {}))


# Rating codes in share-code order: index 0 is the toss-up a new scenario starts from.
RATINGS: tuple[str, ...] = ("T", "D3", "D2", "D1", "R1", "R2", "R3")
RATING_LABELS: Mapping[str, str] = frozen_map({
    "T": "Toss-up", "D3": "Safe D", "D2": "Likely D", "D1": "Lean D",
    "R1": "Lean R", "R2": "Likely R", "R3": "Safe R", "O": "Third candidate"})
SIDES = ("D", "R")
OTHER = "O"  # a third candidate: a unit rated O gives it its electors
CANDIDATE_SIDES = (*SIDES, OTHER)
ALL_RATINGS = (*RATINGS, OTHER)
DEFAULT_CANDIDATES = {"D": "Democratic", "R": "Republican"}
DEFAULT_OTHER = "Other"
# Safe colours per side (the paler Likely and Lean shades follow from them: maps/view.py).
DEFAULT_COLORS = {"D": "#2166ac", "R": "#b2182b", "O": "#e69f00"}
COLOR = re.compile(r"#[0-9a-f]{6}")
# The share code packs two units (7 x 7 = 49 states) into one URL-safe character.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"
MAX_NAME, MAX_NOTES = 200, 5000


@dataclass(frozen=True, slots=True)
class Scenario:
    """A map of ratings. Units not in `ratings` are toss-ups.

    year: the election whose law applies (district method in ME/NE) and whose electors are
        used, unless `census` is given: then electors come from apportioning that census's
        populations among `seats` House seats by `method` (seats + 2 per state, DC 3).
    """

    year: int
    ratings: Mapping[str, str] = field(default_factory=frozen_map)
    name: str = ""
    notes: str = ""
    census: int | None = None
    seats: int = 435
    method: str = "huntington-hill"
    candidates: Mapping[str, str] = field(  # side -> display name
        default_factory=lambda: frozen_map(DEFAULT_CANDIDATES))
    delegations: Mapping[str, int] | None = None  # side -> House delegations, when given
    colors: Mapping[str, str] = field(  # side -> its Safe colour, "#rrggbb"
        default_factory=lambda: frozen_map(DEFAULT_COLORS))
    # state -> the side its House delegation votes for, or "divided" (no vote): the map of
    # the contingent election, when drawn; `delegations` then counts it.
    house: Mapping[str, str] | None = None

    def rating(self, unit: str) -> str:
        return self.ratings.get(unit, "T")

    def to_dict(self) -> dict[str, Any]:
        """The documented scenario JSON (docs/json.md), with its share code and totals."""
        units = scenario_units(self)
        return {"year": self.year, "census": self.census, "seats": self.seats,
                "method": self.method, "name": self.name, "notes": self.notes,
                "candidates": dict(self.candidates), "colors": dict(self.colors),
                "delegations": dict(self.delegations) if self.delegations is not None else None,
                "house": dict(self.house) if self.house is not None else None,
                "ratings": {u: self.rating(u) for u, _ in units},
                "electors": dict(units),
                "code": share_code(self), "totals": totals(self).to_dict()}


@dataclass(frozen=True, slots=True)
class Totals:
    """Electoral votes by side and rating, against the majority of the electors appointed."""

    electors_appointed: int
    majority: int
    by_rating: Mapping[str, int]  # rating code -> electors
    states_voting: int  # state delegations in a House contingent election
    house_needed: int
    outcome: str  # "D" | "R" | "O" (a majority) | "house" (none, all units called) | "open"
    house_winner: str | None  # side elected by the House, when delegations are given

    def side(self, side: str) -> int:
        return sum(n for r, n in self.by_rating.items() if r.startswith(side))

    def to_dict(self) -> dict[str, Any]:
        return {"electors_appointed": self.electors_appointed, "majority": self.majority,
                "D": self.side("D"), "R": self.side("R"), "O": self.side("O"),
                "toss_up": self.by_rating["T"],
                "by_rating": dict(self.by_rating), "outcome": self.outcome,
                "house": {"states": self.states_voting, "needed": self.house_needed,
                          "winner": self.house_winner}}


# Keyed by what a request names (17 million combinations are possible): bounded.
@lru_cache(maxsize=256)
def _units(year: int, census: int | None, seats: int, method: str) -> tuple[tuple[str, int], ...]:
    from electoral.units import voting_units

    electors = None
    if census is not None:
        from electoral.apportionment import census_electors

        electors = census_electors(census, seats, method)
    return tuple((u.code, u.electors) for u in voting_units(year, electors))


def scenario_units(s: Scenario) -> tuple[tuple[str, int], ...]:
    """(unit code, electors) of the scenario, in voting_units order (the share-code order)."""
    return _units(s.year, s.census, s.seats, s.method)


def totals(s: Scenario) -> Totals:
    """Sum the electors by rating; a side wins outright with a majority of the electors
    appointed (amend. XII); with every unit called and no majority the House decides, one vote
    per state delegation, a majority of the states needed (amend. XII)."""
    from electoral.law.majority import majority_of, majority_of_appointed
    from electoral.states import states_in_union

    units = scenario_units(s)
    by = dict.fromkeys(ALL_RATINGS, 0)
    for unit, n in units:
        by[s.rating(unit)] += n
    appointed = sum(n for _, n in units)
    need = majority_of_appointed(appointed)
    held = {side: sum(n for r, n in by.items() if r.startswith(side)) for side in CANDIDATE_SIDES}
    states = states_in_union(s.year)
    house_needed = majority_of(states)  # amend. XII: a majority of all the states
    outcome = next((k for k in CANDIDATE_SIDES if held[k] >= need),
                   "house" if by["T"] == 0 else "open")
    winner = None
    if outcome == "house" and s.delegations:
        winner = next((k for k in CANDIDATE_SIDES if s.delegations.get(k, 0) >= house_needed),
                      None)
    return Totals(appointed, need, frozen_map(by), states, house_needed, outcome, winner)


def _packed(s: Scenario) -> str:
    """The ratings, two units per character, trailing toss-ups dropped."""
    values = [RATINGS.index(s.rating(u)) if s.rating(u) in RATINGS else 0
              for u, _ in scenario_units(s)]
    if len(values) % 2:
        values.append(0)
    return "".join(ALPHABET[a * 7 + b]
                   for a, b in zip(values[::2], values[1::2], strict=True)).rstrip("A")


def _head(s: Scenario) -> str:
    head = str(s.year)
    if s.census is not None:
        head += f"c{s.census}-{s.seats}-{s.method}"
    return head


def checksum(text: str) -> str:
    """FNV-1a (32 bits) of the text's UTF-8 bytes, as 8 hex digits: it catches a link cut
    short or mistyped (not a signature)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def _extra(s: Scenario) -> str:
    """What a link carries beyond the ratings: the name, notes, candidates and delegations
    that differ from a new scenario's, as base64url JSON."""
    doc: dict[str, Any] = {}
    if s.name:
        doc["name"] = s.name
    if s.notes:
        doc["notes"] = s.notes
    if dict(s.candidates) != DEFAULT_CANDIDATES:
        doc["candidates"] = dict(s.candidates)
    if dict(s.colors) != DEFAULT_COLORS:
        doc["colors"] = dict(s.colors)
    if s.delegations is not None:
        doc["delegations"] = dict(s.delegations)
    other = [u for u, _ in scenario_units(s) if s.rating(u) == OTHER]
    if other:
        doc["other"] = other  # packed as toss-ups above
    if s.house is not None:  # one letter a state, in house_states() order; x: divided
        doc["house"] = "".join(HOUSE_LETTER[s.house[st]] for st in house_states(s))
    if not doc:
        return ""
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def share_code(s: Scenario) -> str:
    """The whole scenario as a URL-safe code: "2024~<ratings>[~<extra>]~<checksum>". The
    ratings pack two units per character; an apportionment adds "c<census>-<seats>-<method>"
    after the year; extra holds the name, notes, candidates and delegations; the checksum
    makes a cut or mistyped link an error instead of another map. (Codes of the first form,
    "2024.<ratings>", ratings only and no checksum, are still read.)"""
    body = f"{_head(s)}~{_packed(s)}"
    extra = _extra(s)
    if extra:
        body += f"~{extra}"
    return f"{body}~{checksum(body)}"


HEAD = r"([0-9]{4})(?:c([0-9]{4})-([0-9]{1,5})-([a-z-]{1,40}))?"
SHARE_CODE = re.compile(HEAD + r"\.(.*)")  # the first form
SHARE_CODE_2 = re.compile(HEAD + r"~([A-Za-w]*)(?:~([A-Za-z0-9_-]+))?~([0-9a-f]{8})")
MAX_CODE = 16_000  # characters: a name of 200 and notes of 5,000 fit in about 7,000


def from_share_code(code: str) -> Scenario:
    """The scenario a share code encodes."""
    code = code.strip()
    if len(code) > MAX_CODE:
        raise InputError(f"a share code is at most {MAX_CODE:,} characters", "code")
    extra: dict[str, Any] = {}
    if "~" in code:
        m = SHARE_CODE_2.fullmatch(code)
        if m is None or checksum(code[:code.rindex("~")]) != m.group(7):
            raise InputError("this link is damaged or cut short (its checksum does not "
                             "match): ask for it again", "code")
        year_text, census_text, seats_text, method_text, packed, extra_text, _ = m.groups()
        if extra_text:
            try:
                raw = base64.urlsafe_b64decode(extra_text + "=" * (-len(extra_text) % 4))
                extra = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError, RecursionError):
                raise InputError("the link's name and notes cannot be read", "code") from None
            if not isinstance(extra, dict) or set(extra) - {"name", "notes", "candidates",
                                                           "colors", "delegations", "other",
                                                           "house"}:
                raise InputError("the link's name and notes cannot be read", "code")
    else:
        m1 = SHARE_CODE.fullmatch(code)
        if m1 is None:
            raise InputError("a share code looks like 2024~QhAx...~1a2b3c4d (or 2024.QhAx...)",
                             "code")
        year_text, census_text, seats_text, method_text, packed = m1.groups()
    census: int | None = int(census_text) if census_text else None
    seats = int(seats_text) if seats_text else 435
    method = method_text or "huntington-hill"
    bad = sorted(set(packed) - set(ALPHABET))
    if bad:
        raise InputError(f"characters {''.join(bad)[:20]!r} cannot appear in a share code",
                         "code")
    other = extra.pop("other", [])
    if not isinstance(other, list):
        raise InputError("the link's third-candidate units cannot be read", "code")
    base = make_scenario({"year": int(year_text), "census": census, "seats": seats,
                          "method": method, **extra,
                          "ratings": dict.fromkeys(other, OTHER)}, "code")
    units = scenario_units(base)
    values: list[int] = []
    for ch in packed:
        v = ALPHABET.index(ch)
        values += [v // 7, v % 7]
    if len(packed) > (len(units) + 1) // 2:
        raise InputError(f"{len(packed)} characters for {len(units)} units", "code")
    ratings = {u: RATINGS[v] for (u, _), v in zip(units, values, strict=False) if v}
    for u in other:
        if u in ratings:
            raise InputError(f"{u} is both rated and given to the third candidate", "code")
        ratings[u] = OTHER
    return Scenario(base.year, frozen_map(ratings), base.name, base.notes, census, seats,
                    method, base.candidates, base.delegations, base.colors, base.house)


def _int(value: Any, what: str, place: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} must be a whole number, got {value!r}", place)
    if not low <= value <= high:
        raise InputError(f"{what} must be between {low} and {high}, got {value}", place)
    return value


def _text(value: Any, what: str, place: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{what} must be text", place)
    if len(value) > limit:
        raise InputError(f"{what} longer than {limit} characters", place)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what} is not valid Unicode text (a lone surrogate)", place) from None
    return value


KEYS = {"year", "census", "seats", "method", "name", "notes", "candidates", "colors",
        "delegations", "house", "ratings", "electors", "code", "totals", "id",
        "created"}  # the last five: output only


def make_scenario(doc: Any, place: str = "scenario") -> Scenario:
    """Validate a scenario document (the to_dict() shape; `electors`, `code`, `totals`, `id`
    and `created` are ignored) into a Scenario. Raises InputError naming the bad field."""
    from electoral.apportionment import electors_for
    from electoral.errors import NoElectionError

    if not isinstance(doc, dict):
        raise InputError("a scenario is a JSON object", place)
    unknown = sorted(set(doc) - KEYS)
    if unknown:
        raise InputError(f"unknown key(s): {', '.join(unknown)}", place)
    if "year" not in doc:
        raise InputError("year is missing", place)
    year = _int(doc["year"], "year", place, FIRST_ELECTION, LAST_ELECTION)
    try:
        electors_for(year)
    except NoElectionError as e:
        raise NoElectionError(e.problem, place) from None
    census = doc.get("census")
    seats = doc.get("seats", 435)
    method = doc.get("method", "huntington-hill")
    if census is not None:
        from electoral.apportionment import censuses, normalise_method

        census = _int(census, "census", place, censuses()[0], censuses()[-1])
        if census not in censuses():
            raise InputError(f"no census {census} in the record", place)
        seats = _int(seats, "seats", place, MIN_SEATS, MAX_SEATS)
        if not isinstance(method, str):
            raise InputError("method must be text", place)
        try:
            method = normalise_method(method)
        except InputError as e:
            raise InputError(e.problem, place) from None
    else:
        seats, method = 435, "huntington-hill"
    cands = doc.get("candidates") or DEFAULT_CANDIDATES
    if not isinstance(cands, dict) or set(cands) - set(CANDIDATE_SIDES):
        raise InputError('candidates must be {"D": name, "R": name} (and "O" for a third)',
                         place)
    cands = {**DEFAULT_CANDIDATES, **{k: _text(v, f"candidates.{k}", place, MAX_NAME).strip()
                                       or DEFAULT_CANDIDATES.get(k, "")
                                       for k, v in cands.items()}}
    raw_ratings = doc.get("ratings") or {}
    if not cands.get(OTHER) and isinstance(raw_ratings, dict) and any(
            isinstance(r, str) and r.upper() == OTHER for r in raw_ratings.values()):
        cands[OTHER] = DEFAULT_OTHER  # a file rating units O names no third candidate
    if not cands.get(OTHER):
        cands.pop(OTHER, None)
    colors_doc = doc.get("colors") or {}
    if not isinstance(colors_doc, dict) or set(colors_doc) - set(CANDIDATE_SIDES):
        raise InputError('colors must be {"D": "#rrggbb", "R": "#rrggbb", "O": "#rrggbb"}',
                         place)
    colors = dict(DEFAULT_COLORS)
    for k, v in colors_doc.items():
        if not isinstance(v, str) or not COLOR.fullmatch(v.lower()):
            raise InputError(f"colors.{k} must be a colour like #2166ac, got {str(v)[:20]!r}",
                             place)
        colors[k] = v.lower()
    from electoral.states import states_in_union

    states = states_in_union(year)
    dels = doc.get("delegations")
    if dels is not None:
        if not isinstance(dels, dict) or set(dels) - set(cands):
            raise InputError("delegations must be {side: count} for the scenario's candidates "
                             '(e.g. {"D": 20, "R": 26})', place)
        dels = {k: _int(v, f"delegations.{k}", place, 0, states) for k, v in dels.items()}
        if sum(dels.values()) > states:  # amend. XII: one vote per state
            raise InputError(f"delegations add up to {sum(dels.values())}, more than the "
                             f"{states} states", place)
    base = Scenario(year, census=census, seats=seats, method=method)
    house = _house(doc.get("house"), house_states(base), cands, place)
    if house is not None:  # the map decides the counts
        counted = {k: sum(1 for v in house.values() if v == k) for k in cands}
        if dels is not None and any(dels.get(k, 0) != n for k, n in counted.items()):
            raise InputError(f"delegations {dels} do not match the House map ({counted})",
                             place)
        dels = counted
    known = dict(scenario_units(base))
    raw = raw_ratings
    if not isinstance(raw, dict):
        raise InputError("ratings must be an object {unit: rating}", place)
    ratings: dict[str, str] = {}
    for unit, rating in raw.items():
        if unit not in known:
            raise InputError(f"unknown unit {unit!r} in {year} (units: states by USPS code, "
                             "districts as ME-1)", place)
        code = str(rating).upper() if isinstance(rating, str) else None
        if code not in ALL_RATINGS:
            raise InputError(f"{unit}: rating must be one of {', '.join(ALL_RATINGS)}, got "
                             f"{rating!r}", place)
        if code != "T":
            ratings[unit] = code
    return Scenario(year, frozen_map(ratings), _text(doc.get("name"), "name", place,
                                                     MAX_NAME),
                    _text(doc.get("notes"), "notes", place, MAX_NOTES), census, seats, method,
                    frozen_map(cands), frozen_map(dels) if dels is not None else None,
                    frozen_map(colors), frozen_map(house) if house is not None else None)


HOUSE_LETTER = {"D": "D", "R": "R", "O": "O", "divided": "x"}


def house_states(s: Scenario) -> tuple[str, ...]:
    """The states that vote in the House (amend. XII: states, so not DC), sorted."""
    return tuple(sorted(u for u, _ in scenario_units(s) if "-" not in u and u != "DC"))


def _house(value: Any, states: tuple[str, ...], cands: Mapping[str, str], place: str
           ) -> dict[str, str] | None:
    """A House map: {state: side or "divided"} for every state, or the link's compact form
    (one letter a state in `states` order: D, R, O, x for divided)."""
    if value is None:
        return None
    if isinstance(value, str):
        letters = {v: k for k, v in HOUSE_LETTER.items()}
        if len(value) != len(states) or set(value) - set(letters):
            raise InputError(f"the House map has {len(value)} letters for {len(states)} states",
                             place)
        value = {st: letters[ch] for st, ch in zip(states, value, strict=True)}
    if not isinstance(value, dict) or set(value) != set(states):
        raise InputError(f"the House map gives each of the {len(states)} states a side or "
                         '"divided"', place)
    allowed = {*cands, "divided"}
    for st, side in value.items():
        if side not in allowed:
            raise InputError(f"house.{st}: {side!r} is not one of {', '.join(sorted(allowed))}",
                             place)
    return {st: value[st] for st in states}


CSV_COLUMNS = ("year", "census", "seats", "method", "unit", "electors", "rating")
CSV_TEXT = ("name", "notes")  # optional columns, filled on the first row only


def to_csv(s: Scenario) -> str:
    """One row per unit: year, census, seats, method, unit, electors, rating; the name and
    notes on the first row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS + CSV_TEXT)
    for i, (unit, n) in enumerate(scenario_units(s)):
        w.writerow([s.year, "" if s.census is None else s.census, s.seats, s.method, unit, n,
                    s.rating(unit), *((s.name, s.notes) if i == 0 else ("", ""))])
    return buf.getvalue()


def parse_scenario(text: str, place: str = "scenario") -> Scenario:
    """A scenario from exported JSON or CSV text (the format is recognised from the text)."""
    if not text.strip():
        raise InputError("empty scenario", place)
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(f"invalid JSON: {e.msg}", f"{place}:{e.lineno}") from None
        except (RecursionError, ValueError) as e:  # nested too deep; a 5,000-digit number
            raise InputError(f"invalid JSON: {type(e).__name__}: {str(e)[:60]}", place) from None
        return make_scenario(doc, place)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}", place) from None
    header = [h.strip() for h in rows[0]] if rows else []
    if header[:len(CSV_COLUMNS)] != list(CSV_COLUMNS) or \
            header[len(CSV_COLUMNS):] not in (list(CSV_TEXT[:n]) for n in range(3)):
        raise InputError(f"CSV header must be {','.join(CSV_COLUMNS)} (then optionally "
                         f"{','.join(CSV_TEXT)})", f"{place}:1")
    body = [(line, cells) for line, cells in enumerate(rows[1:], start=2)
            if any(c.strip() for c in cells)]
    if not body:
        raise InputError("no units in the CSV", place)
    records: list[tuple[int, dict[str, str]]] = []
    for line, cells in body:
        if len(cells) != len(header):
            raise InputError(f"{len(cells)} fields, expected {len(header)}", f"{place}:{line}")
        records.append((line, {k: v if k in CSV_TEXT else v.strip()
                               for k, v in zip(header, cells, strict=True)}))

    def num(value: str, line: int) -> int:
        if not re.fullmatch(r"[0-9]{1,9}", value):
            raise InputError(f"expected a whole number, got {value[:20]!r}", f"{place}:{line}")
        return int(value)

    first = records[0][1]
    parsed: dict[str, Any] = {"year": num(first["year"], 2), "seats": num(first["seats"], 2),
                              "method": first["method"], "ratings": {}}
    if first["census"]:
        parsed["census"] = num(first["census"], 2)
    for key in CSV_TEXT:
        if first.get(key):
            parsed[key] = first[key]
    for line, r in records:
        if any(r[k] != first[k] for k in ("year", "census", "seats", "method")):
            raise InputError("every row must have the same year, census, seats and method",
                             f"{place}:{line}")
        if r["unit"] in parsed["ratings"]:
            raise InputError(f"unit {r['unit'][:20]!r} given twice", f"{place}:{line}")
        parsed["ratings"][r["unit"]] = r["rating"]
    s = make_scenario(parsed, place)
    known = dict(scenario_units(s))
    for line, r in records:
        if r["electors"] and num(r["electors"], line) != known[r["unit"]]:
            raise InputError(f"{r['unit']} has {known[r['unit']]} electors in this "
                             f"apportionment, not {r['electors']}", f"{place}:{line}")
    return s
