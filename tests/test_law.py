"""The rules of law, stage by stage: majority, appointment, casting, the count, the contingent
elections, who acts, objections. Each year's rule applies only in its years."""

from __future__ import annotations

import pytest

from electoral import (
    ABSTAIN,
    ChamberVote,
    Deviation,
    InputError,
    Office,
    ReturnRow,
    Returns,
    appoint,
    cast,
    contingent_election,
    count,
    decide,
    eligible_candidates,
    house_ballot,
    majority_of_appointed,
    objection_in_order,
    senate_ballot,
)
from electoral.law.regimes import ACTING, COUNT, VOTING, census_for_election, rule_for
from electoral.model import ElectoralVotes, StateVotes, Tally, frozen_map


def test_majority_of_electors_appointed() -> None:
    assert majority_of_appointed(538) == 270
    assert majority_of_appointed(537) == 269  # 1960 (537 appointed)
    assert majority_of_appointed(261) == 131  # 1824
    assert majority_of_appointed(294) == 148  # 1836
    with pytest.raises(InputError, match="at least one elector"):
        majority_of_appointed(0)


def returns(year: int, rows: list[tuple[str, int | None, str, int]],
            mates: dict[str, str] | None = None) -> Returns:
    return Returns(year, tuple(ReturnRow(s, d, c, None, v) for s, d, c, v in rows),
                   frozen_map(mates or {}))  # type: ignore[arg-type]


def test_winner_take_all_and_reported_tie() -> None:
    r = returns(2020, [("PA", None, "a", 10), ("PA", None, "b", 9),
                       ("DE", None, "a", 5), ("DE", None, "b", 5)])
    app = appoint(r, {"PA": 20, "DE": 3})
    pa = next(u for u in app.units if u.state == "PA")
    de = next(u for u in app.units if u.state == "DE")
    assert (pa.winner, pa.electors, pa.margin) == ("a", 20, 1)
    assert de.winner is None and de.tied == ("a", "b")  # reported, not resolved
    assert app.pledged() == {"PA": {"a": 20}}
    assert app.electors_appointed == 20


def test_district_method_maine_2020() -> None:
    # Maine 2020: statewide Biden 435,072 - Trump 360,737; ME-2 Trump 196,692 - Biden 168,696.
    r = returns(2020, [("ME", 1, "biden", 266_376), ("ME", 1, "trump", 164_045),
                       ("ME", 2, "biden", 168_696), ("ME", 2, "trump", 196_692)])
    app = appoint(r, {"ME": 4})
    assert app.pledged() == {"ME": {"biden": 3, "trump": 1}}
    # Before 1972 Maine was winner-take-all: the same returns give all four to Biden.
    old = returns(1968, [("ME", None, "biden", 435_072), ("ME", None, "trump", 360_737)])
    assert appoint(old, {"ME": 4}).pledged() == {"ME": {"biden": 4}}


def test_district_method_needs_district_returns() -> None:
    r = returns(2020, [("NE", None, "a", 3), ("NE", None, "b", 2)])
    with pytest.raises(InputError, match="districts needed"):
        appoint(r, {"NE": 5})


def test_faithless_and_abstaining_electors_for_both_offices() -> None:
    r = returns(2016, [("TX", None, "trump", 10), ("TX", None, "clinton", 5)],
                {"trump": "pence", "clinton": "kaine"})
    app = appoint(r, {"TX": 38})
    devs = [Deviation("TX", Office.PRESIDENT, "trump", "kasich", 1),
            Deviation("TX", Office.PRESIDENT, "trump", ABSTAIN, 1),
            Deviation("TX", Office.VICE_PRESIDENT, "pence", "fiorina", 1)]
    p = cast(app, Office.PRESIDENT, r.mate, devs)
    assert dict(p.states[0].votes) == {"trump": 36, "kasich": 1}
    vp = cast(app, Office.VICE_PRESIDENT, r.mate, devs)
    assert dict(vp.states[0].votes) == {"pence": 37, "fiorina": 1}
    # The abstention lowers the votes cast, not the electors appointed or the majority.
    assert count(p, 38).majority == 20
    with pytest.raises(InputError, match="cannot deviate"):
        cast(app, Office.PRESIDENT, r.mate, [Deviation("TX", Office.PRESIDENT, "clinton", "x", 1)])


def test_an_unknown_running_mate_costs_only_that_ticket_its_vice_president_vote() -> None:
    r = returns(2020, [("VT", None, "sanders", 10), ("PA", None, "biden", 10)],
                {"biden": "harris"})
    app = appoint(r, {"VT": 3, "PA": 20})
    vp = cast(app, Office.VICE_PRESIDENT, r.mate)
    assert vp.totals() == {"harris": 20} and dict(vp.not_cast) == {"VT": 3}
    res = count(vp, 23)
    assert res.winner == "harris" and res.unknown == 3  # 20 of 23: a majority all the same


