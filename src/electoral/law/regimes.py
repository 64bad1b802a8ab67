"""Rules that changed over time, as data keyed by election year, each row citing its provision.

Code asks `rule_for(TABLE, year)`; no `if year > ...` elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from electoral.errors import NoElectionError


class Ranged(Protocol):
    @property
    def first(self) -> int: ...
    @property
    def last(self) -> int | None: ...


R = TypeVar("R", bound=Ranged)


def rule_for(table: Sequence[R], year: int) -> R:
    """The row of `table` in force for the election held in `year`."""
    for row in table:
        if row.first <= year and (row.last is None or year <= row.last):
            return row
    raise NoElectionError(f"no rule in force for {year}", place=str(year))


@dataclass(frozen=True, slots=True)
class VotingRule:
    first: int
    last: int | None
    votes_per_elector: int  # ballots for President per elector
    separate_vice_president: bool
    house_chooses_among: int  # contingent election in the House: top N
    citation: str


VOTING: tuple[VotingRule, ...] = (
    # Art. II, s. 1, cl. 3: two votes per elector; runner-up is Vice President; House from top five.
    VotingRule(1789, 1800, 2, False, 5, "U.S. Const. art. II, s. 1, cl. 3"),
    # 12th Amendment (ratified 1804): distinct ballots; House from top three; Senate from top two.
    VotingRule(1804, None, 1, True, 3, "U.S. Const. amend. XII"),
)


@dataclass(frozen=True, slots=True)
class DistrictRule:
    """A state that appoints one elector per congressional district and two at large."""

    state: str
    first: int
    last: int | None
    citation: str


DISTRICT_METHOD: tuple[DistrictRule, ...] = (
    DistrictRule("ME", 1972, None, "Me. Rev. Stat. tit. 21-A, s. 802 (enacted 1969)"),
    DistrictRule("NE", 1992, None, "Neb. Rev. Stat. s. 32-710 (enacted 1991)"),
)


def district_rule(state: str, year: int) -> DistrictRule | None:
    """The district-method statute in force in `state` for `year`, if any."""
    for row in DISTRICT_METHOD:
        if row.state == state and row.first <= year and (row.last is None or year <= row.last):
            return row
    return None


@dataclass(frozen=True, slots=True)
class CountRegime:
    """How the joint session treats objections to a state's electoral votes."""

    first: int
    last: int | None
    name: str
    # An objection is in order when signed by at least this many members of each house:
    # an absolute number (min_*) or a fraction of the house's members (fraction).
    min_senators: int | None
    min_representatives: int | None
    fraction: tuple[int, int] | None  # (numerator, denominator) of each house's membership
    grounds: tuple[str, ...]  # permitted grounds; empty = any
    to_sustain: str  # what rejecting a vote takes
    citation: str


COUNT: tuple[CountRegime, ...] = (
    CountRegime(
        1789, 1884, "no statutory procedure", None, None, None, (),
        "decided by the two houses ad hoc (Joint Rule 22 for the 1864-1872 counts; "
        "the Electoral Commission for 1876)",
        "U.S. Const. amend. XII (the President of the Senate opens the certificates)",
    ),
    CountRegime(
        1888, 2020, "Electoral Count Act of 1887", 1, 1, None, (),
        "both houses, voting separately, agree to reject (a vote regularly given is not rejected "
        "unless both houses concur)",
        "Electoral Count Act of 1887, 24 Stat. 373; 3 U.S.C. 15 (1948)",
    ),
    CountRegime(
        2024, None, "Electoral Count Reform Act of 2022", None, None, (1, 5),
        ("electors not lawfully certified under a certificate of ascertainment",
         "vote not regularly given by electors whose appointment was lawfully certified"),
        "each house, voting separately, sustains the objection by a majority of its votes",
        "Electoral Count Reform Act of 2022, Pub. L. 117-328, div. P; 3 U.S.C. 15(d)",
    ),
)


@dataclass(frozen=True, slots=True)
class ElectorsRule:
    """Who appoints electors, and how many: Art. II s. 1 cl. 2; DC by the 23rd Amendment."""

    first: int
    last: int | None
    district_of_columbia: bool
    citation: str


ELECTORS: tuple[ElectorsRule, ...] = (
    ElectorsRule(1789, 1960, False, "U.S. Const. art. II, s. 1, cl. 2"),
    ElectorsRule(1964, None, True, "U.S. Const. art. II, s. 1, cl. 2; amend. XXIII"),
)

# Elections are held every four years from 1788-89 (first) on: 1789, 1792, 1796, ...
FIRST_ELECTION = 1789


def is_election_year(year: int) -> bool:
    return year == FIRST_ELECTION or (year >= 1792 and year % 4 == 0)
