"""Casting of electoral votes by the appointed electors (electors -> votes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from electoral.errors import InputError
from electoral.law.regimes import VOTING, rule_for
from electoral.model import (
    ABSTAIN,
    Appointment,
    Deviation,
    ElectoralVotes,
    Office,
    StateVotes,
    frozen_map,
)

# (state, candidate) -> the running mate of that candidate's electors there, or None.
Mates = Callable[[str, str], "str | None"]


def _no_mates(state: str, candidate: str) -> str | None:
    return None


def cast(
    appointment: Appointment,
    office: Office,
    mates: Mates | None = None,
    deviations: Iterable[Deviation] = (),
) -> ElectoralVotes:
    """The electors' votes for `office`, state by state.

    Each elector votes for the candidate pledged. For Vice President (from 1804, amend. XII)
    the vote goes to that candidate's running mate; before 1804 (Art. II s. 1 cl. 3) each
    elector has two votes for President, the second going to the ticket's other candidate.
    An elector whose running mate is unknown casts no such vote (counted in `not_cast`), and
    the rest of the ballot stands. `deviations` then move votes as recorded: faithless votes,
    abstentions (ABSTAIN: no vote; the elector stays appointed), and the like.
    """
    mate_of = mates or _no_mates
    second = rule_for(VOTING, appointment.year).votes_per_elector == 2
    per_state: dict[str, dict[str, int]] = {}
    missing: dict[str, int] = {}
    for state, pledged in appointment.pledged().items():
        target = per_state.setdefault(state, {})
        for cand, n in pledged.items():
            if office is Office.PRESIDENT:
                target[cand] = target.get(cand, 0) + n
                if not second:
                    continue
            who = mate_of(state, cand)
            if who is None:
                missing[state] = missing.get(state, 0) + n
            else:
                target[who] = target.get(who, 0) + n
    for d in deviations:
        if d.office is not office:
            continue
        votes = per_state.get(d.state, {})
        if d.count <= 0:
            raise InputError(f"a deviation must move at least one vote, got {d.count}", d.state)
        if votes.get(d.pledged_to, 0) < d.count:
            raise InputError(
                f"{d.count} {office.value} vote(s) pledged to {d.pledged_to!r} cannot deviate: "
                f"only {votes.get(d.pledged_to, 0)} cast for them", d.state)
        votes[d.pledged_to] -= d.count
        if d.voted_for != ABSTAIN:
            votes[d.voted_for] = votes.get(d.voted_for, 0) + d.count
    states = tuple(
        StateVotes(st, frozen_map({c: n for c, n in v.items() if n > 0}))
        for st, v in sorted(per_state.items())
    )
    return ElectoralVotes(appointment.year, office, states, frozen_map(missing))
