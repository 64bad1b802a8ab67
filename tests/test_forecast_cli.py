"""`electoral forecast` and `electoral backtest`: JSON shape, polls, backtest scores, and
one-line errors with exit code 2 for bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from electoral.forecasting import average, packaged_polls, read_polls
from electoral.forecasting.polls import parse_polls
from tests.conftest import Run

CLI = Callable[..., Run]


def _inputs(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    p = tmp_path / "in.csv"
    p.write_text("unit,margin,sd\n" + "".join(f"{u},{m},{s}\n" for u, m, s in rows))
    return p


def _error(r: Run) -> str:
    assert r.code == 2, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert r.err.startswith("electoral: error: ")
    return r.err


def test_forecast_json_shape(cli: CLI) -> None:
    r = cli("forecast", "--from-year", "2020", "--swing", "R+2", "--sd", "3", "--national-sd",
            "3", "--engine", "montecarlo", "--sims", "20000", "--seed", "4", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert {"engine", "sims", "win_probability", "tie_probability", "no_majority_probability",
            "ev_distribution", "median_ev", "units", "inversion_probability"} <= set(doc)
    assert doc["engine"] == "montecarlo" and doc["sims"] == 20000 and doc["seed"] == 4
    assert set(doc["win_probability"]) == {"D", "R"}
    assert len(doc["ev_distribution"]["D"]) == 539 and doc["majority"] == 270
    assert len(doc["units"]) == 56
    pa = next(u for u in doc["units"] if u["unit"] == "PA")
    assert pa["electors"] == 19  # 2028 counts the 2020 census's electors
    assert {"win_probability", "tipping_point_probability"} <= set(pa)
    assert doc["standard_error"]["win_probability_D"] > 0


def test_forecast_input_file_csv(cli: CLI, tmp_path: Path) -> None:
    r = cli("returns", "2020")
    assert r.code == 0
    from electoral.forecasting.inputs import record_margins

    rows = [(u, f"{m:.3f}", "0") for u, (m, _) in sorted(record_margins(2020).items())]
    path = _inputs(tmp_path, rows)
    out = cli("forecast", str(path), "--electors-year", "2020", "-f", "csv")
    assert out.code == 0, out.err
    table = {x["unit"]: x for x in csv.DictReader(io.StringIO(out.out))}
    assert float(table["PA"]["p_dem"]) == 1.0 and float(table["ME-2"]["p_dem"]) == 0.0
    assert float(table["NE-2"]["p_dem"]) == 1.0
    doc = json.loads(cli("forecast", str(path), "--electors-year", "2020", "-f", "json").out)
    assert doc["median_ev"] == {"D": 306, "R": 232}
    assert doc["win_probability"]["D"] == 1.0


def test_forecast_condition_cli(cli: CLI) -> None:
    doc = json.loads(cli("forecast", "--from-year", "2020", "--swing", "R+2", "--sd", "3",
                         "--national-sd", "3", "--condition", "PA=R", "-f", "json").out)
    pa = next(u for u in doc["units"] if u["unit"] == "PA")
    assert pa["win_probability"]["R"] == 1.0
    assert doc["conditions"] == {"PA": "R"} and 0 < doc["condition_probability"] < 1


@pytest.mark.parametrize(("args", "needle"), [
    (["--from-year", "2020", "--sd", "-1"], "--sd: sd must be more than 0"),
    (["--from-year", "2020", "--national-sd", "-2"], "--national-sd: cannot be negative"),
    (["--from-year", "2020", "--condition", "XX=R"], "unknown voting unit"),
    (["--from-year", "2020", "--condition", "PA=maybe"], "expected UNIT=D or UNIT=R"),
    (["--from-year", "2020", "--swing", "up"], "swing must look like"),
    (["--from-year", "2019"], "2019"),
    (["--from-year", "2020", "--national-sd", "2", "--engine", "exact"], "independent units"),
    (["--from-year", "2020", "--df", "1.5", "--national-sd", "2"], "must exceed 2"),
    (["--from-year", "2020", "--engine", "montecarlo", "--sims", "0"], "sims must be"),
    ([], "give an input file"),
])
def test_forecast_bad_options(cli: CLI, args: list[str], needle: str) -> None:
    assert needle in _error(cli("forecast", *args))


def test_forecast_bad_files(cli: CLI, tmp_path: Path) -> None:
    unknown = _inputs(tmp_path, [("XX", "1", "3")])
    assert "unknown voting unit 'XX'" in _error(cli("forecast", str(unknown)))
    neg = _inputs(tmp_path, [("PA", "1", "-3")])
    assert "in.csv:2: PA: sd cannot be negative" in _error(cli("forecast", str(neg)))
    prob = tmp_path / "p.csv"
    prob.write_text("unit,p_dem,sd\nPA,1.4,3\n")
    assert "p_dem is a probability, in [0, 1]" in _error(cli("forecast", str(prob)))
    few = _inputs(tmp_path, [("PA", "1", "3")])
    assert "55 unit(s) missing" in _error(cli("forecast", str(few)))
    polls = tmp_path / "polls.csv"
    polls.write_text("state,pollster,end_date,dem\nPA,X,2024-10-01,48\n")
    assert "polls file missing column(s) rep" in _error(cli("forecast", "--polls", str(polls)))
    # a covariance that is not positive semi-definite
    from electoral.units import voting_units

    codes = [u.code for u in voting_units(2028)]
    cov = tmp_path / "cov.csv"
    lines = ["unit," + ",".join(codes)]
    for i, c in enumerate(codes):
        lines.append(c + "," + ",".join("4" if i == j else "3.9" if {i, j} == {0, 1} else "0"
                                       for j in range(len(codes))))
    cov.write_text("\n".join(lines) + "\n")
    ok = cli("forecast", "--from-year", "2020", "--covariance", str(cov), "-f", "json")
    assert ok.code == 0, ok.err  # 3.9 < 4: positive definite
    cov.write_text(cov.read_text().replace("3.9", "9"))
    assert "not positive semi-definite" in _error(
        cli("forecast", "--from-year", "2020", "--covariance", str(cov)))
    assert "no such file" in _error(cli("forecast", str(tmp_path / "nope.csv")))


def test_polls_average_house_effects_and_fallback() -> None:
    from electoral.forecasting.history import leans
    from electoral.forecasting.model import estimate

    avg = average(packaged_polls(2016), dt.date(2016, 11, 8), leans(2012))
    assert avg.national is not None and 0 < avg.national < 10  # Clinton led national polls
    assert avg.polls["PA"] > 10 and "NE-2" not in avg.polls  # no district polls: the prior
    est = estimate(2016, packaged_polls(2016))
    assert est.as_of == dt.date(2016, 11, 8)  # election day, 3 U.S.C. 1
    units = {u.unit: u for u in est.inputs.units}
    assert units["PA"].sd < units["NE-2"].sd  # polled units are surer than the prior
    # a pollster 4 points more Democratic everywhere is found out
    text = "state,pollster,end_date,sample_size,dem,rep\n" + "".join(
        f"{st},A,2024-10-{d:02d},800,{50 + (d % 3)},{50 - (d % 3)}\n"
        f"{st},B,2024-10-{d:02d},800,{52 + (d % 3)},{48 - (d % 3)}\n"
        for st in ("PA", "MI", "WI") for d in range(1, 21))
    fake = average(parse_polls(text, "fake.csv"), dt.date(2024, 11, 5), leans(2020))
    gap = fake.house_effects["B"] - fake.house_effects["A"]
    assert 3.0 < gap < 4.0  # found, and shrunk a little toward no house effect


def test_polls_filters_subpopulations(tmp_path: Path) -> None:
    p = tmp_path / "p.csv"
    p.write_text('"state","pollster","start.date","end.date","number.of.observations",'
                 '"population","trump","clinton"\n'
                 '"PA","X","2016-10-01","2016-10-03",800,"Likely Voters",45,48\n'
                 '"PA","X","2016-10-01","2016-10-03",NA,"Likely Voters - Democrat",8,88\n')
    polls = read_polls(p)
    assert len(polls) == 1 and polls[0].population == "lv" and polls[0].sample_size == 800
    assert polls[0].margin == pytest.approx(100 * 3 / 93)


def test_backtest_cli(cli: CLI) -> None:
    r = cli("backtest", "--years", "2012,2016", "--horizons", "0,30", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert [y["year"] for y in doc["years"]] == [2012, 2016]
    assert [(y["year"], y["days"]) for y in doc["by_horizon"]] == [
        (2012, 0), (2016, 0), (2012, 30), (2016, 30)]
    assert "Economist" in doc["years"][0]["source"]
    assert "--years" in _error(cli("backtest", "--years", "20x2"))
    assert "no packaged polls" in _error(cli("backtest", "--years", "2004"))
