"""Apportionment: the methods, the historical record, and counterfactual elections."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from electoral import InputError
from electoral.apportionment import (
    DIVISOR_METHODS,
    apportion,
    apportion_census,
    census_populations,
    compare_electors,
    official_seats,
)
from electoral.law.regimes import CENSUS_LAW
from electoral.record import catalog
from electoral.results import counterfactual_results
from tests.conftest import Run


def test_2020_census() -> None:
    a = apportion_census(2020)
    assert (a.method, a.house_size) == ("huntington-hill", 435)
    assert {s: a.seats[s] for s in ("CA", "TX", "FL", "NY")} == {"CA": 52, "TX": 38,
                                                                  "FL": 28, "NY": 26}
    assert dict(a.seats) == official_seats(2020)
    assert sum(a.electors.values()) == 538 and a.electors["DC"] == 3
    assert a.populations["CA"] == 39_538_223 + 38_534  # resident + overseas
    # The last seat went to Minnesota; New York missed the 436th by 89 people.
    assert (a.last_seats[-1].seat, a.last_seats[-1].state) == (435, "MN")
    assert (a.next_in_line[0].seat, a.next_in_line[0].state) == (436, "NY")
    assert a.next_in_line[0].margin == 89


def test_2000_census_utah_short_by_856() -> None:
    a = apportion_census(2000)
    assert (a.next_in_line[0].state, a.next_in_line[0].margin) == ("UT", 856)
    assert a.last_seats[-1].state == "NC"


def test_2010_census_and_its_elections() -> None:
    a = apportion_census(2010)
    assert (a.seats["TX"], a.seats["CA"]) == (36, 53)
    for year in (2012, 2016, 2020):
        recorded = {r.state: r.appointed for r in catalog.electors(year)}
        assert recorded == dict(a.electors)


@pytest.mark.parametrize("law", CENSUS_LAW, ids=lambda c: str(c.census))
def test_every_mechanical_apportionment_reproduced(law: object) -> None:
    census = law.census  # type: ignore[attr-defined]
    assert dict(apportion_census(census).seats) == official_seats(census)


@pytest.mark.parametrize("year", [y for y in catalog.years() if y >= 1964])
def test_electors_equal_seats_plus_two_1964_2024(year: int) -> None:
    assert all(c.recorded == c.from_census for c in compare_electors(year))


def test_electors_elsewhere_agree_or_are_explained() -> None:
    agree = explained = 0
    for year in catalog.years():
        if year < 1792:
            continue
        for c in compare_electors(year):
            if c.recorded == c.from_census:
                agree += 1
            else:
                assert c.explanation and c.explanation != "unexplained", c
                explained += 1
    assert agree > 2300 and explained < 50


def test_method_moved_a_seat_in_1940() -> None:
    # The 1941 Act chose equal proportions: Arkansas 7, Michigan 17; major fractions would
    # have given Michigan the seat (AR 6, MI 18).
    hill = apportion_census(1940, method="huntington-hill")
    webster = apportion_census(1940, method="webster")
    assert (hill.seats["AR"], hill.seats["MI"]) == (7, 17)
    assert (webster.seats["AR"], webster.seats["MI"]) == (6, 18)
    assert official_seats(1940)["AR"] == 7


def paradoxes(method: str, census: int, sizes: range) -> list[tuple[int, str]]:
    pops = census_populations(census)
    found = []
    prev = apportion(pops, sizes.start - 1, method).seats
    for h in sizes:
        cur = apportion(pops, h, method, lookahead=0).seats
        found += [(h, s) for s in cur if cur[s] < prev[s]]
        prev = cur
    return found


def test_alabama_paradox_under_hamilton_not_under_hill() -> None:
    found = paradoxes("hamilton", 1900, range(350, 450))
    assert found, "Hamilton's method shows the Alabama paradox on the 1900 census"
    h, state = found[0]
    assert apportion(census_populations(1900), h, "hamilton").seats[state] == \
        apportion(census_populations(1900), h - 1, "hamilton").seats[state] - 1
    assert paradoxes("huntington-hill", 1900, range(350, 450)) == []


pops_st = st.dictionaries(st.sampled_from(["CA", "TX", "NY", "FL", "WY", "VT", "OH", "PA",
                                           "DE", "RI"]),
                          st.integers(min_value=1_000, max_value=50_000_000), min_size=2)


@settings(max_examples=60, deadline=None)
@given(pops_st, st.integers(min_value=0, max_value=200),
       st.sampled_from(sorted(DIVISOR_METHODS)))
def test_house_monotone_divisor_methods(pops: dict[str, int], extra: int, method: str) -> None:
    h = len(pops) + extra
    a = apportion(pops, h, method, lookahead=0).seats
    b = apportion(pops, h + 1, method, lookahead=0).seats
    assert sum(a.values()) == h and sum(b.values()) == h + 1
    assert all(b[s] >= a[s] for s in pops)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pops_st, st.integers(min_value=0, max_value=200))
def test_quota_rule(pops: dict[str, int], extra: int) -> None:
    total = sum(pops.values())
    # A House large enough that every lower quota is at least one: the minimum does not bind.
    h = max(len(pops) + extra, -(-total // min(pops.values())))
    # Hamilton always stays within quota (above the one-seat minimum); Jefferson never falls
    # below the lower quota and Adams never exceeds the upper quota.
    ham = apportion(pops, h, "hamilton").seats
    jef = apportion(pops, h, "jefferson", lookahead=0).seats
    ada = apportion(pops, h, "adams", lookahead=0).seats
    for s, p in pops.items():
        lower, upper = p * h // total, -(-p * h // total)
        assert lower <= ham[s] <= upper
        assert jef[s] >= lower
        assert ada[s] <= upper


def test_exact_priority_at_the_boundary() -> None:
    # Two states with exactly equal Huntington-Hill priorities for the last seat: a tie is
    # reported rather than decided by float rounding.
    pops = {"CA": 2 * 3 * 1000, "TX": 2 * 3 * 1000}
    a = apportion(pops, 3)
    assert a.ties == ("CA", "TX")


@pytest.mark.parametrize(("pops", "seats", "message"), [
    ({"CA": 100, "ZZ": 5}, 10, "unknown state"),
    ({"CA": 100, "TX": 0}, 10, "must be positive"),
    ({"CA": 100, "TX": -5}, 10, "must be positive"),
    ({"CA": 100, "TX": 5}, 1, "cannot give each"),
])
def test_bad_input(pops: dict[str, int], seats: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        apportion(pops, seats)


def test_counterfactual_2020_election_under_2020_census() -> None:
    r = counterfactual_results(2020, 2020)
    assert [(x.name, x.votes) for x in r.president] == [("Joseph R. Biden Jr.", 303),
                                                          ("Donald J. Trump", 235)]
    same = counterfactual_results(2020, 2010)
    assert [x.votes for x in same.president] == [306, 232]
    big = counterfactual_results(2020, 2010, 585)
    assert big.electors_appointed == 585 + 100 + 3 and big.majority == 345


def test_cli_apportion_json(cli: Callable[..., Run]) -> None:
    doc = json.loads(cli("apportion", "2020", "-f", "json").out)
    assert doc["census"] == 2020 and doc["method"] == "huntington-hill"
    assert doc["house_size"] == 435 and doc["seats"]["CA"] == 52 and doc["electors"]["CA"] == 54
    assert doc["electors"]["DC"] == 3
    assert doc["last_seats"][-1]["seat"] == 435 and doc["last_seats"][-1]["state"] == "MN"
    assert doc["next_in_line"][0] == {"seat": 436, "state": "NY", "state_seat": 27,
                                      "priority": doc["next_in_line"][0]["priority"],
                                      "short_by": 89}


def test_cli_results_with_house_size(cli: Callable[..., Run]) -> None:
    doc = json.loads(cli("results", "2020", "--house-size", "585", "-f", "json").out)
    assert doc["electors_appointed"] == 688 and doc["source"] == "counterfactual"


@pytest.mark.parametrize(("args", "message"), [
    (("apportion", "2025"), "no census 2025"),
    (("apportion", "2020", "--seats", "40"), "cannot give each"),
    (("apportion", "2020", "--method", "bogus"), "unknown method"),
    (("results", "2020", "--apportionment", "2030"), "no census 2030"),
])
def test_cli_errors(cli: Callable[..., Run], args: tuple[str, ...], message: str) -> None:
    r = cli(*args)
    assert r.code == 2 and message in r.err and "Traceback" not in r.err
