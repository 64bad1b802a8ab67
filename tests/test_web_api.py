"""The JSON API (FastAPI's TestClient): every endpoint, and bad requests answered with a 4xx
and a clear one-line message, never a 500."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from electoral.web.app import MAX_BODY, create_app
from tests.conftest import Run

CLI = Callable[..., Run]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "store.duckdb"), raise_server_exceptions=False) as c:
        yield c


def test_results_matches_the_cli(client: TestClient, cli: CLI) -> None:
    r = client.get("/api/results/2020")
    assert r.status_code == 200
    assert r.json() == json.loads(cli("results", "2020", "--format", "json").out)
    assert r.json()["president"][0]["electoral_votes"] == 306


def test_timeline_matches_the_cli(client: TestClient, cli: CLI) -> None:
    for year in (1792, 2020, 2028):
        r = client.get(f"/api/timeline/{year}")
        assert r.status_code == 200
        assert r.json() == json.loads(cli("timeline", str(year), "-f", "json").out)
    events = {e["event"]: e["date"] for e in client.get("/api/timeline/2024").json()["events"]}
    assert events["joint_session"] == "2025-01-06"


def test_unknown_years_are_404(client: TestClient) -> None:
    for path in ("/api/results/2019", "/api/results/1700", "/api/view/2021",
                 "/api/analyze/2023"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "2019" in r.json()["detail"] or "no presidential election" in r.json()["detail"] \
            or "record" in r.json()["detail"]
    assert client.get("/api/results/abc").status_code == 422
    assert client.get("/api/timeline/99999").status_code == 422


def test_years_and_map(client: TestClient) -> None:
    years = client.get("/api/years").json()
    assert years["years"][0] == 1789 and years["years"][-1] == 2024 and len(years["years"]) == 60
    assert 2020 in years["censuses"] and "huntington-hill" in years["methods"]
    m = client.get("/api/map").json()
    assert len(m["states"]) == 51 and {s["code"] for s in m["states"]} >= {"DC", "AK", "HI"}
    assert {b["unit"] for b in m["insets"] if b["kind"] == "district"} == {
        "ME-1", "ME-2", "NE-1", "NE-2", "NE-3"}
    assert [r["code"] for r in m["ratings"]] == ["T", "D3", "D2", "D1", "R1", "R2", "R3", "O"]


def test_view_colours_the_record(client: TestClient) -> None:
    v = client.get("/api/view/2016").json()
    units = {u["unit"]: u for u in v["units"]}
    assert units["ME-2"]["key"] == "donald-j-trump" and units["ME-1"]["key"] == "hillary-clinton"
    assert units["TX"]["title"].startswith("Texas: 38 electors, split")  # two faithless
    assert units["ME"]["electors"] == 2  # the at-large electors; districts have their own box
    assert v["legend"][0]["electors"] == 304


def _rows_2020(swap: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """The record's 2020 returns (top two) as JSON rows, the two votes swapped in `swap`."""
    from electoral.returns import record_returns

    r = record_returns(2020, top=2)
    per: dict[tuple[str, int | None], list[int]] = {}
    for x in r.rows:
        per.setdefault((x.state, x.district), []).append(x.votes)
    rows = []
    for x in r.rows:
        votes = x.votes
        if x.state in swap and x.district is None:
            a, b = per[(x.state, None)]
            votes = b if votes == a else a
        mate = r.mate(x.state, x.candidate)
        rows.append({"state": x.state, "district": x.district, "candidate": r.names[x.candidate],
                     "party": x.party, "votes": votes,
                     "running_mate": r.names.get(mate, mate) if mate else None})
    return rows


def test_tally_269_269_and_the_house(client: TestClient) -> None:
    rows = _rows_2020(swap=("AZ", "GA", "WI"))
    r = client.post("/api/tally", json={"year": 2020, "rows": rows})
    assert r.status_code == 200
    doc = r.json()
    assert doc["source"] == "tally" and doc["decided_by"] == "undecided"
    assert [c["electoral_votes"] for c in doc["president"]] == [269, 269]
    dels = {st: "Republican" for st in ("AL", "AK", "AR", "FL", "ID", "IN", "IA", "KS", "KY",
                                       "LA", "MS", "MO", "MT", "NE", "ND", "OH", "OK", "SC",
                                       "SD", "TN", "TX", "UT", "WV", "WY", "GA", "AZ")}
    r = client.post("/api/tally", json={"year": 2020, "rows": rows, "delegations": dels})
    doc = r.json()
    assert doc["decided_by"] == "house" and doc["president_elect"] == "Donald J. Trump"
    assert doc["contingent_elections"][0]["needed"] == 26


def test_tally_of_the_record_matches_the_cli(client: TestClient, cli: CLI) -> None:
    rows = json.loads(cli("returns", "2020", "--top", "2", "--format", "json").out)["rows"]
    assert rows == _rows_2020()
    r = client.post("/api/tally", json={"year": 2020, "rows": rows})
    assert r.status_code == 200
    ev = {c["name"]: c["electoral_votes"] for c in r.json()["president"]}
    assert ev == {"Joseph R. Biden Jr.": 306, "Donald J. Trump": 232}


