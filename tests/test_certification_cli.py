"""`electoral timeline --state`, `electoral recount` and the recount rows of `analyze`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from tests.conftest import Run

CLI = Callable[..., Run]


def test_timeline_with_a_state_json(cli: CLI) -> None:
    r = cli("timeline", "2024", "--state", "PA", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["state"] == "PA" and doc["name"] == "Pennsylvania"
    ev = {e["event"]: e for e in doc["events"]}
    assert ev["county_canvass"]["date"] == "2024-11-25" and ev["county_canvass"]["by"] == "PA"
    assert "25 P.S. § 2642(k)" in ev["county_canvass"]["authority"]
    assert ev["state_certification"]["date"] is None
    assert "Secretary of the Commonwealth" in ev["state_certification"]["authority"]
    assert ev["safe_harbor"]["by"] == "federal" and ev["safe_harbor"]["date"] == "2024-12-11"
    assert doc["automatic_recount"]["rule"] == "<= 0.5% total"


def test_timeline_without_a_state_is_unchanged(cli: CLI) -> None:
    doc = json.loads(cli("timeline", "2024", "-f", "json").out)
    assert set(doc) == {"year", "events"}
    assert all(set(e) <= {"event", "date", "authority", "end", "note"} for e in doc["events"])
    rows = list(csv.reader(io.StringIO(cli("timeline", "2024", "-f", "csv").out)))
    assert rows[0] == ["event", "date", "weekday", "authority"]


def test_timeline_with_a_state_csv_in_date_order(cli: CLI) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("timeline", "2020", "-s", "GA", "-f",
                                               "csv").out)))
    assert [r["event"] for r in rows][:4] == ["election_day", "county_canvass",
                                              "state_certification", "recount_request"]
    assert rows[1]["date"] == "2020-11-13" and rows[1]["by"] == "GA"


@pytest.mark.parametrize(("args", "message"), [
    (("timeline", "2016", "--state", "PA"), "recorded for 2020 and 2024 only"),
    (("timeline", "2024", "--state", "Atlantis"), "unknown state"),
    (("recount", "2024", "AZ", "--margin", "10"), "--top-two"),
    (("recount", "2024", "--total", "10"), "--margin"),
])
def test_one_line_errors(cli: CLI, args: tuple[str, ...], message: str) -> None:
    r = cli(*args)
    assert r.code == 2 and message in r.err and len(r.err.strip().splitlines()) == 1


def test_recount_for_all_states_csv(cli: CLI) -> None:
    rows = {x["state"]: x for x in csv.DictReader(io.StringIO(cli("recount", "2020", "-f",
                                                                  "csv").out))}
    assert len(rows) == 51
    assert rows["GA"]["status"] == "requestable" and rows["GA"]["margin_votes"] == "11779"
    assert rows["AZ"]["status"] == "outside"
    assert rows["AZ"]["automatic"] == "<= 0.1% top_two & <= 200 votes"


def test_recount_with_a_margin_of_your_own(cli: CLI) -> None:
    r = cli("recount", "2024", "AZ", "--margin", "10457", "--top-two", "3338000", "-f", "json")
    doc = json.loads(r.out)
    assert doc["status"] == "automatic" and doc["limits"]["automatic"] == 16690


def test_analyze_flags_recount_states(cli: CLI) -> None:
    doc = json.loads(cli("analyze", "2020", "-f", "json").out)
    flagged = {r["state"]: r for r in doc["recounts"]}
    assert flagged["GA"]["status"] == "requestable" and flagged["WI"]["status"] == "requestable"
    assert round(flagged["WI"]["margin_pct"], 2) == 0.63
    assert flagged["WI"]["free"] is False and "9.01" in flagged["WI"]["citation"]
    rows = list(csv.DictReader(io.StringIO(cli("analyze", "2020", "-f", "csv").out)))
    ga = next(r for r in rows if r["measure"] == "recount_requestable" and r["units"] == "GA")
    assert ga["points"] == "0.24" and "21-2-495" in ga["result"]
