"""The paths command: every way the toss-ups can fall (electoral.analysis.paths)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Annotated, Any

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format

if TYPE_CHECKING:
    from electoral.analysis.paths import Paths

FOOTER_WIDTH = 100


def _pairs(text: str | None, place: str) -> dict[str, str] | None:
    """"PA=D,GA=R" -> {"PA": "D", "GA": "R"}; `place` names the Python parameter (the CLI
    shows it as its option)."""
    from electoral.errors import InputError

    if text is None:
        return None
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().upper()
        if not sep or not key or not value.strip():
            raise InputError(f"expected UNIT=VALUE pairs like PA=D, got {part.strip()[:40]!r}",
                             place)
        if key in out:
            raise InputError(f"{key} given twice", place)
        out[key] = value.strip()
    return out


def _probabilities(text: str | None) -> dict[str, float] | None:
    from electoral.errors import InputError

    pairs = _pairs(text, "probabilities")
    if pairs is None:
        return None
    out: dict[str, float] = {}
    for unit, value in pairs.items():
        try:
            out[unit] = float(value)
        except ValueError:
            raise InputError(f"{unit}: a probability is a number from 0 to 1, got "
                             f"{value[:20]!r}", "probabilities") from None
    return out


def _wrapped(head: str, items: list[str]) -> list[str]:
    return textwrap.wrap(f"{head}: {', '.join(items)}", FOOTER_WIDTH,
                         subsequent_indent="  ", break_on_hyphens=False)


@app.command(short_help="Every way the toss-ups can fall: paths to a majority.")
def paths(
    year: Annotated[int, typer.Argument(help="Election year: its units, electors and (for "
                                             "units not named) record.")],
    tossup: Annotated[str | None, typer.Option(
        "--tossup", "-t", help="Toss-up units, comma-separated: AZ,GA,NE-2.")] = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", help="A scenario file (JSON or CSV) or share code: its Toss-up units "
                           "are the toss-ups, the others go to their rating's side; YEAR "
                           "must be the scenario's.")] = None,
    fixed: Annotated[str | None, typer.Option(
        "--fixed", help="Units set to a side, e.g. PA=D,GA=R (D, R or O for a third "
                        "candidate); the rest go as in the record.")] = None,
    probabilities: Annotated[str | None, typer.Option(
        "--probability", help="Democratic probability per toss-up, e.g. PA=0.6 (default "
                              "0.5 each).")] = None,
    order: Annotated[str | None, typer.Option(
        "--order", help="Decision-tree order of the toss-ups, e.g. PA,GA (default: most "
                        "electors first).")] = None,
    decision: Annotated[str | None, typer.Option(
        "--decide", help="Toss-ups decided so far in the tree, e.g. PA=D,GA=R.")] = None,
    sets: Annotated[int, typer.Option(
        "--sets", min=0, max=1000, help="Minimal winning sets to list per side.")] = 10,
    apportionment: Annotated[int | None, typer.Option(
        "--apportionment", help="Electors of this census's apportionment.")] = None,
    house_size: Annotated[int | None, typer.Option(
        "--house-size", help="Electors from a House of this size.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Count every combination of the toss-ups going D or R, the other units fixed: wins of
    each side (a majority of the electors appointed, amend. XII), no-majority combinations,
    must-win units, minimal winning sets, exact probabilities (paths()); with --order or
    --decide, one node of the decision tree (decide())."""
    from electoral.analysis.paths import analyse
    from electoral.analysis.paths import paths as run
    from electoral.errors import InputError

    if scenario is not None:
        if fixed is not None or apportionment is not None or house_size is not None:
            raise InputError("--scenario gives every unit's side and electors: leave out "
                             "--fixed, --apportionment and --house-size", "scenario")
        from electoral.web.mapfile import scenario_from
        from electoral.web.scenario_paths import scenario_board

        s = scenario_from(scenario)
        if s.year != year:
            raise InputError(f"the scenario is of {s.year}, not {year}", "scenario")
        p = analyse(scenario_board(s, (tossup or "").split(","),
                                   _probabilities(probabilities)), sets)
        _show(p, year, order, decision, fmt)
        return
    if tossup is None:
        raise InputError("name the toss-ups (--tossup AZ,GA) or give a --scenario", "tossup")
    electors = None
    if apportionment is not None or house_size is not None:
        from electoral.apportionment import electors_for

        electors = electors_for(year, apportionment, house_size)
    p = run(year, tossup, _pairs(fixed, "fixed"), _probabilities(probabilities), electors,
            sets)
    _show(p, year, order, decision, fmt)


def _show(p: Paths, year: int, order: str | None, decision: str | None, fmt: Format) -> None:
    from electoral.analysis.paths import decide
    from electoral.output import emit

    names = dict(p.board.candidates or {})
    b = p.board
    if order is not None or decision is not None:
        branch = decide(p, order, _pairs(decision, "decisions"))
        doc: dict[str, Any] = {"paths": p.to_dict(), "branch": branch.to_dict()}
        cols = ["branch", "combinations", "D_wins", "R_wins", "no_majority", "p_D", "p_R",
                "decided"]
        nodes = [("now", branch.now)]
        if branch.next is not None:
            nodes += [(f"{branch.next}={s}", branch.children[s]) for s in ("D", "R")]
        tree = [[label, t.combinations, t.wins["D"], t.wins["R"], t.no_majority,
                 round(t.probability["D"], 4), round(t.probability["R"], 4), t.decided]
                for label, t in nodes]
        made = ", ".join(f"{u}={s}" for u, s in branch.decisions) or "nothing decided"
        title = (f"{year}: {made}; D {branch.held['D']}, R {branch.held['R']}, "
                 f"{len(branch.remaining)} toss-ups left (majority {branch.majority})")
        emit(fmt, doc, cols, tree, title, _wrapped("order", list(branch.order)))
        return
    cols = ["side", "candidate", "fixed", "needs", "wins", "share", "probability", "must_win",
            "minimal_sets", "smallest"]
    rows: list[list[Any]] = []
    for side in ("D", "R"):
        w = p.minimal_winning_sets[side]
        rows.append([side, names.get(side), b.held.get(side, 0), max(b.needs(side), 0),
                     p.wins[side], round(p.wins[side] / p.combinations, 4),
                     round(p.probability[side], 4), " ".join(p.must_win[side]) or None,
                     w.total, w.smallest])
    rows.append(["none", "no majority: the House", None, None,
                 p.no_majority, round(p.no_majority / p.combinations, 4),
                 round(p.probability["no_majority"], 4), None, None, None])
    title = (f"{year}: {len(b.tossups)} toss-up{'' if len(b.tossups) == 1 else 's'} "
             f"({b.tossup_electors} electors), "
             f"{p.combinations:,} combinations; majority {b.majority} of "
             f"{b.electors_appointed} electors appointed"
             + (f", {b.held['O']} for others" if b.held.get("O") else ""))
    footer: list[str] = [*p.notes]
    if p.ties != p.no_majority:
        footer.append(f"ties: {p.ties} of the no-majority combinations leave D and R level")
    for side in ("D", "R"):
        w = p.minimal_winning_sets[side]
        if not w.sets or w.smallest == 0:
            continue
        head = (f"{side} minimal winning sets"
                + (f" (first {len(w.sets)} of {w.total:,})" if w.truncated else ""))
        footer += _wrapped(head, ["+".join(s) for s in w.sets])
    emit(fmt, p.to_dict(), cols, rows, title, footer)