@pytest.mark.parametrize(("body", "status", "detail"), [
    ({"year": 2020, "rows": [{"state": "PA", "candidate": "A", "votes": -3}]}, 422,
     "rows.0.votes"),
    ({"year": 2020, "rows": [{"state": "XX", "candidate": "A", "votes": 3}]}, 400,
     "unknown state 'XX'"),
    ({"year": 2021, "rows": [{"state": "PA", "candidate": "A", "votes": 3}]}, 404,
     "no presidential election is held in 2021"),
    ({"year": 2020, "rows": []}, 422, "rows"),
    ({"year": 2020, "rows": [{"state": "PA", "candidate": "A", "votes": "3"}]}, 422,
     "valid integer"),
    ({"year": 2020, "rows": [{"state": "PA", "candidate": "A", "votes": 3, "x": 1}]}, 422,
     "Extra inputs"),
    ({"rows": [{"state": "PA", "candidate": "A", "votes": 3}]}, 422, "year"),
    ({"year": 2020, "rows": [{"state": "PA", "candidate": "A", "votes": 3},
                             {"state": "PA", "candidate": "A", "votes": 4}]}, 400, "duplicate"),
])
def test_tally_bad_requests(client: TestClient, body: dict[str, object], status: int,
                            detail: str) -> None:
    r = client.post("/api/tally", json=body)
    assert r.status_code == status, r.text
    assert detail in r.json()["detail"]


