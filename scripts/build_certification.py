"""State canvass, certification and recount law (2020 and 2024) for electoral.law.certification.

Reads data/curated/certification_law.csv (one row per cycle and state: deadlines with their
rules, the automatic, requested and free recount thresholds in the language of
electoral.law.recount, citation, source, note) and data/curated/recount_deadlines.csv (dated
recount steps), checks them and writes them sorted to OUT. The build fails on a row without a
citation or source, a cycle missing a state, a threshold the runtime cannot read, or a deadline
outside the window from election day to the electors' meeting of that cycle.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_data import Report

LAW = "certification_law.csv"
DEADLINES = "recount_deadlines.csv"
LAW_COLUMNS = ["cycle", "state", "county_canvass_deadline", "county_canvass_rule",
               "state_certification_deadline", "state_certification_rule",
               "automatic_recount", "requested_recount", "free_recount", "recount_rule",
               "recount_citation", "citation", "source", "note"]
DEADLINE_COLUMNS = ["cycle", "state", "event", "date", "rule", "citation", "source"]
# What happened, not the law: the dates a state certified (record, with sources).
EVENTS = "certification_events.csv"
EVENT_COLUMNS = ["cycle", "state", "event", "date", "what", "source"]
EVENT_KINDS = ("state_certified", "certificate_of_ascertainment")
RECOUNT_STEPS = ("recount_request", "recount_ordered", "recount_completed")


def build(raw: Path, out: Path, rep: Report) -> None:
    from build_data import CURATED, read_csv, write_csv
    from electoral.law.calendar import timeline
    from electoral.law.recount import parse_rule
    from electoral.law.regimes import is_election_year
    from electoral.states import STATES

    def window(cycle: int) -> tuple[dt.date, dt.date]:
        tl = timeline(cycle)
        return tl.date_of("election_day"), tl.date_of("electors_meet")

    def check_date(where: str, cycle: int, text: str) -> None:
        if not text:
            return
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            rep.error(f"{where}: {text!r} is not a date (YYYY-MM-DD)")
            return
        first, last = window(cycle)
        if not first < day <= last:
            rep.error(f"{where}: {text} is not after election day ({first}) and by the "
                      f"electors' meeting ({last})")

    law_rows = read_csv(CURATED / LAW)
    seen: set[tuple[int, str]] = set()
    for n, r in enumerate(law_rows, start=2):
        where = f"{LAW}:{n}"
        if list(r) != LAW_COLUMNS:
            rep.error(f"{where}: columns {list(r)} differ from {LAW_COLUMNS}")
            return
        cycle, state = int(r["cycle"]), r["state"]
        where += f" ({cycle} {state})"
        if not is_election_year(cycle) or state not in STATES:
            rep.error(f"{where}: no election of that state and year")
            continue
        if (cycle, state) in seen:
            rep.error(f"{where}: given twice")
        seen.add((cycle, state))
        if not all(r[c].strip() for c in ("citation", "recount_citation", "source")):
            rep.error(f"{where}: a row needs its citations and a source")
        for col in ("automatic_recount", "requested_recount", "free_recount"):
            if r[col].strip():
                try:
                    parse_rule(r[col])
                except ValueError as e:
                    rep.error(f"{where}: {col}: {e}")
            elif col != "free_recount" and not r["note"].strip():
                rep.error(f"{where}: {col} left empty without a note saying why")
        for col in ("county_canvass_deadline", "state_certification_deadline"):
            check_date(f"{where}: {col}", cycle, r[col])
            if r[col] and not r[col.replace("deadline", "rule")].strip():
                rep.error(f"{where}: {col} given without the rule that sets it")
    for cycle in sorted({c for c, _ in seen}):
        missing = sorted(s for s in STATES if (cycle, s) not in seen)
        if missing:
            rep.error(f"{LAW}: {cycle} lacks {', '.join(missing)}")

    steps = read_csv(CURATED / DEADLINES)
    for n, r in enumerate(steps, start=2):
        where = f"{DEADLINES}:{n}"
        key = (int(r["cycle"]), r["state"])
        if key not in seen:
            rep.error(f"{where}: {key[0]} {key[1]} has no row in {LAW}")
            continue
        if r["event"] not in RECOUNT_STEPS:
            rep.error(f"{where}: unknown event {r['event']!r} (events: "
                      f"{', '.join(RECOUNT_STEPS)})")
        if not all(r[c].strip() for c in ("date", "rule", "citation", "source")):
            rep.error(f"{where}: a step needs a date, its rule, a citation and a source")
        check_date(where, key[0], r["date"])

    events = read_csv(CURATED / EVENTS)
    for n, r in enumerate(events, start=2):
        where = f"{EVENTS}:{n}"
        if list(r) != EVENT_COLUMNS or r["event"] not in EVENT_KINDS:
            rep.error(f"{where}: columns {EVENT_COLUMNS}, events {', '.join(EVENT_KINDS)}")
            continue
        if (int(r["cycle"]), r["state"]) not in seen or not r["source"].strip():
            rep.error(f"{where}: no {LAW} row for {r['cycle']} {r['state']}, or no source")
        check_date(where, int(r["cycle"]), r["date"])
    write_csv(out / EVENTS, EVENT_COLUMNS,
              [[r[c] for c in EVENT_COLUMNS]
               for r in sorted(events, key=lambda r: (int(r["cycle"]), r["state"], r["date"],
                                                      r["event"]))])

    write_csv(out / LAW, LAW_COLUMNS,
              [[r[c] for c in LAW_COLUMNS]
               for r in sorted(law_rows, key=lambda r: (int(r["cycle"]), r["state"]))])
    write_csv(out / DEADLINES, DEADLINE_COLUMNS,
              [[r[c] for c in DEADLINE_COLUMNS]
               for r in sorted(steps, key=lambda r: (int(r["cycle"]), r["state"], r["date"],
                                                     r["event"]))])
