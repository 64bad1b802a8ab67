"""The JSON documents of docs/json.md, each built in one place and served alike by the CLI
(`--format json`) and the API. (Results and tallies: `ElectionResult.to_dict`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from electoral.checks import CheckReport
    from electoral.joint_session import CountSession
    from electoral.law.objections import ObjectionRuling


def timeline_document(year: int, state: str | None = None) -> dict[str, Any]:
    """`electoral timeline YEAR [--state ST]`: the statutory dates, each with its provision;
    with a state, its canvass, recount and certification deadlines interleaved (`by` tells the
    federal calendar from the state's), and the state's recount thresholds."""
    if state is not None:
        return _state_timeline_document(year, state)
    from electoral.law.calendar import timeline

    tl = timeline(year)
    return {"year": tl.year, "events": [
        {"event": e.event, "date": e.date.isoformat(), "authority": e.authority,
         **({"end": e.end.isoformat()} if e.end else {}), **({"note": e.note} if e.note else {})}
        for e in tl.events]}


def _state_timeline_document(year: int, state: str) -> dict[str, Any]:
    from electoral.law.certification import state_timeline

    tl = state_timeline(year, state)
    law = tl.law.to_dict()
    return {"year": tl.year, "state": tl.state, "name": law["name"], "events": [
        {"event": e.event, "date": e.date.isoformat() if e.date else None, "by": e.by,
         "authority": e.authority, **({"end": e.end.isoformat()} if e.end else {}),
         **({"note": e.note} if e.note else {})}
        for e in tl.entries],
        "automatic_recount": law["automatic_recount"],
        "requested_recount": law["requested_recount"], "free_recount": law["free_recount"],
        "recount_rule": law["recount_rule"], "citation": law["citation"],
        "source": law["source"], "note": law["note"]}


def count_document(s: CountSession) -> dict[str, Any]:
    """`electoral count YEAR`: the joint session."""
    doc = s.result.to_dict()
    return {
        "year": s.year, "date": s.date.isoformat(), "regime": s.regime, "citation": s.citation,
        "to_sustain": s.to_sustain,
        "certificates": [{"state": c.state, "name": _state_name(c.state),
                          "president": dict(c.president), "vice_president": dict(c.vice_president),
                          "counted": c.counted} for c in s.certificates],
        "objections": [{
            "state": o.state, "grounds": o.grounds, "objectors": o.objectors or None,
            "procedure": o.procedure, "senators_signed": o.senators_signed,
            "representatives_signed": o.representatives_signed,
            "senate": None if o.senate_vote is None else
            {"yeas": o.senate_vote[0], "nays": o.senate_vote[1]},
            "house": None if o.house_vote is None else
            {"yeas": o.house_vote[0], "nays": o.house_vote[1]},
            "commission": o.commission_vote or None, "outcome": o.outcome,
            "votes_affected": o.votes_affected or None, "source": o.source}
            for o in s.objections],
        "not_counted": doc["not_counted"],
        "electors_appointed": doc["electors_appointed"], "majority": doc["majority"],
        "president": doc["president"], "vice_president": doc["vice_president"],
        "president_elect": doc["president_elect"],
        "vice_president_elect": doc["vice_president_elect"],
        "decided_by": doc["decided_by"],
        "vice_president_decided_by": doc["vice_president_decided_by"],
    }


def objection_document(r: ObjectionRuling) -> dict[str, Any]:
    """`electoral objection YEAR STATE`: is an objection in order?"""
    return {"year": r.year, "state": r.state, "in_order": r.in_order,
            "needed_senators": r.needed_senators,
            "needed_representatives": r.needed_representatives, "reason": r.reason,
            "regime": r.regime, "citation": r.citation}


def check_document(rep: CheckReport) -> dict[str, Any]:
    """`electoral check`: the comparisons made, per source, and every disagreement."""
    return {"ok": rep.ok, "years": rep.years,
            "checks": {c.name: c.comparisons for c in rep.checks},
            "sources": {c.name: c.source for c in rep.checks},
            "resolved": [{"year": d.year, "state": d.state, "check": d.check,
                          "candidate": d.candidate, "record": d.record,
                          "reference": d.reference, "resolution": d.resolution}
                         for d in rep.resolved],
            "problems": [{"year": p.year, "state": p.state, "check": p.check,
                          "candidate": p.candidate, "record": p.record,
                          "reference": p.reference, "message": p.message}
                         for p in rep.problems]}


def _state_name(code: str) -> str:
    from electoral.states import state_name

    return state_name(code)
