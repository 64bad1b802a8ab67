"""The web app's maps: a year of the record, and a user's scenario, as map views."""

from __future__ import annotations

from electoral.maps.view import (
    RATING_FILLS,
    RATING_INKS,
    LegendItem,
    MapView,
    UnitView,
    rating_fill,
    readable_ink,
    result_view,
)
from electoral.web.scenario import RATING_LABELS, Scenario, scenario_units, totals

__all__ = ["RATING_FILLS", "RATING_INKS", "history_view", "scenario_view"]


def history_view(year: int) -> MapView:
    """The record's map of `year` (see electoral.maps.view.result_view)."""
    from electoral.results import results

    return result_view(results(year))


def _label(s: Scenario, rating: str) -> str:
    """"Safe D", or with a candidate's own name "Lean Smith"; "Toss-up"; the third's name."""
    if rating == "O":
        return s.candidates.get("O", RATING_LABELS["O"])
    return RATING_LABELS[rating]


def scenario_view(s: Scenario) -> MapView:
    """A scenario's map: each unit in its rating's colour (the sides' own colours)."""
    from electoral.states import state_name

    colors = dict(s.colors)
    units = []
    for unit, n in scenario_units(s):
        r = s.rating(unit)
        state, _, dist = unit.partition("-")
        where = state_name(state) + (f" district {dist}" if dist else "")
        fill = rating_fill(r, colors)
        units.append(UnitView(unit, n, fill, readable_ink(fill),
                              f"{where}: {n} elector{'s' if n != 1 else ''}, "
                              f"{_label(s, r)}", r))
    t = totals(s)
    shown = ("D3", "D2", "D1", "T", "R1", "R2", "R3") + (("O",) if "O" in s.candidates else ())
    legend = tuple(LegendItem(_label(s, r), rating_fill(r, colors), t.by_rating[r], r)
                   for r in shown)
    third = f", {s.candidates['O']} {t.side('O')}" if "O" in s.candidates else ""
    title = (s.name or f"Scenario, {s.year}") + (f" ({s.candidates['D']} {t.side('D')}, "
                                                 f"{s.candidates['R']} {t.side('R')}{third})")
    return MapView(title, tuple(units), legend, t.majority, t.electors_appointed)
