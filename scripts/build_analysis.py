"""Presidential votes by congressional district, every state, 1952-2020: the input of the
"congressional-district method everywhere" counterfactual (electoral.analysis.rules).

Source: jcervas/Data, Elections/Presidential/Pres by CD/pres_cd_1952_2020.csv (Tom Brunell
1952-2012, Daily Kos Elections 2016-2020; see RAW/PROVENANCE.md). Writes
data/district_votes.csv: year, state, district, democratic, republican, third (the main
third candidate where the source names one: Wallace 1968, Anderson 1980, Perot 1992 and
1996), other (everyone else); integers.
District numbers are as in the source; a state's lone at-large seat (source ed 99) is
district 1. The District of Columbia (ed 98) has no congressional district and is left out.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_data import Report

SOURCE = Path("districts") / "jcervas_pres_cd_1952_2020.csv"
AT_LARGE, DC = 99, 98


def _int(text: str) -> int:
    text = text.strip()
    return int(float(text)) if text not in ("", "NA") else 0


def build(raw: Path, out: Path, rep: Report) -> None:
    from build_data import write_csv
    from electoral.states import STATES

    path = raw / SOURCE
    if not path.is_file():
        rep.error(f"{SOURCE}: not found")
        return
    rows: dict[tuple[int, str, int], tuple[int, int, int, int]] = {}
    with path.open(newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            year, state, ed = int(r["year"]), r["sta"].strip(), int(r["ed"])
            if ed == DC or state == "DC":
                continue
            if state not in STATES:
                rep.error(f"{SOURCE}: {year}: unknown state {state!r}")
                continue
            district = 1 if ed == AT_LARGE else ed
            dem, rep_, tot = _int(r["dem"]), _int(r["rep"]), _int(r["tvot"])
            third, other = _int(r["oth1"]), _int(r["oth2"]) + _int(r["remng"])
            if min(dem, rep_, third, other) < 0:
                rep.error(f"{SOURCE}: {year} {state}-{district}: negative votes")
                continue
            if tot and tot != dem + rep_ + third + other:
                # 1972-1988 minor candidates are absent (tvot = dem + rep): keep the parts.
                rep.note(f"{SOURCE}: {year} {state}-{district}: total {tot} != parts "
                         f"{dem + rep_ + third + other}; the parts are kept")
            key = (year, state, district)
            if key in rows:
                rep.error(f"{SOURCE}: {year} {state}-{district} given twice")
                continue
            rows[key] = (dem, rep_, third, other)
    write_csv(out / "district_votes.csv",
              ["year", "state", "district", "democratic", "republican", "third", "other"],
              [(y, st, d, *v) for (y, st, d), v in rows.items()])
