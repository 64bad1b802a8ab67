"""Build the packaged record from raw public files and the project's curated files.

    python scripts/build_data.py [--raw ../shared/data] [--out src/electoral/data] [--check]

Reads the raw files under RAW (never edited by hand; see RAW/PROVENANCE.md) and the curated
files under data/curated/ (each fact with its source), normalises states to USPS codes and
candidates to stable ids (electoral.names: the rule the runtime uses), and writes sorted,
deterministic CSV files to OUT:

- the record, the pipeline's inputs: popular_votes, other_ballots, electors, appointments,
  running_mates, deviations, not_counted, contingent_elections, objections, the calendar;
- the electoral votes as the sources report them (electoral_votes), which the pipeline must
  reproduce, and the recorded outcome (elections);
- independent references under OUT/reference/, each from a raw file the record is not built
  from, for `electoral check`; and the curated resolutions of their disagreements.

Deviations from pledges are not typed in: the build derives them, state by state, as the
difference between the votes the sources report and the votes the pledged electors would
have cast (the runtime's appoint and cast), and each must match a curated row giving its
kind and source (data/curated/deviations.csv). With --check it writes to a temporary folder
and exits 1 if the result differs from OUT. Choices between sources go to stderr.
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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from electoral.electors import appoint  # noqa: E402
from electoral.law.regimes import VOTING, district_rule, rule_for  # noqa: E402
from electoral.model import (  # noqa: E402
    ABSTAIN,
    Appointment,
    Office,
    ReturnRow,
    Returns,
    UnitAppointment,
)
from electoral.names import (  # noqa: E402
    candidate_id,
    natural_order,
    other_ballot_kind,
    same_given_name,
)
from electoral.states import STATES, state_code  # noqa: E402
from electoral.votes import cast  # noqa: E402

CURATED = ROOT / "data" / "curated"
sys.path.insert(0, str(ROOT / "scripts"))
# Modules under scripts/ with `build(raw: Path, out: Path, rep: Report) -> None`.
PARTS: tuple[str, ...] = ("build_census", "build_web", "build_analysis", "build_forecast",
                          "build_live", "build_references", "build_certification")
P, VP = "P", "VP"
UNPLEDGED = "Unpledged electors"


class Report:
    """Disagreements between sources (kept choices) and hard errors (the build fails)."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.errors: list[str] = []
        self.record: Record | None = None  # for the parts that follow the record

    def note(self, msg: str) -> None:
        self.notes.append(msg)

    def error(self, msg: str) -> None:
        self.errors.append(msg)


slug = candidate_id


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
                if slug(n).replace("-", "").endswith(squash) and same_given_name(n, name)]
        if len(hits) == 1:
            return slug(hits[0])
        return self.add(name)


def medsl_name(raw: str) -> str:
    """'BIDEN, JOSEPH R. JR' -> 'Joseph R. Biden Jr'."""
    raw = natural_order(raw.replace('""', '"').strip())

    def word(w: str) -> str:
        if w.isupper() and len(w) <= 2 and w.endswith("."):
            return w
        if w.rstrip(".").upper() in ("JR", "SR"):
            return w.rstrip(".").capitalize() + "."
        if w[:1] in "\"'(":  # a quoted nickname: "ROCKY" -> "Rocky"
            return w[0] + w[1:].capitalize()
        return w.capitalize()

    return " ".join(word(w) for w in raw.split())


# ---------------------------------------------------------------------------------------------
# Parties: one canonical label per party.


class Parties:
    def __init__(self) -> None:
        self.alias = {r["alias"].lower(): r["party"]
                      for r in read_csv(CURATED / "party_names.csv")}

    def canonical(self, label: str) -> str:
        text = " ".join(label.split())
        if text.lower() in self.alias:
            return self.alias[text.lower()]
        if text.isupper() or text.islower():
            text = text.title().replace("'S", "'s")
        text = re.sub(r"\s+Party$", "", text)
        return self.alias.get(text.lower(), text)


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
                    # alternative (1868 Georgia). The reference keeps the number counted.
                    m = re.match(r"\d+", cell.strip())
                    assert m, cell
                    out.setdefault(int(y), {})[row[0]] = int(m.group())
    return out


