"""Paths to victory: every way a set of toss-up units can fall, counted exactly.

The New York Times's "512 Paths to the White House" (2012) drew every combination of nine
toss-up states; this module counts the combinations of any number of toss-ups, with the other
units fixed to a side. A side wins a combination when it holds a majority of the whole number
of electors appointed (amend. XII); with neither holding one, the House decides.

Counting is by dynamic programming over electoral votes: the number of subsets of toss-ups
per electoral-vote total (O(toss-ups x electors) integer additions), never 2^k enumeration,
so 30 or 56 toss-ups take milliseconds and every count is an exact Python int.

Sides: "D" and "R" are the two nationally leading candidates of a record year (a Democrat
and a Republican); "O" holds electors appointed for anyone else (1968's Wallace electors):
they count toward the electors appointed, for neither side.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from types import MappingProxyType
from typing import Any, TypeVar

from electoral.errors import InputError, NoElectionError
from electoral.law.majority import majority_of_appointed

T = TypeVar("T")
SIDES = ("D", "R")
FIXED_SIDES = ("D", "R", "O")  # a fixed unit may also go to a third candidate
# No election has had more than 56 voting units (2024: 50 states, DC, ME-1, ME-2, NE-1..3);
# the cap bounds the work one request can cause (2^60 combinations, tables 60 x electors).
MAX_TOSSUPS = 60
MAX_SETS = 1000  # minimal winning sets listed per side at most (the total is always exact)


def _frozen(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(d))


@dataclass(frozen=True, slots=True)
class Tossup:
    """A unit that may go either way."""

    unit: str  # "PA", "NE-2"
    electors: int
    p_dem: float = 0.5  # probability that D carries it (independent of the other units)


@dataclass(frozen=True, slots=True)
class FixedUnit:
    """A unit whose electors are settled: `held` maps side ("D", "R", "O") -> electors."""

    unit: str
    electors: int  # allotted to the unit
    held: Mapping[str, int]

    @property
    def side(self) -> str | None:
        """"D", "R" or "O"; "split" when the record divides the unit's electors (1892's
        Michigan); None when it appointed none (a tied unit)."""
        sides = [s for s, n in self.held.items() if n]
        return sides[0] if len(sides) == 1 else "split" if sides else None

    def to_dict(self) -> dict[str, Any]:
        side = self.side
        return {"unit": self.unit, "electors": self.electors, "side": side,
                "split": dict(self.held) if side == "split" else None}


@dataclass(frozen=True, slots=True)
class Board:
    """The question: toss-ups, and the electors already settled for each side.

    tossups: in canonical order (most electors first, then by code) - the order of the DP,
        of the minimal winning sets and of the default decision order.
    held: side ("D", "R", "O") -> electors fixed to it (toss-ups excluded).
    fixed: the fixed units one by one, when the board comes from a year's units.
    """

    tossups: tuple[Tossup, ...]
    held: Mapping[str, int]
    fixed: tuple[FixedUnit, ...] = ()
    year: int | None = None
    candidates: Mapping[str, str] | None = None  # side -> name, for a record year

    @property
    def tossup_electors(self) -> int:
        return sum(t.electors for t in self.tossups)

    @property
    def electors_appointed(self) -> int:
        return sum(self.held.values()) + self.tossup_electors

    @property
    def majority(self) -> int:
        """A majority of the whole number of electors appointed (amend. XII)."""
        return majority_of_appointed(self.electors_appointed)

    def needs(self, side: str) -> int:
        """Electors `side` still needs from the toss-ups (0 or less: it has a majority)."""
        return self.majority - self.held.get(side, 0)


@dataclass(frozen=True, slots=True)
class Tally:
    """The combinations of some toss-ups, with the rest of the map given."""

    combinations: int  # 2^k
    wins: Mapping[str, int]  # side -> combinations in which it has a majority
    no_majority: int  # combinations in which neither side has one (the House decides)
    ties: int  # of those, the ones with D and R level (all of them when no "O" electors)
    probability: Mapping[str, float]  # "D", "R", "no_majority" -> probability, given p_dem

    @property
    def decided(self) -> str | None:
        """"D", "R" or "no_majority" when every combination ends that way, else None."""
        for side in SIDES:
            if self.wins[side] == self.combinations:
                return side
        return "no_majority" if self.no_majority == self.combinations else None

    def to_dict(self) -> dict[str, Any]:
        return {"combinations": self.combinations, "wins": dict(self.wins),
                "no_majority": self.no_majority, "ties": self.ties, "decided": self.decided,
                "probability": {k: round(v, 12) for k, v in self.probability.items()}}


@dataclass(frozen=True, slots=True)
class WinningSets:
    """The minimal winning sets of one side: sets of toss-ups whose winning (every other
    toss-up going to the other side) gives it a majority, none of whose units it could lose.

    total: exact count of all of them; sets: the first ones by size, then by the canonical
    order (biggest units first); smallest: the size of the smallest (0: the side has a
    majority without any toss-up; None: it cannot win)."""

    total: int
    sets: tuple[tuple[str, ...], ...]
    smallest: int | None

    @property
    def truncated(self) -> bool:
        return self.total > len(self.sets)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "smallest": self.smallest, "truncated": self.truncated,
                "sets": [list(s) for s in self.sets]}


@dataclass(frozen=True, slots=True)
class ElectoralTotal:
    """One electoral-vote result and how many combinations give it."""

    dem: int  # D's electors
    rep: int  # R's electors
    combinations: int
    probability: float


@dataclass(frozen=True, slots=True)
class Paths:
    """Every combination of the board's toss-ups, counted (paths())."""

    board: Board
    tally: Tally
    must_win: Mapping[str, tuple[str, ...]]  # side -> toss-ups in every one of its wins
    minimal_winning_sets: Mapping[str, WinningSets]
    outcomes: tuple[ElectoralTotal, ...]  # by D's electors, ascending

    @property
    def combinations(self) -> int:
        return self.tally.combinations

    @property
    def wins(self) -> Mapping[str, int]:
        return self.tally.wins

    @property
    def no_majority(self) -> int:
        return self.tally.no_majority

    @property
    def ties(self) -> int:
        return self.tally.ties

    @property
    def probability(self) -> Mapping[str, float]:
        return self.tally.probability

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (docs/paths.md)."""
        b = self.board
        return {
            "year": b.year,
            "candidates": dict(b.candidates) if b.candidates is not None else None,
            "electors_appointed": b.electors_appointed, "majority": b.majority,
            "held": {s: b.held.get(s, 0) for s in FIXED_SIDES},
            "needs": {s: b.needs(s) for s in SIDES},
            "tossups": [{"unit": t.unit, "electors": t.electors, "p_dem": t.p_dem}
                        for t in b.tossups],
            "fixed": [f.to_dict() for f in b.fixed],
            **self.tally.to_dict(),
            "must_win": {s: list(self.must_win[s]) for s in SIDES},
            "minimal_winning_sets": {s: self.minimal_winning_sets[s].to_dict() for s in SIDES},
            "outcomes": [{"D": o.dem, "R": o.rep, "combinations": o.combinations,
                          "probability": round(o.probability, 12)} for o in self.outcomes],
            "notes": list(self.notes),
        }

    @property
    def notes(self) -> tuple[str, ...]:
        """What the counts mean under the law of the board's year."""
        from electoral.law.regimes import VOTING, rule_for

        year = self.board.year
        if year is None or rule_for(VOTING, year).votes_per_elector != 2:
            return ()
        # Art. II s.1 cl.3: two votes per elector, no separate vote for Vice President.
        return ("before the 12th Amendment each elector cast two votes: a side's win is its "
                "ticket holding a majority of the electors appointed; which of its two "
                "candidates became President was left to the electors' votes or, on a tie "
                "(1800), to the House (Art. II s.1 cl.3)",)


