"""The House delegations that would choose the President if the electors gave no one a
majority: one vote per state, cast by the majority of its representatives (U.S. Const.
amend. XII). Since the 20th Amendment the new Congress, opened on 3 January, counts the votes
and holds the contingent election; the package has the delegations at the opening of the
Congresses after the elections of 2016, 2020 and 2024 (data/curated/house_delegations.csv)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from electoral.errors import InputError
from electoral.package_data import table


@dataclass(frozen=True, slots=True)
class StateDelegation:
    state: str
    seats: int
    democrats: int
    republicans: int
    vacant: int

    @property
    def side(self) -> str:
        """"D" or "R" for the party with a majority of the delegation; "divided" when neither
        has one (a tie casts no vote: amend. XII counts a state's vote, not its members)."""
        if 2 * self.democrats > self.seats:
            return "D"
        if 2 * self.republicans > self.seats:
            return "R"
        return "divided"


@dataclass(frozen=True, slots=True)
class HouseDelegations:
    election: int  # the election whose electoral votes this House would count
    congress: int
    opened: dt.date
    states: Mapping[str, StateDelegation]
    source: str

    def count(self) -> dict[str, int]:
        """States per side: {"D": n, "R": n, "divided": n}."""
        out = {"D": 0, "R": 0, "divided": 0}
        for d in self.states.values():
            out[d.side] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (docs/json.md)."""
        from electoral.law.majority import majority_of

        return {"election": self.election, "congress": self.congress,
                "opened": self.opened.isoformat(), "source": self.source,
                "needed": majority_of(len(self.states)), "count": self.count(),
                "states": {s: d.side for s, d in self.states.items()},
                "delegations": [{"state": d.state, "seats": d.seats, "democrats": d.democrats,
                                 "republicans": d.republicans, "vacant": d.vacant,
                                 "side": d.side} for d in self.states.values()]}


def house_delegations(year: int) -> HouseDelegations:
    """The delegations of the House that would hold the contingent election after the
    `year` election, as the package records them. InputError for a year without them."""
    rows = [r for r in table("house_delegations") if r["election"] == str(year)]
    if not rows:
        years = sorted({r["election"] for r in table("house_delegations")})
        raise InputError(f"no House delegations on record for {year} (recorded: "
                         f"{', '.join(years)})", str(year))
    states = {r["state"]: StateDelegation(r["state"], int(r["seats"]), int(r["democrats"]),
                                          int(r["republicans"]), int(r["vacant"]))
              for r in sorted(rows, key=lambda r: r["state"])}
    first = rows[0]
    return HouseDelegations(year, int(first["congress"]), dt.date.fromisoformat(first["opened"]),
                            MappingProxyType(states), first["source"])


def house_years() -> list[int]:
    """Elections with the delegations of the House that would count their votes."""
    return sorted({int(r["election"]) for r in table("house_delegations")})
