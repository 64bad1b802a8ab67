"""Election night, one road: counted votes per area -> the model's estimate -> calls -> the
Electoral College distribution. `replay` feeds it the packaged county results revealed in a
reporting order; `update` feeds it a user's partial-returns files.

Replay scheme: areas (counties) are revealed in an order (`random`, seeded; or `small-first`,
the smallest final vote first, so the large urban counties come last). At fraction f, in
every state, areas enter whole in that order while the state's counted vote stays within f of
its final total, and the next one enters partly, with the share of its own vote that brings
the state to f (its counted votes in the final proportions, rounded down). The share each
county has counted is known to the model (the expected vote, as news organisations estimate
it). `at=1` is the final count.

The Electoral College distribution conditions the forecast engines' exact convolution on what
is known: a state counted in full is fixed (a condition), every other state carries its live
probability, and Maine's and Nebraska's district electors come from the record's district
returns at the final count (county results do not map to districts).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from electoral.errors import InputError, NoElectionError
from electoral.live.areas import Geography, counties, geography
from electoral.live.calls import CALL_PROBABILITY, MIN_COUNTED, call, recount_guard
from electoral.live.model import DRAWS, RELY, Counted, Fit, StateEstimate, estimate
from electoral.live.returns import PartialReturns, check_updates, read_partial

ORDERS = ("random", "small-first")
MAX_SEED = 2**32 - 1


@dataclass(frozen=True, slots=True)
class LiveState:
    state: str
    electors: int  # the state's electors (Maine and Nebraska: the two at large)
    counted_share: float
    counted_margin: float | None
    margin: float
    low: float
    high: float
    p_dem: float
    called: str | None
    recount_margin: float | None
    final_margin: float | None  # a replay's truth: the final count's margin
    areas: int
    reporting: int
    complete: int

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "electors": self.electors,
                "counted_share": self.counted_share, "counted_margin": self.counted_margin,
                "margin": self.margin, "low": self.low, "high": self.high,
                "p_dem": self.p_dem, "called": self.called,
                "recount_margin": self.recount_margin, "final_margin": self.final_margin,
                "areas": self.areas, "reporting": self.reporting, "complete": self.complete}


@dataclass(frozen=True, slots=True)
class LiveResult:
    year: int
    baseline: int
    source: str
    at: float | None  # a replay's reporting fraction
    order: str | None
    seed: int | None
    reported: Mapping[str, Any]
    states: tuple[LiveState, ...]
    districts: Mapping[str, str]  # district unit -> party carrying it (the record's returns)
    win_probability: Mapping[str, float]
    electoral_votes: Mapping[str, Any]
    model: Mapping[str, Any]
    notes: tuple[str, ...] = field(default=())

    def state(self, code: str) -> LiveState:
        return next(s for s in self.states if s.state == code)

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "baseline": self.baseline, "source": self.source,
                "at": self.at, "order": self.order, "seed": self.seed,
                "reported": dict(self.reported),
                "states": [s.to_dict() for s in self.states],
                "districts": dict(self.districts),
                "win_probability": dict(self.win_probability),
                "electoral_votes": _plain(self.electoral_votes), "model": _plain(self.model),
                "notes": list(self.notes)}


def _plain(m: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) if isinstance(v, Mapping) else list(v) if isinstance(v, tuple) else v
            for k, v in m.items()}


def _frozen(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType({k: _frozen(v) if isinstance(v, Mapping) else v for k, v in d.items()})


def _districts(year: int) -> tuple[dict[str, str], list[str]]:
    """District unit -> "D"/"R" from the record's district returns of `year`."""
    from electoral.forecasting.inputs import two_party
    from electoral.record import catalog
    from electoral.units import unit_votes, voting_units

    units = [u for u in voting_units(year) if u.district]
    if not units:
        return {}, []
    if year not in catalog.years():
        return {}, [f"{u.code}: no district returns in the record for {year}; it carries its "
                    "state's probability" for u in units]
    d, r = two_party(year)
    votes = unit_votes(year)
    out = {}
    for u in units:
        v = votes.get(u.code, {})
        out[u.code] = "D" if v.get(d, 0) > v.get(r, 0) else "R"
    return out, [f"district electors ({', '.join(sorted(out))}) from the record's district "
                 "returns at the final count: county results do not map to districts"]


