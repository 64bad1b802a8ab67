"""Tipping-point probabilities without sampling.

Unit i is the winner's tipping point when, with the units ordered by the winner's margin, its
electors carry the winner past the majority. For the Democrat: unit i's margin x is positive
and the other units whose margin exceeds x hold S(x) electors with maj - e_i <= S(x) < maj.
For the Republican, mirrored: x is negative and the others below x hold the majority less
e_i to one short of it. Given x (and the shared error), the other units are independent, so
S(x) is a convolution of scaled Bernoulli variables, computed for every unit at once by the
prefix/suffix passes of the exact engine; x is then integrated against unit i's density on a
fine grid (trapezoid rule, split at zero where the two cases meet).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr  # type: ignore[import-untyped]

from electoral.forecasting.exact import _padded_cdf, _passes, _window, majority

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
STEP = 0.25  # points between thresholds: trapezoid error about 1e-5, far below MC noise
BATCH = 96  # thresholds convolved at once


def _threshold_grid(mean: F64, own: F64, e: I64, maj: int) -> F64:
    """Thresholds x where some unit can be the tipping point: where the electors above x can
    be near the majority (within 6 sd of its mean count, plus the largest unit), always
    including 0, on a STEP grid."""
    coarse = np.arange(-150.0, 150.0 + 0.25, 0.25)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = ndtr((mean[None, :] - coarse[:, None]) / own[None, :])
    p = np.where(own[None, :] == 0, (mean[None, :] > coarse[:, None]).astype(float), p)
    mu = p @ e
    sd = np.sqrt(p * (1 - p) @ (e.astype(float) ** 2))
    near = np.abs(mu - maj) <= 6 * sd + int(e.max()) + 1
    if not near.any():
        return np.array([0.0])
    lo, hi = coarse[near].min() - 1.0, coarse[near].max() + 1.0
    grid = np.arange(np.floor(lo / STEP) * STEP, hi + STEP, STEP)
    grid = np.round(grid / STEP) * STEP
    out: F64 = np.unique(np.concatenate([grid, [0.0]]))
    return out


def _trapezoid_weights(x: F64) -> tuple[F64, F64]:
    """Trapezoid weights on sorted x for the integral over x >= 0 and over x <= 0 (the
    integrand changes from the Republican's case to the Democrat's at 0)."""
    out = []
    for side in (x >= 0, x <= 0):
        w = np.zeros_like(x)
        xs = x[side]
        if len(xs) >= 2:
            d = np.diff(xs)
            ws = np.zeros(len(xs))
            ws[:-1] += d / 2
            ws[1:] += d / 2
            w[side] = ws
        out.append(w)
    return out[0], out[1]


def tipping_at_node(mean: F64, own: F64, e: I64) -> F64:
    """(n,) P(unit i is the winner's tipping point) for independent normal margins
    N(mean, own²) (points); units with own = 0 are certain."""
    total = int(e.sum())
    maj = majority(total)
    n = len(mean)
    x = _threshold_grid(mean, own, e, maj)
    w_pos, w_neg = _trapezoid_weights(x)
    out = np.zeros(n)
    for a in range(0, len(x), BATCH):
        xb, wp, wn = x[a:a + BATCH], w_pos[a:a + BATCH], w_neg[a:a + BATCH]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (mean[None, :] - xb[:, None]) / own[None, :]
            p = ndtr(z)  # P(margin_j > x): (thresholds, units)
            dens = np.exp(-0.5 * z * z) / (np.sqrt(2 * np.pi) * own[None, :])
        certain = own[None, :] == 0
        p = np.where(certain, (mean[None, :] > xb[:, None]).astype(float), p)
        dens = np.where(certain, 0.0, dens)
        pre = _passes(p, e, total, reverse=False)
        suf = _passes(p, e, total, reverse=True)
        for i in range(n):
            cdf = _padded_cdf(suf[n - 1 - i])
            ei = int(e[i])
            d_side = _window(pre[i], cdf, maj - ei, maj - 1)  # others above x: D short
            r_side = _window(pre[i], cdf, total - ei - maj + 1, total - maj)  # R short
            out[i] += float((dens[:, i] * wp) @ d_side) + float((dens[:, i] * wn) @ r_side)
    # A unit whose margin is certain cannot be integrated over: its tipping mass is the
    # chance that the others above (below) it leave the winner just short.
    for k in np.flatnonzero(own == 0):
        out[k] = _certain_unit(mean, own, e, int(k), maj, total)
    result: F64 = out
    return result


def _certain_unit(mean: F64, own: F64, e: I64, i: int, maj: int, total: int) -> float:
    xi = float(mean[i])
    if xi == 0:
        return 0.0
    others = np.delete(np.arange(len(mean)), i)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = ndtr((mean[others] - xi) / own[others])
    p = np.where(own[others] == 0, (mean[others] > xi).astype(float), p)
    pmf = np.zeros(total + 1)
    pmf[0] = 1.0
    for j, pj in zip(others, p, strict=True):
        shifted = np.zeros_like(pmf)
        shifted[int(e[j]):] = pmf[:total + 1 - int(e[j])] * pj
        pmf = pmf * (1 - pj) + shifted
    ei = int(e[i])
    if xi > 0:
        return float(pmf[maj - ei:maj].sum())
    return float(pmf[total - ei - maj + 1:total - maj + 1].sum())


def tipping_probabilities(mean: F64, own: F64, e: I64, shifts: F64 | None = None,
                          weights: F64 | None = None) -> F64:
    """(n,) tipping-point probabilities, mixed over shared-error nodes: unit margins at node
    q are N(mean + shifts[q], own²), with node weights `weights` (summing to 1)."""
    if shifts is None:
        return tipping_at_node(mean, own, e)
    assert weights is not None
    out = np.zeros(len(mean))
    for s, w in zip(shifts, weights, strict=True):
        if w > 1e-12:
            out += w * tipping_at_node(mean + s, own, e)
    result: F64 = out
    return result
