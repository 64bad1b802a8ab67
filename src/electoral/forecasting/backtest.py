"""Backtests: forecast past elections as the model would have, from the polls public before
each day and parameters fitted on earlier elections only, and score them against the record.

Each election is forecast on election eve (polls public before election day) and 7, 30, 60
and 100 days before, with the default model and engine. Scores per forecast:

- Brier score (mean squared error of the Democrat's win probability against 1/0) and log
  loss (natural log; probabilities clipped to [1e-6, 1 - 1e-6]) over the voting units,
  unweighted and weighted by electors;
- brier_weighted_51: the Economist's basis: the 50 states and DC (Maine and Nebraska
  statewide), each weighted by all its electors;
- log_loss_headline: minus the log of the probability given to the candidate who won a
  majority of the electors as the popular vote appointed them;
- log_score_ev: minus the log of the probability given to the Democrat's actual electoral
  votes (pledged, before any faithless elector);
- units called correctly; and, pooled over the elections on the eve, a calibration table:
  how often the favourite won, by the favourite's probability, with each bin's standard
  error under the forecasts' own correlations.

Leave-future-out: the forecast of an election reads no result of it or of any later one
(electoral.forecasting.calibrate), so backtesting one year alone gives the same numbers for
it as backtesting all years together.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from electoral.errors import InputError

CLIP = 1e-6
BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.98, 1.0)  # the favourite's probability
HORIZONS = (0, 7, 30, 60, 100)  # days before election day
YEARS = (2008, 2012, 2016, 2020, 2024)


@dataclass(frozen=True, slots=True)
class YearScore:
    year: int
    days: int  # forecast this many days before election day (0: on the eve)
    source: str
    units: int
    brier: float
    brier_weighted: float  # by electors
    brier_weighted_51: float  # 50 states and DC, by all their electors (the Economist's)
    log_loss: float
    log_loss_weighted: float
    log_loss_headline: float  # -ln P(the actual winner of the electoral college)
    log_score_ev: float  # -ln P(the Democrat's actual electoral votes)
    called: int  # units called correctly
    missed: tuple[str, ...]  # units called wrong
    win_probability_d: float  # the forecast's P(Democrat wins the college)
    median_ev_d: int
    actual_ev_d: int  # electors the Democrat won at the polls (pledged, before any faithless)
    error_model: dict[str, Any] | None = None  # the errors fitted for this forecast

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "days": self.days, "source": self.source,
                "units": self.units, "brier": self.brier, "brier_weighted": self.brier_weighted,
                "brier_weighted_51": self.brier_weighted_51, "log_loss": self.log_loss,
                "log_loss_weighted": self.log_loss_weighted,
                "log_loss_headline": self.log_loss_headline, "log_score_ev": self.log_score_ev,
                "called": self.called, "missed": list(self.missed),
                "win_probability_d": self.win_probability_d, "median_ev_d": self.median_ev_d,
                "actual_ev_d": self.actual_ev_d, "error_model": self.error_model}


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    low: float
    high: float
    units: int
    mean_forecast: float | None  # the favourites' mean probability in the bin
    observed: float | None  # the share of them that won
    standard_error: float | None  # of the share won, were the forecasts right
    within_2se: bool | None  # |observed - mean_forecast| <= 2 standard errors

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "units": self.units,
                "mean_forecast": self.mean_forecast, "observed": self.observed,
                "standard_error": self.standard_error, "within_2se": self.within_2se}


@dataclass(frozen=True, slots=True)
class Benchmark:
    forecaster: str
    year: int
    win_probability_d: float
    log_loss_headline: float
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"forecaster": self.forecaster, "year": self.year,
                "win_probability_d": self.win_probability_d,
                "log_loss_headline": self.log_loss_headline, "source": self.source}


@dataclass(frozen=True, slots=True)
class Horizon:
    days: int
    brier_weighted_51: float  # mean over the years
    log_loss_headline: float  # mean over the years
    brier: float  # pooled over every unit of every year
    brier_weighted: float

    def to_dict(self) -> dict[str, Any]:
        return {"days": self.days, "brier_weighted_51": self.brier_weighted_51,
                "log_loss_headline": self.log_loss_headline, "brier": self.brier,
                "brier_weighted": self.brier_weighted}


@dataclass(frozen=True, slots=True)
class Backtest:
    years: tuple[YearScore, ...]  # on the eve, one per election
    horizons: tuple[Horizon, ...]  # summaries at each horizon
    by_horizon: tuple[YearScore, ...]  # every election at every horizon
    calibration: tuple[CalibrationBin, ...]  # pooled over the elections on the eve
    brier: float  # pooled over every unit of every election on the eve
    brier_weighted: float
    log_loss_headline: float  # mean over the elections on the eve
    benchmarks: tuple[Benchmark, ...]  # others' final forecasts of the same elections

    def to_dict(self) -> dict[str, Any]:
        return {"years": [y.to_dict() for y in self.years],
                "horizons": [h.to_dict() for h in self.horizons],
                "by_horizon": [y.to_dict() for y in self.by_horizon],
                "calibration": [b.to_dict() for b in self.calibration],
                "brier": self.brier, "brier_weighted": self.brier_weighted,
                "log_loss_headline": self.log_loss_headline,
                "benchmarks": [b.to_dict() for b in self.benchmarks],
                # Kept for readers of the old shape: each forecast's errors are now fitted on
                # the elections before it (years[].error_model).
                "error_model": None}


def _source(year: int, file: str | None) -> str:
    if file:
        return file
    from electoral.package_data import table

    return next((r["source"] for r in table("forecast_sources") if r["cycle"] == str(year)),
                "no packaged polls")


def _loss(p: float, won: bool) -> float:
    q = min(max(p, CLIP), 1 - CLIP)
    return -math.log(q if won else 1 - q)


def score(year: int, probs: Sequence[tuple[str, int, float]]) -> tuple[list[tuple[int, float, int]],
                                                                       YearScore]:
    """Per-unit (electors, P(D), D won) against the record, and the unit scores (the headline
    and electoral-vote fields are left for the caller). probs: (unit, electors, P(D))."""
    from electoral.forecasting.history import margins

    actual = margins(year)
    rows = [(e, p, int(actual[u][0] > 0)) for u, e, p in probs if u in actual]
    missed = tuple(u for u, _, p in probs if u in actual and (p > 0.5) != (actual[u][0] > 0))
    w = sum(e for e, _, _ in rows)
    # The Economist's basis: states and DC, each with all its electors (districts included).
    state_electors: dict[str, int] = {}
    for u, e, _ in probs:
        state_electors[u[:2]] = state_electors.get(u[:2], 0) + e
    st = [(state_electors[u], p, int(actual[u][0] > 0)) for u, _, p in probs
          if "-" not in u and u in actual]
    w51 = sum(e for e, _, _ in st)
    ys = YearScore(
        year, 0, "", len(rows),
        sum((p - y) ** 2 for _, p, y in rows) / len(rows),
        sum(e * (p - y) ** 2 for e, p, y in rows) / w,
        sum(e * (p - y) ** 2 for e, p, y in st) / w51,
        sum(_loss(p, bool(y)) for _, p, y in rows) / len(rows),
        sum(e * _loss(p, bool(y)) for e, p, y in rows) / w,
        math.nan, math.nan, len(rows) - len(missed), missed, 0.0, 0,
        sum(e * y for e, _, y in rows))
    return rows, ys


def calibration(rows: Iterable[tuple[int, float, int]],
                covariance: Callable[[int, int], float] | None = None
                ) -> tuple[CalibrationBin, ...]:
    """The calibration table of rows (electors, P(D), D won), by the favourite's probability
    (max(P(D), P(R)), in BINS): how often the favourite won. A bin's standard error is that
    of the share won were the forecasts right: with `covariance(a, b)`, the covariance of the
    outcomes of rows a and b under the forecasts (units of one election move together);
    without it, as if every unit were independent. A floor of a quarter unit's variance keeps
    near-certain bins honest."""
    rows = list(rows)
    fav = [max(p, 1 - p) for _, p, _ in rows]
    won = [int((y == 1) == (p >= 0.5)) for _, p, y in rows]
    sign = [1 if p >= 0.5 else -1 for _, p, _ in rows]  # the favourite's side
    out = []
    for i, (lo, hi) in enumerate(itertools.pairwise(BINS)):
        last = i == len(BINS) - 2
        members = [k for k, f in enumerate(fav) if lo <= f < hi or (last and f == hi)]
        if not members:
            out.append(CalibrationBin(lo, hi, 0, None, None, None, None))
            continue
        n = len(members)
        mean = sum(fav[k] for k in members) / n
        obs = sum(won[k] for k in members) / n
        if covariance is None:
            var = sum(fav[k] * (1 - fav[k]) for k in members)
        else:  # the favourites' wins covary as the Democrat's wins, signed by side
            var = sum(sign[a] * sign[b] * covariance(a, b) for a in members for b in members)
        se = math.sqrt(max(var, 0.25)) / n
        out.append(CalibrationBin(lo, hi, n, mean, obs, se, abs(obs - mean) <= 2 * se))
    return tuple(out)


def benchmarks(years: Iterable[int]) -> tuple[Benchmark, ...]:
    from electoral.forecasting.history import margins
    from electoral.package_data import table

    wanted = set(years)
    out = []
    for r in table("forecast_benchmarks"):
        year = int(r["year"])
        if year in wanted:
            won = _dem_won(year, margins)
            p = float(r["p_dem"])
            out.append(Benchmark(r["forecaster"], year, p, _loss(p, won), r["source"]))
    return tuple(out)


def _dem_won(year: int, margins: Any) -> bool:
    """Did the Democrat win a majority of the electors as the popular vote appointed them?"""
    from electoral.forecasting.inputs import _units
    from electoral.law.majority import majority_of_appointed

    actual = margins(year)
    units = _units(year)
    d = sum(n for code, _, n in units if code in actual and actual[code][0] > 0)
    return d >= majority_of_appointed(sum(n for _, _, n in units))


def forecast_day(year: int, days: int, polls: str | Path | None = None) -> tuple[Any, Any]:
    """(the model's forecast of `year` `days` before election day with the default engine,
    its compiled error model)."""
    from electoral.forecasting.cycle import cycle_window
    from electoral.forecasting.errors import compile_model
    from electoral.forecasting.run import PACKAGED, run_setup, setup

    _, day = cycle_window(year)
    st = setup(polls=polls if polls is not None else PACKAGED, year=year,
               as_of=day - dt.timedelta(days=days))
    return run_setup(st), compile_model(st.inputs, st.errors)


def _covariances(forecasts: list[tuple[int, Any, Any, list[int]]]) -> Callable[[int, int], float]:
    """covariance(a, b) of the eve rows' outcomes: zero across elections; within one, from
    the joint probability of carrying both units under its error model."""
    from electoral.forecasting.nested import joint_wins

    owner: dict[int, tuple[int, Any, int]] = {}
    for year, _, s, rows in forecasts:
        for pos, row in enumerate(rows):
            owner[row] = (year, s, pos)
    probs = {row: p for _, f, _, rows in forecasts for row, p in zip(
        rows, [u.win_probability["D"] for u in f.units], strict=True)}
    cache: dict[tuple[int, int], float] = {}

    def cov(a: int, b: int) -> float:
        ya, s, i = owner[a]
        yb, _, j = owner[b]
        if ya != yb:
            return 0.0
        key = (min(a, b), max(a, b))
        if key not in cache:
            both = float(joint_wins(s.mean, s.own, s.national, s.region, s.regional, s.df,
                                    [(i, j)])[0])
            cache[key] = both - probs[a] * probs[b]
        return cache[key]

    return cov


def backtest(years: Iterable[int] = YEARS, polls: str | Path | None = None,
             horizons: Iterable[int] = HORIZONS) -> Backtest:
    """Forecast each election at each horizon as the model would have and score it: see the
    module's docstring. polls: a file whose `cycle` column names each election (default:
    the packaged polls)."""
    import numpy as np

    from electoral.forecasting.history import margins
    from electoral.record import catalog

    years = sorted(set(years))
    if not years:
        raise InputError("give at least one election year", "years")
    for y in years:
        if y not in catalog.years():
            raise InputError(f"no presidential election in the record in {y}", str(y))
    days_list = sorted(set(horizons))
    if not days_list or days_list[0] < 0:
        raise InputError("horizons are days before election day, 0 or more", "horizons")
    if polls is None:
        from electoral.forecasting.polls import packaged_polls

        for y in years:
            packaged_polls(y)  # a clear error for a year without packaged polls
    scores: list[YearScore] = []
    eve_rows: list[tuple[int, float, int]] = []
    eve: list[tuple[int, Any, Any, list[int]]] = []
    for days in days_list:
        for year in years:
            f, s = forecast_day(year, days, polls)
            rows, ys = score(year, [(u.unit, u.electors, u.win_probability["D"])
                                    for u in f.units])
            won = _dem_won(year, margins)
            pmf = np.array(f.ev_distribution["D"])
            ys = _with(ys, days=days, source=_source(year, str(polls) if polls else None),
                       win_probability_d=f.win_probability["D"], median_ev_d=f.median_ev["D"],
                       log_loss_headline=_loss(f.win_probability["D"], won),
                       log_score_ev=-math.log(max(float(pmf[ys.actual_ev_d]), CLIP)),
                       error_model=dict(f.error_model))
            scores.append(ys)
            if days == days_list[0]:
                eve.append((year, f, s, list(range(len(eve_rows), len(eve_rows) + len(rows)))))
                eve_rows += rows
    first = [s for s in scores if s.days == days_list[0]]
    summaries = []
    for days in days_list:
        at = [s for s in scores if s.days == days]
        summaries.append(Horizon(days, sum(s.brier_weighted_51 for s in at) / len(at),
                                 sum(s.log_loss_headline for s in at) / len(at),
                                 sum(s.brier * s.units for s in at) / sum(s.units for s in at),
                                 _pooled_weighted(at)))
    return Backtest(tuple(first), tuple(summaries), tuple(scores),
                    calibration(eve_rows, _covariances(eve)),
                    sum((p - y) ** 2 for _, p, y in eve_rows) / len(eve_rows),
                    sum(e * (p - y) ** 2 for e, p, y in eve_rows)
                    / sum(e for e, _, _ in eve_rows),
                    sum(s.log_loss_headline for s in first) / len(first), benchmarks(years))


def _pooled_weighted(scores: list[YearScore]) -> float:
    # each year's weighted Brier is over all its electors: pool by those electors
    from electoral.forecasting.inputs import _units

    w = [sum(n for _, _, n in _units(s.year)) for s in scores]
    return sum(s.brier_weighted * x for s, x in zip(scores, w, strict=True)) / sum(w)


def _with(ys: YearScore, **changes: Any) -> YearScore:
    from dataclasses import replace

    return replace(ys, **changes)
