"""Casting of electoral votes by the appointed electors (electors -> votes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from electoral.errors import InputError
from electoral.model import Appointment, ElectoralVotes, Office, StateVotes, frozen_map

ABSTAIN = "(abstained)"


@dataclass(frozen=True, slots=True)
class Deviation:
    """Electors who did not vote as pledged: a faithless vote, or an abstention (ABSTAIN)."""

    state: str
    office: Office
    pledged_to: str
    voted_for: str
    count: int


def cast(
    appointment: Appointment,
    office: Office,
    running_mates: Mapping[str, str] | None = None,
    deviations: Iterable[Deviation] = (),
) -> ElectoralVotes:
    """Each elector votes for the pledged candidate (for Vice President, that candidate's
    running mate), except as `deviations` record. Abstentions are not votes: they leave the
    electors appointed unchanged and the votes cast one fewer (amend. XII)."""
    per_state: dict[str, dict[str, int]] = {}
    for state, pledged in appointment.pledged().items():
        target = per_state.setdefault(state, {})
        for cand, n in pledged.items():
            who = cand if office is Office.PRESIDENT else (running_mates or {}).get(cand)
            if who is None:
                raise InputError(f"no running mate known for {cand!r}", state)
            target[who] = target.get(who, 0) + n
    for d in deviations:
        if d.office is not office:
            continue
        votes = per_state.get(d.state, {})
        if votes.get(d.pledged_to, 0) < d.count:
            raise InputError(
                f"{d.count} elector(s) pledged to {d.pledged_to!r} cannot deviate: "
                f"only {votes.get(d.pledged_to, 0)} pledged", d.state)
        votes[d.pledged_to] -= d.count
        if d.voted_for != ABSTAIN:
            votes[d.voted_for] = votes.get(d.voted_for, 0) + d.count
    states = tuple(
        StateVotes(st, frozen_map({c: n for c, n in v.items() if n > 0}))
        for st, v in sorted(per_state.items())
    )
    return ElectoralVotes(appointment.year, office, states)
