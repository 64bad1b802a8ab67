"""Contingent elections: the House chooses the President, the Senate the Vice President."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from electoral.errors import InputError
from electoral.law.regimes import VOTING, rule_for
from electoral.model import ContingentElection, Office, Tally, frozen_map
from electoral.states import state_code


def eligible_candidates(tallies: Sequence[Tally], year: int, office: Office) -> tuple[str, ...]:
    """Who the chamber may choose among: the House the top three (five before 1804), the
    Senate the top two (12th Amendment). Candidates tied at the cut-off are all eligible."""
    # Art. II s. 1 cl. 3 (top five) and amend. XII (top three; the Senate from the two highest).
    n = rule_for(VOTING, year).house_chooses_among if office is Office.PRESIDENT else 2
    ranked = sorted(tallies, key=lambda t: -t.votes)
    if len(ranked) <= n:
        return tuple(t.candidate for t in ranked)
    cutoff = ranked[n - 1].votes
    return tuple(t.candidate for t in ranked if t.votes >= cutoff)


def contingent_election(
    tallies: Sequence[Tally],
    year: int,
    delegations: Mapping[str, str],
    states_in_union: int = 50,
    parties: Mapping[str, str] | None = None,
) -> ContingentElection:
    """Decide a House contingent election for President from each state delegation's choice.

    delegations: state -> the candidate id, or the party, the delegation votes for; "divided"
    (or a party no eligible candidate belongs to) casts no vote. One vote per state, and a
    majority of all the states is necessary to a choice (amend. XII); DC has no delegation.
    parties: candidate id -> party, to resolve delegations given by party.
    """
    eligible = eligible_candidates(tallies, year, Office.PRESIDENT)
    by_party: dict[str, str] = {}
    for cand in eligible:
        party = (parties or {}).get(cand)
        if party:
            by_party[party.lower()] = cand
    votes: dict[str, int] = dict.fromkeys(eligible, 0)
    divided = 0
    seen: set[str] = set()
    for raw_state, choice in delegations.items():
        st = state_code(raw_state)
        if st == "DC":
            raise InputError("DC has no House delegation (amend. XII: one vote per state)", "DC")
        if st in seen:
            raise InputError("state given twice", st)
        seen.add(st)
        chosen: str | None = choice if choice in votes else by_party.get(choice.lower())
        if chosen is None:
            divided += 1
        else:
            votes[chosen] += 1
    if len(seen) > states_in_union:
        raise InputError(f"{len(seen)} delegations given for {states_in_union} states")
    needed = states_in_union // 2 + 1  # amend. XII: "a majority of all the states"
    winner = next((c for c, n in votes.items() if n >= needed), None)
    return ContingentElection(
        office=Office.PRESIDENT, chamber="house", eligible=eligible, votes=frozen_map(votes),
        needed=needed, winner=winner, divided=divided + states_in_union - len(seen),
        authority="U.S. Const. amend. XII" if year >= 1804 else "U.S. Const. art. II, s. 1, cl. 3",
    )


def senate_election(
    tallies: Sequence[Tally], year: int, senators: Mapping[str, int], senate_size: int = 100
) -> ContingentElection:
    """Decide a Senate contingent election for Vice President among the top two.

    senators: candidate id -> senators voting for them. A majority of the whole number of
    senators is necessary to a choice (amend. XII), so absences count against everyone.
    """
    eligible = eligible_candidates(tallies, year, Office.VICE_PRESIDENT)
    for cand, n in senators.items():
        if cand not in eligible:
            raise InputError(f"{cand!r} is not among the two highest for Vice President")
        if n < 0:
            raise InputError(f"negative number of senators for {cand!r}")
    if sum(senators.values()) > senate_size:
        raise InputError(f"more than {senate_size} senators voting")
    needed = senate_size // 2 + 1
    winner = next((c for c, n in senators.items() if n >= needed), None)
    return ContingentElection(
        office=Office.VICE_PRESIDENT, chamber="senate", eligible=eligible,
        votes=frozen_map({c: senators.get(c, 0) for c in eligible}), needed=needed,
        winner=winner, authority="U.S. Const. amend. XII",
    )
