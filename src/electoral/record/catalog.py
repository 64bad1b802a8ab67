"""Typed access to the packaged record, and the record's inputs to the pipeline.

The record is data the pipeline runs on: each year's popular vote (returns), the electors
each state appointed where the returns do not decide them (legislatures, electors chosen one
by one, years before popular votes were recorded), the running mates, the deviations from
pledges, the votes not counted, and the contingent elections' ballots. The electoral votes
as the sources report them are kept too, for `check` to compare the pipeline's with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from electoral.errors import NoElectionError
from electoral.law.regimes import VOTING, district_rule, rule_for
from electoral.model import (
    ChamberVote,
    Deviation,
    ElectionInputs,
    ElectoralVotes,
    NotCounted,
    Office,
    ReturnRow,
    Returns,
    StateVotes,
    frozen,
    frozen_map,
)
from electoral.package_data import table
from electoral.states import states_in_union


@cache
def years() -> tuple[int, ...]:
    """Every election year in the record, 1789 to 2024."""
    return tuple(sorted(int(r["year"]) for r in table("elections")))


def last_year() -> int:
    return years()[-1]


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
    """Display names by candidate id."""
    return {r["id"]: r["name"] for r in table("candidates")}


def name(candidate: str) -> str:
    return names().get(candidate, candidate)


@cache
def _parties() -> Mapping[tuple[int, str], str]:
    return {(int(r["year"]), r["candidate"]): r["party"] for r in table("parties")}


def parties() -> Mapping[tuple[int, str], str]:
    """(year, candidate id) -> party, from the canonical party table."""
    return _parties()


def party(year: int, candidate: str, office: Office = Office.PRESIDENT) -> str | None:
    """Party of a candidate in a year; a running mate takes the ticket's party."""
    p = _parties().get((year, candidate))
    if p and office is Office.PRESIDENT:
        return p
    for pres, mate in _mates(year).get("", {}).items():
        if mate == candidate and _parties().get((year, pres)):
            return _parties()[(year, pres)]
    return p or None


@cache
def year_candidates(year: int) -> frozenset[str]:
    """Ids of everyone the record has receiving votes in `year` (popular or electoral)."""
    out = {c for per in popular_votes(year).values() for c in per}
    out |= {r["candidate"] for r in table("electoral_votes") if int(r["year"]) == year}
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class ElectorsRow:
    state: str
    appointed: int
    voted: int
    method: str  # popular | district | legislature | split | not_recorded
    note: str


@cache
def _electors() -> Mapping[int, tuple[ElectorsRow, ...]]:
    out: dict[int, list[ElectorsRow]] = defaultdict(list)
    for r in table("electors"):
        out[int(r["year"])].append(ElectorsRow(r["state"], int(r["appointed"]), int(r["voted"]),
                                               r["method"], r["note"]))
    return {y: tuple(rows) for y, rows in out.items()}


def electors(year: int) -> tuple[ElectorsRow, ...]:
    """Per state: electors appointed and voting, and how they were chosen."""
    return _electors()[require_year(year)]


def electors_appointed(year: int) -> int:
    return sum(r.appointed for r in electors(year))


@cache
def _votes() -> Mapping[tuple[int, str], Mapping[str, Mapping[str, int]]]:
    out: dict[tuple[int, str], dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(dict))
    for r in table("electoral_votes"):
        out[(int(r["year"]), r["office"])][r["state"]][r["candidate"]] = int(r["votes"])
    return out


