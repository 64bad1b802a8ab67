"""State canvass, certification and recount law for the 2020 and 2024 elections, as cited data.

Each state's row (package file certification_law.csv, one per state and cycle, each with its
citation and source) gives the county canvass and state certification deadlines with the rule
that sets them, and three recount thresholds in the language of `electoral.law.recount`: the
automatic recount, the requested (candidate's) recount, and the margin within which a
requested recount costs the requester nothing. recount_deadlines.csv adds dated recount steps
where the law gives them (Pennsylvania's order and completion, Georgia's request window).

A cell left empty is a figure the sources did not confirm: it is reported as unknown, never
guessed. Where the law did not change between the cycles the two rows cite the same statute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from electoral.errors import InputError, NoElectionError
from electoral.law.calendar import timeline
from electoral.law.recount import BASIS_TEXT, RecountRule, parse_rule
from electoral.law.regimes import is_election_year
from electoral.package_data import table
from electoral.states import state_code, state_name

# The order of a state's steps, for placing a step the law gives no date.
STEP_ORDER = ("county_canvass", "recount_request", "recount_ordered", "recount_completed",
              "state_certification")
# Keyword arguments of recount_status, by basis.
BASIS_ARGUMENT = {"total": "total_votes", "top_two": "top_two_votes", "winner": "winner_votes"}


@dataclass(frozen=True, slots=True)
class StateStep:
    """A step of a state's canvass: its deadline (None where the law sets none or it was not
    confirmed) and the rule setting it, with its citation."""

    event: str
    date: dt.date | None
    rule: str
    citation: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "date": self.date.isoformat() if self.date else None,
                "rule": self.rule, "citation": self.citation, "source": self.source}


@dataclass(frozen=True, slots=True)
class StateLaw:
    """One state's canvass, certification and recount law in force for one election."""

    cycle: int
    state: str
    county_canvass: StateStep
    state_certification: StateStep
    automatic: RecountRule | None  # None: not confirmed
    requested: RecountRule | None
    free: RecountRule | None  # margin within which a requested recount is at public cost
    recount_rule: str
    recount_citation: str  # the provisions of the recount thresholds
    recount_steps: tuple[StateStep, ...]
    citation: str
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        def rule(r: RecountRule | None) -> dict[str, Any] | None:
            return None if r is None else {"rule": r.source, "text": r.text()}

        return {
            "cycle": self.cycle, "state": self.state, "name": state_name(self.state),
            "county_canvass": self.county_canvass.to_dict(),
            "state_certification": self.state_certification.to_dict(),
            "automatic_recount": rule(self.automatic),
            "requested_recount": rule(self.requested),
            "free_recount": rule(self.free),
            "recount_rule": self.recount_rule, "recount_citation": self.recount_citation,
            "recount_steps": [s.to_dict() for s in self.recount_steps],
            "citation": self.citation, "source": self.source, "note": self.note,
        }


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _rule(text: str) -> RecountRule | None:
    return parse_rule(text) if text.strip() else None


@cache
def _laws() -> Mapping[tuple[int, str], StateLaw]:
    steps: dict[tuple[int, str], list[StateStep]] = {}
    for r in table("recount_deadlines"):
        steps.setdefault((int(r["cycle"]), r["state"]), []).append(StateStep(
            r["event"], _date(r["date"]), r["rule"], r["citation"], r["source"]))
    out: dict[tuple[int, str], StateLaw] = {}
    for r in table("certification_law"):
        key = (int(r["cycle"]), r["state"])
        out[key] = StateLaw(
            key[0], key[1],
            StateStep("county_canvass", _date(r["county_canvass_deadline"]),
                      r["county_canvass_rule"], r["citation"], r["source"]),
            StateStep("state_certification", _date(r["state_certification_deadline"]),
                      r["state_certification_rule"], r["citation"], r["source"]),
            _rule(r["automatic_recount"]), _rule(r["requested_recount"]),
            _rule(r["free_recount"]), r["recount_rule"], r["recount_citation"],
            tuple(sorted(steps.get(key, []), key=lambda s: (s.date or dt.date.max,
                                                            STEP_ORDER.index(s.event)))),
            r["citation"], r["source"], r["note"])
    return out


def law_cycles() -> tuple[int, ...]:
    """The election years whose state certification and recount law is recorded."""
    return tuple(sorted({c for c, _ in _laws()}))


def has_state_law(year: int) -> bool:
    return year in law_cycles()


