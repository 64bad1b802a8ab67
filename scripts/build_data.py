"""Build the packaged record from raw public files and the project's curated files.

    python scripts/build_data.py [--raw ../shared/data] [--out src/electoral/data] [--check]

Reads the raw files under RAW (never edited by hand; see RAW/PROVENANCE.md) and the curated
files under data/curated/ (each fact with its source), normalises states to USPS codes and
candidates to stable ids, and writes sorted, deterministic CSV files to OUT. With --check it
writes to a temporary folder and exits 1 if the result differs from OUT. Disagreements between
sources are reported on stderr with the choice the record keeps.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import importlib
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from electoral.law.regimes import district_rule  # noqa: E402
from electoral.states import STATES, state_code  # noqa: E402

CURATED = ROOT / "data" / "curated"
sys.path.insert(0, str(ROOT / "scripts"))
# Modules under scripts/ with `build(raw: Path, out: Path, rep: Report) -> None`.
PARTS: tuple[str, ...] = ("build_census", "build_web", "build_analysis", "build_forecast")
P, VP = "P", "VP"
ABSTAINED = "(abstained)"


class Report:
    """Disagreements between sources (kept choices) and hard errors (the build fails)."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.errors: list[str] = []

    def note(self, msg: str) -> None:
        self.notes.append(msg)

    def error(self, msg: str) -> None:
        self.errors.append(msg)


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return [dict(r) for r in csv.DictReader(f)]


def election_year(text: str) -> int:
    """The first election is keyed 1789 (held 1788-89), as in the National Archives' table."""
    y = int(text)
    return 1789 if y == 1788 else y


# ---------------------------------------------------------------------------------------------
# Candidate names: one display name and id per person across all sources.


class Names:
    def __init__(self, nara_names: Iterable[str]) -> None:
        self.aliases = {r["alias"]: r["name"] for r in read_csv(CURATED / "candidate_aliases.csv")}
        self.display: dict[str, str] = {}  # id -> display name
        self.by_year: dict[int, list[str]] = defaultdict(list)  # names known to receive votes
        for n in nara_names:
            self.add(self.aliases.get(n, n))

    def add(self, name: str) -> str:
        cid = slug(name)
        self.display.setdefault(cid, name)
        return cid

    def register(self, year: int, name: str) -> str:
        name = self.aliases.get(name, name)
        if name not in self.by_year[year]:
            self.by_year[year].append(name)
        return self.add(name)

    @staticmethod
    def _key(name: str) -> tuple[str, str]:
        words = [w for w in re.split(r"[\s.]+", name) if w and w.lower() not in ("jr", "sr", "ii")]
        return (words[-1].lower(), words[0][0].lower()) if words else ("", "")

    def resolve(self, year: int, name: str) -> str:
        """Map a source's spelling to the year's known person (by surname and first initial)."""
        name = self.aliases.get(name, name)
        if slug(name) in self.display:
            return slug(name)
        key = self._key(name)
        hits = [n for n in self.by_year.get(year, []) if self._key(n) == key]
        if len(hits) == 1:
            return slug(hits[0])
        # "Bob Dole" / "Robert Dole", "Strom Thurmond" / "J. Strom Thurmond": surname alone,
        # when exactly one of the year's electoral-vote recipients bears it.
        squash = key[0].replace(" ", "")
        hits = [n for n in self.by_year.get(year, [])
                if slug(n).replace("-", "").endswith(squash)]
        if len(hits) == 1:
            return slug(hits[0])
        return self.add(name)


def medsl_name(raw: str) -> str:
    """'BIDEN, JOSEPH R. JR' -> 'Joseph R. Biden Jr'."""
    raw = raw.replace('""', '"').strip()
    if "," in raw:
        last, _, first = raw.partition(",")
        parts = first.split()
        suffix = [p for p in parts if p.rstrip(".").upper() in ("JR", "SR", "II", "III")]
        first = " ".join(p for p in parts if p not in suffix)
        raw = f"{first} {last} {' '.join(suffix)}".strip()
    def word(w: str) -> str:
        if w.isupper() and len(w) <= 2 and w.endswith("."):
            return w
        if w[:1] in "\"'(":  # a quoted nickname: "ROCKY" -> "Rocky"
            return w[0] + w[1:].capitalize()
        return w.capitalize()

    return " ".join(word(w) for w in raw.split())


# ---------------------------------------------------------------------------------------------
# Electoral votes.