def electoral_college(year: int, states: Sequence[StateEstimate], districts: Mapping[str, str]
                      ) -> tuple[dict[str, float], dict[str, Any]]:
    """Win probabilities and the electoral-vote distribution: the exact engine, conditioned on
    the states counted in full and the district electors."""
    from electoral.forecasting.errors import ErrorModel
    from electoral.forecasting.inputs import ForecastInput, UnitInput
    from electoral.forecasting.run import forecast
    from electoral.units import voting_units

    by = {s.state: s for s in states}
    units, conditions = [], {}
    for u in voting_units(year):
        if u.code in districts:
            p = 1.0 if districts[u.code] == "D" else 0.0
            conditions[u.code] = districts[u.code]
            units.append(UnitInput(u.code, u.electors, 100.0 if p else -100.0, 1.0, 0, p))
            continue
        e = by[u.state]
        if e.certain:
            conditions[u.code] = "D" if e.margin > 0 else "R"
        p = min(1.0, max(0.0, e.p_dem))
        units.append(UnitInput(u.code, u.electors, max(-100.0, min(100.0, e.margin)),
                               max(e.sd, 0.01), 0, p))
    f = forecast(ForecastInput(year, tuple(units), "live"), errors=ErrorModel(), engine="exact",
                 conditions=conditions, tipping=False)
    return dict(f.win_probability), {
        "majority": f.majority, "median": dict(f.median_ev),
        "intervals": {p: {k: list(v) for k, v in iv.items()} for p, iv in f.intervals.items()},
        "tie_probability": f.tie_probability,
        "distribution": {k: list(v) for k, v in f.ev_distribution.items()}}


def _electors(year: int) -> dict[str, int]:
    from electoral.units import voting_units

    return {u.state: u.electors for u in voting_units(year) if not u.district}


def _assemble(geo: Geography, counted: Counted, source: str, seed: int, draws: int,
              truth: Mapping[str, float] | None, at: float | None, order: str | None,
              notes: Sequence[str]) -> LiveResult:
    import numpy as np

    year = geo.year
    ests, fit = estimate(geo, counted, seed, draws)
    districts, dnotes = _districts(year)
    win, ev = electoral_college(year, ests, districts)
    electors = _electors(year)
    states = []
    called: dict[str, int] = {"D": 0, "R": 0}
    for e in ests:
        c = call(e, year)
        if c:
            called[c] += electors[e.state]
        states.append(LiveState(e.state, electors[e.state], e.counted_share, e.counted_margin,
                                e.margin, e.low, e.high, e.p_dem, c,
                                recount_guard(year, e.state, e.expected_total, e.margin),
                                None if truth is None else truth[e.state], e.areas, e.reporting,
                                e.complete))
    for p in districts.values():
        called[p] += 1
    ev["called"] = called
    s = counted.share
    expected = sum(e.expected_total for e in ests)
    reported = {"areas": len(s), "complete": int((s >= 1).sum()),
                "partial": int(((s > 0) & (s < 1)).sum()), "none": int((s == 0).sum()),
                "counted_votes": int(counted.total.sum()),
                "counted_share": float(counted.total.sum() / expected) if expected else 0.0}
    del np
    return LiveResult(year, geo.baseline, source, at, order, seed if at is not None else None,
                      _frozen(reported), tuple(states), MappingProxyType(districts),
                      MappingProxyType(win), _frozen(ev), _frozen(_model_doc(fit)),
                      (*geo.notes, *dnotes, *notes))


def _model_doc(fit: Fit) -> dict[str, Any]:
    return {"areas_in": fit.trained, "rely_share": RELY, "draws": DRAWS,
            "residual_sd_share": fit.sigma_share, "residual_sd_log_turnout": fit.sigma_turnout,
            "national_swing": fit.national_swing,
            "call_rule": {"probability": CALL_PROBABILITY, "interval": 0.99,
                          "min_counted_share": MIN_COUNTED,
                          "recount_guard": "the state's automatic-recount margin "
                                           "(law/certification.py, 2020 and 2024)"}}


def _check_year(year: int) -> Geography:
    from electoral.law.regimes import is_election_year

    if isinstance(year, bool) or not isinstance(year, int) or not is_election_year(year):
        raise NoElectionError(f"no presidential election is held in {year}", str(year))
    return geography(year)


def reporting_shares(geo: Geography, at: float, order: str, seed: int) -> list[float]:
    """Per area, the share of its final vote counted at fraction `at` (the scheme above)."""
    import numpy as np

    final = [sum(counties(geo.year)[f].total for f in a.members) for a in geo.areas]
    if order == "random":
        rank = np.random.default_rng(seed).permutation(len(geo.areas))
    else:
        rank = np.argsort(np.array(final), kind="stable")
    share = [0.0] * len(geo.areas)
    totals: dict[str, int] = {}
    for a, t in zip(geo.areas, final, strict=True):
        totals[a.state] = totals.get(a.state, 0) + t
    cum: dict[str, float] = {}
    for i in rank:
        st = geo.areas[i].state
        target = at * totals[st]
        have = cum.get(st, 0.0)
        if have >= target or not final[i]:
            continue
        share[i] = 1.0 if have + final[i] <= target else (target - have) / final[i]
        cum[st] = have + final[i] * share[i]
    return share


