"""Objections in the joint session: is an objection in order under the regime in force?"""

from __future__ import annotations

from dataclasses import dataclass

from electoral.errors import InputError
from electoral.law.regimes import COUNT, CountRegime, rule_for
from electoral.states import state_code


@dataclass(frozen=True, slots=True)
class ObjectionRuling:
    year: int
    state: str
    in_order: bool | None  # None: no statutory test applied that year
    needed_senators: int | None
    needed_representatives: int | None
    reason: str
    regime: str
    citation: str


def _needed(regime: CountRegime, members: int, absolute: int | None) -> int | None:
    if regime.fraction is not None:
        num, den = regime.fraction
        return -(-members * num // den)  # at least one-fifth: round up, in integers
    return absolute


def objection_in_order(
    year: int,
    state: str,
    senators: int,
    representatives: int,
    grounds: str | None = None,
    senate_size: int = 100,
    house_size: int = 435,
) -> ObjectionRuling:
    """Whether an objection to `state`'s votes, signed by the given numbers of Senators and
    Representatives, is in order at the count of the election held in `year`."""
    st = state_code(state)
    if senators < 0 or representatives < 0:
        raise InputError("signer counts cannot be negative")
    regime = rule_for(COUNT, year)
    need_s = _needed(regime, senate_size, regime.min_senators)
    need_r = _needed(regime, house_size, regime.min_representatives)
    if need_s is None or need_r is None:
        return ObjectionRuling(year, st, None, None, None,
                               "no statute governed objections: " + regime.to_sustain,
                               regime.name, regime.citation)
    problems = []
    if senators < need_s:
        problems.append(f"{senators} Senator(s) signed, {need_s} needed")
    if representatives < need_r:
        problems.append(f"{representatives} Representative(s) signed, {need_r} needed")
    if regime.grounds and grounds is not None and grounds not in regime.grounds:
        problems.append("grounds not among those the statute permits")
    if problems:
        return ObjectionRuling(year, st, False, need_s, need_r, "; ".join(problems),
                               regime.name, regime.citation)
    return ObjectionRuling(year, st, True, need_s, need_r,
                           "in order: the houses withdraw to consider it; " + regime.to_sustain,
                           regime.name, regime.citation)
