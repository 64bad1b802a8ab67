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


@app.command(short_help="Electoral-vote forecast: exact, quadrature or Monte Carlo.")
def forecast(
    input_file: Annotated[Path | None, typer.Argument(
        metavar="[INPUT]", help="CSV or JSON: unit,margin,sd (points, D minus R).")] = None,
    from_year: Annotated[int | None, typer.Option(
        "--from-year", help="Prior: this election's results plus --swing.")] = None,
    swing: Annotated[str, typer.Option("--swing", help="National swing, e.g. D+1.5 or R+2.")
                     ] = "0",
    sd: Annotated[float, typer.Option("--sd", help="Each unit's own error (points), for the "
                                      "prior.")] = 4.0,
    polls: Annotated[Path | None, typer.Option(
        "--polls", help="Polls CSV: state, pollster, start_date, end_date, sample_size, "
                        "population, dem, rep.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Use polls ended before this "
                                              "date (YYYY-MM-DD; default: election day).")
                     ] = None,
    electors_year: Annotated[int | None, typer.Option(
        "--electors-year", help="Election whose electors count (default: the next).")] = None,
    national_sd: Annotated[float, typer.Option("--national-sd", help="Shared national error "
                                               "(points).")] = 0.0,
    regional_sd: Annotated[float, typer.Option("--regional-sd", help="Shared error per BEA "
                                               "region (points).")] = 0.0,
    df: Annotated[float | None, typer.Option("--df", help="Student-t degrees of freedom of "
                                             "the shared error (fat tails).")] = None,
    correlation: Annotated[str | None, typer.Option(
        "--correlation", help="Correlate units' own errors: economist or history.")] = None,
    covariance: Annotated[Path | None, typer.Option(
        "--covariance", help="CSV unit,<units...>: full covariance of the errors (points²)."
    )] = None,
    engine: Annotated[str | None, typer.Option(
        "--engine", help="exact | quadrature | montecarlo (default: exact if independent, "
                         "else quadrature).")] = None,
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
    fmt: FormatOpt = Format.table,
) -> None:
    """The electoral-vote distribution from expected margins and an error model (forecast())."""
    from electoral.errors import InputError
    from electoral.forecasting import ErrorModel
    from electoral.forecasting import forecast as run
    from electoral.output import emit

    day = None
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise InputError(f"not a date: {as_of!r} (YYYY-MM-DD)", "--as-of") from None
    errors = ErrorModel(national_sd, regional_sd, df, correlation,
                        str(covariance) if covariance else None)
    f = run(input_file, year=electors_year, from_year=from_year, swing=swing, sd=sd,
            polls=polls, as_of=day, errors=errors, engine=engine, sims=sims, seed=seed,
            conditions=condition, chunk=chunk, scheduler=scheduler, tipping=tipping)
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
    if f.inversion_probability is not None:
        footer.append(f"Popular-vote winner loses the college: {_pct(f.inversion_probability)}"
                      f"{pm('inversion_probability')}")
    if f.conditions:
        cond = ", ".join(f"{k}={v}" for k, v in f.conditions.items())
        ess = (f"; effective sample size {f.effective_sample_size:,}"
               if f.effective_sample_size is not None else "")
        footer.append(f"Given {cond} (probability {_pct(f.condition_probability)}){ess}")
    footer += [f"note: {n}" for n in f.notes]
    emit(fmt, doc, cols, rows, title, footer)


@app.command(short_help="Score forecasts of past elections against the record.")
def backtest(
    years: Annotated[str, typer.Option("--years", help="Comma-separated election years.")
                     ] = "2008,2012,2016,2020,2024",
    polls: Annotated[Path | None, typer.Option(
        "--polls", help="Polls CSV with a cycle column (default: the packaged polls).")] = None,
    national_sd: Annotated[float, typer.Option("--national-sd", help="Shared national error "
                                               "(points).")] = 2.5,
    fmt: FormatOpt = Format.table,
) -> None:
    """Forecast each election from the polls before its election day; Brier score, log loss,
    units called, calibration (backtest())."""
    from electoral.errors import InputError
    from electoral.forecasting import ErrorModel
    from electoral.forecasting import backtest as run
    from electoral.output import emit

    try:
        ys = [int(y) for y in years.split(",") if y.strip()]
    except ValueError:
        raise InputError(f"expected years like 2008,2012, got {years!r}", "--years") from None
    b = run(ys, polls, ErrorModel(national_sd=national_sd))
    cols = ["year", "units", "brier", "brier_weighted", "log_loss", "log_loss_weighted",
            "called", "p_dem_win", "median_ev_dem", "actual_ev_dem", "missed"]
    rows: list[list[Any]] = [
        [str(y.year) if fmt is Format.table else y.year, y.units, round(y.brier, 4),
         round(y.brier_weighted, 4), round(y.log_loss, 4), round(y.log_loss_weighted, 4),
         y.called, round(y.win_probability_d, 4), y.median_ev_d, y.actual_ev_d,
         " ".join(y.missed)] for y in b.years]
    if fmt is not Format.table:
        cols.append("source")
        for r, y in zip(rows, b.years, strict=True):
            r.append(y.source)
    footer = [f"{y.year}: {y.source}" for y in b.years]
    footer += [f"Pooled Brier {b.brier:.4f}, electors-weighted {b.brier_weighted:.4f} "
               f"(national error sd {b.error_model.national_sd:g} points)",
               "Calibration (P(Democrat) bin: units, mean forecast, share won):"]
    footer += [f"  {c.low:.2f}-{c.high:.2f}: {c.units}, "
               f"{'' if c.mean_forecast is None else f'{c.mean_forecast:.3f}'}, "
               f"{'' if c.observed is None else f'{c.observed:.3f}'}" for c in b.calibration]
    emit(fmt, b.to_dict(), cols, rows, "Backtest against the record", footer)
