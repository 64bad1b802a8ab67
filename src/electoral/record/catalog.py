"""Typed access to the packaged record: years, electors, votes, candidates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from electoral.errors import NoElectionError
from electoral.law.regimes import VOTING, rule_for
from electoral.model import (
    ContingentElection,
    ElectoralVotes,
    Office,
    StateVotes,
    Tally,
    frozen_map,
)
from electoral.record.store import table
from electoral.states import STATES


@cache
def years() -> tuple[int, ...]:
    """Every election year in the record, 1789 to 2024."""
    return tuple(sorted(int(r["year"]) for r in table("elections")))


def require_year(year: int) -> int:
    if year not in years():
        first, last = years()[0], years()[-1]
        if first <= year <= last:
            raise NoElectionError(f"no presidential election was held in {year} "
                                  f"(elections: 1789, 1792, then every fourth year)", str(year))
        raise NoElectionError(f"the record covers {first}-{last}; no election {year} in it",
                              str(year))
    return year


@cache
def names() -> Mapping[str, str]:
    return {r["id"]: r["name"] for r in table("candidates")}


@cache
def _parties() -> Mapping[tuple[int, str], str]:
    return {(int(r["year"]), r["candidate"]): r["party"] for r in table("parties")}


def name(candidate: str) -> str:
    return names().get(candidate, candidate)


def party(year: int, candidate: str, office: Office = Office.PRESIDENT) -> str | None:
    """Party of a candidate in a year; a running mate takes the ticket's party."""
    p = _parties().get((year, candidate))
    if p and office is Office.PRESIDENT:
        return p
    for pres, mate in running_mates(year).items():
        if mate == candidate and _parties().get((year, pres)):
            return _parties()[(year, pres)]
    return p or None


@dataclass(frozen=True, slots=True)
class ElectorsRow:
    state: str
    appointed: int
    voted: int
    not_counted: int
    method: str
    note: str


@cache
def _electors() -> Mapping[int, tuple[ElectorsRow, ...]]:
    out: dict[int, list[ElectorsRow]] = defaultdict(list)
    for r in table("electors"):
        out[int(r["year"])].append(ElectorsRow(r["state"], int(r["appointed"]), int(r["voted"]),
                                               int(r["not_counted"]), r["method"], r["note"]))
    return {y: tuple(rows) for y, rows in out.items()}


def electors(year: int) -> tuple[ElectorsRow, ...]:
    """Per state: electors appointed, voted and not counted, and how they were chosen."""
    return _electors()[require_year(year)]


def electors_appointed(year: int) -> int:
    return sum(r.appointed for r in electors(year))


