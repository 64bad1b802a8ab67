"""Apportionment of the House among the states, and electors from it (seats + 2; DC 3).

Divisor methods assign seats one at a time by priority value population / D(n), where n is
the state's seats so far and every state first gets the one seat the Constitution guarantees
(Art. I, s. 2, cl. 3). Priorities are compared exactly, as fractions of integers, so no float
rounding can decide a seat. Hamilton (largest remainders) is computed with integer quotas.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from electoral.errors import InputError
from electoral.law.regimes import (
    census_for_election,
    census_law,
    dc_appoints,
    dc_in_census,
    largest_house,
)
from electoral.model import frozen_map
from electoral.states import state_code

# Priority numerator and denominator of a state of population p holding n seats.
Priority = Callable[[int, int], tuple[int, int]]

DIVISOR_METHODS: dict[str, tuple[Priority, int]] = {
    # name: (priority as (num, den), power of the population in num)
    # Equal proportions: p / sqrt(n(n+1)); squared to stay rational. 2 U.S.C. 2a (1941).
    "huntington-hill": (lambda p, n: (p * p, n * (n + 1)), 2),
    # Major fractions: p / (n + 1/2). Used for the 1910 and 1930 censuses.
    "webster": (lambda p, n: (2 * p, 2 * n + 1), 1),
    # Greatest divisors: p / (n + 1). Used 1790-1830.
    "jefferson": (lambda p, n: (p, n + 1), 1),
    # Smallest divisors: p / n.
    "adams": (lambda p, n: (p, n), 1),
    # Harmonic mean: p (n + 1/2) / (n (n + 1)).
    "dean": (lambda p, n: (p * (2 * n + 1), 2 * n * (n + 1)), 1),
}
METHODS = (*DIVISOR_METHODS, "hamilton")
ALIASES = {"equal-proportions": "huntington-hill", "hill": "huntington-hill",
           "major-fractions": "webster", "sainte-lague": "webster", "vinton": "hamilton",
           "largest-remainders": "hamilton", "dhondt": "jefferson"}


@dataclass(frozen=True, slots=True)
class Seat:
    """One seat in the order of assignment (divisor methods), or one state next in line."""

    seat: int  # 1-based position in the House (the first 50 are the guaranteed seats)
    state: str
    state_seat: int  # this is the state's n-th seat
    priority: float  # priority value, for display (comparisons are exact)
    margin: int  # last seats: population the state could lose and keep it;
    # next in line: population it would have needed to gain ("short_by")


@dataclass(frozen=True, slots=True)
class Apportionment:
    census: int | None
    method: str
    house_size: int
    populations: Mapping[str, int]
    seats: Mapping[str, int]
    electors: Mapping[str, int]  # seats + 2, and DC's 3 where it appoints (amend. XXIII)
    last_seats: tuple[Seat, ...]  # the final seats assigned, last one last
    next_in_line: tuple[Seat, ...]  # the seats a larger House would assign next
    ties: tuple[str, ...] = ()  # states exactly tied for the last seat, if any

    def to_dict(self) -> dict[str, Any]:
        return {
            "census": self.census, "method": self.method, "house_size": self.house_size,
            "seats": dict(sorted(self.seats.items())),
            "electors": dict(sorted(self.electors.items())),
            "total_electors": sum(self.electors.values()),
            "populations": dict(sorted(self.populations.items())),
            "last_seats": [{"seat": s.seat, "state": s.state, "state_seat": s.state_seat,
                            "priority": s.priority, "margin": s.margin}
                           for s in self.last_seats],
            "next_in_line": [{"seat": s.seat, "state": s.state, "state_seat": s.state_seat,
                              "priority": s.priority, "short_by": s.margin}
                             for s in self.next_in_line],
            "ties": list(self.ties),
        }


# Priorities are ordered by float for speed; any two within this relative distance (far
# above rounding error, far below any real gap) are compared exactly as fractions.
_NEAR = 1e-12

FLOAT_PRIORITY: dict[str, Callable[[int, int], float]] = {
    "huntington-hill": lambda p, n: p / math.sqrt(n * (n + 1)),
    "webster": lambda p, n: p / (n + 0.5),
    "jefferson": lambda p, n: p / (n + 1),
    "adams": lambda p, n: p / n,
    "dean": lambda p, n: p * (n + 0.5) / (n * (n + 1)),
}


def _exact_greater(m: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Is priority a (population, seats) strictly greater than b, exactly?"""
    prio = DIVISOR_METHODS[m][0]
    an, ad = prio(*a)
    bn, bd = prio(*b)
    return an * bd > bn * ad


