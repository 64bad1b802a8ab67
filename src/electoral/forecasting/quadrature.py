"""Exact with correlation: integrate the shared errors by quadrature, convolving the units,
independent given them, at each node (no sampling noise).

The factor form of the error model (a national error, a regional error per BEA region, each
unit's own error) is integrated exactly by electoral.forecasting.nested. A full covariance
matrix (a correlation, a user's covariance) has no such structure: it is refused here, and
the Monte Carlo engine simulates it (the default engine does so by itself).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from electoral.errors import InputError
from electoral.forecasting.errors import Structure
from electoral.forecasting.exact import Moments
from electoral.forecasting.nested import NATIONAL_NODES, factor_nodes, nested

F64 = npt.NDArray[np.float64]
TIPPING_NODES = 16  # tipping points vary smoothly with the national error: fewer nodes suffice


def _factors(s: Structure) -> tuple[F64, npt.NDArray[np.int64], F64, F64]:
    if s.cov is not None or s.own is None or s.national is None or s.region is None \
            or s.regional is None:
        raise InputError("the quadrature engine integrates a national and a regional error; "
                         "a full covariance (a correlation matrix) needs the montecarlo engine",
                         "engine")
    return s.national, s.region, s.regional, s.own


def quadrature(s: Structure, conditions: dict[int, bool] | None = None) -> Moments:
    """Exact moments of a factor-form error model."""
    national, region, regional, own = _factors(s)
    return nested(s.mean, own, s.electors, national, region, regional, s.df, conditions)


def can_tip(s: Structure) -> bool:
    """Tipping points integrate over one shared error: a national error, no regional one."""
    return s.cov is None and (s.regional is None or not s.regional.any())


def quadrature_tipping(s: Structure) -> F64:
    """(n,) tipping-point probabilities, integrated over the national error (no regional)."""
    from electoral.forecasting.tipping import tipping_probabilities

    national, _, _, own = _factors(s)
    if not can_tip(s):
        raise InputError("tipping points without sampling need a national error only; use the "
                         "montecarlo engine with a regional error", "tipping")
    if not national.any():
        return tipping_probabilities(s.mean, own, s.electors)
    x, w = factor_nodes(TIPPING_NODES if s.df is None else 3 * TIPPING_NODES, s.df)
    return tipping_probabilities(s.mean, own, s.electors, x[:, None] * national[None, :], w)


__all__ = ["NATIONAL_NODES", "can_tip", "quadrature", "quadrature_tipping"]