@dataclass(frozen=True, slots=True)
class Branch:
    """A node of the decision tree: the toss-ups taken in `order`, some decided.

    now: the combinations of the undecided toss-ups; next: the first undecided toss-up in
    `order`, and children: side -> the tally if it goes to that side."""

    order: tuple[str, ...]
    decisions: tuple[tuple[str, str], ...]  # (unit, side), in `order`
    remaining: tuple[str, ...]  # undecided toss-ups, in `order`
    held: Mapping[str, int]  # side -> electors, fixed units and decided toss-ups
    majority: int
    now: Tally
    next: str | None
    children: Mapping[str, Tally]

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (docs/paths.md)."""
        return {"order": list(self.order), "decisions": dict(self.decisions),
                "remaining": list(self.remaining), "held": dict(self.held),
                "majority": self.majority, **self.now.to_dict(), "next": self.next,
                "children": {s: t.to_dict() for s, t in self.children.items()}
                if self.next is not None else None}


# ---------------------------------------------------------------------------------------
# Counting


def _counts(electors: Sequence[int]) -> list[int]:
    """counts[x] = number of subsets of `electors` adding up to x (x = 0..sum)."""
    total = sum(electors)
    counts = [1] + [0] * total
    top = 0
    for e in electors:
        top += e
        # Subsets with the unit shift by e; slices keep the work in C.
        counts[e:top + 1] = [a + b for a, b in zip(counts[e:top + 1], counts[:top + 1 - e],
                                                   strict=True)]
    return counts


def _distribution(units: Sequence[tuple[int, float]]) -> list[float]:
    """dist[x] = probability that D's toss-ups add up to x electors (independent units)."""
    total = sum(e for e, _ in units)
    dist = [1.0] + [0.0] * total
    for e, p in units:
        q = 1.0 - p
        shifted = [0.0] * e + dist[:total + 1 - e]
        dist = [a * q + b * p for a, b in zip(dist, shifted, strict=True)]
    return dist


