"""Typed, immutable values that flow through the pipeline.

returns -> appointment of electors -> electoral votes cast -> count -> outcome
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal, TypeVar

DecidedBy = Literal["electoral_college", "house", "senate", "undecided"]
K = TypeVar("K")
V = TypeVar("V")


class Office(StrEnum):
    PRESIDENT = "P"
    VICE_PRESIDENT = "VP"


def frozen_map(items: Mapping[str, int] | None = None) -> Mapping[str, int]:
    """A read-only mapping (a view over a private copy)."""
    return MappingProxyType(dict(items or {}))


def frozen(items: Mapping[K, V] | None = None) -> Mapping[K, V]:
    """A read-only mapping of any key and value type (a view over a private copy)."""
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person who received votes. `id` is stable across years and sources."""

    id: str  # e.g. "joseph-r-biden-jr"
    name: str  # display name, e.g. "Joseph R. Biden Jr."
    party: str | None = None  # party in the election at hand


@dataclass(frozen=True, slots=True)
class ReturnRow:
    """Popular votes for one candidate in one state (or one congressional district)."""

    state: str  # USPS code
    district: int | None  # congressional district number; None for the statewide vote
    candidate: str  # candidate id
    party: str | None
    votes: int


@dataclass(frozen=True, slots=True)
class Returns:
    """A year's popular-vote returns: the input of `appoint`.

    running_mates: candidate -> running mate (whom the candidate's electors vote for as Vice
    President from 1804, or with their second vote before); state_mates: state -> candidate ->
    running mate where a state's ticket differs. other_ballots: (state, district) -> kind ->
    ballots that are no candidate's (blank, void, over/under votes, "none of these
    candidates", scattered write-ins). notes: what reading the returns reconciled.
    """

    year: int
    rows: tuple[ReturnRow, ...]
    running_mates: Mapping[str, str] = field(default_factory=frozen_map)  # type: ignore[arg-type]
    names: Mapping[str, str] = field(default_factory=frozen_map)  # type: ignore[arg-type]
    parties: Mapping[str, str] = field(default_factory=frozen_map)  # type: ignore[arg-type]
    state_mates: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))
    other_ballots: Mapping[tuple[str, int], Mapping[str, int]] = field(
        default_factory=lambda: MappingProxyType({}))
    notes: tuple[str, ...] = ()

    def mate(self, state: str, candidate: str) -> str | None:
        """The running mate of `candidate`'s electors in `state`, if known."""
        per = self.state_mates.get(state)
        if per is not None and candidate in per:
            return per[candidate]
        return self.running_mates.get(candidate)


Method = Literal["winner_take_all", "district", "legislature", "recorded"]


@dataclass(frozen=True, slots=True)
class UnitAppointment:
    """The electors one voting unit (a state, or a Maine/Nebraska district) appoints."""

    state: str
    district: int | None  # None: statewide (at-large) electors
    electors: int
    method: str  # winner_take_all | district | legislature | recorded (by the record)
    winner: str | None  # candidate id whose electors are appointed; None when tied or unknown
    tied: tuple[str, ...] = ()  # candidates tied for the plurality (reported, not resolved)
    margin: int | None = None  # winner's votes minus runner-up's


@dataclass(frozen=True, slots=True)
class Appointment:
    """All electors appointed in a year: the output of `appoint`."""

    year: int
    units: tuple[UnitAppointment, ...]

    @property
    def electors_appointed(self) -> int:
        return sum(u.electors for u in self.units if u.winner is not None)

    def appointed_by_state(self) -> dict[str, int]:
        """Electors appointed per state (tied units' electors are not appointed)."""
        out: dict[str, int] = {}
        for u in self.units:
            out[u.state] = out.get(u.state, 0) + (u.electors if u.winner is not None else 0)
        return out

    def pledged(self) -> dict[str, dict[str, int]]:
        """Electors pledged per state per candidate (state -> candidate id -> electors)."""
        out: dict[str, dict[str, int]] = {}
        for u in self.units:
            if u.winner is not None:
                per = out.setdefault(u.state, {})
                per[u.winner] = per.get(u.winner, 0) + u.electors
        return out

    @property
    def ties(self) -> tuple[UnitAppointment, ...]:
        return tuple(u for u in self.units if u.tied)


ABSTAIN = "(abstained)"

DeviationKind = Literal["faithless", "abstention", "deceased_candidate", "unpledged"]


@dataclass(frozen=True, slots=True)
class Deviation:
    """Electors who did not vote as pledged, for either office: a faithless vote, an abstention
    (voted_for ABSTAIN), votes of electors pledged to a candidate who died before they met, or
    the free choice of electors chosen unpledged (and, before 1792, of every elector)."""

    state: str
    office: Office
    pledged_to: str  # candidate id (the elector's pledge for this office)
    voted_for: str  # candidate id, or ABSTAIN
    count: int
    kind: str = "faithless"  # DeviationKind
    note: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class StateVotes:
    """Electoral votes cast in one state for one office."""

    state: str
    votes: Mapping[str, int]  # candidate id -> votes

    @property
    def total(self) -> int:
        return sum(self.votes.values())


