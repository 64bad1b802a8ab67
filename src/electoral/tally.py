"""Run the whole machinery on returns: appoint, cast, count, decide."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from electoral.electors import appoint
from electoral.errors import InputError, NoElectionError
from electoral.law.contingent import contingent_election, senate_election
from electoral.law.regimes import district_rule, is_election_year
from electoral.model import ContingentElection, Office, Returns, Tally
from electoral.record import catalog
from electoral.results import ElectionResult, assemble
from electoral.returns import read_returns
from electoral.votes import cast

# The 2020 census apportionment governs the 2024 and 2028 elections (2 U.S.C. 2a; 3 U.S.C. 3).
_SAME_APPORTIONMENT = {2028: 2024}


def electors_for(year: int) -> dict[str, int]:
    """Electors each state appoints in `year` (from the record; 2028 uses 2024's, both
    apportioned from the 2020 census)."""
    if not is_election_year(year):
        raise NoElectionError(f"no presidential election is held in {year}", str(year))
    base = _SAME_APPORTIONMENT.get(year, year)
    if base not in catalog.years():
        raise NoElectionError(f"no electors known for {year} (record: 1789-2024; 2028 uses "
                              f"the 2020 census)", str(year))
    return {r.state: r.appointed for r in catalog.electors(base)
            if r.appointed or r.voted}


def tally(
    returns: Returns | str | Path,
    year: int | None = None,
    delegations: Mapping[str, str] | None = None,
    senators: Mapping[str, int] | None = None,
    electors: Mapping[str, int] | None = None,
) -> ElectionResult:
    """Appoint electors from popular-vote returns under the law of `year`, cast their votes
    (as pledged), count them and decide the outcome.

    returns: Returns, or the path of a CSV/JSON returns file (see electoral.returns).
    delegations: for a hypothetical contingent election, state -> candidate or party each
        House delegation votes for; without it, no majority leaves the outcome `undecided`.
    senators: for a Senate contingent election, candidate -> senators voting for them.
    electors: state -> electors, to tally under another apportionment (default: the electors
        each state had in `year`). A district-method state whose returns do not have that many
        districts is then appointed at large, with a note.
    """
    source = "returns"
    if not isinstance(returns, Returns):
        source = str(returns)
        if year is None:
            raise InputError("give the election year (--year)", str(returns))
        if not is_election_year(year):
            raise NoElectionError(f"no presidential election is held in {year}", str(year))
        returns = read_returns(returns, year, catalog.names())
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
    try:
        appointment = appoint(returns, electors, at_large=at_large)
    except InputError as e:
        raise InputError(f"{e.place}: {e.problem}" if e.place else e.problem, source) from None
    record_mates = catalog.running_mates(_SAME_APPORTIONMENT.get(year, year)) \
        if year in catalog.years() else {}
    mates = {**record_mates, **returns.running_mates}
    p_votes = cast(appointment, Office.PRESIDENT)
    pledged = {c for per in appointment.pledged().values() for c in per}
    vp_votes = None
    if all(c in mates for c in pledged):
        vp_votes = cast(appointment, Office.VICE_PRESIDENT, mates)
    else:
        missing = ", ".join(sorted(c for c in pledged if c not in mates))
        notes.append(f"no running mate given for {missing}: Vice-President votes not cast "
                     "(add a running_mate column)")
    for u in appointment.ties:
        where = u.state + (f"-{u.district}" if u.district else "")
        notes.append(f"{where}: popular vote tied between {' and '.join(u.tied)}; its "
                     f"{u.electors} elector(s) not appointed by the returns (state law decides)")
    contingent: list[ContingentElection] = []
    electors_appointed = {st: n for st, n in electors.items()}
    for u in appointment.ties:  # tied electors are not appointed by the popular vote
        electors_appointed[u.state] -= u.electors
    result = assemble(year, p_votes, vp_votes, electors_appointed,
                      {u.state: u.method for u in appointment.units}, _popular(returns),
                      contingent=(), source="tally", appointment=appointment,
                      parties=returns.parties, names=returns.names, notes=tuple(notes))
    states = catalog.states_in_union(min(year, 2024))
    if result.outcome.president.winner is None and delegations:
        contingent.append(contingent_election(result.outcome.president.tallies, year,
                                              delegations, states, returns.parties))
    vp = result.outcome.vice_president
    if vp is not None and vp.winner is None and senators:
        contingent.append(senate_election(vp.tallies, year,
                                          _resolve_senators(senators, vp.tallies, returns),
                                          2 * states))
    if contingent:
        result = assemble(year, p_votes, vp_votes, electors_appointed,
                          {u.state: u.method for u in appointment.units}, _popular(returns),
                          contingent=tuple(contingent), source="tally", appointment=appointment,
                          parties=returns.parties, names=returns.names, notes=tuple(notes))
    return result


def _popular(returns: Returns) -> dict[tuple[str, int], dict[str, int]]:
    out: dict[tuple[str, int], dict[str, int]] = {}
    for r in returns.rows:
        per = out.setdefault((r.state, r.district or 0), {})
        per[r.candidate] = per.get(r.candidate, 0) + r.votes
    # District-method states given only by district: their statewide vote is the sum.
    for st, d in list(out):
        if d and (st, 0) not in out:
            total: dict[str, int] = {}
            for (s2, d2), v in out.items():
                if s2 == st and d2:
                    for c, n in v.items():
                        total[c] = total.get(c, 0) + n
            out[(st, 0)] = total
    return out


def _resolve_senators(senators: Mapping[str, int], tallies: tuple[Tally, ...], returns: Returns
                      ) -> dict[str, int]:
    """Keys may be a candidate id, a candidate name or a party (of an eligible candidate)."""
    from electoral.returns import candidate_id

    out: dict[str, int] = {}
    cands = [t.candidate for t in tallies]
    for key, n in senators.items():
        cid = candidate_id(key)
        match = [c for c in cands if c == cid
                 or (returns.parties.get(c) or catalog.party(returns.year, c, Office.VICE_PRESIDENT)
                     or "").lower() == key.lower()]
        if len(match) != 1:
            raise InputError(f"senators given for {key!r}, which names no Vice-President "
                             "candidate or party")
        out[match[0]] = out.get(match[0], 0) + n
    return out
