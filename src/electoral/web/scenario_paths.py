"""Paths to victory on a user's map: the units rated Toss-up are the toss-ups, every other
unit goes to the side its rating leans to (electoral.analysis.paths)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from electoral.analysis.paths import MAX_SETS, Board, analyse, custom_board, decide
from electoral.errors import InputError
from electoral.web.scenario import Scenario, scenario_units


def scenario_board(s: Scenario, tossups: Iterable[str] = (),
                   probabilities: Mapping[str, float] | None = None) -> Board:
    """The board of a map: toss-ups are the units rated T and those in `tossups`; the rest
    hold their electors for the side of their rating (Safe, Likely and Lean alike)."""
    units = dict(scenario_units(s))
    extra = [t.strip().upper() for t in tossups if t.strip()]
    for code in extra:
        if code not in units:
            raise InputError(f"unknown unit {code!r} in this map (units: {', '.join(units)})",
                             "tossups")
    open_ = {u: n for u, n in units.items() if s.rating(u) == "T" or u in extra}
    held = {"D": 0, "R": 0, "O": 0}
    for u, n in units.items():
        if u not in open_:
            held[s.rating(u)[0]] += n  # D3/D2/D1 -> D, R.. -> R, O: the third candidate
    board = custom_board(open_, held, probabilities)
    return replace(board, year=s.year, candidates=dict(s.candidates))


def scenario_paths_document(s: Scenario, order: Iterable[str] | str | None = None,
                            decisions: Mapping[str, str] | None = None,
                            max_sets: int = 20) -> dict[str, Any]:
    """{"paths": ..., "branch": ...} as paths_document() gives for a year, for the map's own
    toss-ups; the branch (the decision tree's node) is always given."""
    if not 0 <= max_sets <= MAX_SETS:
        raise InputError(f"max_sets is from 0 to {MAX_SETS}", "max_sets")
    p = analyse(scenario_board(s), max_sets)
    return {"paths": p.to_dict(), "branch": decide(p, order, decisions).to_dict()}
