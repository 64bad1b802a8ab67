"""Package the polls and error-model tables the forecast and its backtest need.

Writes to OUT:
- forecast_polls.csv: cycle,unit,pollster,grade,start_date,end_date,published,sample_size,
  population,dem,rep,other,kind. One row per poll (kind "poll") of the two major-party
  nominees, or per daily polling average (kind "average", 2020 only). unit is a USPS code, a
  district unit ("ME-2") or "US". grade: FiveThirtyEight's numeric pollster grade (0.5-3.0)
  where the source has one. published: the day the poll entered the source's database,
  where it says (2016); blank elsewhere (the runtime assumes a typical lag). population:
  lv, rv, v, a (likely voters, registered voters, "voters" where the source merged the two,
  adults). other: the percent for neither nominee (undecided and third parties), where the
  source gives it. Sub-population rows ("Likely Voters - Democrat") are dropped; when one poll
  reports several populations, likely voters are kept before registered voters before adults.
- forecast_correlation.csv: the Economist model's state correlation matrix (unit,<51 codes>).
- forecast_regions.csv: state,region (the BEA region of the Economist's crosswalk).
- forecast_sources.csv: cycle,source: where each cycle's packaged polls come from.
- forecast_benchmarks.csv: forecaster,year,p_dem,ev_dem,source: other forecasters' final
  published forecasts, scored beside the backtest (data/curated/forecast_benchmarks.csv).
- forecast_fundamentals.csv: year,incumbent_party,term1,q2gdp,juneapp,source: the predictors
  of the "time for change" model, 1948-2016 from Abramowitz's data as the Economist's model
  packages it, later years from data/curated/fundamentals.csv (each with its source).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from electoral.states import state_code

if TYPE_CHECKING:
    from build_data import Report

ECON = Path("polls") / "economist_us-potus-model"
CURATED = Path(__file__).resolve().parent.parent / "data" / "curated"
POP_RANK = {"lv": 0, "v": 0, "rv": 1, "a": 2}
_ECON_POP = {"Likely Voters": "lv", "Registered Voters": "rv", "Adults": "a"}
_FTE_POP = {"voters": "v", "lv": "lv", "rv": "rv", "adults": "a", "a": "a"}
COLUMNS = ["cycle", "unit", "pollster", "grade", "start_date", "end_date", "published",
           "sample_size", "population", "dem", "rep", "other", "kind"]


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


def _pct(x: float) -> str:
    """A percentage as written: at most two decimals, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _unit(text: str) -> str:
    text = text.strip()
    if text in ("--", "", "National", "NA"):
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
        d, g = float(r[dem]), float(r[rep])
        entered = (r.get("entry.date.time..et.") or "")[:10]
        out.append({"cycle": str(year), "unit": _unit(r["state"]), "pollster": r["pollster"].strip(),
                    "grade": "", "start_date": _date(r["start.date"]),
                    "end_date": _date(r["end.date"]),
                    "published": dt.date.fromisoformat(entered).isoformat() if entered else "",
                    "sample_size": _size(r["number.of.observations"]), "population": pop,
                    "dem": _pct(d), "rep": _pct(g), "other": _pct(max(0.0, 100 - d - g)),
                    "kind": "poll"})
    if dropped:
        rep_.note(f"forecast: {name}: {dropped} sub-population rows dropped")
    return out