def clavesi(raw: Path, year: int) -> dict[str, object]:
    path = raw / "historical_state_results_json" / f"{year}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def clavesi_popular(raw: Path, year: int, names: Names) -> dict[str, dict[str, int]]:
    """The historical JSON's popular vote of `year`: state -> candidate id -> votes."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    blocks = clavesi(raw, year).get("votes", {})
    assert isinstance(blocks, dict)
    for st_name, block in blocks.items():
        if st_name == "Total":
            continue
        st = state_code(st_name)
        for cand, n in (block.get("popular") or {}).items():
            v = as_int(n)
            if v:
                cid = names.resolve(year, cand)
                out[st][cid] = out[st].get(cid, 0) + v
    return out


def as_int(text: object) -> int | None:
    s = str(text).replace(",", "").strip()
    return int(s) if s.isdigit() else None


PerState = dict[tuple[int, str], dict[str, int]]


def president_votes(raw: Path, years: list[int], names: Names, rep: Report) -> PerState:
    """(year, state) -> candidate id -> electoral votes cast for President, as the sources
    report them (the historical JSON; 2024 from the second per-state table, the only one that
    has it), with curated corrections replacing a state's whole entry."""
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
    fixes: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for r in read_csv(CURATED / "president_state_votes.csv"):
        y = election_year(r["year"])
        fixes[(y, state_code(r["state"]))][names.register(y, r["candidate"])] = int(r["votes"])
    for key, per in fixes.items():
        if key in out and out[key] != per:
            rep.note(f"{key[0]} {key[1]} President: source {out[key]} replaced by curated {per}")
        out[key] = per
    return out


# ---------------------------------------------------------------------------------------------
# Popular votes.

SKIP_MEDSL = re.compile(r"^(UNDER ?VOTES?|OVER ?VOTES?|BLANK( VOTES?)?|VOID|SPOILED|NONE OF THESE "
                        r"CANDIDATES|NOT DESIGNATED)$", re.I)


@dataclass
class Popular:
    votes: dict[tuple[int, str, int], dict[str, int]]
    other: dict[tuple[int, str, int], dict[str, int]]
    party: dict[tuple[int, str], str]


