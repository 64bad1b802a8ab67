"""The error model: how far each unit's result may fall from its expected margin, and how the
units' errors move together.

    error_i = national + regional[region(i)] + own_i          (factor form)
    error   ~ N(0, Sigma)                                      (full covariance form)

national ~ N(0, national_sd²) shared by every unit; regional ~ N(0, regional_sd²) shared
within a BEA region; own_i ~ N(0, sd_i²) independent. A correlation matrix (the Economist's,
or one from the history of states' swings) or a user covariance replaces the own errors with
a full covariance Sigma (points²). With `df`, the national error is Student-t with that many
degrees of freedom and scale national_sd (fat tails that widen: its sd is
national_sd * sqrt(df / (df - 2))); in the full form the whole error vector is multivariate t
with scale Sigma.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from electoral.errors import InputError
from electoral.forecasting.inputs import ForecastInput
from electoral.textfile import read_text

if TYPE_CHECKING:  # NumPy is imported where used: `import electoral` stays light
    import numpy as np
    import numpy.typing as npt

    F64 = npt.NDArray[np.float64]
CORRELATIONS = ("economist", "history")


@dataclass(frozen=True, slots=True)
class ErrorModel:
    national_sd: float = 0.0  # points
    regional_sd: float = 0.0  # points
    df: float | None = None  # Student-t degrees of freedom of the national error (> 2)
    correlation: str | None = None  # "economist" | "history": correlates the units' own errors
    covariance: str | None = None  # path of a unit x unit covariance CSV (points²)

    def __post_init__(self) -> None:
        for name in ("national_sd", "regional_sd"):
            v = getattr(self, name)
            if not math.isfinite(v) or v < 0:
                raise InputError(f"cannot be negative, got {v}", name)
        if self.df is not None and not (math.isfinite(self.df) and self.df > 2):
            raise InputError(f"Student-t degrees of freedom must exceed 2 (finite variance), "
                             f"got {self.df}", "df")
        if self.correlation is not None and self.correlation not in CORRELATIONS:
            raise InputError(f"unknown correlation {self.correlation!r} (economist, history)",
                             "correlation")
        if self.correlation and self.covariance:
            raise InputError("give a correlation or a covariance file, not both", "covariance")

    @property
    def independent(self) -> bool:
        return not (self.national_sd or self.regional_sd or self.correlation or self.covariance)

    def to_dict(self) -> dict[str, Any]:
        return {"national_sd": self.national_sd, "regional_sd": self.regional_sd,
                "df": self.df, "correlation": self.correlation, "covariance": self.covariance}


@dataclass(frozen=True)
class Structure:
    """The error model compiled for the engines, over the units of an input.

    mean: (n,) expected margins. Factor form: loadings (n, k) of k independent standard shared
    factors (the national one first, if any, then one per region) and own (n,) independent
    errors. Full form: cov (n, n) (points²), loadings and own None. df: Student-t degrees of
    freedom of the national factor (factor form) or of the whole vector (full form); None:
    normal.
    """

    mean: F64
    electors: npt.NDArray[np.int64]
    votes: F64
    own: F64 | None
    loadings: F64 | None
    cov: F64 | None
    df: float | None
    notes: tuple[str, ...]
    # Factor form, by kind: the national loading (n,), each unit's region (n,) and regional
    # loading (n,). The first column of `loadings` is the national factor when it is nonzero.
    national: F64 | None = None
    region: npt.NDArray[np.int64] | None = None
    regional: F64 | None = None

    @property
    def full(self) -> bool:
        return self.cov is not None

    def total_cov(self) -> F64:
        import numpy as np

        if self.cov is not None:  # multivariate t: the scale matrix, widened
            full: F64 = self.cov * (self.df / (self.df - 2) if self.df else 1.0)
            return full
        assert self.own is not None and self.loadings is not None
        cov: F64 = np.diag(self.own ** 2) + self.loadings @ self.loadings.T
        if self.df is not None and self.national is not None:  # the t's wider variance
            cov = cov + np.outer(self.national, self.national) * (2 / (self.df - 2))
        return cov


@cache
def regions() -> dict[str, str]:
    """state -> BEA region (the Economist model's crosswalk)."""
    from electoral.package_data import table

    return {r["state"]: r["region"] for r in table("forecast_regions")}


def _region_loadings(inp: ForecastInput, sd: float) -> F64:
    import numpy as np

    names = sorted(set(regions().values()))
    out = np.zeros((len(inp.units), len(names)))
    for i, u in enumerate(inp.units):
        out[i, names.index(regions()[u.unit[:2]])] = sd
    return out


def nearest_correlation(c: F64) -> F64:
    """Clip negative eigenvalues to zero and restore the unit diagonal."""
    import numpy as np

    w, v = np.linalg.eigh((c + c.T) / 2)
    psd = (v * np.clip(w, 0, None)) @ v.T
    d = np.sqrt(np.diag(psd))
    out: F64 = psd / np.outer(d, d)
    return out


@cache
def economist_correlation() -> tuple[tuple[str, ...], F64]:
    """The Economist's state correlation matrix, transformed as its model's script does before
    use (final_2016.R): negative correlations set to zero, the matrix shrunk a quarter of the
    way toward perfect correlation (0.75 C + 0.25), then made positive semi-definite."""
    import numpy as np

    from electoral.package_data import table

    rows = table("forecast_correlation")
    codes = tuple(r["unit"] for r in rows)
    m = np.array([[float(r[c]) for c in codes] for r in rows])
    m = 0.75 * np.clip(m, 0.0, None) + 0.25
    np.fill_diagonal(m, 1.0)
    return codes, nearest_correlation(m)


@cache
def history_correlation(before: int, shrink: float = 0.2) -> tuple[tuple[str, ...], F64]:
    """Correlation of the states' swings relative to the nation, election to election, over
    the record's elections from 1976 to before `before`; shrunk toward the identity."""
    import numpy as np

    from electoral.forecasting.inputs import record_margins
    from electoral.record import catalog

    years = [y for y in catalog.years() if 1976 <= y < before]
    if len(years) < 4:
        raise InputError("too few past elections to correlate states' swings (from 1976)",
                         "correlation")
    per = [record_margins(y) for y in years]
    codes = tuple(sorted(c for c in per[0] if "-" not in c and all(c in p for p in per)))
    rel = []
    for p in per:
        v = np.array([p[c][1] for c in codes], dtype=float)
        m = np.array([p[c][0] for c in codes])
        rel.append(m - (m * v).sum() / v.sum())
    swings = np.diff(np.array(rel), axis=0)
    c = np.corrcoef(swings, rowvar=False)
    return codes, (1 - shrink) * c + shrink * np.eye(len(codes))


def _unit_correlation(inp: ForecastInput, codes: tuple[str, ...], c: F64) -> F64:
    """A state matrix over units: districts take their state's row."""
    import numpy as np

    idx = []
    for u in inp.units:
        st = u.unit[:2]
        if st not in codes:
            raise InputError(f"{st} is not in the correlation matrix", "correlation")
        idx.append(codes.index(st))
    out: F64 = c[np.ix_(idx, idx)]
    return out


def read_covariance(path: str | Path, inp: ForecastInput) -> F64:
    """CSV `unit,<unit codes...>`, one row per unit: the covariance of the units' errors."""
    import numpy as np

    p = Path(path)
    try:
        rows = list(csv.reader(io.StringIO(read_text(p), newline="")))
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}", str(p)) from None
    if not rows or not rows[0] or rows[0][0] != "unit":
        raise InputError("expected a header unit,<unit codes>", f"{p}:1")
    cols = [c.strip().upper() for c in rows[0][1:]]
    codes = inp.codes()
    if sorted(cols) != sorted(codes):
        unknown = sorted(set(cols) - set(codes)) or sorted(set(codes) - set(cols))
        raise InputError(f"covariance units differ from the forecast's: {', '.join(unknown[:6])}",
                         f"{p}:1")
    byrow: dict[str, list[float]] = {}
    for ln, r in enumerate(rows[1:], start=2):
        if len(r) != len(cols) + 1:
            raise InputError(f"expected {len(cols) + 1} fields, got {len(r)}", f"{p}:{ln}")
        try:
            byrow[r[0].strip().upper()] = [float(x) for x in r[1:]]
        except ValueError:
            raise InputError("covariances must be numbers", f"{p}:{ln}") from None
    if sorted(byrow) != sorted(codes):
        raise InputError("one row per unit needed", str(p))
    order = [cols.index(c) for c in codes]
    m = np.array([[byrow[c][j] for j in order] for c in codes])
    if not np.all(np.isfinite(m)) or not np.allclose(m, m.T, atol=1e-9):
        raise InputError("the covariance matrix is not symmetric", str(p))
    check_psd(m, str(p))
    return m


