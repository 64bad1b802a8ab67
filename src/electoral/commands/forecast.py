"""`electoral forecast` and `electoral backtest` (electoral.forecast)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format


def _pct(p: float | None) -> str:
    return "" if p is None else f"{100 * p:.1f}%"


def _date(text: str | None, flag: str) -> dt.date | None:
    from electoral.errors import InputError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"not a date: {text[:20]!r} (YYYY-MM-DD)", flag) from None


def _write_svg(path: Path, svg: str) -> None:
    from electoral.errors import InputError

    if not path.parent.is_dir():
        raise InputError("no such folder", str(path.parent))
    if path.suffix.lower() != ".svg":
        raise InputError("the chart is SVG: name the file .svg", str(path))
    path.write_text(svg, encoding="utf-8")


@app.command(short_help="Electoral-vote forecast: from polls, a prior or your margins.")
def forecast(
    input_file: Annotated[Path | None, typer.Argument(
        metavar="[INPUT]", help="CSV or JSON: unit,margin,sd (points, D minus R).")] = None,
    polls: Annotated[str | None, typer.Option(
        "--polls", help="Polls CSV (FiveThirtyEight's or the Economist's format, or one row per "
                        "poll with dem,rep), or 'packaged' for the polls that ship (2008-2024). "
                        "Only the --electors-year cycle's polls count.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Forecast as of this day: polls "
                                              "public before it (YYYY-MM-DD; default: election "
                                              "day).")] = None,
    start: Annotated[str | None, typer.Option(
        "--from", help="A daily series from this day (YYYY-MM-DD), with --polls.")] = None,
    end: Annotated[str | None, typer.Option(
        "--to", help="... to this day (default: election day).")] = None,
    step: Annotated[int, typer.Option("--step", help="Days between forecasts in a series.")
                    ] = 1,
    no_fundamentals: Annotated[bool, typer.Option(
        "--no-fundamentals", help="Polls only: no time-for-change prior.")] = False,
    from_year: Annotated[int | None, typer.Option(
        "--from-year", help="Prior: this election's results plus --swing.")] = None,
    swing: Annotated[str | None, typer.Option("--swing", help="National swing for the prior, "
                                              "e.g. D+1.5 or R+2 (default 0).")] = None,
    sd: Annotated[float | None, typer.Option("--sd", help="Each unit's own error (points) for "
                                             "the prior (default: fitted on history).")] = None,
    electors_year: Annotated[int | None, typer.Option(
        "--electors-year", help="The election forecast: its electors count and its polls are "
                                "read (default: the next).")] = None,
    national_sd: Annotated[float | None, typer.Option(
        "--national-sd", help="Shared national error (points; default: fitted with polls or "
                              "a prior, else 0).")] = None,
    regional_sd: Annotated[float | None, typer.Option(
        "--regional-sd", help="Shared error per BEA region (points; default as --national-sd)."
    )] = None,
    df: Annotated[float | None, typer.Option("--df", help="Student-t degrees of freedom of "
                                             "the national error (fat tails that widen).")
                  ] = None,
    correlation: Annotated[str | None, typer.Option(
        "--correlation", help="Correlate units' own errors: economist or history.")] = None,
    covariance: Annotated[Path | None, typer.Option(
        "--covariance", help="CSV unit,<units...>: full covariance of the errors (points²)."
    )] = None,
    engine: Annotated[str | None, typer.Option(
        "--engine", help="exact | quadrature | montecarlo (default: exact for independent "
                         "units, quadrature for national and regional errors, montecarlo for "
                         "a correlation or covariance).")] = None,
    sims: Annotated[int, typer.Option("--sims",
                                      help="Monte Carlo simulations (at most 100 million: "
                                           "about 70 s and 180 MB).")] = 100_000,
    seed: Annotated[int, typer.Option("--seed", help="Monte Carlo seed.")] = 0,
    chunk: Annotated[int | None, typer.Option("--chunk", help="Simulations per vectorised "
                                              "pass (memory bound).")] = None,
    condition: Annotated[str | None, typer.Option(
        "--condition", help="Given these results, e.g. PA=R,ME-2=D.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (montecarlo on a cluster).")] = None,
    tipping: Annotated[bool | None, typer.Option(
        "--tipping/--no-tipping", help="Tipping points from the exact engines by integration "
                                       "(default: on for exact, off for quadrature).")] = None,
    show: Annotated[str | None, typer.Option(
        "--units", help="List only these units in the table/CSV, e.g. PA,MI,WI (JSON: all).")
    ] = None,
    svg: Annotated[Path | None, typer.Option(
        "--svg", help="Also write a chart: the snake chart, or for a series the probability "
                      "over time (.svg).")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The electoral-vote distribution of an election (forecast()), or with --from a daily
    series (forecast_series())."""
    from dataclasses import replace

    from electoral.errors import InputError
    from electoral.forecasting import ErrorModel
    from electoral.forecasting.run import run_setup, setup
    from electoral.output import emit

    day = _date(as_of, "--as-of")
    if start is not None or end is not None:
        if polls is None or start is None:
            raise InputError("a series needs --polls and --from (and optionally --to)", "--from")
        if day is not None or input_file is not None or from_year is not None:
            raise InputError("a series is read from polls alone: drop --as-of, INPUT and "
                             "--from-year", "--from")
        return _series(polls, electors_year, _date(start, "--from"), _date(end, "--to"), step,
                       svg, fmt)
    if polls is not None and no_fundamentals is False and input_file is not None:
        raise InputError("give an INPUT file or --polls, not both", "--polls")
    st = setup(input_file, year=electors_year, from_year=from_year, swing=swing, sd=sd,
               polls=polls, as_of=day, fundamentals=not no_fundamentals)
    e = st.errors  # the user's choices replace the fitted (or default) ones
    st = replace(st, errors=ErrorModel(
        e.national_sd if national_sd is None else national_sd,
        e.regional_sd if regional_sd is None else regional_sd,
        e.df if df is None else df, e.correlation if correlation is None else correlation,
        e.covariance if covariance is None else str(covariance)))
    f = run_setup(st, engine=engine, sims=sims, seed=seed, conditions=condition, chunk=chunk,
                  scheduler=scheduler, tipping=tipping)
    if svg is not None:
        from electoral.forecasting.charts import snake_svg

        _write_svg(svg, snake_svg(f))
    doc = f.to_dict()
    cols = ["unit", "electors", "margin", "sd", "p_dem", "p_rep", "tipping_point",
            "win_if_dem", "win_if_rep", "decisive", "voter_power"]
    rows: list[list[Any]] = []
    listed = {c.strip().upper() for c in show.split(",")} if show else None
    unknown = sorted((listed or set()) - set(f.units_codes()))
    if unknown:
        raise InputError(f"unknown voting unit(s) {', '.join(unknown)}", "--units")
    for u in f.units:
        if listed is not None and u.unit not in listed:
            continue
        vals = [u.win_probability["D"], u.win_probability["R"], u.tipping_point_probability,
                u.win_given_unit["D"], u.win_given_unit["R"], u.decisive_probability]
        if fmt is Format.table:
            rows.append([u.unit, u.electors, f"{u.margin:+.1f}", f"{u.sd:.1f}",
                         *(_pct(v) for v in vals), f"{u.voter_power:.3f}"])
        else:
            rows.append([u.unit, u.electors, round(u.margin, 4), round(u.sd, 4),
                         *(None if v is None else round(v, 6) for v in vals),
                         round(u.voter_power, 6)])
    how = (f"{f.sims:,} simulations, seed {f.seed}" if f.engine == "montecarlo"
           else "no sampling")
    title = (f"Forecast for {f.year} ({f.engine}, {how}): {f.electors} electors, majority "
             f"{f.majority}; {f.source}")
    se = f.standard_error or {}

    def pm(key: str) -> str:
        return f" ± {100 * se[key]:.2f}" if key in se else ""

    footer = [
        f"Democrat wins {_pct(f.win_probability['D'])}{pm('win_probability_D')}, Republican "
        f"{_pct(f.win_probability['R'])}{pm('win_probability_R')}, "
        f"{f.electors // 2}-{f.electors // 2} tie {f.tie_probability:.4%}"
        f"{pm('tie_probability')}; no majority (the House decides, amend. XII) "
        f"{f.no_majority_probability:.4%}",
        f"Democrat's electoral votes: median {f.median_ev['D']}, 80% {f.intervals['D']['80'][0]}"
        f"-{f.intervals['D']['80'][1]}, 95% {f.intervals['D']['95'][0]}-"
        f"{f.intervals['D']['95'][1]}",
    ]
    if f.national_vote is not None:
        nv = f.national_vote
        footer.append(f"National popular vote (two-party margin, D minus R): {nv['mean']:+.1f}, "
                      f"80% {nv['80'][0]:+.1f} to {nv['80'][1]:+.1f}, 95% {nv['95'][0]:+.1f} "
                      f"to {nv['95'][1]:+.1f}")
    sc = f.scenarios
    footer.append(
        f"Landslide (over 350 electoral votes): Democrat {_pct(sc['landslide_D'])}, Republican "
        f"{_pct(sc['landslide_R'])}"
        + ("" if sc.get("recount") is None else
           f"; tipping-point margin under 0.5 point (recount range) {_pct(sc['recount'])}"))
    if f.inversion_probability is not None:
        footer.append(f"Popular-vote winner loses the college: {_pct(f.inversion_probability)}"
                      f"{pm('inversion_probability')}")
    if f.model is not None:
        n = f.model["national"]
        fund = ("none" if n["fundamentals"] is None else
                f"{n['fundamentals']:+.1f} (sd {n['fundamentals_sd']:.1f})")
        polls_ = "none" if n["polls"] is None else f"{n['polls']:+.1f} (sd {n['polls_sd']:.1f})"
        footer.append(f"Model as of {f.model['as_of']} ({f.model['days_to_election']} days "
                      f"out): national margin from the fundamentals {fund}, the polls {polls_}"
                      f", combined {n['margin']:+.1f} (sd {n['sd']:.1f})")
    if f.conditions:
        cond = ", ".join(f"{k}={v}" for k, v in f.conditions.items())
        ess = (f"; effective sample size {f.effective_sample_size:,}"
               if f.effective_sample_size is not None else "")
        footer.append(f"Given {cond} (probability {_pct(f.condition_probability)}){ess}")
    footer += [f"note: {n}" for n in f.notes]
    emit(fmt, doc, cols, rows, title, footer)