def _check_replay(at: float, seed: int, order: str) -> None:
    if isinstance(at, bool) or not isinstance(at, int | float) or not (
            math.isfinite(at) and 0 <= at <= 1):
        raise InputError(f"at must be a fraction from 0 to 1, got {at}", "at")
    if order not in ORDERS:
        raise InputError(f"unknown order {order!r} (random, small-first)", "order")
    _check_seed(seed)


def _check_seed(seed: int) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InputError(f"seed must be a whole number from 0 to {MAX_SEED}, got {seed}", "seed")


def replay_count(year: int, at: float, seed: int, order: str
                 ) -> tuple[Geography, Counted, dict[str, float]]:
    """The areas of `year`, what is counted of them at `at` in `order`, and each state's
    final two-party margin (points): the replay's input and its truth."""
    import numpy as np

    _check_replay(at, seed, order)
    geo = _check_year(year)
    final = counties(year)
    if not final:
        raise InputError(f"no county results packaged for {year} to replay (the package has "
                         "2016, 2020, 2024; 2016 has no baseline)", str(year))
    share = np.array(reporting_shares(geo, float(at), order, seed))
    fd = np.array([sum(final[f].dem for f in a.members) for a in geo.areas], dtype=float)
    fr = np.array([sum(final[f].rep for f in a.members) for a in geo.areas], dtype=float)
    ft = np.array([sum(final[f].total for f in a.members) for a in geo.areas], dtype=float)
    whole = share >= 1
    dem = np.where(whole, fd, np.floor(share * fd))
    rep = np.where(whole, fr, np.floor(share * fr))
    total = np.maximum(np.where(whole, ft, np.floor(share * ft)), dem + rep)
    counted = Counted(dem, rep, total, np.where(total > 0, share, 0.0))
    truth: dict[str, list[float]] = {}
    for a, d, r in zip(geo.areas, fd, fr, strict=True):
        acc = truth.setdefault(a.state, [0.0, 0.0])
        acc[0] += d
        acc[1] += r
    return geo, counted, {st: 100 * (d - r) / (d + r) for st, (d, r) in truth.items()}


def replay(year: int, at: float = 0.5, seed: int = 0, order: str = "random",
           draws: int = DRAWS) -> LiveResult:
    """Replay election night of `year` on the packaged county results: the counties of each
    state revealed in `order` ("random", seeded, or "small-first") up to the share `at` of its
    final vote; the model learns from the previous election's counties (the baseline)."""
    geo, counted, margins = replay_count(year, at, seed, order)
    source = f"replay of {year} ({order} order, seed {seed}, {at:.0%} counted)"
    return _assemble(geo, counted, source, seed, draws, margins, float(at), order,
                     [f"baseline: the {geo.baseline} county results"])


def counted_from(returns: PartialReturns, geo: Geography) -> Counted:
    """Sum a live file's counties into the model's areas. A pooled area's share is its
    members' counted votes over their expected votes, scaled by the share of its members
    that report (the expected vote of a silent member is not known)."""
    import numpy as np

    n = len(geo.areas)
    dem, rep, total = np.zeros(n), np.zeros(n), np.zeros(n)
    expected = np.zeros(n)
    members = np.zeros(n)
    for c in returns.counties.values():
        i = geo.area_of[c.fips]
        dem[i] += c.dem
        rep[i] += c.rep
        total[i] += c.total
        if c.share > 0 and c.total > 0:
            expected[i] += c.total / c.share
            members[i] += 1
    size = np.array([len(a.members) for a in geo.areas], dtype=float)
    share = np.where(expected > 0, total / np.where(expected > 0, expected, 1.0), 0.0)
    share = np.minimum(share * members / size, 1.0)
    return Counted(dem, rep, total, share)


def update(paths: str | Path | Sequence[str | Path], year: int, seed: int = 0,
           draws: int = DRAWS) -> LiveResult:
    """Estimate, call and count from a user's partial county returns (see live.returns). With
    several files (successive updates, oldest first), votes may not go down between them; the
    last one is estimated."""
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputError("give at least one returns file", "files")
    _check_seed(seed)
    geo = _check_year(year)
    updates = [read_partial(p, year) for p in paths]
    check_updates(updates)
    last = updates[-1]
    return _assemble(geo, counted_from(last, geo), f"{last.source} ({len(updates)} update"
                     f"{'s' if len(updates) > 1 else ''})", seed, draws, None, None, None,
                     [f"baseline: the {geo.baseline} county results"])
