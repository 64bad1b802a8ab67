"""Forecast engines: exact against Monte Carlo, quadrature against Monte Carlo, the law's
majority and tie, reproducibility, conditioning, and the deterministic limit."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from electoral.forecasting import ErrorModel, Forecast, ForecastInput, forecast, prior
from electoral.returns import record_returns
from electoral.tally import tally

SIMS = 1_000_000


def _close(exact: float, mc: float, n: int, what: str) -> None:
    """Within 4 Monte Carlo standard errors, plus three counts: a rare event's count is a
    small whole number (Poisson), which the normal approximation of 4 SE misjudges (an
    expected 1.2 counts comes out 6 one time in 600, and the distribution has 539 bins)."""
    se = math.sqrt(max(exact * (1 - exact), 1 / n) / n)
    assert abs(exact - mc) <= 4 * se + 3 / n, \
        f"{what}: exact {exact} vs Monte Carlo {mc} (se {se:.2g})"


def _agree(ex: Forecast, mc: Forecast) -> None:
    n = mc.sims
    assert n == SIMS
    for party in ("D", "R"):
        _close(ex.win_probability[party], mc.win_probability[party], n, f"win {party}")
    _close(ex.tie_probability, mc.tie_probability, n, "tie")
    for k, (a, b) in enumerate(zip(ex.ev_distribution["D"], mc.ev_distribution["D"],
                                   strict=True)):
        _close(a, b, n, f"P(D has {k} electoral votes)")
    for ue, um in zip(ex.units, mc.units, strict=True):
        p = ue.win_probability["D"]
        _close(p, um.win_probability["D"], n, f"{ue.unit} win")
        _close(ue.decisive_probability, um.decisive_probability, n, f"{ue.unit} decisive")
        if ue.tipping_point_probability is not None:
            assert um.tipping_point_probability is not None
            _close(ue.tipping_point_probability, um.tipping_point_probability, n,
                   f"{ue.unit} tipping point")
        for party, share in (("D", p), ("R", 1 - p)):
            a, b = ue.win_given_unit[party], um.win_given_unit[party]
            if a is not None and share * n > 1000:
                assert b is not None
                _close(a, b, round(n * share), f"{ue.unit} win | {party}")


@pytest.fixture(scope="module")
def close_race() -> ForecastInput:
    """2020's margins moved 2 points toward the Republican: a close race."""
    return prior(2020, "R+2", sd=3.0, year=2024)


def test_exact_agrees_with_montecarlo_independent(close_race: ForecastInput) -> None:
    ex = forecast(close_race, engine="exact")
    mc = forecast(close_race, engine="montecarlo", sims=SIMS, seed=11)
    assert 0.2 < ex.win_probability["D"] < 0.8  # a contested case, not a foregone one
    _agree(ex, mc)
    # Exact tipping points: someone is the tipping point whenever someone wins.
    tips = [u.tipping_point_probability for u in ex.units]
    assert all(t is not None for t in tips)
    assert abs(math.fsum(t or 0.0 for t in tips) - (1 - ex.no_majority_probability)) < 1e-4


def test_quadrature_agrees_with_montecarlo_national_error(close_race: ForecastInput) -> None:
    errors = ErrorModel(national_sd=3.0)
    q = forecast(close_race, errors=errors, tipping=True)
    assert q.engine == "quadrature"
    assert q.units[0].tipping_point_probability is not None
    mc = forecast(close_race, errors=errors, engine="montecarlo", sims=SIMS, seed=12)
    _agree(q, mc)
    # the shared error widens the distribution relative to independent units
    ind = forecast(close_race)
    assert (q.intervals["D"]["95"][1] - q.intervals["D"]["95"][0]
            > ind.intervals["D"]["95"][1] - ind.intervals["D"]["95"][0])


def test_quadrature_agrees_with_montecarlo_student_t(close_race: ForecastInput) -> None:
    errors = ErrorModel(national_sd=3.0, df=4)
    q = forecast(close_race, errors=errors)
    mc = forecast(close_race, errors=errors, engine="montecarlo", sims=SIMS, seed=13)
    _agree(q, mc)


@pytest.mark.parametrize("errors", [ErrorModel(), ErrorModel(national_sd=2.0),
                                    ErrorModel(national_sd=2.0, df=5),
                                    ErrorModel(national_sd=1.0, regional_sd=2.0),
                                    ErrorModel(correlation="economist")])
def test_pmf_sums_to_one(close_race: ForecastInput, errors: ErrorModel) -> None:
    f = forecast(close_race, errors=errors)
    pmf = f.ev_distribution["D"]
    assert len(pmf) == 539
    assert abs(math.fsum(pmf) - 1) < 1e-12
    assert min(pmf) >= -1e-15


def test_symmetric_tossup_reports_the_tie() -> None:
    base = prior(2020, 0, sd=1.0, year=2024)
    toss = replace(base, units=tuple(replace(u, margin=0.0) for u in base.units))
    f = forecast(toss)
    assert f.electors == 538 and f.majority == 270  # amend. XII: a majority of 538 appointed
    assert f.tie_probability == pytest.approx(f.ev_distribution["D"][269], abs=0)
    assert f.tie_probability > 0.005  # 56 coin flips: about 0.76%, reported, not hidden
    assert f.win_probability["D"] == pytest.approx(f.win_probability["R"], abs=1e-12)
    assert f.win_probability["D"] + f.win_probability["R"] + f.tie_probability == \
        pytest.approx(1, abs=1e-12)
    assert f.no_majority_probability == pytest.approx(f.tie_probability, abs=1e-12)
    assert f.median_ev["D"] == 269