def _pop_best(heap: list[tuple[float, str]], m: str, pops: dict[str, int],
              alloc: dict[str, int]) -> str:
    """Pop the state with the greatest priority, exactly: near-equal floats are settled as
    fractions (exact ties go to the state code that sorts first, as the heap would)."""
    neg, st = heapq.heappop(heap)
    if not heap or heap[0][0] - neg > _NEAR * -neg:
        return st
    near = [(neg, st)]
    while heap and heap[0][0] - neg <= _NEAR * -neg:
        near.append(heapq.heappop(heap))
    best = near[0][1]
    for _, other in near[1:]:
        if _exact_greater(m, (pops[other], alloc[other]), (pops[best], alloc[best])) or (
                not _exact_greater(m, (pops[best], alloc[best]), (pops[other], alloc[other]))
                and other < best):
            best = other
    for item in near:
        if item[1] != best:
            heapq.heappush(heap, item)
    return best


def normalise_method(method: str) -> str:
    m = method.strip().lower().replace("_", "-").replace(" ", "-")
    m = ALIASES.get(m, m)
    if m not in METHODS:
        raise InputError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    return m


def _validate(populations: Mapping[str, int], seats: int) -> dict[str, int]:
    pops: dict[str, int] = {}
    for raw, p in populations.items():
        st = state_code(raw)
        if st in pops:
            raise InputError(f"{st} given twice")
        if isinstance(p, bool) or not isinstance(p, int):
            raise InputError(f"population must be a whole number, got {p!r}", st)
        if p <= 0:
            raise InputError(f"population must be positive, got {p}", st)
        pops[st] = p
    if not pops:
        raise InputError("no populations given")
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < len(pops):
        raise InputError(f"a House of {seats} seats cannot give each of the {len(pops)} "
                         "states its one guaranteed seat")
    return pops


def _display(num: int, den: int, power: int) -> float:
    return math.sqrt(num / den) if power == 2 else num / den


