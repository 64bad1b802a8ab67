"""The House delegations (electoral.record.house) against the apportionment and the national
party divisions at the opening of each Congress."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from electoral.apportionment import electors_for
from electoral.errors import InputError
from electoral.record.house import house_delegations

# Seats by party when the Congress opened (Clerk of the House party divisions; the 119th's
# 219-215 is the opening day's speaker vote of 434 with Florida's 1st vacant).
OPENING = {2016: (115, 194, 241, 0), 2020: (117, 222, 211, 2), 2024: (119, 215, 219, 1)}


@pytest.mark.parametrize("year", sorted(OPENING))
def test_seats_follow_the_apportionment_and_the_national_division(year: int) -> None:
    h = house_delegations(year)
    congress, d, r, vacant = OPENING[year]
    assert h.congress == congress and h.opened.month == 1 and h.opened.day == 3
    electors = electors_for(year)  # the census's apportionment, plus two per state
    assert {s: x.seats for s, x in h.states.items()} == {
        s: n - 2 for s, n in electors.items() if s != "DC"}
    assert sum(x.democrats for x in h.states.values()) == d
    assert sum(x.republicans for x in h.states.values()) == r
    assert sum(x.vacant for x in h.states.values()) == vacant


def test_2024_delegations_by_state() -> None:
    """The House of the 119th Congress: Republican majorities in 30 delegations, Democratic in
    18, Colorado and Minnesota tied 4-4; 26 of 50 states needed."""
    h = house_delegations(2024)
    assert h.count() == {"R": 30, "D": 18, "divided": 2}
    assert h.states["CO"].side == h.states["MN"].side == "divided"
    assert h.states["MI"].side == "R"  # 7 to 6
    assert h.to_dict()["needed"] == 26
    assert house_delegations(2020).count() == {"R": 27, "D": 20, "divided": 3}


def test_no_delegations_for_other_years() -> None:
    with pytest.raises(InputError, match="no House delegations on record for 2012"):
        house_delegations(2012)


def test_house_command() -> None:
    out = subprocess.run([sys.executable, "-m", "electoral", "house", "2024", "--format",
                          "json"], capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert doc["count"] == {"D": 18, "R": 30, "divided": 2} and doc["states"]["PA"] == "R"
    bad = subprocess.run([sys.executable, "-m", "electoral", "house", "1999"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
