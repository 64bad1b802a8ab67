"""Candidate names: one id rule, and reconciling the spellings of one person.

The same rule serves the data build and the runtime: a candidate's id is the ASCII slug of
the display name ("Joseph R. Biden Jr." -> "joseph-r-biden-jr"). Returns spell people in
different ways ("BIDEN, JOSEPH R. JR" in MEDSL, "Joe Biden" elsewhere); `reconcile` decides
which spellings in one file are the same person, and says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Ballot lines that are no candidate's votes: kept apart as "other ballots" (their kind).
_OTHER_BALLOTS: tuple[tuple[str, str], ...] = (
    (r"(blank|blanks|blank votes?|blank ballots?)", "blank"),
    (r"(void|voided|spoiled|spoilt|rejected|invalid)( votes?| ballots?)?", "void"),
    (r"over ?votes?|overvotes?", "over_votes"),
    (r"under ?votes?|undervotes?", "under_votes"),
    (r"none of (these|the) candidates|none of the above", "none_of_these_candidates"),
    (r"not designated", "not_designated"),
    (r"scattering|scattered|write[- ]?ins?( votes?)?|all write[- ]?ins?", "scattering"),
    (r"others?|other candidates|all others|other \(all remaining\)", "other"),
)
_OTHER_RE = [(re.compile(rf"^\s*(?:{p})\s*$", re.I), kind) for p, kind in _OTHER_BALLOTS]


@lru_cache(maxsize=8192)
def candidate_id(name: str) -> str:
    """Stable id of a candidate from a display name (the build's and the runtime's rule)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def other_ballot_kind(name: str) -> str | None:
    """The kind of a ballot line that is no candidate ("Blank", "Over Votes", "None of these
    candidates", "Scattering", "Other"), or None for a candidate's name."""
    for rx, kind in _OTHER_RE:
        if rx.match(name):
            return kind
    parts = [p for p in re.split(r"\s*/\s*", name) if p.strip()]
    if len(parts) > 1:  # "Blank Vote/Void Vote/Scattering": one line for several kinds
        kinds = [other_ballot_kind(p) for p in parts]
        if all(kinds):
            return "_and_".join(dict.fromkeys(k for k in kinds if k))
    return None


def natural_order(name: str) -> str:
    """'BIDEN, JOSEPH R. JR' -> 'JOSEPH R. BIDEN JR' (a name given surname first)."""
    if name.count(",") != 1:
        return name.strip()
    last, first = (p.strip() for p in name.split(","))
    if not first or candidate_id(first).replace("-", "") in SUFFIXES:
        return name.strip()  # "Biden, Jr." style: a suffix after the comma
    words = first.split()
    suffix = [w for w in words if candidate_id(w) in SUFFIXES]
    rest = [w for w in words if candidate_id(w) not in SUFFIXES]
    return " ".join([*rest, last, *suffix])


def person_key(name: str) -> tuple[str, str]:
    """(surname, first initial) of a name in either order, ignoring case, punctuation and
    suffixes: 'BIDEN, JOSEPH R. JR' and 'Joe Biden' both give ('biden', 'j')."""
    words = [w for w in candidate_id(natural_order(name)).split("-") if w and w not in SUFFIXES]
    if not words:
        return ("", "")
    return (words[-1], words[0][0])


# Given names and their usual short forms, for telling "Bob Dole" from "Robert Dole".
NICKNAMES = {"bob": "robert", "bill": "william", "joe": "joseph", "jimmy": "james",
             "jim": "james", "ted": "edward", "ed": "edward", "al": "albert", "gene": "eugene",
             "ron": "ronald", "dick": "richard", "rocky": "ross", "tom": "thomas",
             "mike": "michael", "dan": "daniel", "pat": "patrick", "chuck": "charles"}


def given_names(name: str) -> list[str]:
    """The given names of a person, in order ('J. Strom Thurmond' -> ['j', 'strom'])."""
    words = [w for w in candidate_id(natural_order(name)).split("-") if w and w not in SUFFIXES]
    return words[:-1]


def same_given_name(a: str, b: str) -> bool:
    """Whether two spellings can be one person's: a given name of one (or its usual short
    form) agrees, by initial, with a given name of the other."""
    ga, gb = given_names(a), given_names(b)
    if not ga or not gb:
        return True
    first = {NICKNAMES.get(w, w)[0] for w in ga} | {w[0] for w in ga}
    other = {NICKNAMES.get(w, w)[0] for w in gb} | {w[0] for w in gb}
    return bool(first & other)


def _party_key(party: str | None) -> str:
    return candidate_id(party or "")[:3]


@dataclass(frozen=True, slots=True)
class Spelling:
    """One spelling of a candidate in a file: where it first appears, how often, its party."""

    name: str
    place: str
    rows: int
    party: str | None


@dataclass(frozen=True, slots=True)
class Reconciled:
    ids: Mapping[str, str]  # spelling -> candidate id
    names: Mapping[str, str]  # candidate id -> display name
    notes: tuple[str, ...]
    merges: tuple[tuple[Spelling, ...], ...]  # groups of spellings taken as one person


def reconcile(spellings: Sequence[Spelling], known: Mapping[str, str] | None = None,
              year_known: Iterable[str] = ()) -> Reconciled:
    """Group the spellings of one file by person.

    Two spellings are the same person when they differ only in order ("Last, First Jr."),
    case and punctuation, or share surname and first initial ("Joe" / "Joseph") with no
    conflicting party. `known`: the record's display names by id; `year_known`: the ids of the
    record's candidates of that year, whose name a matching spelling takes.
    """
    known = known or {}
    by_key: dict[tuple[str, str], list[Spelling]] = {}
    for sp in spellings:
        by_key.setdefault(person_key(sp.name), []).append(sp)
    year_by_key: dict[tuple[str, str], list[str]] = {}
    for cid in year_known:
        year_by_key.setdefault(person_key(known.get(cid, cid)), []).append(cid)
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    notes: list[str] = []
    merges: list[tuple[Spelling, ...]] = []
    for key, group in by_key.items():
        parties = {_party_key(sp.party) for sp in group if sp.party}
        groups = [group] if len(parties) <= 1 else [[sp] for sp in group]
        for g in groups:
            record = year_by_key.get(key, [])
            if len(record) == 1:
                cid = record[0]
                display = known.get(cid, cid)
            else:
                exact = [candidate_id(sp.name) for sp in g if candidate_id(sp.name) in known]
                best = max(g, key=lambda sp: (sp.rows, len(sp.name)))
                cid = exact[0] if exact else candidate_id(natural_order(best.name))
                display = known.get(cid) or natural_order(best.name)
            for sp in g:
                ids[sp.name] = cid
            names[cid] = display
            distinct = {candidate_id(natural_order(sp.name)) for sp in g}
            if len(distinct) > 1:
                merges.append(tuple(g))
                spelled = " and ".join(f"{sp.name!r} ({sp.place}, {sp.rows} row"
                                       f"{'s' if sp.rows != 1 else ''})" for sp in g)
                notes.append(f"{spelled} taken as one candidate, {display}")
    return Reconciled(ids, names, tuple(notes), tuple(merges))
