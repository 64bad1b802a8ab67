"""The record's elections, run through the pipeline."""

from __future__ import annotations

from dataclasses import replace

from electoral.elect import elect
from electoral.errors import InputError
from electoral.model import ElectionInputs
from electoral.record import catalog
from electoral.result import CandidateVotes, DistrictResult, ElectionResult, StateResult
from electoral.states import state_code

__all__ = ["CandidateVotes", "DistrictResult", "ElectionResult", "StateResult",
           "counterfactual_results", "results"]


def results(year: int, state: str | None = None) -> ElectionResult:
    """The election of `year` as the record has it, run through the pipeline: the popular vote
    appoints the electors (the record's appointments where the returns do not decide them),
    the electors cast their votes with the recorded deviations, the houses count them (less
    the votes they did not count), and the House and Senate decide with their recorded ballots.
    `state` narrows the states listed (USPS code or name)."""
    catalog.require_year(year)
    res = elect(catalog.inputs(year), names=catalog.names(), parties=catalog.parties())
    if state is None:
        return res
    code = state_code(state)
    if code not in {s.state for s in res.states}:
        raise InputError(f"{code} appointed no electors in {year}", str(year))
    return res.only_state(code)


def counterfactual_results(year: int, census: int | None = None, house_size: int | None = None,
                           method: str | None = None) -> ElectionResult:
    """The record's popular vote of `year` re-tallied with the electors another apportionment
    gives: the census `census` (default: the one in force), `house_size` seats (default 435)
    and `method` (default Huntington-Hill). Recorded deviations are left out: they belong to
    the electors who were appointed, not to these."""
    from electoral.apportionment import electors_for
    from electoral.law.regimes import census_for_election, district_rule

    catalog.require_popular_votes(year)
    c = census if census is not None else census_for_election(year)
    seats = 435 if house_size is None else house_size
    electors = electors_for(year, c, seats, method or "huntington-hill")
    base = catalog.inputs(year)
    returns = base.returns
    have = {st for st in electors if any(r.state == st for r in returns.rows)}
    missing = sorted(set(electors) - have - set(base.appointed))
    if missing:
        raise InputError(f"the record has no popular vote for {', '.join(missing)} in {year}",
                         str(year))
    notes = [f"counterfactual: the {year} popular vote with the electors of the {c} census, "
             f"{seats} seats, {method or 'huntington-hill'}"]
    at_large = set()
    appointed = dict(base.appointed)
    for st, n in electors.items():
        districts = {r.district for r in returns.rows if r.state == st and r.district}
        if district_rule(st, year) is not None and len(districts) != n - 2:
            at_large.add(st)
            notes.append(f"{st}: returns have {len(districts)} districts, this apportionment "
                         f"{n - 2}: its {n} electors appointed at large")
        if st in appointed:  # chosen without these returns: scaled to the new number
            old = sum(appointed[st].values())
            if old != n:
                lead = max(appointed[st], key=lambda c_: appointed[st][c_])
                appointed[st] = {lead: n}
                notes.append(f"{st}: not chosen by popular vote in {year}; its {n} electors "
                             f"given to {catalog.name(lead)}, who had most of its {old}")
    inputs = ElectionInputs(returns, electors, {s: v for s, v in appointed.items()
                                                if s in electors}, base.methods,
                            at_large=frozenset(at_large), source="counterfactual",
                            notes=tuple(notes))
    res = elect(inputs, names=catalog.names(), parties=catalog.parties())
    return replace(res, source="counterfactual")
