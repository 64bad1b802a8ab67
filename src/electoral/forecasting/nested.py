"""Exact integration over a national and a regional error (quadrature, no sampling).

Unit i's margin is mean_i + x a_i + z_r b_i + own_i e_i: x the national factor, z_r one
factor per region (r the unit's region), e_i the unit's own error, all independent; x
standard normal, or Student-t with df degrees of freedom (unit scale); z and e normal. Given x the
regions are independent, and given also z_r a region's units are. So:

1. at each node (x, z) of a region, convolve its units: the pmf of its electors;
2. mix over z: the region's pmf given x;
3. convolve the regions' pmfs, and mix over x.

The nodes are Gauss-Hermite, mapped through the t's quantiles for Student-t. Per-unit
quantities need the distribution of the other units' electors: inside the region, unit i is
taken out of the region's pmf by deconvolution (run in the direction that damps rounding:
upward when P(i) < 1/2, downward otherwise); the other regions enter as the convolution of
their pmfs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr, roots_hermitenorm  # type: ignore[import-untyped]

from electoral.forecasting.exact import Moments, majority

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class _Region:
    mix: F64  # (A, size): the region's pmf at each national node, times the conditions'
    mass: F64  # (A,): the conditions' probability within the region at each node
    units: list[tuple[int, int, F64, F64, F64]]  # (unit, electors, J+, J-, P(win)) per unit
NATIONAL_NODES = 24
# A Student-t national error's far tail (a 40-point miss) needs more nodes for its electoral
# votes' distribution to converge; its win probabilities agree to 1e-7 with 40.
T_NODES = 320
REGION_NODES = 12


def factor_nodes(n: int, df: float | None) -> tuple[F64, F64]:
    """(x, weights) for a standard shared factor: normal, or Student-t with df degrees of
    freedom (unit scale: its sd is sqrt(df / (df - 2)), wider than the normal's). The t nodes
    are Gauss-Hermite nodes mapped through the t's quantiles, x = F_t^-1(Phi(z)): exact in law
    and smooth in z."""
    from scipy.special import stdtrit

    z, w = roots_hermitenorm(n)
    w = w / w.sum()
    if df is None:
        return z, w
    tail = stdtrit(df, ndtr(-np.abs(z)))  # lower-tail quantiles: accurate far out
    return -np.sign(z) * tail, w


def _probabilities(mean: F64 | float, own: F64 | float, shift: F64 | float) -> F64:
    """P(margin > 0) for margins N(mean + shift, own²); shift broadcasts over leading axes."""
    m = np.asarray(mean + shift, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = ndtr(m / own)
    out: F64 = np.where(np.asarray(own) == 0, (m > 0).astype(float), p)
    return out


def _convolve_units(p: F64, e: I64, size: int) -> F64:
    """(..., size) pmf of the electors of independent units with win probabilities p (..., n)."""
    out = np.zeros((*p.shape[:-1], size))
    out[..., 0] = 1.0
    for i, ei in enumerate(e):
        pi = p[..., i:i + 1]
        shifted = np.zeros_like(out)
        shifted[..., ei:] = out[..., :size - ei] * pi
        out = out * (1.0 - pi) + shifted
    return out


def _remove_unit(g: F64, p: F64, e: int) -> F64:
    """The pmf of the others, from g (..., size), the pmf with a unit of e electors that wins
    with probability p (...): solves g(k) = (1 - p) d(k) + p d(k - e), upward where p < 1/2
    and downward elsewhere, so that rounding errors shrink at every step. The recursion runs
    e electoral votes at a time (a block of k, k+1, ..., k+e-1 per step)."""
    size = g.shape[-1]
    blocks = -(-size // e)
    flat_g = g.reshape(-1, size)
    flat_p = p.reshape(-1)
    padded = np.zeros((flat_g.shape[0], blocks * e))
    padded[:, :size] = flat_g
    gb = padded.reshape(-1, blocks, e)
    d = np.zeros_like(gb)
    up = flat_p < 0.5
    if up.any():
        gu, pu = gb[up], flat_p[up][:, None]
        du = np.empty_like(gu)
        du[:, 0] = gu[:, 0] / (1 - pu)
        for m in range(1, blocks):  # d(k) = (g(k) - p d(k - e)) / (1 - p)
            du[:, m] = (gu[:, m] - pu * du[:, m - 1]) / (1 - pu)
        d[up] = du
    down = ~up
    if down.any():
        gd, pd = gb[down], flat_p[down][:, None]
        # Downward from the top: d(k - e) = (g(k) - (1 - p) d(k)), d above size - e - 1 is 0.
        shifted = np.zeros_like(gd)  # shifted[:, m] = g at k = (m + 1) e + j
        shifted[:, :-1] = gd[:, 1:]
        dd = np.zeros_like(gd)
        top = blocks - 1
        dd[:, top] = shifted[:, top] / pd
        for m in range(top - 1, -1, -1):
            dd[:, m] = (shifted[:, m] - (1 - pd) * dd[:, m + 1]) / pd
        d[down] = dd
    out: F64 = np.maximum(d.reshape(-1, blocks * e)[:, :size], 0.0).reshape(g.shape)
    return out


def _window(j: F64, other_cdf: F64, lo: int, hi: int) -> F64:
    """(A,) P(J + O in [lo, hi]) for J (A, a) and independent O with cdf (A, b): cdf[k] =
    P(O <= k); below 0 it is 0, from b - 1 on the total mass."""
    b = other_cdf.shape[1]
    k = np.arange(j.shape[1])

    def cdf_at(x: npt.NDArray[np.int64]) -> F64:
        idx = np.clip(x, -1, b - 1)
        vals = np.take(other_cdf, np.clip(idx, 0, b - 1), axis=1)
        out: F64 = np.where(idx < 0, 0.0, vals)
        return out

    out: F64 = (j * (cdf_at(hi - k) - cdf_at(lo - 1 - k))).sum(axis=1)
    return out


def _convolve(a: F64, b: F64) -> F64:
    """Row-wise convolution of (A, m) and (A, n) pmfs: (A, m + n - 1), by FFT when long
    (rounding below 1e-15 is clipped to zero)."""
    if min(a.shape[1], b.shape[1]) < 32:
        out = np.zeros((a.shape[0], a.shape[1] + b.shape[1] - 1))
        small, big = (a, b) if a.shape[1] <= b.shape[1] else (b, a)
        for k in range(small.shape[1]):
            out[:, k:k + big.shape[1]] += small[:, k:k + 1] * big
        return out
    size = a.shape[1] + b.shape[1] - 1
    n = 1 << (size - 1).bit_length()
    res: F64 = np.fft.irfft(np.fft.rfft(a, n, axis=1) * np.fft.rfft(b, n, axis=1), n,
                            axis=1)[:, :size]
    return np.clip(res, 0.0, None)


def nested(mean: F64, own: F64, e: I64, national: F64, region: I64, regional: F64,
           df: float | None, conditions: dict[int, bool] | None = None,
           per_unit: bool = True, national_nodes: int | None = None) -> Moments:
    """Exact results for national loadings (n,), regions (n,) in 0..R-1 with loadings (n,),
    own errors (n,), and the national factor's Student-t degrees of freedom (None: normal).
    per_unit=False: the distribution of electoral votes only (the per-unit fields are NaN).
    national_nodes: default NATIONAL_NODES, or T_NODES for a Student-t."""
    from electoral.errors import InputError

    conditions = conditions or {}
    total = int(e.sum())
    maj = majority(total)
    n = len(mean)
    nodes = national_nodes or (NATIONAL_NODES if df is None else T_NODES)
    outer_shift, w_outer = factor_nodes(nodes if national.any() else 1, df)
    a_n = len(w_outer)
    groups = sorted(set(region.tolist()))
    per: list[_Region] = []
    for r in groups:
        idx = np.flatnonzero(region == r)
        er = e[idx]
        size = int(er.sum()) + 1
        z, wz = factor_nodes(REGION_NODES if regional[idx].any() else 1, None)
        shift = (outer_shift[:, None, None] * national[idx][None, None, :]
                 + z[None, :, None] * regional[idx][None, None, :])
        p = _probabilities(mean[idx], own[idx], shift)  # (A, Z, n_r)
        cf = np.ones(p.shape[:2])
        for k, i in enumerate(idx):
            if int(i) in conditions:
                won = conditions[int(i)]
                cf *= p[..., k] if won else 1.0 - p[..., k]
                p[..., k] = 1.0 if won else 0.0
        pmfs = _convolve_units(p, er, size)  # (A, Z, size)
        wv = wz[None, :] * cf  # (A, Z)
        mix = np.einsum("az,azk->ak", wv, pmfs)
        units: list[tuple[int, int, F64, F64, F64]] = []
        for k, i in enumerate(idx if per_unit else ()):
            d = _remove_unit(pmfs, p[..., k], int(er[k]))
            units.append((int(i), int(er[k]),
                          np.einsum("az,azk->ak", wv * p[..., k], d),
                          np.einsum("az,azk->ak", wv * (1 - p[..., k]), d),
                          (wv * p[..., k]).sum(axis=1)))
        per.append(_Region(mix, wv.sum(axis=1), units))

    # The other regions' electors for each region: prefix and suffix convolutions.
    mixes = [reg.mix for reg in per]
    prefix = [np.ones((a_n, 1))]
    for m in mixes:
        prefix.append(_convolve(prefix[-1], m))
    suffix = [np.ones((a_n, 1))]
    for m in reversed(mixes):
        suffix.append(_convolve(suffix[-1], m))
    suffix.reverse()
    pmf_a = prefix[-1]  # (A, T + 1), mass: the conditions' probability given the node
    z_total = float(w_outer @ pmf_a.sum(axis=1))
    if not z_total > 0:
        raise InputError("the conditions are impossible under this forecast", "conditions")
    pmf = (w_outer @ pmf_a) / z_total
    if not per_unit:
        nan = np.full(n, np.nan)
        return Moments(pmf, nan, nan, nan, nan, z_total / float(w_outer.sum()))
    unit_d = np.zeros(n)
    d_and = np.zeros(n)
    r_and = np.zeros(n)
    decisive = np.zeros(n)
    for ri, reg in enumerate(per):
        others = _convolve(prefix[ri], suffix[ri + 1])
        o_cdf = np.cumsum(others, axis=1)
        o_mass = o_cdf[:, -1]
        for u, ei, jp, jm, pd in reg.units:  # (unit, electors, J+, J-, P(win) by node)
            unit_d[u] = float(w_outer @ (pd * o_mass)) / z_total
            d_and[u] = float(w_outer @ _window(jp, o_cdf, maj - ei, total)) / z_total
            r_and[u] = float(w_outer @ _window(jm, o_cdf, 0, total - maj)) / z_total
            decisive[u] = float(w_outer @ _window(jp + jm, o_cdf, total - maj - ei + 1,
                                                  maj - 1)) / z_total
    return Moments(pmf, unit_d, d_and, r_and, decisive,
                   z_total / float(w_outer.sum()))


def joint_wins(mean: F64, own: F64, national: F64, region: I64, regional: F64,
               df: float | None, pairs: list[tuple[int, int]]) -> F64:
    """(len(pairs),) P(the Democrat carries both units i and j), for each pair (i, j): the
    national factor integrated by quadrature, and the regional one where they share it."""
    x, wx = factor_nodes(NATIONAL_NODES, df)
    z, wz = factor_nodes(REGION_NODES, None)
    out = np.zeros(len(pairs))
    for k, (i, j) in enumerate(pairs):
        if i == j:
            m = mean[i] + x[:, None] * national[i] + z[None, :] * regional[i]
            out[k] = float(wx @ _probabilities(m, float(own[i]), 0.0) @ wz)
        elif region[i] == region[j]:
            pi = _probabilities(mean[i] + x[:, None] * national[i] + z[None, :] * regional[i],
                                float(own[i]), 0.0)
            pj = _probabilities(mean[j] + x[:, None] * national[j] + z[None, :] * regional[j],
                                float(own[j]), 0.0)
            out[k] = float(wx @ (pi * pj) @ wz)
        else:
            si = float(np.sqrt(own[i] ** 2 + regional[i] ** 2))
            sj = float(np.sqrt(own[j] ** 2 + regional[j] ** 2))
            both: F64 = (_probabilities(mean[i] + x * national[i], si, 0.0)
                         * _probabilities(mean[j] + x * national[j], sj, 0.0))
            out[k] = float(wx @ both)
    return out