def _tally(units: Sequence[tuple[int, float]], held: Mapping[str, int], majority: int
           ) -> tuple[Tally, list[int], list[float]]:
    """The tally of `units` ((electors, p_dem) each), with the counts and probabilities per
    x = D's electors from them. D wins iff held D + x >= majority; R iff held R + T - x >=
    majority (T: the units' electors)."""
    counts = _counts([e for e, _ in units])
    dist = _distribution(units)
    total = len(counts) - 1
    d_from = majority - held.get("D", 0)  # D wins for x >= d_from
    r_upto = held.get("R", 0) + total - majority  # R wins for x <= r_upto
    d_lo = max(d_from, 0)
    r_hi = min(r_upto, total)
    wins = {"D": sum(counts[d_lo:]) if d_lo <= total else 0,
            "R": sum(counts[:r_hi + 1]) if r_hi >= 0 else 0}
    # Both sides cannot have a majority at once (r_hi < d_lo): the x between have neither.
    middle = slice(max(r_hi + 1, 0), min(d_lo, total + 1))
    prob = {"D": math.fsum(dist[d_lo:]) if d_lo <= total else 0.0,
            "R": math.fsum(dist[:r_hi + 1]) if r_hi >= 0 else 0.0,
            "no_majority": math.fsum(dist[middle])}
    combos = 1 << len(units)
    level = held.get("R", 0) + total - held.get("D", 0)  # D == R at x = level / 2
    x = level // 2
    ties = counts[x] if level % 2 == 0 and 0 <= x <= total else 0
    no_majority = sum(counts[middle])
    return (Tally(combos, _frozen(wins), no_majority, ties, _frozen(prob)), counts, dist)


