"""forecast(): inputs, error model and engine in, a Forecast out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from electoral.errors import InputError
from electoral.forecasting.condition import indices, parse_conditions
from electoral.forecasting.errors import ErrorModel, Structure, compile_model
from electoral.forecasting.inputs import ForecastInput, default_year, prior, read_inputs
from electoral.forecasting.result import Common, Forecast, from_counts, from_moments

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ENGINES = ("exact", "quadrature", "montecarlo")
# 10 million simulations of 56 units take about 7 s on two cores; 100 million about 70 s and
# 180 MB (benchmarks/forecast.py). More is no forecast anyone waits for: refused.
MAX_SIMS = 100_000_000


def build_inputs(inputs: ForecastInput | str | Path | None = None, *, year: int | None = None,
                 from_year: int | None = None, swing: float | str = 0.0, sd: float = 4.0,
                 polls: str | Path | None = None, as_of: dt.date | None = None
                 ) -> ForecastInput:
    """Inputs from a file, from a past election plus a swing, or from polls (with that prior)."""
    if isinstance(inputs, ForecastInput):
        return inputs
    year = default_year() if year is None else year
    given = [x for x in (inputs, polls) if x is not None]
    if len(given) > 1:
        raise InputError("give an input file or polls, not both", "polls")
    if inputs is not None:
        return read_inputs(inputs, year)
    if polls is not None:
        from electoral.forecasting.polls import average, read_polls

        return average(read_polls(polls), year, as_of, from_year).inputs
    if from_year is None:
        raise InputError("give an input file (unit,margin,sd), a from_year or polls")
    return prior(from_year, swing, sd, year)


def forecast(inputs: ForecastInput | str | Path | None = None, *, year: int | None = None,
             from_year: int | None = None, swing: float | str = 0.0, sd: float = 4.0,
             polls: str | Path | None = None, as_of: dt.date | None = None,
             errors: ErrorModel | None = None, engine: str | None = None, sims: int = 100_000,
             seed: int = 0, conditions: str | Mapping[str, str] | None = None,
             chunk: int | None = None, workers: int | None = None,
             scheduler: str | None = None, detail: bool = True,
             tipping: bool | None = None) -> Forecast:
    """The electoral-vote distribution of an election.

    inputs: ForecastInput, or a CSV/JSON file of unit,margin,sd (points, D minus R); or
        from_year (+ swing, sd) for a prior; or polls (a CSV file) averaged as of `as_of`.
    year: the election whose electors are counted (default: the next one).
    errors: the error model (default: independent units).
    engine: "exact" (independent units, convolution), "quadrature" (exact with a shared
        error) or "montecarlo" (sims simulations, seeded; chunk simulations per pass;
        workers threads; scheduler: a Dask scheduler address). Default: exact when the units
        are independent, else quadrature.
    conditions: "PA=R,..." or {"PA": "R"}: forecast given these units' results.
    detail: Monte Carlo tipping points, decisiveness and inversions (slower).
    tipping: tipping-point probabilities from the exact engines, by integration (default: on
        for "exact", off for "quadrature", where they cost about a second).
    """
    from electoral.forecasting import montecarlo as mc
    from electoral.forecasting.exact import independent
    from electoral.forecasting.quadrature import quadrature, quadrature_tipping
    from electoral.forecasting.tipping import tipping_probabilities

    inp = build_inputs(inputs, year=year, from_year=from_year, swing=swing, sd=sd, polls=polls,
                       as_of=as_of)
    errors = errors or ErrorModel()
    engine = engine or ("exact" if errors.independent else "quadrature")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (exact, quadrature, montecarlo)", "engine")
    if engine == "exact" and not errors.independent:
        raise InputError("the exact engine assumes independent units: use the quadrature engine "
                         "or montecarlo with a shared error or correlation", "engine")
    if not 1 <= sims <= MAX_SIMS:
        raise InputError(f"sims must be between 1 and {MAX_SIMS:,}, got {sims}", "sims")
    if seed < 0:
        raise InputError(f"seed cannot be negative, got {seed}", "seed")
    if scheduler is not None and engine != "montecarlo":
        raise InputError("a Dask scheduler runs the montecarlo engine only", "scheduler")
    s = compile_model(inp, errors)
    cond = parse_conditions(conditions)
    idx = indices(cond, inp.codes())
    notes = [*inp.notes, *s.notes]
    common = Common(engine, sims if engine == "montecarlo" else None,
                    seed if engine == "montecarlo" else None, inp, _total_sd(s), cond,
                    errors.to_dict(), ())
    if engine == "montecarlo":
        spec = mc.make_spec(s, seed, sims, idx, detail)
        counts = mc.run(spec, chunk or mc.DEFAULT_CHUNK, workers, scheduler)
        if cond:
            notes.append(f"conditioned by rejection: {counts.kept:,} of {counts.sims:,} "
                         "simulations kept (the effective sample size)")
        return from_counts(_with_notes(common, notes), counts, detail)
    want_tipping = (engine == "exact") if tipping is None else tipping
    if want_tipping and idx:
        want_tipping = False
        notes.append("tipping points under conditions: use the montecarlo engine")
    notes.append("inversions need simulated popular votes: use the montecarlo engine"
                 if want_tipping else "tipping points and inversions: use the montecarlo engine"
                 + (" (or ask for tipping)" if engine == "quadrature" and not idx else ""))
    if engine == "exact":
        assert s.own is not None
        tp = tipping_probabilities(s.mean, s.own, s.electors) if want_tipping else None
        return from_moments(_with_notes(common, notes),
                            independent(s.mean, s.own, s.electors, idx), tp)
    m, exact = quadrature(s, idx)
    if not exact:
        notes.append("quadrature over the leading factor of the covariance (unit variances "
                     "kept, correlations approximated); montecarlo uses the full model")
    tp = quadrature_tipping(s) if want_tipping else None
    return from_moments(_with_notes(common, notes), m, tp)


def _total_sd(s: Structure) -> npt.NDArray[np.float64]:
    import numpy as np

    out: npt.NDArray[np.float64] = np.sqrt(np.diag(s.total_cov()))
    return out


def _with_notes(c: Common, notes: list[str]) -> Common:
    from dataclasses import replace

    return replace(c, notes=tuple(notes))
