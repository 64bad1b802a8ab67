"""The web app's maps: a year of the record, and a user's scenario, as map views."""

from __future__ import annotations

from electoral.maps.view import (
    RATING_FILLS,
    RATING_INKS,
    LegendItem,
    MapView,
    UnitView,
    result_view,
)
from electoral.web.scenario import RATING_LABELS, Scenario, scenario_units, totals

__all__ = ["RATING_FILLS", "RATING_INKS", "history_view", "scenario_view"]


def history_view(year: int) -> MapView:
    """The record's map of `year` (see electoral.maps.view.result_view)."""
    from electoral.results import results

    return result_view(results(year))


def scenario_view(s: Scenario) -> MapView:
    """A scenario's map: each unit in its rating's colour."""
    from electoral.states import state_name

    units = []
    for unit, n in scenario_units(s):
        r = s.rating(unit)
        state, _, dist = unit.partition("-")
        where = state_name(state) + (f" district {dist}" if dist else "")
        units.append(UnitView(unit, n, RATING_FILLS[r], RATING_INKS[r],
                              f"{where}: {n} elector{'s' if n != 1 else ''}, "
                              f"{RATING_LABELS[r]}", r))
    t = totals(s)
    legend = tuple(LegendItem(RATING_LABELS[r], RATING_FILLS[r], t.by_rating[r], r)
                   for r in ("D3", "D2", "D1", "T", "R1", "R2", "R3"))
    title = (s.name or f"Scenario, {s.year}") + (f" ({s.candidates['D']} {t.side('D')}, "
                                                 f"{s.candidates['R']} {t.side('R')})")
    return MapView(title, tuple(units), legend, t.majority, t.electors_appointed)