def test_malformed_and_oversized_bodies(client: TestClient) -> None:
    r = client.post("/api/tally", content=b"{not json", headers={"content-type":
                                                                  "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    big = b'{"year": 2020, "rows": [' + b" " * (MAX_BODY + 10) + b"]}"
    r = client.post("/api/tally", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit still holds
        for _ in range(MAX_BODY // 65536 + 2):
            yield b" " * 65536

    r = client.post("/api/scenarios", content=chunks(),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_apportion(client: TestClient) -> None:
    doc = client.get("/api/apportion/2020").json()
    assert doc["seats"]["CA"] == 52 and doc["electors"]["PA"] == 19
    assert doc["total_electors"] == 538
    assert client.get("/api/apportion/2020?seats=436").json()["house_size"] == 436
    r = client.get("/api/apportion/2025")
    assert r.status_code == 400 and "no census 2025" in r.json()["detail"]
    assert client.get("/api/apportion/2020?method=coin-toss").status_code == 400
    assert client.get("/api/apportion/2020?seats=0").status_code == 422


def test_analyze(client: TestClient) -> None:
    doc = client.get("/api/analyze/2020").json()
    assert doc["tipping_point"]["winner"]["unit"] == "WI"
    assert doc["fewest_votes"]["switch_to_deny_majority"]["total"] == 21_461
    r = client.get("/api/analyze/1800")
    assert r.status_code == 404 and "1824" in r.json()["detail"]


def test_forecast(client: TestClient) -> None:
    r = client.post("/api/forecast", json={"year": 2028})
    assert r.status_code == 200
    doc = r.json()
    assert doc["electors"] == 538 and doc["majority"] == 270
    assert doc["source"].startswith("2024 results")
    assert abs(sum(doc["ev_distribution"]["D"]) - 1) < 1e-9
    fixed = client.post("/api/forecast", json={"year": 2028, "conditions": {"TX": "D",
                                                                            "FL": "D"}}).json()
    assert fixed["conditions"] == {"TX": "D", "FL": "D"}
    assert fixed["win_probability"]["D"] > doc["win_probability"]["D"]
    for body, status in (({"year": 2028, "conditions": {"XX": "D"}}, 400),
                         ({"year": 2028, "conditions": {"PA": "Q"}}, 422),
                         ({"year": 2028, "swing": "Q+1"}, 400),
                         ({"year": 2028, "sd": -1}, 422),
                         ({"year": 1800}, 400)):
        assert client.post("/api/forecast", json=body).status_code == status, body


def test_the_models_forecasts_of_past_elections(client: TestClient) -> None:
    from electoral.forecasting import forecast

    doc = client.get("/api/forecast/2016").json()
    assert doc["model"]["as_of"] == "2016-11-08" and doc["year"] == 2016
    assert doc["win_probability"]["D"] == forecast(polls="packaged", year=2016
                                                   ).win_probability["D"]
    series = client.get("/api/forecast/2016/series").json()
    assert len(series["days"]) == 121 and series["days"][-1]["date"] == "2016-11-08"
    for chart in ("snake.svg", "series.svg"):
        r = client.get(f"/api/forecast/2016/{chart}")
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        assert r.text.startswith("<svg")
    assert client.get("/api/years").json()["forecast_years"] == [2008, 2012, 2016, 2020, 2024]
    for year in (2000, 2021):
        r = client.get(f"/api/forecast/{year}")
        assert r.status_code == 404 and str(year) in r.json()["detail"]


def test_a_maps_forecast_follows_every_rating(client: TestClient) -> None:
    def p_pa(rating: str) -> float:
        doc = client.post("/api/scenario/forecast", json={
            "scenario": {"year": 2024, "ratings": {"PA": rating}}}).json()
        return float(next(u for u in doc["units"] if u["unit"] == "PA")["win_probability"]["D"])

    # Lean about 74%, Likely 93%, Safe 99.9% (docs/web.md)
    assert 0.70 < p_pa("D1") < 0.78 and 0.90 < p_pa("D2") < 0.96 and p_pa("D3") > 0.995
    old = client.post("/api/scenario/forecast", json={
        "scenario": {"year": 1789, "ratings": {"VA": "D3"}}})
    assert old.status_code == 200  # no popular vote before 1824: the ratings suffice
    bad = client.post("/api/scenario/forecast", json={"scenario": {"year": 2024,
                                                                   "ratings": {"XX": "D1"}}})
    assert bad.status_code == 400 and "XX" in bad.json()["detail"]


def test_scenario_evaluate_and_share(client: TestClient) -> None:
    r = client.post("/api/scenario", json={"year": 2024, "ratings": {"PA": "D3", "NE-2": "D1"}})
    assert r.status_code == 200
    doc = r.json()
    assert doc["totals"]["D"] == 20 and doc["totals"]["toss_up"] == 518
    assert doc["electors"]["PA"] == 19 and len(doc["electors"]) == 56
    back = client.get(f"/api/share/{doc['code']}").json()
    assert back["ratings"] == doc["ratings"]
    assert client.get("/api/share/2024.!!").status_code == 400
    assert client.get("/api/share/nonsense").status_code == 400
    r = client.post("/api/scenario", json={"year": 2024, "ratings": {"PQ": "D3"}})
    assert r.status_code == 400 and "unknown unit 'PQ'" in r.json()["detail"]
    r = client.post("/api/scenario", json=[1, 2])
    assert r.status_code == 422


def test_scenarios_crud_and_export(client: TestClient) -> None:
    assert client.get("/api/scenarios").json()["scenarios"] == []
    r = client.post("/api/scenarios", json={"year": 2024, "name": "Mine", "notes": "n",
                                            "ratings": {"PA": "R2"}})
    assert r.status_code == 201
    saved = r.json()
    sid = saved["id"]
    assert saved["totals"]["R"] == 19 and saved["created"]
    assert client.get(f"/api/scenarios/{sid}").json()["ratings"]["PA"] == "R2"
    listed = client.get("/api/scenarios").json()["scenarios"]
    assert [s["name"] for s in listed] == ["Mine"]
    csv_text = client.get(f"/api/scenarios/{sid}/export?format=csv").text
    assert "2024,,435,huntington-hill,PA,19,R2,," in csv_text.splitlines()
    exported = client.get(f"/api/scenarios/{sid}/export").text
    imported = client.post("/api/scenario/import", json={"text": exported}).json()
    assert imported["ratings"] == saved["ratings"] and imported["name"] == "Mine"
    from_csv = client.post("/api/scenario/import", json={"text": csv_text}).json()
    assert from_csv["code"] == saved["code"]  # the name and notes come back too
    assert client.delete(f"/api/scenarios/{sid}").status_code == 204
    r = client.get(f"/api/scenarios/{sid}")
    assert r.status_code == 404 and "no saved scenario" in r.json()["detail"]
    assert client.delete(f"/api/scenarios/{sid}").status_code == 404
    assert client.get(f"/api/scenarios/{sid}/export").status_code == 404


def test_scenario_bad_requests(client: TestClient) -> None:
    cases = [({"year": 2024, "name": ""}, "needs a name"),
             ({"year": 2023, "name": "x"}, "2023"),
             ({"year": 2024, "name": "x", "ratings": {"PA": "Z9"}}, "rating must be"),
             ({"year": 2024, "name": "x" * 201}, "longer than 200"),
             ({"year": 2024, "name": "x", "delegations": {"D": 40, "R": 40}}, "more than"),
             ({"year": 2024, "name": "x", "colour": "red"}, "unknown key")]
    for body, detail in cases:
        r = client.post("/api/scenarios", json=body)
        assert r.status_code in (400, 404), body
        assert detail in r.json()["detail"], (body, r.json())
    assert client.get("/api/scenarios").json()["scenarios"] == []  # nothing stored
    r = client.post("/api/scenario/import", json={"text": "unit,rating\nPA,D3\n"})
    assert r.status_code == 400 and "CSV header" in r.json()["detail"]


def test_page_static_files_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<svg id="map"' in page.text
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert "http" not in client.get("/static/app.js").text.replace(
        "http://www.w3.org/2000/svg", "")  # nothing fetched from the internet
    for probe in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        assert client.get(probe).status_code == 404, probe
    spec = client.get("/openapi.json").json()
    for path in ("/api/results/{year}", "/api/timeline/{year}", "/api/tally",
                 "/api/apportion/{census}", "/api/analyze/{year}", "/api/forecast",
                 "/api/scenarios", "/api/scenarios/{sid}"):
        assert path in spec["paths"], path


def test_map_svg_endpoint(client: TestClient) -> None:
    r = client.get("/api/map.svg?year=2020")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert 'id="u-PA"' in r.text
    assert client.get("/api/map.svg").status_code == 400
