"""Run the whole machinery on a user's returns: appoint, cast, count, decide."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from electoral.elect import elect
from electoral.errors import InputError, NoElectionError
from electoral.law.regimes import district_rule, is_election_year
from electoral.model import ElectionInputs, Returns
from electoral.record import catalog
from electoral.result import ElectionResult
from electoral.returns import read_returns


def tally(
    returns: Returns | str | Path,
    year: int | None = None,
    delegations: Mapping[str, str] | None = None,
    senators: Mapping[str, int] | None = None,
    electors: Mapping[str, int] | None = None,
    strict: bool = False,
) -> ElectionResult:
    """Appoint electors from popular-vote returns under the law of `year`, cast their votes
    as pledged, count them and decide the outcome: the same pipeline as `results`.

    returns: Returns, or the path of a CSV/JSON returns file (see electoral.returns).
    delegations: for a contingent election, state -> candidate or party each House delegation
        votes for; without it, no majority leaves the outcome `undecided`.
    senators: for a Senate contingent election, candidate or party -> Senators voting for them.
    electors: state -> electors, to tally under another apportionment (default: the electors
        each state had in `year`). A district-method state whose returns do not have that many
        districts is then appointed at large, with a note.
    strict: refuse a file that spells one candidate two ways instead of merging them.

    Running mates come from the returns' `running_mate` column; a candidate without one casts
    no Vice-President vote (the office is then undecided, with the reason).
    """
    from electoral.apportionment import electors_for

    source = "returns"
    if not isinstance(returns, Returns):
        source = str(returns)
        if year is None:
            raise InputError("give the election year", f"{returns}: year")
        if not is_election_year(year):
            raise NoElectionError(f"no presidential election is held in {year}", str(year))
        known = catalog.year_candidates(year) if year in catalog.years() else frozenset()
        returns = read_returns(returns, year, catalog.names(), known, strict)
    year = returns.year
    notes: list[str] = []
    at_large: set[str] = set()
    if electors is None:
        electors = electors_for(year)
    else:
        electors = dict(electors)
        for st, n in electors.items():
            have = {r.district for r in returns.rows if r.state == st and r.district}
            if district_rule(st, year) is not None and have and len(have) != n - 2:
                at_large.add(st)
                notes.append(f"{st}: returns have {len(have)} districts, this apportionment "
                             f"{n - 2}: its {n} electors appointed at large")
    unknown = sorted({r.state for r in returns.rows} - set(electors))
    if unknown:
        raise InputError(f"{', '.join(unknown)} appointed no electors in {year}", source)
    inputs = ElectionInputs(returns, electors, at_large=frozenset(at_large), source="tally",
                            notes=tuple(notes))
    try:
        return elect(inputs, delegations, senators, catalog.names(), catalog.parties())
    except InputError as e:
        if e.place and e.place != source:
            raise InputError(f"{e.place}: {e.problem}", source) from None
        raise InputError(e.problem, source) from None
