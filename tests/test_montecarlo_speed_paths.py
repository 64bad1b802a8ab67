"""The Monte Carlo engine's fast counting paths against the plain computations they replaced:
from the same margins, every count must be equal, integer for integer. The reference sorts
each simulation with a stable argsort for its tipping point, as the engine once did."""

from __future__ import annotations

import numpy as np
import pytest

from electoral.forecasting import ErrorModel, ForecastInput, prior
from electoral.forecasting import montecarlo as mc
from electoral.forecasting.errors import compile_model
from electoral.forecasting.exact import majority

FIELDS = ("sims", "kept", "ev", "unit_d", "d_and_unit", "r_and_unit", "decisive", "tipping",
          "inversions")


def reference(spec: mc.Spec, m: mc.F32) -> mc.Counts:
    """Counts over margins m (sims, n), plainly."""
    e = spec.electors
    total = int(e.sum())
    maj = majority(total)
    sims = len(m)
    win = m > 0
    for i, dem in spec.conditions:
        keep = win[:, i] if dem else ~win[:, i]
        m, win = m[keep], win[keep]
    ev = win.astype(np.int64) @ e
    dwin = ev >= maj
    rwin = ev <= total - maj
    c = mc.Counts(sims, len(m), np.bincount(ev, minlength=total + 1), win.sum(axis=0),
                  win[dwin].sum(axis=0), (~win[rwin]).sum(axis=0))
    if not spec.detail:
        c.decisive = c.tipping = np.zeros(len(e), np.int64)
        return c
    others = ev[:, None] - np.where(win, e, 0)
    c.decisive = ((others >= total - maj - e + 1) & (others <= maj - 1)).sum(axis=0)
    national = m @ spec.votes
    c.inversions = int(((dwin & (national < 0)) | (rwin & (national > 0))).sum())
    decided = dwin | rwin
    toward = np.where(dwin[decided, None], m[decided], -m[decided])
    order = np.argsort(-toward, axis=1, kind="stable")
    cum = np.cumsum(e[order], axis=1)
    pos = np.argmax(cum >= maj, axis=1)
    c.tipping = np.bincount(order[np.arange(len(pos)), pos], minlength=len(e))
    return c


def assert_same(a: mc.Counts, b: mc.Counts) -> None:
    for f in FIELDS:
        assert np.array_equal(getattr(a, f), getattr(b, f)), f


def steps(m: mc.F32) -> list[mc.F32]:
    return [m[i:i + mc.STEP] for i in range(0, len(m), mc.STEP)]


@pytest.fixture(scope="module")
def close_race() -> ForecastInput:
    return prior(2020, "R+2", sd=3.0, year=2024)


@pytest.mark.parametrize("errors", [
    ErrorModel(national_sd=3.0),
    ErrorModel(national_sd=2.0, regional_sd=1.5, df=5),
    ErrorModel(national_sd=3.0, correlation="economist"),
    ErrorModel(national_sd=1.0, correlation="history", df=7),
], ids=["national", "regional-t", "economist", "history-t"])
@pytest.mark.parametrize("seed", [0, 3])
def test_engine_counts_equal_the_plain_ones(close_race: ForecastInput, errors: ErrorModel,
                                            seed: int) -> None:
    spec = mc.make_spec(compile_model(close_race, errors), seed, 3 * mc.BLOCK + 1000)
    expect = reference(spec, mc.simulate_margins(spec, 0, 4))
    for chunk, workers in ((mc.BLOCK, 1), (2 * mc.BLOCK, 2)):
        assert_same(mc.run(spec, chunk, workers), expect)


@pytest.mark.parametrize("detail", [True, False])
def test_conditions_and_core_outputs(close_race: ForecastInput, detail: bool) -> None:
    s = compile_model(close_race, ErrorModel(national_sd=3.0))
    pa = close_race.codes().index("PA")
    spec = mc.make_spec(s, 4, 2 * mc.BLOCK + 7, {pa: False, 0: False}, detail)
    assert_same(mc.run(spec, mc.BLOCK, 2), reference(spec, mc.simulate_margins(spec, 0, 3)))


def toy(electors: list[int], mean: list[float], national: list[float], own: list[float],
        sims: int = 2 * mc.BLOCK) -> mc.Spec:
    n = len(electors)
    f32 = np.float32
    return mc.Spec(np.array(mean, f32), np.array(electors, np.int64), np.ones(n, f32),
                   np.array(own, f32), np.array(national, f32)[:, None], None, None, (), 1, sims)


def test_ties_and_zero_margins() -> None:
    """Equal margins every simulation (ties broken by unit order), margins of exactly +0
    and -0, and margins a float apart (equal truncated sort keys): the slow paths."""
    spec = toy([10, 20, 30, 5, 9, 3, 7, 11, 40, 3, 1],
               [1, 1, -1, 0, 2, float(np.nextafter(np.float32(2), np.float32(3))), -3, 0.5,
                -0.5, -0.0, 1],
               [3, 3, 3, 0, 3, 3, 3, 3, 3, 0, 3],
               [0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0, 0])
    m = mc.simulate_margins(spec, 0, 2)
    zero = m == 0
    assert zero.any() and np.signbit(m[zero]).any() and not np.signbit(m[zero]).all()
    assert_same(mc.count_margins(spec, steps(m)), reference(spec, m))


def test_tipping_among_exact_ties_and_zeros() -> None:
    """Margins on a coarse grid: exact ties and zeros in most simulations, with either
    party winning."""
    rng = np.random.default_rng(5)
    electors = [int(x) for x in rng.integers(1, 30, 21)]
    spec = toy(electors, [0.0] * 21, [0.0] * 21, [1.0] * 21)
    m = (rng.integers(-4, 5, (3 * mc.STEP, 21)) / 2).astype(np.float32)
    m[rng.random(m.shape) < 0.05] = -0.0
    assert_same(mc.count_margins(spec, steps(m)), reference(spec, m))


@pytest.mark.parametrize("electors", [
    [54, 40, 30, 28, 19, 17, 16, 15, 3],  # odd units (a pad), odd total
    [70, 40, 30, 28, 19, 17, 16, 15, 3, 1],  # too many electors to pack: the plain path
])
def test_odd_units_and_unpacked_electors(electors: list[int]) -> None:
    n = len(electors)
    spec = toy(electors, list(np.linspace(-3, 3, n)), [2.0] * n, [3.0] * n,
               sims=mc.BLOCK + 99)
    m = mc.simulate_margins(spec, 0, 2)
    assert_same(mc.count_margins(spec, steps(m)), reference(spec, m))
    assert_same(mc.run(spec, mc.BLOCK, 2), reference(spec, m))
