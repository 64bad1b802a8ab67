"""Analysis on the record: fewest votes, tipping points, inversions, power indices, rules."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import electoral
from electoral.analysis import analyze, counterfactual, fewest_votes, inversions, power_indices
from electoral.analysis.fewest_votes import min_cover
from electoral.analysis.power import banzhaf_swings, census_power, shapley_shubik
from electoral.analysis.rules import NPVIC_MEMBERS_2024, largest_remainders
from electoral.apportionment import electors_for
from electoral.errors import InputError, NoElectionError
from electoral.record import catalog
from electoral.units import voting_units


def _units(plan: electoral.analysis.Plan) -> set[str]:
    return {u.unit for u in plan.units}


def test_2000_florida_269_switched_voters_flip_the_outcome() -> None:
    fl = catalog.popular_votes(2000)[("FL", 0)]
    margin = fl["george-w-bush"] - fl["albert-gore-jr"]
    assert margin == 537
    p = fewest_votes(2000).get("switch", "flip")
    assert [(u.unit, u.votes, u.electors) for u in p.units] == [("FL", margin // 2 + 1, 25)]
    assert p.total == 269
    ev = dict(p.electoral_votes)
    assert ev["runner_up"] == 267 + 25 and ev["runner_up"] >= p.majority == 270
    # Adding votes for Gore takes the margin plus one.
    assert fewest_votes(2000).get("add", "flip").total == margin + 1


def test_2020_fewest_to_deny_biden_a_majority_is_arizona_georgia_wisconsin() -> None:
    f = fewest_votes(2020)
    assert f.winner == "joseph-r-biden-jr"
    for mode in ("switch", "add"):
        p = f.get(mode, "deny_majority")
        assert _units(p) == {"AZ", "GA", "WI"}
        assert dict(p.electoral_votes) == {"winner": 269, "runner_up": 269, "other": 0}
    pv = catalog.popular_votes(2020)
    margins = [pv[(s, 0)]["joseph-r-biden-jr"] - pv[(s, 0)]["donald-j-trump"]
               for s in ("AZ", "GA", "WI")]
    assert f.get("switch", "deny_majority").total == sum(m // 2 + 1 for m in margins)
    assert f.get("add", "deny_majority").total == sum(m + 1 for m in margins)


def test_2016_fewest_switch_that_flips_uses_michigan_pennsylvania_wisconsin() -> None:
    p = fewest_votes(2016).get("switch", "flip")
    assert _units(p) == {"MI", "PA", "WI"}
    ev = dict(p.electoral_votes)
    assert ev["runner_up"] == 232 + 16 + 20 + 10
    assert p.to_dict()["result"]["outcome"] == "runner_up_elected"


def test_min_cover_is_exact_against_every_subset() -> None:
    weights, costs = [5, 3, 3, 2, 7], [10, 4, 4, 3, 16]
    best = min(sum(costs[i] for i in range(5) if m >> i & 1) for m in range(32)
               if sum(weights[i] for i in range(5) if m >> i & 1) >= 8)
    found = min_cover(weights, costs, 8)
    assert found is not None and found[0] == best == 4 + 4 + 3  # weights 3, 3 and 2
    assert sum(weights[i] for i in found[1]) >= 8
    assert min_cover([1, 1], [1, 1], 3) is None


def test_inversions_in_the_record() -> None:
    found = {i.year: i for i in inversions()}
    assert sorted(found) == [1824, 1876, 1888, 2000, 2016]
    assert found[1824].decided_by == "house"
    assert all(found[y].decided_by == "electoral_college" for y in (1876, 1888, 2000, 2016))
    assert found[2000].popular_winner == "albert-gore-jr"
    assert found[2016].popular_margin_votes == 65_853_581 - 62_985_062
    assert found[2016].electoral_margin == 304 - 227
    assert analyze(2016).inversion and not analyze(2020).inversion


def test_tipping_point_and_bias_2020() -> None:
    a = analyze(2020)
    assert a.tipping_winner is not None and a.tipping_winner.unit == "WI"
    assert a.tipping_winner.margin_votes == 1_630_866 - 1_610_184
    assert a.tipping_loser is not None and a.tipping_loser.unit == "PA"
    wi = catalog.popular_votes(2020)[("WI", 0)]
    two = wi["joseph-r-biden-jr"] + wi["donald-j-trump"]
    assert a.tipping_winner.margin_points == pytest.approx(100 * 20_682 / two)
    assert a.bias_points == pytest.approx(a.tipping_winner.margin_points
                                          - a.national_margin_points)
    assert a.bias_points is not None and a.bias_points < 0
    assert a.bias_label == f"R+{abs(a.bias_points):.1f}"
    # A uniform swing of half Wisconsin's margin takes AZ, GA and WI: 269-269.
    assert a.swing_to_tie == pytest.approx(a.tipping_winner.margin_points / 2)
    step = next(p for p in a.swing_curve if p.unit == "WI")
    assert (step.winner_electoral_votes, step.runner_up_electoral_votes) == (269, 269)
    assert a.swing_to_flip is not None and a.swing_to_flip > a.swing_to_tie


def test_analyze_json_shape() -> None:
    d = analyze(2020).to_dict()
    assert {"year", "tipping_point", "bias_points", "bias_label", "national_margin_points",
            "swing_to_tie", "swing_to_flip", "fewest_votes", "inversion"} <= set(d)
    assert set(d["tipping_point"]) == {"winner", "loser"}
    assert {"unit", "margin_points", "margin_votes"} <= set(d["tipping_point"]["winner"])
    assert set(d["fewest_votes"]) == {"switch_to_deny_majority", "switch_to_flip",
                                      "add_to_deny_majority", "add_to_flip"}
    p = d["fewest_votes"]["switch_to_deny_majority"]
    assert p["result"]["outcome"] == "no_majority"
    assert all(isinstance(u["votes"], int) for u in p["units"])


def test_1824_winner_without_majority_needs_nothing_to_deny() -> None:
    a = analyze(1824)
    assert a.electoral_votes["winner"] < a.majority
    assert a.fewest.get("switch", "deny_majority").total == 0


# ---- power indices

def test_banzhaf_small_game_published_values() -> None:
    game = dict(zip("ABCDEF", [4, 4, 4, 2, 2, 1], strict=True))
    p = power_indices(game, 12).by_unit()
    assert [round(p[k].banzhaf, 3) for k in "ABCDEF"] == [0.238, 0.238, 0.238, 0.143, 0.143, 0]
    assert banzhaf_swings(game, 12) == {"A": 10, "B": 10, "C": 10, "D": 6, "E": 6, "F": 0}


def test_un_security_council_published_values() -> None:
    # Five permanent members (weight 7: a veto) and ten others (weight 1), quota 39.
    game = {**{f"P{i}": 7 for i in range(5)}, **{f"N{i}": 1 for i in range(10)}}
    p = power_indices(game, 39).by_unit()
    assert float(p["P0"].shapley_shubik) == pytest.approx(0.19627, abs=5e-6)
    assert float(p["N0"].shapley_shubik) == pytest.approx(0.001865, abs=5e-7)
    assert p["P0"].banzhaf == pytest.approx(0.1669, abs=5e-5)
    assert p["N0"].banzhaf == pytest.approx(0.0165, abs=5e-5)


def test_shapley_shubik_sums_to_one_exactly() -> None:
    units = {u.code: u.electors for u in voting_units(2020)}
    assert len(units) == 56
    ss = shapley_shubik(units)
    assert sum(ss.values()) == Fraction(1)
    p = power_indices(units)
    assert sum(u.banzhaf for u in p.units) == pytest.approx(1.0)
    assert p.quota == 270 and p.by_unit()["CA"].electors == 55  # 2010 census


def test_exact_indices_agree_with_monte_carlo() -> None:
    electors = electors_for(2020)
    names = sorted(electors)
    w = np.array([electors[s] for s in names])
    exact = power_indices(electors).by_unit()
    rng = np.random.default_rng(2020)
    n, samples, q = len(names), 40_000, 270
    # Banzhaf: random coalitions of the others (each unit in or out with probability 1/2).
    bits = rng.integers(0, 2, size=(samples, n))
    weight = bits @ w
    for i, s in enumerate(names):
        others = weight - bits[:, i] * w[i]
        est = np.mean((others >= q - w[i]) & (others < q))
        se = np.sqrt(exact[s].banzhaf_raw * (1 - exact[s].banzhaf_raw) / samples)
        assert abs(est - exact[s].banzhaf_raw) < 5 * se + 1e-9, s
    # Shapley-Shubik: random orderings; the pivot is where the running total reaches q.
    perms = np.argsort(rng.random((samples, n)), axis=1)
    pivots = np.argmax(np.cumsum(w[perms], axis=1) >= q, axis=1)
    counts = np.bincount(perms[np.arange(samples), pivots], minlength=n)
    for i, s in enumerate(names):
        ss = float(exact[s].shapley_shubik)
        se = np.sqrt(ss * (1 - ss) / samples)
        assert abs(counts[i] / samples - ss) < 5 * se + 1e-9, s


def test_power_of_the_2020_census_with_districts_and_turnout() -> None:
    p = census_power(2020, 435, districts=True)
    units = p.indices.by_unit()
    assert len(units) == 56 and p.indices.total == 538 and p.indices.quota == 270
    assert units["NE-2"].electors == 1 and units["ME"].electors == 2
    assert units["CA"].turnout == sum(catalog.popular_votes(2024)[("CA", 0)].values())
    # A Californian is decisive more often than a Wyomingite in a 2024-turnout model.
    assert units["CA"].per_voter is not None and units["WY"].per_voter is not None
    assert units["CA"].per_voter > units["WY"].per_voter
    bigger = census_power(2020, 1000)
    assert bigger.indices.total == 1000 + 100 + 3


def test_power_rejects_bad_games() -> None:
    with pytest.raises(InputError):
        power_indices({"A": 3, "B": -1})
    with pytest.raises(InputError):
        power_indices({"A": 3, "B": 1}, quota=5)
    with pytest.raises(InputError):
        census_power(1955)


# ---- alternative rules

def test_largest_remainders() -> None:
    assert largest_remainders({"a": 5_000, "b": 3_000, "c": 2_000}, 7) == {"a": 4, "b": 2,
                                                                           "c": 1}
    assert sum(largest_remainders({"a": 1, "b": 1, "c": 1}, 10).values()) == 10


def test_district_method_everywhere_2016_and_2012() -> None:
    c16 = counterfactual(2016, "district")
    assert dict(c16.electoral_votes) == {"donald-j-trump": 290, "hillary-clinton": 248}
    assert c16.winner == "donald-j-trump" and c16.missing == ()
    c12 = counterfactual(2012, "district")
    assert dict(c12.electoral_votes) == {"mitt-romney": 274, "barack-obama": 264}
    assert c12.winner == "mitt-romney" and c12.to_dict()["changed"] is True
    with pytest.raises(InputError, match="1952-2020"):
        counterfactual(2024, "district")


def test_proportional_2016_whole_and_fractional() -> None:
    c = counterfactual(2016, "proportional")
    assert sum(n for _, n in c.electoral_votes) == 538
    assert sum(x for _, x in c.fractional) == pytest.approx(538)
    ev = dict(c.electoral_votes)
    assert ev["gary-johnson"] > 0 and c.winner is None and c.decided_by == "house"


def test_npvic_takes_effect_only_with_a_majority() -> None:
    assert sum(electors_for(2024)[s] for s in NPVIC_MEMBERS_2024) == 209
    off = counterfactual(2016, "npvic")
    assert off.in_effect is False and off.winner == "donald-j-trump"
    assert dict(off.electoral_votes) == dict(off.actual)
    big = ["CA", "NY", "TX", "FL", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA"]
    on = counterfactual(2016, "npvic", big)
    assert on.in_effect is True and on.winner == "hillary-clinton"
    cast = catalog.electoral_votes(2016, electoral.Office.PRESIDENT).states
    expected = sum(electors_for(2016)[s] for s in big) + sum(
        st.votes.get("hillary-clinton", 0) for st in cast if st.state not in big)
    assert dict(on.electoral_votes)["hillary-clinton"] == expected


def test_popular_vote_rule_and_bad_input() -> None:
    assert counterfactual(2000, "popular").winner == "albert-gore-jr"
    with pytest.raises(InputError, match="unknown rule"):
        counterfactual(2016, "lottery")
    with pytest.raises(InputError, match="'ZZ'"):
        counterfactual(2016, "npvic", ["CA", "ZZ"])
    with pytest.raises(InputError, match="appointed no electors"):
        counterfactual(1956, "npvic", ["DC"])
    with pytest.raises(NoElectionError):
        analyze(1800)
    with pytest.raises(NoElectionError):
        counterfactual(2019, "popular")


def test_caveats_for_an_election_the_house_decided() -> None:
    from electoral.analysis import analyze

    c = analyze(1824).caveats
    assert any("the house chose John Quincy Adams" in x for x in c)
    assert any("DE, GA, LA, NY, SC, VT" in x for x in c)  # legislatures chose their electors
    assert analyze(2020).caveats == ()


@pytest.mark.parametrize(("year", "why"), [
    (1824, "the house chose John Quincy Adams"),
    (1836, "51 of 294 electors went to other candidates"),
    (1860, "111 of 303 electors went to other candidates"),
])
def test_measures_the_law_or_the_field_makes_meaningless_are_explained(year: int,
                                                                        why: str) -> None:
    a = analyze(year)
    assert a.not_applicable is not None and why in a.not_applicable
    assert a.tipping_winner is None and a.bias_label is None and a.swing_to_flip is None


def test_two_candidate_years_keep_their_measures() -> None:
    for year in (1912, 1948, 1968, 2016):  # third parties, but the two led 90% of electors
        a = analyze(year)
        assert a.not_applicable is None and a.tipping_winner is not None, year
