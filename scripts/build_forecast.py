"""Package the polls and error-model tables the forecast and its backtest need.

Writes to OUT:
- forecast_polls.csv: cycle,unit,pollster,start_date,end_date,sample_size,population,dem,rep,kind
  One row per poll (kind "poll") of the two major-party nominees, or per daily polling
  average (kind "average", 2020 only). unit is a USPS code, a district unit ("ME-2") or "US".
  population: lv, rv, a (likely voters, registered voters, adults). Sub-population rows of
  the Economist's 2016 file ("Likely Voters - Democrat", ...) are dropped; when one poll
  reports several populations, likely voters are kept before registered voters before adults.
- forecast_correlation.csv: the Economist model's state correlation matrix (unit,<51 codes>).
- forecast_regions.csv: state,region (the BEA region of the Economist's crosswalk).
- forecast_sources.csv: cycle,source: where each cycle's packaged polls come from.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from electoral.states import state_code

if TYPE_CHECKING:
    from build_data import Report

ECON = Path("polls") / "economist_us-potus-model"
AVERAGES_FROM = dt.date(2020, 9, 1)  # the fall campaign is enough for any --as-of backtest
POP_RANK = {"lv": 0, "rv": 1, "a": 2, "v": 0}
_ECON_POP = {"Likely Voters": "lv", "Registered Voters": "rv", "Adults": "a"}
COLUMNS = ["cycle", "unit", "pollster", "start_date", "end_date", "sample_size", "population",
           "dem", "rep", "kind"]


def _read(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return [dict(r) for r in csv.DictReader(text.splitlines())]


def _date(text: str) -> str:
    """ISO dates, and the Economist's M/D/YY."""
    if "/" in text:
        m, d, y = (int(x) for x in text.split("/"))
        return dt.date(2000 + y if y < 100 else y, m, d).isoformat()
    return dt.date.fromisoformat(text).isoformat()


def _size(text: str) -> str:
    text = (text or "").strip()
    return str(int(float(text))) if text and text != "NA" else ""


def _unit(text: str) -> str:
    text = text.strip()
    if text in ("--", "", "National"):
        return "US"
    if text[:3] in ("ME-", "NE-"):
        return text
    return state_code(text)


def _economist(raw: Path, year: int, name: str, dem: str, rep: str, rep_: Report
               ) -> list[dict[str, str]]:
    out = []
    dropped = 0
    for r in _read(raw / ECON / name):
        pop = _ECON_POP.get(r["population"].strip())
        if pop is None:
            dropped += 1  # sub-populations (partisans, independents) are not the electorate
            continue
        out.append({"cycle": str(year), "unit": _unit(r["state"]), "pollster": r["pollster"].strip(),
                    "start_date": _date(r["start.date"]), "end_date": _date(r["end.date"]),
                    "sample_size": _size(r["number.of.observations"]), "population": pop,
                    "dem": r[dem].strip(), "rep": r[rep].strip(), "kind": "poll"})
    if dropped:
        rep_.note(f"forecast: {name}: {dropped} sub-population rows dropped")
    return out


def _fte_2024(raw: Path, rep_: Report) -> list[dict[str, str]]:
    """Head-to-head questions of the eventual nominees (Harris, Trump) in the early snapshot."""
    by_q: dict[str, list[dict[str, str]]] = {}
    for r in _read(raw / "polls" / "president_polls_2024.csv"):
        by_q.setdefault(r["question_id"], []).append(r)
    out = []
    for rows in by_q.values():
        if sorted(r["answer"] for r in rows) != ["Harris", "Trump Sr."]:
            continue
        d = next(r for r in rows if r["answer"] == "Harris")
        g = next(r for r in rows if r["answer"] != "Harris")
        out.append({"cycle": "2024", "unit": _unit(d["state"]), "pollster": d["pollster"].strip(),
                    "start_date": _date(d["start_date"]), "end_date": _date(d["end_date"]),
                    "sample_size": _size(d["sample_size"]),
                    "population": d["population"].strip().lower(), "dem": d["pct"].strip(),
                    "rep": g["pct"].strip(), "kind": "poll"})
    rep_.note(f"forecast: 2024 snapshot: {len(out)} Harris-Trump questions of {len(by_q)}")
    return out


