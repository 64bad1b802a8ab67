"""An election's result, state by state, and its JSON document (docs/json.md, "results and
tally"): the one place that shape is built, for the CLI, the API and Python alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from electoral.model import ABSTAIN, ContingentElection, Deviation, Office, Outcome
from electoral.states import state_name


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
    method: str  # popular | district | legislature | recorded | not_recorded
    president: tuple[CandidateVotes, ...]  # electoral votes cast
    vice_president: tuple[CandidateVotes, ...]
    popular_vote: tuple[CandidateVotes, ...] | None
    districts: tuple[DistrictResult, ...] = ()
    tied: tuple[str, ...] = ()
    other_ballots: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    note: str = ""


@dataclass(frozen=True, slots=True)
class ElectionResult:
    """One election: electoral and popular votes, state by state, and the outcome."""

    year: int
    electors_appointed: int
    majority: int
    president: tuple[CandidateVotes, ...]  # as counted
    vice_president: tuple[CandidateVotes, ...]
    popular_vote: tuple[CandidateVotes, ...] | None
    outcome: Outcome
    states: tuple[StateResult, ...]
    deviations: tuple[Deviation, ...] = ()
    source: str = "record"  # "record", "tally" or "counterfactual"
    notes: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    other_ballots: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    scope: str | None = None  # the one state listed, when narrowed (only_state)

    @property
    def president_elect(self) -> str | None:
        return self.outcome.president_elect

    @property
    def vice_president_elect(self) -> str | None:
        return self.outcome.vice_president_elect

    @property
    def decided_by(self) -> str:
        return self.outcome.decided_by

    @property
    def faithless(self) -> tuple[Deviation, ...]:
        """The electors who voted for someone other than their pledged candidate."""
        return tuple(d for d in self.deviations if d.kind == "faithless")

    def name(self, candidate: str | None) -> str | None:
        """A candidate's display name ("(abstained)" and the like as they are)."""
        if candidate is None or candidate.startswith("("):
            return candidate
        return self.names.get(candidate, candidate)

    def votes_for(self, candidate: str, office: Office = Office.PRESIDENT) -> int:
        rows = self.president if office is Office.PRESIDENT else self.vice_president
        return next((r.votes for r in rows if r.candidate == candidate), 0)

    def deviating_electors(self, office: Office) -> int:
        """Votes for `office` not cast as pledged (faithless votes and abstentions)."""
        return sum(d.count for d in self.deviations if d.office is office
                   and d.kind in ("faithless", "abstention"))

    def only_state(self, state: str) -> ElectionResult:
        """The same result with the state lists narrowed to one state."""
        return replace(self, states=tuple(s for s in self.states if s.state == state),
                       deviations=tuple(d for d in self.deviations if d.state == state),
                       notes=tuple(n for n in self.notes if n.startswith(state)), scope=state)

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

        o = self.outcome
        return {
            "year": self.year,
            "source": self.source,
            "electors_appointed": self.electors_appointed,
            "majority": self.majority,
            "president": ev(self.president),
            "vice_president": ev(self.vice_president),
            "popular_vote": lst(self.popular_vote),
            "other_ballots": dict(self.other_ballots),
            "president_elect": self.name(o.president_elect),
            "vice_president_elect": self.name(o.vice_president_elect),
            "decided_by": o.decided_by,
            "vice_president_decided_by": o.vp_decided_by,
            "president_reason": o.president_reason or None,
            "vice_president_reason": o.vice_president_reason or None,
            "acting_president": None if o.president_elect is not None else {
                "who": self.name(o.acting_president), "authority": o.acting_authority},
            "votes_unknown": {"president": o.president.unknown,
                              "vice_president": o.vice_president.unknown
                              if o.vice_president else 0},
            "contingent_elections": [self._contingent(c) for c in o.contingent],
            "faithless": [{"state": d.state, "office": d.office.value,
                           "pledged_to": self.name(d.pledged_to),
                           "voted_for": self.name(d.voted_for), "count": d.count,
                           "kind": d.kind, "note": d.note, "source": d.source}
                          for d in self.deviations],
            "not_counted": [{"state": n.state, "office": n.office.value,
                             "candidate": self.name(n.candidate), "votes": n.votes,
                             "reason": n.reason, "source": n.source}
                            for n in o.president.not_counted
                            + (o.vice_president.not_counted if o.vice_president else ())
                            if self.scope is None or n.state == self.scope],
            "states": [{
                "state": s.state, "name": state_name(s.state), "electors": s.electors,
                "method": s.method, "president": ev(s.president),
                "vice_president": ev(s.vice_president), "popular_vote": lst(s.popular_vote),
                "other_ballots": dict(s.other_ballots),
                "districts": [{"district": d.district, "popular_vote": lst(d.popular_vote),
                               "winner": self.name(d.winner)} for d in s.districts],
                "tied": [self.name(t) for t in s.tied],
                "note": s.note or None,
            } for s in self.states],
            "notes": list(self.notes),
        }

    def _contingent(self, c: ContingentElection) -> dict[str, Any]:
        return {"office": "president" if c.office is Office.PRESIDENT else "vice_president",
                "chamber": c.chamber, "held": c.held,
                "eligible": [self.name(e) for e in c.eligible],
                "votes": {self.name(k): v for k, v in c.votes.items()}, "needed": c.needed,
                "members": c.members, "winner": self.name(c.winner),
                "divided_or_blank": c.divided, "ballot": c.ballot if c.held else None,
                "date": c.date or None, "authority": c.authority, "source": c.source or None}


__all__ = ["ABSTAIN", "CandidateVotes", "DistrictResult", "ElectionResult", "StateResult"]
