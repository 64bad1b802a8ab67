"""Paths on a user's map (electoral.web.scenario_paths) and through the API and the CLI's
--scenario: the map's Toss-up units are the toss-ups, the rest go to their rating's side."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from electoral.analysis.paths import paths
from electoral.results import results
from electoral.web.app import create_app
from electoral.web.scenario import make_scenario, share_code
from electoral.web.scenario_paths import scenario_board, scenario_paths_document

SWING_2024 = ["AZ", "GA", "MI", "NV", "NC", "PA", "WI"]


def record_map_2024() -> dict[str, object]:
    """2024 as a map, from the record's electoral votes per state (results()): every unit
    Safe for its winner, the seven swing states Toss-up; Lean and Likely mixed in to show
    they hold their side as Safe does."""
    ratings: dict[str, str] = {}
    for s in results(2024).to_dict()["states"]:
        if s["state"] in SWING_2024:
            continue
        top = max(s["president"], key=lambda c: c["electoral_votes"])
        side = "D" if top["party"] == "Democratic" else "R"
        ratings[s["state"]] = side + ("1" if s["state"] in ("MN", "TX") else "3")
    # The districts, as the record's district votes went (Maine's at-large pair above).
    ratings.update({"ME-1": "D3", "ME-2": "R2", "NE-1": "R3", "NE-2": "D2", "NE-3": "R3"})
    return {"year": 2024, "name": "2024 swing", "ratings": ratings}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_a_map_with_the_seven_swing_states_open() -> None:
    s = make_scenario(record_map_2024())
    b = scenario_board(s)
    assert sorted(t.unit for t in b.tossups) == sorted(SWING_2024)
    assert dict(b.held) == {"D": 226, "R": 219, "O": 0}
    doc = scenario_paths_document(s)["paths"]
    year = paths(2024, SWING_2024)  # the record's road to the same board
    assert (doc["combinations"], doc["wins"], doc["ties"]) == (128, dict(year.wins), 3)
    assert doc["wins"] == {"D": 71, "R": 54}


def test_a_lean_unit_is_not_a_tossup_and_extra_tossups_open_rated_units() -> None:
    s = make_scenario({"year": 2024, "ratings": {"PA": "D1"}})
    b = scenario_board(s)
    assert "PA" not in {t.unit for t in b.tossups} and b.held["D"] == 19
    assert "PA" in {t.unit for t in scenario_board(s, ["pa"]).tossups}


def test_api_paths_of_a_year_and_of_a_map(client: TestClient) -> None:
    r = client.post("/api/paths", json={"year": 2012, "tossups": ["FL", "OH", "NC", "VA", "WI",
                                                                   "CO", "IA", "NV", "NH"]})
    assert r.status_code == 200
    doc = r.json()["paths"]
    assert doc["combinations"] == 512 and doc["wins"] == {"D": 431, "R": 76}
    assert doc["no_majority"] == 5
    r = client.post("/api/scenario/paths", json={"scenario": record_map_2024(),
                                                  "order": ["PA", "GA"], "decisions": {"PA": "R"}})
    branch = r.json()["branch"]
    assert branch["next"] == "GA" and branch["combinations"] == 64
    # Trump with Pennsylvania: 238 and 32 more needed from the six others.
    assert branch["held"]["R"] == 238


@pytest.mark.parametrize(("body", "words"), [
    ({"year": 2024, "tossups": ["ZZ"]}, "unknown unit 'ZZ'"),
    ({"year": 2023, "tossups": ["PA"]}, "no presidential election"),
    ({"year": 2024, "tossups": ["PA"], "probabilities": {"PA": 1.5}}, "less than or equal"),
    ({"year": 2024, "tossups": ["PA"], "decisions": {"GA": "D"}}, "GA is not a toss-up"),
])
def test_api_paths_errors(client: TestClient, body: dict[str, object], words: str) -> None:
    r = client.post("/api/paths", json=body)
    assert r.status_code in (400, 404, 422) and words in r.text, r.text


def test_cli_paths_of_a_share_code_and_a_file(tmp_path: Path) -> None:
    s = make_scenario(record_map_2024())
    run = [sys.executable, "-m", "electoral", "paths", "2024", "--format", "json"]
    out = subprocess.run([*run, "--scenario", share_code(s)], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout)["wins"] == {"D": 71, "R": 54}
    f = tmp_path / "map.json"
    f.write_text(json.dumps(record_map_2024()))
    out = subprocess.run([*run, "--scenario", str(f), "--tossup", "TX"], capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout)["combinations"] == 256
    bad = subprocess.run([*run, "--scenario", str(f), "--fixed", "PA=D"], capture_output=True,
                         text=True)
    assert bad.returncode == 2 and "leave out --fixed" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_before_the_twelfth_amendment_a_win_is_a_tickets_majority() -> None:
    """1800 as a map of the two parties' tickets (Art. II: two votes per elector): the counts
    say which ticket holds a majority of the 138 electors, and a note says that the ticket's
    two candidates could still tie (as Jefferson and Burr did, 73-73)."""
    s = make_scenario({"year": 1800, "ratings": {"VA": "D3", "MA": "R3"},
                       "candidates": {"D": "Thomas Jefferson / Aaron Burr",
                                      "R": "John Adams / Charles C. Pinckney"}})
    doc = scenario_paths_document(s)["paths"]
    assert doc["electors_appointed"] == 138 and doc["majority"] == 70
    assert doc["notes"] and "two votes" in doc["notes"][0] and "(1800)" in doc["notes"][0]
    assert scenario_paths_document(make_scenario({"year": 1804}))["paths"]["notes"] == []
