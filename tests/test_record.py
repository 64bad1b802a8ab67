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
    assert set(house.eligible) == {"andrew-jackson", "john-quincy-adams", "william-h-crawford"}


def test_1800_tie_goes_to_the_house() -> None:
    r = results(1800)
    assert ev(1800, "Thomas Jefferson") == ev(1800, "Aaron Burr") == 73
    assert r.vice_president == ()  # before the 12th Amendment: no separate ballot
    assert r.decided_by == "house"
    assert catalog.name(r.president_elect or "") == "Thomas Jefferson"
    assert catalog.name(r.vice_president_elect or "") == "Aaron Burr"
    assert r.outcome.contingent[0].votes["thomas-jefferson"] == 10  # 36th ballot, 16 states


def test_1836_senate_elects_the_vice_president() -> None:
    r = results(1836)
    assert r.outcome.vice_president is not None
    assert r.outcome.vice_president.winner is None  # Johnson 147 of 294: one short
    assert ev(1836, "Richard M. Johnson", Office.VICE_PRESIDENT) == 147
    assert r.outcome.vp_decided_by == "senate"
    assert catalog.name(r.vice_president_elect or "") == "Richard M. Johnson"
    assert catalog.name(r.president_elect or "") == "Martin Van Buren"


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
