"""forecast(): inputs, error model and engine in, a Forecast out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from electoral.errors import InputError
from electoral.forecasting.condition import indices, parse_conditions
from electoral.forecasting.errors import ErrorModel, Structure, compile_model
from electoral.forecasting.inputs import ForecastInput, default_year, prior, read_inputs
from electoral.forecasting.polls import Poll
from electoral.forecasting.result import Common, Forecast, from_counts, from_moments

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from electoral.forecasting.model import Estimate

ENGINES = ("exact", "quadrature", "montecarlo")
# 10 million simulations of 56 units take about 7 s on two cores; 100 million about 70 s and
# 180 MB (benchmarks/forecast.py). More is no forecast anyone waits for: refused.
MAX_SIMS = 100_000_000
PACKAGED = "packaged"  # --polls packaged: the polls that ship with the package


@dataclass(frozen=True, slots=True)
class Setup:
    """What the forecast runs on: the inputs, the error model, and the model's reading of the
    polls and fundamentals when they were used."""

    inputs: ForecastInput
    errors: ErrorModel
    estimate: Estimate | None


def load_polls(polls: str | Path | Iterable[Poll], year: int) -> tuple[Poll, ...]:
    """The `year` cycle's polls: from a file, the packaged polls, or Poll objects."""
    from electoral.forecasting.polls import _packaged, of_cycle, read_polls

    if isinstance(polls, str | Path):
        if str(polls) == PACKAGED and not Path(polls).exists():
            return of_cycle(_packaged(), year, "the packaged polls")
        return of_cycle(read_polls(polls), year, str(polls))
    return of_cycle(polls, year, "polls")


def setup(inputs: ForecastInput | str | Path | None = None, *, year: int | None = None,
          from_year: int | None = None, swing: float | str | None = None,
          sd: float | None = None, polls: str | Path | Iterable[Poll] | None = None,
          as_of: dt.date | None = None, errors: ErrorModel | None = None,
          fundamentals: bool = True) -> Setup:
    """The inputs and error model of a forecast (see `forecast`)."""
    from electoral.forecasting.model import estimate

    year = default_year() if year is None else year
    if isinstance(inputs, ForecastInput):
        return Setup(inputs, errors or ErrorModel(), None)
    given = [x for x in (inputs, polls) if x is not None]
    if len(given) > 1:
        raise InputError("give an input file or polls, not both", "polls")
    if inputs is not None:
        return Setup(read_inputs(inputs, year), errors or ErrorModel(), None)
    if polls is not None:
        for name, value in (("from_year", from_year), ("swing", swing), ("sd", sd)):
            if value is not None:
                raise InputError(f"{name} shapes a prior from a past election; with polls the "
                                 "prior is the fundamentals and the previous election, and "
                                 "the errors are fitted", name)
        est = estimate(year, load_polls(polls, year), as_of, fundamentals)
        return Setup(est.inputs, errors or est.errors, est)
    if from_year is None:
        raise InputError("give an input file (unit,margin,sd), a from_year or polls")
    if as_of is not None:
        raise InputError("as_of dates polls; a prior from a past election has none", "as_of")
    from electoral.forecasting.history import lean_change, national_change

    if sd is not None and not sd > 0:
        raise InputError(f"sd must be more than 0 points, got {sd}", "sd")
    lean_sd, lean_regional = lean_change(year)
    inp = prior(from_year, 0.0 if swing is None else swing, lean_sd if sd is None else sd, year)
    # A prior from a past election misses by what elections have moved since: the national
    # margin's and the regional leans' changes between elections (history.py).
    default = ErrorModel(national_sd=national_change(year), regional_sd=lean_regional)
    return Setup(inp, errors or default, None)


def auto_engine(errors: ErrorModel) -> str:
    """exact for independent units, quadrature for national and regional errors, Monte Carlo
    for a full covariance (a correlation matrix)."""
    if errors.independent:
        return "exact"
    return "montecarlo" if errors.correlation or errors.covariance else "quadrature"


