"""The `electoral` command line: one command per capability, each mirroring a Python function.

Heavy modules (the engine, DuckDB, Rich) are imported inside the commands so that
`electoral --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format

# Further commands live in their own modules (each imports its heavy libraries lazily).
COMMAND_MODULES: tuple[str, ...] = ("electoral.commands.apportion", "electoral.commands.analysis",
                                       "electoral.commands.web", "electoral.commands.forecast",
                                       "electoral.commands.paths", "electoral.commands.house",
                                       "electoral.commands.certification", "electoral.commands.live")


def _res_rows(doc: dict[str, Any], scope: str, block: dict[str, Any] | None = None
              ) -> list[list[Any]]:
    """Flat rows (scope, office, candidate, party, electoral votes, popular votes): every
    presidential candidate (by electoral, then popular votes), then the Vice President."""
    src = block or doc
    pop = {r["name"]: r for r in (src.get("popular_vote") or [])}
    ev = {r["name"]: r for r in src["president"]}
    names = sorted(set(pop) | set(ev), key=lambda n: (
        -(ev[n]["electoral_votes"] if n in ev else 0), -(pop[n]["votes"] if n in pop else 0), n))
    rows: list[list[Any]] = [
        [scope, "President", n, (ev.get(n) or pop[n])["party"],
         ev[n]["electoral_votes"] if n in ev else 0, pop[n]["votes"] if n in pop else None]
        for n in names]
    rows += [[scope, "Vice President", r["name"], r["party"], r["electoral_votes"], None]
             for r in src["vice_president"]]
    return rows


def _fold_minor(rows: list[list[Any]]) -> list[list[Any]]:
    """For the table view: candidates with no electoral vote and under 1% of their scope's
    popular vote are folded into one 'others' row per scope (JSON and CSV keep them all)."""
    out: list[list[Any]] = []
    totals: dict[str, int] = {}
    for r in rows:
        if r[1] == "President" and r[5]:
            totals[r[0]] = totals.get(r[0], 0) + r[5]
    folded: dict[str, list[int]] = {}
    for r in rows:
        if r[1] == "President" and not r[4] and r[5] is not None and r[5] * 100 < totals[r[0]]:
            acc = folded.setdefault(r[0], [0, 0])
            acc[0] += 1
            acc[1] += r[5]
            continue
        out.append(r)
    result: list[list[Any]] = []
    for r in out:
        result.append(r)
    for scope, (n, votes) in folded.items():
        idx = max(i for i, r in enumerate(result) if r[0] == scope and r[1] == "President") + 1
        label = f"{n} others (each under 1%)" if n > 1 else "1 other (under 1%)"
        result.insert(idx, [scope, "President", label, None, 0, votes])
    return result


def _results_output(doc: dict[str, Any], fmt: Format, per_state: bool,
                    one_state: bool = False) -> None:
    from electoral.output import emit

    cols = ["scope", "office", "candidate", "party", "electoral_votes", "popular_votes"]
    rows = [] if one_state else _res_rows(doc, "US")
    if fmt is Format.csv or per_state or one_state:
        for s in doc["states"]:
            rows += _res_rows(doc, s["state"], s)
            for d in s["districts"]:
                rows += [[f"{s['state']}-{d['district']}", "President", r["name"], r["party"],
                          None, r["votes"]] for r in (d["popular_vote"] or [])]
    verb = {"electoral_college": "by the electors", "house": "by the House of Representatives",
            "senate": "by the Senate", "undecided": "undecided"}
    title = (f"{doc['year']}: {doc['electors_appointed']} electors appointed, majority "
             f"{doc['majority']}")
    footer = [f"President-elect: {doc['president_elect'] or '(none)'} "
              f"({verb[doc['decided_by']]})",
              f"Vice-President-elect: {doc['vice_president_elect'] or '(none)'} "
              f"({verb[doc['vice_president_decided_by']]})"]
    for key, office in (("president_reason", "President"),
                        ("vice_president_reason", "Vice President")):
        if doc.get(key):
            footer.append(f"{office} undecided: {doc[key]}.")
    acting = doc.get("acting_president")
    if acting:
        footer.append(f"On the day the term begins: {acting['who'] or 'no one is provided for'} "
                      f"({acting['authority']})")
    for c in doc["contingent_elections"]:
        if c["held"]:
            votes = ", ".join(f"{k} {v}" for k, v in c["votes"].items())
            footer.append(f"Contingent election in the {c['chamber'].title()} among "
                          f"{', '.join(c['eligible'])}: {votes} ({c['needed']} of "
                          f"{c['members']} needed; {c['authority']})")
        else:
            footer.append(f"Pending: the {c['chamber'].title()} chooses among "
                          f"{', '.join(c['eligible'])} ({c['needed']} of {c['members']} needed)"
                          + (" - decide it with --delegations" if c["chamber"] == "house"
                             else " - decide it with --senate"))
    free = [f for f in doc["faithless"] if f["kind"] == "unpledged"]
    for f in doc["faithless"]:
        if f["kind"] == "unpledged" and len(free) > 4:
            continue  # summarised below
        office = "President" if f["office"] == "P" else "Vice President"
        if f["voted_for"] == "(abstained)":
            footer.append(f"abstention ({office}): {f['state']} {f['count']} vote(s) not cast "
                          f"by electors pledged to {f['pledged_to']}")
        else:
            footer.append(f"{f['kind'].replace('_', ' ')} ({office}): {f['state']} "
                          f"{f['count']} pledged to {f['pledged_to']} -> {f['voted_for']}")
    if len(free) > 4:
        footer.append(f"unpledged: {sum(f['count'] for f in free)} votes of electors bound to "
                      f"no ticket, in {len({f['state'] for f in free})} states (each elector's "
                      "choice; --format json lists them)")
    for n in doc["not_counted"]:
        footer.append(f"not counted: {n['state']} {n['votes']} for {n['candidate']} "
                      f"({n['reason']})")
    footer += [f"note: {n}" for n in doc["notes"]]
    if fmt is Format.table:
        rows = _fold_minor(rows)
    emit(fmt, doc, cols, rows, title, footer)


@app.command(short_help="An election from the record: votes and outcome.")
def results(
    year: Annotated[int, typer.Argument(help="Election year, e.g. 2020.")],
    state: Annotated[str | None, typer.Option("--state", "-s", help="One state (code or name).")
                     ] = None,
    states: Annotated[bool, typer.Option("--states", help="List every state (table).")] = False,
    apportionment: Annotated[int | None, typer.Option(
        "--apportionment", help="Re-tally the popular vote with the electors of this census.")
    ] = None,
    house_size: Annotated[int | None, typer.Option(
        "--house-size", help="Re-tally with electors from a House of this size.")] = None,
    method: Annotated[str | None, typer.Option(
        "--method", help="Apportionment method for --apportionment/--house-size.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Electoral and popular votes of an election, and who was elected (results(); with
    --apportionment/--house-size, counterfactual_results())."""
    from electoral.results import counterfactual_results
    from electoral.results import results as run

    if apportionment is not None or house_size is not None or method is not None:
        res = counterfactual_results(year, apportionment, house_size, method)
        if state is not None:
            from electoral.states import state_code

            res = res.only_state(state_code(state))
    else:
        res = run(year, state)
    _results_output(res.to_dict(), fmt, states, one_state=state is not None)