def popular_votes(raw: Path, years: list[int], names: Names, parties: Parties,
                  rep: Report) -> Popular:
    votes: dict[tuple[int, str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    other: dict[tuple[int, str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    party_of: dict[tuple[int, str], str] = {}
    for y in years:
        data = clavesi(raw, y)
        if not data or y >= 1976:  # from 1976 the record's popular vote and parties are MEDSL's
            continue
        cands = data.get("candidates", {})
        assert isinstance(cands, dict)
        for cand, party in cands.items():
            if cand != "Others" and party != "Faithless":  # not a party
                party_of[(y, names.resolve(y, cand))] = parties.canonical(str(party))
        if y < 1824:
            continue
        for st, per in clavesi_popular(raw, y, names).items():
            for cid, v in per.items():
                votes[(y, st, 0)][cid] += v
    medsl_party: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    medsl = read_csv(raw / "popular_vote_state" / "1976-2024-president.csv")
    # Register each year's spellings, most votes first, so that a rarer spelling of the same
    # person ("PEROT, H. ROSS" beside "PEROT, ROSS") resolves to the common one.
    spelled: dict[tuple[int, str], int] = defaultdict(int)
    for r in medsl:
        spelled[(int(r["year"]), " ".join(r["candidate"].split()))] += int(r["candidatevotes"])
    for (y, raw_name), _ in sorted(spelled.items(), key=lambda kv: (kv[0][0], -kv[1])):
        if raw_name and other_ballot_kind(raw_name) is None:
            cid = names.resolve(y, names.aliases.get(raw_name) or medsl_name(raw_name))
            names.register(y, names.display[cid])
    for r in medsl:
        y, st = int(r["year"]), r["state_po"]
        raw_name = " ".join(r["candidate"].split())
        v = int(r["candidatevotes"])
        kind = other_ballot_kind(raw_name) or ("scattering" if raw_name in (
            "", "WRITE-IN", "WRITEIN", "WRITE IN") else None)
        if kind is not None:
            other[(y, st, 0)][kind] += v
            continue
        cid = names.resolve(y, names.aliases.get(raw_name) or medsl_name(raw_name))
        votes[(y, st, 0)][cid] += v
        simple = r["party_simplified"].strip()
        label = (simple if simple in ("DEMOCRAT", "REPUBLICAN", "LIBERTARIAN")
                 else r["party_detailed"].strip() or simple)
        if label:
            medsl_party[(y, cid)][label] += v
    for (y, cid), labels in medsl_party.items():
        best = max(labels.items(), key=lambda kv: (kv[1], kv[0]))[0]
        party_of.setdefault((y, cid), parties.canonical(best))
    # Maine and Nebraska districts, only for years their district method was in force.
    for r in read_csv(raw / "districts" / "me_ne_district_president.csv"):
        y, st = int(r["year"]), r["state"]
        if district_rule(st, y) is None:
            continue
        d = int(r["district"].split("-")[1])
        kind = other_ballot_kind(r["candidate"])
        if kind is not None:
            other[(y, st, d)][kind] += int(r["votes"])
            continue
        votes[(y, st, d)][names.resolve(y, r["candidate"])] += int(r["votes"])
    # Curated corrections and additions (each with its source).
    for r in read_csv(CURATED / "popular_votes.csv"):
        y, st, d = int(r["year"]), state_code(r["state"]), int(r["district"] or 0)
        if r["candidate"].startswith("("):  # ballots for no one candidate: "(scattering)"
            kind = r["candidate"].strip("()")
            rep.note(f"{y} {st} {kind}: {other[(y, st, d)].get(kind, 0):,} set to {r['votes']}")
            other[(y, st, d)][kind] = int(r["votes"])
            continue
        cid = names.register(y, r["candidate"])
        have = votes[(y, st, d)].get(cid)
        if r["action"] == "remove":
            if have is None:
                rep.error(f"popular_votes.csv: {y} {st} {r['candidate']}: nothing to remove")
            votes[(y, st, d)].pop(cid, None)
            continue
        n = int(r["votes"])
        if have is not None and have != n:
            rep.note(f"{y} {st} {r['candidate']}: popular vote {have:,} corrected to {n:,}")
        votes[(y, st, d)][cid] = n
        if r["party"]:
            party_of[(y, cid)] = parties.canonical(r["party"])
    for r in read_csv(CURATED / "parties.csv"):
        y = int(r["year"])
        party_of[(y, names.resolve(y, r["name"]))] = parties.canonical(r["party"])
    return Popular({k: dict(v) for k, v in votes.items() if v},
                   {k: dict(v) for k, v in other.items() if v}, party_of)


# ---------------------------------------------------------------------------------------------
# Tickets, appointments and deviations.

Mates = dict[tuple[int, str], dict[str, str]]  # (year, state or "") -> candidate -> mate


def tickets(names: Names) -> Mates:
    out: Mates = defaultdict(dict)
    for r in read_csv(CURATED / "running_mates.csv"):
        y = int(r["year"])
        out[(y, r["state"])][names.resolve(y, r["president"])] = names.resolve(
            y, r["vice_president"])
    return out


def mate_of(mates: Mates, year: int) -> object:
    def mate(state: str, cand: str) -> str | None:
        per = mates.get((year, state))
        if per and cand in per:
            return per[cand]
        return mates.get((year, ""), {}).get(cand)
    return mate


@dataclass(frozen=True)
class Rule:
    """A curated deviation row: explicit (state, voted_for, count) or a class ('*')."""

    year: int
    state: str
    office: str
    pledged_to: str
    voted_for: str
    count: int | None
    kind: str
    note: str
    source: str

    def matches(self, state: str, office: str, pledged: str, voted: str) -> bool:
        # A class row ('*') covers votes for persons, never abstentions.
        return (self.office == office and self.state in ("*", state)
                and self.pledged_to in ("*", pledged)
                and (self.voted_for == voted or (self.voted_for == "*" and voted != ABSTAIN)))


def deviation_rules(names: Names, keys: Mapping[str, str]) -> list[Rule]:
    out = []
    for r in read_csv(CURATED / "deviations.csv"):
        y = int(r["year"])

        def who(text: str, year: int = y) -> str:
            if text in ("*", ABSTAIN):
                return text
            return names.resolve(year, text)

        source = "; ".join(keys.get(k.strip(), k.strip()) for k in r["source"].split(";"))
        out.append(Rule(y, r["state"], r["office"], who(r["pledged_to"]), who(r["voted_for"]),
                        None if r["count"] in ("", "*") else int(r["count"]), r["kind"],
                        r["note"], source))
    return sorted(out, key=lambda r: "*" in (r.state, r.pledged_to, r.voted_for))


def _reverse(per: Mapping[str, int], moves: Iterable[Rule]) -> dict[str, int]:
    """Votes as pledged: the recorded votes with explicit deviations undone."""
    out = dict(per)
    for m in moves:
        assert m.count is not None
        if m.voted_for != ABSTAIN:
            out[m.voted_for] = out.get(m.voted_for, 0) - m.count
        out[m.pledged_to] = out.get(m.pledged_to, 0) + m.count
    return {c: n for c, n in out.items() if n}


def pledges_from_votes(year: int, state: str, per: Mapping[str, int], mate: object,
                       appointed: int, slate: str | None) -> dict[str, int]:
    """Electors per ticket from a state's votes as pledged (deviations undone): before 1804
    each elector's two votes go to the ticket's leader and second; an unpledged slate's
    electors are all its own."""
    if slate is not None:
        return {slate: appointed}
    if rule_for(VOTING, year).votes_per_elector == 1:
        return dict(per)
    assert callable(mate)
    seconds: dict[str, int] = defaultdict(int)
    leaders: dict[str, int] = {}
    for cand in sorted(per, key=lambda c: -per[c]):
        second = mate(state, cand)
        if second is None or cand in seconds:
            continue
        n = per[cand] - seconds.get(cand, 0)
        if n > 0:
            leaders[cand] = n
            seconds[second] += n
    return leaders


def derive(recorded: Mapping[str, int], expected: Mapping[str, int]
           ) -> tuple[list[tuple[str, str, int]], str]:
    """Moves (pledged_to, voted_for, count) turning the expected votes into the recorded ones;
    "" or a reason they cannot be told apart (two candidates short of votes)."""
    short = {c: expected[c] - recorded.get(c, 0) for c in expected
             if expected[c] > recorded.get(c, 0)}
    extra = {c: recorded[c] - expected.get(c, 0) for c in recorded
             if recorded[c] > expected.get(c, 0)}
    if not short and not extra:
        return [], ""
    if len(short) != 1:
        return [], (f"cannot tell who deviated from whom: short {short}, extra {extra}")
    (pledged, lost), = short.items()
    moves = [(pledged, c, n) for c, n in sorted(extra.items())]
    gained = sum(extra.values())
    if gained > lost:
        return [], f"more votes than electors: short {short}, extra {extra}"
    if gained < lost:
        moves.append((pledged, ABSTAIN, lost - gained))
    return moves, ""


# ---------------------------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in sorted(rows, key=lambda r: [(str(x) if not isinstance(x, int) else f"{x:012d}")
                                                for x in r]):
            w.writerow(row)


@dataclass
class Record:
    """What the record build hands to the parts that follow (references, analysis)."""

    names: Names
    parties: Parties
    years: list[int]
    nara: dict[int, dict[str, int]]


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
    parties = Parties()
    keys = {r["key"]: r["reference"] for r in read_csv(CURATED / "source_keys.csv")}

    # Vice-presidential candidates are known people of their year too (for name matching).
    for r in read_csv(CURATED / "running_mates.csv") + read_csv(CURATED / "vp_state_votes.csv"):
        for key in ("president", "vice_president", "candidate"):
            if r.get(key) and not r[key].startswith("("):
                names.register(int(r["year"]), r[key])
    for r in read_csv(CURATED / "reference_national_totals.csv"):
        names.register(election_year(r["year"]), r["candidate"])
    pres = president_votes(raw, years, names, rep)
    mates = tickets(names)
    pop = popular_votes(raw, years, names, parties, rep)

    # The Vice-President votes as the sources report them: per state where curated, else the
    # running mates of the presidential votes.
    vice: dict[tuple[int, str], dict[str, int]] = {}
    vp_fix: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for r in read_csv(CURATED / "vp_state_votes.csv"):
        y = int(r["year"])
        if r["candidate"].startswith("("):
            continue
        vp_fix[(y, state_code(r["state"]))][names.resolve(y, r["candidate"])] = int(r["votes"])
    for (y, st), per in pres.items():
        if not rule_for(VOTING, y).separate_vice_president:
            continue
        if (y, st) in vp_fix:
            vice[(y, st)] = vp_fix[(y, st)]
            continue
        mate = mate_of(mates, y)
        vp: dict[str, int] = defaultdict(int)
        for c, n in per.items():
            m = mate(st, c)  # type: ignore[operator]
            if m is None:
                rep.error(f"{y} {st}: no running mate for {c} and no per-state VP votes")
                continue
            vp[m] += n
        vice[(y, st)] = dict(vp)

    # Electors appointed and voting.
    electors: dict[tuple[int, str], dict[str, object]] = {}
    for (y, st), per in pres.items():
        voted = sum(per.values()) // rule_for(VOTING, y).votes_per_elector
        electors[(y, st)] = {"appointed": voted, "voted": voted, "note": ""}
    for r in read_csv(CURATED / "electors_appointed.csv"):
        y, st = election_year(r["year"]), state_code(r["state"])
        electors[(y, st)] = {"appointed": int(r["appointed"]), "voted": int(r["voted"]),
                             "note": r["note"]}

    # How each state-year's electors came to be: by the popular vote in the record (derived
    # at run time), or recorded (legislatures, electors chosen one by one, no returns).
    chosen: dict[tuple[int, str], dict[str, str]] = {}
    for r in read_csv(CURATED / "appointments.csv"):
        y = int(r["year"])
        sts = [s for (yy, s) in pres if yy == y] if r["state"] == "*" else [r["state"]]
        for st in sts:
            chosen[(y, st)] = r
    rules = deviation_rules(names, keys)
    explicit: dict[tuple[int, str, str], list[Rule]] = defaultdict(list)
    for rule in rules:
        if rule.state != "*" and rule.voted_for != "*" and rule.pledged_to != "*":
            explicit[(rule.year, rule.state, rule.office)].append(rule)
    appointments: list[tuple[object, ...]] = []
    methods: dict[tuple[int, str], str] = {}
    deviations: list[tuple[object, ...]] = []
    used: set[Rule] = set()
    for y in years:
        mate = mate_of(mates, y)
        states = sorted(st for (yy, st) in pres if yy == y)
        returns_rows = []
        for (yy, st, d), per in pop.votes.items():
            if yy == y and (d == 0 or district_rule(st, y) is not None):
                returns_rows += [ReturnRow(st, d or None, c, None, n) for c, n in per.items()]
        by_returns = {st for st in states if (y, st, 0) in pop.votes
                      and (y, st) not in chosen}
        units: list[UnitAppointment] = []
        if by_returns:
            app = appoint(Returns(y, tuple(returns_rows)),
                          {st: int(electors[(y, st)]["appointed"])  # type: ignore[call-overload]
                           for st in by_returns})
            units += app.units
            for st in by_returns:
                methods[(y, st)] = "district" if district_rule(st, y) else "popular"
        for st in states:
            if st in by_returns:
                continue
            row = chosen.get((y, st))
            how = row["method"] if row else "not_recorded"
            methods[(y, st)] = how
            n_app = int(electors[(y, st)]["appointed"])  # type: ignore[call-overload]
            if n_app == 0:
                continue
            asis = _reverse(pres[(y, st)], [m for m in explicit[(y, st, P)]])
            slate = names.resolve(y, row["slate"]) if row and row["slate"] else None
            pledged = pledges_from_votes(y, st, asis, mate, n_app, slate)
            if sum(pledged.values()) != n_app:
                rep.error(f"{y} {st}: {sum(pledged.values())} electors pledged from the votes, "
                          f"{n_app} appointed")
            for cand, k in pledged.items():
                units.append(UnitAppointment(st, None, k, how, cand))
                appointments.append((y, st, cand, k, how,
                                     row["source"] if row else "electoral votes as recorded"))
        appointment = Appointment(y, tuple(units))
        offices = [(Office.PRESIDENT, pres)]
        if rule_for(VOTING, y).separate_vice_president:
            offices.append((Office.VICE_PRESIDENT, vice))
        for office, recorded in offices:
            expected = {s.state: dict(s.votes) for s in
                        cast(appointment, office, mate).states}  # type: ignore[arg-type]
            for st in states:
                moves, why = derive(recorded.get((y, st), {}), expected.get(st, {}))
                if why:
                    given = explicit[(y, st, office.value)]
                    if given and _reverse(recorded.get((y, st), {}), given) == {
                            c: n for c, n in expected.get(st, {}).items() if n}:
                        moves = [(m.pledged_to, m.voted_for, m.count or 0) for m in given]
                    else:
                        rep.error(f"{y} {st} {office.value}: {why}")
                        continue
                for pledged_to, voted_for, k in moves:
                    found = next((r for r in rules if r.year == y and r.matches(
                        st, office.value, pledged_to, voted_for)
                        and r.count in (None, k)), None)
                    if found is None:
                        rep.error(f"{y} {st} {office.value}: {k} vote(s) pledged to "
                                  f"{pledged_to} cast for {voted_for}: no curated deviation row")
                        continue
                    used.add(found)
                    deviations.append((y, st, office.value, pledged_to, voted_for, k, found.kind,
                                       found.note, found.source))
    for rule in rules:
        if rule not in used and rule.state != "*":
            rep.error(f"deviations.csv: {rule.year} {rule.state} {rule.office} "
                      f"{rule.pledged_to} -> {rule.voted_for}: matches no deviation in the votes")

    # Votes Congress did not count.
    not_counted = []
    for r in read_csv(CURATED / "not_counted.csv"):
        y = int(r["year"])
        not_counted.append((y, r["state"], r["office"], names.resolve(y, r["candidate"]),
                            int(r["votes"]), r["reason"], r["source"]))

    # ---- write
    write_csv(out / "electoral_votes.csv", ["year", "state", "office", "candidate", "votes"],
              [(y, st, P, c, n) for (y, st), per in pres.items() for c, n in per.items()]
              + [(y, st, VP, c, n) for (y, st), per in vice.items() for c, n in per.items()])
    write_csv(out / "electors.csv", ["year", "state", "appointed", "voted", "method", "note"],
              [(y, st, e["appointed"], e["voted"], methods.get((y, st), "not_recorded"),
                e["note"]) for (y, st), e in electors.items()])
    write_csv(out / "appointments.csv", ["year", "state", "candidate", "electors", "method",
                                         "source"], appointments)
    write_csv(out / "popular_votes.csv", ["year", "state", "district", "candidate", "votes"],
              [(y, st, d, c, n) for (y, st, d), per in pop.votes.items()
               for c, n in per.items() if n > 0])
    write_csv(out / "other_ballots.csv", ["year", "state", "district", "kind", "votes"],
              [(y, st, d, k, n) for (y, st, d), per in pop.other.items()
               for k, n in per.items() if n > 0])
    write_csv(out / "running_mates.csv", ["year", "state", "president", "vice_president"],
              [(y, st, c, m) for (y, st), per in mates.items() for c, m in per.items()])
    write_csv(out / "deviations.csv", ["year", "state", "office", "pledged_to", "voted_for",
                                       "count", "kind", "note", "source"], deviations)
    write_csv(out / "not_counted.csv", ["year", "state", "office", "candidate", "votes",
                                        "reason", "source"], not_counted)
    winners = read_csv(CURATED / "winners.csv")
    write_csv(out / "elections.csv", ["year", "president_elect", "vice_president_elect",
                                      "decided_by", "vp_decided_by", "source"],
              [(int(r["year"]), names.resolve(int(r["year"]), r["president"]),
                names.resolve(int(r["year"]), r["vice_president"]), r["decided_by"],
                r["vp_decided_by"], r["source"]) for r in winners])
    write_csv(out / "contingent_elections.csv",
              ["year", "office", "chamber", "ballot", "date", "candidate", "votes", "unit",
               "source"],
              [(int(r["year"]), P if r["office"] == "president" else VP, r["chamber"],
                int(r["ballot"]), r["date"],
                r["candidate"] if r["candidate"].startswith("(")
                else names.resolve(int(r["year"]), r["candidate"]),
                int(r["votes"]), r["unit"], r["source"])
               for r in read_csv(CURATED / "contingent_elections.csv")])
    write_csv(out / "contingent_delegations.csv", ["year", "ballot", "state", "candidate",
                                                   "source"],
              [(int(r["year"]), int(r["ballot"]), r["state"],
                r["candidate"] if r["candidate"].startswith("(")
                else names.resolve(int(r["year"]), r["candidate"]), r["source"])
               for r in read_csv(CURATED / "contingent_delegations.csv")])
    write_csv(out / "house_delegations.csv", HOUSE_COLUMNS, _house(rep))
    for name in ("calendar_rules.csv", "calendar_exceptions.csv", "objections.csv"):
        rows = read_csv(CURATED / name)
        header = list(rows[0].keys())
        write_csv(out / name, header,
                  [[str(election_year(r[h])) if h == "year" else r[h] for h in header]
                   for r in rows])
    used_ids = {c for per in pres.values() for c in per} | {c for per in vice.values()
                                                             for c in per}
    used_ids |= {c for per in pop.votes.values() for c in per}
    used_ids |= {c for (_, _), per in mates.items() for c in (*per, *per.values())}
    used_ids |= {str(d[4]) for d in deviations} | {str(d[3]) for d in deviations}
    for r in read_csv(out / "elections.csv"):
        used_ids |= {r["president_elect"], r["vice_president_elect"]}
    used_ids.discard(ABSTAIN)
    write_csv(out / "candidates.csv", ["id", "name"],
              [(c, names.display[c]) for c in used_ids if c in names.display])
    write_csv(out / "parties.csv", ["year", "candidate", "party"],
              [(y, c, p) for (y, c), p in pop.party.items() if c in used_ids])
    _check_states(pres, rep)
    rep.record = Record(names, parties, years, nara)
    for part in PARTS:  # further package data, one module per capability (scripts/<part>.py)
        importlib.import_module(part).build(raw, out, rep)
    return rep


HOUSE_COLUMNS = ["election", "congress", "opened", "state", "seats", "democrats", "republicans",
                 "vacant", "source"]


def _house(rep: Report) -> list[list[str]]:
    """The House delegations that would choose the President after an election (amend. XII),
    each Congress whole: 435 seats, every seat a Democrat's, a Republican's or vacant."""
    rows = read_csv(CURATED / "house_delegations.csv")
    seats: dict[str, int] = {}
    for r in rows:
        n = [int(r[k]) for k in ("seats", "democrats", "republicans", "vacant")]
        if n[0] != sum(n[1:]):
            rep.error(f"house_delegations.csv: {r['congress']} {r['state']}: {n[1]} + {n[2]} + "
                      f"{n[3]} is not {n[0]} seats")
        seats[r["congress"]] = seats.get(r["congress"], 0) + n[0]
    for congress, total in seats.items():
        if total != 435:
            rep.error(f"house_delegations.csv: the {congress}th Congress has {total} seats, "
                      "not 435")
    return [[r[k] for k in HOUSE_COLUMNS] for r in rows]


def _check_states(pres: Mapping[tuple[int, str], object], rep: Report) -> None:
    for (y, st) in pres:
        if STATES[st].first_election > y:
            rep.error(f"{y} {st}: votes recorded before the state could appoint electors")


def _same_tree(a: Path, b: Path) -> Iterator[str]:
    names = sorted({str(p.relative_to(a)) for p in a.rglob("*.csv")}
                   | {str(p.relative_to(b)) for p in b.rglob("*.csv")})
    for n in names:
        if not (a / n).exists() or not (b / n).exists() or not filecmp.cmp(a / n, b / n, False):
            yield n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
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
    count = len(list(target.rglob("*.csv")))
    if args.check:
        diff = list(_same_tree(target, args.out))
        if diff:
            print(f"build_data: rebuild differs from {args.out}: {', '.join(diff)}",
                  file=sys.stderr)
            return 1
        print(f"build_data: rebuild identical ({count} files)")
    else:
        print(f"build_data: wrote {count} files to {target} "
              f"({len(rep.notes)} source disagreements resolved)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