def load_nara(raw: Path) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    with (raw / "electoral_college" / "electoral_votes.csv").open(newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        for row in rows:
            for y, cell in zip(header[4:], row[4:], strict=True):
                if cell.strip():
                    # "71(80)": counted, and in parentheses including votes counted in the
                    # alternative (1868 Georgia). The record keeps the number counted.
                    m = re.match(r"\d+", cell.strip())
                    assert m, cell
                    out.setdefault(int(y), {})[row[0]] = int(m.group())
    return out


def clavesi(raw: Path, year: int) -> dict[str, object]:
    path = raw / "historical_state_results_json" / f"{year}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def as_int(text: object) -> int | None:
    s = str(text).replace(",", "").strip()
    return int(s) if s.isdigit() else None


PerState = dict[tuple[int, str], dict[str, int]]


def president_votes(raw: Path, years: list[int], names: Names, rep: Report
                    ) -> tuple[PerState, PerState]:
    """(year, state) -> candidate id -> electoral votes cast for President: the record, and
    the raw sources' version before curated corrections."""
    out: dict[tuple[int, str], dict[str, int]] = {}
    for y in years:
        data = clavesi(raw, y)
        votes = data.get("votes", {}) if data else {}
        assert isinstance(votes, dict)
        for st_name, block in votes.items():
            if st_name == "Total":
                continue
            st = state_code(st_name)
            per: dict[str, int] = {}
            for cand, n in block.get("electoral", {}).items():
                v = as_int(n)
                if v:
                    per[names.resolve(y, cand)] = v
            if per:
                out[(y, st)] = per
    for r in read_csv(raw / "electoral_college" / "electoral_enhanced.csv"):
        if r["Year"] != "2024":
            continue
        st = state_code(r["State"])
        per = {}
        for who, n in ((r["Winner"], r["Winner_EV"]), (r["Runner_Up"], r["Runner_Up_EV"])):
            if who and int(n):
                per[names.resolve(2024, who)] = int(n)
        out[(2024, st)] = per
    source = {k: dict(v) for k, v in out.items()}
    # Curated corrections replace a source's whole state entry.
    fixes: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for r in read_csv(CURATED / "president_state_votes.csv"):
        y = election_year(r["year"])
        fixes[(y, state_code(r["state"]))][names.register(y, r["candidate"])] = int(r["votes"])
    for key, per in fixes.items():
        if key in out and out[key] != per:
            rep.note(f"{key[0]} {key[1]} President: source {out[key]} replaced by curated {per}")
        out[key] = per
    return out, source


# ---------------------------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in sorted(rows, key=lambda r: [(str(x) if not isinstance(x, int) else f"{x:012d}")
                                                for x in r]):
            w.writerow(row)


