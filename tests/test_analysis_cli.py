"""The analysis commands: JSON shapes, formats, and one-line errors with exit code 2."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from tests.conftest import Run

CLI = Callable[..., Run]


def test_analyze_json(cli: CLI) -> None:
    r = cli("analyze", "2000", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["year"] == 2000 and doc["inversion"] is True
    assert doc["tipping_point"]["winner"] == {"unit": "FL", "electors": 25,
                                              "margin_points": doc["tipping_point"]["winner"][
                                                  "margin_points"], "margin_votes": 537}
    flip = doc["fewest_votes"]["switch_to_flip"]
    assert flip["total"] == 269 and flip["units"] == [{"unit": "FL", "votes": 269,
                                                       "electors": 25}]
    assert flip["result"]["outcome"] == "runner_up_elected"
    assert doc["bias_label"].startswith("R+")


def test_analyze_csv_rows(cli: CLI) -> None:
    r = cli("analyze", "2020", "-f", "csv")
    rows = {x["measure"]: x for x in csv.DictReader(io.StringIO(r.out))}
    assert rows["switch_to_deny_majority"]["units"] == "AZ:5229 GA:5890 WI:10342"
    assert rows["switch_to_deny_majority"]["result"] == "269-269 no_majority"
    assert rows["tipping_point_winner"]["units"] == "WI"


def test_power_json(cli: CLI) -> None:
    r = cli("power", "2020", "--districts", "--index", "shapley-shubik", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["census"] == 2020 and doc["quota"] == 270 and len(doc["units"]) == 56
    ca = doc["units"][0]
    assert ca["unit"] == "CA" and ca["electors"] == 54
    assert {"banzhaf", "banzhaf_raw", "shapley_shubik"} <= set(ca)
    ss = [u["shapley_shubik"] for u in doc["units"]]
    assert ss == sorted(ss, reverse=True)
    assert sum(ss) == pytest.approx(1, abs=1e-4)


def test_power_other_house_size(cli: CLI) -> None:
    doc = json.loads(cli("power", "2010", "--seats", "600", "-f", "json").out)
    assert doc["seats"] == 600 and doc["total"] == 600 + 100 + 3 and doc["quota"] == 352


def test_counterfactual_and_history(cli: CLI) -> None:
    doc = json.loads(cli("counterfactual", "2012", "--rule", "district", "-f", "json").out)
    assert doc["electoral_votes"] == {"Mitt Romney": 274, "Barack Obama": 264}
    assert doc["actual"]["president_elect"] == "Barack Obama" and doc["changed"] is True
    rows = list(csv.DictReader(io.StringIO(
        cli("history", "--metric", "inversions", "-f", "csv").out)))
    assert [int(x["year"]) for x in rows] == [1824, 1876, 1888, 2000, 2016]
    assert rows[0]["decided_by"] == "house"
    bias = json.loads(cli("history", "--metric", "bias", "-f", "json").out)
    y2020 = next(x for x in bias["rows"] if x["year"] == 2020)
    assert y2020["tipping_point"] == "WI" and y2020["bias_label"].startswith("R+")


@pytest.mark.parametrize(("args", "message"), [
    (("analyze", "1800"), "1800: the record has no popular vote for 1800"),
    (("analyze", "2019"), "2019: no presidential election was held in 2019"),
    (("counterfactual", "2016", "--rule", "lottery"), "--rule: unknown rule 'lottery'"),
    (("counterfactual", "2016", "--rule", "npvic", "--members", "CA,NY,XX"),
     "--members: unknown state 'XX' in the NPVIC members"),
    (("counterfactual", "2016", "--rule", "popular", "--members", "CA"),
     "--members: members apply only to the npvic rule"),
    (("counterfactual", "1948", "--rule", "district"), "1948: no votes by congressional"),
    (("power", "1955"), "1955: no census 1955"),
    (("power", "2020", "--seats", "0"), "--seats: the House needs at least one seat"),
    (("power", "2020", "--index", "gini"), "--index: unknown index 'gini'"),
    (("history", "--metric", "luck"), "--metric: unknown metric 'luck'"),
])
def test_bad_input_is_one_line_exit_2(cli: CLI, args: tuple[str, ...], message: str) -> None:
    r = cli(*args)
    assert r.code == 2
    assert r.err.startswith(f"electoral: error: {message}")
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
