"""The forecast model (issue 11): polls by cycle, the fundamentals, the fitted errors, the
backtest's scores, leave-future-out, the daily series and the charts."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from electoral.errors import InputError
from electoral.forecasting import ErrorModel, forecast, prior
from electoral.forecasting.backtest import backtest
from electoral.forecasting.polls import packaged_polls, parse_polls
from tests.conftest import Run

CLI = Callable[..., Run]
PACKAGED = Path(str(resources.files("electoral"))) / "data" / "forecast_polls.csv"


@pytest.fixture(scope="module")
def eve() -> dict[int, float]:
    """P(Democrat) on election eve with the default model and engine, 2008-2024."""
    return {y: forecast(polls="packaged", year=y).win_probability["D"]
            for y in (2008, 2012, 2016, 2020, 2024)}


def test_election_eve_forecasts_are_ones_a_forecaster_would_publish(eve: dict[int, float]
                                                                    ) -> None:
    assert 0.60 <= eve[2016] <= 0.85  # Clinton: 538 had 71%, the Economist 75-88%
    assert 0.80 <= eve[2020] <= 0.97  # Biden: 538 89%, the Economist 97%
    assert max(eve[2024], 1 - eve[2024]) <= 0.75  # 2024: a toss-up at 538 and the Economist
    assert eve[2008] > 0.95  # Obama 2008: 538 98.9%


def test_polls_of_other_cycles_are_not_read(cli: CLI) -> None:
    r = cli("forecast", "--polls", str(PACKAGED), "--electors-year", "2024", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    eday = dt.date(2024, 11, 5)
    # public by the eve (two days' lag) and within the year the average reads
    public = [p for p in packaged_polls(2024)
              if p.end + dt.timedelta(days=2) < eday and (eday - p.end).days <= 365]
    assert doc["model"]["polls"] == len(public)  # the 2024 cycle's polls, no other
    # and the forecast is the one made from the 2024 polls alone
    alone = forecast(polls=packaged_polls(2024), year=2024)
    assert doc["win_probability"]["D"] == pytest.approx(alone.win_probability["D"], abs=1e-12)


def test_polls_without_a_cycle_must_lie_inside_it(tmp_path: Path) -> None:
    p = tmp_path / "p.csv"
    p.write_text("state,pollster,end_date,dem,rep\nPA,X,2020-10-01,50,45\n")
    with pytest.raises(InputError, match="outside the 2024 cycle"):
        forecast(polls=p, year=2024)


@pytest.mark.parametrize(("text", "needle"), [
    ("state,pollster,dem,rep\nPA,X,50,45\n", "missing column(s) end_date"),
    ("state,pollster,end_date\nPA,X,2024-10-01\n", "missing column(s) dem, rep"),
    ("state,pollster,end_date,dem,rep\nPA,X,not-a-date,50,45\n", "not a date"),
    ("state,pollster,end_date,dem,rep\nPA,X,2024-10-01,nan,45\n", "finite number"),
    ("state,pollster,end_date,dem,rep\nPA,X,2024-10-01,70,45\n", "sum to at most 100"),
    ("state,pollster,end_date,dem,rep\nXX,X,2024-10-01,50,45\n", "XX"),
])
def test_bad_polls_files(tmp_path: Path, text: str, needle: str) -> None:
    p = tmp_path / "p.csv"
    p.write_text(text)
    with pytest.raises(InputError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        forecast(polls=p, year=2024)


def test_bad_polls_files_at_the_command_line(cli: CLI, tmp_path: Path) -> None:
    p = tmp_path / "p.csv"
    p.write_text("state,pollster,end_date,dem,rep\nPA,X,2024-10-01,50,45\n")
    for args, needle in ((["--as-of", "2019-06-01"], "outside the 2024 cycle"),
                         (["--sd", "0"], "--sd"), (["--swing", "D+1"], "--swing"),
                         (["--national-sd", "nan"], "--national-sd")):
        r = cli("forecast", "--polls", str(p), "--electors-year", "2024", *args)
        assert r.code == 2 and len(r.err.strip().splitlines()) == 1, r.err
        assert needle in r.err, r.err
    r = cli("forecast", "--from-year", "2020", "--sd", "0")
    assert r.code == 2 and "sd must be more than 0" in r.err


def test_fivethirtyeight_long_format_pairs_each_question() -> None:
    text = ("poll_id,question_id,pollster,state,start_date,end_date,sample_size,population,"
            "party,answer,pct,numeric_grade\n"
            "1,11,A,Pennsylvania,2024-10-01,2024-10-03,800,lv,DEM,Harris,48,2.8\n"
            "1,11,A,Pennsylvania,2024-10-01,2024-10-03,800,lv,REP,Trump,47,2.8\n"
            "1,12,A,Pennsylvania,2024-10-01,2024-10-03,800,lv,DEM,Harris,46,2.8\n"
            "1,12,A,Pennsylvania,2024-10-01,2024-10-03,800,lv,REP,Trump,45,2.8\n"
            "1,12,A,Pennsylvania,2024-10-01,2024-10-03,800,lv,IND,Kennedy,4,2.8\n")
    polls = parse_polls(text, "538.csv")
    assert len(polls) == 1  # two questions of one poll: the fuller ballot is kept
    p = polls[0]
    assert (p.unit, p.dem, p.rep, p.grade, p.population) == ("PA", 46.0, 45.0, 2.8, "lv")
    assert p.other == pytest.approx(9.0)


def test_the_packaged_2024_polls_pair_harris_with_trump() -> None:
    polls = packaged_polls(2024)
    assert len(polls) > 1000 and all(p.grade is not None for p in polls)
    last = [p for p in polls if p.unit == "PA" and p.end >= dt.date(2024, 11, 1)]
    assert last and all(40 < p.dem < 55 and 40 < p.rep < 55 for p in last)


def test_fundamentals_read_the_record_and_agree_with_abramowitz() -> None:
    from electoral.forecasting.fundamentals import fit, incumbent_share

    # Abramowitz's incumbent-party share (abramowitz_data.csv), an independent reference.
    reference = {1948: 52.3, 1960: 49.9, 1968: 49.6, 1980: 44.7, 1992: 46.5, 2000: 50.3,
                 2008: 46.3, 2016: 51.1}
    for year, share in reference.items():
        assert incumbent_share(year) == pytest.approx(share, abs=0.1)
    f = fit(2024)
    assert f.years == tuple(range(1948, 2024, 4))
    assert f.b[1] > 0 and f.b[2] > 0 and f.b[3] > 0  # approval, growth, first term: all help


def test_no_parameter_reads_the_scored_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave-future-out: with every result from 2016 on hidden, the 2016 forecast (its
    fundamentals, lean changes, polling errors and bias) is exactly what it was."""
    import electoral.forecasting.calibrate as cal
    import electoral.forecasting.fundamentals as fund
    import electoral.forecasting.history as hist

    before = forecast(polls="packaged", year=2016).to_dict()
    real = hist.margins

    def margins(year: int) -> dict[str, tuple[float, int]]:
        if year >= 2016:
            raise AssertionError(f"the 2016 forecast read the {year} results")
        return real(year)

    for f in (cal.calibrate, fund.fit, hist.lean_change, hist.national_change):
        f.cache_clear()
    monkeypatch.setattr(hist, "margins", margins)
    try:
        after = forecast(polls="packaged", year=2016).to_dict()
    finally:
        for f in (cal.calibrate, fund.fit, hist.lean_change, hist.national_change):
            f.cache_clear()
    assert after == before


