"""The record's acceptance figures: each asserts a fact of history, computed by the engine."""

from __future__ import annotations

import pytest

from electoral import Office, results
from electoral.record import catalog


def ev(year: int, name: str, office: Office = Office.PRESIDENT) -> int:
    res = results(year)
    rows = res.president if office is Office.PRESIDENT else res.vice_president
    return next(r.votes for r in rows if r.name == name)


def test_2020() -> None:
    r = results(2020)
    assert (ev(2020, "Joseph R. Biden Jr."), ev(2020, "Donald J. Trump")) == (306, 232)
    assert ev(2020, "Kamala D. Harris", Office.VICE_PRESIDENT) == 306
    assert ev(2020, "Mike Pence", Office.VICE_PRESIDENT) == 232
    assert r.electors_appointed == 538 and r.majority == 270
    assert catalog.name(r.president_elect or "") == "Joseph R. Biden Jr."
    assert r.decided_by == "electoral_college"
    me = next(s for s in r.states if s.state == "ME")
    ne = next(s for s in r.states if s.state == "NE")
    assert sorted(v.votes for v in me.president) == [1, 3]
    assert sorted(v.votes for v in ne.president) == [1, 4]
    assert me.method == ne.method == "district"


def test_2024() -> None:
    r = results(2024)
    assert (ev(2024, "Donald J. Trump"), ev(2024, "Kamala D. Harris")) == (312, 226)
    assert catalog.name(r.president_elect or "") == "Donald J. Trump"
    pop = {p.name: p.votes for p in r.popular_vote or ()}
    # MEDSL's 2024 national sums equal the FEC's.
    assert pop["Donald J. Trump"] == 77_302_580
    assert pop["Kamala D. Harris"] == 75_017_613


def test_2016_faithless_electors() -> None:
    r = results(2016)
    got = {x.name: x.votes for x in r.president}
    assert got == {"Donald J. Trump": 304, "Hillary Clinton": 227, "Colin Powell": 3,
                   "Bernie Sanders": 1, "John Kasich": 1, "Ron Paul": 1,
                   "Faith Spotted Eagle": 1}
    assert ev(2016, "Mike Pence", Office.VICE_PRESIDENT) == 305
    assert ev(2016, "Tim Kaine", Office.VICE_PRESIDENT) == 227
    faithless = [f for f in r.faithless if f.office == "P" and f.kind == "faithless"]
    assert sum(f.count for f in faithless) == 7
    # Pence 305 = 306 - 1 (Texas, Fiorina); Kaine 227 = 232 - 5 (Washington 4, Hawaii 1).
    assert r.deviating_electors(Office.PRESIDENT) == 7
    assert r.deviating_electors(Office.VICE_PRESIDENT) == 6
    vp = {(d.state, d.voted_for): d.count for d in r.deviations
          if d.office is Office.VICE_PRESIDENT}
    assert vp == {("TX", "carly-fiorina"): 1, ("WA", "elizabeth-warren"): 1,
                  ("WA", "maria-cantwell"): 1, ("WA", "susan-collins"): 1,
                  ("WA", "winona-laduke"): 1, ("HI", "elizabeth-warren"): 1}


def test_2000_majority_of_appointed_not_of_votes_cast() -> None:
    r = results(2000)
    assert r.electors_appointed == 538
    assert sum(x.votes for x in r.president) == 537  # one DC elector abstained
    assert r.majority == 270
    assert (ev(2000, "George W. Bush"), ev(2000, "Albert Gore Jr.")) == (271, 266)
    fl = next(s for s in r.states if s.state == "FL")
    pop = {p.name: p.votes for p in fl.popular_vote or ()}
    assert pop["George W. Bush"] - pop["Albert Gore Jr."] == 537


