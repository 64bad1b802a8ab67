"""The command line: JSON shapes, formats, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run

CLI = Callable[..., Run]
EXAMPLES = ROOT / "docs" / "examples"


def test_results_json_shape(cli: CLI) -> None:
    r = cli("results", "2020", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert {"year", "electors_appointed", "majority", "president", "vice_president",
            "popular_vote", "president_elect", "vice_president_elect", "decided_by",
            "states"} <= set(doc)
    assert doc["president"][0] == {"id": "joseph-r-biden-jr", "name": "Joseph R. Biden Jr.",
                                   "party": "Democratic", "electoral_votes": 306}
    assert doc["majority"] == 270 and doc["decided_by"] == "electoral_college"
    pa = next(s for s in doc["states"] if s["state"] == "PA")
    assert pa["electors"] == 20 and pa["president"][0]["electoral_votes"] == 20
    votes = [p["votes"] for p in doc["popular_vote"]]
    assert votes == sorted(votes, reverse=True)


def test_results_state_csv(cli: CLI) -> None:
    r = cli("results", "2020", "--state", "Nebraska", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    ev = {x["candidate"]: int(x["electoral_votes"]) for x in rows
          if x["office"] == "President" and x["scope"] == "NE"}
    assert ev["Donald J. Trump"] == 4 and ev["Joseph R. Biden Jr."] == 1
    assert {x["scope"] for x in rows} >= {"NE", "NE-2"}
    ne2 = {x["candidate"]: int(x["popular_votes"]) for x in rows if x["scope"] == "NE-2"}
    assert ne2["Joseph R. Biden Jr."] - ne2["Donald J. Trump"] == 176_468 - 154_377


def test_timeline_json(cli: CLI) -> None:
    doc = json.loads(cli("timeline", "2020", "-f", "json").out)
    events = {e["event"]: e["date"] for e in doc["events"]}
    assert events == {"election_day": "2020-11-03", "safe_harbor": "2020-12-08",
                      "electors_meet": "2020-12-14", "joint_session": "2021-01-06",
                      "inauguration": "2021-01-20"}
    assert all(e["authority"] for e in doc["events"])


def test_count_2020_objections(cli: CLI) -> None:
    doc = json.loads(cli("count", "2020", "-f", "json").out)
    assert doc["date"] == "2021-01-06"
    assert [c["state"] for c in doc["certificates"]][:5] == ["AL", "AK", "AZ", "AR", "CA"]
    obj = {o["state"]: o for o in doc["objections"]}
    assert obj["AZ"]["senate"] == {"yeas": 6, "nays": 93}
    assert obj["AZ"]["house"] == {"yeas": 121, "nays": 303}
    assert obj["PA"]["senate"] == {"yeas": 7, "nays": 92}
    assert obj["PA"]["house"] == {"yeas": 138, "nays": 282}
    assert obj["GA"]["outcome"].startswith("not_in_order")


@pytest.mark.parametrize(("year", "state", "senate", "house"), [
    (1968, "NC", (33, 58), (170, 228)), (2004, "OH", (1, 74), (31, 267))])
def test_count_recorded_objections(cli: CLI, year: int, state: str,
                                   senate: tuple[int, int], house: tuple[int, int]) -> None:
    doc = json.loads(cli("count", str(year), "-f", "json").out)
    o = next(o for o in doc["objections"] if o["state"] == state)
    assert (o["senate"]["yeas"], o["senate"]["nays"]) == senate
    assert (o["house"]["yeas"], o["house"]["nays"]) == house


def test_objection_ruling(cli: CLI) -> None:
    doc = json.loads(cli("objection", "2024", "AZ", "--senators", "1", "--representatives",
                         "61", "-f", "json").out)
    assert doc["in_order"] is False and doc["needed_senators"] == 20


def test_tally_example_reproduces_2020(cli: CLI) -> None:
    r = cli("tally", str(EXAMPLES / "returns-2020.csv"), "--year", "2020", "-f", "json")
    doc = json.loads(r.out)
    assert [(p["name"], p["electoral_votes"]) for p in doc["president"]] == [
        ("Joseph R. Biden Jr.", 306), ("Donald J. Trump", 232)]
    assert doc["source"] == "tally"


def test_tally_json_input_declares_its_year(cli: CLI, tmp_path: Path) -> None:
    rows = list(csv.DictReader((EXAMPLES / "returns-2020.csv").open()))
    p = tmp_path / "r.json"
    p.write_text(json.dumps({"year": 2020, "rows": [
        {k: (int(v) if k == "votes" else v) for k, v in r.items()} for r in rows]}))
    doc = json.loads(cli("tally", str(p), "-f", "json").out)
    assert doc["president"][0]["electoral_votes"] == 306


def test_tie_goes_to_the_house(cli: CLI) -> None:
    tie = str(EXAMPLES / "tie-2020.csv")
    doc = json.loads(cli("tally", tie, "--year", "2020", "-f", "json").out)
    assert [p["electoral_votes"] for p in doc["president"]] == [269, 269]
    assert doc["decided_by"] == "undecided" and doc["president_elect"] is None
    doc = json.loads(cli("tally", tie, "--year", "2020", "--delegations",
                         str(EXAMPLES / "delegations.csv"), "-f", "json").out)
    house = doc["contingent_elections"][0]
    assert house["needed"] == 26 and house["votes"]["Donald J. Trump"] == 26
    assert doc["decided_by"] == "house" and doc["president_elect"] == "Donald J. Trump"


BAD = {
    "unknown_state.csv": ("state,candidate,votes\nPA,A,10\nXX,B,5\n", ":3: unknown state 'XX'"),
    "negative.csv": ("state,candidate,votes\nPA,A,-10\n", ":2: votes cannot be negative"),
    "fraction.csv": ("state,candidate,votes\nPA,A,1.5\n", ":2: votes must be a whole number"),
    "duplicate.csv": ("state,candidate,votes\nPA,A,1\nPA,A,2\n", ":3: duplicate row"),
    "missing.csv": ("state,votes\nPA,1\n", ":1: missing column(s): candidate"),
    "empty.csv": ("", ": empty file"),
    "header_only.csv": ("state,candidate,votes\n", ": no returns in file"),
    "short_row.csv": ("state,candidate,votes\nPA,A\n", ":2: 2 fields, expected 3"),
    "bad.json": ('[{"state": "PA", "candidate": "A", "votes": "x"}]', "votes must be a whole"),
    "broken.json": ('[{"state": "PA",', "invalid JSON"),
    "partial.csv": ("state,candidate,votes\nPA,A,1\n", "no returns for AK"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_returns_one_line_error(cli: CLI, tmp_path: Path, name: str) -> None:
    text, message = BAD[name]
    path = tmp_path / name
    path.write_text(text)
    before = path.read_bytes()
    r = cli("tally", str(path), "--year", "2020")
    assert r.code == 2
    assert r.out == ""
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert str(path) in r.err and message in r.err
    assert path.read_bytes() == before  # nothing stored or changed


@pytest.mark.parametrize(("args", "message"), [
    (("results", "2019"), "no presidential election was held in 2019"),
    (("results", "2028"), "no election 2028"),
    (("results", "2020", "--state", "ZZ"), "unknown state 'ZZ'"),
    (("results", "1960", "--state", "DC"), "DC appointed no electors in 1960"),
    (("timeline", "2021"), "no presidential election"),
    (("tally", "docs/examples/returns-2020.csv", "--year", "2019"), "2019"),
    (("sql", "drop table elections"), "only read-only queries"),
    (("sql", "select 1; select 2"), "one statement"),
    (("sql", "select * from read_csv('/etc/passwd')"), "SQL error"),
    (("objection", "2024", "AZ", "--senators", "-1"), "negative"),
])
def test_user_errors(cli: CLI, args: tuple[str, ...], message: str) -> None:
    r = cli(*args, cwd=ROOT)
    assert r.code == 2, (r.out, r.err)
    assert message in r.err and "Traceback" not in r.err
    assert r.err.count("\n") == 1


def test_usage_error_exit_code(cli: CLI) -> None:
    r = cli("results", "abc")
    assert r.code == 2 and "Traceback" not in r.err


def test_check_passes(cli: CLI) -> None:
    r = cli("check", "-f", "json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["ok"] and doc["years"] == 60 and doc["problems"] == []
    assert doc["checks"]["pipeline_vs_record"] > 4500 and doc["checks"]["outcome"] == 60


def test_sql(cli: CLI) -> None:
    r = cli("sql", "select sum(votes) as n from electoral_votes where year = 2020 "
                   "and office = 'P'", "-f", "json")
    assert json.loads(r.out) == [{"n": 538}]


def test_returns_roundtrip(cli: CLI, tmp_path: Path) -> None:
    out = cli("returns", "2016").out
    p = tmp_path / "r.csv"
    p.write_text(out)
    doc = json.loads(cli("tally", str(p), "--year", "2016", "-f", "json").out)
    assert {x["name"]: x["electoral_votes"] for x in doc["president"]} == {
        "Donald J. Trump": 306, "Hillary Clinton": 232}  # pledged, before the faithless votes