def _minimal_sets(units: Sequence[tuple[str, int]], need: int, cap: int) -> WinningSets:
    """The minimal winning sets of a side needing `need` electors from `units` (sorted by
    electors, largest first).

    S is minimal winning iff sum(S) >= need > sum(S) - min(S). With units taken in that
    order, a set's last unit is its smallest, so completions from (next index i, sum so far
    t < need) obey one recurrence: skip unit i, take it and go on (t + e_i < need), or take
    it as the last (t + e_i >= need). count[i][t] counts the completions (the exact total is
    count[0][0]); sizes[i][t] is a bitmask of their sizes, which lets the listing go size by
    size without ever entering a branch that yields nothing.
    """
    if need <= 0:
        return WinningSets(1, ((),)[:cap], 0)
    es = [e for _, e in units]
    if sum(es) < need:
        return WinningSets(0, (), None)
    count = [[0] * need]
    sizes = [[0] * need]
    for e in reversed(es):
        c1, b1 = count[-1], sizes[-1]
        last = [1] * min(e, need)  # t >= need - e: the unit completes the set
        count.append([a + b for a, b in zip(c1, c1[e:] + last, strict=True)])
        sizes.append([a | (b << 1) for a, b in zip(b1, b1[e:] + last, strict=True)])
    count.reverse()
    sizes.reverse()
    mask = sizes[0][0]

    def walk(i: int, t: int, r: int, chosen: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        for j in range(i, len(es)):
            if not sizes[j][t] >> r & 1:
                break  # sizes[j] only loses completions as j grows
            s = t + es[j]
            if s >= need:
                if r == 1:
                    yield (*chosen, j)
            elif r > 1 and sizes[j + 1][s] >> (r - 1) & 1:
                yield from walk(j + 1, s, r - 1, (*chosen, j))

    def by_size() -> Iterator[tuple[int, ...]]:
        for r in range(1, len(es) + 1):
            if mask >> r & 1:
                yield from walk(0, 0, r, ())

    listed = tuple(tuple(units[j][0] for j in s) for s in islice(by_size(), cap))
    smallest = (mask & -mask).bit_length() - 1
    return WinningSets(count[0][0], listed, smallest)


def analyse(board: Board, max_sets: int = MAX_SETS) -> Paths:
    """Count every combination of `board`'s toss-ups: wins per side, must-win units, the
    minimal winning sets (at most `max_sets` listed per side) and the exact probabilities."""
    if isinstance(max_sets, bool) or not isinstance(max_sets, int) or \
            not 0 <= max_sets <= MAX_SETS:
        raise InputError(f"max_sets must be a whole number from 0 to {MAX_SETS}, got "
                         f"{max_sets!r}", "max_sets")
    units = [(t.electors, t.p_dem) for t in board.tossups]
    majority = board.majority
    tally, counts, dist = _tally(units, board.held, majority)
    total = board.tossup_electors
    must: dict[str, tuple[str, ...]] = {}
    sets: dict[str, WinningSets] = {}
    for side in SIDES:
        # Winning is monotone in the units a side holds, so it can win without unit u iff
        # it wins with every other toss-up: u is a must-win iff e_u > held + T - majority.
        slack = board.held.get(side, 0) + total - majority
        must[side] = tuple(t.unit for t in board.tossups if t.electors > slack) \
            if tally.wins[side] else ()
        sets[side] = _minimal_sets([(t.unit, t.electors) for t in board.tossups],
                                   board.needs(side), max_sets)
    d0, r0 = board.held.get("D", 0), board.held.get("R", 0)
    outcomes = tuple(ElectoralTotal(d0 + x, r0 + total - x, n, dist[x])
                     for x, n in enumerate(counts) if n)
    return Paths(board, tally, _frozen(must), _frozen(sets), outcomes)


def decide(source: Paths | Board, order: Iterable[str] | str | None = None,
           decisions: Mapping[str, str] | None = None) -> Branch:
    """The decision-tree node after `decisions` (toss-up -> "D" or "R"), the toss-ups taken
    in `order` (default, and after the ones listed: most electors first). Any toss-ups may
    be decided, usually a prefix of `order`; `next` is the first undecided one in order."""
    board = source.board if isinstance(source, Paths) else source
    known = {t.unit: t for t in board.tossups}
    listed = _codes(order, "order") if order is not None else []
    for code in listed:
        if code not in known:
            raise InputError(f"{code} is not a toss-up (toss-ups: {_list(known)})", "order")
    if len(set(listed)) != len(listed):
        raise InputError(f"{_twice(listed)} listed twice", "order")
    seq = [*listed, *(c for c in known if c not in set(listed))]
    decided = _per_tossup(decisions, known, "decisions",
                          f"is not a toss-up (toss-ups: {_list(known)})", "decided twice",
                          lambda code, side: _side(side, code, "decisions", SIDES))
    held = {s: board.held.get(s, 0) for s in FIXED_SIDES}
    for code, side in decided.items():
        held[side] += known[code].electors
    remaining = [c for c in seq if c not in decided]
    majority = board.majority

    def tally(units: Sequence[str], extra: Mapping[str, int]) -> Tally:
        h = {s: held[s] + extra.get(s, 0) for s in FIXED_SIDES}
        return _tally([(known[c].electors, known[c].p_dem) for c in units], h, majority)[0]

    nxt = remaining[0] if remaining else None
    children: dict[str, Tally] = {}
    if nxt is not None:
        for side in SIDES:
            children[side] = tally(remaining[1:], {side: known[nxt].electors})
    return Branch(tuple(seq), tuple((c, decided[c]) for c in seq if c in decided),
                  tuple(remaining), _frozen(held), majority, tally(remaining, {}), nxt,
                  _frozen(children))


# ---------------------------------------------------------------------------------------
# Inputs


def _list(codes: Iterable[str], n: int = 10) -> str:
    seq = list(codes)
    return ", ".join(seq[:n]) + (" ..." if len(seq) > n else "") if seq else "none"


def _twice(codes: Sequence[str]) -> str:
    return next(c for i, c in enumerate(codes) if c in codes[:i])


def _code(value: Any, place: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"a unit is a code like PA or NE-2, got {value!r}", place)
    return value.strip().upper()


def _codes(values: Iterable[str] | str | None, place: str) -> list[str]:
    """Unit codes from an iterable, or from one comma-separated string ("AZ,GA")."""
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    elif not isinstance(values, Iterable) or isinstance(values, Mapping):
        raise InputError("expected a list of unit codes, like AZ,GA,NE-2", place)
    return [c for c in (_code(v, place) for v in values) if c]


def _items(values: Mapping[str, Any] | None, place: str) -> list[tuple[Any, Any]]:
    if values is None:
        return []
    if not isinstance(values, Mapping):
        raise InputError("expected a mapping of unit -> value, like {'PA': 'D'}", place)
    return list(values.items())


def _side(value: Any, unit: str, place: str, allowed: Sequence[str] = FIXED_SIDES) -> str:
    side = value.strip().upper() if isinstance(value, str) else ""
    if side not in allowed:
        raise InputError(f"{unit}: the side is {' or '.join(allowed)}, got {value!r}", place)
    return side


def _probability(value: Any, unit: str) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    p = float(value) if ok else math.nan
    if not (math.isfinite(p) and 0.0 <= p <= 1.0):
        raise InputError(f"{unit}: a probability is a number from 0 to 1, got {value!r}",
                         "probabilities")
    return p


def _check_count(tossups: int) -> None:
    if tossups > MAX_TOSSUPS:
        raise InputError(f"{tossups} toss-ups: at most {MAX_TOSSUPS} (no election has had more "
                         "than 56 voting units; the cap bounds the work of one request)",
                         "tossups")


def _canonical(tossups: Iterable[Tossup]) -> tuple[Tossup, ...]:
    return tuple(sorted(tossups, key=lambda t: (-t.electors, t.unit)))


def _per_tossup(values: Mapping[str, Any] | None, known: Iterable[str], place: str,
                not_tossup: str, twice: str, convert: Callable[[str, Any], T]) -> dict[str, T]:
    """A mapping toss-up -> value, validated: each key a toss-up, given once; values by
    `convert(code, value)`. The errors name `place`."""
    allowed = set(known)
    out: dict[str, T] = {}
    for raw, value in _items(values, place):
        code = _code(raw, place)
        if code not in allowed:
            raise InputError(f"{code} {not_tossup}", place)
        if code in out:
            raise InputError(f"{code} {twice}", place)
        out[code] = convert(code, value)
    return out


def _probabilities(values: Mapping[str, Any] | None, tossups: Iterable[str]
                   ) -> dict[str, float]:
    return _per_tossup(values, tossups, "probabilities",
                       "is not a toss-up: only toss-ups take a probability", "given twice",
                       lambda code, p: _probability(p, code))


def custom_board(tossups: Mapping[str, int], held: Mapping[str, int] | None = None,
                 probabilities: Mapping[str, float] | None = None) -> Board:
    """A board of any units: `tossups` unit -> electors, `held` side ("D", "R", "O") ->
    electors fixed to it, `probabilities` toss-up -> P(D carries it) (default 0.5)."""

    def count(v: Any, what: str, place: str) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise InputError(f"{what}: electors are a whole number, 0 or more, got {v!r}",
                             place)
        return v

    units = {}
    for raw, n in _items(tossups, "tossups"):
        code = _code(raw, "tossups")
        if not code or code in units:
            raise InputError(f"unit {code!r} empty or given twice", "tossups")
        units[code] = count(n, code, "tossups")
    _check_count(len(units))
    sides = {s: 0 for s in FIXED_SIDES}
    for raw, n in _items(held, "held"):
        sides[_side(raw, "held", "held")] = count(n, str(raw), "held")
    if sum(sides.values()) + sum(units.values()) <= 0:
        raise InputError("no electors: give the toss-ups' or the fixed sides' electors",
                         "tossups")
    p = _probabilities(probabilities, units)
    board = Board(_canonical(Tossup(c, n, p.get(c, 0.5)) for c, n in units.items()),
                  _frozen(sides))
    return board


@lru_cache(maxsize=64)
def _record(year: int) -> tuple[Mapping[str, Mapping[str, int]], Mapping[str, str]]:
    """The record's side per unit (unit -> side -> electors pledged) and the candidates'
    names. Sides come from the electors the record appointed, as the engine appoints them
    (electoral.electors.appoint): a faithless elector's vote does not move the unit's side."""
    from electoral.electors import appoint
    from electoral.forecasting.inputs import two_party
    from electoral.record import catalog
    from electoral.units import unit_code

    catalog.require_year(year)
    d, r = two_party(year)
    inputs = catalog.inputs(year)
    appointment = appoint(inputs.returns, inputs.electors, inputs.appointed, inputs.methods,
                          inputs.at_large)
    label = {d: "D", r: "R"}
    units: dict[str, dict[str, int]] = {}
    for u in appointment.units:
        per = units.setdefault(unit_code(u.state, u.district), {})
        if u.winner is not None:  # a tied unit appointed no one
            side = label.get(u.winner, "O")
            per[side] = per.get(side, 0) + u.electors
    return (_frozen({k: _frozen(v) for k, v in units.items()}),
            _frozen({"D": catalog.name(d), "R": catalog.name(r)}))


def _year_units(year: int, electors: Mapping[str, int] | None) -> dict[str, int]:
    """unit code -> electors of the `year` election (or of the `electors` apportionment)."""
    from electoral.units import voting_units

    if isinstance(year, bool) or not isinstance(year, int):
        raise InputError(f"the year is a whole number, got {year!r}", "year")
    if electors is not None:
        from electoral.law.regimes import is_election_year
        from electoral.states import state_code

        if not is_election_year(year):
            raise NoElectionError(f"no presidential election is held in {year}", str(year))
        given: dict[str, int] = {}
        for st, n in _items(electors, "electors"):
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise InputError(f"{st}: electors are a whole number, 0 or more, got {n!r}",
                                 "electors")
            try:
                code = state_code(str(st))
            except InputError as e:
                raise InputError(e.problem, "electors") from None
            given[code] = n
        electors = given
    # A year without an election raises NoElectionError, placed at the year as elsewhere.
    return {u.code: u.electors for u in voting_units(year, electors)}


def board(year: int, tossups: Iterable[str] | str, fixed: Mapping[str, str] | None = None,
          probabilities: Mapping[str, float] | None = None,
          electors: Mapping[str, int] | None = None) -> Board:
    """The board of an election: `tossups` (unit codes) may go either way; `fixed` (unit ->
    "D", "R" or "O") sets sides; every other unit goes as it went in the record of `year`
    (the side whose electors were appointed there). `electors`: state -> electors of another
    apportionment (default: the year's own). Raises InputError naming the bad parameter."""
    units = _year_units(year, electors)
    codes = _codes(tossups, "tossups")
    for code in codes:
        if code not in units:
            raise InputError(_unknown(code, year), "tossups")
    if len(set(codes)) != len(codes):
        raise InputError(f"{_twice(codes)} listed twice", "tossups")
    _check_count(len(codes))
    sides: dict[str, str] = {}
    for raw, side in _items(fixed, "fixed"):
        code = _code(raw, "fixed")
        if code not in units:
            raise InputError(_unknown(code, year), "fixed")
        if code in codes:
            raise InputError(f"{code} is both fixed and a toss-up", "fixed")
        if code in sides:
            raise InputError(f"{code} given twice", "fixed")
        sides[code] = _side(side, code, "fixed")
    p = _probabilities(probabilities, codes)
    rest = [c for c in units if c not in sides and c not in codes]
    record: Mapping[str, Mapping[str, int]] = {}
    candidates: Mapping[str, str] | None = None
    try:
        record, candidates = _record(year)
    except (InputError, NoElectionError) as e:
        if rest:
            raise InputError(f"no D and R sides in the record of {year} ({e.problem}); give "
                             f"every unit as a toss-up or fixed ({len(rest)} left: "
                             f"{_list(rest, 6)})", "fixed") from None
    fixed_units = []
    for code, n in units.items():
        if code in codes:
            continue
        if code in sides:
            held: Mapping[str, int] = {sides[code]: n}
        else:
            held = _record_side(code, n, record, year)
        fixed_units.append(FixedUnit(code, n, _frozen(held)))
    totals = {s: sum(f.held.get(s, 0) for f in fixed_units) for s in FIXED_SIDES}
    return Board(_canonical(Tossup(c, units[c], p.get(c, 0.5)) for c in codes),
                 _frozen(totals), tuple(fixed_units), year, candidates)


def _record_side(code: str, n: int, record: Mapping[str, Mapping[str, int]], year: int
                 ) -> Mapping[str, int]:
    """The record's electors per side for a unit of `n` electors (another apportionment may
    change n: a unit won whole keeps its side)."""
    per = record.get(code)
    if per is None:
        raise InputError(f"{code} did not vote as a unit in {year}: make it a toss-up or fix "
                         "its side", "fixed")
    if sum(per.values()) == n or not per:
        return per
    if len(per) == 1:
        return {next(iter(per)): n}
    raise InputError(f"{code}'s electors were split in {year} and this apportionment gives it "
                     f"{n}: make it a toss-up or fix its side", "fixed")


def _unknown(code: str, year: int) -> str:
    return (f"unknown unit {code!r} in {year} (units: states and DC by USPS code, and Maine's "
            "and Nebraska's districts as ME-2 where they vote by district)")


def paths(year: int, tossups: Iterable[str] | str, fixed: Mapping[str, str] | None = None,
          probabilities: Mapping[str, float] | None = None,
          electors: Mapping[str, int] | None = None, max_sets: int = MAX_SETS) -> Paths:
    """Every combination of the `tossups` of the `year` election, counted exactly: by
    default every other unit goes as it went in the record (`fixed`: unit -> "D", "R" or "O"
    overrides); `probabilities`: toss-up -> P(D carries it), independent (default 0.5);
    `electors`: state -> electors of another apportionment. See board() and analyse()."""
    return analyse(board(year, tossups, fixed, probabilities, electors), max_sets)


def paths_document(year: int, tossups: Iterable[str] | str,
                   fixed: Mapping[str, str] | None = None,
                   probabilities: Mapping[str, float] | None = None,
                   order: Iterable[str] | str | None = None,
                   decisions: Mapping[str, str] | None = None,
                   max_sets: int = MAX_SETS) -> dict[str, Any]:
    """{"paths": paths(...).to_dict(), "branch": decide(...).to_dict() or None}: the answer
    of the CLI's --format json and of the web API. The branch is given when `order` or
    `decisions` is."""
    p = paths(year, tossups, fixed, probabilities, max_sets=max_sets)
    branch = decide(p, order, decisions) if order is not None or decisions is not None \
        else None
    return {"paths": p.to_dict(), "branch": branch.to_dict() if branch else None}