@app.command(short_help="The statutory calendar of an election.")
def timeline(
    year: Annotated[int, typer.Argument(help="Election year, past or future.")],
    state: Annotated[str | None, typer.Option(
        "--state", "-s", help="Interleave this state's canvass, recount and certification "
                              "deadlines (2020 and 2024).")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The statutory calendar of an election, each date with its provision (timeline();
    with --state, state_timeline())."""
    from electoral.documents import timeline_document
    from electoral.output import emit

    if state is not None:
        _state_timeline_output(year, state, fmt)
        return
    from electoral.law.calendar import timeline as run

    tl = run(year)
    doc = timeline_document(year)
    rows = [[e.event, e.date.isoformat() + (f" to {e.end.isoformat()}" if e.end else ""),
             e.date.strftime("%A"), e.authority] for e in tl.events]
    emit(fmt, doc, ["event", "date", "weekday", "authority"], rows, f"Timeline of {year}")


def _state_timeline_output(year: int, state: str, fmt: Format) -> None:
    from electoral.documents import timeline_document
    from electoral.law.certification import state_timeline
    from electoral.output import emit

    tl = state_timeline(year, state)
    doc = timeline_document(year, tl.state)
    rows = [[e.event,
             (e.date.isoformat() + (f" to {e.end.isoformat()}" if e.end else "")) if e.date
             else None, e.date.strftime("%A") if e.date else None, e.by,
             e.authority + (f" ({e.note})" if e.note and e.by != "federal" else "")]
            for e in tl.entries]
    law = tl.law
    footer = [f"Recounts: automatic {law.automatic.text() if law.automatic else 'not confirmed'}; "
              f"requested {law.requested.text() if law.requested else 'not confirmed'}"
              + (f"; free {law.free.text()}" if law.free else ""),
              f"Citation: {law.citation}", f"Source: {law.source}"]
    if law.note:
        footer.append(f"Note: {law.note}")
    emit(fmt, doc, ["event", "date", "weekday", "by", "authority"], rows,
         f"Timeline of {year} with {doc['name']}'s deadlines", footer)


@app.command(short_help="Appoint, cast, count and decide from your returns.")
def tally(
    returns_file: Annotated[Path, typer.Argument(help="CSV or JSON returns: state, district, "
                                                      "candidate, party, votes.")],
    year: Annotated[int | None, typer.Option("--year", "-y", help="Election year whose law and "
                                             "electors apply (default: the JSON's year).")] = None,
    delegations: Annotated[Path | None, typer.Option(
        "--delegations", help="CSV state,choice: each House delegation's candidate or party, "
                              "for a contingent election.")] = None,
    apportionment: Annotated[int | None, typer.Option(
        "--apportionment", help="Use the electors of this census's apportionment.")] = None,
    house_size: Annotated[int | None, typer.Option(
        "--house-size", help="Use electors from a House of this size.")] = None,
    senate: Annotated[str | None, typer.Option(
        "--senate", help="Senators' votes for Vice President, e.g. 'Republican=53,Democratic=47'"
                         " (party or candidate).")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse a file that spells one candidate two ways (default: merge "
                         "them, with a note).")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Run the engine on your returns: appoint, cast, count, decide (tally()). Give running
    mates in a running_mate column; without them the Vice President is undecided."""
    from electoral.errors import InputError
    from electoral.returns import json_year
    from electoral.tally import tally as run

    if year is None:
        year = json_year(returns_file)
        if year is None:
            raise InputError("give the election year with --year", str(returns_file))
    dmap = _read_delegations(delegations) if delegations else None
    smap = _parse_senate(senate) if senate else None
    electors = None
    if apportionment is not None or house_size is not None:
        from electoral.apportionment import electors_for

        electors = electors_for(year, apportionment, house_size)
    _results_output(run(returns_file, year, delegations=dmap, senators=smap,
                        electors=electors, strict=strict).to_dict(), fmt, False)


def _parse_senate(text: str) -> dict[str, int]:
    import re

    from electoral.errors import InputError

    out: dict[str, int] = {}
    for part in text.split(","):
        key, sep, num = part.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,3}", num.strip()) or not key.strip():
            raise InputError(f"--senate: expected NAME=COUNT (a whole number of Senators), got "
                             f"{part.strip()[:40]!r}")
        out[key.strip()] = int(num)
    return out


def _read_delegations(path: Path) -> dict[str, str]:
    import csv
    import io

    from electoral.errors import InputError
    from electoral.textfile import read_text

    text = read_text(path)
    out: dict[str, str] = {}
    try:
        with io.StringIO(text, newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"state", "choice"} <= set(reader.fieldnames):
                raise InputError("columns state,choice needed", f"{path}:1")
            for r in reader:
                if r["state"] is None or r["choice"] is None:
                    raise InputError("a row needs a state and a choice",
                                     f"{path}:{reader.line_num}")
                if r["state"] in out:
                    raise InputError(f"state {r['state']} given twice",
                                     f"{path}:{reader.line_num}")
                out[r["state"]] = r["choice"]
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}", str(path)) from None
    return out


