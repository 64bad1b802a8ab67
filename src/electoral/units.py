"""Voting units: the states, and Maine's and Nebraska's congressional districts where those
states appoint by district. A district-method state's own unit ("ME") carries its two
at-large electors; each district ("ME-2") carries one.

Analysis, forecasts and the map all speak of units by these codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from electoral.law.regimes import district_rule


@dataclass(frozen=True, slots=True)
class Unit:
    code: str  # "PA", "ME", "ME-2"
    state: str  # USPS code of the state
    district: int | None  # None for a state's statewide (or at-large) electors
    electors: int


def voting_units(year: int, electors: Mapping[str, int] | None = None) -> tuple[Unit, ...]:
    """The units of the `year` election, in state order then district order.

    electors: state -> electors (default: that year's, from the record; 2028 from 2024's).
    """
    if electors is None:
        from electoral.apportionment import electors_for

        electors = electors_for(year)
    out: list[Unit] = []
    for st in sorted(electors):
        n = electors[st]
        if district_rule(st, year) is not None and n > 2:
            out.append(Unit(st, st, None, 2))  # two at large (Art. II s. 1: Senators' share)
            out += [Unit(f"{st}-{d}", st, d, 1) for d in range(1, n - 1)]
        else:
            out.append(Unit(st, st, None, n))
    return tuple(out)


def unit_code(state: str, district: int | None) -> str:
    return f"{state}-{district}" if district else state


def unit_votes(year: int) -> dict[str, dict[str, int]]:
    """Popular votes per unit from the record: unit code -> candidate id -> votes.

    District-method states contribute their statewide vote under the state's code (it decides
    the at-large electors) and each district under its own code.
    """
    from electoral.record import catalog

    per = catalog.popular_votes(year)
    out: dict[str, dict[str, int]] = {}
    for (st, d), votes in per.items():
        if d and district_rule(st, year) is None:
            continue
        out[unit_code(st, d or None)] = dict(votes)
    return out