@dataclass(frozen=True, slots=True)
class ElectoralVotes:
    """Electoral votes cast for one office, state by state: the output of `cast`.

    not_cast: state -> votes the electors could not cast as the input stands (a ticket with
    no known running mate): reported, never guessed."""

    year: int
    office: Office
    states: tuple[StateVotes, ...]
    not_cast: Mapping[str, int] = field(default_factory=frozen_map)

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.states:
            for cand, n in s.votes.items():
                out[cand] = out.get(cand, 0) + n
        return out


@dataclass(frozen=True, slots=True)
class NotCounted:
    """Votes the two houses did not count (a rejected return, votes for a dead man)."""

    state: str
    office: Office
    candidate: str
    votes: int
    reason: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Tally:
    """A candidate's national total for one office."""

    candidate: str
    votes: int


@dataclass(frozen=True, slots=True)
class CountResult:
    """What the joint session of Congress finds for one office."""

    office: Office
    electors_appointed: int
    majority: int
    tallies: tuple[Tally, ...]  # sorted by votes, descending
    winner: str | None  # candidate with a majority of the electors appointed, if any
    # Before 1804: candidates level with an equal majority (the House chooses one of them).
    tied_majority: tuple[str, ...] = ()
    not_counted: tuple[NotCounted, ...] = ()
    unknown: int = 0  # votes the electors could not cast as the input stands (no known mate)

    @property
    def has_majority(self) -> bool:
        return self.winner is not None


@dataclass(frozen=True, slots=True)
class ChamberVote:
    """The decisive ballot of a contingent election, as given by the record or by the user:
    votes per candidate (state delegations in the House, Senators in the Senate)."""

    office: Office
    chamber: Literal["house", "senate"]
    votes: Mapping[str, int]  # candidate id -> delegations or senators
    blank: int = 0  # divided delegations, blank ballots, absent members
    members: int = 0  # states in the Union (House) or Senators (Senate)
    ballot: int = 1
    date: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class ContingentElection:
    """A contingent election: the House for President, the Senate for Vice President.
    `held` is False for one the law calls for but whose ballot was not given."""

    office: Office
    chamber: Literal["house", "senate"]
    eligible: tuple[str, ...]  # candidates the chamber may choose among
    votes: Mapping[str, int]  # candidate -> state delegations (House) or senators (Senate)
    needed: int  # votes needed to be elected
    winner: str | None
    divided: int = 0  # House: delegations divided or not voting; Senate: absent or blank
    authority: str = ""
    held: bool = True
    members: int = 0
    ballot: int = 1
    date: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of an election: who is elected, and how; when the law leaves an office open,
    `decided_by` is "undecided" and the reason says why."""

    year: int
    president: CountResult
    vice_president: CountResult | None  # None before the 12th Amendment (no separate VP vote)
    president_elect: str | None
    vice_president_elect: str | None
    decided_by: DecidedBy
    vp_decided_by: DecidedBy
    contingent: tuple[ContingentElection, ...] = ()
    president_reason: str = ""
    vice_president_reason: str = ""
    acting_president: str | None = None  # who acts on the day the term begins, if no President
    acting_authority: str = ""


@dataclass(frozen=True, slots=True)
class ElectionInputs:
    """Everything the pipeline needs for one election: the record's, or a user's.

    returns: the popular vote; electors: state -> electors allotted; appointed: state ->
    candidate -> electors, for the states these returns do not decide (`methods` says how they
    were chosen); deviations: votes not cast as pledged (both offices); not_counted: votes the
    houses did not count; ballots: contingent elections' decisive ballots; at_large:
    district-method states appointed at large (a counterfactual apportionment)."""

    returns: Returns
    electors: Mapping[str, int]
    appointed: Mapping[str, Mapping[str, int]] = field(
        default_factory=lambda: MappingProxyType({}))
    methods: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    deviations: tuple[Deviation, ...] = ()
    not_counted: tuple[NotCounted, ...] = ()
    ballots: tuple[ChamberVote, ...] = ()
    at_large: frozenset[str] = frozenset()
    source: str = "tally"  # "record" | "tally" | "counterfactual"
    notes: tuple[str, ...] = ()
    state_notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def year(self) -> int:
        return self.returns.year


@dataclass(frozen=True, slots=True)
class Event:
    """A date on the statutory calendar."""

    event: str  # election_day | safe_harbor | electors_meet | joint_session | inauguration ...
    date: dt.date
    authority: str  # the provision that sets it
    note: str = ""
    end: dt.date | None = None  # for windows (appointment before 1845)


@dataclass(frozen=True, slots=True)
class Timeline:
    year: int
    events: tuple[Event, ...]

    def date_of(self, event: str) -> dt.date:
        for e in self.events:
            if e.event == event:
                return e.date
        raise KeyError(event)
