"""Election results: the record's, or the engine's from user returns, in one typed shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from electoral.count import count
from electoral.model import (
    Appointment,
    ContingentElection,
    ElectoralVotes,
    Office,
    Outcome,
)
from electoral.outcome import decide
from electoral.record import catalog
from electoral.states import state_code, state_name


@dataclass(frozen=True, slots=True)
class CandidateVotes:
    candidate: str  # stable id
    name: str
    party: str | None
    votes: int


@dataclass(frozen=True, slots=True)
class DistrictResult:
    district: int
    popular_vote: tuple[CandidateVotes, ...]
    winner: str | None


@dataclass(frozen=True, slots=True)
class StateResult:
    state: str
    electors: int  # appointed
    method: str  # popular | district | legislature | not_recorded
    president: tuple[CandidateVotes, ...]  # electoral votes
    vice_president: tuple[CandidateVotes, ...]
    popular_vote: tuple[CandidateVotes, ...] | None
    districts: tuple[DistrictResult, ...] = ()
    tied: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Faithless:
    state: str
    office: str
    pledged_to: str
    voted_for: str
    count: int
    kind: str
    note: str


@dataclass(frozen=True, slots=True)
class ElectionResult:
    """One election: electoral and popular votes, state by state, and the outcome."""

    year: int
    electors_appointed: int
    majority: int
    president: tuple[CandidateVotes, ...]
    vice_president: tuple[CandidateVotes, ...]
    popular_vote: tuple[CandidateVotes, ...] | None
    outcome: Outcome
    states: tuple[StateResult, ...]
    faithless: tuple[Faithless, ...] = ()
    source: str = "record"  # "record" or "tally"
    notes: tuple[str, ...] = field(default=())

    @property
    def president_elect(self) -> str | None:
        return self.outcome.president_elect

    @property
    def vice_president_elect(self) -> str | None:
        return self.outcome.vice_president_elect

    @property
    def decided_by(self) -> str:
        return self.outcome.decided_by

    def _repr_svg_(self) -> str:
        """The map, in notebooks (electoral.web.render)."""
        from electoral.web.render import svg
        from electoral.web.view import result_view

        return svg(result_view(self))

    def votes_for(self, candidate: str, office: Office = Office.PRESIDENT) -> int:
        rows = self.president if office is Office.PRESIDENT else self.vice_president
        return next((r.votes for r in rows if r.candidate == candidate), 0)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (docs/json.md)."""

        def lst(rows: tuple[CandidateVotes, ...] | None) -> list[dict[str, Any]] | None:
            if rows is None:
                return None
            return [{"id": r.candidate, "name": r.name, "party": r.party, "votes": r.votes}
                    for r in rows]

        def ev(rows: tuple[CandidateVotes, ...]) -> list[dict[str, Any]]:
            return [{"id": r.candidate, "name": r.name, "party": r.party,
                     "electoral_votes": r.votes} for r in rows]

        return {
            "year": self.year,
            "source": self.source,
            "electors_appointed": self.electors_appointed,
            "majority": self.majority,
            "president": ev(self.president),
            "vice_president": ev(self.vice_president),
            "popular_vote": lst(self.popular_vote),
            "president_elect": _display(self.president_elect),
            "vice_president_elect": _display(self.vice_president_elect),
            "decided_by": self.outcome.decided_by,
            "vice_president_decided_by": self.outcome.vp_decided_by,
            "contingent_elections": [_contingent(c) for c in self.outcome.contingent],
            "faithless": [{"state": f.state, "office": f.office,
                           "pledged_to": _display(f.pledged_to),
                           "voted_for": _display(f.voted_for), "count": f.count,
                           "kind": f.kind, "note": f.note} for f in self.faithless],
            "states": [{
                "state": s.state, "name": state_name(s.state), "electors": s.electors,
                "method": s.method, "president": ev(s.president),
                "vice_president": ev(s.vice_president), "popular_vote": lst(s.popular_vote),
                "districts": [{"district": d.district, "popular_vote": lst(d.popular_vote),
                               "winner": _display(d.winner)} for d in s.districts],
                "tied": [_display(t) for t in s.tied],
            } for s in self.states],
            "notes": list(self.notes),
        }


def _display(candidate: str | None) -> str | None:
    if candidate is None or candidate.startswith("("):
        return candidate
    return catalog.name(candidate)


def _contingent(c: ContingentElection) -> dict[str, Any]:
    return {"office": "president" if c.office is Office.PRESIDENT else "vice_president",
            "chamber": c.chamber, "eligible": [_display(e) for e in c.eligible],
            "votes": {_display(k): v for k, v in c.votes.items()}, "needed": c.needed,
            "winner": _display(c.winner), "divided_or_blank": c.divided,
            "authority": c.authority}


def candidate_rows(year: int, votes: Mapping[str, int], parties: Mapping[str, str] | None = None,
                   names: Mapping[str, str] | None = None,
                   office: Office = Office.PRESIDENT) -> tuple[CandidateVotes, ...]:
    """Rows sorted by votes (descending), then name."""
    def party_of(c: str) -> str | None:
        given = (parties or {}).get(c)
        if office is Office.VICE_PRESIDENT:  # the ticket's party before any write-in label
            return catalog.party(year, c, office) or given
        return given or catalog.party(year, c, office)

    rows = [CandidateVotes(c, (names or {}).get(c) or catalog.name(c), party_of(c), n)
            for c, n in votes.items()]
    return tuple(sorted(rows, key=lambda r: (-r.votes, r.name)))


