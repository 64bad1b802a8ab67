"""Calibration of the live model by replay: do its 90% intervals cover the final margin as
often as they say, and does it ever call a state for the candidate who lost it?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from electoral.live.calls import call
from electoral.live.model import DRAWS, estimate
from electoral.live.run import replay_count

TOLERANCE = 0.005  # points: a margin known to the vote (interval of width 0) covers its truth


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    year: int
    order: str
    at: float
    cases: int  # state replays
    covered: int  # final margin inside the 90% interval
    called: int
    wrong_calls: int  # called for the candidate who lost the state
    mean_width: float  # of the 90% interval, points

    @property
    def coverage(self) -> float:
        return self.covered / self.cases if self.cases else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "order": self.order, "at": self.at, "cases": self.cases,
                "covered": self.covered, "coverage": self.coverage, "called": self.called,
                "wrong_calls": self.wrong_calls, "mean_width": self.mean_width}


def calibrate(year: int, seeds: Iterable[int], fractions: Iterable[float] = (0.25, 0.5, 0.75, 0.9),
              order: str = "random", draws: int = DRAWS) -> tuple[CalibrationRow, ...]:
    """Replays of `year` at each fraction for each seed: one row per fraction."""
    seeds = list(seeds)
    out = []
    for at in fractions:
        cases = covered = called = wrong = 0
        width = 0.0
        for seed in seeds:
            geo, counted, truth = replay_count(year, at, seed, order)
            states, _ = estimate(geo, counted, seed, draws)
            for e in states:
                t = truth[e.state]
                cases += 1
                covered += e.low - TOLERANCE <= t <= e.high + TOLERANCE
                width += e.high - e.low
                c = call(e, year)
                if c:
                    called += 1
                    wrong += (c == "D") != (t > 0)
        out.append(CalibrationRow(year, order, at, cases, covered, called, wrong,
                                  width / cases if cases else 0.0))
    return tuple(out)
