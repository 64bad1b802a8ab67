"""`electoral live replay` and `electoral live update`: election night (electoral.live)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format

if TYPE_CHECKING:
    from electoral.live import LiveResult

live_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       help="Election night: partial county returns, the uncounted vote "
                            "estimated, race calls and the Electoral College (docs/live.md).")
app.add_typer(live_app, name="live", short_help="Election night: replays and live updates.")

COLUMNS = ["state", "electors", "counted_share", "margin", "low", "high", "p_dem", "called",
           "final_margin"]


def _emit(r: LiveResult, fmt: Format) -> None:
    from electoral.output import emit

    def pts(x: float | None) -> str | float | None:
        if x is None or fmt is not Format.table:
            return x
        return f"{'D' if x > 0 else 'R'}+{abs(x):.2f}" if round(x, 2) else "0.00"

    rows = [[s.state, s.electors,
             s.counted_share if fmt is not Format.table else f"{s.counted_share:.0%}",
             pts(s.margin), pts(s.low), pts(s.high),
             s.p_dem if fmt is not Format.table else f"{s.p_dem:.3f}", s.called or "",
             pts(s.final_margin)] for s in r.states]
    ev = r.electoral_votes
    footer = [f"{r.source}; baseline {r.baseline}",
              f"P(win): D {r.win_probability['D']:.3f}, R {r.win_probability['R']:.3f}; "
              f"median electoral votes D {ev['median']['D']}, R {ev['median']['R']} "
              f"(majority {ev['majority']})",
              f"called: D {ev['called']['D']}, R {ev['called']['R']} electors "
              "(district electors included)"]
    emit(fmt, r.to_dict(), COLUMNS, rows, f"Live {r.year}: margins with 90% intervals", footer)


@live_app.command(short_help="Replay election night on the packaged county results.")
def replay(
    year: Annotated[int, typer.Argument(help="2020 (baseline 2016) or 2024 (baseline 2020).")],
    at: Annotated[float, typer.Option("--at", help="Share of each state's vote counted, "
                                      "0-1 (1: the final count).")] = 0.5,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random order and of the "
                                      "model's simulations.")] = 0,
    order: Annotated[str, typer.Option("--order", help="random | small-first (small "
                                       "counties first, large urban ones last).")] = "random",
    fmt: FormatOpt = Format.table,
) -> None:
    """Reveal the counties of `year` in a reporting order up to a share of the vote and print
    the projected state margins, calls and the Electoral College (electoral.live.replay())."""
    from electoral.live import replay as run

    _emit(run(year, at, seed, order), fmt)


@live_app.command(short_help="Estimate and call from your partial county returns.")
def update(
    files: Annotated[list[Path], typer.Argument(help="Partial county returns (CSV or JSON), "
                                                "oldest first; the last is estimated.")],
    year: Annotated[int, typer.Option("--year", help="The election year.")],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the model's simulations.")] = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """Estimate the uncounted vote from partial county returns, call states and count the
    electors (electoral.live.update())."""
    from electoral.live import update as run

    _emit(run(list(files), year, seed), fmt)
