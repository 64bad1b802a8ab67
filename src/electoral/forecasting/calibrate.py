"""The forecast's error sizes, fitted on past elections only (leave-future-out).

For the forecast of `year`, everything is learnt from elections before it:

- the fundamentals model (electoral.forecasting.fundamentals), fitted on 1948 to year - 4;
- how much states' leans change between elections, and the regional part of it (results
  from 1976, electoral.forecasting.history);
- how far the polls missed, as a function of the days left: the packaged polls of every
  earlier cycle (2008 onward) are averaged as they stood 0, 7, 14, 30, 60, 100 and 150 days
  before election day and compared with the result. The national polling error's variance
  and the state polls' error on leans (after their sampling noise) are each fitted as
  var(d) = eve + per_day * d, points², by least squares.

Before there are past polls to learn from (the forecast of 2008), and alongside them, the
fits start from a prior worth PRIOR_CYCLES cycles: sizes published for the polls of
1972-2004 (see docs/forecast.md), so one odd cycle cannot make the model overconfident.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from electoral.forecasting.fundamentals import Fit, fit

HORIZONS = (0, 7, 14, 30, 60, 100, 150)  # days before election day
POLL_SD = 5.0  # points: one 600-voter poll's error on a margin (sampling, design effect)
PRIOR_CYCLES = 4.0
# How the undecided and third-party voters break is uncertain: their net split toward one
# nominee has this sd (as a share of them), so 10% of them can move the margin by 2 points.
UNDECIDED_SPLIT_SD = 0.10


def undecided_variance(other: float | None) -> float:
    """Variance (points²) of the margin from `other` percent of voters for neither nominee."""
    return 0.0 if other is None else (2 * other * UNDECIDED_SPLIT_SD) ** 2

FIRST_POLLS = 2008  # the first cycle with packaged polls


@dataclass(frozen=True, slots=True)
class PollError:
    """The variance of a polling error d days before election day: eve + per_day * d."""

    eve: float  # points²
    per_day: float  # points² per day

    def sd(self, days: int) -> float:
        return math.sqrt(self.eve + self.per_day * max(days, 0))


# The prior: FiveThirtyEight's table of final-week national polling averages, 1968-2012,
# gives a root mean square error of 2.7 points on the margin (var 7.3); 100 days out about
# 4.5 points. State polls missed states' leans by about 3.5 points in the final week.
PRIOR_NATIONAL = PollError(7.3, 0.13)
PRIOR_STATE = PollError(12.0, 0.08)
PRIOR_REGIONAL = PollError(2.0, 0.02)


@dataclass(frozen=True, slots=True)
class Calibration:
    before: int  # fitted on elections before this one
    fundamentals: Fit
    lean_sd: float  # sd of a state's change in lean between elections, points
    lean_regional_sd: float  # its regional part
    national: PollError  # the national polling average's error on the margin
    state: PollError  # a state's polls' error on its lean, beyond their sampling noise
    regional: PollError  # the regional part of the state polls' error
    cycles: tuple[int, ...]  # poll cycles fitted on
    bias: float = 0.0  # the national polls' mean error toward the Democrat, points (shrunk)

    @property
    def df(self) -> float:
        """Degrees of freedom of the national error: its size is learnt from the prior's
        PRIOR_CYCLES cycles and the past cycles, so the error to expect is Student-t with
        that many degrees of freedom (the predictive of a normal whose variance is so
        estimated), fatter-tailed the less there is to learn from."""
        return PRIOR_CYCLES + len(self.cycles)

    def to_dict(self) -> dict[str, object]:
        f = self.fundamentals
        return {"before": self.before, "cycles": list(self.cycles), "df": self.df,
                "fundamentals": {"intercept": f.b[0], "net_approval": f.b[1],
                                 "q2_gdp": f.b[2], "first_term": f.b[3],
                                 "sd_share": f.sd, "years": list(f.years)},
                "lean_sd": self.lean_sd, "lean_regional_sd": self.lean_regional_sd,
                "national_poll_error": {"eve": self.national.eve,
                                        "per_day": self.national.per_day},
                "state_poll_error": {"eve": self.state.eve, "per_day": self.state.per_day},
                "regional_poll_error": {"eve": self.regional.eve,
                                        "per_day": self.regional.per_day},
                "poll_bias": self.bias}


def _fit_line(points: list[tuple[int, float]], prior: PollError) -> PollError:
    """Least squares of squared errors on days, with the prior as PRIOR_CYCLES cycles of
    pseudo-observations at every horizon; both coefficients kept non-negative."""
    import numpy as np

    pts = points + [(d, prior.eve + prior.per_day * d) for d in HORIZONS
                    for _ in range(int(PRIOR_CYCLES))]
    x = np.array([[1.0, d] for d, _ in pts])
    y = np.array([v for _, v in pts])
    (a, b), *_ = np.linalg.lstsq(x, y, rcond=None)
    if b < 0:
        return PollError(float(y.mean()), 0.0)
    if a < 0:
        return PollError(0.0, float((x[:, 1] @ y) / (x[:, 1] @ x[:, 1])))
    return PollError(float(a), float(b))


def cycle_errors(cycle: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]],
                                      list[tuple[int, float]], list[float]]:
    """(national, state, regional) squared polling errors of one past cycle at each horizon:
    (days, points²); and the national errors themselves (points, polls less result)."""
    import datetime as dt

    from electoral.forecasting.average import average
    from electoral.forecasting.errors import regions
    from electoral.forecasting.history import leans, national_margin
    from electoral.forecasting.polls import packaged_polls
    from electoral.law.calendar import timeline

    day = timeline(cycle).date_of("election_day")
    polls = packaged_polls(cycle)
    before, actual = leans(cycle - 4), leans(cycle)
    result = national_margin(cycle)
    nat, state, region, signed = [], [], [], []
    for d in HORIZONS:
        avg = average(polls, day - dt.timedelta(days=d), before)
        if avg.national is None:
            continue
        # The break of the undecided is modelled on its own (model.undecided_variance): the
        # polling error proper is what is left.
        nat.append((d, (avg.national - result) ** 2 - undecided_variance(avg.other)))
        signed.append(avg.national - result)
        errs: dict[str, list[float]] = {}
        sq = []
        for u, a in avg.units.items():
            if u == "US" or u not in actual or "-" in u or a.strength < 1:
                continue
            e = (a.margin - avg.national) - actual[u]
            sq.append(e * e - POLL_SD ** 2 / a.strength)
            errs.setdefault(regions()[u], []).append(e)
        if sq:
            state.append((d, sum(sq) / len(sq)))
        means = [(sum(v) / len(v)) ** 2 for v in errs.values() if len(v) >= 2]
        if means:
            region.append((d, sum(means) / len(means)))
    return nat, state, region, signed


@cache
def calibrate(before: int) -> Calibration:
    """Every fitted size for a forecast of the election `before`, from earlier ones only."""
    from electoral.forecasting.history import lean_change
    from electoral.forecasting.polls import packaged_cycles

    cycles = tuple(c for c in packaged_cycles() if FIRST_POLLS <= c < before)
    nat: list[tuple[int, float]] = []
    state: list[tuple[int, float]] = []
    region: list[tuple[int, float]] = []
    signed: list[float] = []
    for c in cycles:
        n, s, r, e = cycle_errors(c)
        nat += n
        state += s
        region += r
        signed += e
    lean_sd, lean_regional = lean_change(before)
    # The polls' lean toward one party, shrunk toward none by the prior's cycles.
    bias = sum(signed) / (len(signed) + PRIOR_CYCLES * len(HORIZONS))
    return Calibration(before, fit(before), lean_sd, lean_regional,
                       _fit_line(nat, PRIOR_NATIONAL), _fit_line(state, PRIOR_STATE),
                       _fit_line(region, PRIOR_REGIONAL), cycles, bias)
