"""Alternative rules for allocating electors, applied to an election of the record and set
beside what happened.

- proportional: each state's electors shared by its popular vote: whole electors by largest
  remainders (Hamilton), and fractional electors (share x electors, unrounded).
- district: the congressional-district method everywhere (as Maine and Nebraska use it): two
  electors to the statewide plurality winner, one to each district's (votes by district:
  package data district_votes.csv, 1952-2020; states without them stay winner-take-all).
- npvic: the National Popular Vote Interstate Compact: once its members hold a majority of
  the electors, each member appoints the slate of the national popular-vote winner (compact
  art. III); below that it has no effect (art. IV).
- popular: the candidate with the most popular votes nationally is elected.

States whose legislature appointed the electors keep their recorded electoral votes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from electoral.errors import InputError
from electoral.law.majority import majority_of_appointed

Rule = Literal["proportional", "district", "npvic", "popular"]
RULES: tuple[Rule, ...] = ("proportional", "district", "npvic", "popular")

# The compact's members in 2024: 17 states and DC with 209 electors (Maine's law of 2024).
NPVIC_MEMBERS_2024 = ("CA", "CO", "CT", "DC", "DE", "HI", "IL", "MA", "MD", "ME", "MN", "NJ",
                      "NM", "NY", "OR", "RI", "VT", "WA")
DISTRICT_YEARS = range(1952, 2021, 4)
# Aggregates of several candidates in the returns: no one to give an elector to.
AGGREGATES = frozenset({"other", "others"})


@dataclass(frozen=True, slots=True)
class StateAllocation:
    state: str
    electors: Mapping[str, int]  # candidate -> electors under the rule
    how: str  # "proportional" | "district" | "winner_take_all" | "npvic" | "recorded"


@dataclass(frozen=True, slots=True)
class Counterfactual:
    """An election under another rule, beside the record."""

    year: int
    rule: Rule
    actual: tuple[tuple[str, int], ...]  # candidate -> electoral votes cast (record)
    actual_winner: str | None
    actual_decided_by: str
    electoral_votes: tuple[tuple[str, int], ...]  # under the rule; () for "popular"
    fractional: tuple[tuple[str, float], ...]  # proportional only: unrounded electors
    electors_appointed: int
    majority: int
    winner: str | None  # None: no majority (the House would choose, amend. XII)
    decided_by: str  # "electors" | "house" | "popular_vote"
    popular_vote: tuple[tuple[str, int], ...]  # national, sorted
    states: tuple[StateAllocation, ...]
    members: tuple[str, ...] = ()  # npvic
    in_effect: bool | None = None  # npvic: members hold a majority
    missing: tuple[str, ...] = ()  # district: states without votes by district
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        from electoral.record import catalog

        def named(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
            return {catalog.name(c): n for c, n in pairs}

        return {
            "year": self.year, "rule": self.rule,
            "actual": {"electoral_votes": named(self.actual),
                       "president_elect": catalog.name(self.actual_winner)
                       if self.actual_winner else None,
                       "decided_by": self.actual_decided_by},
            "electoral_votes": named(self.electoral_votes),
            "fractional_electoral_votes": {k: round(v, 3)
                                           for k, v in named(self.fractional).items()},
            "electors_appointed": self.electors_appointed, "majority": self.majority,
            "winner": catalog.name(self.winner) if self.winner else None,
            "decided_by": self.decided_by,
            "changed": self.winner != self.actual_winner,
            "popular_vote": named(self.popular_vote),
            "members": list(self.members), "in_effect": self.in_effect,
            "missing_district_data": list(self.missing),
            "states": [{"state": s.state, "how": s.how, "electors": named(
                sorted(s.electors.items(), key=lambda kv: (-kv[1], kv[0])))}
                for s in self.states],
            "notes": list(self.notes),
        }


def largest_remainders(votes: Mapping[str, int], seats: int) -> dict[str, int]:
    """Whole seats in proportion to votes by largest remainders (Hamilton): each gets the
    floor of its quota votes * seats / total, the rest go to the largest remainders (ties:
    more votes, then id). Integer arithmetic throughout."""
    total = sum(votes.values())
    if total <= 0:
        raise InputError("no votes to share seats by")
    out = {c: v * seats // total for c, v in votes.items()}
    left = seats - sum(out.values())
    order = sorted(votes, key=lambda c: (-(votes[c] * seats % total), -votes[c], c))
    for c in order[:left]:
        out[c] += 1
    return {c: n for c, n in out.items() if n}


@cache
def _district_table() -> Mapping[tuple[int, str], tuple[tuple[int, int, int, int], ...]]:
    from electoral.package_data import table

    out: dict[tuple[int, str], list[tuple[int, int, int, int, int]]] = {}
    for r in table("district_votes"):
        out.setdefault((int(r["year"]), r["state"]), []).append(
            (int(r["district"]), int(r["democratic"]), int(r["republican"]), int(r["third"]),
             int(r["other"])))
    return {k: tuple(v[1:] for v in sorted(rows)) for k, rows in out.items()}


def district_votes(year: int, state: str) -> tuple[tuple[int, int, int, int], ...]:
    """(democratic, republican, third, other) votes per congressional district, in district
    order; () where the package data has none."""
    return _district_table().get((year, state), ())


def _plurality(votes: Mapping[str, int]) -> str | None:
    from electoral.electors import plurality

    return plurality(votes)[0]


def _national(popular: Mapping[tuple[str, int], Mapping[str, int]]) -> dict[str, int]:
    from electoral.analysis.contest import sum_statewide

    return sum_statewide(popular)


def _members(members: Sequence[str] | None, electors: Mapping[str, int], year: int
             ) -> tuple[str, ...]:
    from electoral.states import state_code

    if members is None:
        members = NPVIC_MEMBERS_2024
    codes = []
    for m in members:
        try:
            code = state_code(m)
        except InputError:
            raise InputError(f"unknown state {m.strip()!r} in the NPVIC members",
                             "members") from None
        if code not in electors:
            raise InputError(f"{code} appointed no electors in {year}", "members")
        codes.append(code)
    if not codes:
        raise InputError("no NPVIC member given", "members")
    return tuple(sorted(set(codes)))


def counterfactual(year: int, rule: str, members: Sequence[str] | None = None) -> Counterfactual:
    """The `year` election under `rule` (proportional | district | npvic | popular), beside the
    record's outcome. members: NPVIC member states (codes or names; default: the 2024
    members); only for rule "npvic"."""
    from electoral.apportionment import electors_for
    from electoral.model import Office
    from electoral.record import catalog
    from electoral.results import results

    if rule not in RULES:
        raise InputError(f"unknown rule {rule!r} (rules: {', '.join(RULES)})", "rule")
    if members is not None and rule != "npvic":
        raise InputError("members apply only to the npvic rule", "members")
    popular = catalog.require_popular_votes(year)
    res = results(year)
    actual = tuple((r.candidate, r.votes) for r in res.president)
    national = _national(popular)
    nat_sorted = tuple(sorted(national.items(), key=lambda kv: (-kv[1], kv[0])))
    electors = electors_for(year)
    recorded = {s.state: dict(s.votes)
                for s in catalog.electoral_votes(year, Office.PRESIDENT).states}
    common: dict[str, Any] = {"year": year, "rule": rule, "actual": actual,
                              "actual_winner": res.president_elect,
                              "actual_decided_by": res.decided_by, "popular_vote": nat_sorted}
    if rule == "popular":
        top = nat_sorted[0][0]
        return Counterfactual(**common, electoral_votes=(), fractional=(),
                              electors_appointed=sum(electors.values()),
                              majority=majority_of_appointed(sum(electors.values())),
                              winner=top, decided_by="popular_vote", states=())
    states: list[StateAllocation] = []
    fractional: dict[str, float] = {}
    missing: list[str] = []
    notes: list[str] = []
    in_effect: bool | None = None
    member_codes: tuple[str, ...] = ()
    if rule == "npvic":
        member_codes = _members(members, electors, year)
        held = sum(electors[m] for m in member_codes)
        need = majority_of_appointed(sum(electors.values()))
        in_effect = held >= need
        notes.append(f"members hold {held} of the {need} electors the compact needs to take "
                     f"effect: {'in effect' if in_effect else 'not in effect'}")
    if rule == "district" and year not in DISTRICT_YEARS:
        raise InputError(f"no votes by congressional district for {year} (the package data "
                         f"covers {DISTRICT_YEARS[0]}-{DISTRICT_YEARS[-1]})", str(year))
    third = nat_sorted[2][0] if len(nat_sorted) > 2 else None
    dem = next((c for c, _ in nat_sorted if catalog.party(year, c) == "Democratic"), None)
    rep = next((c for c, _ in nat_sorted if catalog.party(year, c) == "Republican"), None)
    for st in sorted(electors):
        n = electors[st]
        pop = popular.get((st, 0))
        if not pop:
            states.append(StateAllocation(st, dict(recorded.get(st, {})), "recorded"))
            continue
        if rule == "proportional":
            named = {c: v for c, v in pop.items() if c not in AGGREGATES}
            states.append(StateAllocation(st, largest_remainders(named, n), "proportional"))
            total = sum(named.values())
            for c, v in named.items():
                fractional[c] = fractional.get(c, 0.0) + n * v / total
        elif rule == "npvic":
            if in_effect and st in member_codes:  # compact art. III
                states.append(StateAllocation(st, {nat_sorted[0][0]: n}, "npvic"))
            else:
                states.append(StateAllocation(st, dict(recorded.get(st, {})), "recorded"))
        else:
            states.append(_by_district(year, st, n, pop, dem, rep, third, missing))
    if rule == "district":
        if missing:
            notes.append(f"no votes by district for {', '.join(missing)}: winner-take-all kept")
        notes.append("districts are decided among the Democratic, Republican and nationally "
                     "third candidates (the district data names no others)")
    totals: dict[str, int] = {}
    for s in states:
        for c, k in s.electors.items():
            totals[c] = totals.get(c, 0) + k
    appointed = sum(totals.values())
    majority = majority_of_appointed(appointed)
    winner = next((c for c, k in totals.items() if k >= majority), None)
    if rule == "proportional":
        for s in states:
            if s.how == "recorded":
                for c, k in s.electors.items():
                    fractional[c] = fractional.get(c, 0.0) + k
        notes.append("whole electors by largest remainders; fractional electors are each "
                     "state's electors times each candidate's share of its popular vote "
                     "(votes returned only as 'other' are left out)")
    return Counterfactual(
        **common, electoral_votes=tuple(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))),
        fractional=tuple(sorted(fractional.items(), key=lambda kv: (-kv[1], kv[0]))),
        electors_appointed=appointed, majority=majority, winner=winner,
        decided_by="electors" if winner else "house", states=tuple(states),
        members=member_codes, in_effect=in_effect, missing=tuple(missing), notes=tuple(notes))


def _by_district(year: int, state: str, n: int, pop: Mapping[str, int], dem: str | None,
                 rep: str | None, third: str | None, missing: list[str]) -> StateAllocation:
    """Two electors at large by the statewide plurality, one per district (Art. II s. 1 cl. 2
    lets each legislature choose this, as Maine (1972) and Nebraska (1992) did): the engine's
    own district method (electoral.electors.appoint)."""
    from electoral.electors import appoint
    from electoral.model import ReturnRow, Returns

    at_large = _plurality(pop)
    rows = district_votes(year, state)
    if state == "DC" or n < 3 or len(rows) != n - 2 or dem is None or rep is None:
        if state != "DC":
            missing.append(state)
        return StateAllocation(state, {at_large: n} if at_large else {}, "winner_take_all")
    returns = [ReturnRow(state, None, c, None, v) for c, v in pop.items()]
    for i, (d, r, t, _) in enumerate(rows, start=1):
        returns += [ReturnRow(state, i, dem, None, d), ReturnRow(state, i, rep, None, r)]
        if third and t:
            returns.append(ReturnRow(state, i, third, None, t))
    app = appoint(Returns(year, tuple(returns)), {state: n}, by_district=(state,))
    return StateAllocation(state, app.pledged().get(state, {}), "district")
