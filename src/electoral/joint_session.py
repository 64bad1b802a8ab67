"""The count in the joint session of Congress: certificates, objections, announcement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from electoral.law.calendar import timeline
from electoral.law.regimes import COUNT, rule_for
from electoral.record import catalog
from electoral.record.catalog import Objection
from electoral.result import ElectionResult
from electoral.results import results
from electoral.states import state_name


@dataclass(frozen=True, slots=True)
class Certificate:
    """One state's certificate as opened and read: its votes for each office, and how much
    of it the houses counted ("yes", "no", or "part")."""

    state: str
    president: tuple[tuple[str, int], ...]
    vice_president: tuple[tuple[str, int], ...]
    counted: str


@dataclass(frozen=True, slots=True)
class CountSession:
    year: int
    date: dt.date
    regime: str
    citation: str
    to_sustain: str
    certificates: tuple[Certificate, ...]  # in the order opened
    objections: tuple[Objection, ...]
    result: ElectionResult

    def to_dict(self) -> dict[str, Any]:
        from electoral.documents import count_document

        return count_document(self)


def count_session(year: int) -> CountSession:
    """The joint session that counted the votes of the `year` election: the certificates as the
    pipeline cast them, opened in the alphabetical order of the states (3 U.S.C. 15; the order
    of admission before 1887 is not modelled), the objections recorded under the regime in force
    (the Electoral Commission of 1877 included), and the result announced."""
    res = results(year)
    rejected: dict[str, int] = {}
    for n in res.outcome.president.not_counted:
        rejected[n.state] = rejected.get(n.state, 0) + n.votes
    certs = []
    for s in sorted(res.states, key=lambda s: state_name(s.state)):
        if not s.president:
            continue
        cast = sum(r.votes for r in s.president)
        gone = rejected.get(s.state, 0)
        counted = "yes" if not gone else "no" if gone >= cast else "part"
        certs.append(Certificate(
            s.state, tuple((r.name, r.votes) for r in s.president),
            tuple((r.name, r.votes) for r in s.vice_president), counted))
    regime = rule_for(COUNT, year)
    return CountSession(year, timeline(year).date_of("joint_session"), regime.name,
                        regime.citation, regime.to_sustain, tuple(certs),
                        catalog.objections(year), res)
