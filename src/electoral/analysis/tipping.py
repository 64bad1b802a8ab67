"""Tipping point, Electoral College bias and uniform swing.

Margins are two-party margins (the two nationally leading candidates only), in percentage
points of their combined vote; a swing of s points moves s points of two-party share from the
winner to the runner-up in every unit, so each margin falls by 2s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from electoral.analysis.contest import Contest, UnitVotes

# Display letters of the parties whose candidates lead in the record.
_PARTY_LETTER = {"Democratic": "D", "Republican": "R", "Whig": "W", "National Republican": "NR",
                 "Democratic-Republican": "DR"}


@dataclass(frozen=True, slots=True)
class TippingUnit:
    """The unit whose electors carry a candidate past the majority, ranking the units from
    that candidate's best margin down. Margins are that candidate's (negative: trailing)."""

    candidate: str
    unit: str
    electors: int
    margin_points: float
    margin_votes: int

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "electors": self.electors,
                "margin_points": round(self.margin_points, 4), "margin_votes": self.margin_votes}


def _tipping(c: Contest, for_winner: bool) -> TippingUnit | None:
    """Units sorted by the candidate's margin, electors accumulated from the best; electors
    fixed to the candidate (no popular vote) count first. None if the candidate cannot reach
    a majority even with every unit."""
    sign = 1 if for_winner else -1
    held = c.fixed["winner" if for_winner else "runner_up"]
    ranked = sorted(c.units, key=lambda u: (-sign * u.margin_points, u.unit))
    total = held
    for u in ranked:
        total += u.electors
        if total >= c.majority:
            return TippingUnit(c.winner if for_winner else c.runner_up, u.unit, u.electors,
                               sign * u.margin_points, sign * u.margin_votes)
    return None


def tipping_units(c: Contest) -> tuple[TippingUnit | None, TippingUnit | None]:
    """(the winner's tipping point, the runner-up's)."""
    return _tipping(c, True), _tipping(c, False)


def bias_points(c: Contest) -> float | None:
    """Tipping-point margin minus the national margin, both the winner's, in points: positive
    when the Electoral College favoured the winner."""
    tp = _tipping(c, True)
    return None if tp is None else tp.margin_points - c.national_margin_points


def bias_label(points: float | None, winner_party: str | None, runner_up_party: str | None
               ) -> str | None:
    """"R+3.6": the party the Electoral College favoured, and by how many points."""
    if points is None:
        return None
    party = winner_party if points >= 0 else runner_up_party
    letter = _PARTY_LETTER.get(party or "", (party or "?")[:1].upper())
    return f"{letter}+{abs(points):.1f}"


@dataclass(frozen=True, slots=True)
class SwingPoint:
    """After a uniform swing just past `swing_points`, `unit` changes hands."""

    swing_points: float
    unit: str
    winner_electoral_votes: int
    runner_up_electoral_votes: int

    def to_dict(self) -> dict[str, Any]:
        return {"swing_points": round(self.swing_points, 4), "unit": self.unit,
                "winner_electoral_votes": self.winner_electoral_votes,
                "runner_up_electoral_votes": self.runner_up_electoral_votes}


def _two_party(u: UnitVotes) -> bool:
    return u.holder in ("winner", "runner_up")


def swing_curve(c: Contest) -> tuple[SwingPoint, ...]:
    """The electoral votes as a function of a uniform two-party swing toward the runner-up:
    one step per unit the two lead, at the swing that ties it (half its margin). Units held
    by third candidates (and fixed electors) do not move. Negative swings are toward the
    winner. Sorted by swing."""
    ev = c.electoral_votes()
    contested = sorted((u for u in c.units if _two_party(u)),
                       key=lambda u: (u.margin_points, u.unit))
    below = [u for u in contested if u.margin_points < 0]  # held by the runner-up
    above = [u for u in contested if u.margin_points >= 0]
    points: list[SwingPoint] = []
    w, r = ev["winner"], ev["runner_up"]
    for u in reversed(below):  # swinging toward the winner: the runner-up's closest first
        w, r = w + u.electors, r - u.electors
        points.append(SwingPoint(u.margin_points / 2, u.unit, w, r))
    points.reverse()
    w, r = ev["winner"], ev["runner_up"]
    for u in above:
        w, r = w - u.electors, r + u.electors
        points.append(SwingPoint(u.margin_points / 2, u.unit, w, r))
    return tuple(points)


def swing_to(c: Contest, curve: tuple[SwingPoint, ...]) -> tuple[float | None, float | None]:
    """(swing that denies the winner a majority, swing that gives the runner-up one), in
    two-party points toward the runner-up; the outcome changes just past these values."""
    tie = flip = None
    for p in curve:
        if p.swing_points < 0:
            continue
        if tie is None and p.winner_electoral_votes < c.majority:
            tie = p.swing_points
        if flip is None and p.runner_up_electoral_votes >= c.majority:
            flip = p.swing_points
    if c.electoral_votes()["winner"] < c.majority:
        tie = 0.0
    return tie, flip
