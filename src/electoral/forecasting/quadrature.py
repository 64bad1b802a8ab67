"""Exact with correlation: integrate the shared error by quadrature, convolving the units,
independent given it, at each node (no sampling noise).

A single shared factor (the national error) is integrated exactly: Gauss-Hermite nodes for a
normal factor, and for a Student-t factor the same nodes mapped through the t quantiles. Error
models with more than one shared factor (regions, a full covariance) are integrated over their
leading eigen-factor, each unit keeping its full variance (an approximation, reported in the
forecast's notes).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import (  # type: ignore[import-untyped]
    ndtr,
    roots_hermitenorm,
    stdtrit,
)

from electoral.forecasting.errors import Structure, one_factor
from electoral.forecasting.exact import Moments, moments, unit_probabilities

F64 = npt.NDArray[np.float64]
HERMITE_NODES = 80
T_NODES = 240  # a t factor's heavy tails spread the mapped nodes: more of them


def factor_nodes(df: float | None, hermite: int | None = None) -> tuple[F64, F64]:
    """(x, weights): nodes of a standard shared factor (sd 1; normal, or Student-t with df
    scaled to sd 1), weights summing to 1.

    A t factor is the normal one mapped through its quantiles, x = F_t^-1(Phi(z)): exact in
    law, smooth in z, and Gauss-Hermite in z reaches far into the t's heavy tails.
    """
    n = hermite or (HERMITE_NODES if df is None else T_NODES)
    z, wz = roots_hermitenorm(n)  # probabilists' Hermite: weight exp(-z²/2)
    wz = wz / wz.sum()
    if df is None:
        return z, wz
    tail = stdtrit(df, ndtr(-np.abs(z)))  # lower-tail quantiles: accurate far out
    x = -np.sign(z) * tail * np.sqrt((df - 2) / df)
    return x, wz


def loadings_and_own(s: Structure) -> tuple[F64, F64, bool]:
    """(loadings (n,), own (n,), exact?) of the single factor the engine integrates."""
    if s.loadings is not None and s.own is not None and s.loadings.shape[1] <= 1:
        lead = s.loadings[:, 0] if s.loadings.shape[1] else np.zeros(len(s.mean))
        return lead, s.own, True
    lead, own = one_factor(s)
    return lead, own, False


def quadrature(s: Structure, conditions: dict[int, bool] | None = None) -> tuple[Moments, bool]:
    """Exact moments, and whether the error model was integrated exactly (one factor)."""
    lead, own, exact = loadings_and_own(s)
    if not lead.any():
        p = unit_probabilities(s.mean, own, np.zeros((1, len(s.mean))))
        return moments(p, np.ones(1), s.electors, conditions), exact
    x, w = factor_nodes(s.df)
    p = unit_probabilities(s.mean, own, x[:, None] * lead[None, :])
    keep = w > 0
    return moments(p[keep], w[keep], s.electors, conditions), exact


TIPPING_NODES = 16  # tipping points vary smoothly with the shared error: fewer nodes suffice


def quadrature_tipping(s: Structure) -> F64:
    """(n,) tipping-point probabilities, integrated over the shared factor (as `quadrature`)."""
    from electoral.forecasting.tipping import tipping_probabilities

    lead, own, _ = loadings_and_own(s)
    if not lead.any():
        return tipping_probabilities(s.mean, own, s.electors)
    x, w = factor_nodes(s.df, TIPPING_NODES if s.df is None else 3 * TIPPING_NODES)
    return tipping_probabilities(s.mean, own, s.electors, x[:, None] * lead[None, :], w)