def _series(polls: str, year: int | None, start: dt.date | None, end: dt.date | None,
            step: int, svg: Path | None, fmt: Format) -> None:
    from electoral.forecasting.inputs import default_year
    from electoral.forecasting.series import forecast_series
    from electoral.output import emit

    assert start is not None
    series = forecast_series(year or default_year(), polls, start, end, step)
    if svg is not None:
        from electoral.forecasting.charts import series_svg

        _write_svg(svg, series_svg(series))
    cols = ["date", "p_dem", "p_rep", "median_ev_dem", "ev_dem_80_low", "ev_dem_80_high",
            "national_margin", "national_80_low", "national_80_high", "polls"]
    rows: list[list[Any]] = []
    for d in series.days:
        nv = d.national_vote or {"mean": None, "80": (None, None)}
        vals = [d.win_probability["D"], d.win_probability["R"]]
        if fmt is Format.table:
            rows.append([d.date.isoformat(), *(_pct(v) for v in vals), d.median_ev["D"],
                         d.intervals["80"][0], d.intervals["80"][1],
                         *(None if v is None else f"{v:+.1f}"
                           for v in (nv["mean"], nv["80"][0], nv["80"][1])), d.polls])
        else:
            rows.append([d.date.isoformat(), *(round(v, 6) for v in vals), d.median_ev["D"],
                         d.intervals["80"][0], d.intervals["80"][1],
                         *(None if v is None else round(v, 4)
                           for v in (nv["mean"], nv["80"][0], nv["80"][1])), d.polls])
    emit(fmt, series.to_dict(), cols, rows,
         f"Forecast for {series.year}, day by day ({series.source})")


