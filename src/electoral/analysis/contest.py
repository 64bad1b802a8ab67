"""The two-party contest of an election: the two nationally leading candidates, each voting
unit's votes for them (and for the best of the rest), and the electors no popular vote moves.

Every analysis (tipping point, swing, fewest votes) reads the election through this one value.
Units are appointed by plurality, as the engine appoints them from the returns (electoral.electors),
so the electoral votes here are the electors the returns pledge, before any faithless vote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from electoral.errors import InputError
from electoral.law.majority import majority_of_appointed
from electoral.model import ReturnRow, Returns


@dataclass(frozen=True, slots=True)
class UnitVotes:
    """One voting unit in the two-party contest."""

    unit: str  # "PA", "ME-2"
    state: str
    district: int | None
    electors: int
    winner_votes: int  # the election's winner (of the top two)
    runner_up_votes: int  # the other of the top two
    other_votes: int  # the best of all other candidates in the unit (0 if none)
    total_votes: int  # every vote cast in the unit

    @property
    def holder(self) -> str:
        """Who the unit's plurality appoints: "winner", "runner_up", "other" or "tied"."""
        top = max(self.winner_votes, self.runner_up_votes, self.other_votes)
        leaders = [k for k, v in (("winner", self.winner_votes),
                                  ("runner_up", self.runner_up_votes),
                                  ("other", self.other_votes)) if v == top]
        return leaders[0] if len(leaders) == 1 else "tied"

    @property
    def margin_votes(self) -> int:
        """Winner's votes minus the runner-up's (negative where the runner-up leads)."""
        return self.winner_votes - self.runner_up_votes

    @property
    def margin_points(self) -> float:
        """The winner's two-party margin in percentage points."""
        two = self.winner_votes + self.runner_up_votes
        return 100.0 * self.margin_votes / two if two else 0.0


@dataclass(frozen=True, slots=True)
class Contest:
    """An election reduced to its two leading candidates.

    `winner` is whichever of the two nationally leading candidates the returns give more
    electors (not necessarily the President-elect: 1824 went to the House).
    """

    year: int
    winner: str  # candidate id
    runner_up: str
    units: tuple[UnitVotes, ...]  # units with a popular vote
    fixed: Mapping[str, int]  # "winner" | "runner_up" | "other" -> electors no vote moves
    national_winner_votes: int
    national_runner_up_votes: int
    national_total_votes: int

    @property
    def electors_appointed(self) -> int:
        return sum(u.electors for u in self.units if u.holder != "tied") + sum(self.fixed.values())

    @property
    def majority(self) -> int:
        return majority_of_appointed(self.electors_appointed)

    def electoral_votes(self) -> dict[str, int]:
        """Electors pledged: {"winner": n, "runner_up": n, "other": n}."""
        out = {"winner": 0, "runner_up": 0, "other": 0}
        for k, n in self.fixed.items():
            out[k] += n
        for u in self.units:
            if u.holder != "tied":
                out[u.holder] += u.electors
        return out

    @property
    def national_margin_points(self) -> float:
        two = self.national_winner_votes + self.national_runner_up_votes
        return 100.0 * (self.national_winner_votes - self.national_runner_up_votes) / two

    def unit(self, code: str) -> UnitVotes:
        for u in self.units:
            if u.unit == code:
                return u
        raise InputError(f"no voting unit {code!r} in {self.year}", str(self.year))


def sum_statewide(per: Mapping[tuple[str, int], Mapping[str, int]]) -> dict[str, int]:
    """National popular votes per candidate: the statewide rows (district 0) summed."""
    out: dict[str, int] = {}
    for (_, d), votes in per.items():
        if d == 0:
            for c, n in votes.items():
                out[c] = out.get(c, 0) + n
    return out


def top_two(popular: Mapping[tuple[str, int], Mapping[str, int]]) -> tuple[str, str]:
    """The two candidates with the most popular votes nationally (statewide rows summed)."""
    national = sum_statewide(popular)
    ranked = sorted(national, key=lambda c: (-national[c], c))
    if len(ranked) < 2:
        raise InputError("fewer than two candidates received popular votes")
    return ranked[0], ranked[1]


