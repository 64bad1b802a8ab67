"""The count: tallying the electoral votes for one office (votes -> count)."""

from __future__ import annotations

from electoral.law.majority import majority_of_appointed
from electoral.law.regimes import VOTING, rule_for
from electoral.model import CountResult, ElectoralVotes, Office, Tally


def tally(votes: ElectoralVotes) -> tuple[Tally, ...]:
    """National totals, sorted by votes (descending), then by candidate id."""
    totals = votes.totals()
    return tuple(Tally(c, n) for c, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def count(votes: ElectoralVotes, electors_appointed: int) -> CountResult:
    """Count one office's votes against the majority of the electors appointed.

    Under the 12th Amendment a candidate with a majority of the whole number of electors
    appointed is elected. Before it (Art. II s. 1 cl. 3) each elector cast two votes and the
    candidate with the most votes, if that number was such a majority, was President; two
    candidates level with such a majority sent the choice between them to the House.
    """
    tallies = tally(votes)
    needed = majority_of_appointed(electors_appointed)
    winner: str | None = None
    if tallies and tallies[0].votes >= needed:
        level = [t for t in tallies if t.votes == tallies[0].votes]
        two_votes = rule_for(VOTING, votes.year).votes_per_elector == 2
        if len(level) == 1 or not two_votes:
            winner = tallies[0].candidate
    return CountResult(votes.office, electors_appointed, needed, tallies, winner)


def runner_up(result: CountResult, president: str) -> list[str]:
    """Before the 12th Amendment: after the President, the candidates with the greatest number
    of votes (Art. II s. 1 cl. 3). More than one means a tie for the Senate to resolve."""
    rest = [t for t in result.tallies if t.candidate != president]
    if not rest:
        return []
    top = rest[0].votes
    return [t.candidate for t in rest if t.votes == top]


__all__ = ["Office", "count", "runner_up", "tally"]