def electoral_votes(year: int, office: Office) -> ElectoralVotes:
    """Electoral votes as the sources report them cast, state by state (before any were
    rejected at the count): what the pipeline must reproduce."""
    per = _votes().get((require_year(year), office.value), {})
    return ElectoralVotes(year, office, tuple(
        StateVotes(st, frozen_map(per[st])) for st in sorted(per) if per[st]))


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
def _other_ballots() -> Mapping[int, Mapping[tuple[str, int], Mapping[str, int]]]:
    out: dict[int, dict[tuple[str, int], dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for r in table("other_ballots"):
        out[int(r["year"])][(r["state"], int(r["district"]))][r["kind"]] = int(r["votes"])
    return out


def other_ballots(year: int) -> Mapping[tuple[str, int], Mapping[str, int]]:
    """(state, district) -> kind ("scattering", "blank", "over_votes", ...) -> ballots that are
    no listed candidate's."""
    return _other_ballots().get(require_year(year), {})


@cache
def _mates(year: int) -> Mapping[str, Mapping[str, str]]:
    """state ("" for all) -> candidate -> running mate."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for r in table("running_mates"):
        if int(r["year"]) == year:
            out[r["state"]][r["president"]] = r["vice_president"]
    return out


def running_mates(year: int) -> Mapping[str, str]:
    """Candidate -> running mate, nationally (states' own tickets aside)."""
    return _mates(year).get("", {})


@cache
def returns(year: int) -> Returns:
    """The record's popular vote of `year` as Returns: statewide rows, plus Maine's and
    Nebraska's districts where they appoint by district; with the year's running mates."""
    per = popular_votes(year)
    rows = []
    for (st, d), votes in sorted(per.items()):
        if d and district_rule(st, year) is None:
            continue
        for c, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append(ReturnRow(st, d or None, c, _parties().get((year, c)), n))
    cands = {r.candidate for r in rows} | set(running_mates(year)) | set(
        running_mates(year).values())
    mates = _mates(year)
    return Returns(
        year, tuple(rows), frozen(dict(mates.get("", {}))),
        frozen({c: names().get(c, c) for c in cands}),
        frozen({c: p for c in cands if (p := _parties().get((year, c)))}),
        frozen({st: frozen(dict(m)) for st, m in mates.items() if st}),
        frozen({k: frozen(dict(v)) for k, v in _other_ballots().get(year, {}).items()}))


@cache
def deviations(year: int) -> tuple[Deviation, ...]:
    """Electors recorded as not voting as pledged, for both offices."""
    return tuple(Deviation(r["state"], Office(r["office"]), r["pledged_to"], r["voted_for"],
                           int(r["count"]), r["kind"], r["note"], r["source"])
                 for r in table("deviations") if int(r["year"]) == year)


@cache
def not_counted(year: int) -> tuple[NotCounted, ...]:
    """Votes the two houses did not count at the joint session."""
    return tuple(NotCounted(r["state"], Office(r["office"]), r["candidate"], int(r["votes"]),
                            r["reason"], r["source"])
                 for r in table("not_counted") if int(r["year"]) == year)


@cache
def appointed(year: int) -> tuple[Mapping[str, Mapping[str, int]], Mapping[str, str]]:
    """The electors appointed per candidate in the states whose returns do not decide them
    (state -> candidate -> electors), and how those states chose (state -> method)."""
    per: dict[str, dict[str, int]] = defaultdict(dict)
    how: dict[str, str] = {}
    for r in table("appointments"):
        if int(r["year"]) == year:
            per[r["state"]][r["candidate"]] = int(r["electors"])
            how[r["state"]] = r["method"]
    return {st: frozen(v) for st, v in per.items()}, how


@cache
def ballots(year: int) -> tuple[ChamberVote, ...]:
    """The decisive (last) ballot of each contingent election held after `year`'s count."""
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
        senate = final[0]["chamber"] == "senate"
        members = states_in_union(year) * (2 if senate else 1)
        out.append(ChamberVote(office, "senate" if senate else "house", frozen_map(votes),
                               blank, members, last, final[0]["date"], final[0]["source"]))
    return tuple(out)


@cache
def inputs(year: int) -> ElectionInputs:
    """The record of `year` as the pipeline's inputs."""
    rows = electors(year)
    chosen, how = appointed(year)
    return ElectionInputs(
        returns=returns(year),
        electors=frozen_map({r.state: r.appointed for r in rows if r.appointed}),
        appointed=frozen(dict(chosen)), methods=frozen(dict(how)),
        deviations=deviations(year), not_counted=not_counted(year), ballots=ballots(year),
        source="record", state_notes=frozen({r.state: r.note for r in rows if r.note}))


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


@dataclass(frozen=True, slots=True)
class Objection:
    year: int
    date: str
    state: str
    grounds: str
    objectors: str
    procedure: str
    senators_signed: int | None
    representatives_signed: int | None
    senate_vote: tuple[int, int] | None  # (yeas, nays) on the question put
    house_vote: tuple[int, int] | None
    commission_vote: str
    outcome: str
    votes_affected: str
    source: str


def _opt(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _pair(a: str, b: str) -> tuple[int, int] | None:
    x, y = _opt(a), _opt(b)
    return (x, y) if x is not None and y is not None else None


def objections(year: int) -> tuple[Objection, ...]:
    """Objections raised at the count of the `year` election, in the order recorded."""
    return tuple(
        Objection(int(r["year"]), r["joint_session_date"], r["state"], r["grounds"],
                  r["objectors"], r["procedure"], _opt(r["senators_signed"]),
                  _opt(r["representatives_signed"]), _pair(r["senate_yeas"], r["senate_nays"]),
                  _pair(r["house_yeas"], r["house_nays"]), r["commission_vote"], r["outcome"],
                  r["votes_affected"], r["source"])
        for r in table("objections") if int(r["year"]) == year)