@app.command("returns", short_help="The record's popular vote as a returns file.")
def returns_cmd(
    year: Annotated[int, typer.Argument(help="Election year (popular votes from 1824).")],
    top: Annotated[int | None, typer.Option("--top", help="Keep the N leading candidates.")
                   ] = None,
    fmt: FormatOpt = Format.csv,
) -> None:
    """The record's popular vote in the returns format `tally` reads (record_returns())."""
    from electoral.output import emit
    from electoral.returns import record_returns

    r = record_returns(year, top)
    cols = ["state", "district", "candidate", "party", "votes", "running_mate"]

    def mate(state: str, candidate: str) -> str | None:
        m = r.mate(state, candidate)
        return r.names.get(m, m) if m else None

    rows = [[x.state, x.district, r.names.get(x.candidate, x.candidate), x.party, x.votes,
             mate(x.state, x.candidate)] for x in r.rows]
    doc = {"year": year, "rows": [dict(zip(cols, row, strict=True)) for row in rows]}
    emit(fmt, doc, cols, rows, f"Returns of {year}")


@app.command("count", short_help="The joint session: certificates, objections.")
def count_cmd(
    year: Annotated[int, typer.Argument(help="Election year (the count is in the next January "
                                            "or February).")],
    fmt: FormatOpt = Format.table,
) -> None:
    """The joint session of Congress: certificates in order, objections under the procedure of
    the day (the 1877 Electoral Commission included), result (count_session())."""
    from electoral.joint_session import count_session
    from electoral.output import emit

    s = count_session(year)
    doc = s.to_dict()
    rows = [[c["state"], ", ".join(f"{k} {v}" for k, v in c["president"].items()),
             ", ".join(f"{k} {v}" for k, v in c["vice_president"].items()),
             c["counted"]] for c in doc["certificates"]]
    footer = [f"Procedure: {s.regime} ({s.citation}); to reject: {s.to_sustain}"]
    for o in doc["objections"]:
        votes = []
        if o["commission"]:
            votes.append(f"Commission {o['commission']}")
        if o["senate"]:
            votes.append(f"Senate {o['senate']['yeas']}-{o['senate']['nays']}")
        if o["house"]:
            votes.append(f"House {o['house']['yeas']}-{o['house']['nays']}")
        extra = f" ({'; '.join(votes)})" if votes else ""
        source = o["source"].split(";")[0].split(" (")[0]
        footer.append(f"Objection to {o['state']}: {o['grounds']} -> "
                      f"{o['outcome'].replace('_', ' ')}{extra} [{source}]")
    if not doc["objections"]:
        footer.append("No objection recorded.")
    for n in doc["not_counted"]:
        footer.append(f"Not counted: {n['state']} {n['votes']} for {n['candidate']} "
                      f"({n['reason']})")
    footer.append(f"Announced: {doc['president_elect'] or '(no one)'} President, "
                  f"{doc['vice_president_elect'] or '(no one)'} Vice President "
                  f"({doc['electors_appointed']} appointed, {doc['majority']} a majority)")
    emit(fmt, doc, ["state", "president", "vice_president", "counted"], rows,
         f"Count of the {year} electoral votes, joint session of {s.date.isoformat()}", footer)