@pytest.fixture(scope="module")
def bt() -> object:
    return backtest()


def test_backtest_scores_against_the_record_and_538(bt: object) -> None:
    from electoral.forecasting.backtest import Backtest

    assert isinstance(bt, Backtest)
    years = {y.year: y for y in bt.years}
    assert {y: s.actual_ev_d for y, s in years.items()} == {
        2008: 365, 2012: 332, 2016: 232, 2020: 306, 2024: 226}
    assert years[2016].brier_weighted_51 <= 0.093  # 538 polls-plus; the Economist had .073
    assert bt.brier_weighted <= 0.0600
    fte = {b.year: b.log_loss_headline for b in bt.benchmarks if b.forecaster == "FiveThirtyEight"}
    assert sorted(fte) == [2008, 2012, 2016, 2020, 2024]
    # 538's finals: Obama 98.9%, 90.9%; Clinton 71.4%; Biden 89%; Harris 50%
    assert fte[2016] == pytest.approx(-math.log(1 - 0.714))
    mine = sum(years[y].log_loss_headline for y in fte) / 5
    assert mine < sum(fte.values()) / 5
    assert [h.days for h in bt.horizons] == [0, 7, 30, 60, 100]
    assert len(bt.by_horizon) == 25
    for b in bt.calibration:
        assert b.units == 0 or b.within_2se, b