def test_before_1804_each_elector_votes_twice() -> None:
    # Art. II s. 1 cl. 3: the 1800 shape, Jefferson with Burr on one ticket.
    r = returns(1800, [("VA", None, "jefferson", 10), ("VA", None, "adams", 5),
                       ("MA", None, "adams", 10), ("MA", None, "jefferson", 5)],
                {"jefferson": "burr", "adams": "pinckney"})
    app = appoint(r, {"VA": 21, "MA": 16})
    p = cast(app, Office.PRESIDENT, r.mate)
    assert p.totals() == {"jefferson": 21, "burr": 21, "adams": 16, "pinckney": 16}
    res = count(p, 37)
    assert res.majority == 19 and res.winner is None
    assert set(res.tied_majority) == {"jefferson", "burr"}  # an equal majority
    assert eligible_candidates(res.tallies, 1800, Office.PRESIDENT, res.tied_majority) == (
        "burr", "jefferson")
    # The same returns in 1804 (amend. XII): one vote each, Jefferson elected.
    r04 = Returns(1804, r.rows, r.running_mates)
    assert count(cast(appoint(r04, {"VA": 21, "MA": 16}), Office.PRESIDENT), 37).winner == \
        "jefferson"


def test_unequal_majorities_before_1804_elect_the_higher() -> None:
    votes = ElectoralVotes(1796, Office.PRESIDENT, (
        StateVotes("PA", frozen_map({"adams": 71, "jefferson": 68, "pinckney": 59})),))
    res = count(votes, 138)  # 1796: Adams 71 of a majority of 70
    assert res.winner == "adams"
    out = decide(1796, res, None)
    assert (out.president_elect, out.vice_president_elect) == ("adams", "jefferson")
    assert out.vp_decided_by == "electoral_college"


def tallies(**kw: int) -> tuple[Tally, ...]:
    return tuple(Tally(c, n) for c, n in kw.items())


STATES_2024 = ["AL", "AK", "AR", "FL", "GA", "ID", "IN", "IA", "KS", "KY", "LA", "MS", "MO",
               "MT", "NE", "ND", "OH", "OK", "PA", "SC", "SD", "TN", "TX", "UT", "WV", "WY"]


def test_hypothetical_269_269_decided_by_state_delegations() -> None:
    t = tallies(harris=269, trump=269)
    eligible = eligible_candidates(t, 2024, Office.PRESIDENT)
    dele = dict.fromkeys(STATES_2024, "Republican")
    dele.update({"CA": "Democratic", "NY": "Democratic", "MI": "divided"})
    parties = {"trump": "Republican", "harris": "Democratic"}
    res = contingent_election(Office.PRESIDENT, eligible, 2024, 50,
                              house_ballot(dele, eligible, 50, parties))
    assert res.needed == 26  # a majority of all 50 states
    assert res.votes["trump"] == 26 and res.winner == "trump"
    assert res.chamber == "house" and res.divided == 50 - 28
    del dele["WY"]  # one fewer Republican delegation: no choice is made
    again = contingent_election(Office.PRESIDENT, eligible, 2024, 50,
                                house_ballot(dele, eligible, 50, parties))
    assert again.winner is None and again.held


def test_house_top_three_senate_top_two_and_before_1804_top_five() -> None:
    t = tallies(a=100, b=90, c=80, d=70)
    assert eligible_candidates(t, 1824, Office.PRESIDENT) == ("a", "b", "c")
    assert eligible_candidates(t, 1800, Office.PRESIDENT) == ("a", "b", "c", "d")  # five highest
    vp = tallies(johnson=147, granger=77, tyler=47)
    eligible = eligible_candidates(vp, 1836, Office.VICE_PRESIDENT)
    assert eligible == ("johnson", "granger")
    sen = contingent_election(Office.VICE_PRESIDENT, eligible, 1836, 26,
                              senate_ballot({"johnson": 33, "granger": 16}, eligible, 26))
    assert (sen.needed, sen.members, sen.winner) == (27, 52, "johnson")
    with pytest.raises(InputError, match="names none of those"):
        senate_ballot({"tyler": 1}, eligible, 26)


def test_a_ballot_for_someone_not_eligible_is_refused() -> None:
    with pytest.raises(InputError, match="not among those"):
        contingent_election(Office.PRESIDENT, ("a", "b"), 2024, 50,
                            ChamberVote(Office.PRESIDENT, "house", frozen_map({"c": 26})))