def test_1824_goes_to_the_house() -> None:
    r = results(1824)
    got = {x.name: x.votes for x in r.president}
    assert got == {"Andrew Jackson": 99, "John Quincy Adams": 84, "William H. Crawford": 41,
                   "Henry Clay": 37}
    assert r.electors_appointed == 261 and r.majority == 131
    assert r.outcome.president.winner is None
    assert r.decided_by == "house"
    assert catalog.name(r.president_elect or "") == "John Quincy Adams"
    house = r.outcome.contingent[0]
    assert house.votes["john-quincy-adams"] == 13 and house.needed == 13  # 24 states
    # amend. XII: the House chose among the three highest; Clay (37) was fourth.
    assert set(house.eligible) == {"andrew-jackson", "john-quincy-adams", "william-h-crawford"}
    assert r.to_dict()["contingent_elections"][0]["eligible"] == [
        "Andrew Jackson", "John Quincy Adams", "William H. Crawford"]


def test_1800_tie_goes_to_the_house() -> None:
    r = results(1800)
    assert ev(1800, "Thomas Jefferson") == ev(1800, "Aaron Burr") == 73
    assert r.vice_president == ()  # before the 12th Amendment: no separate ballot
    assert r.decided_by == "house"
    assert catalog.name(r.president_elect or "") == "Thomas Jefferson"
    assert catalog.name(r.vice_president_elect or "") == "Aaron Burr"
    house = r.outcome.contingent[0]
    assert house.votes["thomas-jefferson"] == 10  # 36th ballot, 16 states
    # Art. II s. 1 cl. 3: an equal majority sends "one of them" to the House: two eligible.
    assert set(house.eligible) == {"thomas-jefferson", "aaron-burr"}
    assert house.authority.startswith("U.S. Const. art. II, s. 1, cl. 3")


def test_1836_senate_elects_the_vice_president() -> None:
    r = results(1836)
    assert r.outcome.vice_president is not None
    assert r.outcome.vice_president.winner is None  # Johnson 147 of 294: one short
    assert ev(1836, "Richard M. Johnson", Office.VICE_PRESIDENT) == 147
    assert r.outcome.vp_decided_by == "senate"
    assert catalog.name(r.vice_president_elect or "") == "Richard M. Johnson"
    assert catalog.name(r.president_elect or "") == "Martin Van Buren"
    senate = next(c for c in r.outcome.contingent if c.chamber == "senate")
    assert senate.eligible == ("richard-m-johnson", "francis-granger")
    assert (senate.votes["richard-m-johnson"], senate.needed, senate.members) == (33, 27, 52)
    smith = [d for d in r.deviations if d.voted_for == "william-smith"]
    assert [(d.state, d.office, d.pledged_to, d.count) for d in smith] == [
        ("VA", Office.VICE_PRESIDENT, "richard-m-johnson", 23)]


def test_1789_two_votes_per_elector() -> None:
    r = results(1789)
    assert ev(1789, "George Washington") == 69
    assert sum(x.votes for x in r.president) == 138
    assert catalog.name(r.vice_president_elect or "") == "John Adams"


def test_1872_rejected_votes_are_not_counted() -> None:
    r = results(1872)
    assert ev(1872, "Ulysses S. Grant") == 286
    assert "horace-greeley" not in {x.candidate for x in r.president}


@pytest.mark.parametrize("year", catalog.years())
def test_every_election_has_an_outcome_matching_the_record(year: int) -> None:
    r = results(year)
    rec = catalog.recorded_outcome(year)
    assert (r.president_elect, r.vice_president_elect) == (rec.president_elect,
                                                           rec.vice_president_elect)


def test_record_covers_every_election() -> None:
    ys = catalog.years()
    assert ys[0] == 1789 and ys[-1] == 2024 and len(ys) == 60


def test_2012_romney_under_one_id_in_every_state() -> None:
    # MEDSL spells Washington's Romney "MITT, ROMNEY"; the build maps it to the same person.
    pop = {p.candidate: p.votes for p in results(2012).popular_vote or ()}
    assert pop["mitt-romney"] == 60_932_152
    assert "romney-mitt" not in catalog.names()


@pytest.mark.parametrize("year", [y for y in catalog.years() if y >= 1824])
def test_popular_vote_leaders_are_electoral_vote_recipients(year: int) -> None:
    """A candidate split under two spellings would drop out of the leaders."""
    r = results(year)
    if r.popular_vote is None:
        return
    ev = {x.candidate for x in r.president}
    leader = r.popular_vote[0].candidate
    assert leader in ev, (year, leader)


