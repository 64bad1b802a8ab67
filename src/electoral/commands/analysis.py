"""Analysis commands: analyze, power, counterfactual, history (electoral.analysis)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from electoral.commands.base import FormatOpt, app
from electoral.output import Format


def _pts(x: float | None) -> str | None:
    """Points to two decimals (four below 0.01, e.g. Florida 2000)."""
    if x is None:
        return None
    return f"{x:+.2f}" if abs(x) >= 0.01 or x == 0 else f"{x:+.4f}"


@app.command(short_help="Tipping point, bias, swing, fewest votes to change it.")
def analyze(
    year: Annotated[int, typer.Argument(help="Election year (popular votes from 1824).")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Tipping point, Electoral College bias, uniform swing and the fewest votes that change
    the outcome, between the two nationally leading candidates (analyze())."""
    from electoral.analysis import analyze as run
    from electoral.output import emit

    a = run(year)
    doc = a.to_dict()
    rows: list[list[Any]] = []
    for key, t in (("tipping_point_winner", a.tipping_winner),
                   ("tipping_point_runner_up", a.tipping_loser)):
        rows.append([key, t.unit if t else None, t.margin_votes if t else None,
                     _pts(t.margin_points if t else None), None])
    rows.append(["national_margin", None, a.national_margin_votes,
                 _pts(a.national_margin_points), None])
    rows.append(["bias", None, None, _pts(a.bias_points), a.bias_label])
    rows.append(["swing_to_tie", None, None, _pts(a.swing_to_tie), None])
    rows.append(["swing_to_flip", None, None, _pts(a.swing_to_flip), None])
    for key, p in doc["fewest_votes"].items():
        res = p["result"]
        rows.append([key, " ".join(f"{u['unit']}:{u['votes']}" for u in p["units"]) or None,
                     p["total"], None,
                     f"{res['winner_electoral_votes']}-{res['runner_up_electoral_votes']} "
                     f"{res['outcome']}" if p["achievable"] else "not achievable"])
    rows.append(["inversion", None, None, None, "yes" if a.inversion else "no"])
    for r in doc["recounts"] or []:
        cost = ("" if r["status"] == "automatic" or r["free"] is None else
                "; free" if r["free"] else f"; the requester pays (free if {r['free_rule']})")
        rows.append([f"recount_{r['status']}", r["state"], r["margin_votes"],
                     f"{r['margin_pct']:.2f}", f"{r['rule_text']} ({r['basis_votes']:,})"
                     f"{cost}; {r['citation']}"])
    ev = a.electoral_votes
    title = (f"{year}: {doc['winner']} {ev['winner']}, {doc['runner_up']} {ev['runner_up']}"
             + (f", others {ev['other']}" if ev["other"] else "")
             + f" (electors pledged by the returns; majority {a.majority})")
    footer = ["Margins are the winner's two-party margins (the runner-up's for its tipping "
              "point); swings move two-party points from the winner to the runner-up."]
    if a.recounts is not None:
        footer.append(f"Recount rows: states whose statewide margin fell inside an automatic or "
                      f"requested-recount threshold under the {year} law, in points of the "
                      f"basis that law uses" + (f"; thresholds not confirmed for "
                                                f"{', '.join(a.recount_unconfirmed)}"
                                                if a.recount_unconfirmed else "") + ".")
    emit(fmt, doc, ["measure", "units", "votes", "points", "result"], rows, title, footer)