def build(raw: Path, out: Path) -> Report:
    rep = Report()
    out.mkdir(parents=True, exist_ok=True)
    nara = load_nara(raw)
    years = sorted(set(nara) | {2024})
    names = Names(n for per in nara.values() for n in per)
    for y, per in nara.items():
        for person in per:
            names.register(y, person)
    for r in read_csv(CURATED / "winners.csv"):
        names.register(int(r["year"]), r["president"])

    pres, source_pres = president_votes(raw, years, names, rep)

    # Votes Congress did not count (rejected, or counted only in the alternative).
    not_counted: dict[tuple[int, str, str], int] = {}
    for r in read_csv(CURATED / "votes_not_counted.csv"):
        y = int(r["year"])
        not_counted[(y, r["state"], names.resolve(y, r["candidate"]))] = int(r["votes"])

    # National totals check against the National Archives' table.
    for y in years:
        counted: dict[str, int] = defaultdict(int)
        for (yy, st), per in pres.items():
            if yy == y:
                for c, n in per.items():
                    counted[c] += n - not_counted.get((y, st, c), 0)
        expect = {slug(names.aliases.get(k, k)): v for k, v in nara.get(y, {}).items()}
        got = {c: n for c, n in counted.items() if n}
        if y in nara and got != expect:
            rep.error(f"{y}: President per-state sums {got} differ from NARA {expect}")

    # Electors: appointed, voted, not counted; how they were chosen.
    electors: dict[tuple[int, str], dict[str, object]] = {}
    per_elector = {y: (2 if y <= 1800 else 1) for y in years}
    for (y, st), per in pres.items():
        voted = sum(per.values()) // per_elector[y]
        electors[(y, st)] = {"appointed": voted, "voted": voted, "not_counted": 0, "note": ""}
    for r in read_csv(CURATED / "electors_appointed.csv"):
        y, st = election_year(r["year"]), state_code(r["state"])
        electors[(y, st)] = {"appointed": int(r["appointed"]), "voted": int(r["voted"]),
                             "not_counted": int(r["not_counted"] or 0), "note": r["note"]}

    # Popular votes.
    popular: dict[tuple[int, str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    party_of: dict[tuple[int, str], str] = {}
    for y in years:
        data = clavesi(raw, y)
        if not data:
            continue
        cands = data.get("candidates", {})
        assert isinstance(cands, dict)
        for cand, party in cands.items():
            if cand != "Others" and party != "Faithless":  # not a party
                party_of[(y, names.resolve(y, cand))] = str(party)
        if y >= 1976 or y < 1824:
            continue
        votes = data.get("votes", {})
        assert isinstance(votes, dict)
        for st_name, block in votes.items():
            if st_name == "Total":
                continue
            st = state_code(st_name)
            for cand, n in (block.get("popular") or {}).items():
                v = as_int(n)
                if v:
                    popular[(y, st, 0)][names.resolve(y, cand)] += v
    skip = re.compile(r"^(UNDER ?VOTES?|OVER ?VOTES?|BLANK( VOTES?)?|VOID|SPOILED|NONE OF THESE "
                      r"CANDIDATES|NOT DESIGNATED)$", re.I)
    medsl_party: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in read_csv(raw / "popular_vote_state" / "1976-2024-president.csv"):
        y, st = int(r["year"]), r["state_po"]
        raw_name = r["candidate"].replace("\r\n", " ").strip()
        if skip.match(raw_name):
            continue
        v = int(r["candidatevotes"])
        if raw_name in ("", "OTHER", "SCATTERING", "WRITE-IN", "WRITEIN", "WRITE IN"):
            cid = names.add("Other")
        else:
            cid = names.resolve(y, names.aliases.get(raw_name) or medsl_name(raw_name))
        popular[(y, st, 0)][cid] += v
        simple = r["party_simplified"].strip()
        party = (simple if simple in ("DEMOCRAT", "REPUBLICAN", "LIBERTARIAN")
                 else r["party_detailed"].strip() or simple)
        if party:
            medsl_party[(y, cid)][party] += v
    for (y, cid), parties in medsl_party.items():
        best = max(parties.items(), key=lambda kv: kv[1])[0]
        label = {"DEMOCRAT": "Democratic", "REPUBLICAN": "Republican",
                 "LIBERTARIAN": "Libertarian"}.get(best, best.title())
        if cid != "other":
            party_of.setdefault((y, cid), label)
    # Maine and Nebraska districts, only for years their district method was in force.
    for r in read_csv(raw / "districts" / "me_ne_district_president.csv"):
        y, st = int(r["year"]), r["state"]
        if district_rule(st, y) is None:
            continue
        d = int(r["district"].split("-")[1])
        cand = r["candidate"]
        if cand.lower() in ("blank", "blank votes"):
            continue
        cid = names.add("Other") if cand.lower() in ("other", "scattering", "other (all remaining)",
                                                       "others") else names.resolve(y, cand)
        popular[(y, st, d)][cid] += int(r["votes"])
    for r in read_csv(CURATED / "parties.csv"):
        party_of[(int(r["year"]), names.resolve(int(r["year"]), r["name"]))] = r["party"]

    # Vice President: running mates, per-state exceptions, national totals.
    mates: dict[tuple[int, str], str] = {}
    vp_fix: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    vp_national: dict[int, dict[str, int]] = defaultdict(dict)
    vp_national_src: dict[tuple[int, str], str] = {}
    if (CURATED / "running_mates.csv").exists():
        for r in read_csv(CURATED / "vp_national_totals.csv"):
            y = int(r["year"])
            cid = names.register(y, r["candidate"])
            vp_national[y][cid] = int(r["votes"])
            vp_national_src[(y, cid)] = r["source"]
        for r in read_csv(CURATED / "running_mates.csv"):
            y = int(r["year"])
            mates[(y, names.resolve(y, r["president"]))] = names.resolve(y, r["vice_president"])
        for r in read_csv(CURATED / "vp_state_votes.csv"):
            y = int(r["year"])
            cand = r["candidate"]
            cid = ABSTAINED if cand.startswith("(") else names.resolve(y, cand)
            vp_fix[(y, state_code(r["state"]))][cid] = int(r["votes"])
    vice: dict[tuple[int, str], dict[str, int]] = {}
    for (y, st), per in pres.items():
        if y <= 1800:
            continue
        if (y, st) in vp_fix:
            vice[(y, st)] = {c: n for c, n in vp_fix[(y, st)].items() if c != ABSTAINED}
            continue
        vp: dict[str, int] = defaultdict(int)
        for c, n in per.items():
            mate = mates.get((y, c))
            if mate is None:
                rep.error(f"{y} {st}: no running mate for {c} and no per-state VP votes")
                continue
            vp[mate] += n
        vice[(y, st)] = dict(vp)
    # A state whose presidential votes were all rejected had its VP votes rejected too.
    rejected = {(y, st) for (y, st), per in pres.items()
                if sum(per.values()) == sum(n for (yy, s2, _), n in not_counted.items()
                                            if (yy, s2) == (y, st))}
    for y in years:
        if y <= 1800 or not vp_national:
            continue
        vp_got: dict[str, int] = defaultdict(int)
        for (yy, st), per in vice.items():
            if yy == y and (yy, st) not in rejected:
                for c, n in per.items():
                    vp_got[c] += n
        if dict(vp_got) != vp_national.get(y, {}):
            rep.error(f"{y}: Vice President per-state sums {dict(vp_got)} differ from the curated "
                      f"national totals {vp_national.get(y)}")

    # Deviations from pledges (faithless electors, abstentions) for display and re-tallying.
    deviations = []
    keys = {r["key"]: r["reference"] for r in read_csv(CURATED / "source_keys.csv")}
    confirmations = {(election_year(r["year"]), r["state"]): r["source"]
                     for r in read_csv(CURATED / "electors_appointed.csv")}
    for r in read_csv(raw / "electoral_college" / "faithless_electors.csv"):
        note = r["note"].lower()
        if (not r["state"] or r["state"] == "multiple" or "not faithless" in note
                or int(r["count"]) == 0 or int(r["year"]) <= 1800 or r["office"] != P):
            continue
        y = int(r["year"])
        if y == 1872:
            continue  # Greeley's death: his electors were not pledged to anyone living
        pledged = r["pledged_to"]
        if pledged.startswith("(unpledged)"):
            continue
        voted_for = r["voted_for"]
        target = ABSTAINED if voted_for.startswith("(") else names.resolve(y, voted_for)
        if target == names.resolve(y, pledged.split(" (")[0]):
            continue  # a district split (Maine, Nebraska), not a deviation
        source = r["source"]
        if "RECALLED" in source:
            # An unconfirmed row: keep it only with the source that confirmed it.
            confirmed = confirmations.get((y, r["state"]))
            if confirmed is None:
                rep.error(f"{y} {r['state']}: faithless row marked RECALLED and not confirmed")
                continue
            source = confirmed
        source = "; ".join(keys.get(k.strip(), k.strip()) for k in source.split(";"))
        deviations.append((y, r["state"], P, names.resolve(y, pledged.split(" (")[0]), target,
                           int(r["count"]), "abstention" if target == ABSTAINED else "faithless",
                           r["note"], source))
    # 1872: Greeley died on 29 Nov 1872, before his electors met; they scattered their votes.
    greeley = names.resolve(1872, "Horace Greeley")
    for (y, st), per in source_pres.items():
        if y == 1872 and set(per) == {greeley}:
            for c, k in pres[(y, st)].items():
                if c != greeley:
                    deviations.append((y, st, P, greeley, c, k, "deceased_candidate",
                                       "Greeley died on 29 November 1872, before the electors "
                                       "met", keys["president_state_votes.csv"]))

    # ---- write
    write_csv(out / "electoral_votes.csv", ["year", "state", "office", "candidate", "votes",
                                            "counted"],
              [(y, st, P, c, n, n - not_counted.get((y, st, c), 0))
               for (y, st), per in pres.items() for c, n in per.items()]
              + [(y, st, VP, c, n, 0 if (y, st) in rejected else n)
                 for (y, st), per in vice.items() for c, n in per.items()])
    write_csv(out / "electors.csv", ["year", "state", "appointed", "voted", "not_counted",
                                     "method", "note"],
              [(y, st, e["appointed"], e["voted"], e["not_counted"],
                _method(y, st, popular), e["note"]) for (y, st), e in electors.items()])
    write_csv(out / "popular_votes.csv", ["year", "state", "district", "candidate", "party",
                                          "votes"],
              [(y, st, d, c, party_of.get((y, c), ""), n)
               for (y, st, d), per in popular.items() for c, n in per.items() if n > 0])
    nat_rows: list[tuple[object, ...]] = [
        (y, P, names.resolve(y, k), v, "NARA Electoral College results (electoral_votes.csv)")
        for y, per in nara.items() for k, v in per.items()]
    nat_rows += [(y, VP, c, v, vp_national_src[(y, c)])
                 for y, per in vp_national.items() for c, v in per.items()]
    write_csv(out / "national_totals.csv", ["year", "office", "candidate", "votes", "source"],
              nat_rows)
    write_csv(out / "running_mates.csv", ["year", "president", "vice_president"],
              [(y, c, m) for (y, c), m in mates.items()])
    write_csv(out / "deviations.csv", ["year", "state", "office", "pledged_to", "voted_for",
                                       "count", "kind", "note", "source"], deviations)
    winners = read_csv(CURATED / "winners.csv")
    write_csv(out / "elections.csv", ["year", "president_elect", "vice_president_elect",
                                      "decided_by", "vp_decided_by", "source"],
              [(int(r["year"]), names.resolve(int(r["year"]), r["president"]),
                names.resolve(int(r["year"]), r["vice_president"]), r["decided_by"],
                r["vp_decided_by"], r["source"]) for r in winners])
    contingent = read_csv(CURATED / "contingent_elections.csv")
    write_csv(out / "contingent_elections.csv",
              ["year", "office", "chamber", "ballot", "date", "candidate", "votes", "unit",
               "source"],
              [(int(r["year"]), P if r["office"] == "president" else VP, r["chamber"],
                int(r["ballot"]), r["date"],
                r["candidate"] if r["candidate"].startswith("(")
                else names.resolve(int(r["year"]), r["candidate"]),
                int(r["votes"]), r["unit"], r["source"]) for r in contingent])
    write_csv(out / "contingent_delegations.csv", ["year", "ballot", "state", "candidate",
                                                   "source"],
              [(int(r["year"]), int(r["ballot"]), r["state"],
                r["candidate"] if r["candidate"].startswith("(")
                else names.resolve(int(r["year"]), r["candidate"]), r["source"])
               for r in read_csv(CURATED / "contingent_delegations.csv")])
    for name in ("calendar_rules.csv", "calendar_exceptions.csv", "objections.csv"):
        rows = read_csv(CURATED / name)
        header = list(rows[0].keys())
        write_csv(out / name, header,
                  [[str(election_year(r[h])) if h == "year" else r[h] for h in header]
                   for r in rows])
    used = {c for per in pres.values() for c in per} | {c for per in vice.values() for c in per}
    used |= {c for per in popular.values() for c in per}
    used |= {c for per in vp_national.values() for c in per}
    for r in read_csv(out / "elections.csv"):
        used |= {r["president_elect"], r["vice_president_elect"]}
    write_csv(out / "candidates.csv", ["id", "name"],
              [(c, names.display[c]) for c in used if c in names.display])
    write_csv(out / "parties.csv", ["year", "candidate", "party"],
              [(y, c, p) for (y, c), p in party_of.items() if c in used])
    _check_states(pres, rep)
    for part in PARTS:  # further package data, one module per capability (scripts/<part>.py)
        importlib.import_module(part).build(raw, out, rep)
    return rep


def _method(year: int, state: str, popular: dict[tuple[int, str, int], dict[str, int]]) -> str:
    if district_rule(state, year) is not None:
        return "district"
    if (year, state, 0) in popular:
        return "popular"
    return "legislature" if 1824 <= year <= 1876 else "not_recorded"


def _check_states(pres: dict[tuple[int, str], dict[str, int]], rep: Report) -> None:
    for (y, st) in pres:
        if STATES[st].first_election > y:
            rep.error(f"{y} {st}: votes recorded before the state could appoint electors")


def _same_tree(a: Path, b: Path) -> Iterator[str]:
    names = sorted({p.name for p in a.glob("*.csv")} | {p.name for p in b.glob("*.csv")})
    for n in names:
        if not (a / n).exists() or not (b / n).exists() or not filecmp.cmp(a / n, b / n, False):
            yield n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "electoral" / "data")
    ap.add_argument("--check", action="store_true", help="rebuild and compare with --out")
    ap.add_argument("--quiet", action="store_true", help="do not list the kept choices")
    args = ap.parse_args(argv)
    if not args.raw.is_dir():
        print(f"build_data: {args.raw}: raw data folder not found", file=sys.stderr)
        return 2
    target = Path(tempfile.mkdtemp()) if args.check else args.out
    rep = build(args.raw, target)
    if not args.quiet:
        for n in rep.notes:
            print(f"note: {n}", file=sys.stderr)
    for e in rep.errors:
        print(f"error: {e}", file=sys.stderr)
    if rep.errors:
        return 1
    if args.check:
        diff = list(_same_tree(target, args.out))
        if diff:
            print(f"build_data: rebuild differs from {args.out}: {', '.join(diff)}",
                  file=sys.stderr)
            return 1
        print(f"build_data: rebuild identical ({len(list(target.glob('*.csv')))} files)")
    else:
        print(f"build_data: wrote {len(list(target.glob('*.csv')))} files to {target} "
              f"({len(rep.notes)} source disagreements resolved)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