def sum_statewide(per: Mapping[tuple[str, int], Mapping[str, int]]) -> dict[str, int]:
    """National popular votes per candidate: the statewide rows (district 0) summed."""
    out: dict[str, int] = {}
    for (_, d), votes in per.items():
        if d == 0:
            for c, n in votes.items():
                out[c] = out.get(c, 0) + n
    return out


def assemble(
    year: int,
    p_votes: ElectoralVotes,
    vp_votes: ElectoralVotes | None,
    electors: Mapping[str, int],
    methods: Mapping[str, str],
    popular: Mapping[tuple[str, int], Mapping[str, int]],
    contingent: tuple[ContingentElection, ...] | None = None,
    faithless: tuple[Faithless, ...] = (),
    source: str = "record",
    appointment: Appointment | None = None,
    parties: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    notes: tuple[str, ...] = (),
) -> ElectionResult:
    """Count the votes, decide the outcome and shape the result (shared by record and tally)."""
    appointed = sum(electors.values())
    p_count = count(p_votes, appointed)
    vp_count = count(vp_votes, appointed) if vp_votes is not None else None
    if contingent is None:
        contingent = catalog.recorded_contingent(
            year, {Office.PRESIDENT: p_count.tallies,
                   Office.VICE_PRESIDENT: vp_count.tallies if vp_count else ()})
    outcome = decide(year, p_count, vp_count, contingent)
    p_by_state = {s.state: s.votes for s in p_votes.states}
    vp_by_state = {s.state: s.votes for s in vp_votes.states} if vp_votes else {}
    ties = {u.state: u.tied for u in appointment.units if u.tied} if appointment else {}
    states = []
    for st in sorted(electors):
        pop = popular.get((st, 0))
        districts = tuple(
            DistrictResult(d, candidate_rows(year, v, parties, names),
                           max(v, key=lambda c: v[c]) if v else None)
            for (s2, d), v in sorted(popular.items()) if s2 == st and d > 0)
        states.append(StateResult(
            st, electors[st], methods.get(st, "popular"),
            candidate_rows(year, p_by_state.get(st, {}), parties, names),
            candidate_rows(year, vp_by_state.get(st, {}), parties, names,
                           Office.VICE_PRESIDENT),
            candidate_rows(year, pop, parties, names) if pop else None, districts,
            ties.get(st, ())))
    national_pop = sum_statewide(popular)
    return ElectionResult(
        year=year, electors_appointed=appointed, majority=p_count.majority,
        president=candidate_rows(year, dict((t.candidate, t.votes) for t in p_count.tallies),
                                 parties, names),
        vice_president=candidate_rows(
            year, dict((t.candidate, t.votes) for t in vp_count.tallies), parties, names,
            Office.VICE_PRESIDENT)
        if vp_count else (),
        popular_vote=candidate_rows(year, national_pop, parties, names) if national_pop else None,
        outcome=outcome, states=tuple(states), faithless=faithless, source=source,
        notes=notes,
    )


def counterfactual_results(year: int, census: int | None = None, house_size: int | None = None,
                           method: str | None = None) -> ElectionResult:
    """The record's popular vote of `year` re-tallied with the electors another apportionment
    gives: the census `census` (default: the one in force), `house_size` seats (default 435)
    and `method` (default Huntington-Hill)."""
    from electoral.apportionment import census_for_election, electors_for_election
    from electoral.returns import record_returns
    from electoral.tally import tally

    catalog.require_year(year)
    c = census if census is not None else census_for_election(year)
    electors = electors_for_election(year, c, house_size or 435, method or "huntington-hill")
    res = tally(record_returns(year), year, electors=electors)
    note = (f"counterfactual: the {year} popular vote with the electors of the {c} census, "
            f"{house_size or 435} seats, {method or 'huntington-hill'}")
    return ElectionResult(res.year, res.electors_appointed, res.majority, res.president,
                          res.vice_president, res.popular_vote, res.outcome, res.states,
                          res.faithless, "counterfactual", (note, *res.notes))


def results(year: int, state: str | None = None) -> ElectionResult:
    """The recorded election of `year`: electoral votes for President and Vice President,
    popular votes where recorded, state by state, and the outcome as the engine decides it from
    the counted votes (with the recorded House and Senate decisions where there was no
    majority). `state` narrows the states listed (USPS code or name)."""
    catalog.require_year(year)
    rows = catalog.electors(year)
    electors = {r.state: r.appointed for r in rows}
    methods = {r.state: r.method for r in rows}
    p_votes = catalog.electoral_votes(year, Office.PRESIDENT)
    vp_votes = (catalog.electoral_votes(year, Office.VICE_PRESIDENT)
                if catalog.has_vice_president_ballot(year) else None)
    faithless = tuple(Faithless(d.state, d.office, d.pledged_to, d.voted_for, d.count, d.kind,
                                d.note)
                      for d in catalog.deviations(year))
    notes = tuple(f"{r.state}: {r.note}" for r in rows if r.note)
    res = assemble(year, p_votes, vp_votes, electors, methods, catalog.popular_votes(year),
                   faithless=faithless, notes=notes)
    if state is not None:
        code = state_code(state)
        if code not in electors:
            from electoral.errors import InputError

            raise InputError(f"{code} appointed no electors in {year}", str(year))
        res = ElectionResult(res.year, res.electors_appointed, res.majority, res.president,
                             res.vice_president, res.popular_vote, res.outcome,
                             tuple(s for s in res.states if s.state == code),
                             tuple(f for f in res.faithless if f.state == code), res.source,
                             tuple(n for n in res.notes if n.startswith(code)))
    return res
