"""Independent reference tables for `electoral check`, and the curated resolutions.

Each table under OUT/reference/ comes from a raw file the record is not built from (or, for
the National Archives' Vice-President totals, from a curated table of its own), so that
comparing the pipeline's results with it can find an error in the record:

- national_totals.csv: year, office, candidate, votes, source. President 1789-2020 from the
  National Archives' table (electoral_college/electoral_votes.csv); Vice President 1804-2024
  and President 2024 from data/curated/reference_national_totals.csv (archives.gov pages).
- state_electoral_votes.csv: year, state, candidate, votes: each state's two leading
  recipients (electoral_college/electoral_enhanced.csv).
- state_electors.csv: year, state, candidate (empty), votes: electors per state
  (electoral_college/Electoral_College.csv).
- popular_votes_1900_2024.csv: year, state, candidate, votes: each state's three leading
  candidates (popular_vote_state/1900_2024_election_results.fixed.csv).
- popular_votes_historical.csv: the American Presidency Project / House Clerk compilation
  (historical_state_results_json) for 1976-2020, the years the record takes from MEDSL.
- deviations.csv: year, state, office, voted_for, count: faithless votes and abstentions
  (electoral_college/faithless_electors.csv).

resolutions.csv (OUT): check, year, state, candidate, record, reference, resolution, source,
from data/curated/resolutions.csv with candidates as ids.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_data import Report

ABSTAINED = "(abstained)"


def build(raw: Path, out: Path, rep: Report) -> None:
    from build_data import CURATED, as_int, clavesi_popular, election_year, read_csv, write_csv
    from electoral.states import state_code

    rec = rep.record
    assert rec is not None
    names = rec.names
    ref = out / "reference"

    nat = [(y, "P", names.resolve(y, k), v, "National Archives, Electoral College results "
            "(electoral_college/electoral_votes.csv)")
           for y, per in rec.nara.items() for k, v in per.items()]
    for r in read_csv(CURATED / "reference_national_totals.csv"):
        y = election_year(r["year"])
        if r["office"] == "P" and y in rec.nara:
            continue  # the raw table has it
        nat.append((y, r["office"], names.resolve(y, r["candidate"]), int(r["votes"]),
                    r["source"]))
    write_csv(ref / "national_totals.csv", ["year", "office", "candidate", "votes", "source"],
              nat)

    per_state: dict[tuple[int, str, str], int] = {}
    for r in read_csv(raw / "electoral_college" / "electoral_enhanced.csv"):
        y, st = election_year(r["Year"]), state_code(r["State"])
        for who, n in ((r["Winner"], r["Winner_EV"]), (r["Runner_Up"], r["Runner_Up_EV"])):
            if who.strip():
                key = (y, st, names.resolve(y, who.strip()))
                per_state[key] = per_state.get(key, 0) + int(n or 0)
    write_csv(ref / "state_electoral_votes.csv", ["year", "state", "candidate", "votes"],
              [(*k, v) for k, v in per_state.items()])

    electors = []
    for r in read_csv(raw / "electoral_college" / "Electoral_College.csv"):
        if r["Votes"].strip():
            electors.append((election_year(r["Year"]), state_code(r["State"]), "",
                             int(r["Votes"])))
    write_csv(ref / "state_electors.csv", ["year", "state", "candidate", "votes"], electors)

    pv: dict[tuple[int, str, str], int] = {}
    for r in read_csv(raw / "popular_vote_state" / "1900_2024_election_results.fixed.csv"):
        if "-" in r["state_po"]:
            continue  # district rows: compared elsewhere
        y, st = int(r["year"]), r["state_po"]
        for k in "DRT":
            name, votes = r[f"{k}_name"].strip(), as_int(r[f"{k}_votes"])
            if name and votes:
                pv[(y, st, names.resolve(y, name))] = votes
    write_csv(ref / "popular_votes_1900_2024.csv", ["year", "state", "candidate", "votes"],
              [(*k, v) for k, v in pv.items()])

    hist: dict[tuple[int, str, str], int] = {}
    for y in range(1976, 2021, 4):
        for st, per in clavesi_popular(raw, y, names).items():
            for cid, v in per.items():
                hist[(y, st, cid)] = v
    write_csv(ref / "popular_votes_historical.csv", ["year", "state", "candidate", "votes"],
              [(*k, v) for k, v in hist.items()])

    dev: dict[tuple[int, str, str, str], int] = {}
    for r in read_csv(raw / "electoral_college" / "faithless_electors.csv"):
        note, st = r["note"].lower(), r["state"].strip()
        if (not st or st == "multiple" or "not faithless" in note or int(r["count"]) == 0
                or r["pledged_to"].startswith("(unpledged)") or r["office"] not in ("P", "VP")):
            continue
        y = int(r["year"])
        who = r["voted_for"]
        if who.startswith("("):
            target = ABSTAINED
        else:
            target = names.resolve(y, who)
            if target == names.resolve(y, r["pledged_to"].split(" (")[0]):
                continue  # a vote for the pledged candidate: a district split, not a deviation
        dkey = (y, st, r["office"], target)
        dev[dkey] = dev.get(dkey, 0) + int(r["count"])
    write_csv(ref / "deviations.csv", ["year", "state", "office", "voted_for", "count"],
              [(*k, v) for k, v in dev.items()])

    resolutions = []
    for r in read_csv(CURATED / "resolutions.csv"):
        y = int(r["year"])
        cand = r["candidate"]
        if cand:
            office, sep, who = cand.partition(":")
            if sep and office in ("P", "VP"):
                cand = f"{office}:{who if who.startswith('(') else names.resolve(y, who)}"
            else:
                cand = names.resolve(y, cand)
        resolutions.append((r["comparison"], y, r["state"], cand, r["record"], r["reference"],
                            r["resolution"], r["source"]))
    write_csv(out / "resolutions.csv", ["comparison", "year", "state", "candidate", "record",
                                        "reference", "resolution", "source"], resolutions)
