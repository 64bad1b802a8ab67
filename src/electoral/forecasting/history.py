"""What a forecast learns from past elections' results, and the one door it reads them by.

Every fitted quantity (the fundamentals, the size of lean changes and polling errors) reads
results through `margins`, so a test can shut the door on the year a backtest scores and
check that nothing changes.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

from electoral.forecasting.inputs import record_margins

FIRST_LEANS = 1976  # lean changes are fitted on elections from here (the Economist's span)
# States' leans have grown steadier as the parties sorted: a pair of elections counts half as
# much for every 16 years (four elections) before the forecast.
LEAN_HALF_LIFE = 16.0
LOOKBACK = 10  # elections, before 1976


def elections_before(before: int) -> list[int]:
    """The elections to learn from for a forecast of `before`: those from 1976 (the
    Economist's span), or, where fewer than four lie between, the ten latest in the record
    led by a Democrat and a Republican (a forecast of 1892 learns from 1856-1888 but 1872)."""
    from electoral.record import catalog

    voted = [y for y in catalog.years() if y < before and catalog.popular_votes(y)
             and _two_party(y)]
    modern = [y for y in voted if y >= FIRST_LEANS]
    return modern if len(modern) >= 4 else voted[-LOOKBACK:]


def _two_party(year: int) -> bool:
    """Whether a Democrat and a Republican led the popular vote (so margins mean D - R)."""
    from electoral.errors import InputError
    from electoral.forecasting.inputs import two_party

    try:
        two_party(year)
    except InputError:
        return False
    return True


def margins(year: int) -> dict[str, tuple[float, int]]:
    """unit -> (two-party margin, points, D minus R; two-party votes) in the record."""
    return record_margins(year)


def national_margin(year: int) -> float:
    """The national two-party margin (points): states and DC, weighted by their votes."""
    m = margins(year)
    votes = sum(v for u, (_, v) in m.items() if "-" not in u)
    return sum(x * v for u, (x, v) in m.items() if "-" not in u) / votes


def leans(year: int) -> dict[str, float]:
    """unit -> its margin less the nation's (points)."""
    nat = national_margin(year)
    return {u: x - nat for u, (x, _) in margins(year).items()}


@cache
def lean_change(before: int) -> tuple[float, float]:
    """(sd of a state's change in lean from one election to the next, sd of its regional
    part), points, over the pairs of elections from 1976 that end before `before`, recent
    pairs weighing more (LEAN_HALF_LIFE)."""
    from electoral.forecasting.errors import regions

    years = elections_before(before)
    sq = total_w = region_sq = region_w = 0.0
    for a, b in itertools.pairwise(years):
        w = 0.5 ** ((before - b) / LEAN_HALF_LIFE)
        la, lb = leans(a), leans(b)
        change = {s: lb[s] - la[s] for s in la if s in lb and "-" not in s}
        sq += w * sum(d * d for d in change.values())
        total_w += w * len(change)
        by_region: dict[str, list[float]] = {}
        for s, d in change.items():
            by_region.setdefault(regions()[s], []).append(d)
        for ds in by_region.values():
            mean = sum(ds) / len(ds)
            spread = sum((d - mean) ** 2 for d in ds) / max(len(ds) - 1, 1)
            region_sq += w * (mean * mean - spread / len(ds))  # less the noise in the mean
            region_w += w
    if len(years) < 3:
        from electoral.errors import InputError

        raise InputError(f"too few elections with a popular vote before {before} to learn how "
                         "states' leans change", str(before))
    total = math.sqrt(sq / total_w)
    return total, min(math.sqrt(max(0.0, region_sq / region_w)), total)


@cache
def national_change(before: int) -> float:
    """sd of the national margin's change from one election to the next (points), over the
    elections from 1976 before `before`: how far a forecast that only knows the last result
    can be off nationally."""
    years = elections_before(before)
    changes = [national_margin(b) - national_margin(a) for a, b in itertools.pairwise(years)]
    if len(changes) < 2:
        from electoral.errors import InputError

        raise InputError(f"too few elections with a popular vote before {before} to learn how "
                         "the national vote moves", str(before))
    return math.sqrt(sum(c * c for c in changes) / len(changes))