def _min_population(target: tuple[int, int], n: int, method: str) -> int:
    """Smallest population whose priority for its (n+1)-th seat reaches `target`."""
    prio, power = DIVISOR_METHODS[method]
    a, b = prio(1, n)  # priority(p, n) = p**power * a / b
    t_num, t_den = target
    need_num, need_den = t_num * b, t_den * a  # p**power >= need_num / need_den
    if power == 1:
        return -(-need_num // need_den)
    q = -(-need_num // need_den)
    r = math.isqrt(q)
    return r if r * r >= q else r + 1


def apportion(populations: Mapping[str, int], seats: int = 435,
              method: str = "huntington-hill", census: int | None = None,
              district_of_columbia: bool = True, lookahead: int = 5) -> Apportionment:
    """Apportion `seats` House seats among the states in `populations` (state -> people).

    Every state gets at least one seat. Returns the seats, the electors (seats + 2 per state,
    plus 3 for the District of Columbia when `district_of_columbia`), the last seats assigned
    with the population margin by which each was won, and the states next in line with the
    population each was short by. `lookahead` sets how many of each are listed.
    """
    m = normalise_method(method)
    pops = _validate(populations, seats)
    if m == "hamilton":
        alloc = _hamilton(pops, seats)
        last: tuple[Seat, ...] = ()
        nxt: tuple[Seat, ...] = ()
        ties: tuple[str, ...] = ()
    else:
        alloc, last, nxt, ties = _divisor(pops, seats, m, lookahead)
    electors = {st: n + 2 for st, n in alloc.items()}  # Art. II s. 1 cl. 2
    if district_of_columbia:
        electors["DC"] = 3  # amend. XXIII: no more than the least populous state
    return Apportionment(census, m, seats, frozen_map(pops), frozen_map(alloc),
                         frozen_map(electors), last, nxt, ties)


def _divisor(pops: dict[str, int], seats: int, m: str, lookahead: int
             ) -> tuple[dict[str, int], tuple[Seat, ...], tuple[Seat, ...], tuple[str, ...]]:
    prio, power = DIVISOR_METHODS[m]
    fp = FLOAT_PRIORITY[m]
    alloc = dict.fromkeys(pops, 1)
    heap = [(-fp(p, 1), st) for st, p in pops.items()]
    heapq.heapify(heap)
    order: list[tuple[str, int]] = []  # (state, seats it held before this one)
    for _ in range(seats - len(pops)):
        st = _pop_best(heap, m, pops, alloc)
        order.append((st, alloc[st]))
        alloc[st] += 1
        heapq.heappush(heap, (-fp(pops[st], alloc[st]), st))
    # Who is next in line: keep popping from a copy, without changing the allocation.
    probe = list(heap)
    shadow = dict(alloc)
    upcoming: list[tuple[str, int]] = []
    for _ in range(lookahead):
        st = _pop_best(probe, m, pops, shadow)
        upcoming.append((st, shadow[st]))
        shadow[st] += 1
        heapq.heappush(probe, (-fp(pops[st], shadow[st]), st))

    def exact(e: tuple[str, int]) -> tuple[int, int]:
        return prio(pops[e[0]], e[1])

    ties: tuple[str, ...] = ()
    if order and upcoming:
        a, b = exact(order[-1]), exact(upcoming[0])
        if a[0] * b[1] == b[0] * a[1]:
            ties = tuple(sorted({order[-1][0], upcoming[0][0]}))
    last_seats: list[Seat] = []
    for i, (st, n_before) in enumerate(reversed(order[-lookahead:] if lookahead else [])):
        margin = 0
        if upcoming:
            # The least population that still beats the first state out for this seat.
            margin = pops[st] - _min_population(exact(upcoming[0]), n_before, m)
        num, den = prio(pops[st], n_before)
        last_seats.append(Seat(seats - i, st, n_before + 1, _display(num, den, power), margin))
    next_seats: list[Seat] = []
    for j, (st, n_now) in enumerate(upcoming):
        short = 0
        if order:
            short = max(_min_population(exact(order[-1]), n_now, m) - pops[st], 0)
        num, den = prio(pops[st], n_now)
        next_seats.append(Seat(seats + j + 1, st, n_now + 1, _display(num, den, power), short))
    return alloc, tuple(reversed(last_seats)), tuple(next_seats), ties


def _hamilton(pops: dict[str, int], seats: int) -> dict[str, int]:
    """Largest remainders with exact integer quotas; a state whose quota rounds to zero gets
    its guaranteed seat and leaves the pool (Art. I s. 2 cl. 3)."""
    fixed: dict[str, int] = {}
    pool = dict(pops)
    while True:
        house = seats - len(fixed)
        total = sum(pool.values())
        floor = {st: p * house // total for st, p in pool.items()}
        zero = [st for st, n in floor.items() if n == 0]
        if not zero:
            break
        for st in zero:
            fixed[st] = 1
            del pool[st]
    rem = {st: p * house % total for st, p in pool.items()}
    left = house - sum(floor.values())
    for st in sorted(pool, key=lambda s: (-rem[s], s))[:left]:
        floor[st] += 1
    return {**floor, **fixed}


def censuses() -> tuple[int, ...]:
    from electoral.package_data import table

    return tuple(sorted({int(r["census"]) for r in table("census_populations")}))


def census_populations(census: int) -> dict[str, int]:
    """Population per state for a census: the apportionment population for 1910-2020; the
    resident population (see `population_kind`) for 1790-1900."""
    from electoral.package_data import table

    out = {r["state"]: int(r["population"]) for r in table("census_populations")
           if int(r["census"]) == census}
    if not out:
        have = censuses()
        raise InputError(f"no census {census}; censuses: {have[0]}-{have[-1]}, every ten years",
                         str(census))
    return out


def population_kind(census: int) -> str:
    from electoral.package_data import table

    return next(r["kind"] for r in table("census_populations") if int(r["census"]) == census)


def official_seats(census: int) -> dict[str, int]:
    """Seats per state as actually apportioned after `census` (the record)."""
    from electoral.package_data import table

    out = {r["state"]: int(r["seats"]) for r in table("census_seats")
           if int(r["census"]) == census}
    if not out:
        raise InputError(f"no official apportionment recorded for {census}", str(census))
    return out


def _recorded_house(census: int) -> int:
    """The House the apportionment after `census` made (435 where none is recorded)."""
    try:
        return sum(official_seats(census).values())
    except InputError:
        return 435


def apportion_census(census: int, seats: int | None = None, method: str | None = None,
                     lookahead: int = 5) -> Apportionment:
    """Apportion a census's populations; by default with the method and House size the law
    applied to it (Huntington-Hill where none did, and the size the House then had)."""
    law = census_law(census)
    m = method or (law.method if law else "huntington-hill")
    n = seats if seats is not None else (law.house_size if law else _recorded_house(census))
    pops = census_populations(census)
    most = largest_house(sum(pops.values()))
    if n > most:
        raise InputError(f"a House of {n:,} seats exceeds one Representative for every thirty "
                         f"thousand persons (art. I, s. 2, cl. 3): at most {most:,} for the "
                         f"{census} census", str(census))
    return apportion(pops, n, m, census,
                     district_of_columbia=dc_in_census(census), lookahead=lookahead)


def census_electors(census: int, seats: int = 435, method: str = "huntington-hill"
                    ) -> dict[str, int]:
    """Electors per state (seats + 2; DC 3 from the 1960 census on) under an apportionment of
    `census` with `seats` seats by `method`."""
    return dict(apportion_census(census, seats, method).electors)


@dataclass(frozen=True, slots=True)
class ElectorsComparison:
    """One state in one election: its electors in the record against seats + 2 from the
    census apportionment in force (with seats given by admission acts where recorded)."""

    year: int
    state: str
    recorded: int | None  # electors the state appointed (None: it appointed none)
    from_census: int | None  # seats + 2 (DC 3) (None: the census table has no seats for it)
    explanation: str  # "" when they agree


def compare_electors(year: int) -> tuple[ElectorsComparison, ...]:
    """Electors = House seats + 2 (Art. II s. 1 cl. 2), DC 3 from 1964 (amend. XXIII), checked
    state by state against the record for the `year` election; every disagreement carries its
    reason (a state admitted after the census, or one that appointed none: the record's note
    says why)."""
    from electoral.package_data import table
    from electoral.record import catalog

    census = census_for_election(year)
    if census is None:
        raise InputError(f"no census fixed the electors of {year} (the Constitution did: "
                         "art. I, s. 2, cl. 3)", str(year))
    seats = official_seats(census)
    for r in table("admission_seats"):
        if int(r["census"]) == census and int(r["from_election"]) <= year:
            seats[r["state"]] = int(r["seats"])
    expected = {st: n + 2 for st, n in seats.items()}
    if dc_appoints(year):
        expected["DC"] = 3  # amend. XXIII: no more than the least populous state
    rows = {r.state: r for r in catalog.electors(year)}
    recorded = {st: r.appointed for st, r in rows.items() if r.appointed}
    out = []
    for st in sorted(set(expected) | set(recorded)):
        rec, exp = recorded.get(st), expected.get(st)
        why = ""
        if rec != exp:
            if exp is None:
                why = (f"admitted after the {census} census: seats fixed by its admission act, "
                       "not in the census table")
            elif rec is None:
                note = rows[st].note if st in rows else ""
                why = f"appointed no electors ({note})" if note else "appointed no electors"
            else:
                why = "unexplained"
        out.append(ElectorsComparison(year, st, rec, exp, why))
    return tuple(out)


def electors_for(year: int, census: int | None = None, house_size: int | None = None,
                 method: str | None = None) -> dict[str, int]:
    """Electors per state for the `year` election: the one answer to "how many electors".

    With no census, House size or method: the electors each state had (the record), and for
    a later year apportioned from the same census as a recorded one (2028 from 2020's, like
    2024), that year's. Otherwise: seats + 2 under an apportionment of `census` (default: the
    one in force for `year`) with `house_size` seats (435) by `method` (Huntington-Hill), with
    DC's three only where the law of `year` gives it electors (amend. XXIII)."""
    from electoral.errors import NoElectionError
    from electoral.law.regimes import is_election_year
    from electoral.record import catalog

    if not is_election_year(year):
        raise NoElectionError(f"no presidential election is held in {year}", str(year))
    if census is None and house_size is None and method is None:
        if year in catalog.years():
            return {r.state: r.appointed for r in catalog.electors(year) if r.appointed}
        same = [y for y in catalog.years()
                if y < year and census_for_election(y) == census_for_election(year)]
        if same:
            return {r.state: r.appointed for r in catalog.electors(same[-1]) if r.appointed}
    c = census if census is not None else census_for_election(year)
    if c is None:
        raise NoElectionError(f"no census apportioned the electors of {year}", str(year))
    if c not in censuses():
        raise NoElectionError(f"no census {c} in the data (censuses {censuses()[0]}-"
                              f"{censuses()[-1]}): no electors known for {year}", str(year))
    electors = census_electors(c, 435 if house_size is None else house_size,
                               method or "huntington-hill")
    if not dc_appoints(year):
        electors.pop("DC", None)
    return electors