@app.command(short_help="Score forecasts of past elections against the record.")
def backtest(
    years: Annotated[str, typer.Option("--years", help="Comma-separated election years.")
                     ] = "2008,2012,2016,2020,2024",
    polls: Annotated[Path | None, typer.Option(
        "--polls", help="Polls CSV with a cycle column (default: the packaged polls).")] = None,
    horizons: Annotated[str, typer.Option(
        "--horizons", help="Days before election day to forecast from (0: the eve).")
    ] = "0,7,30,60,100",
    fmt: FormatOpt = Format.table,
) -> None:
    """Forecast each election as the model would have, from the polls public before each
    horizon and parameters fitted on earlier elections only; Brier score (also on the
    Economist's 51-state basis), log loss, headline log loss, units called, calibration, and
    FiveThirtyEight's final forecasts scored beside (backtest())."""
    from electoral.errors import InputError
    from electoral.forecasting import backtest as run
    from electoral.output import emit

    def numbers(text: str, flag: str) -> list[int]:
        try:
            out = [int(y) for y in text.split(",") if y.strip()]
        except ValueError:
            raise InputError(f"expected whole numbers like 2008,2012, got {text[:40]!r}",
                             flag) from None
        if not out:
            raise InputError("give at least one", flag)
        return out

    b = run(numbers(years, "--years"), polls, numbers(horizons, "--horizons"))
    cols = ["year", "days", "brier", "brier_weighted", "brier_weighted_51", "log_loss",
            "log_loss_headline", "log_score_ev", "called", "p_dem_win", "median_ev_dem",
            "actual_ev_dem", "missed"]
    rows: list[list[Any]] = [
        [str(y.year) if fmt is Format.table else y.year, y.days, round(y.brier, 4),
         round(y.brier_weighted, 4), round(y.brier_weighted_51, 4), round(y.log_loss, 4),
         round(y.log_loss_headline, 4), round(y.log_score_ev, 3), y.called,
         round(y.win_probability_d, 4), y.median_ev_d, y.actual_ev_d, " ".join(y.missed)]
        for y in b.by_horizon]
    if fmt is not Format.table:
        cols.append("source")
        for r, y in zip(rows, b.by_horizon, strict=True):
            r.append(y.source)
    footer = [f"{y.year}: {y.source}" for y in b.years]
    footer += [f"{h.days:>3} days out: mean Brier (51 states) {h.brier_weighted_51:.4f}, mean "
               f"headline log loss {h.log_loss_headline:.3f}, pooled Brier {h.brier:.4f}, "
               f"electors-weighted {h.brier_weighted:.4f}" for h in b.horizons]
    if b.benchmarks:
        mine = {y.year: y.log_loss_headline for y in b.years}
        footer.append("Final forecasts, P(Democrat) and headline log loss, beside this model's "
                      "on the eve:")
        for k in b.benchmarks:
            footer.append(f"  {k.year} {k.forecaster} {k.win_probability_d:.3f} "
                          f"({k.log_loss_headline:.3f}); this model "
                          f"{next(y.win_probability_d for y in b.years if y.year == k.year):.3f} "
                          f"({mine[k.year]:.3f})")
        theirs = sum(k.log_loss_headline for k in b.benchmarks) / len(b.benchmarks)
        ours = sum(mine[k.year] for k in b.benchmarks) / len(b.benchmarks)
        footer.append(f"  mean headline log loss: FiveThirtyEight {theirs:.3f}, this model "
                      f"{ours:.3f}")
    footer.append("Calibration on the eve (the favourite's probability: units, mean, share "
                  "the favourite won, standard error, within 2 SE):")
    footer += [f"  {c.low:.2f}-{c.high:.2f}: {c.units}, "
               f"{'' if c.mean_forecast is None else f'{c.mean_forecast:.3f}'}, "
               f"{'' if c.observed is None else f'{c.observed:.3f}'}, "
               f"{'' if c.standard_error is None else f'{c.standard_error:.3f}'}, "
               f"{'' if c.within_2se is None else ('yes' if c.within_2se else 'NO')}"
               for c in b.calibration]
    emit(fmt, b.to_dict(), cols, rows, "Backtest against the record", footer)
