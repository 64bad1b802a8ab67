"""`electoral house`: the state delegations that would choose the President."""

from __future__ import annotations

from typing import Annotated

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format


@app.command(short_help="The House delegations that would choose the President.")
def house(
    year: Annotated[int, typer.Argument(help="Election year (2016, 2020, 2024).")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Each state's delegation in the House that would hold the contingent election after
    the YEAR election: one vote per state, a majority of the states needed (amend. XII)
    (house_delegations())."""
    from electoral.output import emit
    from electoral.record.house import house_delegations

    h = house_delegations(year)
    doc = h.to_dict()
    rows = [[d.state, d.seats, d.democrats, d.republicans, d.vacant, d.side]
            for d in h.states.values()]
    n = doc["count"]
    title = (f"{year}: the {h.congress}th Congress (opened {h.opened.isoformat()}): "
             f"R {n['R']}, D {n['D']}, divided {n['divided']} of {len(h.states)} states; "
             f"{doc['needed']} needed")
    emit(fmt, doc, ["state", "seats", "democrats", "republicans", "vacant", "side"], rows, title,
         [f"source: {h.source}"])
