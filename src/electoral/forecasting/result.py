"""The Forecast value: typed, immutable, with the documented JSON (docs/json.md)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from electoral.forecasting.inputs import ForecastInput
from electoral.law.majority import majority_of_appointed

if TYPE_CHECKING:  # NumPy is imported where used: `import electoral` stays light
    import numpy as np
    import numpy.typing as npt

    from electoral.forecasting.errors import Structure
    from electoral.forecasting.exact import Moments
    from electoral.forecasting.montecarlo import Counts

    F64 = npt.NDArray[np.float64]
PARTIES = ("D", "R")
LANDSLIDE = 350  # electoral votes: more than this is a landslide


@dataclass(frozen=True, slots=True)
class UnitForecast:
    unit: str
    electors: int
    margin: float  # expected margin, points (D minus R)
    sd: float  # total error sd, points
    win_probability: Mapping[str, float]  # {"D": p, "R": 1 - p}
    tipping_point_probability: float | None  # None from the exact engines
    win_given_unit: Mapping[str, float | None]  # P(win the college | win the unit)
    decisive_probability: float  # P(the unit's electors decide the outcome)
    voter_power: float  # decisive probability per million two-party votes cast there
    standard_error: Mapping[str, float] | None  # Monte Carlo only

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "electors": self.electors, "margin": self.margin,
                "sd": self.sd, "win_probability": dict(self.win_probability),
                "tipping_point_probability": self.tipping_point_probability,
                "win_given_unit": dict(self.win_given_unit),
                "decisive_probability": self.decisive_probability,
                "voter_power": self.voter_power,
                "standard_error": None if self.standard_error is None
                else dict(self.standard_error)}


@dataclass(frozen=True, slots=True)
class Forecast:
    engine: str  # "exact" | "quadrature" | "montecarlo"
    sims: int | None
    seed: int | None
    year: int  # the election whose electors are counted
    electors: int
    majority: int
    source: str
    win_probability: Mapping[str, float]
    tie_probability: float  # 269-269 (an even number of electors, split in half)
    no_majority_probability: float  # nobody has a majority: the House decides (amend. XII)
    ev_distribution: Mapping[str, tuple[float, ...]]  # party -> P(k electoral votes), k=0..T
    median_ev: Mapping[str, int]
    intervals: Mapping[str, Mapping[str, tuple[int, int]]]  # party -> "80"/"95" -> (lo, hi)
    units: tuple[UnitForecast, ...]
    inversion_probability: float | None  # None from the exact engines
    standard_error: Mapping[str, float] | None
    conditions: Mapping[str, str]
    condition_probability: float | None
    effective_sample_size: int | None
    error_model: Mapping[str, Any]
    notes: tuple[str, ...]
    # P(landslide_D / landslide_R: more than 350 electoral votes), tie, no_majority, and from
    # Monte Carlo inversion and recount (the tipping-point margin under 0.5 point); None where
    # the engine cannot tell.
    scenarios: Mapping[str, float | None] = field(default_factory=lambda: MappingProxyType({}))
    # The national two-party margin (points): {"mean", "80": (lo, hi), "95": (lo, hi)}, or None
    # (under conditions, where it is not computed).
    national_vote: Mapping[str, Any] | None = None
    # The poll and fundamentals model's reading, when it made the inputs (docs/forecast.md).
    model: Mapping[str, Any] | None = None

    def unit(self, code: str) -> UnitForecast:
        return next(u for u in self.units if u.unit == code)

    def units_codes(self) -> tuple[str, ...]:
        return tuple(u.unit for u in self.units)

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine, "sims": self.sims, "seed": self.seed, "year": self.year,
            "electors": self.electors, "majority": self.majority, "source": self.source,
            "win_probability": dict(self.win_probability),
            "tie_probability": self.tie_probability,
            "no_majority_probability": self.no_majority_probability,
            "ev_distribution": {k: list(v) for k, v in self.ev_distribution.items()},
            "median_ev": dict(self.median_ev),
            "intervals": {p: {k: list(v) for k, v in iv.items()}
                          for p, iv in self.intervals.items()},
            "units": [u.to_dict() for u in self.units],
            "inversion_probability": self.inversion_probability,
            "standard_error": None if self.standard_error is None else dict(self.standard_error),
            "conditions": dict(self.conditions),
            "condition_probability": self.condition_probability,
            "effective_sample_size": self.effective_sample_size,
            "error_model": dict(self.error_model), "notes": list(self.notes),
            "scenarios": dict(self.scenarios),
            "national_vote": None if self.national_vote is None else {
                k: (list(v) if isinstance(v, tuple) else v)
                for k, v in self.national_vote.items()},
            "model": None if self.model is None else dict(self.model)}


def _quantile(pmf: F64, q: float) -> int:
    """Smallest k with P(X <= k) >= q (a tolerance absorbs rounding in the cumulative sum)."""
    import numpy as np

    return int(np.searchsorted(np.cumsum(pmf), q - 1e-12))


def summary(pmf: F64) -> tuple[int, dict[str, tuple[int, int]]]:
    return _quantile(pmf, 0.5), {"80": (_quantile(pmf, 0.1), _quantile(pmf, 0.9)),
                                 "95": (_quantile(pmf, 0.025), _quantile(pmf, 0.975))}


def _se(p: float, n: int) -> float:
    return math.sqrt(max(p * (1 - p), 0.0) / n) if n else math.nan


def _ratio(a: float, b: float) -> float | None:
    return a / b if b > 0 else None


@dataclass(frozen=True)
class Common:
    engine: str
    sims: int | None
    seed: int | None
    inp: ForecastInput
    total_sd: F64
    conditions: Mapping[str, str]
    error_model: Mapping[str, Any]
    notes: tuple[str, ...]
    structure: Structure | None = None
    model: Mapping[str, Any] | None = None


def national_vote(s: Structure) -> dict[str, Any]:
    """The national two-party margin's mean and 80%/95% intervals (points): the units' margins
    weighted by their two-party votes (districts are inside their states)."""
    import numpy as np
    from scipy.special import ndtr, stdtr  # type: ignore[import-untyped]

    w = s.votes / s.votes.sum()
    mean = float(w @ s.mean)
    if s.cov is not None:
        scale = math.sqrt(float(w @ s.cov @ w))

        def cdf(q: float) -> float:
            z = (q - mean) / scale if scale else math.inf * (q - mean)
            return float(stdtr(s.df, z) if s.df else ndtr(z))
    else:
        assert s.own is not None and s.national is not None
        rest = float((w * s.own) @ (w * s.own))
        if s.region is not None and s.regional is not None:
            for r in set(s.region.tolist()):
                rest += float(w[s.region == r] @ s.regional[s.region == r]) ** 2
        lead = float(w @ s.national)
        if s.df is None:
            scale = math.sqrt(rest + lead * lead)

            def cdf(q: float) -> float:
                return float(ndtr((q - mean) / scale)) if scale else float(q >= mean)
        else:
            from electoral.forecasting.nested import factor_nodes

            x, wx = factor_nodes(80, s.df)
            sd = math.sqrt(rest)

            def cdf(q: float) -> float:
                if not sd:
                    return float(wx @ (mean + x * lead <= q))
                return float(wx @ ndtr((q - mean - x * lead) / sd))
            scale = math.sqrt(rest + lead * lead * s.df / (s.df - 2))
        if not scale:
            return {"mean": mean, "80": (mean, mean), "95": (mean, mean)}
    if not scale:
        return {"mean": mean, "80": (mean, mean), "95": (mean, mean)}

    def quantile(p: float) -> float:
        lo, hi = mean - 60 * scale - 1, mean + 60 * scale + 1
        for _ in range(80):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
        return max(-100.0, min(100.0, (lo + hi) / 2))

    _ = np  # (NumPy arrays above)
    return {"mean": mean, "80": (quantile(0.1), quantile(0.9)),
            "95": (quantile(0.025), quantile(0.975))}


def _unit_interval(p: float) -> float:
    return min(1.0, max(0.0, p))


def assemble(c: Common, pmf: F64, unit_d: F64, d_and: F64, r_and: F64, decisive: F64,
             tipping: F64 | None, inversion: float | None, n: int | None,
             condition_probability: float | None, recount: float | None = None) -> Forecast:
    total = c.inp.electors
    maj = majority_of_appointed(total)  # U.S. Const. amend. XII
    # Probabilities are sums of floats: clipped to [0, 1] against rounding (1.0000000000000002).
    d_win = _unit_interval(float(pmf[maj:].sum()))
    r_win = _unit_interval(float(pmf[:total - maj + 1].sum()))
    tie = float(pmf[total // 2]) if total % 2 == 0 else 0.0
    med_d, iv_d = summary(pmf)
    med_r, iv_r = summary(pmf[::-1].copy())
    units = []
    for i, u in enumerate(c.inp.units):
        pd = _unit_interval(float(unit_d[i]))
        se = None if n is None else {
            "win_probability": _se(pd, n), "decisive_probability": _se(float(decisive[i]), n),
            **({"tipping_point_probability": _se(float(tipping[i]), n)}
               if tipping is not None else {})}
        margin = float(c.structure.mean[i]) if c.structure is not None else u.margin
        units.append(UnitForecast(
            u.unit, u.electors, margin, float(c.total_sd[i]),
            MappingProxyType({"D": pd, "R": 1 - pd}),
            None if tipping is None else float(tipping[i]),
            MappingProxyType({"D": _ratio(float(d_and[i]), pd),
                              "R": _ratio(float(r_and[i]), 1 - pd)}),
            float(decisive[i]),
            float(decisive[i]) * 1e6 / u.votes if u.votes else 0.0,
            None if se is None else MappingProxyType(se)))
    se_top = None if n is None else MappingProxyType({
        "win_probability_D": _se(d_win, n), "win_probability_R": _se(r_win, n),
        "tie_probability": _se(tie, n),
        **({"inversion_probability": _se(inversion, n)} if inversion is not None else {})})
    no_majority = float(max(0.0, 1 - d_win - r_win))
    scenarios = {"landslide_D": float(pmf[LANDSLIDE + 1:].sum()),
                 "landslide_R": float(pmf[:max(total - LANDSLIDE, 0)].sum()),
                 "tie": tie, "no_majority": no_majority, "inversion": inversion,
                 "recount": recount}
    nv = (national_vote(c.structure) if c.structure is not None and not c.conditions
          and c.structure.votes.sum() > 0 else None)
    return Forecast(
        c.engine, c.sims, c.seed, c.inp.year, total, maj, c.inp.source,
        MappingProxyType({"D": d_win, "R": r_win}), tie, no_majority,
        MappingProxyType({"D": tuple(float(x) for x in pmf)}),
        MappingProxyType({"D": med_d, "R": med_r}),
        MappingProxyType({"D": MappingProxyType(iv_d), "R": MappingProxyType(iv_r)}),
        tuple(units), inversion, se_top, MappingProxyType(dict(c.conditions)),
        condition_probability if c.conditions else None,
        n if (n is not None and c.conditions) else None,
        MappingProxyType(dict(c.error_model)), c.notes, MappingProxyType(scenarios),
        None if nv is None else MappingProxyType(nv),
        None if c.model is None else MappingProxyType(dict(c.model)))


def from_moments(c: Common, m: Moments, tipping: F64 | None = None) -> Forecast:
    return assemble(c, m.pmf, m.unit_d, m.d_and_unit, m.r_and_unit, m.decisive, tipping, None,
                    None, m.condition_probability)


def from_counts(c: Common, k: Counts, detail: bool = True) -> Forecast:
    from electoral.errors import InputError

    if not k.kept:
        raise InputError(f"no simulation met the conditions in {k.sims:,} (try more sims)",
                         "conditions")
    n = k.kept
    return assemble(c, k.ev / n, k.unit_d / n, k.d_and_unit / n, k.r_and_unit / n,
                    k.decisive / n, k.tipping / n if detail else None,
                    k.inversions / n if detail else None, n,
                    n / k.sims if c.conditions else None, k.recount / n if detail else None)
