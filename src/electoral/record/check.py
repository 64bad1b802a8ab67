"""Validation of the whole record: `electoral check`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from electoral.electors import plurality
from electoral.law.calendar import timeline
from electoral.law.regimes import VOTING, district_rule, rule_for
from electoral.model import Office
from electoral.record import catalog
from electoral.record.store import table


@dataclass(frozen=True, slots=True)
class Problem:
    year: int
    state: str | None
    check: str
    message: str


@dataclass(frozen=True, slots=True)
class CheckReport:
    years: int
    checks: tuple[tuple[str, int], ...]  # (check, number of comparisons made)
    skipped: tuple[tuple[int, str, str], ...]  # (year, state, why the re-tally does not apply)
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _pledged(year: int) -> dict[str, dict[str, int]]:
    """Record's presidential votes per state with recorded deviations undone: the electors
    as the popular vote appointed them."""
    per: dict[str, dict[str, int]] = defaultdict(dict)
    for r in table("electoral_votes"):
        if int(r["year"]) == year and r["office"] == "P":
            per[r["state"]][r["candidate"]] = int(r["votes"])
    for d in catalog.deviations(year):
        if d.office != "P" or d.state not in per:
            continue
        votes = per[d.state]
        if d.voted_for in votes:
            votes[d.voted_for] -= d.count
        votes[d.pledged_to] = votes.get(d.pledged_to, 0) + d.count
    return {st: {c: n for c, n in v.items() if n > 0} for st, v in per.items()}


def check() -> CheckReport:
    """Validate the packaged record, every year: per-state consistency of electors and votes,
    national totals against an independent source, the engine's re-tally of the popular vote
    against the pledged electors, the engine's outcome against the recorded one, and the
    statutory calendar."""
    from electoral.results import results

    problems: list[Problem] = []
    skipped: list[tuple[int, str, str]] = []
    n: dict[str, int] = defaultdict(int)
    for year in catalog.years():
        k = rule_for(VOTING, year).votes_per_elector
        p_cast = {s.state: s.total for s in
                  catalog.electoral_votes(year, Office.PRESIDENT, counted=False).states}
        vp = {s.state: s.total for s in
              catalog.electoral_votes(year, Office.VICE_PRESIDENT, counted=False).states}
        for row in catalog.electors(year):
            n["electors"] += 1
            got = p_cast.get(row.state, 0)
            if got != k * row.voted:
                problems.append(Problem(year, row.state, "electors",
                                        f"{got} presidential votes cast by {row.voted} electors "
                                        f"({k} each)"))
            if row.voted > row.appointed:
                problems.append(Problem(year, row.state, "electors",
                                        f"{row.voted} voted but {row.appointed} appointed"))
            if catalog.has_vice_president_ballot(year) and vp.get(row.state, 0) > row.voted:
                problems.append(Problem(year, row.state, "electors",
                                        f"{vp.get(row.state, 0)} vice-presidential votes from "
                                        f"{row.voted} electors"))
        # National totals: sums of the states (as counted) against the independent totals.
        for office in (Office.PRESIDENT, Office.VICE_PRESIDENT):
            expect = catalog.national_totals(year, office)
            if not expect:
                continue
            n["national_totals"] += 1
            got_tot = catalog.electoral_votes(year, office).totals()
            if got_tot != expect:
                diff = {c: (got_tot.get(c, 0), expect.get(c, 0))
                        for c in set(got_tot) | set(expect) if got_tot.get(c, 0) != expect.get(c, 0)}
                problems.append(Problem(year, None, "national_totals",
                                        f"{office.value}: states sum vs national total {diff}"))
        # Re-tally of the popular vote against the pledged electors.
        popular = catalog.popular_votes(year)
        pledged = _pledged(year)
        for row in catalog.electors(year):
            st = row.state
            if (st, 0) not in popular or st not in pledged:
                continue
            want = pledged[st]
            if district_rule(st, year) is not None:
                got_d: dict[str, int] = defaultdict(int)
                w, _, _ = plurality(popular[(st, 0)])
                if w:
                    got_d[w] += 2
                for (s2, d), votes in popular.items():
                    if s2 == st and d:
                        w, _, _ = plurality(votes)
                        if w:
                            got_d[w] += 1
                n["retally"] += 1
                if dict(got_d) != want:
                    problems.append(Problem(year, st, "retally",
                                            f"district re-tally {dict(got_d)} vs pledged {want}"))
                continue
            if len(want) > 1:
                skipped.append((year, st, "electors split: chosen elector by elector or by "
                                          "district, which statewide returns cannot reproduce"))
                continue
            winner, tied, _ = plurality(popular[(st, 0)])
            n["retally"] += 1
            if winner not in want:
                problems.append(Problem(year, st, "retally",
                                        f"popular-vote winner {winner or tied} but electors "
                                        f"pledged to {want}"))
        # The engine's outcome against the recorded one.
        res = results(year)
        rec = catalog.recorded_outcome(year)
        n["outcome"] += 1
        got_o = (res.president_elect, res.vice_president_elect, res.outcome.decided_by,
                 res.outcome.vp_decided_by)
        want_o = (rec.president_elect, rec.vice_president_elect, rec.decided_by,
                  rec.vp_decided_by)
        if got_o != want_o:
            problems.append(Problem(year, None, "outcome", f"engine {got_o} vs record {want_o}"))
        n["calendar"] += 1
        tl = timeline(year)
        for a, b in zip(tl.events, tl.events[1:], strict=False):
            if a.event == "election_day" and b.date < a.date:
                problems.append(Problem(year, None, "calendar", "dates out of order"))
    return CheckReport(len(catalog.years()), tuple(sorted(n.items())), tuple(skipped),
                       tuple(problems))