def forecast(inputs: ForecastInput | str | Path | None = None, *, year: int | None = None,
             from_year: int | None = None, swing: float | str | None = None,
             sd: float | None = None, polls: str | Path | Iterable[Poll] | None = None,
             as_of: dt.date | None = None, errors: ErrorModel | None = None,
             engine: str | None = None, sims: int = 100_000, seed: int = 0,
             conditions: str | Mapping[str, str] | None = None, chunk: int | None = None,
             workers: int | None = None, scheduler: str | None = None, detail: bool = True,
             tipping: bool | None = None, fundamentals: bool = True) -> Forecast:
    """The electoral-vote distribution of an election.

    inputs: ForecastInput (its errors: `errors`, default none shared), or a CSV/JSON file of
        unit,margin,sd (points, D minus R); or from_year (+ swing, sd) for a prior from that
        election's results (default errors: fitted on history); or polls (a CSV file, Poll
        objects, or "packaged") of the `year` cycle, read by the model as of `as_of` (default:
        election day) with the fundamentals (`fundamentals=False`: without them).
    year: the election whose electors are counted (default: the next one).
    errors: the error model; with polls or a prior, the fitted one by default.
    engine: "exact" (independent units, convolution), "quadrature" (exact with national and
        regional errors) or "montecarlo" (sims simulations, seeded; chunk simulations per
        pass; workers threads; scheduler: a Dask scheduler address). Default: exact for
        independent units, quadrature for national and regional errors, Monte Carlo for a
        correlation or covariance matrix.
    conditions: "PA=R,..." or {"PA": "R"}: forecast given these units' results.
    detail: Monte Carlo tipping points, decisiveness and inversions (slower).
    tipping: tipping-point probabilities from the exact engines, by integration (default: on
        for "exact", off for "quadrature", where they cost about a second; not with a
        regional error).
    """
    s = setup(inputs, year=year, from_year=from_year, swing=swing, sd=sd, polls=polls,
              as_of=as_of, errors=errors, fundamentals=fundamentals)
    return run_setup(s, engine=engine, sims=sims, seed=seed, conditions=conditions, chunk=chunk,
                     workers=workers, scheduler=scheduler, detail=detail, tipping=tipping)


def run_setup(st: Setup, *, engine: str | None = None, sims: int = 100_000, seed: int = 0,
              conditions: str | Mapping[str, str] | None = None, chunk: int | None = None,
              workers: int | None = None, scheduler: str | None = None, detail: bool = True,
              tipping: bool | None = None) -> Forecast:
    from electoral.forecasting import montecarlo as mc
    from electoral.forecasting.exact import independent
    from electoral.forecasting.quadrature import can_tip, quadrature, quadrature_tipping
    from electoral.forecasting.tipping import tipping_probabilities

    inp, errors = st.inputs, st.errors
    engine = engine or auto_engine(errors)
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
    model = _model_doc(st.estimate)
    common = Common(engine, sims if engine == "montecarlo" else None,
                    seed if engine == "montecarlo" else None, inp, _total_sd(s), cond,
                    errors.to_dict(), (), s, model)
    if engine == "montecarlo":
        spec = mc.make_spec(s, seed, sims, idx, detail)
        counts = mc.run(spec, chunk or mc.DEFAULT_CHUNK, workers, scheduler)
        if cond:
            notes.append(f"conditioned by rejection: {counts.kept:,} of {counts.sims:,} "
                         "simulations kept (the effective sample size)")
        return from_counts(replace(common, notes=tuple(notes)), counts, detail)
    want_tipping = (engine == "exact") if tipping is None else tipping
    if want_tipping and idx:
        want_tipping = False
        notes.append("tipping points under conditions: use the montecarlo engine")
    if want_tipping and engine == "quadrature" and not can_tip(s):
        if tipping:
            raise InputError("tipping points without sampling need a national error only; "
                             "use the montecarlo engine with a regional error", "tipping")
        want_tipping = False
    notes.append("inversions and recounts need simulated elections: use the montecarlo engine"
                 if want_tipping else
                 "tipping points, inversions and recounts: use the montecarlo engine"
                 + (" (or ask for tipping)" if engine == "quadrature" and not idx and can_tip(s)
                    else ""))
    if engine == "exact":
        assert s.own is not None
        tp = tipping_probabilities(s.mean, s.own, s.electors) if want_tipping else None
        return from_moments(replace(common, notes=tuple(notes)),
                            independent(s.mean, s.own, s.electors, idx), tp)
    m = quadrature(s, idx)
    tp = quadrature_tipping(s) if want_tipping else None
    return from_moments(replace(common, notes=tuple(notes)), m, tp)


def _model_doc(est: Estimate | None) -> Mapping[str, Any] | None:
    if est is None:
        return None
    avg = est.average
    return {"as_of": est.as_of.isoformat(), "days_to_election": est.days,
            "national": est.national.to_dict(),
            "undecided_and_other": None if avg is None else avg.other,
            "polls": None if avg is None else sum(a.polls for a in avg.units.values()),
            "house_effects": {} if avg is None else dict(avg.house_effects),
            "calibration": est.calibration.to_dict()}


def _total_sd(s: Structure) -> npt.NDArray[np.float64]:
    import numpy as np

    out: npt.NDArray[np.float64] = np.sqrt(np.diag(s.total_cov()))
    return out
