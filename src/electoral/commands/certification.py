"""The recount command: each state's margin against its recount law (electoral.law.certification)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format


@app.command(short_help="State recount thresholds and where a margin falls (2020, 2024).")
def recount(
    year: Annotated[int, typer.Argument(help="Election year whose state law applies (2020 or "
                                             "2024).")],
    state: Annotated[str | None, typer.Argument(help="One state (code or name); all when "
                                                     "omitted.")] = None,
    margin_votes: Annotated[int | None, typer.Option(
        "--margin", help="A margin in votes to test instead of the record's (needs --state "
                         "and the votes the state's law measures it on).")] = None,
    total_votes: Annotated[int | None, typer.Option(
        "--total", help="Total votes cast for the office, with --margin.")] = None,
    top_two_votes: Annotated[int | None, typer.Option(
        "--top-two", help="Votes of the two leading candidates, with --margin.")] = None,
    winner_votes: Annotated[int | None, typer.Option(
        "--winner", help="The leading candidate's votes, with --margin.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Whether each state's statewide margin in the record fell inside its automatic or
    requested-recount threshold under the law of YEAR (recount_statuses()); with a state and
    --margin, a margin of your own (recount_status())."""
    from electoral.errors import InputError
    from electoral.output import emit

    if margin_votes is None and (total_votes, top_two_votes, winner_votes) != (None, None, None):
        raise InputError("--total, --top-two and --winner go with --margin", "--margin")
    if margin_votes is not None:
        if state is None:
            raise InputError("give the state whose law applies to --margin", "state")
        from electoral.law.certification import recount_status

        statuses = [recount_status(year, state, margin_votes, total_votes=total_votes,
                                   top_two_votes=top_two_votes, winner_votes=winner_votes)]
    else:
        from electoral.analysis.recounts import recount_statuses

        statuses = list(recount_statuses(year))
        if state is not None:
            from electoral.states import state_code

            code = state_code(state)
            statuses = [s for s in statuses if s.state == code]
    if state is not None:
        doc = statuses[0].to_dict()
        law = statuses[0].law
        rows: list[list[Any]] = [[k, v] for k, v in (
            ("status", doc["status"]), ("margin_votes", doc["margin_votes"]),
            *((f"margin_pct_of_{b}", f"{p:.4f}") for b, p in doc["margin_pct"].items()),
            ("automatic", doc["automatic_text"] or "not confirmed"),
            ("requested", doc["requested_text"] or "not confirmed"),
            ("free", doc["free_text"]), ("recount_rule", law.recount_rule),
            ("citation", doc["citation"]), ("source", doc["source"]), ("note", law.note))]
        emit(fmt, doc, ["field", "value"], rows,
             f"{year} recount law of {law.state} and the margin")
        return
    doc_all = {"year": year, "states": [s.to_dict() for s in statuses]}
    cols = ["state", "margin_votes", "margin_pct", "status", "automatic", "requested", "free",
            "citation"]
    rows = [[s.state, s.margin_votes, f"{s.margin_share()['total']:.2f}", s.status,
             s.law.automatic.source if s.law.automatic else None,
             s.law.requested.source if s.law.requested else None,
             s.law.free.source if s.law.free else None, s.law.recount_citation]
            for s in statuses]
    emit(fmt, doc_all, cols, rows, f"{year}: statewide margins against each state's recount law",
         ["margin_pct: percent of the total votes cast for the office; each rule reads "
          "'<=' not more than, '<' less than, '&' both, '|' either, on the total, the two "
          "leading candidates' votes (top_two) or the winner's; empty: not confirmed"])