@pytest.mark.parametrize("year", [2016, 2020])
def test_zero_sd_reproduces_the_tally(year: int) -> None:
    f = forecast(prior(year, 0, sd=0.0, year=year))
    pledged = tally(record_returns(year)).outcome.president.tallies
    dem = next(t.votes for t in pledged if "clinton" in t.candidate or "biden" in t.candidate)
    assert dem == {2016: 232, 2020: 306}[year]
    assert f.ev_distribution["D"][dem] == 1.0
    assert f.median_ev["D"] == dem
    assert f.win_probability["D"] == (1.0 if dem >= 270 else 0.0)
    assert f.unit("PA").win_probability["D"] == (1.0 if year == 2020 else 0.0)


def test_same_seed_same_numbers_any_chunks_or_threads(close_race: ForecastInput) -> None:
    errors = ErrorModel(national_sd=2.0, df=6)
    runs = [forecast(close_race, errors=errors, engine="montecarlo", sims=50_000, seed=5,
                     chunk=chunk, workers=workers).to_dict()
            for chunk, workers in ((4096, 1), (20_000, 2), (1_000_000, 1))]
    assert runs[0] == runs[1] == runs[2]
    other = forecast(close_race, errors=errors, engine="montecarlo", sims=50_000, seed=6)
    assert other.to_dict()["win_probability"] != runs[0]["win_probability"]


def test_same_seed_on_a_dask_local_cluster(close_race: ForecastInput) -> None:
    distributed = pytest.importorskip("distributed")
    errors = ErrorModel(national_sd=2.0, correlation="history")
    local = forecast(close_race, errors=errors, engine="montecarlo", sims=40_000, seed=9,
                     chunk=8192)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = forecast(close_race, errors=errors, engine="montecarlo", sims=40_000, seed=9,
                          chunk=12_288, scheduler=cluster.scheduler_address)
    assert remote.to_dict() == local.to_dict()


def test_conditioning_exact_and_montecarlo(close_race: ForecastInput) -> None:
    errors = ErrorModel(national_sd=3.0)
    base = forecast(close_race, errors=errors)
    given = forecast(close_race, errors=errors, conditions="PA=R")
    pa = base.unit("PA")
    assert given.unit("PA").win_probability["R"] == 1.0
    assert given.condition_probability == pytest.approx(pa.win_probability["R"], rel=1e-9)
    # P(D wins | PA R) = (P(D wins) - P(D wins and PA)) / P(PA R)
    d_and_pa = (pa.win_given_unit["D"] or 0) * pa.win_probability["D"]
    expect = (base.win_probability["D"] - d_and_pa) / pa.win_probability["R"]
    assert given.win_probability["D"] == pytest.approx(expect, rel=1e-9)
    assert given.win_probability["D"] < base.win_probability["D"]
    mc = forecast(close_race, errors=errors, engine="montecarlo", sims=200_000, seed=3,
                  conditions={"PA": "R"})
    ess = mc.effective_sample_size
    assert ess is not None and mc.sims is not None
    _close(pa.win_probability["R"], ess / mc.sims, mc.sims, "P(PA R)")
    _close(given.win_probability["D"], mc.win_probability["D"], ess, "P(D wins | PA R)")


def test_montecarlo_standard_errors_and_tipping_points(close_race: ForecastInput) -> None:
    f = forecast(close_race, errors=ErrorModel(national_sd=3.0), engine="montecarlo",
                 sims=100_000, seed=1)
    assert f.standard_error is not None
    p = f.win_probability["D"]
    assert f.standard_error["win_probability_D"] == pytest.approx(math.sqrt(p * (1 - p) / 1e5))
    tips = [u.tipping_point_probability or 0.0 for u in f.units]
    assert math.fsum(tips) == pytest.approx(1 - f.tie_probability, abs=1e-12)
    top = max(f.units, key=lambda u: u.tipping_point_probability or 0)
    assert top.unit in {"PA", "MI", "WI", "GA", "AZ", "NC", "NV"}  # a swing state tips it
    assert f.unit("DC").tipping_point_probability == 0.0
    assert f.inversion_probability is not None and 0 < f.inversion_probability < 1


def test_correlation_matrices_are_usable(close_race: ForecastInput) -> None:
    from electoral.forecasting.errors import compile_model, economist_correlation

    codes, c = economist_correlation()
    assert len(codes) == 51 and "KS" in codes  # the source's "KA" is Kansas
    assert np.linalg.eigvalsh(c)[0] > -1e-9 and np.allclose(np.diag(c), 1)
    s = compile_model(close_race, ErrorModel(correlation="history"))
    assert s.cov is not None
    i, j = close_race.codes().index("ME"), close_race.codes().index("ME-2")
    assert s.cov[i, j] > 0  # a district moves with its state
    q = forecast(close_race, errors=ErrorModel(correlation="history"), sims=20_000)
    assert q.engine == "montecarlo"  # a full matrix is simulated, never approximated
    assert q.unit("PA").sd == pytest.approx(3.0)  # variances kept
