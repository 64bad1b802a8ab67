"""The fundamentals prior: Abramowitz's "time for change" model of the national vote.

    incumbent party's two-party share = b0 + b1 * June net approval + b2 * Q2 GDP growth
                                        + b3 * (the party has held the White House one term)

fitted by least squares on the elections before the one forecast (1948 onward; the
predictors are in forecast_fundamentals.csv with their sources, the vote comes from the
record). GDP growth is winsorised at three robust standard deviations from the median of the
elections fitted, in the fit and in the forecast: 2020's -32.9% (annualised) lies far outside
every other election, and a straight line says nothing there.
The prior's error is how far the model missed the elections it forecast without having seen
them: each election from 1980 forecast by the model fitted on the elections before it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from electoral.errors import InputError

FIRST = 1948  # the first election with the predictors (Gallup approval, quarterly GDP)
MIN_YEARS = 8  # elections to fit four coefficients on: the first forecast is of 1980


@dataclass(frozen=True, slots=True)
class Fundamentals:
    year: int
    incumbent_party: str  # "D" | "R": the party holding the White House
    term1: bool  # the party has held the White House for one term only
    q2gdp: float  # real GDP growth in the second quarter, annualised, percent
    juneapp: float  # the President's net approval (approve - disapprove) in June, points
    source: str


@dataclass(frozen=True, slots=True)
class Fit:
    """b = (b0, b1 approval, b2 GDP, b3 first term) on the incumbent party's two-party share
    (percent); sd: its out-of-sample RMSE (share points); years fitted; GDP range kept."""

    b: tuple[float, float, float, float]
    sd: float
    years: tuple[int, ...]
    gdp_range: tuple[float, float]

    def share(self, f: Fundamentals) -> float:
        """The incumbent party's expected two-party share (percent)."""
        g = min(max(f.q2gdp, self.gdp_range[0]), self.gdp_range[1])
        b = self.b
        return b[0] + b[1] * f.juneapp + b[2] * g + b[3] * float(f.term1)

    def margin(self, f: Fundamentals) -> tuple[float, float]:
        """(expected Democratic two-party margin, its sd), points."""
        share = self.share(f)
        dem = share if f.incumbent_party == "D" else 100.0 - share
        return 2 * dem - 100.0, 2 * self.sd


@cache
def table() -> dict[int, Fundamentals]:
    from electoral.package_data import table as read

    return {int(r["year"]): Fundamentals(int(r["year"]), r["incumbent_party"],
                                         r["term1"] == "1", float(r["q2gdp"]),
                                         float(r["juneapp"]), r["source"])
            for r in read("forecast_fundamentals")}


def incumbent_share(year: int) -> float:
    """The incumbent party's two-party share of the national vote (percent), from the record."""
    from electoral.forecasting.history import national_margin

    f = table()[year]
    dem = 50.0 + national_margin(year) / 2
    return dem if f.incumbent_party == "D" else 100.0 - dem


def robust_range(x: Sequence[float]) -> tuple[float, float]:
    """median +- 3 robust standard deviations (1.4826 median absolute deviations): values
    beyond are winsorised, the usual guard against one wild observation."""
    import statistics

    med = statistics.median(x)
    mad = statistics.median(abs(v - med) for v in x)
    return med - 3 * 1.4826 * mad, med + 3 * 1.4826 * mad


def _least_squares(rows: Sequence[Sequence[float]], y: Sequence[float]
                   ) -> tuple[list[float], float]:
    import numpy as np

    x = np.array(rows)
    yy = np.array(y)
    b, *_ = np.linalg.lstsq(x, yy, rcond=None)
    hat = x @ np.linalg.pinv(x.T @ x) @ x.T
    resid = yy - x @ b
    loo = resid / (1 - np.diag(hat))  # leave-one-out residuals, without refitting
    return [float(v) for v in b], float(math.sqrt(float(np.mean(loo ** 2))))


@cache
def fit(before: int) -> Fit:
    """The model fitted on the elections from 1948 to before `before`."""
    years = tuple(y for y in sorted(table()) if FIRST <= y < before)
    if len(years) < MIN_YEARS:
        raise InputError(f"too few elections before {before} to fit the fundamentals "
                         f"(from {FIRST})", str(before))
    raw = [table()[y].q2gdp for y in years]
    lo, hi = robust_range(raw)
    gdp = [min(max(g, lo), hi) for g in raw]
    rows = [(1.0, table()[y].juneapp, g, float(table()[y].term1)) for y, g in zip(years, gdp,
                                                                                  strict=True)]
    b, loo = _least_squares(rows, [incumbent_share(y) for y in years])
    # Its error: the root mean square error of its forecasts of the elections since it first
    # had MIN_YEARS to learn from, each fitted only on the elections before it (rolling
    # origin): the error of a real forecast, larger than the in-sample one.
    misses = [f.share(table()[y]) - incumbent_share(y) for y in years
              if (f := _fit_only(y)) is not None]
    sd = math.sqrt(sum(e * e for e in misses) / len(misses)) if len(misses) >= 3 else loo
    return Fit((b[0], b[1], b[2], b[3]), sd, years, (lo, hi))


def _fit_only(year: int) -> Fit | None:
    try:
        return fit(year)
    except InputError:
        return None


def prior_margin(year: int) -> tuple[float, float] | None:
    """(expected national Democratic margin, sd) for `year` from the elections before it, or
    None when the predictors of `year` are not in the table."""
    f = table().get(year)
    if f is None:
        return None
    return fit(year).margin(f)
