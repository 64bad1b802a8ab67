"""Backtests: forecast past elections from the polls published before election day, and score
the per-unit probabilities against the record.

Scores per election: Brier score (mean squared error of the Democrat's win probability
against 1/0) and log loss (natural log; probabilities clipped to [1e-6, 1 - 1e-6]), each
unweighted over units and weighted by electors; units called correctly (probability above
one half on the winner's side); and, pooled over the elections, a calibration table.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.forecasting.errors import ErrorModel

NATIONAL_SD = 2.5  # points: a shared polling error of the size seen in past cycles
CLIP = 1e-6
BINS = (0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0)


@dataclass(frozen=True, slots=True)
class YearScore:
    year: int
    source: str
    units: int
    brier: float
    brier_weighted: float  # by electors
    log_loss: float
    log_loss_weighted: float
    called: int  # units called correctly
    missed: tuple[str, ...]  # units called wrong
    win_probability_d: float  # the forecast's P(Democrat wins the college)
    median_ev_d: int
    actual_ev_d: int  # electors the Democrat won at the polls (pledged, before any faithless)

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "source": self.source, "units": self.units,
                "brier": self.brier, "brier_weighted": self.brier_weighted,
                "log_loss": self.log_loss, "log_loss_weighted": self.log_loss_weighted,
                "called": self.called, "missed": list(self.missed),
                "win_probability_d": self.win_probability_d, "median_ev_d": self.median_ev_d,
                "actual_ev_d": self.actual_ev_d}


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    low: float
    high: float
    units: int
    mean_forecast: float | None  # mean P(Democrat) in the bin
    observed: float | None  # share the Democrat won

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "units": self.units,
                "mean_forecast": self.mean_forecast, "observed": self.observed}


@dataclass(frozen=True, slots=True)
class Backtest:
    years: tuple[YearScore, ...]
    calibration: tuple[CalibrationBin, ...]
    brier: float  # pooled over every unit of every year
    brier_weighted: float
    error_model: ErrorModel

    def to_dict(self) -> dict[str, Any]:
        return {"years": [y.to_dict() for y in self.years],
                "calibration": [b.to_dict() for b in self.calibration],
                "brier": self.brier, "brier_weighted": self.brier_weighted,
                "error_model": self.error_model.to_dict()}


def _source(year: int, file: str | None) -> str:
    """Where the year's polls came from: the user's file, or the packaged polls (whose
    pollster column says whose averages or polls they are)."""
    if file:
        return file
    from electoral.package_data import table

    return next((r["source"] for r in table("forecast_sources") if r["cycle"] == str(year)),
                "no packaged polls")


def score(year: int, probs: Sequence[tuple[str, int, float]]) -> tuple[list[tuple[int, float, int]],
                                                                       YearScore]:
    """Per-unit (electors, P(D), D won) against the record, and the year's scores.
    probs: (unit, electors, P(Democrat carries it))."""
    from electoral.forecasting.inputs import record_margins

    actual = record_margins(year)
    rows = [(e, p, int(actual[u][0] > 0)) for u, e, p in probs if u in actual]
    missed = tuple(u for u, _, p in probs if u in actual and (p > 0.5) != (actual[u][0] > 0))
    w = sum(e for e, _, _ in rows)

    def loss(p: float, y: int) -> float:
        q = min(max(p, CLIP), 1 - CLIP)
        return -math.log(q if y else 1 - q)

    ys = YearScore(
        year, "", len(rows),
        sum((p - y) ** 2 for _, p, y in rows) / len(rows),
        sum(e * (p - y) ** 2 for e, p, y in rows) / w,
        sum(loss(p, y) for _, p, y in rows) / len(rows),
        sum(e * loss(p, y) for e, p, y in rows) / w,
        len(rows) - len(missed), missed, 0.0, 0, sum(e * y for e, _, y in rows))
    return rows, ys


def calibration(rows: Iterable[tuple[int, float, int]]) -> tuple[CalibrationBin, ...]:
    rows = list(rows)
    out = []
    for i, (lo, hi) in enumerate(itertools.pairwise(BINS)):
        last = i == len(BINS) - 2
        inbin = [(p, y) for _, p, y in rows if lo <= p < hi or (last and p == hi)]
        out.append(CalibrationBin(lo, hi, len(inbin),
                                  sum(p for p, _ in inbin) / len(inbin) if inbin else None,
                                  sum(y for _, y in inbin) / len(inbin) if inbin else None))
    return tuple(out)


def backtest(years: Iterable[int] = (2008, 2012, 2016, 2020, 2024), polls: str | Path | None = None,
             errors: ErrorModel | None = None) -> Backtest:
    """Forecast each election from the polls that ended before its election day (the packaged
    polls, or a polls file whose `cycle` column names the election), with the previous
    election as the prior, by quadrature; score it against the record."""
    from dataclasses import replace

    from electoral.forecasting.polls import average, packaged_polls, read_polls
    from electoral.forecasting.run import forecast

    errors = errors or ErrorModel(national_sd=NATIONAL_SD)
    years = sorted(set(years))
    if not years:
        raise InputError("give at least one election year", "years")
    file_polls = read_polls(polls) if polls is not None else None
    scores = []
    pooled: list[tuple[int, float, int]] = []
    for year in years:
        if file_polls is not None:
            chosen = tuple(p for p in file_polls if p.cycle in (year, None))
            if not chosen:
                raise InputError(f"no polls for {year} (a cycle column names the election)",
                                 str(polls))
        else:
            chosen = packaged_polls(year)
        avg = average(chosen, year)
        f = forecast(avg.inputs, errors=errors, engine="quadrature")
        rows, ys = score(year, [(u.unit, u.electors, u.win_probability["D"]) for u in f.units])
        pooled += rows
        scores.append(replace(ys, source=_source(year, str(polls) if polls else None),
                              win_probability_d=f.win_probability["D"],
                              median_ev_d=f.median_ev["D"]))
    return Backtest(tuple(scores), calibration(pooled),
                    sum((p - y) ** 2 for _, p, y in pooled) / len(pooled),
                    sum(e * (p - y) ** 2 for e, p, y in pooled) / sum(e for e, _, _ in pooled),
                    errors)
