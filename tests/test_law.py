"""The rules of law: majority, appointment, casting, contingent elections, objections."""

from __future__ import annotations

import pytest

from electoral import (
    InputError,
    Office,
    ReturnRow,
    Returns,
    appoint,
    cast,
    contingent_election,
    count,
    majority_of_appointed,
    objection_in_order,
    senate_election,
    tally,
)
from electoral.model import Tally
from electoral.votes import ABSTAIN, Deviation


def test_majority_of_electors_appointed() -> None:
    assert majority_of_appointed(538) == 270
    assert majority_of_appointed(537) == 269  # 1960 (537 appointed)
    assert majority_of_appointed(261) == 131  # 1824
    assert majority_of_appointed(294) == 148  # 1836


def returns(year: int, rows: list[tuple[str, int | None, str, int]]) -> Returns:
    return Returns(year, tuple(ReturnRow(s, d, c, None, v) for s, d, c, v in rows))


def test_winner_take_all_and_reported_tie() -> None:
    r = returns(2020, [("PA", None, "a", 10), ("PA", None, "b", 9),
                       ("DE", None, "a", 5), ("DE", None, "b", 5)])
    app = appoint(r, {"PA": 20, "DE": 3})
    pa = next(u for u in app.units if u.state == "PA")
    de = next(u for u in app.units if u.state == "DE")
    assert (pa.winner, pa.electors, pa.margin) == ("a", 20, 1)
    assert de.winner is None and de.tied == ("a", "b")  # reported, not resolved
    assert app.pledged() == {"PA": {"a": 20}}


def test_district_method_maine_2020() -> None:
    # Maine 2020: statewide Biden 435,072 - Trump 360,737; ME-2 Trump 196,692 - Biden 168,696.
    r = returns(2020, [("ME", 1, "biden", 266_376), ("ME", 1, "trump", 164_045),
                       ("ME", 2, "biden", 168_696), ("ME", 2, "trump", 196_692)])
    app = appoint(r, {"ME": 4})
    assert app.pledged() == {"ME": {"biden": 3, "trump": 1}}
    # Before 1972 Maine was winner-take-all: the same returns give all four to Biden.
    old = returns(1968, [(s, None, c, v) for s, _, c, v in
                         [("ME", 0, "biden", 435_072), ("ME", 0, "trump", 360_737)]])
    assert appoint(old, {"ME": 4}).pledged() == {"ME": {"biden": 4}}


def test_district_method_needs_district_returns() -> None:
    r = returns(2020, [("NE", None, "a", 3), ("NE", None, "b", 2)])
    with pytest.raises(InputError, match="districts needed"):
        appoint(r, {"NE": 5})


def test_faithless_and_abstaining_electors() -> None:
    r = returns(2016, [("TX", None, "trump", 10), ("TX", None, "clinton", 5)])
    app = appoint(r, {"TX": 38})
    devs = [Deviation("TX", Office.PRESIDENT, "trump", "kasich", 1),
            Deviation("TX", Office.PRESIDENT, "trump", ABSTAIN, 1)]
    p = cast(app, Office.PRESIDENT, deviations=devs)
    assert dict(p.states[0].votes) == {"trump": 36, "kasich": 1}
    vp = cast(app, Office.VICE_PRESIDENT, {"trump": "pence"})
    assert dict(vp.states[0].votes) == {"pence": 38}
    # The abstention lowers the votes cast, not the electors appointed or the majority.
    assert count(p, 38).majority == 20


def test_pre_twelfth_amendment_tie_goes_to_the_house() -> None:
    from electoral.model import ElectoralVotes, StateVotes, frozen_map

    votes = ElectoralVotes(1800, Office.PRESIDENT, (
        StateVotes("VA", frozen_map({"jefferson": 73, "burr": 73, "adams": 65})),))
    res = count(votes, 138)
    assert res.majority == 70 and res.winner is None  # two with a majority, level


def tallies(**kw: int) -> list[Tally]:
    return [Tally(c, n) for c, n in kw.items()]