@app.command(short_help="Is an objection in order in that year's count?")
def objection(
    year: Annotated[int, typer.Argument(help="Election year.")],
    state: Annotated[str, typer.Argument(help="State objected to.")],
    senators: Annotated[int, typer.Option("--senators", help="Senators who signed.")] = 0,
    representatives: Annotated[int, typer.Option("--representatives",
                                                 help="Representatives who signed.")] = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """Is a hypothetical objection in order under the count regime of YEAR?
    (objection_in_order())"""
    from electoral.documents import objection_document
    from electoral.law.objections import objection_in_order
    from electoral.output import emit

    r = objection_in_order(year, state, senators, representatives)
    doc = objection_document(r)
    emit(fmt, doc, ["field", "value"], [[k, str(v) if k == "year" else v] for k, v in doc.items()],
         f"Objection to {r.state}'s votes, {year} election")


@app.command(short_help="Run the pipeline over the record; compare with other sources.")
def check(
    resolved: Annotated[bool, typer.Option(
        "--resolved", help="Also list the disagreements resolved by a curated row.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Run the pipeline over every election and compare it with independent sources; exit 1
    on any unresolved disagreement (check())."""
    from electoral.checks import check as run
    from electoral.documents import check_document
    from electoral.output import emit

    rep = run()
    doc = check_document(rep)
    shown = list(rep.problems) + (list(rep.resolved) if resolved else [])
    rows = [[d.year, d.state, d.check, d.message, d.resolution or "UNRESOLVED"] for d in shown]
    per: dict[str, int] = {}
    for d in rep.resolved:
        per[d.check] = per.get(d.check, 0) + 1
    footer = [f"{c.name}: {c.comparisons} comparisons, {per.get(c.name, 0)} resolved "
              f"disagreements - {c.source}" for c in rep.checks]
    footer.append(f"{'OK' if rep.ok else 'FAILED'}: {rep.years} elections, "
                  f"{sum(c.comparisons for c in rep.checks)} comparisons, "
                  f"{len(rep.resolved)} disagreements resolved, {len(rep.problems)} unresolved")
    emit(fmt, doc, ["year", "state", "check", "disagreement", "resolution"], rows,
         "Record check", footer)
    if not rep.ok:
        raise typer.Exit(1)


@app.command("sql", short_help="Read-only SQL over the record (DuckDB).")
def sql_cmd(
    query: Annotated[str, typer.Argument(help="A read-only SQL query (DuckDB dialect).")],
    timeout: Annotated[float, typer.Option(
        help="Stop the query after this many seconds (at most 3600).")] = 30.0,
    fmt: FormatOpt = Format.table,
) -> None:
    """Ad-hoc SQL over the record's tables (sql()), at most 1 GB of memory and 2 threads. See
    docs/sql.md for the tables."""
    from electoral.output import emit
    from electoral.record.sql import sql

    cols, rows = sql(query, timeout)
    doc = [dict(zip(cols, r, strict=True)) for r in rows]
    emit(fmt, doc, cols, [list(r) for r in rows])


def _load_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name)


_load_commands()


def _as_flag(place: str | None) -> str | None:
    """The Python functions name a parameter (`from_year`) where a problem lies; the CLI user
    knows it as an option (`--from-year`)."""
    if not place or not place.replace("_", "").isalpha() or not place.islower():
        return place
    flags: dict[str, str] = {}
    stack: list[Any] = [typer.main.get_command(app)]
    while stack:
        cmd = stack.pop()
        stack.extend(getattr(cmd, "commands", {}).values())
        for p in cmd.params:
            if p.param_type_name == "option" and p.name:
                flag = max(p.opts, key=len)
                flags.setdefault(p.name, flag)
                flags.setdefault(p.name + "s", flag)  # conditions -> --condition
    return flags.get(place, place)


def main() -> None:
    """Entry point: a user's mistake becomes one line on stderr and exit code 2 (usage errors
    are reported by Typer, also with exit code 2)."""
    from electoral.errors import ElectoralError

    try:
        app()
    except ElectoralError as e:
        place = _as_flag(e.place)
        print(f"electoral: error: {place}: {e.problem}" if place else
              f"electoral: error: {e.problem}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