def _fte_graded_2024(raw: Path, rep_: Report) -> list[dict[str, str]]:
    """Harris-Trump questions of FiveThirtyEight's 2024 polls (the graded, cleaned copy).

    The copy has one row per candidate and no poll or question ids: a question's answers are
    consecutive rows with the same pollster, state, dates, sample size and population. A
    Harris row is paired with the Trump row next to it under that key. A poll that asked
    several Harris-Trump questions (with and without third-party candidates) keeps the one
    with the most candidates, the smallest Harris + Trump share: the ballot voters saw.
    """
    rows = _read(raw / "polls" / "538_president_polls_2024_graded.csv")

    def key(r: dict[str, str]) -> tuple[str, ...]:
        return (r["pollster"], r["state"], r["start_date"], r["end_date"], r["sample_size"],
                r["population"])

    used: set[int] = set()
    best: dict[tuple[str, ...], tuple[dict[str, str], dict[str, str]]] = {}
    unpaired = 0
    for i, r in enumerate(rows):
        if r["candidate_name"] != "Kamala Harris":
            continue
        mate = next((j for j in (i + 1, i - 1) if 0 <= j < len(rows) and j not in used
                     and rows[j]["candidate_name"] == "Donald Trump" and key(rows[j]) == key(r)),
                    None)
        if mate is None:
            unpaired += 1
            continue
        used.add(mate)
        t = rows[mate]
        old = best.get(key(r))
        if old is None or float(r["pct"]) + float(t["pct"]) < float(old[0]["pct"]) + float(
                old[1]["pct"]):
            best[key(r)] = (r, t)
    out = []
    for h, t in best.values():
        d, g = float(h["pct"]), float(t["pct"])
        out.append({"cycle": "2024", "unit": _unit(h["state"]), "pollster": h["pollster"].strip(),
                    "grade": h["numeric_grade"].strip(), "start_date": _date(h["start_date"]),
                    "end_date": _date(h["end_date"]), "published": "",
                    "sample_size": _size(h["sample_size"]),
                    "population": _FTE_POP[h["population"].strip().lower()],
                    "dem": _pct(d), "rep": _pct(g), "other": _pct(max(0.0, 100 - d - g)),
                    "kind": "poll"})
    rep_.note(f"forecast: 2024 graded polls: {len(out)} polls with a Harris-Trump question "
              f"({unpaired} Harris rows without an adjacent Trump row skipped)")
    return out


def _fte_2020_averages(raw: Path) -> list[dict[str, str]]:
    per: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for r in _read(raw / "polls" / "presidential_general_averages.csv"):
        if r["cycle"] != "2020":
            continue
        side = "dem" if r["candidate"].startswith("Joseph R. Biden") else "rep"
        per[(_unit(r["state"]), r["date"])][side] = float(r["pct_trend_adjusted"])
    return [{"cycle": "2020", "unit": u, "pollster": "FiveThirtyEight average", "grade": "",
             "start_date": d, "end_date": d, "published": "", "sample_size": "",
             "population": "lv", "dem": _pct(v["dem"]), "rep": _pct(v["rep"]),
             "other": _pct(max(0.0, 100 - v["dem"] - v["rep"])), "kind": "average"}
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
            + _fte_2020_averages(raw) + _fte_graded_2024(raw, rep))
    rows = _one_population(rows)
    sources = [("2008", "Economist state and national polls (us-potus-model all_polls_2008.csv)"),
               ("2012", "Economist state and national polls (us-potus-model all_polls_2012.csv)"),
               ("2016", "Economist state and national polls (us-potus-model all_polls.csv)"),
               ("2020", "FiveThirtyEight daily state and national averages "
                        "(presidential_general_averages.csv)"),
               ("2024", "FiveThirtyEight graded polls, Harris-Trump questions "
                        "(538_president_polls_2024_graded.csv)")]
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

    fundamentals = []
    for r in _read(raw / ECON / "abramowitz_data.csv"):
        fundamentals.append({
            "year": r["year"], "incumbent_party": "D" if r["deminc"] == "1" else "R",
            "term1": r["term1"], "q2gdp": _pct(float(r["q2gdp"])),
            "juneapp": _pct(float(r["juneapp"])),
            "source": "Abramowitz, time-for-change data (Economist us-potus-model "
                      "abramowitz_data.csv)"})
    known = {f["year"] for f in fundamentals}
    for r in _read(CURATED / "fundamentals.csv"):
        if r["year"] in known:
            rep.error(f"forecast: fundamentals for {r['year']} given twice")
        fundamentals.append(r)
    with (out / "forecast_fundamentals.csv").open("w", newline="", encoding="utf-8") as f:
        w4 = csv.DictWriter(f, ["year", "incumbent_party", "term1", "q2gdp", "juneapp", "source"],
                            lineterminator="\n")
        w4.writeheader()
        w4.writerows(sorted(fundamentals, key=lambda r: int(r["year"])))

    bench = _read(CURATED / "forecast_benchmarks.csv")
    for r in bench:
        if not 0 <= float(r["p_dem"]) <= 1:
            rep.error(f"forecast: benchmark probability out of [0, 1]: {r}")
    with (out / "forecast_benchmarks.csv").open("w", newline="", encoding="utf-8") as f:
        w5 = csv.DictWriter(f, ["forecaster", "year", "p_dem", "ev_dem", "source"],
                            lineterminator="\n")
        w5.writeheader()
        w5.writerows(sorted(bench, key=lambda r: (r["forecaster"], int(r["year"]))))
