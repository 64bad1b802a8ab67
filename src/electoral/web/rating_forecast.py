"""The forecast of a user's map: each rating stands for a margin, the electoral votes follow.

A rating is a documented distribution of the unit's margin (points, D minus R): Safe 15,
Likely 7, Lean 3, Toss-up 0, mirrored for the Republican, each with the unit's own error
(RATING_SD) plus a national error (RATING_NATIONAL_SD) and one per BEA region
(RATING_REGIONAL_SD): the sizes of an election-eve forecast (docs/forecast.md). So a Lean
unit is carried about 74% of the time, a Likely one 93%, a Safe one 99.9%, and the units
move together. A swing moves every unit.
"""

from __future__ import annotations

from electoral.forecasting.errors import ErrorModel
from electoral.forecasting.inputs import ForecastInput, UnitInput, _votes_for, parse_swing
from electoral.forecasting.result import Forecast
from electoral.web.scenario import Scenario, scenario_units

RATING_MARGINS = {"D3": 15.0, "D2": 7.0, "D1": 3.0, "T": 0.0, "R1": -3.0, "R2": -7.0,
                  "R3": -15.0}
RATING_SD = 3.0  # points: a unit's own error
RATING_NATIONAL_SD = 3.0
RATING_REGIONAL_SD = 2.0
# Monte Carlo draws: a 50% chance to within 0.25 points (one standard error), tipping points
# to 0.1; about 25 ms on an idle core, so a click is answered in well under 150 ms.
SIMS = 40_000


def rating_inputs(s: Scenario, swing: float | str = 0.0) -> ForecastInput:
    """The scenario's units with the margins their ratings stand for, moved by `swing`."""
    from electoral.errors import InputError

    delta = parse_swing(swing)
    third = [u for u, _ in scenario_units(s) if s.rating(u) == "O"]
    if third:  # the engines count two sides: electors for a third would be miscounted
        raise InputError(f"the forecast is of a two-candidate race; {len(third)} unit(s) are "
                         f"given to {s.candidates.get('O', 'a third candidate')} "
                         f"({', '.join(third[:5])}{' ...' if len(third) > 5 else ''})",
                         "scenario")
    try:
        votes = _votes_for(s.year)  # two-party votes of the last election: voter power
    except InputError:  # no popular vote before 1824: no voter power, the rest stands
        votes = {}
    units = tuple(UnitInput(u, n, max(-100.0, min(100.0, RATING_MARGINS[s.rating(u)] + delta)),
                            RATING_SD, votes.get(u, 0)) for u, n in scenario_units(s))
    sign = "D" if delta >= 0 else "R"
    return ForecastInput(s.year, units, f"the map's ratings, swing {sign}+{abs(delta):g}")


def rating_errors() -> ErrorModel:
    return ErrorModel(national_sd=RATING_NATIONAL_SD, regional_sd=RATING_REGIONAL_SD)


def forecast_scenario(s: Scenario, swing: float | str = 0.0, seed: int = 0) -> Forecast:
    """The forecast of a map (Monte Carlo, seeded: the same map gives the same numbers),
    with tipping points, inversions and the recount range."""
    from electoral.forecasting.run import forecast

    return forecast(rating_inputs(s, swing), errors=rating_errors(), engine="montecarlo",
                    sims=SIMS, seed=seed)
