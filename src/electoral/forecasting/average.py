"""Poll averages: where the polls stand on a day, nationally and in each unit.

Only polls public before the forecast day count: those published before it (the source's
entry date, else the poll's last day plus PUBLICATION_LAG). A poll's weight is the product of

- recency: halved every HALF_LIFE days before the forecast day;
- size: sqrt(n / 600), n capped at 3,000 (a poll of 600 counts once);
- population: likely voters 1, registered voters 0.8, adults 0.5;
- quality: FiveThirtyEight's numeric grade / 3 (at least 0.2), where the polls have grades.

Three corrections, estimated together in a few alternating passes:

- the national trend: each poll read as a national figure (a national poll as it is, a state
  poll less the state's lean at the previous election), smoothed day by day with a
  TREND_HALF_LIFE-day half-life. A state poll taken when the nation stood at N(t) is moved by
  N(today) - N(t), so a stale poll follows the national movement since it was taken;
- house effects: each pollster's mean deviation from the averages of the units it polled,
  shrunk toward zero by HOUSE_PRIOR polls' worth and centred;
- the averages themselves.

Published averages (kind "average") are taken as they stand on the last day before the
forecast, as AVERAGE_WEIGHT fresh polls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from electoral.forecasting.polls import Poll

HALF_LIFE = 14.0  # days: state averages, after the trend adjustment
TREND_HALF_LIFE = 7.0  # days: the national trend line
HOUSE_PRIOR = 2.0  # polls' worth of shrinkage toward no house effect
AVERAGE_WEIGHT = 10.0  # a published average counts as ten fresh polls
PUBLICATION_LAG = 2  # days: the median from last day to entry in the Economist's 2016 polls
WINDOW = 365  # days: older polls weigh less than 2^-26 of a fresh one
POPULATION_WEIGHT = {"lv": 1.0, "v": 1.0, "rv": 0.8, "a": 0.5}
MIN_GRADE_WEIGHT = 0.2
PASSES = 4


@dataclass(frozen=True, slots=True)
class UnitAverage:
    margin: float  # two-party margin, points (D minus R), trend-adjusted to the forecast day
    strength: float  # weight of the polls, in fresh 600-voter polls
    polls: int  # polls used


@dataclass(frozen=True, slots=True)
class PollAverage:
    as_of: dt.date  # the forecast day: polls public before it
    national: float | None  # the national trend line on the eve of as_of (points)
    units: Mapping[str, UnitAverage]  # polled units ("US" for national polls)
    house_effects: Mapping[str, float]  # pollster -> points toward the Democrat
    other: float | None  # national percent for neither nominee (undecided, third parties)
    trend: tuple[tuple[dt.date, float], ...]  # the national trend line by day

    @property
    def polls(self) -> Mapping[str, int]:
        return MappingProxyType({u: a.polls for u, a in self.units.items()})


def published(p: Poll) -> dt.date:
    """The day a poll became public (its source's date, else a typical lag after its end)."""
    if p.published is not None:
        return p.published
    return p.end if p.kind == "average" else p.end + dt.timedelta(days=PUBLICATION_LAG)


def _quality(polls: list[Poll]) -> list[float]:
    graded = [p.grade for p in polls if p.grade is not None]
    if not graded:
        return [1.0] * len(polls)
    ws = sorted(max(MIN_GRADE_WEIGHT, g / 3) for g in graded)
    middle = ws[len(ws) // 2]  # an ungraded pollster among graded ones: the median
    return [middle if p.grade is None else max(MIN_GRADE_WEIGHT, p.grade / 3) for p in polls]


def average(polls: Iterable[Poll], as_of: dt.date, leans: Mapping[str, float]) -> PollAverage:
    """Where the polls stand on the eve of `as_of`. leans: unit -> the unit's margin less
    the nation's at the previous election (points), reading state polls nationally."""
    import numpy as np

    last = as_of - dt.timedelta(days=1)
    usable = [p for p in polls if published(p) < as_of and (as_of - p.end).days <= WINDOW]
    raw = [p for p in usable if p.kind != "average"]
    published_avgs: dict[str, Poll] = {}
    for p in sorted((p for p in usable if p.kind == "average"), key=lambda p: p.end):
        published_avgs[p.unit] = p

    units: dict[str, UnitAverage] = {}
    house: dict[str, float] = {}
    trend: list[tuple[dt.date, float]] = []
    national: float | None = None
    if raw:
        m = np.array([p.margin for p in raw])
        lean = np.array([0.0 if p.unit == "US" else leans.get(p.unit, leans.get(p.unit[:2], 0.0))
                         for p in raw])
        t = np.array([(p.end - last).days for p in raw], dtype=float)  # <= 0
        size = np.sqrt(np.minimum([p.sample_size or 600 for p in raw], 3000) / 600)
        pop = np.array([POPULATION_WEIGHT.get(p.population, 0.5) for p in raw])
        q = size * pop * np.array(_quality(raw))
        w = q * 0.5 ** (-t / HALF_LIFE)
        codes = sorted({p.unit for p in raw})
        u_ix = np.array([codes.index(p.unit) for p in raw])
        names = sorted({p.pollster for p in raw})
        p_ix = np.array([names.index(p.pollster) for p in raw])
        days = np.unique(np.append(t, 0.0))  # trend evaluated at poll days and the eve
        # (days, polls) trend weights: polls ended by that day, halved every TREND_HALF_LIFE
        lag = days[:, None] - t[None, :]
        tw = np.where(lag >= 0, q[None, :] * 0.5 ** (np.maximum(lag, 0) / TREND_HALF_LIFE), 0.0)
        at = np.searchsorted(days, t)
        h = np.zeros(len(names))
        for _ in range(PASSES):
            x = m - h[p_ix] - lean
            level = (tw @ x) / tw.sum(axis=1)
            moved = m + level[-1] - level[at]  # the national movement since each poll
            adj = moved - h[p_ix]
            avg = np.bincount(u_ix, w * adj) / np.bincount(u_ix, w)
            resid = moved - avg[u_ix]
            raw_h = np.bincount(p_ix, w * resid, len(names)) / (
                np.bincount(p_ix, w, len(names)) + HOUSE_PRIOR)
            h = raw_h - (w * raw_h[p_ix]).sum() / w.sum()
        strength = np.bincount(u_ix, w)
        count = np.bincount(u_ix)
        units = {c: UnitAverage(float(avg[i]), float(strength[i]), int(count[i]))
                 for i, c in enumerate(codes)}
        house = {n: float(h[i]) for i, n in enumerate(names)}
        national = float(level[-1])
        trend = [(last + dt.timedelta(days=int(d)), float(v)) for d, v in zip(days, level,
                                                                              strict=True)]
    for code, p in published_avgs.items():  # published averages: as they stand
        mine = units.get(code)
        if mine is None:
            units[code] = UnitAverage(p.margin, AVERAGE_WEIGHT, 1)
        else:
            s = mine.strength + AVERAGE_WEIGHT
            units[code] = UnitAverage((mine.strength * mine.margin + AVERAGE_WEIGHT * p.margin)
                                      / s, s, mine.polls + 1)
    if "US" in published_avgs:
        national = units["US"].margin
    others = [(0.5 ** ((last - p.end).days / HALF_LIFE), p.other) for p in usable
              if p.other is not None]  # (weight, percent for neither nominee)
    other = (sum(w_ * o for w_, o in others) / sum(w_ for w_, _ in others)
             if others else None)
    return PollAverage(as_of, national, MappingProxyType(dict(sorted(units.items()))),
                       MappingProxyType(dict(sorted(house.items()))), other, tuple(trend))
