"""The count in the joint session of Congress: certificates, objections, announcement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from electoral.law.calendar import timeline
from electoral.law.regimes import COUNT, rule_for
from electoral.model import Office
from electoral.record import catalog
from electoral.record.store import table
from electoral.results import ElectionResult, results
from electoral.states import state_name


@dataclass(frozen=True, slots=True)
class Certificate:
    """One state's certificate as opened and read: its votes for each office."""

    state: str
    president: tuple[tuple[str, int], ...]
    vice_president: tuple[tuple[str, int], ...]
    counted: bool


@dataclass(frozen=True, slots=True)
class RecordedObjection:
    state: str
    grounds: str
    senators_signed: int | None
    representatives_signed: int | None
    senate_vote: tuple[int, int] | None  # (yeas, nays) to sustain
    house_vote: tuple[int, int] | None
    outcome: str
    source: str


@dataclass(frozen=True, slots=True)
class CountSession:
    year: int
    date: dt.date
    regime: str
    citation: str
    certificates: tuple[Certificate, ...]  # in the order opened: states alphabetically
    objections: tuple[RecordedObjection, ...]
    result: ElectionResult

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year, "date": self.date.isoformat(), "regime": self.regime,
            "citation": self.citation,
            "certificates": [{"state": c.state, "name": state_name(c.state),
                              "president": dict(c.president),
                              "vice_president": dict(c.vice_president),
                              "counted": c.counted} for c in self.certificates],
            "objections": [{
                "state": o.state, "grounds": o.grounds, "senators_signed": o.senators_signed,
                "representatives_signed": o.representatives_signed,
                "senate": None if o.senate_vote is None else
                {"yeas": o.senate_vote[0], "nays": o.senate_vote[1]},
                "house": None if o.house_vote is None else
                {"yeas": o.house_vote[0], "nays": o.house_vote[1]},
                "outcome": o.outcome, "source": o.source} for o in self.objections],
            "electors_appointed": self.result.electors_appointed,
            "majority": self.result.majority,
            "president_elect": self.result.to_dict()["president_elect"],
            "vice_president_elect": self.result.to_dict()["vice_president_elect"],
            "decided_by": self.result.decided_by,
        }


def _opt(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _pair(a: str, b: str) -> tuple[int, int] | None:
    x, y = _opt(a), _opt(b)
    return (x, y) if x is not None and y is not None else None


def count_session(year: int) -> CountSession:
    """The joint session that counted the votes of the `year` election: the certificates
    opened in the alphabetical order of the states (3 U.S.C. 15), the objections recorded,
    and the result announced."""
    res = results(year)
    p = {s.state: s.votes for s in catalog.electoral_votes(year, Office.PRESIDENT).states}
    vp = {s.state: s.votes for s in catalog.electoral_votes(year, Office.VICE_PRESIDENT).states}
    raw_p = {s.state: s.votes for s in
             catalog.electoral_votes(year, Office.PRESIDENT, counted=False).states}
    raw_vp = {s.state: s.votes for s in
              catalog.electoral_votes(year, Office.VICE_PRESIDENT, counted=False).states}
    certs = []
    for st in sorted(raw_p, key=state_name):
        certs.append(Certificate(
            st,
            tuple(sorted(((catalog.name(c), n) for c, n in raw_p[st].items()), key=lambda x: -x[1])),
            tuple(sorted(((catalog.name(c), n) for c, n in raw_vp.get(st, {}).items()),
                         key=lambda x: -x[1])),
            counted=sum(p.get(st, {}).values()) == sum(raw_p[st].values())
            and sum(vp.get(st, {}).values()) == sum(raw_vp.get(st, {}).values())))
    objections = tuple(
        RecordedObjection(r["state"], r["grounds"], _opt(r["senators_signed"]),
                          _opt(r["representatives_signed"]),
                          _pair(r["senate_yeas"], r["senate_nays"]),
                          _pair(r["house_yeas"], r["house_nays"]), r["outcome"], r["source"])
        for r in table("objections") if int(r["year"]) == year)
    regime = rule_for(COUNT, year)
    return CountSession(year, timeline(year).date_of("joint_session"), regime.name,
                        regime.citation, tuple(certs), objections, res)
