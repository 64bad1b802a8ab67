"""The count: tallying the electoral votes for one office (votes -> count)."""

from __future__ import annotations

from collections.abc import Iterable

from electoral.law.majority import majority_of_appointed
from electoral.law.regimes import VOTING, rule_for
from electoral.model import CountResult, ElectoralVotes, NotCounted, Office, Tally


def tally(votes: ElectoralVotes, not_counted: Iterable[NotCounted] = ()) -> tuple[Tally, ...]:
    """National totals as counted (less the votes not counted), sorted by votes (descending),
    then by candidate id."""
    totals = votes.totals()
    for n in not_counted:
        if n.office is votes.office and n.candidate in totals:
            totals[n.candidate] -= n.votes
    return tuple(Tally(c, n) for c, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
                 if n > 0)


def count(votes: ElectoralVotes, electors_appointed: int,
          not_counted: Iterable[NotCounted] = ()) -> CountResult:
    """Count one office's votes against the majority of the electors appointed.

    Amend. XII: a candidate with a majority of the whole number of electors appointed is
    elected. Before it (Art. II s. 1 cl. 3) each elector cast two votes; the candidate with the
    most votes, if that number was such a majority, was President, and two or more level with
    such a majority went to the House, which chose "one of them".
    Votes the electors could not cast as the input stands (`votes.not_cast`) could go to anyone:
    a winner is found only if no placing of them could change it.
    """
    rejected = tuple(n for n in not_counted if n.office is votes.office)
    tallies = tally(votes, rejected)
    needed = majority_of_appointed(electors_appointed)
    unknown = sum(votes.not_cast.values())
    two_votes = rule_for(VOTING, votes.year).votes_per_elector == 2
    winner: str | None = None
    tied: tuple[str, ...] = ()
    if tallies and tallies[0].votes >= needed:
        top = tallies[0].votes
        level = tuple(t.candidate for t in tallies if t.votes == top)
        second = next((t.votes for t in tallies if t.votes < top), 0)
        if not two_votes:
            winner = tallies[0].candidate  # one vote each: only one can hold a majority
        elif len(level) > 1 and unknown == 0:
            tied = level
        elif len(level) == 1 and top > second + unknown:
            winner = tallies[0].candidate
    return CountResult(votes.office, electors_appointed, needed, tallies, winner, tied, rejected,
                       unknown)


def runner_up(result: CountResult, president: str) -> list[str]:
    """Before the 12th Amendment: after the President, the candidates with the greatest number
    of votes (Art. II s. 1 cl. 3). More than one means a tie for the Senate to resolve."""
    rest = [t for t in result.tallies if t.candidate != president]
    if not rest:
        return []
    top = rest[0].votes
    return [t.candidate for t in rest if t.votes == top]


__all__ = ["Office", "count", "runner_up", "tally"]
