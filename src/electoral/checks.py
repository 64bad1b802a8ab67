"""`electoral check`: the pipeline run over every election, compared with independent sources.

Each check compares what the pipeline makes of the record with a reference table packaged
apart from the record (package data under data/reference/, built from other raw files, never
from the record's own): the National Archives' national totals, a second per-state table of
electoral votes, other popular-vote compilations, a table of faithless electors; and the
pipeline's per-state votes with the electoral votes the record's sources report. A
disagreement is resolved only by a curated row (data/curated/resolutions.csv) that names both
values and says which is right and why, with a source; any other is a problem. A resolution
whose values no longer match is a problem too: a changed figure cannot hide behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from electoral.law.calendar import timeline
from electoral.law.regimes import VOTING, rule_for
from electoral.model import ABSTAIN, Office
from electoral.package_data import table
from electoral.record import catalog
from electoral.result import ElectionResult

# A popular-vote difference counts when over 1,000 votes or over 0.5% of the larger figure;
# smaller ones are the ordinary noise between compilations (late canvass corrections).
VOTES_TOLERANCE = 1000
SHARE_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class Disagreement:
    year: int
    state: str | None
    check: str
    candidate: str | None
    record: int | str | None  # the pipeline's (or the record's) value
    reference: int | str | None  # the reference table's
    message: str
    resolution: str = ""  # the curated explanation, when resolved


@dataclass(frozen=True, slots=True)
class CheckStat:
    name: str
    source: str
    comparisons: int


@dataclass(frozen=True, slots=True)
class CheckReport:
    years: int
    checks: tuple[CheckStat, ...]
    resolved: tuple[Disagreement, ...]
    problems: tuple[Disagreement, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


SOURCES = {
    "pipeline_vs_record": "the record's per-state electoral votes as its sources report them "
                          "(the pipeline must reproduce them)",
    "national_president": "National Archives, Electoral College results: national totals for "
                          "President",
    "national_vice_president": "National Archives, Electoral College results: national totals "
                               "for Vice President",
    "state_electoral_votes": "a second per-state electoral-vote table (ElectoralSim "
                             "electoral_enhanced.csv: each state's two leading recipients)",
    "state_electors": "a third per-state table (Electoral_College.csv: electors per state)",
    "popular_votes_1900_2024": "a second popular-vote compilation, 1900-2024 (eigentaylor "
                               "votemargins: each state's three leading candidates)",
    "popular_votes_historical": "the American Presidency Project / House Clerk compilation "
                                "(historical JSON), for the years the record takes from MEDSL",
    "deviations": "a table of faithless and abstaining electors compiled from Wikipedia, the "
                  "Green Papers, NCPA and press reports (faithless_electors.csv)",
    "outcome": "the recorded winners and how they were chosen (elections.csv)",
    "calendar": "the statutory calendar: dates in order",
}


@cache
def _resolutions() -> Mapping[tuple[str, int, str, str], tuple[str, str, str]]:
    """(check, year, state, candidate) -> (record, reference, resolution)."""
    return {(r["comparison"], int(r["year"]), r["state"], r["candidate"]):
            (r["record"], r["reference"], f"{r['resolution']} ({r['source']})")
            for r in table("resolutions")}


def _ref(name: str) -> tuple[dict[str, str], ...]:
    return table(f"reference/{name}")


class _Checker:
    def __init__(self) -> None:
        self.n: dict[str, int] = defaultdict(int)
        self.resolved: list[Disagreement] = []
        self.problems: list[Disagreement] = []

    def compare(self, check: str, year: int, state: str | None, candidate: str | None,
                record: int | str | None, reference: int | str | None,
                close: bool | None = None) -> None:
        """One comparison; `close` says whether different values still agree (tolerance)."""
        self.n[check] += 1
        if record == reference or close:
            return
        who = _who(candidate)
        where = " ".join(x for x in (state or "", who) if x)
        msg = f"{where}: record {record}, reference {reference}".strip(": ")
        d = Disagreement(year, state, check, candidate, record, reference, msg)
        found = _resolutions().get((check, year, state or "", candidate or ""))
        if found is None:
            self.problems.append(d)
        elif (found[0], found[1]) != (_s(record), _s(reference)):
            self.problems.append(Disagreement(
                year, state, check, candidate, record, reference,
                f"{msg} (a resolution exists for record {found[0] or '-'}, reference "
                f"{found[1] or '-'}: the values have changed)"))
        else:
            self.resolved.append(Disagreement(year, state, check, candidate, record, reference,
                                              msg, found[2]))

    def problem(self, check: str, year: int, message: str) -> None:
        self.n[check] += 1
        self.problems.append(Disagreement(year, None, check, None, None, None, message))


def _who(candidate: str | None) -> str:
    """A display name; "VP:tim-kaine" -> "Vice President: Tim Kaine"."""
    if not candidate:
        return ""
    office, sep, cid = candidate.partition(":")
    if sep and office in ("P", "VP"):
        return f"{'President' if office == 'P' else 'Vice President'}: {catalog.name(cid)}"
    return catalog.name(candidate)


def _s(v: int | str | None) -> str:
    return "" if v is None else str(v)


def _close(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= VOTES_TOLERANCE and abs(a - b) <= SHARE_TOLERANCE * max(a, b)


def check(years: Iterable[int] | None = None) -> CheckReport:
    """Run the pipeline on every election of the record (or `years`) and compare it with the
    independent references. See the module's docstring."""
    from electoral.errors import ElectoralError
    from electoral.results import results

    c = _Checker()
    todo = tuple(years) if years is not None else catalog.years()
    for year in todo:
        try:
            res = results(year)
        except ElectoralError as e:
            c.problem("pipeline_vs_record", year, f"the pipeline fails: {e}")
            continue
        _pipeline_vs_record(c, year, res)
        _national(c, year, res)
        _state_tables(c, year, res)
        _popular(c, year)
        _deviations(c, year, res)
        rec = catalog.recorded_outcome(year)
        got = (res.president_elect, res.vice_president_elect, res.outcome.decided_by,
               res.outcome.vp_decided_by)
        want = (rec.president_elect, rec.vice_president_elect, rec.decided_by,
                rec.vp_decided_by)
        c.compare("outcome", year, None, None, " / ".join(map(str, got)),
                  " / ".join(want))
        tl = timeline(year)
        c.n["calendar"] += 1
        dates = [e.date for e in tl.events if e.event in ("election_day", "electors_meet",
                                                           "joint_session", "inauguration")]
        if dates != sorted(dates):
            c.problem("calendar", year, "statutory dates out of order")
    stats = tuple(CheckStat(k, SOURCES[k], v) for k, v in sorted(c.n.items()))
    return CheckReport(len(todo), stats, tuple(c.resolved), tuple(c.problems))


