"""The statutory calendar, against the dates the law set and the days the events were held."""

from __future__ import annotations

import datetime as dt

import pytest

from electoral import NoElectionError, timeline
from electoral.record import catalog


def dates(year: int) -> dict[str, dt.date]:
    return {e.event: e.date for e in timeline(year).events}


def test_2020() -> None:
    d = dates(2020)
    assert d["election_day"] == dt.date(2020, 11, 3)
    assert d["safe_harbor"] == dt.date(2020, 12, 8)
    assert d["electors_meet"] == dt.date(2020, 12, 14)
    assert d["electors_meet"].strftime("%A") == "Monday"
    assert d["joint_session"] == dt.date(2021, 1, 6)
    assert d["inauguration"] == dt.date(2021, 1, 20)


def test_2024_under_the_electoral_count_reform_act() -> None:
    d = dates(2024)
    assert d["election_day"] == dt.date(2024, 11, 5)
    assert d["electors_meet"] == dt.date(2024, 12, 17)
    assert d["electors_meet"].strftime("%A") == "Tuesday"
    assert d["safe_harbor"] == dt.date(2024, 12, 11)  # certificate deadline: six days before
    assert d["joint_session"] == dt.date(2025, 1, 6)
    assert d["inauguration"] == dt.date(2025, 1, 20)
    auth = {e.event: e.authority for e in timeline(2024).events}
    assert "Electoral Count Reform Act" in auth["electors_meet"]


@pytest.mark.parametrize(("year", "date"), [
    (1956, dt.date(1957, 1, 7)), (1984, dt.date(1985, 1, 7)), (1988, dt.date(1989, 1, 4)),
    (1996, dt.date(1997, 1, 9)), (2008, dt.date(2009, 1, 8)), (2012, dt.date(2013, 1, 4)),
])
def test_counts_moved_by_law(year: int, date: dt.date) -> None:
    assert dates(year)["joint_session"] == date


def test_inauguration_march_4_until_1933_then_january_20() -> None:
    assert dates(1932)["inauguration"] == dt.date(1933, 3, 4)
    assert dates(1936)["inauguration"] == dt.date(1937, 1, 20)
    # 20 January 2013 was a Sunday: the term began then, the public ceremony was the 21st.
    d = dates(2012)
    assert d["inauguration"] == dt.date(2013, 1, 20)
    assert d["inauguration_ceremony"] == dt.date(2013, 1, 21)


def test_electoral_count_act_era_electors_met_in_january() -> None:
    d = dates(1888)
    assert d["electors_meet"] == dt.date(1889, 1, 14)  # second Monday in January
    assert d["joint_session"] == dt.date(1889, 2, 13)  # second Wednesday in February


def test_before_1845_states_chose_within_a_window() -> None:
    e = next(e for e in timeline(1800).events if e.event == "election_day")
    assert e.end == dt.date(1800, 12, 2)  # the day before the first Wednesday in December
    assert (e.end - e.date).days == 33  # "within thirty-four days preceding"
    assert dates(1800)["electors_meet"] == dt.date(1800, 12, 3)


def test_the_first_election() -> None:
    d = dates(1789)
    assert d["election_day"] == dt.date(1789, 1, 7)
    assert d["electors_meet"] == dt.date(1789, 2, 4)
    assert d["joint_session"] == dt.date(1789, 4, 6)


def test_every_election_has_a_complete_calendar() -> None:
    for y in catalog.years():
        d = dates(y)
        assert {"election_day", "electors_meet", "joint_session", "inauguration"} <= set(d)
        assert d["election_day"] < d["electors_meet"] < d["joint_session"]


def test_future_election() -> None:
    d = dates(2028)
    assert d["election_day"] == dt.date(2028, 11, 7)
    assert d["electors_meet"] == dt.date(2028, 12, 19)


@pytest.mark.parametrize("year", [2019, 1790, 1788])
def test_no_election(year: int) -> None:
    with pytest.raises(NoElectionError):
        timeline(year)