def test_hypothetical_269_269_decided_by_state_delegations() -> None:
    t = tallies(harris=269, trump=269)
    dele = {st: "Republican" for st in ["AL", "AK", "AR", "FL", "GA", "ID", "IN", "IA", "KS",
                                        "KY", "LA", "MS", "MO", "MT", "NE", "ND", "OH", "OK",
                                        "PA", "SC", "SD", "TN", "TX", "UT", "WV", "WY"]}
    dele.update({"CA": "Democratic", "NY": "Democratic", "MI": "divided"})
    res = contingent_election(t, 2024, dele, 50, {"trump": "Republican", "harris": "Democratic"})
    assert res.needed == 26  # a majority of all 50 states
    assert res.votes["trump"] == 26 and res.winner == "trump"
    assert res.chamber == "house" and res.divided == 50 - 28
    # One fewer Republican delegation: no choice is made.
    del dele["WY"]
    assert contingent_election(t, 2024, dele, 50,
                               {"trump": "Republican"}).winner is None


def test_house_chooses_among_top_three_senate_among_top_two() -> None:
    t = tallies(a=100, b=90, c=80, d=70)
    res = contingent_election(t, 1824, {"NY": "d"}, 24)
    assert set(res.eligible) == {"a", "b", "c"} and res.divided == 24
    assert set(contingent_election(t, 1800, {}, 16).eligible) == {"a", "b", "c", "d"}
    sen = senate_election(tallies(johnson=147, granger=77, tyler=47), 1836,
                          {"johnson": 33, "granger": 16}, 52)
    assert sen.needed == 27 and sen.winner == "johnson"
    with pytest.raises(InputError):
        senate_election(tallies(johnson=147, granger=77, tyler=47), 1836, {"tyler": 1}, 52)


def test_dc_has_no_house_delegation() -> None:
    with pytest.raises(InputError, match="DC"):
        contingent_election(tallies(a=269, b=269), 2024, {"DC": "a"})


def test_objections_under_the_electoral_count_act() -> None:
    # 2021 (2020 election): Arizona, one Senator (Cruz) and Representatives: in order.
    assert objection_in_order(2020, "AZ", 1, 61).in_order is True
    # Georgia and others: no Senator signed.
    r = objection_in_order(2020, "GA", 0, 70)
    assert r.in_order is False and "Senator" in r.reason


def test_objections_under_the_electoral_count_reform_act() -> None:
    r = objection_in_order(2024, "PA", 1, 61)
    assert r.in_order is False
    assert (r.needed_senators, r.needed_representatives) == (20, 87)  # one-fifth, rounded up
    assert objection_in_order(2024, "PA", 20, 87).in_order is True
    assert objection_in_order(2024, "PA", 20, 86).in_order is False


def test_tally_of_2016_popular_vote_gives_pledged_306_232() -> None:
    from electoral.record import catalog
    from electoral.returns import candidate_id

    rows = [ReturnRow(st, d or None, c, None, n)
            for (st, d), per in catalog.popular_votes(2016).items() for c, n in per.items()]
    res = tally(Returns(2016, tuple(rows)))
    got = {r.candidate: r.votes for r in res.president}
    assert got == {candidate_id("Donald J. Trump"): 306, candidate_id("Hillary Clinton"): 232}
    assert res.outcome.vice_president is not None
    assert {t.candidate: t.votes for t in res.outcome.vice_president.tallies} == {
        "mike-pence": 306, "tim-kaine": 232}


def test_voting_units_2020() -> None:
    from electoral.units import unit_votes, voting_units

    units = voting_units(2020)
    assert len(units) == 56 and sum(u.electors for u in units) == 538
    assert [u.code for u in units if u.state == "NE"] == ["NE", "NE-1", "NE-2", "NE-3"]
    assert unit_votes(2020)["NE-2"]["joseph-r-biden-jr"] == 176_468
    assert len(voting_units(1968)) == 51  # Maine appointed at large until 1972
