"""Property tests of the fewest-votes search: exact, never worse than a greedy order, and
confirmed by re-tallying the modified returns with the engine."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from electoral.analysis.contest import contest_from_returns, modified_returns
from electoral.analysis.fewest_votes import MODES, TARGETS, min_cover, plan, price
from electoral.apportionment import electors_for
from electoral.model import ReturnRow, Returns
from electoral.returns import record_returns
from electoral.tally import tally

items = st.lists(st.tuples(st.integers(1, 12), st.integers(1, 10_000)), min_size=1, max_size=9)


def _greedy(weights: list[int], costs: list[int], need: int, order: list[int]) -> int | None:
    got = total = 0
    for i in order:
        if got >= need:
            break
        got += weights[i]
        total += costs[i]
    return total if got >= need else None


@given(items, st.integers(1, 60))
def test_min_cover_equals_brute_force(pairs: list[tuple[int, int]], need: int) -> None:
    weights, costs = [w for w, _ in pairs], [c for _, c in pairs]
    feasible = [sum(costs[i] for i in s) for k in range(len(pairs) + 1)
                for s in itertools.combinations(range(len(pairs)), k)
                if sum(weights[i] for i in s) >= need]
    found = min_cover(weights, costs, need)
    if not feasible:
        assert found is None
        return
    assert found is not None
    assert found[0] == min(feasible)
    assert sum(weights[i] for i in found[1]) >= need
    assert sum(costs[i] for i in found[1]) == found[0]


@given(items, st.integers(1, 60), st.randoms(use_true_random=False))
def test_min_cover_never_worse_than_greedy(pairs: list[tuple[int, int]], need: int,
                                           rnd: object) -> None:
    weights, costs = [w for w, _ in pairs], [c for _, c in pairs]
    found = min_cover(weights, costs, need)
    idx = list(range(len(pairs)))
    shuffled = idx[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    orders = [sorted(idx, key=lambda i: costs[i]),
              sorted(idx, key=lambda i: costs[i] / weights[i]),
              sorted(idx, key=lambda i: -weights[i]), shuffled]
    for order in orders:
        g = _greedy(weights, costs, need, order)
        if g is not None:
            assert found is not None and found[0] <= g


YEARS = list(range(1976, 2025, 4))


@st.composite
def perturbed(draw: st.DrawFn) -> Returns:
    """A record election with votes moved between the two leaders in a few units."""
    year = draw(st.sampled_from(YEARS))
    base = record_returns(year, top=3)
    keys = sorted({(r.state, r.district) for r in base.rows}, key=lambda k: (k[0], k[1] or 0))
    chosen = draw(st.lists(st.sampled_from(keys), max_size=6, unique=True))
    shift = {k: draw(st.floats(-0.08, 0.08)) for k in chosen}
    lead = sorted({r.candidate for r in base.rows},
                  key=lambda c: -sum(r.votes for r in base.rows if r.candidate == c))[:2]
    rows = []
    for r in base.rows:
        k = (r.state, r.district)
        if k in shift and r.candidate in lead:
            total = sum(x.votes for x in base.rows if (x.state, x.district) == k)
            delta = int(shift[k] * total) * (1 if r.candidate == lead[0] else -1)
            rows.append(ReturnRow(r.state, r.district, r.candidate, r.party,
                                  max(0, r.votes + delta)))
        else:
            rows.append(r)
    return Returns(year, tuple(rows), base.running_mates, base.names, base.parties)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed())
def test_retally_confirms_the_claimed_result(returns: Returns) -> None:
    electors = electors_for(returns.year)
    c = contest_from_returns(returns, electors)
    for mode in MODES:
        for target in TARGETS:
            p = plan(c, target, mode)
            if not p.achievable:
                continue
            moved = {u.unit: ((u.votes if mode == "switch" else 0), u.votes) for u in p.units}
            res = tally(modified_returns(returns, c, moved))
            got = {r.candidate: r.votes for r in res.president}
            claimed = dict(p.electoral_votes)
            assert got.get(c.winner, 0) == claimed["winner"]
            assert got.get(c.runner_up, 0) == claimed["runner_up"]
            if target == "deny_majority":
                assert res.outcome.president.winner != c.winner
            else:
                assert res.outcome.president.winner == c.runner_up
            # Never worse than taking the cheapest units (by price per elector) greedily.
            pool = [u for u in c.units
                    if u.holder in (("winner",) if target == "deny_majority"
                                    else ("winner", "other"))]
            priced = [(u.electors, q) for u in pool if (q := price(u, mode)) is not None]
            need = (c.electoral_votes()["winner"] - c.majority + 1 if target == "deny_majority"
                    else c.majority - c.electoral_votes()["runner_up"])
            order = sorted(range(len(priced)), key=lambda i: priced[i][1] / priced[i][0])
            g = _greedy([w for w, _ in priced], [q for _, q in priced], need, order)
            assert g is None or p.total <= g