def test_dc_has_no_house_delegation() -> None:
    with pytest.raises(InputError, match="DC"):
        house_ballot({"DC": "a"}, ("a", "b"), 50)


def test_no_majority_and_no_ballot_is_undecided_with_who_acts() -> None:
    p = count(ElectoralVotes(2024, Office.PRESIDENT, (
        StateVotes("PA", frozen_map({"harris": 269, "trump": 269})),)), 538)
    vp = count(ElectoralVotes(2024, Office.VICE_PRESIDENT, (
        StateVotes("PA", frozen_map({"walz": 269, "vance": 269})),)), 538)
    out = decide(2024, p, vp)
    assert out.decided_by == out.vp_decided_by == "undecided"
    assert out.president_elect is None and out.vice_president_elect is None
    assert "no ballot given" in out.president_reason
    house, senate = out.contingent
    assert not house.held and house.eligible == ("harris", "trump") and house.needed == 26
    assert not senate.held and senate.needed == 51
    # amend. XX s. 3 and 3 U.S.C. 19: neither chosen, the Speaker acts.
    assert out.acting_president == "the Speaker of the House of Representatives"
    assert "3 U.S.C. 19" in out.acting_authority
    # The Senate chooses the Vice President: he acts until the House chooses.
    sen = ChamberVote(Office.VICE_PRESIDENT, "senate", frozen_map({"vance": 53}))
    out = decide(2024, p, vp, (sen,))
    assert out.vice_president_elect == "vance" and out.acting_president == "vance"


def test_the_law_of_who_acts_follows_the_year() -> None:
    assert rule_for(ACTING, 1800).neither is None and not rule_for(ACTING, 1800).\
        vice_president_elect_acts  # Art. II: no provision
    assert rule_for(ACTING, 1824).citation == "U.S. Const. amend. XII"
    assert rule_for(ACTING, 1940).neither is None  # amend. XX, no statute yet
    assert rule_for(ACTING, 1948).neither == "the Speaker of the House of Representatives"


def test_each_count_cites_its_own_regime() -> None:
    assert rule_for(COUNT, 1800).citation.startswith("U.S. Const. art. II, s. 1, cl. 3")
    assert rule_for(COUNT, 1804).citation.startswith("U.S. Const. amend. XII")
    assert rule_for(COUNT, 1872).name == "Twenty-second Joint Rule"
    assert "19 Stat. 227" in rule_for(COUNT, 1876).citation
    assert rule_for(COUNT, 1880).name == "no statutory procedure"
    assert rule_for(VOTING, 1800).votes_per_elector == 2
    assert rule_for(VOTING, 1804).separate_vice_president


def test_census_in_force() -> None:
    assert census_for_election(2024) == census_for_election(2028) == 2020
    assert census_for_election(1924) == 1910  # no apportionment after the 1920 census
    assert census_for_election(1789) is None  # the Constitution's own House


def test_objections_under_the_electoral_count_act() -> None:
    # 2021 (2020 election): Arizona, one Senator (Cruz) and Representatives: in order.
    assert objection_in_order(2020, "AZ", 1, 61).in_order is True
    r = objection_in_order(2020, "GA", 0, 70)
    assert r.in_order is False and "Senator" in r.reason


def test_objections_under_the_electoral_count_reform_act() -> None:
    r = objection_in_order(2024, "PA", 1, 61)
    assert r.in_order is False
    assert (r.needed_senators, r.needed_representatives) == (20, 87)  # one-fifth, rounded up
    assert objection_in_order(2024, "PA", 20, 87).in_order is True
    assert objection_in_order(2024, "PA", 20, 86).in_order is False


def test_objections_under_the_electoral_commission_act() -> None:
    # Act of 29 Jan 1877, s. 1: in writing, signed by a Senator and a Representative.
    assert objection_in_order(1876, "LA", 1, 1).in_order is True
    assert objection_in_order(1876, "VA", 0, 3).in_order is False
    assert objection_in_order(1872, "GA", 0, 1).in_order is None  # the joint rule set no test


def test_voting_units_2020() -> None:
    from electoral.units import unit_votes, voting_units

    units = voting_units(2020)
    assert len(units) == 56 and sum(u.electors for u in units) == 538
    assert [u.code for u in units if u.state == "NE"] == ["NE", "NE-1", "NE-2", "NE-3"]
    assert unit_votes(2020)["NE-2"]["joseph-r-biden-jr"] == 176_468
    assert len(voting_units(1968)) == 51  # Maine appointed at large until 1972