def check_psd(m: F64, place: str) -> None:
    import numpy as np

    w = np.linalg.eigvalsh(m)
    if w[0] < -1e-9 * max(1.0, float(w[-1])):
        raise InputError(f"the covariance matrix is not positive semi-definite (smallest "
                         f"eigenvalue {w[0]:.4g})", place)


def compile_model(inp: ForecastInput, model: ErrorModel) -> Structure:
    """The error model over the units of `inp`. A unit given by its probability (`p_dem`)
    gets the margin that gives it that probability under this model's total error."""
    import numpy as np
    from scipy.special import ndtri  # type: ignore[import-untyped]

    n = len(inp.units)
    electors = np.array([u.electors for u in inp.units], dtype=np.int64)
    votes = np.array([0.0 if "-" in u.unit else float(u.votes) for u in inp.units])
    sd = np.array([u.sd for u in inp.units])
    national = np.full(n, model.national_sd)
    names = sorted(set(regions().values()))
    region = np.array([names.index(regions()[u.unit[:2]]) for u in inp.units], dtype=np.int64)
    regional = np.full(n, model.regional_sd)
    shared = np.zeros((n, 0))
    if model.national_sd:
        shared = np.column_stack([shared, national])
    if model.regional_sd:
        shared = np.column_stack([shared, _region_loadings(inp, model.regional_sd)])
    notes: list[str] = []
    if model.df is not None and not model.national_sd and not (model.correlation
                                                               or model.covariance):
        raise InputError("Student-t tails apply to the national error or a correlation: give "
                         "a national_sd or a correlation", "df")
    cov = None
    if model.correlation or model.covariance:
        if model.covariance:
            cov = read_covariance(model.covariance, inp)
        else:
            codes, c = (economist_correlation() if model.correlation == "economist"
                        else history_correlation(inp.year))
            cov = np.outer(sd, sd) * _unit_correlation(inp, codes, c)
            notes.append(f"units' own errors correlated ({model.correlation})")
        cov = cov + shared @ shared.T
        total = np.sqrt(np.diag(cov) * (model.df / (model.df - 2) if model.df else 1.0))
    else:
        t_var = model.national_sd ** 2 * (model.df / (model.df - 2) if model.df else 1.0)
        total = np.sqrt(sd ** 2 + model.regional_sd ** 2 + t_var)
    mean = np.array([u.margin for u in inp.units])
    for i, u in enumerate(inp.units):
        if u.p_dem is not None:
            mean[i] = _margin_for(u.p_dem, float(total[i]), u.unit, ndtri)
    if cov is not None:
        return Structure(mean, electors, votes, None, None, cov, model.df, tuple(notes))
    return Structure(mean, electors, votes, sd, shared, None, model.df, tuple(notes),
                     national if model.national_sd else np.zeros(n), region,
                     regional if model.regional_sd else np.zeros(n))


def _margin_for(p: float, sd: float, unit: str, ndtri: Any) -> float:
    """The margin that gives probability p of a positive result, with total sd (normal)."""
    if p in (0.0, 1.0):
        return 100.0 if p else -100.0
    if sd <= 0:
        raise InputError(f"{unit}: a probability strictly between 0 and 1 needs some error "
                         "(sd > 0)", "p_dem")
    return max(-100.0, min(100.0, sd * float(ndtri(p))))
