"""Properties of the engine that hold for any returns (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from electoral import Office, ReturnRow, Returns, appoint, cast, count, majority_of_appointed
from electoral.electors import plurality
from electoral.law.contingent import contingent_election, eligible_candidates, house_ballot
from electoral.model import Tally

STATES = ["PA", "OH", "TX", "CA", "DE", "WY", "VT", "FL"]
CANDS = ["a", "b", "c"]

votes_st = st.integers(min_value=0, max_value=10**8)
returns_st = st.fixed_dictionaries(
    {s: st.fixed_dictionaries({c: votes_st for c in CANDS}) for s in STATES})
electors_st = st.fixed_dictionaries({s: st.integers(min_value=1, max_value=60) for s in STATES})


def make(year: int, per: dict[str, dict[str, int]]) -> Returns:
    return Returns(year, tuple(ReturnRow(s, None, c, None, n)
                               for s, v in per.items() for c, n in v.items()))


@settings(max_examples=200, deadline=None)
@given(returns_st, electors_st)
def test_electors_are_conserved_and_go_to_the_plurality(
        per: dict[str, dict[str, int]], electors: dict[str, int]) -> None:
    app = appoint(make(2020, per), electors)
    pledged = app.pledged()
    for u in app.units:
        top = max(per[u.state].values())
        if u.winner is None:
            assert len(u.tied) >= 2 and all(per[u.state][c] == top for c in u.tied)
        else:
            assert per[u.state][u.winner] == top and u.margin is not None and u.margin > 0
    assert sum(sum(v.values()) for v in pledged.values()) + sum(
        u.electors for u in app.ties) == sum(electors.values())


@settings(max_examples=200, deadline=None)
@given(returns_st, electors_st)
def test_row_order_does_not_matter(per: dict[str, dict[str, int]],
                                   electors: dict[str, int]) -> None:
    r = make(2020, per)
    flipped = Returns(2020, tuple(reversed(r.rows)))
    assert appoint(r, electors).pledged() == appoint(flipped, electors).pledged()


@settings(max_examples=200, deadline=None)
@given(returns_st, electors_st)
def test_winner_has_a_majority_of_electors_appointed(
        per: dict[str, dict[str, int]], electors: dict[str, int]) -> None:
    app = appoint(make(2020, per), electors)
    votes = cast(app, Office.PRESIDENT)
    appointed = sum(electors.values())
    res = count(votes, appointed)
    assert res.majority * 2 > appointed >= (res.majority - 1) * 2
    if res.winner is not None:
        assert votes.totals()[res.winner] >= res.majority
    else:
        assert all(n < res.majority for n in votes.totals().values())


@given(st.integers(min_value=1, max_value=10**6))
def test_majority_is_more_than_half(n: int) -> None:
    m = majority_of_appointed(n)
    assert 2 * m > n and 2 * (m - 1) <= n


@given(st.dictionaries(st.sampled_from(CANDS), votes_st, min_size=1))
def test_plurality_winner_or_tie(votes: dict[str, int]) -> None:
    w, _tied, margin = plurality(votes)
    top = max(votes.values())
    assert (w is None) == (list(votes.values()).count(top) > 1)
    if w is not None:
        assert votes[w] == top and margin == top - max(
            [v for c, v in votes.items() if c != w], default=0)


@given(st.lists(st.sampled_from(["x", "y", "z", "divided"]), min_size=50, max_size=50))
def test_house_needs_a_majority_of_all_states(choices: list[str]) -> None:
    states = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
              "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
              "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
              "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"]
    t = [Tally("x", 260), Tally("y", 250), Tally("z", 28)]
    eligible = eligible_candidates(t, 2024, Office.PRESIDENT)
    ballot = house_ballot(dict(zip(states, choices, strict=True)), eligible, 50)
    res = contingent_election(Office.PRESIDENT, eligible, 2024, 50, ballot)
    counts = {c: choices.count(c) for c in "xyz"}
    assert res.needed == 26
    assert (res.winner is not None) == (max(counts.values()) >= 26)
