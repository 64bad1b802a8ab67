"""Typed, immutable values that flow through the pipeline.

returns -> appointment of electors -> electoral votes cast -> count -> outcome
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

DecidedBy = Literal["electoral_college", "house", "senate", "undecided"]


class Office(StrEnum):
    PRESIDENT = "P"
    VICE_PRESIDENT = "VP"


def frozen_map(items: Mapping[str, int] | None = None) -> Mapping[str, int]:
    """A read-only mapping (a view over a private copy)."""
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
    """A year's popular-vote returns: the input of `appoint`."""

    year: int
    rows: tuple[ReturnRow, ...]
    running_mates: Mapping[str, str] = field(default_factory=frozen_map)  # type: ignore[arg-type]
    names: Mapping[str, str] = field(default_factory=frozen_map)  # type: ignore[arg-type]
    parties: Mapping[str, str] = field(default_factory=frozen_map)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class UnitAppointment:
    """The electors one voting unit (a state, or a Maine/Nebraska district) appoints."""

    state: str
    district: int | None  # None: statewide (at-large) electors
    electors: int
    method: str  # "winner_take_all" | "district" | "legislature"
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
        return sum(u.electors for u in self.units if u.winner is not None or u.method == "legislature")

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
    """Electoral votes cast for one office, state by state: the output of `cast`."""

    year: int
    office: Office
    states: tuple[StateVotes, ...]

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.states:
            for cand, n in s.votes.items():
                out[cand] = out.get(cand, 0) + n
        return out


@dataclass(frozen=True, slots=True)
class Tally:
    """A candidate's national total for one office."""

    candidate: str
    votes: int


@dataclass(frozen=True, slots=True)
class CountResult:
    """What the joint session of Congress finds for one office (12th Amendment)."""

    office: Office
    electors_appointed: int
    majority: int
    tallies: tuple[Tally, ...]  # sorted by votes, descending
    winner: str | None  # candidate with a majority of the electors appointed, if any

    @property
    def has_majority(self) -> bool:
        return self.winner is not None


@dataclass(frozen=True, slots=True)
class ContingentElection:
    """A contingent election: the House for President, the Senate for Vice President."""

    office: Office
    chamber: Literal["house", "senate"]
    eligible: tuple[str, ...]  # candidates the chamber may choose among
    votes: Mapping[str, int]  # candidate -> state delegations (House) or senators (Senate)
    needed: int  # votes needed to be elected
    winner: str | None
    divided: int = 0  # House: delegations divided or not voting
    authority: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of an election: who is elected, and how."""

    year: int
    president: CountResult
    vice_president: CountResult | None  # None before the 12th Amendment (no separate VP vote)
    president_elect: str | None
    vice_president_elect: str | None
    decided_by: DecidedBy
    vp_decided_by: DecidedBy
    contingent: tuple[ContingentElection, ...] = ()


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
