"""Appointment of electors from popular-vote returns (returns -> electors)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from electoral.errors import InputError
from electoral.law.regimes import district_rule
from electoral.model import Appointment, ReturnRow, Returns, UnitAppointment


def plurality(votes: Mapping[str, int]) -> tuple[str | None, tuple[str, ...], int | None]:
    """(winner, tied, margin) of a plurality contest. A tie for first is reported: the winner
    is then None and `tied` lists the candidates level at the top."""
    if not votes:
        return None, (), None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    level = tuple(c for c, n in ranked if n == top)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if len(level) > 1:
        return None, level, 0
    return ranked[0][0], (), top - runner_up


def _sum(rows: list[ReturnRow]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r.candidate] = out.get(r.candidate, 0) + r.votes
    return out


def appoint(
    returns: Returns,
    electors: Mapping[str, int],
    appointed: Mapping[str, Mapping[str, int]] | None = None,
    methods: Mapping[str, str] | None = None,
    at_large: Collection[str] = (),
    by_district: Collection[str] = (),
) -> Appointment:
    """Appoint each state's electors under the rule in force in `returns.year`.

    electors: state -> electors allotted that year. States using the district method
    (Maine from 1972, Nebraska from 1992) give two electors to the statewide plurality winner
    and one to each congressional district's; every other state is winner-take-all by plurality
    (each state appoints "in such Manner as the Legislature thereof may direct", Art. II s. 1).
    appointed: for states whose electors these returns do not decide (chosen by the
    legislature, elector by elector, or before popular votes were recorded), the electors
    appointed per candidate; `methods` names how (default "legislature").
    at_large: district-method states to appoint at large all the same (a counterfactual
    apportionment whose number of districts the returns do not have).
    by_district: states to appoint by district although their law does not (a counterfactual:
    the district method everywhere).
    """
    by_state: dict[str, list[ReturnRow]] = {}
    for r in returns.rows:
        by_state.setdefault(r.state, []).append(r)
    units: list[UnitAppointment] = []
    for state in sorted(electors):
        n = electors[state]
        if appointed and state in appointed:
            how = (methods or {}).get(state, "legislature")
            for cand, k in sorted(appointed[state].items()):
                units.append(UnitAppointment(state, None, k, how, cand))
            continue
        rows = by_state.get(state)
        if not rows:
            raise InputError(f"no returns for {state}, which appoints {n} electors", state)
        statewide = [r for r in rows if r.district is None]
        districts = sorted({r.district for r in rows if r.district is not None})
        rule = None if state in at_large else district_rule(state, returns.year)
        if rule is not None or state in by_district:
            if len(districts) != n - 2:
                why = rule.citation if rule else "the district method"
                raise InputError(
                    f"{state} appoints by district ({why}): returns for {n - 2} "
                    f"districts needed, {len(districts)} given", state)
            # Statewide totals may be given, or summed from the districts.
            w, tied, m = plurality(_sum(statewide) if statewide else _sum(rows))
            units.append(UnitAppointment(state, None, 2, "district", w, tied, m))
            for d in districts:
                w, tied, m = plurality(_sum([r for r in rows if r.district == d]))
                units.append(UnitAppointment(state, d, 1, "district", w, tied, m))
        else:
            w, tied, m = plurality(_sum(statewide) if statewide else _sum(rows))
            units.append(UnitAppointment(state, None, n, "winner_take_all", w, tied, m))
    return Appointment(returns.year, tuple(units))
