"""The forecast model: from the polls and the fundamentals to each unit's expected margin and
the errors around it, as they stand on a day.

Margins split into the nation's and each unit's lean (its margin less the nation's):

- the nation: the fundamentals' margin (error: their out-of-sample sd) and the polls'
  national trend line (error: the polling error fitted for the days left, plus the
  uncertainty of how the undecided and third-party voters break), combined by precision;
- a unit's lean: its lean at the previous election (error: how much leans change between
  elections) and, where it was polled, its poll average less the national trend line (error:
  the polls' sampling noise and the state polling error for the days left), combined by
  precision.

The errors of the forecast, in the factor form of electoral.forecasting.errors: a national
error (the combined national sd as its scale, Student-t with the degrees of freedom the
calibration had to learn from), a regional error per BEA region (the regional part of state
polling errors for the days left) and each unit's own error (its lean's sd). Every size is
fitted on earlier elections (electoral.forecasting.calibrate).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from electoral.forecasting.average import PollAverage, average
from electoral.forecasting.calibrate import POLL_SD, Calibration, calibrate, undecided_variance
from electoral.forecasting.cycle import check_as_of, cycle_window
from electoral.forecasting.errors import ErrorModel
from electoral.forecasting.inputs import ForecastInput, UnitInput, _units, _votes_for
from electoral.forecasting.polls import Poll


@dataclass(frozen=True, slots=True)
class National:
    fundamentals: float | None  # the fundamentals' expected margin (points)
    fundamentals_sd: float | None
    polls: float | None  # the national polling trend line (points)
    polls_sd: float | None  # its error for the days left, undecided voters included
    margin: float  # the two combined
    sd: float

    def to_dict(self) -> dict[str, Any]:
        return {"fundamentals": self.fundamentals, "fundamentals_sd": self.fundamentals_sd,
                "polls": self.polls, "polls_sd": self.polls_sd, "margin": self.margin,
                "sd": self.sd}


@dataclass(frozen=True, slots=True)
class Estimate:
    """The model's reading of an election on a day: forecast inputs and their error model."""

    year: int
    as_of: dt.date
    days: int  # days left to election day
    inputs: ForecastInput
    errors: ErrorModel
    national: National
    average: PollAverage | None
    calibration: Calibration
    leans: Mapping[str, float]  # unit -> estimated lean (points)


def _combine(a: float, va: float, b: float, vb: float) -> tuple[float, float]:
    """Precision-weighted mean and variance of two independent estimates."""
    w = vb / (va + vb)
    return w * a + (1 - w) * b, va * vb / (va + vb)


def estimate(year: int, polls: Iterable[Poll] = (), as_of: dt.date | None = None,
             fundamentals: bool = True) -> Estimate:
    """The model for the `year` election as of `as_of` (default: election day; polls public
    before it count). polls: the cycle's polls (none: the fundamentals and last results)."""
    from electoral.forecasting.fundamentals import prior_margin
    from electoral.forecasting.history import leans, national_change, national_margin

    as_of = check_as_of(year, as_of)
    _, day = cycle_window(year)
    days = (day - as_of).days
    cal = calibrate(year)
    base = year - 4
    before = leans(base)
    avg = average(polls, as_of, before) if polls else None
    notes: list[str] = []

    fund = prior_margin(year) if fundamentals else None
    if fund is None:  # no predictors: the last result, off by a typical national change
        fund_m, fund_sd = national_margin(base), national_change(year)
        notes.append(f"no fundamentals for {year}: the national prior is the {base} margin "
                     f"({fund_m:+.1f}), sd {fund_sd:.1f}")
    else:
        fund_m, fund_sd = fund
    # The polls' national reading, less the lean toward one party they have shown before.
    poll_m = avg.national - cal.bias if avg is not None and avg.national is not None else None
    poll_sd = None
    if poll_m is not None:
        assert avg is not None
        poll_var = cal.national.sd(days) ** 2 + undecided_variance(avg.other)
        poll_sd = math.sqrt(poll_var)
        nat_m, nat_var = _combine(poll_m, poll_var, fund_m, fund_sd ** 2)
    else:
        nat_m, nat_var = fund_m, fund_sd ** 2
    national = National(fund[0] if fund else None, fund[1] if fund else None, poll_m, poll_sd,
                        nat_m, math.sqrt(nat_var))

    votes = _votes_for(year)
    units = []
    est_leans = {}
    lean_var = cal.lean_sd ** 2
    state_var = cal.state.sd(days) ** 2
    for code, state, n in _units(year):
        lean0 = before.get(code, before.get(state))
        if lean0 is None:
            lean0 = 0.0
            notes.append(f"{code}: no result in {base}; its prior lean is the nation's")
        lean, var = lean0, lean_var
        polled = avg.units.get(code) if avg is not None else None
        if polled is not None and poll_m is not None and polled.strength > 0:
            # a state poll's lean: against the polls' own national line (the same bias)
            lean, var = _combine(polled.margin - poll_m - cal.bias,
                                 POLL_SD ** 2 / polled.strength + state_var, lean0, lean_var)
        est_leans[code] = lean
        margin = max(-100.0, min(100.0, nat_m + lean))
        units.append(UnitInput(code, n, margin, math.sqrt(var), votes.get(code, 0)))
    polled_units = 0 if avg is None else sum(1 for c, _, _ in _units(year) if c in avg.units)
    source = (f"polls to {as_of.isoformat()} and the fundamentals" if avg is not None
              else "the fundamentals and the last results")
    if avg is not None:
        notes.insert(0, f"{polled_units} of {len(units)} units polled; national polls "
                        f"{_fmt(poll_m)}, fundamentals {fund_m:+.1f}, combined {nat_m:+.1f} "
                        f"(sd {math.sqrt(nat_var):.1f}); {days} days to election day")
    inp = ForecastInput(year, tuple(units), source, tuple(notes))
    errors = ErrorModel(national_sd=math.sqrt(nat_var), regional_sd=cal.regional.sd(days),
                        df=cal.df)
    return Estimate(year, as_of, days, inp, errors, national, avg, cal,
                    MappingProxyType(est_leans))


def _fmt(x: float | None) -> str:
    return "none" if x is None else f"{x:+.1f}"