@cache
def _votes() -> Mapping[tuple[int, str], Mapping[str, Mapping[str, tuple[int, int]]]]:
    out: dict[tuple[int, str], dict[str, dict[str, tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(dict))
    for r in table("electoral_votes"):
        out[(int(r["year"]), r["office"])][r["state"]][r["candidate"]] = (
            int(r["votes"]), int(r["counted"]))
    return out


def electoral_votes(year: int, office: Office, counted: bool = True) -> ElectoralVotes:
    """Electoral votes recorded for an office, state by state; `counted` keeps only the votes
    Congress counted (e.g. 1872: Arkansas's and Louisiana's were rejected)."""
    per = _votes().get((require_year(year), office.value), {})
    states = []
    for st in sorted(per):
        votes = {c: (vc if counted else v) for c, (v, vc) in per[st].items()}
        votes = {c: n for c, n in votes.items() if n > 0}
        if votes:
            states.append(StateVotes(st, frozen_map(votes)))
    return ElectoralVotes(year, office, tuple(states))


def has_vice_president_ballot(year: int) -> bool:
    return rule_for(VOTING, year).separate_vice_president


@cache
def _popular() -> Mapping[int, Mapping[tuple[str, int], Mapping[str, int]]]:
    out: dict[int, dict[tuple[str, int], dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for r in table("popular_votes"):
        out[int(r["year"])][(r["state"], int(r["district"]))][r["candidate"]] = int(r["votes"])
    return out


def popular_votes(year: int) -> Mapping[tuple[str, int], Mapping[str, int]]:
    """(state, district) -> candidate -> votes; district 0 is the statewide vote."""
    return _popular().get(require_year(year), {})


def require_popular_votes(year: int) -> Mapping[tuple[str, int], Mapping[str, int]]:
    """`popular_votes(year)`, or a NoElectionError for a year the record has none of."""
    per = popular_votes(year)
    if not per:
        raise NoElectionError(f"the record has no popular vote for {year} (it starts in 1824)",
                              str(year))
    return per


@cache
def running_mates(year: int) -> Mapping[str, str]:
    return {r["president"]: r["vice_president"] for r in table("running_mates")
            if int(r["year"]) == year}


@dataclass(frozen=True, slots=True)
class Deviation:
    state: str
    office: str
    pledged_to: str
    voted_for: str
    count: int
    kind: str  # faithless | abstention | deceased_candidate
    note: str


def deviations(year: int) -> tuple[Deviation, ...]:
    """Electors recorded as voting against their pledge, or abstaining."""
    return tuple(Deviation(r["state"], r["office"], r["pledged_to"], r["voted_for"],
                           int(r["count"]), r["kind"], r["note"])
                 for r in table("deviations") if int(r["year"]) == year)


@dataclass(frozen=True, slots=True)
class RecordedOutcome:
    president_elect: str
    vice_president_elect: str
    decided_by: str
    vp_decided_by: str


def recorded_outcome(year: int) -> RecordedOutcome:
    for r in table("elections"):
        if int(r["year"]) == year:
            return RecordedOutcome(r["president_elect"], r["vice_president_elect"],
                                   r["decided_by"], r["vp_decided_by"])
    raise NoElectionError(f"no election {year} in the record", str(year))


def national_totals(year: int, office: Office) -> dict[str, int]:
    return {r["candidate"]: int(r["votes"]) for r in table("national_totals")
            if int(r["year"]) == year and r["office"] == office.value}


def states_in_union(year: int) -> int:
    """States that could take part in a contingent election held after the `year` election."""
    return sum(1 for s in STATES.values() if s.code != "DC" and s.first_election <= year)


def recorded_contingent(year: int, tallies: Mapping[Office, tuple[Tally, ...]]
                        ) -> tuple[ContingentElection, ...]:
    """The House's (and Senate's) recorded decision, final ballot, as engine values."""
    from electoral.law.contingent import eligible_candidates

    rows = [r for r in table("contingent_elections") if int(r["year"]) == year]
    out = []
    for office in (Office.PRESIDENT, Office.VICE_PRESIDENT):
        mine = [r for r in rows if r["office"] == office.value]
        if not mine:
            continue
        last = max(int(r["ballot"]) for r in mine)
        final = [r for r in mine if int(r["ballot"]) == last]
        votes = {r["candidate"]: int(r["votes"]) for r in final
                 if not r["candidate"].startswith("(")}
        blank = sum(int(r["votes"]) for r in final if r["candidate"].startswith("("))
        chamber = final[0]["chamber"]
        members = states_in_union(year) * (2 if chamber == "senate" else 1)
        needed = members // 2 + 1  # amend. XII: a majority of all the states / of the senators
        winner = next((c for c, n in votes.items() if n >= needed), None)
        out.append(ContingentElection(
            office=office, chamber="senate" if chamber == "senate" else "house",
            eligible=eligible_candidates(tallies.get(office, ()), year, office),
            votes=frozen_map(votes), needed=needed, winner=winner, divided=blank,
            authority=("U.S. Const. amend. XII" if year >= 1804
                       else "U.S. Const. art. II, s. 1, cl. 3") + f"; ballot {last} of {final[0]['date']}",
        ))
    return tuple(out)
