"""`electoral apportion`: House seats and electors from a census."""

from __future__ import annotations

from typing import Annotated

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format


@app.command(short_help="House seats and electors from a census.")
def apportion(
    census: Annotated[int, typer.Argument(help="Census year, 1790-2020.")],
    seats: Annotated[int | None, typer.Option("--seats", help="House size (default: the size "
                                              "the law used; 435).")] = None,
    method: Annotated[str | None, typer.Option(
        "--method", help="huntington-hill | webster | hamilton | jefferson | adams | dean "
                         "(default: the method the law applied to that census).")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Apportion the House from a census and derive electors (apportion_census())."""
    from electoral.apportionment import apportion_census, official_seats, population_kind
    from electoral.errors import InputError
    from electoral.law.majority import majority_of_appointed
    from electoral.law.regimes import census_unapportioned
    from electoral.output import emit

    a = apportion_census(census, seats, method)
    doc = a.to_dict()
    kind = population_kind(census)
    doc["population_kind"] = kind
    try:
        official = official_seats(census)
    except InputError:
        official = {}
    doc["official_seats"] = official or None
    rows = [[st, a.populations[st], a.seats[st], official.get(st), a.electors[st]]
            for st in sorted(a.seats)]
    if "DC" in a.electors:
        rows.append(["DC", None, None, None, 3])
    footer = [f"{a.method}, {a.house_size} seats; {sum(a.electors.values())} electors, "
              f"a majority is {majority_of_appointed(sum(a.electors.values()))}"]
    unapportioned = census_unapportioned(census)
    if unapportioned:
        footer.append(f"{census}: {unapportioned}")
    if kind != "apportionment":
        footer.append(f"populations of {census} are resident totals, not the apportionment "
                      "population of the day: the official seats are shown for reference only")
    footer += [f"seat {s.seat}: {s.state} (its seat {s.state_seat}), priority "
               f"{s.priority:,.0f}, won by {s.margin:,} people" for s in a.last_seats[-3:]]
    footer += [f"seat {s.seat}: {s.state} next, short by {s.margin:,} people"
               for s in a.next_in_line[:3]]
    emit(fmt, doc, ["state", "population", "seats", "official_seats", "electors"], rows,
         f"Apportionment of the {census} census", footer)
