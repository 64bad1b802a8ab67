"""The fewest votes that change an election's outcome, found exactly.

Each unit the runner-up does not hold has a price: the votes that would make the runner-up its
plurality winner. Switching voters from the winner: floor(margin / 2) + 1 (and enough to pass
any third candidate); adding votes for the runner-up: margin + 1. Choosing the cheapest set of
units whose electors reach a target is a covering knapsack, solved by dynamic programming over
electoral votes (numpy int64 rows: prices are integers, never floats, and stay far below 2^62).

Targets: "deny_majority" leaves the winner short of a majority of the electors appointed
(a 269-269 tie denies it: the House then chooses, U.S. Const. amend. XII); "flip" gives the
runner-up a majority.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from electoral.analysis.contest import Contest, UnitVotes, apply_moves

Mode = Literal["switch", "add"]
Target = Literal["deny_majority", "flip"]
MODES: tuple[Mode, ...] = ("switch", "add")
TARGETS: tuple[Target, ...] = ("deny_majority", "flip")
_INF = 1 << 62


@dataclass(frozen=True, slots=True)
class UnitChange:
    unit: str
    votes: int  # voters switched, or votes added
    electors: int


@dataclass(frozen=True, slots=True)
class Plan:
    """The cheapest change reaching `target` by `mode`; `achievable` False when no change of
    that kind can (e.g. the winner's electors include states chosen by a legislature)."""

    mode: Mode
    target: Target
    achievable: bool
    total: int  # votes switched or added, summed over `units`
    units: tuple[UnitChange, ...]
    electoral_votes: tuple[tuple[str, int], ...]  # after the change: (winner|runner_up|other, n)
    majority: int

    def to_dict(self) -> dict[str, Any]:
        ev = dict(self.electoral_votes)
        if ev["runner_up"] >= self.majority:
            outcome = "runner_up_elected"
        elif ev["winner"] >= self.majority:
            outcome = "winner_elected"
        else:
            outcome = "no_majority"  # amend. XII: the House chooses
        return {
            "achievable": self.achievable,
            "total": self.total if self.achievable else None,
            "units": [{"unit": u.unit, "votes": u.votes, "electors": u.electors}
                      for u in self.units],
            "result": {"winner_electoral_votes": ev["winner"],
                       "runner_up_electoral_votes": ev["runner_up"],
                       "other_electoral_votes": ev["other"], "majority": self.majority,
                       "outcome": outcome},
        }


def price(u: UnitVotes, mode: Mode) -> int | None:
    """Votes that make the runner-up the unit's plurality winner (None: not possible)."""
    a, b, o = u.winner_votes, u.runner_up_votes, u.other_votes
    if mode == "add":
        return max(a, o) - b + 1
    x = max(0, (a - b) // 2 + 1 if a >= b else 0, o - b + 1 if o >= b else 0)
    return x if x <= a else None


def min_cover(weights: Sequence[int], costs: Sequence[int], need: int) -> tuple[int, tuple[int, ...]] | None:
    """Exact minimum total cost of items whose weights sum to at least `need`, and the items
    (indices in input order). None when even all items fall short.

    Dynamic programming over capped weight: best[j] = cheapest cost of reaching weight j
    (j == need meaning "need or more"); O(len(weights) * need), vectorised by numpy.
    """
    import numpy as np

    if need <= 0:
        return 0, ()
    best = np.full(need + 1, _INF, dtype=np.int64)
    best[0] = 0
    taken_from = []  # per item: the weight index it was added to reach each j, or -1
    for w, c in zip(weights, costs, strict=True):
        src = np.full(need + 1, -1, dtype=np.int64)
        new = best.copy()
        if w < need:
            cand = best[: need - w] + c
            better = cand < new[w:need]
            new[w:need] = np.where(better, cand, new[w:need])
            src[w:need] = np.where(better, np.arange(need - w), -1)
        lo = max(0, need - w)
        k = int(np.argmin(best[lo:]))
        if best[lo + k] < _INF and best[lo + k] + c < new[need]:
            new[need] = best[lo + k] + c
            src[need] = lo + k
        taken_from.append(src)
        best = new
    if best[need] >= _INF:
        return None
    chosen = []
    j = need
    for i in range(len(weights) - 1, -1, -1):
        s = int(taken_from[i][j])
        if s >= 0:
            chosen.append(i)
            j = s
    return int(best[need]), tuple(sorted(chosen))


def plan(c: Contest, target: Target, mode: Mode) -> Plan:
    """The fewest votes, switched or added, that reach `target` in contest `c`."""
    ev = c.electoral_votes()
    majority = c.majority
    if target == "deny_majority":
        pool = [u for u in c.units if u.holder == "winner"]
        need = ev["winner"] - majority + 1
    else:
        pool = [u for u in c.units if u.holder in ("winner", "other")]
        need = majority - ev["runner_up"]
    priced = [(u, p) for u in pool if (p := price(u, mode)) is not None]
    found = min_cover([u.electors for u, _ in priced], [p for _, p in priced], need)
    if found is None:
        return Plan(mode, target, False, 0, (), tuple(sorted(ev.items())), majority)
    total, idx = found
    changes = tuple(UnitChange(priced[i][0].unit, priced[i][1], priced[i][0].electors)
                    for i in idx)
    after = apply_moves(c, moves(changes, mode)).electoral_votes()
    return Plan(mode, target, True, total, changes, tuple(sorted(after.items())), majority)


def moves(changes: Sequence[UnitChange], mode: Mode) -> dict[str, tuple[int, int]]:
    """unit -> (votes taken from the winner, votes added to the runner-up)."""
    return {u.unit: ((u.votes if mode == "switch" else 0), u.votes) for u in changes}


@dataclass(frozen=True, slots=True)
class FewestVotes:
    year: int
    winner: str
    runner_up: str
    plans: tuple[Plan, ...]  # switch/add x deny_majority/flip

    def get(self, mode: Mode, target: Target) -> Plan:
        return next(p for p in self.plans if p.mode == mode and p.target == target)

    def to_dict(self) -> dict[str, Any]:
        return {f"{p.mode}_to_{p.target}": p.to_dict() for p in self.plans}


def fewest_votes_in(c: Contest) -> FewestVotes:
    return FewestVotes(c.year, c.winner, c.runner_up,
                       tuple(plan(c, t, m) for m in MODES for t in TARGETS))


def fewest_votes(year: int) -> FewestVotes:
    """The fewest voters switching from the winner to the runner-up, and the fewest added
    votes for the runner-up, that deny the winner a majority or elect the runner-up, in the
    record's `year` election (two nationally leading candidates; votes from 1824)."""
    from electoral.analysis.contest import contest

    return fewest_votes_in(contest(year))