def _require_cycle(year: int) -> int:
    if not is_election_year(year):
        raise NoElectionError(f"no presidential election was held in {year}", place=str(year))
    if not has_state_law(year):
        cycles = " and ".join(str(c) for c in law_cycles())
        raise InputError(f"state certification and recount law is recorded for {cycles} only",
                         place=str(year))
    return year


def state_law(year: int, state: str) -> StateLaw:
    """The state's canvass, certification and recount law for the election held in `year`.

    >>> state_law(2020, "GA").requested.source
    '<= 0.5% total'
    """
    return _laws()[(_require_cycle(year), state_code(state))]


def state_laws(year: int) -> tuple[StateLaw, ...]:
    """Every state's law for `year`, by state code."""
    _require_cycle(year)
    return tuple(v for (c, _), v in sorted(_laws().items()) if c == year)


# ---------------------------------------------------------------------------------------------
# Is a margin inside a recount threshold?


@dataclass(frozen=True, slots=True)
class RecountStatus:
    """Where a margin falls under a state's recount law.

    status: "automatic" (inside the automatic-recount threshold), "requestable" (inside a
    threshold the law ties the right to request a recount, or its cost, to), "outside", or
    "unknown" (a threshold the answer depends on is not confirmed). `request_any_margin` says
    a recount may still be requested at the requester's cost whatever the margin."""

    year: int
    state: str
    margin_votes: int
    bases: Mapping[str, int]  # "total" | "top_two" | "winner" -> votes, as given
    status: str
    automatic: bool | None
    requestable: bool | None
    free: bool | None
    request_any_margin: bool
    law: StateLaw

    def limits(self) -> dict[str, int | None]:
        """The largest margin in votes inside each threshold (None: any margin; -1: no such
        recount); a threshold not confirmed, or measured on a basis not given, is left out."""
        out: dict[str, int | None] = {}
        for key, rule in (("automatic", self.law.automatic), ("requested", self.law.requested),
                          ("free", self.law.free)):
            if rule is not None and rule.bases() <= set(self.bases):
                out[key] = rule.limit(self.bases)
        return out

    def margin_share(self) -> dict[str, float]:
        """The margin as a percentage of each basis given (full precision)."""
        return {b: float(Fraction(self.margin_votes * 100, v)) for b, v in self.bases.items()
                if v}

    def to_dict(self) -> dict[str, Any]:
        law = self.law

        def text(r: RecountRule | None) -> str | None:
            return None if r is None else r.text()

        return {
            "year": self.year, "state": self.state, "margin_votes": self.margin_votes,
            "bases": dict(self.bases), "margin_pct": self.margin_share(),
            "status": self.status, "automatic": self.automatic,
            "requestable": self.requestable, "free": self.free,
            "request_any_margin": self.request_any_margin,
            "automatic_rule": law.automatic.source if law.automatic else None,
            "automatic_text": text(law.automatic),
            "requested_rule": law.requested.source if law.requested else None,
            "requested_text": text(law.requested),
            "free_rule": law.free.source if law.free else None, "free_text": text(law.free),
            "limits": self.limits(), "recount_rule": law.recount_rule,
            "citation": law.recount_citation, "source": law.source,
        }


def _check_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"expected a whole number of votes, not {value!r}", place=name)
    return value


def recount_status(year: int, state: str, margin_votes: int, *, total_votes: int | None = None,
                   top_two_votes: int | None = None,
                   winner_votes: int | None = None) -> RecountStatus:
    """Whether a margin between the two leading candidates falls inside the state's automatic
    recount threshold, inside its requested-recount threshold, or neither, under the law of
    `year`. Give the votes the state's law measures the margin against: the total cast for
    the office, the two leading candidates' votes, or the winner's (an InputError names the
    one missing).

    >>> recount_status(2020, "GA", 11779, total_votes=4999960).status
    'requestable'
    """
    law = state_law(year, state)
    margin = _check_int("margin_votes", margin_votes)
    given = {b: _check_int(BASIS_ARGUMENT[b], v) for b, v in
             (("total", total_votes), ("top_two", top_two_votes), ("winner", winner_votes))
             if v is not None}
    if "top_two" in given and margin > given["top_two"]:
        raise InputError("the margin exceeds the two leading candidates' votes",
                         place="margin_votes")
    if "total" in given and "top_two" in given and given["top_two"] > given["total"]:
        raise InputError("the two leading candidates have more votes than the total",
                         place="top_two_votes")
    if "winner" in given and margin > given["winner"]:
        raise InputError("the margin exceeds the winner's votes", place="margin_votes")
    rules = [r for r in (law.automatic, law.requested, law.free) if r is not None]
    for basis in sorted(set().union(*(r.bases() for r in rules))):
        if basis not in given:
            raise InputError(f"{law.state}'s {year} recount law measures the margin on "
                             f"{BASIS_TEXT[basis]}: give it", place=BASIS_ARGUMENT[basis])

    def inside(rule: RecountRule | None) -> bool | None:
        return None if rule is None else rule.inside(margin, given)

    automatic = inside(law.automatic)
    requested = law.requested
    requestable = (None if requested is None else
                   requested.kind == "margin" and requested.inside(margin, given))
    free = inside(law.free)
    if automatic:
        status = "automatic"
    elif requestable or free:
        status = "requestable"
    elif automatic is None or requestable is None:
        status = "unknown"
    else:
        status = "outside"
    return RecountStatus(year, law.state, margin, given, status, automatic, requestable, free,
                         requested is not None and requested.kind == "any", law)


