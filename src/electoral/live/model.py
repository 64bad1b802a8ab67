"""Estimating the vote not yet counted, in the spirit of the Washington Post's elex-live-model.

For every area (a county, see areas.py) the baseline is the previous election: its two-party
Democratic share p0 and two-party vote n0. From the areas counted so far the model learns

    share swing   p - p0        = x'b_s + e_s
    turnout       log(n / n0)   = x'b_t + e_t,    x = [1, p0 - 1/2, (p0 - 1/2)², log n0, state]

a ridge (Gaussian-prior) regression on those baseline features with one effect per state,
fitted by least squares (numpy). The state effects shrink toward the national swing with a
prior sd of TAU_* (about the spread of states' swings between elections), so a state with few
counties in borrows from the others and one with none takes the national swing.

An area whose counted share of its expected vote is at least RELY is "in": it trains the
model and its rest is taken to split like its counted part. An area below RELY keeps what it
has counted and has the rest predicted, like an area not yet reporting (whose expected vote
also comes from the turnout model).

Uncertainty, in the conformal spirit: each predicted area's error is a leave-one-out
(jackknife) residual of an area already in, drawn at random (the hat matrix gives them
exactly, without refitting), added to a draw of the coefficients from their posterior
(which carries the shared error of a state's, and the nation's, swing). DRAWS such
simulations, summed per state, give each state's margin distribution: the 90% interval is its
5th and 95th percentiles, P(Dem) the share of draws above zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from electoral.live.areas import Geography

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    F64 = npt.NDArray[np.float64]

RELY = 0.5  # an area with this share of its expected vote counted is "in"
DRAWS = 2000  # simulations of the uncounted vote
CHUNK = 250  # simulations per pass (bounds memory: 3,150 areas x 250 doubles)
MIN_TRAIN = 20  # fewer areas in: residuals from the prior sd instead of the jackknife
# Prior sds (two-party share, and log turnout): of a state's effect (TAU), of the national
# swing and the slopes (WIDE), and of an area's own error before any is in (SIGMA).
TAU_SHARE, TAU_TURNOUT = 0.02, 0.08
# ... of a state's own slopes on size (per unit of log two-party vote) and on lean (per unit of
# baseline share): a state's big cities may swing unlike its small counties.
TAU_SIZE_SHARE, TAU_SIZE_TURNOUT = 0.01, 0.03
TAU_LEAN_SHARE, TAU_LEAN_TURNOUT = 0.05, 0.15
WIDE_SHARE, WIDE_TURNOUT = 0.1, 0.5
SIGMA_SHARE, SIGMA_TURNOUT = 0.02, 0.07
LEVELS = (0.05, 0.95, 0.005, 0.995)  # the 90% and 99% intervals


@dataclass(frozen=True)
class Counted:
    """Per area (aligned with Geography.areas): votes counted and the share of its expected
    vote they are (0 for an area not reporting)."""

    dem: F64
    rep: F64
    total: F64
    share: F64


@dataclass(frozen=True)
class StateEstimate:
    state: str
    counted_share: float  # counted votes / (counted + expected uncounted), the model's view
    counted_margin: float | None  # two-party margin of the votes counted, points
    margin: float  # projected final two-party margin, points (D minus R)
    low: float  # 90% interval
    high: float
    low99: float  # 99% interval
    high99: float
    sd: float
    p_dem: float
    expected_total: float  # projected ballots for President
    areas: int
    reporting: int  # areas with any vote counted
    complete: int  # areas fully counted
    certain: bool  # nothing left to predict


@dataclass(frozen=True)
class Fit:
    trained: int
    sigma_share: float
    sigma_turnout: float
    national_swing: float  # the fitted swing (two-party share, points) at p0 = 1/2


def _design(geo: Geography, states: Sequence[str]) -> tuple[F64, F64, F64, F64]:
    import numpy as np

    d = np.array([a.base_dem for a in geo.areas], dtype=float)
    r = np.array([a.base_rep for a in geo.areas], dtype=float)
    t = np.array([a.base_total for a in geo.areas], dtype=float)
    n0 = np.maximum(d + r, 1.0)
    p0 = d / n0
    idx = np.array([states.index(a.state) for a in geo.areas])
    ln = np.log(n0)
    size = ln - ln.mean()
    one = np.eye(len(states))[idx]
    x = np.column_stack([np.ones_like(p0), p0 - 0.5, (p0 - 0.5) ** 2, size, one,
                         one * size[:, None], one * (p0 - 0.5)[:, None]])
    return x, p0, n0, np.maximum(t, n0)


def _ridge(x: F64, y: F64, prior_sd: F64, sigma0: float) -> tuple[F64, F64, F64, float]:
    """Posterior mean and covariance of b, leave-one-out residuals, residual sd."""
    import numpy as np

    sigma = sigma0
    for _ in range(2):  # the prior's weight depends on the residual sd: refit once
        a = x.T @ x + np.diag((sigma / prior_sd) ** 2)
        inv = np.linalg.inv(a)
        b = inv @ (x.T @ y)
        res = y - x @ b
        h = ((x @ inv) * x).sum(axis=1)
        dof = max(len(y) - float(h.sum()), 1.0)
        if len(y) >= MIN_TRAIN:
            sigma = max(float(np.sqrt(res @ res / dof)), 1e-4)
    loo = np.asarray(res / np.maximum(1.0 - h, 1e-6), dtype=np.float64)
    out_cov = np.asarray(sigma ** 2 * inv, dtype=np.float64)
    return b, out_cov, loo, sigma


def estimate(geo: Geography, counted: Counted, seed: int = 0, draws: int = DRAWS
             ) -> tuple[tuple[StateEstimate, ...], Fit]:
    """The states' projected margins, intervals and probabilities from the areas counted."""
    import numpy as np

    states = sorted({a.state for a in geo.areas})
    x, p0, n0, t0 = _design(geo, states)
    k = len(states)
    s = counted.share
    c_two = counted.dem + counted.rep
    train = (s >= RELY) & (c_two > 0)
    pred = ~train
    # the areas in: their final two-party vote and share, and what they teach
    final_two = np.where(s > 0, c_two / np.where(s > 0, s, 1.0), 0.0)
    y_share = np.where(train, counted.dem / np.maximum(c_two, 1.0), 0.0) - p0
    y_turn = np.log(np.maximum(final_two, 1.0) / n0)
    prior_s = np.array([WIDE_SHARE] * 4 + [TAU_SHARE] * k + [TAU_SIZE_SHARE] * k
                       + [TAU_LEAN_SHARE] * k)
    prior_t = np.array([WIDE_TURNOUT] * 4 + [TAU_TURNOUT] * k + [TAU_SIZE_TURNOUT] * k
                       + [TAU_LEAN_TURNOUT] * k)
    xt = x[train]
    bs, cov_s, loo_s, sig_s = _ridge(xt, y_share[train], prior_s, SIGMA_SHARE)
    bt, cov_t, loo_t, sig_t = _ridge(xt, y_turn[train], prior_t, SIGMA_TURNOUT)
    n_train = int(train.sum())
    rng = np.random.default_rng(seed)
    # what is left to predict in each area: its share, and its two-party and total vote
    xp = x[pred]
    partial = (s[pred] > 0)
    known_rest = np.where(partial, c_two[pred] * (1 - s[pred]) / np.where(partial, s[pred], 1),
                          0.0)
    ratio = t0[pred] / n0[pred]  # ballots per two-party vote, from the baseline
    base_p = p0[pred]
    base_n = n0[pred]
    state_of = np.array([states.index(a.state) for a in geo.areas])
    sp = state_of[pred]
    # the counted part (and the rest of the areas in, which splits like their count)
    fixed_d = np.bincount(state_of, counted.dem * (~train) + np.where(train, counted.dem / np.where(
        s > 0, s, 1), 0.0), k)
    fixed_r = np.bincount(state_of, counted.rep * (~train) + np.where(train, counted.rep / np.where(
        s > 0, s, 1), 0.0), k)
    fixed_t = np.bincount(state_of, np.where(train, counted.total / np.where(s > 0, s, 1),
                                             counted.total), k)

    agg = np.zeros((k, len(sp)))  # sums the predicted areas by state
    agg[sp, np.arange(len(sp))] = 1.0
    # ballots per two-party vote in the rest: like the count in a partial area, else baseline
    ballots = np.where(partial, counted.total[pred] / np.maximum(c_two[pred], 1.0), ratio)

    glob = xp[:, :4]
    size_p, lean_p = xp[:, 3], xp[:, 1]

    def linear(b: F64) -> F64:
        """xp @ b for draws b (p, m), using the design's sparsity: four national columns and
        three of the area's own state."""
        out: F64 = (glob @ b[:4] + b[4 + sp] + size_p[:, None] * b[4 + k + sp]
                    + lean_p[:, None] * b[4 + 2 * k + sp])
        return out

    def project(b_s: F64, b_t: F64, e_s: F64, e_t: F64) -> tuple[F64, F64, F64]:
        """(k, m) Democratic and Republican projected totals, and ballots, for m draws."""
        share = np.clip(base_p[:, None] + linear(b_s) + e_s, 0.0, 1.0)
        two = np.where(partial[:, None], known_rest[:, None],
                       base_n[:, None] * np.exp(linear(b_t) + e_t))
        dem = two * share
        return (agg @ dem + fixed_d[:, None], agg @ (two - dem) + fixed_r[:, None],
                agg @ (two * ballots[:, None]) + fixed_t[:, None])

    pd_, pr_, pt_ = project(bs[:, None], bt[:, None], np.zeros((len(base_p), 1)),
                            np.zeros((len(base_p), 1)))
    point = 100 * (pd_[:, 0] - pr_[:, 0]) / np.maximum(pd_[:, 0] + pr_[:, 0], 1.0)
    ls, lt = np.linalg.cholesky(cov_s), np.linalg.cholesky(cov_t)
    margins = np.empty((k, draws))
    for a in range(0, draws, CHUNK):
        m = min(CHUNK, draws - a)
        b_s = bs[:, None] + ls @ rng.standard_normal((len(bs), m))
        b_t = bt[:, None] + lt @ rng.standard_normal((len(bt), m))
        if n_train >= MIN_TRAIN:  # a jackknife residual of an area in, the same for both
            pick = rng.integers(0, n_train, size=(len(base_p), m))
            e_s, e_t = loo_s[pick], loo_t[pick]
        else:
            e_s = rng.standard_normal((len(base_p), m)) * sig_s
            e_t = rng.standard_normal((len(base_p), m)) * sig_t
        d, r, _ = project(b_s, b_t, e_s, e_t)
        margins[:, a:a + m] = 100 * (d - r) / np.maximum(d + r, 1.0)
    q = np.quantile(margins, LEVELS, axis=1)
    p_dem = (margins > 0).mean(axis=1)
    counted_t = np.bincount(state_of, counted.total, k)
    counted_d = np.bincount(state_of, counted.dem, k)
    counted_r = np.bincount(state_of, counted.rep, k)
    n_areas = np.bincount(state_of, minlength=k)
    reporting = np.bincount(state_of, s > 0, k)
    complete = np.bincount(state_of, s >= 1, k)
    out = []
    for i, st in enumerate(states):
        certain = complete[i] == n_areas[i]
        two = counted_d[i] + counted_r[i]
        out.append(StateEstimate(
            st, float(counted_t[i] / pt_[i, 0]) if pt_[i, 0] else 0.0,
            float(100 * (counted_d[i] - counted_r[i]) / two) if two else None,
            float(point[i]), float(q[0, i]), float(q[1, i]), float(q[2, i]), float(q[3, i]),
            float(margins[i].std()), float(p_dem[i]) if not certain else float(point[i] > 0),
            float(pt_[i, 0]), int(n_areas[i]), int(reporting[i]), int(complete[i]),
            bool(certain)))
    fit = Fit(n_train, sig_s, sig_t, float(100 * bs[0]))
    return tuple(out), fit
