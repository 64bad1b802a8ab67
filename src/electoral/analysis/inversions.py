"""Popular-vote/Electoral-College inversions: the President-elect did not win the most popular
votes nationally. Where the House chose (1824), the election is reported as decided by it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Inversion:
    year: int
    president_elect: str  # candidate id
    popular_winner: str  # most popular votes nationally
    decided_by: str  # "electoral_college" | "house"
    popular_margin_votes: int  # popular winner's votes minus the President-elect's
    popular_margin_points: float  # of all popular votes cast
    electoral_margin: int  # President-elect's electoral votes minus the popular winner's

    def to_dict(self) -> dict[str, Any]:
        from electoral.record import catalog

        return {"year": self.year, "president_elect": catalog.name(self.president_elect),
                "popular_winner": catalog.name(self.popular_winner),
                "decided_by": self.decided_by,
                "popular_margin_votes": self.popular_margin_votes,
                "popular_margin_points": round(self.popular_margin_points, 4),
                "electoral_margin": self.electoral_margin}


def inversion_in(year: int) -> Inversion | None:
    """The `year` election's inversion, if it is one (None also before popular votes)."""
    from electoral.results import results

    r = results(year)
    if not r.popular_vote or r.president_elect is None:
        return None
    top = r.popular_vote[0]
    if top.candidate == r.president_elect:
        return None
    elect = next((p.votes for p in r.popular_vote if p.candidate == r.president_elect), 0)
    total = sum(p.votes for p in r.popular_vote)
    return Inversion(year, r.president_elect, top.candidate, r.decided_by, top.votes - elect,
                     100.0 * (top.votes - elect) / total,
                     r.votes_for(r.president_elect) - r.votes_for(top.candidate))


def inversions() -> tuple[Inversion, ...]:
    """Every inversion in the record (popular votes are recorded from 1824)."""
    from electoral.record import catalog

    return tuple(inv for y in catalog.years() if (inv := inversion_in(y)) is not None)
