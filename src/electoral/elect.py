"""One road from returns to the President: appoint, cast, count, decide.

`elect` runs the stages on an election's inputs, the record's (`results`) or a user's
(`tally`), and shapes the result. Nothing here knows where the inputs came from.
"""

from __future__ import annotations

from collections.abc import Mapping

from electoral.count import count
from electoral.electors import appoint
from electoral.errors import InputError
from electoral.law.contingent import eligible_candidates, house_ballot, senate_ballot
from electoral.law.majority import majority_of
from electoral.law.regimes import VOTING, rule_for
from electoral.model import (
    Appointment,
    ChamberVote,
    CountResult,
    ElectionInputs,
    ElectoralVotes,
    Office,
    Returns,
)
from electoral.outcome import decide
from electoral.result import CandidateVotes, DistrictResult, ElectionResult, StateResult
from electoral.states import states_in_union
from electoral.votes import cast


def elect(inputs: ElectionInputs, delegations: Mapping[str, str] | None = None,
          senators: Mapping[str, int] | None = None,
          names: Mapping[str, str] | None = None,
          parties: Mapping[tuple[int, str], str] | None = None) -> ElectionResult:
    """Run the machinery on `inputs`: appoint the electors, cast their votes for President and
    Vice President, count them against the majority of the electors appointed, and decide.

    delegations / senators: for a contingent election the inputs' ballots do not settle, each
    House delegation's choice (state -> candidate or party) and the Senators' votes (candidate
    or party -> Senators). names: display names by id (the returns' own take precedence);
    parties: (year, candidate) -> party, for candidates the returns do not label.
    """
    year = inputs.year
    returns = inputs.returns
    appointment = appoint(returns, inputs.electors, inputs.appointed, inputs.methods,
                          inputs.at_large)
    if appointment.electors_appointed == 0:
        raise InputError("no electors appointed: the popular vote is tied in every state "
                         "(ties are for each state's law to break; give a winner)")
    separate = rule_for(VOTING, year).separate_vice_president
    p_votes = cast(appointment, Office.PRESIDENT, returns.mate, inputs.deviations)
    vp_votes = (cast(appointment, Office.VICE_PRESIDENT, returns.mate, inputs.deviations)
                if separate else None)
    appointed = appointment.electors_appointed
    p_count = count(p_votes, appointed, inputs.not_counted)
    vp_count = count(vp_votes, appointed, inputs.not_counted) if vp_votes else None
    all_names = {**(names or {}), **returns.names}
    label = {c: p for c, p in returns.parties.items()}
    for (y, c), p in (parties or {}).items():
        if y == year:
            label.setdefault(c, p)
    ballots = list(inputs.ballots)
    n_states = states_in_union(year)
    if delegations and not p_count.winner and not _given(ballots, Office.PRESIDENT):
        eligible = eligible_candidates(p_count.tallies, year, Office.PRESIDENT,
                                       p_count.tied_majority)
        ballots.append(house_ballot(delegations, eligible, n_states, label, all_names))
    if senators and not _given(ballots, Office.VICE_PRESIDENT):
        ballots.append(_senate(senators, p_count, vp_count, year, n_states, ballots, label,
                               all_names))
    outcome = decide(year, p_count, vp_count, tuple(ballots), n_states, all_names)
    notes = list(inputs.notes) + list(returns.notes) + _tie_notes(appointment)
    for votes in (p_votes, vp_votes):
        if votes is not None and votes.not_cast:
            missing = sorted({u.winner for u in appointment.units if u.winner and
                              returns.mate(u.state, u.winner) is None})
            what = "second votes" if not separate else "Vice-President votes"
            notes.append(f"no running mate given for {', '.join(all_names.get(c, c) for c in missing)}: "
                         f"{sum(votes.not_cast.values())} {what} not cast (add a running_mate "
                         "column)")
    return _assemble(inputs, appointment, p_votes, vp_votes, p_count, vp_count, outcome,
                     all_names, label, tuple(notes))


def _given(ballots: list[ChamberVote], office: Office) -> bool:
    return any(b.office is office for b in ballots)


def _senate(senators: Mapping[str, int], p_count: CountResult, vp_count: CountResult | None,
            year: int, n_states: int, ballots: list[ChamberVote], parties: Mapping[str, str],
            names: Mapping[str, str]) -> ChamberVote:
    """The Senators' votes as a ballot among those the Senate may choose."""
    if vp_count is not None:
        eligible = eligible_candidates(vp_count.tallies, year, Office.VICE_PRESIDENT)
    else:  # before 1804: those left equal after the President
        president = p_count.winner
        if president is None:
            house = next((b for b in ballots if b.office is Office.PRESIDENT), None)
            won = [c for c, n in (house.votes if house else {}).items()
                   if n >= majority_of(n_states)]
            president = won[0] if won else None
        rest = tuple(t for t in p_count.tallies if t.candidate != president)
        eligible = eligible_candidates(rest, year, Office.VICE_PRESIDENT)
    return senate_ballot(senators, eligible, n_states, parties, names)


