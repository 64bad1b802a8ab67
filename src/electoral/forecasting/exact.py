"""Exact electoral-vote distributions by convolution (no sampling).

Given the shared error at a node, units are independent: unit i gives its e_i electors to the
Democrat with probability p_i, so the Democrat's electoral votes are a sum of independent
scaled Bernoulli variables whose distribution is the convolution of theirs. A forecast is the
weighted mixture over nodes (one node, weight 1, when all units are independent).

Per-unit quantities need the distribution of the other units' electors, E_-i: prefix and
suffix convolutions give it for every unit at the cost of two passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr  # type: ignore[import-untyped]

from electoral.law.majority import majority_of_appointed

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
BATCH = 64  # nodes convolved at once (bounds memory: 57 x 64 x 539 doubles = 16 MB)


@dataclass(frozen=True)
class Moments:
    """Accumulated exact results (probabilities), before packaging into a Forecast.

    pmf: (T+1,) P(Democrat has k electoral votes). unit_d: (n,) P(unit to the Democrat).
    d_and_unit / r_and_unit: (n,) P(Democrat wins the college and the unit), likewise R.
    decisive: (n,) P(the unit's electors decide the outcome). condition_probability: the
    prior probability of the conditions (1 without any).
    """

    pmf: F64
    unit_d: F64
    d_and_unit: F64
    r_and_unit: F64
    decisive: F64
    condition_probability: float


def majority(total: int) -> int:
    # a majority of the whole number of electors appointed (U.S. Const. amend. XII)
    return majority_of_appointed(total)


def unit_probabilities(mean: F64, own: F64, shift: F64) -> F64:
    """(q, n) P(margin > 0) at each node: margin ~ N(mean + shift[q], own²)."""
    m = mean[None, :] + shift
    with np.errstate(divide="ignore", invalid="ignore"):
        p = ndtr(m / own[None, :])
    det = np.broadcast_to(own[None, :] == 0, p.shape)
    p = np.where(det, (m > 0).astype(float), p)
    out: F64 = p
    return out


def _passes(p: F64, e: I64, total: int, reverse: bool) -> F64:
    """(n+1, q, T+1): pmf of the electors of units [0, i) (or (i, n) with reverse)."""
    q, n = p.shape
    out = np.zeros((n + 1, q, total + 1))
    out[0, :, 0] = 1.0
    order = range(n - 1, -1, -1) if reverse else range(n)
    for step, i in enumerate(order):
        prev = out[step]
        cur = out[step + 1]
        pi = p[:, i:i + 1]
        np.multiply(prev, 1.0 - pi, out=cur)
        cur[:, e[i]:] += prev[:, :total + 1 - e[i]] * pi
    return out


def _padded_cdf(suf: F64) -> F64:
    """(q, 3(T+1)): the cdf of suf at j - (T+1) for j = 0 .. 3T+2 (0 below, total above)."""
    q, size = suf.shape
    c = np.cumsum(suf, axis=1)
    out: F64 = np.concatenate([np.zeros((q, size)), c, np.repeat(c[:, -1:], size, axis=1)],
                              axis=1)
    return out


def _window(pre: F64, cdf: F64, lo: int, hi: int) -> F64:
    """(q,) P(A + B in [lo, hi]) for independent A ~ pre (q, T+1) and B with padded cdf."""
    size = pre.shape[1]
    lo, hi = max(lo, 0), min(hi, 2 * size - 2)  # A + B lies in [0, 2T]

    def at(j: int) -> F64:  # cdf(j - k) for k = 0 .. T: a reversed slice
        start = j + size
        seg: F64 = cdf[:, start - size + 1:start + 1][:, ::-1]
        return seg

    out: F64 = (pre * (at(hi) - at(lo - 1))).sum(axis=1)
    return out


def moments(p: F64, weights: F64, e: I64, conditions: dict[int, bool] | None = None) -> Moments:
    """Exact results from per-node unit probabilities p (q, n) and node weights (q,)."""
    conditions = conditions or {}
    p = p.copy()
    w = weights.astype(float).copy()
    for i, dem in conditions.items():
        w *= p[:, i] if dem else 1.0 - p[:, i]
        p[:, i] = 1.0 if dem else 0.0
    prob = float(w.sum() / weights.sum())
    if not prob > 0:
        from electoral.errors import InputError

        raise InputError("the conditions are impossible under this forecast", "conditions")
    w = w / w.sum()
    total = int(e.sum())
    maj = majority(total)
    q, n = p.shape
    pmf = np.zeros(total + 1)
    unit_d = np.zeros(n)
    d_and = np.zeros(n)
    r_and = np.zeros(n)
    decisive = np.zeros(n)
    for a in range(0, q, BATCH):
        pb, wb = p[a:a + BATCH], w[a:a + BATCH]
        pre = _passes(pb, e, total, reverse=False)
        suf = _passes(pb, e, total, reverse=True)
        pmf += wb @ pre[n]
        unit_d += wb @ pb
        for i in range(n):
            before, after = pre[i], suf[n - 1 - i]
            cdf = _padded_cdf(after)
            ei = int(e[i])
            # Democrat wins with the unit: E_-i + e_i >= maj
            d_and[i] += wb @ (pb[:, i] * _window(before, cdf, maj - ei, total))
            # Republican wins with the unit: E_-i <= T - maj
            r_and[i] += wb @ ((1 - pb[:, i]) * _window(before, cdf, 0, total - maj))
            # the unit's electors change the outcome (majority, tie, other majority)
            decisive[i] += wb @ _window(before, cdf, total - maj - ei + 1, maj - 1)
    return Moments(pmf, unit_d, d_and, r_and, decisive, prob)


def independent(mean: F64, own: F64, e: I64, conditions: dict[int, bool] | None = None
                ) -> Moments:
    """Independent units: a single node."""
    p = unit_probabilities(mean, own, np.zeros((1, len(mean))))
    return moments(p, np.ones(1), e, conditions)