@app.command(short_help="Banzhaf and Shapley-Shubik power of the states.")
def power(
    census: Annotated[int, typer.Argument(help="Census year whose apportionment gives the "
                                               "electors, e.g. 2020.")],
    seats: Annotated[int, typer.Option("--seats", help="House size to apportion.")] = 435,
    districts: Annotated[bool, typer.Option(
        "--districts", help="Split Maine and Nebraska into at-large and district units.")
    ] = False,
    index: Annotated[str, typer.Option("--index", help="Index to sort by: banzhaf or "
                                                      "shapley-shubik.")] = "banzhaf",
    top: Annotated[int | None, typer.Option("--top", help="List only the N most powerful "
                                                          "units.", min=1)] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Exact power indices of every unit under an apportionment of a census (census_power())."""
    from electoral.analysis.power import INDICES, census_power
    from electoral.errors import InputError
    from electoral.output import emit

    if index not in INDICES:
        raise InputError(f"unknown index {index!r} (indices: {', '.join(INDICES)})", "--index")
    p = census_power(census, seats, districts)
    doc = {"index": index, **p.to_dict()}
    key = index.replace("-", "_")
    units = sorted(doc["units"], key=lambda u: (-u[key], u["unit"]))[:top]
    doc["units"] = units
    cols = ["unit", "electors", "banzhaf", "banzhaf_raw", "shapley_shubik", "turnout",
            "per_voter_relative"]
    rows = [[u[c] for c in cols] for u in units]
    title = (f"Power indices, {census} census, {seats} seats: {len(p.indices.units)} units, "
             f"quota {p.indices.quota} of {p.indices.total}")
    footer = [f"per_voter_relative: raw Banzhaf x sqrt(2 / (pi x turnout)) with the turnout of "
              f"{p.turnout_year}, relative to the least powerful voter"
              if p.turnout_year else "no turnout in the record for the election after this "
              "census"]
    emit(fmt, doc, cols, rows, title, footer)


@app.command(short_help="An election under another rule, beside the record.")
def counterfactual(
    year: Annotated[int, typer.Argument(help="Election year (popular votes from 1824).")],
    rule: Annotated[str, typer.Option("--rule", help="Allocation rule: proportional, "
                                                     "district, npvic or popular.")],
    members: Annotated[str | None, typer.Option(
        "--members", help="NPVIC members, comma-separated (default: the 2024 members).")
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The election under proportional, district, NPVIC or popular-vote rules
    (counterfactual())."""
    from electoral.analysis import counterfactual as run
    from electoral.output import emit

    mem = members.split(",") if members is not None else None
    c = run(year, rule, mem)
    doc = c.to_dict()
    actual, under, frac = dict(c.actual), dict(c.electoral_votes), dict(c.fractional)
    pop = dict(c.popular_vote)
    shown = list(dict.fromkeys([*(k for k, _ in c.popular_vote[:4]), *actual, *under]))
    from electoral.record import catalog

    cols = ["candidate", "actual", rule, "fractional", "popular_votes"]
    rows = [[catalog.name(k), actual.get(k, 0), under.get(k) if c.electoral_votes else None,
             round(frac[k], 3) if k in frac else None, pop.get(k)] for k in shown]
    if rule != "proportional":
        cols.remove("fractional")
        rows = [r[:3] + r[4:] for r in rows]
    verdict = {"electors": "elected by the electors", "house": "no majority: the House "
               "chooses (amend. XII)", "popular_vote": "elected by the national popular vote"}
    footer = [f"Actual: {doc['actual']['president_elect']} ({doc['actual']['decided_by']})",
              f"Under {rule}: {doc['winner'] or '(none)'} ({verdict[c.decided_by]}"
              + (f"; majority {c.majority} of {c.electors_appointed}" if c.electoral_votes
                 else "") + ")"]
    footer += [f"note: {n}" for n in c.notes]
    emit(fmt, doc, cols, rows, f"{year} under the {rule} rule", footer)


@app.command(short_help="One analysis measure over every election.")
def history(
    metric: Annotated[str, typer.Option("--metric", help="Measure to list: bias, "
                                                         "tipping-point, fewest-votes or "
                                                         "inversions.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Bias, tipping points, fewest votes or inversions across the record (history())."""
    from electoral.analysis import history as run
    from electoral.output import emit

    h = run(metric)
    cols = ["year", *h.columns]
    rows = [[str(r.year), *(v for _, v in r.values)] for r in h.rows]
    emit(fmt, h.to_dict(), cols, rows, f"History: {metric}")