def test_early_deviations_and_abstentions_are_in_the_record() -> None:
    miles = [d for d in results(1796).deviations if d.state == "PA" and d.kind == "faithless"
             and d.voted_for == "thomas-jefferson"]
    assert [(d.pledged_to, d.count) for d in miles] == [("john-adams", 1)]  # Samuel Miles
    abstained = {(y, d.state): d.count for y in (1789, 1792, 1808, 1812, 1816, 1864)
                 for d in results(y).deviations
                 if d.kind == "abstention" and d.office is Office.PRESIDENT}
    assert abstained[(1789, "MD")] == 4  # two electors, two votes each
    assert abstained[(1864, "NV")] == 1
    assert abstained[(1816, "MD")] == 3
    vp_1808 = {(d.state, d.voted_for): d.count for d in results(1808).deviations
               if d.office is Office.VICE_PRESIDENT and d.kind == "faithless"}
    assert vp_1808[("VT", "john-langdon")] == 6 and vp_1808[("NY", "james-madison")] == 3


def test_record_votes_the_houses_did_not_count() -> None:
    r = results(1872)
    not_counted = {(n.state, n.office): n.votes for n in r.outcome.president.not_counted}
    assert not_counted == {("GA", Office.PRESIDENT): 3, ("AR", Office.PRESIDENT): 6,
                           ("LA", Office.PRESIDENT): 8}
    assert ev(1872, "Henry Wilson", Office.VICE_PRESIDENT) == 286  # AR and LA rejected too
    assert r.electors_appointed == 366 and r.majority == 184


def popular(year: int, state: str) -> dict[str, int]:
    s = next(x for x in results(year).states if x.state == state)
    return {p.name: p.votes for p in s.popular_vote or ()}


def test_popular_vote_corrections() -> None:
    assert popular(1964, "DC") == {"Lyndon B. Johnson": 169_796, "Barry M. Goldwater": 28_801}
    al = popular(1964, "AL")
    assert "Lyndon B. Johnson" not in al and al["Unpledged electors"] == 210_732
    assert popular(1952, "SC")["Dwight D. Eisenhower"] == 168_082
    ny72 = popular(1972, "NY")
    assert (ny72["Richard M. Nixon"], ny72["George McGovern"]) == (4_192_778, 2_951_084)
    assert popular(1960, "MS")["Unpledged electors"] == 116_248
    nat68 = {p.name: p.votes for p in results(1968).popular_vote or ()}
    assert abs(nat68["George C. Wallace"] - 9_901_118) <= 0.005 * 9_901_118
    nat92 = {p.name: p.votes for p in results(1992).popular_vote or ()}
    assert nat92["Ross Perot"] > 0.18 * sum(nat92.values())


@pytest.mark.parametrize(("year", "name"), [
    (1844, "James G. Birney"), (1852, "John P. Hale"), (1880, "James B. Weaver"),
    (1892, "James B. Weaver"), (1912, "Eugene V. Debs"), (1912, "Theodore Roosevelt"),
    (1924, "Robert M. La Follette"), (1948, "J. Strom Thurmond"), (1948, "Henry A. Wallace"),
    (1968, "George C. Wallace"), (1972, "John G. Schmitz"), (1980, "John B. Anderson"),
    (1992, "Ross Perot"), (1996, "Ross Perot"), (2000, "Ralph Nader")])
def test_candidates_with_one_percent_are_in_the_record(year: int, name: str) -> None:
    nat = {p.name: p.votes for p in results(year).popular_vote or ()}
    assert nat[name] >= 0.01 * sum(nat.values()), (year, name)


def test_ballots_for_no_candidate_are_not_candidates() -> None:
    r = results(2016)
    names = {p.name for p in r.popular_vote or ()}
    assert not names & {"Other", "Blank", "Over Votes", "Scattering", "None Of These Candidates"}
    nv = next(s for s in r.states if s.state == "NV")
    assert nv.other_ballots["none_of_these_candidates"] > 0


def test_parties_are_canonical() -> None:
    from electoral.package_data import table

    labels = {r["party"] for r in table("parties")}
    assert "Repubican" not in labels and "Constituional Union" not in labels
    assert not any(p.endswith(" Party") for p in labels)
    assert catalog.party(1876, "rutherford-b-hayes") == "Republican"