def _tie_notes(appointment: Appointment) -> list[str]:
    out = []
    for u in appointment.ties:
        where = u.state + (f"-{u.district}" if u.district else "")
        out.append(f"{where}: popular vote tied between {' and '.join(u.tied)}; its "
                   f"{u.electors} elector(s) not appointed by the returns (state law decides)")
    return out


def _rows(votes: Mapping[str, int], names: Mapping[str, str],
          parties: Mapping[str, str], rank: Mapping[str, int] | None = None
          ) -> tuple[CandidateVotes, ...]:
    """Rows sorted by votes (descending); equal votes by `rank` (the national order: the
    President-elect before the candidate he tied, as Jefferson before Burr in 1800), then
    name."""
    rows = [CandidateVotes(c, names.get(c, c), parties.get(c), n) for c, n in votes.items()]
    last = len(rank or {})
    return tuple(sorted(rows, key=lambda r: (-r.votes, (rank or {}).get(r.candidate, last),
                                             r.name)))


def popular_by_unit(returns: Returns) -> dict[tuple[str, int], dict[str, int]]:
    """(state, district) -> candidate -> votes; district 0 is the statewide vote (summed from
    the districts where only they are given)."""
    out: dict[tuple[str, int], dict[str, int]] = {}
    for r in returns.rows:
        per = out.setdefault((r.state, r.district or 0), {})
        per[r.candidate] = per.get(r.candidate, 0) + r.votes
    for st, d in list(out):
        if d and (st, 0) not in out:
            total: dict[str, int] = {}
            for (s2, d2), v in out.items():
                if s2 == st and d2:
                    for c, n in v.items():
                        total[c] = total.get(c, 0) + n
            out[(st, 0)] = total
    return out


def _assemble(inputs: ElectionInputs, appointment: Appointment, p_votes: ElectoralVotes,
              vp_votes: ElectoralVotes | None, p_count: CountResult,
              vp_count: CountResult | None, outcome: object, names: Mapping[str, str],
              parties: Mapping[str, str], notes: tuple[str, ...]) -> ElectionResult:
    from electoral.model import Outcome

    assert isinstance(outcome, Outcome)
    returns = inputs.returns
    # On the Vice-President ballot a running mate carries the ticket's party (Pence's own
    # write-in votes for President in 2020 are labelled "Other"); a President's candidate with
    # no party of his own takes the party of the ticket he was running mate on.
    vp_parties = dict(parties)
    tickets = [*returns.running_mates.items(),
               *(kv for per in returns.state_mates.values() for kv in per.items())]
    for cand, mate in tickets:
        if cand in parties:
            vp_parties[mate] = parties[cand]
    parties = {**{m: vp_parties[m] for _, m in tickets if m in vp_parties}, **parties}
    popular = popular_by_unit(returns)
    p_by_state = {s.state: s.votes for s in p_votes.states}
    vp_by_state = {s.state: s.votes for s in vp_votes.states} if vp_votes else {}
    ties = {u.state: u.tied for u in appointment.units if u.tied}
    appointed = appointment.appointed_by_state()
    methods = {}
    for u in appointment.units:
        methods[u.state] = {"winner_take_all": "popular"}.get(u.method, u.method)
    # The national order: votes, then the President-elect among equals, then name.
    elect_ = outcome.president_elect
    order = sorted(p_count.tallies, key=lambda t: (-t.votes, t.candidate != elect_,
                                                   names.get(t.candidate, t.candidate)))
    rank = {t.candidate: i for i, t in enumerate(order)}
    states = []
    for st in sorted(inputs.electors):
        pop = popular.get((st, 0))
        districts = tuple(
            DistrictResult(d, _rows(v, names, parties), _leader(v))
            for (s2, d), v in sorted(popular.items()) if s2 == st and d > 0)
        states.append(StateResult(
            st, appointed.get(st, 0), methods.get(st, "popular"),
            _rows(p_by_state.get(st, {}), names, parties, rank),
            _rows(vp_by_state.get(st, {}), names, vp_parties),
            _rows(pop, names, parties) if pop else None, districts, ties.get(st, ()),
            dict(returns.other_ballots.get((st, 0), {})), inputs.state_notes.get(st, "")))
    national: dict[str, int] = {}
    for (_, d), votes in popular.items():
        if d == 0:
            for c, n in votes.items():
                national[c] = national.get(c, 0) + n
    other: dict[str, int] = {}
    for (_, d), kinds in returns.other_ballots.items():
        if d == 0:
            for k, n in kinds.items():
                other[k] = other.get(k, 0) + n
    return ElectionResult(
        year=inputs.year, electors_appointed=p_count.electors_appointed,
        majority=p_count.majority,
        president=_rows({t.candidate: t.votes for t in p_count.tallies}, names, parties, rank),
        vice_president=_rows({t.candidate: t.votes for t in vp_count.tallies}, names,
                             vp_parties) if vp_count else (),
        popular_vote=_rows(national, names, parties) if national else None,
        outcome=outcome, states=tuple(states), deviations=inputs.deviations,
        source=inputs.source, notes=notes, names=dict(names), other_ballots=other)


def _leader(votes: Mapping[str, int]) -> str | None:
    from electoral.electors import plurality

    return plurality(votes)[0]
