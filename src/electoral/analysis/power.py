"""Voting power of the units in the Electoral College: Banzhaf and Shapley-Shubik, exact.

Both come from generating functions. The coalitions of all units, counted by total weight
(and, for Shapley-Shubik, by size), are the coefficients of prod_i (1 + y x^w_i); a unit's
own factor is divided out again (exactly, in integers) to count the coalitions of the others
it turns from losing into winning. Counts are integers: numpy int64 while they fit (fewer
than 62 units), Python integers (numpy object arrays) beyond.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from electoral.errors import InputError
from electoral.law.majority import majority_of

INDICES = ("banzhaf", "shapley-shubik")

if TYPE_CHECKING:
    import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class UnitPower:
    unit: str
    electors: int
    swings: int  # coalitions of the other units the unit turns from losing to winning
    banzhaf_raw: float  # swings / 2^(n-1): the chance the unit is decisive
    banzhaf: float  # swings / the sum of all units' swings
    shapley_shubik: Fraction  # the share of orderings in which the unit is pivotal
    turnout: int | None = None  # votes cast in the unit (per-voter power), if known
    per_voter: float | None = None  # banzhaf_raw * sqrt(2 / (pi * turnout))


@dataclass(frozen=True, slots=True)
class PowerIndices:
    quota: int
    total: int  # total weight (electors)
    units: tuple[UnitPower, ...]  # in input order

    def by_unit(self) -> dict[str, UnitPower]:
        return {u.unit: u for u in self.units}

    def to_dict(self) -> dict[str, Any]:
        low = min((u.per_voter for u in self.units if u.per_voter), default=None)
        return {"quota": self.quota, "total": self.total, "units": [
            {"unit": u.unit, "electors": u.electors, "swings": u.swings,
             "banzhaf": round(u.banzhaf, 6), "banzhaf_raw": round(u.banzhaf_raw, 6),
             "shapley_shubik": round(float(u.shapley_shubik), 6),
             "turnout": u.turnout,
             "per_voter": None if u.per_voter is None else float(f"{u.per_voter:.6g}"),
             "per_voter_relative": None if u.per_voter is None or not low
             else round(u.per_voter / low, 4)}
            for u in self.units]}


def _validate(electors: Mapping[str, int], quota: int | None) -> tuple[list[str], list[int], int]:
    names = list(electors)
    weights = [electors[n] for n in names]
    if not names:
        raise InputError("no units given")
    for n, w in zip(names, weights, strict=True):
        if not isinstance(w, int) or isinstance(w, bool) or w < 0:
            raise InputError(f"weight of {n} must be a non-negative integer, got {w!r}")
    total = sum(weights)
    q = majority_of(total) if quota is None else quota
    if not 0 < q <= total:
        raise InputError(f"quota must be between 1 and the total weight {total}, got {q}")
    return names, weights, q


def _dtype(n: int) -> Any:
    import numpy as np

    return np.int64 if n < 62 else object  # C(n, k) and 2^n stay below 2^62


def _by_weight(weights: list[int], total: int) -> npt.NDArray[Any]:
    """Coefficients of prod (1 + x^w): coalitions counted by weight."""
    import numpy as np

    g = np.zeros(total + 1, dtype=_dtype(len(weights)))
    g[0] = 1
    for w in weights:
        if w == 0:
            g = g * 2
        else:
            g[w:] = g[w:] + g[:-w].copy()
    return g


def _without(g: npt.NDArray[Any], w: int) -> npt.NDArray[Any]:
    """g / (1 + x^w), exactly: the coalitions of the other units."""
    if w == 0:
        return g // 2
    h = g.copy()
    for start in range(w, len(g), w):  # h[k] = g[k] - h[k - w], a block of w at a time
        end = min(start + w, len(g))
        h[start:end] = g[start:end] - h[start - w:end - w]
    return h


def _by_size_weight(weights: list[int], total: int) -> npt.NDArray[Any]:
    """c[s, k]: coalitions of s units weighing k (coefficients of prod (1 + y x^w))."""
    import numpy as np

    n = len(weights)
    c = np.zeros((n + 1, total + 1), dtype=_dtype(n))
    c[0, 0] = 1
    for i, w in enumerate(weights):
        # Shift every size up by one and weight by w (sizes from high to low: in place).
        c[1:i + 2, w:] = c[1:i + 2, w:] + c[0:i + 1, :total + 1 - w].copy()
    return c


def _without2(c: npt.NDArray[Any], w: int) -> npt.NDArray[Any]:
    """c / (1 + y x^w): by size, h[s] = c[s] - shift(h[s-1], w)."""
    h = c[:-1].copy()
    for s in range(1, h.shape[0]):
        if w:
            h[s, w:] = c[s, w:] - h[s - 1, :-w]
            h[s, :w] = c[s, :w]
        else:
            h[s] = c[s] - h[s - 1]
    return h


def banzhaf_swings(electors: Mapping[str, int], quota: int | None = None) -> dict[str, int]:
    """Swings per unit: coalitions of the others with weight in [quota - w, quota - 1]."""
    names, weights, q = _validate(electors, quota)
    g = _by_weight(weights, sum(weights))
    by_weight: dict[int, int] = {0: 0}  # units of equal weight have equal power
    for w in set(weights) - {0}:
        by_weight[w] = int(_without(g, w)[max(0, q - w):q].sum())
    return {n: by_weight[w] for n, w in zip(names, weights, strict=True)}


def shapley_shubik(electors: Mapping[str, int], quota: int | None = None) -> dict[str, Fraction]:
    """Shapley-Shubik index per unit, exact: sum over coalitions S of the others that the unit
    makes winning of |S|! (n - |S| - 1)! / n!."""
    names, weights, q = _validate(electors, quota)
    n = len(names)
    c = _by_size_weight(weights, sum(weights))
    fact = [math.factorial(k) for k in range(n + 1)]
    by_weight: dict[int, Fraction] = {0: Fraction(0)}  # equal weight, equal power
    for w in set(weights) - {0}:
        pivots = _without2(c, w)[:, max(0, q - w):q].sum(axis=1)  # per coalition size
        num = sum(int(pivots[s]) * fact[s] * fact[n - 1 - s] for s in range(n))
        by_weight[w] = Fraction(num, fact[n])
    return {name: by_weight[w] for name, w in zip(names, weights, strict=True)}


def power_indices(electors: Mapping[str, int], quota: int | None = None,
                  turnout: Mapping[str, int] | None = None) -> PowerIndices:
    """Banzhaf (raw and normalised) and Shapley-Shubik indices of a weighted voting game.

    electors: unit -> weight (electors). quota: votes needed to win (default: a majority of
    the total, total // 2 + 1, as amend. XII requires of the electors appointed).
    turnout: unit -> votes cast, for per-voter Banzhaf power: a voter in a unit of N voters
    is decisive there with probability about sqrt(2 / (pi N)) (Penrose), so a voter's power
    is the unit's raw Banzhaf index times that.
    """
    names, weights, q = _validate(electors, quota)
    swings = banzhaf_swings(electors, q)
    ss = shapley_shubik(electors, q)
    n = len(names)
    total_swings = sum(swings.values())
    units = []
    for name, w in zip(names, weights, strict=True):
        raw = swings[name] / 2 ** (n - 1)
        t = (turnout or {}).get(name)
        units.append(UnitPower(
            name, w, swings[name], raw, swings[name] / total_swings if total_swings else 0.0,
            ss[name], t, raw * math.sqrt(2 / (math.pi * t)) if t else None))
    return PowerIndices(q, sum(weights), tuple(units))


@dataclass(frozen=True, slots=True)
class CensusPower:
    """Power indices of the units under an apportionment of a census."""

    census: int
    seats: int
    districts: bool  # Maine and Nebraska split into at-large and district units
    turnout_year: int | None  # the election whose turnout gives per-voter power
    indices: PowerIndices

    def to_dict(self) -> dict[str, Any]:
        return {"census": self.census, "seats": self.seats, "districts": self.districts,
                "turnout_year": self.turnout_year, **self.indices.to_dict()}


def census_power(census: int, seats: int = 435, districts: bool = False) -> CensusPower:
    """Banzhaf and Shapley-Shubik indices of the states (51 units with DC from the 1960
    census) under a Huntington-Hill apportionment of `seats` House seats for `census`
    (electors = seats + 2, Art. II s. 1 cl. 2; DC 3, amend. XXIII). `districts` splits the
    states that appoint by district today (Maine, Nebraska) into two at-large electors and one
    per district (56 units for 2020). Per-voter power uses the turnout of the first election
    held under the census (census + 4), where the record has it."""
    from electoral.apportionment import census_electors
    from electoral.law.regimes import district_rule
    from electoral.record import catalog

    if seats < 1:
        raise InputError(f"the House needs at least one seat, got {seats}", "seats")
    electors = census_electors(census, seats)
    year = census + 4
    votes = _unit_turnout(year) if year in catalog.years() else {}
    units: dict[str, int] = {}
    for st in sorted(electors):
        n = electors[st]
        if districts and n > 2 and district_rule(st, catalog.years()[-1]) is not None:
            units[st] = 2  # at large: the two electors for the Senators (Art. II s. 1 cl. 2)
            units.update({f"{st}-{d}": 1 for d in range(1, n - 1)})
        else:
            units[st] = n
    turnout = {u: votes[u] for u in units if u in votes}
    return CensusPower(census, seats, districts, year if turnout else None,
                       power_indices(units, None, turnout))


def _unit_turnout(year: int) -> dict[str, int]:
    from electoral.record import catalog

    out: dict[str, int] = {}
    for (st, d), per in catalog.popular_votes(year).items():
        out[f"{st}-{d}" if d else st] = sum(per.values())
    return out
