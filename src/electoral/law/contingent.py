"""Contingent elections: the House chooses the President, the Senate the Vice President."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from electoral.errors import InputError
from electoral.law.majority import majority_of
from electoral.law.regimes import VOTING, chamber_rule, rule_for
from electoral.model import ChamberVote, ContingentElection, Office, Tally, frozen_map
from electoral.names import candidate_id
from electoral.states import state_code


def top(tallies: Sequence[Tally], n: int) -> tuple[str, ...]:
    """The candidates with the n highest numbers of votes; all those tied at the cut-off."""
    ranked = sorted(tallies, key=lambda t: -t.votes)
    if len(ranked) <= n:
        return tuple(t.candidate for t in ranked)
    cutoff = ranked[n - 1].votes
    return tuple(t.candidate for t in ranked if t.votes >= cutoff)


def eligible_candidates(tallies: Sequence[Tally], year: int, office: Office,
                        tied_majority: Sequence[str] = ()) -> tuple[str, ...]:
    """Who the chamber may choose among. The House: before 1804 "one of them" when two or more
    have an equal majority, else the five highest (Art. II s. 1 cl. 3); from 1804 the three
    highest (amend. XII). The Senate: from 1804 the two highest (amend. XII); before, those
    left equal after the President (`tallies` are then those remaining)."""
    rule = rule_for(VOTING, year)
    if office is Office.PRESIDENT:
        if rule.house_among_tied_majority and tied_majority:
            return tuple(tied_majority)
        return top(tallies, rule.house_chooses_among)
    if rule.senate_chooses_among is None:
        best = max((t.votes for t in tallies), default=0)
        return tuple(t.candidate for t in tallies if t.votes == best)
    return top(tallies, rule.senate_chooses_among)


def _chamber(office: Office) -> str:
    return "house" if office is Office.PRESIDENT else "senate"


def members(office: Office, states_in_union: int) -> int:
    """Who votes: one vote per state delegation in the House, each Senator in the Senate."""
    return states_in_union if office is Office.PRESIDENT else 2 * states_in_union


def contingent_election(office: Office, eligible: Sequence[str], year: int, states_in_union: int,
                        ballot: ChamberVote | None = None) -> ContingentElection:
    """The House's (President) or the Senate's (Vice President) election among `eligible`,
    decided by `ballot` if one is given; without a ballot it is pending (`held` False).

    A majority of all the states is necessary to a choice in the House (Art. II s. 1 cl. 3;
    amend. XII), of the whole number of Senators in the Senate (amend. XII)."""
    chamber = _chamber(office)
    rule = chamber_rule(chamber, year)
    size = ballot.members if ballot and ballot.members else members(office, states_in_union)
    if ballot is None:
        needed = majority_of(size) if rule.needed == "majority_of_all" else 0
        return ContingentElection(office, "house" if chamber == "house" else "senate",
                                  tuple(eligible), frozen_map({}), needed, None, 0,
                                  rule.citation, held=False, members=size)
    for cand, n in ballot.votes.items():
        if cand not in eligible:
            raise InputError(f"{n} {rule.unit} voting for {cand!r}, who is not among those the "
                             f"{chamber.title()} may choose ({', '.join(eligible)})")
        if n < 0:
            raise InputError(f"negative number of {rule.unit} for {cand!r}")
    cast = sum(ballot.votes.values())
    if cast > size:
        raise InputError(f"{cast} {rule.unit} voting, but the {chamber.title()} has {size}")
    needed = majority_of(size if rule.needed == "majority_of_all" else cast)
    winner = next((c for c, n in ballot.votes.items() if n >= needed and cast), None)
    votes = {c: ballot.votes.get(c, 0) for c in eligible}
    where = f"; ballot {ballot.ballot}" + (f" of {ballot.date}" if ballot.date else "")
    return ContingentElection(
        office, "house" if chamber == "house" else "senate", tuple(eligible), frozen_map(votes),
        needed, winner, size - cast, rule.citation + (where if ballot.date else ""), True, size,
        ballot.ballot, ballot.date, ballot.source)


def house_ballot(delegations: Mapping[str, str], eligible: Sequence[str], states_in_union: int,
                 parties: Mapping[str, str] | None = None,
                 names: Mapping[str, str] | None = None) -> ChamberVote:
    """A House ballot from each state delegation's choice: state -> the candidate (id or
    name) or party it votes for; "divided" (or a party no eligible candidate belongs to) casts
    no vote. One vote per state; DC has no delegation (amend. XII)."""
    by_party: dict[str, str] = {}
    for cand in eligible:
        party = (parties or {}).get(cand)
        if party:
            by_party[party.lower()] = cand
    by_name = {candidate_id((names or {}).get(c, c)): c for c in eligible}
    votes: dict[str, int] = dict.fromkeys(eligible, 0)
    seen: set[str] = set()
    for raw_state, choice in delegations.items():
        st = state_code(raw_state)
        if st == "DC":
            raise InputError("DC has no House delegation (amend. XII: one vote per state)", "DC")
        if st in seen:
            raise InputError("state given twice", st)
        seen.add(st)
        key = choice.strip()
        chosen = key if key in votes else by_party.get(key.lower()) or by_name.get(
            candidate_id(key))
        if chosen is not None:
            votes[chosen] += 1
    if len(seen) > states_in_union:
        raise InputError(f"{len(seen)} delegations given for {states_in_union} states")
    return ChamberVote(Office.PRESIDENT, "house", frozen_map(votes),
                       states_in_union - sum(votes.values()), states_in_union,
                       source="delegations given")


def senate_ballot(senators: Mapping[str, int], eligible: Sequence[str], states_in_union: int,
                  parties: Mapping[str, str] | None = None,
                  names: Mapping[str, str] | None = None) -> ChamberVote:
    """A Senate ballot: key (candidate id or name, or the party of an eligible candidate) ->
    Senators voting for them."""
    out: dict[str, int] = {}
    for key, n in senators.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InputError(f"senators for {key!r} must be a whole number >= 0, got {n!r}")
        cid = candidate_id(key)
        match = [c for c in eligible
                 if c in (key, cid) or candidate_id((names or {}).get(c, c)) == cid
                 or ((parties or {}).get(c) or "").lower() == key.strip().lower()]
        if len(match) != 1:
            raise InputError(f"senators given for {key!r}, which names none of those the "
                             f"Senate may choose ({', '.join(eligible)})")
        out[match[0]] = out.get(match[0], 0) + n
    size = 2 * states_in_union
    return ChamberVote(Office.VICE_PRESIDENT, "senate", frozen_map(out),
                       size - sum(out.values()), size, source="senators given")
