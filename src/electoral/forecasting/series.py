"""The forecast day by day: what the model said each day of a campaign, from the polls public
before that day (electoral.forecasting.model), integrated exactly (no sampling noise, so a
change from one day to the next is the polls', not the dice's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.forecasting.polls import Poll

MAX_DAYS = 800  # a whole cycle, from one election day to the next, is 1,461 days: half of it


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date  # the forecast day (polls public before it)
    win_probability: Mapping[str, float]  # {"D": p, "R": q}
    tie_probability: float
    no_majority_probability: float
    median_ev: Mapping[str, int]
    intervals: Mapping[str, tuple[int, int]]  # the Democrat's electoral votes: "80", "95"
    national_vote: Mapping[str, Any] | None  # {"mean", "80", "95"}: two-party margin, points
    polls: int  # polls (and published averages) public by then

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "win_probability": dict(self.win_probability),
                "tie_probability": self.tie_probability,
                "no_majority_probability": self.no_majority_probability,
                "median_ev": dict(self.median_ev),
                "intervals": {k: list(v) for k, v in self.intervals.items()},
                "national_vote": None if self.national_vote is None else {
                    k: (list(v) if isinstance(v, tuple) else v)
                    for k, v in self.national_vote.items()},
                "polls": self.polls}


@dataclass(frozen=True, slots=True)
class Series:
    year: int
    source: str
    days: tuple[Day, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "source": self.source,
                "days": [d.to_dict() for d in self.days]}


def forecast_series(year: int, polls: str | Path | Iterable[Poll], start: dt.date,
                    end: dt.date | None = None, step: int = 1) -> Series:
    """The forecast of the `year` election on each day from `start` to `end` (default:
    election day), every `step` days, from the cycle's polls (a file, Poll objects or
    "packaged")."""
    import numpy as np

    from electoral.forecasting.cycle import check_as_of, cycle_window
    from electoral.forecasting.errors import compile_model
    from electoral.forecasting.exact import majority
    from electoral.forecasting.model import estimate
    from electoral.forecasting.nested import NATIONAL_NODES, nested
    from electoral.forecasting.result import national_vote, summary
    from electoral.forecasting.run import load_polls

    _, day = cycle_window(year)
    end = check_as_of(year, end or day)
    start = check_as_of(year, start)
    if start > end:
        raise InputError(f"the series starts {start}, after it ends {end}", "start")
    if not 1 <= step <= 366:
        raise InputError(f"step must be 1 to 366 days, got {step}", "step")
    if (end - start).days // step + 1 > MAX_DAYS:
        raise InputError(f"at most {MAX_DAYS} days in a series (use a larger step)", "step")
    cycle = load_polls(polls, year)
    source = str(polls) if isinstance(polls, str | Path) else "polls"
    out = []
    d = start
    while d <= end:
        est = estimate(year, cycle, d)
        s = compile_model(est.inputs, est.errors)
        assert s.own is not None and s.national is not None and s.region is not None \
            and s.regional is not None
        pmf = nested(s.mean, s.own, s.electors, s.national, s.region, s.regional, s.df,
                     per_unit=False, national_nodes=NATIONAL_NODES).pmf
        total = int(s.electors.sum())
        maj = majority(total)
        d_win = min(1.0, float(pmf[maj:].sum()))
        r_win = min(1.0, float(pmf[:total - maj + 1].sum()))
        tie = float(pmf[total // 2]) if total % 2 == 0 else 0.0
        med_d, iv_d = summary(pmf)
        med_r, _ = summary(np.ascontiguousarray(pmf[::-1]))
        used = 0 if est.average is None else sum(a.polls for a in est.average.units.values())
        out.append(Day(d, {"D": d_win, "R": r_win}, tie, max(0.0, 1 - d_win - r_win),
                       {"D": med_d, "R": med_r}, iv_d, national_vote(s), used))
        d += dt.timedelta(days=step)
    return Series(year, source, tuple(out))