def build_contest(year: int, unit_votes: Mapping[str, Mapping[str, int]],
                  electors: Mapping[str, int], fixed: Mapping[str, Mapping[str, int]],
                  pair: tuple[str, str]) -> Contest:
    """A Contest from per-unit votes (unit code -> candidate -> votes), each unit's electors,
    and the electors of states without a popular vote (state -> candidate -> electors).
    `pair` is the two leading candidates; the one holding more electors becomes `winner`."""
    a, b = pair
    units = []
    for code in sorted(electors, key=_unit_order):
        if code not in unit_votes:
            continue
        votes = unit_votes[code]
        if any(n < 0 for n in votes.values()):
            raise InputError(f"negative votes in {code}", str(year))
        other = max((n for c, n in votes.items() if c not in (a, b)), default=0)
        state, _, d = code.partition("-")
        units.append(UnitVotes(code, state, int(d) if d else None, electors[code],
                               votes.get(a, 0), votes.get(b, 0), other, sum(votes.values())))
    held = {a: 0, b: 0}
    for per in fixed.values():
        for c, n in per.items():
            if c in held:
                held[c] += n
    for u in units:
        if u.holder == "winner":
            held[a] += u.electors
        elif u.holder == "runner_up":
            held[b] += u.electors
    if held[b] > held[a]:
        a, b = b, a
        units = [UnitVotes(u.unit, u.state, u.district, u.electors, u.runner_up_votes,
                           u.winner_votes, u.other_votes, u.total_votes) for u in units]
    fixed_ev = {"winner": 0, "runner_up": 0, "other": 0}
    for per in fixed.values():
        for c, n in per.items():
            fixed_ev["winner" if c == a else "runner_up" if c == b else "other"] += n
    nat_a = sum(u.winner_votes for u in units if u.district is None)
    nat_b = sum(u.runner_up_votes for u in units if u.district is None)
    nat_t = sum(u.total_votes for u in units if u.district is None)
    return Contest(year, a, b, tuple(units), MappingProxyType(fixed_ev), nat_a, nat_b, nat_t)


def _unit_order(code: str) -> tuple[str, int]:
    state, _, d = code.partition("-")
    return state, int(d) if d else 0


def contest(year: int) -> Contest:
    """The record's election of `year` as a two-party contest (popular votes from 1824).

    States whose legislature appointed the electors keep the electoral votes the record
    gives them."""
    from electoral.apportionment import electors_for
    from electoral.record import catalog
    from electoral.units import unit_votes, voting_units

    popular = catalog.require_popular_votes(year)
    per_unit = unit_votes(year)
    units = voting_units(year, electors_for(year))
    electors = {u.code: u.electors for u in units}
    voted = {u.state for u in units if u.code in per_unit}
    from electoral.model import Office

    ev = catalog.electoral_votes(year, Office.PRESIDENT)
    fixed = {s.state: dict(s.votes) for s in ev.states if s.state not in voted}
    return build_contest(year, per_unit, electors, fixed, top_two(popular))


def contest_from_returns(returns: Returns, electors: Mapping[str, int]) -> Contest:
    """A Contest from user returns (every state with returns; `electors`: state -> electors)."""
    from electoral.units import voting_units

    per_unit: dict[str, dict[str, int]] = {}
    popular: dict[tuple[str, int], dict[str, int]] = {}
    for r in returns.rows:
        code = f"{r.state}-{r.district}" if r.district else r.state
        per = per_unit.setdefault(code, {})
        per[r.candidate] = per.get(r.candidate, 0) + r.votes
        p2 = popular.setdefault((r.state, r.district or 0), {})
        p2[r.candidate] = p2.get(r.candidate, 0) + r.votes
    units = {u.code: u.electors for u in voting_units(returns.year, electors)}
    return build_contest(returns.year, per_unit, units, {}, top_two(popular))


def _with_statewide(moved: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Votes moved in a district are also votes in its state's statewide count (the at-large
    electors of Maine and Nebraska are chosen by the same ballots)."""
    out = dict(moved)
    for code, (take, add) in moved.items():
        state, _, d = code.partition("-")
        if d:
            t0, a0 = out.get(state, (0, 0))
            out[state] = (t0 + take, a0 + add)
    return out


def apply_moves(c: Contest, moved: Mapping[str, tuple[int, int]]) -> Contest:
    """The contest after `moved`: unit -> (votes taken from the winner, votes added to the
    runner-up); a switched voter appears in both. Roles (winner, runner-up) are kept."""
    full = _with_statewide(moved)
    units = []
    for u in c.units:
        take, add = full.get(u.unit, (0, 0))
        if take > u.winner_votes:
            raise InputError(f"{u.unit}: cannot take {take} votes from {u.winner_votes}",
                             str(c.year))
        units.append(UnitVotes(u.unit, u.state, u.district, u.electors, u.winner_votes - take,
                               u.runner_up_votes + add, u.other_votes,
                               u.total_votes - take + add))
    return Contest(c.year, c.winner, c.runner_up, tuple(units), c.fixed,
                   sum(u.winner_votes for u in units if u.district is None),
                   sum(u.runner_up_votes for u in units if u.district is None),
                   sum(u.total_votes for u in units if u.district is None))


def modified_returns(returns: Returns, c: Contest, moved: Mapping[str, tuple[int, int]]
                     ) -> Returns:
    """`returns` with `moved` applied (as in apply_moves), for re-tallying by the engine."""
    full = _with_statewide(moved)
    rows = []
    for r in returns.rows:
        code = f"{r.state}-{r.district}" if r.district else r.state
        take, add = full.get(code, (0, 0))
        if r.candidate == c.winner:
            rows.append(ReturnRow(r.state, r.district, r.candidate, r.party, r.votes - take))
        elif r.candidate == c.runner_up:
            rows.append(ReturnRow(r.state, r.district, r.candidate, r.party, r.votes + add))
        else:
            rows.append(r)
    return Returns(returns.year, tuple(rows), returns.running_mates, returns.names,
                   returns.parties)