def test_backtest_json_keeps_its_shape_and_one_year_alone_agrees(bt: object, cli: CLI) -> None:
    r = cli("backtest", "--years", "2016", "--horizons", "0", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    y = doc["years"][0]
    for key in ("year", "source", "units", "brier", "brier_weighted", "log_loss",
                "log_loss_weighted", "called", "missed", "win_probability_d", "median_ev_d",
                "actual_ev_d", "brier_weighted_51", "log_loss_headline"):
        assert key in y
    together = next(s for s in bt.years if s.year == 2016)  # type: ignore[attr-defined]
    assert y["brier_weighted_51"] == together.brier_weighted_51
    assert y["log_loss_headline"] == together.log_loss_headline
    assert y["win_probability_d"] == together.win_probability_d


def test_quadrature_agrees_with_montecarlo_on_national_and_regional_errors() -> None:
    from tests.test_forecast import _agree

    inp = prior(2020, "R+2", sd=3.0, year=2024)
    errors = ErrorModel(national_sd=3.0, regional_sd=2.0, df=6)
    q = forecast(inp, errors=errors)
    assert q.engine == "quadrature"
    mc = forecast(inp, errors=errors, engine="montecarlo", sims=1_000_000, seed=21)
    _agree(q, mc)


def test_2020_given_pennsylvania_to_the_republican() -> None:
    """The case that split the engines: quadrature and Monte Carlo now agree, Ohio too."""
    from tests.test_forecast import _close

    q = forecast(polls="packaged", year=2020, conditions="PA=R")
    mc = forecast(polls="packaged", year=2020, conditions="PA=R", engine="montecarlo",
                  sims=1_000_000, seed=5)
    n = mc.effective_sample_size or 0
    _close(q.win_probability["D"], mc.win_probability["D"], n, "win D | PA=R")
    _close(q.unit("OH").win_probability["D"], mc.unit("OH").win_probability["D"], n,
           "OH | PA=R")


def test_a_correlation_matrix_runs_by_monte_carlo() -> None:
    inp = prior(2012, "0", sd=4.0, year=2016)
    f = forecast(inp, errors=ErrorModel(national_sd=2.0, correlation="economist"), sims=20_000)
    assert f.engine == "montecarlo"
    with pytest.raises(InputError, match="needs the montecarlo engine"):
        forecast(inp, errors=ErrorModel(correlation="economist"), engine="quadrature")


def test_the_economist_matrix_is_transformed_as_its_model_does() -> None:
    from electoral.forecasting.errors import economist_correlation

    _, c = economist_correlation()
    off = c[~np.eye(len(c), dtype=bool)]
    assert off.min() >= -1e-9 and off.mean() > 0.25  # no negatives; shrunk toward 1
    assert np.linalg.eigvalsh(c).min() > -1e-9  # positive semi-definite


def test_a_probability_input_keeps_its_probability_under_a_national_error(tmp_path: Path
                                                                          ) -> None:
    from electoral.units import voting_units

    rows = ["unit,margin,p_dem,sd"] + [f"{u.code},{'' if u.code == 'PA' else -30},"
                                       f"{0.8 if u.code == 'PA' else ''},3"
                                       for u in voting_units(2028)]
    p = tmp_path / "in.csv"
    p.write_text("\n".join(rows) + "\n")
    f = forecast(p, errors=ErrorModel(national_sd=3.0))
    assert f.unit("PA").win_probability["D"] == pytest.approx(0.8, abs=1e-9)


def test_fat_tails_widen() -> None:
    inp = prior(2020, "0", sd=3.0, year=2024)
    normal = forecast(inp, errors=ErrorModel(national_sd=3.0))
    fat = forecast(inp, errors=ErrorModel(national_sd=3.0, df=4))
    width = lambda f: f.intervals["D"]["95"][1] - f.intervals["D"]["95"][0]  # noqa: E731
    assert width(fat) > width(normal)
    assert fat.unit("PA").sd > normal.unit("PA").sd  # the t's sd: scale * sqrt(df / (df - 2))


def test_uncertainty_grows_with_the_days_left() -> None:
    from electoral.forecasting.model import estimate

    polls = packaged_polls(2020)
    near = estimate(2020, polls, dt.date(2020, 11, 2))
    far = estimate(2020, polls, dt.date(2020, 9, 2))
    assert far.national.sd > near.national.sd
    assert far.errors.regional_sd > near.errors.regional_sd


def test_series_matches_the_day_forecasts_and_draws() -> None:
    from electoral.forecasting.charts import series_svg, snake_svg
    from electoral.forecasting.series import forecast_series

    s = forecast_series(2024, "packaged", dt.date(2024, 10, 1), dt.date(2024, 11, 5), step=7)
    assert [d.date for d in s.days][:2] == [dt.date(2024, 10, 1), dt.date(2024, 10, 8)]
    day = forecast(polls="packaged", year=2024, as_of=s.days[-1].date)
    assert s.days[-1].win_probability["D"] == pytest.approx(day.win_probability["D"], abs=1e-6)
    svg = series_svg(s)
    assert svg.startswith("<svg") and svg.count("<polyline") == 2
    snake = snake_svg(day)
    assert snake.count("<rect") == len(day.units) and "270 to win" in snake


def test_series_at_the_command_line(cli: CLI, tmp_path: Path) -> None:
    chart = tmp_path / "p.svg"
    r = cli("forecast", "--polls", "packaged", "--electors-year", "2020", "--from", "2020-10-01",
            "--to", "2020-10-10", "--svg", str(chart), "-f", "csv")
    assert r.code == 0, r.err
    lines = r.out.strip().splitlines()
    assert lines[0].startswith("date,p_dem,p_rep") and len(lines) == 11
    assert chart.read_text().startswith("<svg")
    bad = cli("forecast", "--polls", "packaged", "--electors-year", "2020", "--from", "2021-01-01")
    assert bad.code == 2 and "outside the 2020 cycle" in bad.err


def test_scenario_probabilities() -> None:
    f = forecast(polls="packaged", year=2020, engine="montecarlo", sims=200_000, seed=3)
    sc = f.scenarios
    assert sc["tie"] == f.tie_probability and sc["no_majority"] == f.no_majority_probability
    assert sc["inversion"] is not None and 0 <= sc["inversion"] < 0.2
    assert sc["recount"] is not None and 0 <= sc["recount"] < 0.2
    assert 0.3 < sc["landslide_D"] < 0.8  # Biden's median was 357 electoral votes
    q = forecast(polls="packaged", year=2020)
    assert q.scenarios["landslide_D"] == pytest.approx(sc["landslide_D"], abs=0.01)
    nv = q.national_vote
    assert nv is not None and nv["80"][0] < nv["mean"] < nv["80"][1]