def recount_status_for_votes(year: int, state: str, votes: Mapping[str, int],
                             write_ins: int = 0) -> RecountStatus:
    """`recount_status` from each candidate's votes (and write-ins, which count in the total
    cast for the office): the margin is between the two leading candidates."""
    counts = sorted((_check_int(f"votes[{k}]", v) for k, v in votes.items()), reverse=True)
    if len(counts) < 2:
        raise InputError("a recount margin needs at least two candidates", place=state)
    first, second = counts[0], counts[1]
    return recount_status(year, state, first - second,
                          total_votes=sum(counts) + _check_int("write_ins", write_ins),
                          top_two_votes=first + second, winner_votes=first)


# ---------------------------------------------------------------------------------------------
# The federal calendar with one state's deadlines.


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A date of the federal calendar (by "federal") or of a state's canvass (by the state's
    code); a state step may have no date (its rule then says why)."""

    event: str
    date: dt.date | None
    authority: str
    by: str
    note: str = ""
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class StateTimeline:
    year: int
    state: str
    entries: tuple[TimelineEntry, ...]
    law: StateLaw


def _authority(step: StateStep) -> str:
    """The rule with its citation (the canvass rules cite their sections inline)."""
    if step.event.startswith("recount") and step.citation not in step.rule:
        return f"{step.rule} ({step.citation})"
    return step.rule


def _step_note(step: StateStep) -> str:
    notes = []
    if step.event.startswith("recount"):
        notes.append("only if a recount is required or requested")
    if step.date is None and "not confirmed" not in step.rule:
        notes.append("no date: see the rule")
    return "; ".join(notes)


def state_timeline(year: int, state: str) -> StateTimeline:
    """The federal calendar of `year` with the state's county canvass, recount and state
    certification deadlines interleaved in date order, each with its provision. A state step
    with no date follows the step before it.

    >>> [e.event for e in state_timeline(2024, "PA").entries][:3]
    ['election_day', 'recount_ordered', 'county_canvass']
    """
    law = state_law(year, state)
    federal = [TimelineEntry(e.event, e.date, e.authority, "federal", e.note, e.end)
               for e in timeline(year).events]
    steps = [law.county_canvass, *law.recount_steps, law.state_certification]
    steps.sort(key=lambda s: STEP_ORDER.index(s.event))
    state_entries = [TimelineEntry(s.event, s.date, _authority(s), law.state, _step_note(s))
                     for s in steps]
    # What happened (the record, not the law): the day the state certified, where known.
    state_entries += [TimelineEntry(r["event"], _date(r["date"]), f"{r['what']} ({r['source']})",
                                    law.state, "the record: the date it happened")
                      for r in table("certification_events")
                      if int(r["cycle"]) == law.cycle and r["state"] == law.state]
    dated = [(e.date, 0 if e.by != "federal" else 1, i, e)
             for i, e in enumerate(federal + state_entries) if e.date is not None]
    merged = [e for *_, e in sorted(dated, key=lambda t: (t[0], t[1], t[2]))]
    for i, entry in enumerate(state_entries):
        if entry.date is not None:
            continue
        before = [e for e in state_entries[:i] if e.date is not None or e in merged]
        anchor = before[-1] if before else federal[0]
        merged.insert(merged.index(anchor) + 1, entry)
    return StateTimeline(year, law.state, tuple(merged), law)