def _fte_2020_averages(raw: Path) -> list[dict[str, str]]:
    per: dict[tuple[str, str], dict[str, str]] = {}
    for r in _read(raw / "polls" / "presidential_general_averages.csv"):
        if r["cycle"] != "2020" or dt.date.fromisoformat(r["date"]) < AVERAGES_FROM:
            continue
        side = "dem" if r["candidate"].startswith("Joseph R. Biden") else "rep"
        per.setdefault((_unit(r["state"]), r["date"]), {})[side] = r["pct_trend_adjusted"]
    return [{"cycle": "2020", "unit": u, "pollster": "FiveThirtyEight average", "start_date": d,
             "end_date": d, "sample_size": "", "population": "lv", "dem": v["dem"],
             "rep": v["rep"], "kind": "average"}
            for (u, d), v in per.items() if {"dem", "rep"} <= set(v)]


def _one_population(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per poll: likely voters before registered voters before adults."""
    best: dict[tuple[str, ...], dict[str, str]] = {}
    for r in rows:
        key = (r["cycle"], r["unit"], r["pollster"], r["start_date"], r["end_date"], r["kind"])
        old = best.get(key)
        if old is None or POP_RANK.get(r["population"], 3) < POP_RANK.get(old["population"], 3):
            best[key] = r
    return list(best.values())


def build(raw: Path, out: Path, rep: Report) -> None:
    rows = (_economist(raw, 2008, "all_polls_2008.csv", "obama", "mccain", rep)
            + _economist(raw, 2012, "all_polls_2012.csv", "obama", "romney", rep)
            + _economist(raw, 2016, "all_polls.csv", "clinton", "trump", rep)
            + _fte_2020_averages(raw) + _fte_2024(raw, rep))
    rows = _one_population(rows)
    sources = [("2008", "Economist state and national polls (us-potus-model all_polls_2008.csv)"),
               ("2012", "Economist state and national polls (us-potus-model all_polls_2012.csv)"),
               ("2016", "Economist state and national polls (us-potus-model all_polls.csv)"),
               ("2020", "FiveThirtyEight state averages (presidential_general_averages.csv)"),
               ("2024", "FiveThirtyEight early snapshot (2021-22, Harris-Trump questions; "
                        "president_polls_2024.csv)")]
    with (out / "forecast_sources.csv").open("w", newline="", encoding="utf-8") as f:
        sw = csv.writer(f, lineterminator="\n")
        sw.writerow(["cycle", "source"])
        sw.writerows(sources)
    for r in rows:
        if not (float(r["dem"]) > 0 and float(r["rep"]) > 0):
            rep.error(f"forecast: poll without both candidates: {r}")
    rows.sort(key=lambda r: tuple(r[c] for c in COLUMNS))
    with (out / "forecast_polls.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    matrix = _read(raw / ECON / "state_correlation_matrix.csv")
    codes = ["KS" if c == "KA" else c for c in matrix[0]]  # the source spells Kansas "KA"
    with (out / "forecast_correlation.csv").open("w", newline="", encoding="utf-8") as f:
        w2 = csv.writer(f, lineterminator="\n")
        w2.writerow(["unit", *codes])
        for code, r in zip(codes, matrix, strict=True):
            w2.writerow([code, *(r[c] for c in matrix[0])])

    regions = sorted((r["state_abb"].strip(), r["bea_region"].strip())
                     for r in _read(raw / ECON / "state_region_crosswalk.csv"))
    if len(regions) != 51:
        rep.error(f"forecast: region crosswalk has {len(regions)} states, not 51")
    with (out / "forecast_regions.csv").open("w", newline="", encoding="utf-8") as f:
        w3 = csv.writer(f, lineterminator="\n")
        w3.writerow(["state", "region"])
        w3.writerows(regions)