def _pipeline_vs_record(c: _Checker, year: int, res: ElectionResult) -> None:
    for office in (Office.PRESIDENT, Office.VICE_PRESIDENT):
        if office is Office.VICE_PRESIDENT and not catalog.has_vice_president_ballot(year):
            continue
        recorded = {s.state: dict(s.votes) for s in catalog.electoral_votes(year, office).states}
        cast = {s.state: {r.candidate: r.votes for r in
                          (s.president if office is Office.PRESIDENT else s.vice_president)}
                for s in res.states}
        for st in sorted(set(recorded) | {s for s, v in cast.items() if v}):
            a, b = cast.get(st, {}), recorded.get(st, {})
            for cand in sorted(set(a) | set(b)):
                c.compare("pipeline_vs_record", year, st, f"{office.value}:{cand}",
                          a.get(cand, 0), b.get(cand, 0))


@cache
def _national_reference() -> Mapping[tuple[int, str], Mapping[str, int]]:
    out: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for r in _ref("national_totals"):
        out[(int(r["year"]), r["office"])][r["candidate"]] = int(r["votes"])
    return out


def _national(c: _Checker, year: int, res: ElectionResult) -> None:
    for office, rows, name in ((Office.PRESIDENT, res.president, "national_president"),
                               (Office.VICE_PRESIDENT, res.vice_president,
                                "national_vice_president")):
        want = _national_reference().get((year, office.value))
        if not want:
            continue
        got = {r.candidate: r.votes for r in rows}
        for cand in sorted(set(got) | set(want)):
            c.compare(name, year, None, cand, got.get(cand, 0), want.get(cand, 0))


@cache
def _state_reference(name: str) -> Mapping[int, Mapping[str, Mapping[str, int]]]:
    out: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for r in _ref(name):
        out[int(r["year"])][r["state"]][r["candidate"]] = int(r["votes"])
    return out


def _state_tables(c: _Checker, year: int, res: ElectionResult) -> None:
    cast = {s.state: {r.candidate: r.votes for r in s.president} for s in res.states}
    for st, per in _state_reference("state_electoral_votes").get(year, {}).items():
        for cand, n in per.items():
            c.compare("state_electoral_votes", year, st, cand, cast.get(st, {}).get(cand, 0), n)
    appointed = {s.state: s.electors for s in res.states}
    for st, per in _state_reference("state_electors").get(year, {}).items():
        c.compare("state_electors", year, st, None, appointed.get(st, 0), per.get("", 0))


def _popular(c: _Checker, year: int) -> None:
    record = catalog.popular_votes(year)
    for check, ref in (("popular_votes_1900_2024", "popular_votes_1900_2024"),
                       ("popular_votes_historical", "popular_votes_historical")):
        for st, per in _state_reference(ref).get(year, {}).items():
            mine = record.get((st, 0), {})
            for cand, n in per.items():
                got = mine.get(cand)
                c.compare(check, year, st, cand, got, n, _close(got, n))


@cache
def _deviation_reference() -> Mapping[int, Mapping[tuple[str, str, str], int]]:
    out: dict[int, dict[tuple[str, str, str], int]] = defaultdict(lambda: defaultdict(int))
    for r in _ref("deviations"):
        out[int(r["year"])][(r["state"], r["office"], r["voted_for"])] += int(r["count"])
    return out


def _deviations(c: _Checker, year: int, res: ElectionResult) -> None:
    ref = _deviation_reference().get(year)
    if ref is None:
        return
    mine: dict[tuple[str, str, str], int] = defaultdict(int)
    per_elector = rule_for(VOTING, year).votes_per_elector
    for d in res.deviations:
        if d.kind in ("faithless", "abstention", "deceased_candidate"):
            # The reference counts an abstaining elector once, though he withheld two votes
            # before 1804.
            n = d.count // per_elector if d.voted_for == ABSTAIN else d.count
            mine[(d.state, d.office.value, d.voted_for)] += n
    for key in sorted(set(mine) | set(ref)):
        st, office, who = key
        c.compare("deviations", year, st, f"{office}:{who}", mine.get(key, 0), ref.get(key, 0))
