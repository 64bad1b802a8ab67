"""Who is elected, and by whom: the electors, the House or the Senate (count -> outcome)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from electoral.law.contingent import contingent_election, eligible_candidates
from electoral.law.regimes import ACTING, VOTING, rule_for
from electoral.model import (
    ChamberVote,
    ContingentElection,
    CountResult,
    DecidedBy,
    Office,
    Outcome,
    Tally,
)
from electoral.states import states_in_union


def _ballot(ballots: Sequence[ChamberVote], office: Office) -> ChamberVote | None:
    return next((b for b in ballots if b.office is office), None)


def _names(ids: Sequence[str], names: Mapping[str, str] | None = None) -> str:
    return ", ".join((names or {}).get(i, i) for i in ids)


def _chamber(office: Office, eligible: tuple[str, ...], year: int, states: int,
             ballots: Sequence[ChamberVote], names: Mapping[str, str] | None
             ) -> tuple[ContingentElection, str]:
    """The contingent election and, if it chose nobody, why."""
    ce = contingent_election(office, eligible, year, states, _ballot(ballots, office))
    if ce.winner is not None:
        return ce, ""
    body = "House" if office is Office.PRESIDENT else "Senate"
    unit = "states" if office is Office.PRESIDENT else "Senators"
    if not ce.held:
        need = (f"{ce.needed} of {ce.members} {unit} needed" if ce.needed
                else "a majority of the ballots cast")
        return ce, (f"the {body} chooses among {_names(eligible, names)} ({need}; "
                    f"{ce.authority}); no ballot given")
    best = max(ce.votes.values(), default=0)
    return ce, (f"the {body} has not chosen: no candidate has the {ce.needed} {unit} needed "
                f"(highest {best} of {ce.members})")


def decide(
    year: int,
    president: CountResult,
    vice_president: CountResult | None,
    ballots: Sequence[ChamberVote] = (),
    states: int | None = None,
    names: Mapping[str, str] | None = None,
) -> Outcome:
    """The outcome from the count, with the House and Senate deciding where the law gives them
    the choice (the record's ballots for 1800, 1824 and 1836, or the user's).

    An office the law leaves open (no majority and no ballot given, a House that does not
    choose, votes that could not be cast) is `undecided`, with the reason, and the eligible
    candidates of any contingent election still to be held are listed. With no President
    chosen, `acting_president` says who acts when the term begins (amend. XII until 1933;
    amend. XX s. 3 and 3 U.S.C. 19 after), or None where no provision applies. `names`
    (id -> display name) words the reasons.
    """
    voting = rule_for(VOTING, year)
    n_states = states if states is not None else states_in_union(year)
    contingent: list[ContingentElection] = []
    p_reason = ""
    p_decided: DecidedBy = "electoral_college"
    p_elect = president.winner
    if p_elect is None:
        p_decided = "undecided"
        if president.unknown:
            p_reason = (f"{president.unknown} second vote(s) unknown (no running mate given): "
                        "they could change who has a majority or the most votes (Art. II s. 1 "
                        "cl. 3)")
        else:
            eligible = eligible_candidates(president.tallies, year, Office.PRESIDENT,
                                           president.tied_majority)
            why = (f"{_names(president.tied_majority, names)} have an equal majority"
                   if president.tied_majority else
                   f"no candidate has a majority of the electors appointed ({president.majority})")
            ce, reason = _chamber(Office.PRESIDENT, eligible, year, n_states, ballots, names)
            contingent.append(ce)
            p_elect = ce.winner
            if p_elect is not None:
                p_decided = "house"
            else:
                p_reason = f"{why}: {reason}"
    vp_elect: str | None = None
    vp_decided: DecidedBy = "undecided"
    vp_reason = ""

    def senate(eligible: tuple[str, ...], why: str) -> tuple[str | None, DecidedBy, str]:
        """The Senate's choice of a Vice President among `eligible` (with the reason if none)."""
        ce, reason = _chamber(Office.VICE_PRESIDENT, eligible, year, n_states, ballots, names)
        contingent.append(ce)
        if ce.winner is not None:
            return ce.winner, "senate", ""
        return None, "undecided", f"{why}: {reason}"

    if voting.separate_vice_president:
        vp = vice_president
        if vp is None or (not vp.tallies and not vp.unknown):
            vp_reason = "no votes for Vice President were cast"
        elif vp.winner is not None:
            vp_elect, vp_decided = vp.winner, "electoral_college"
        elif vp.unknown:
            vp_reason = (f"{vp.unknown} elector(s)' votes for Vice President unknown: no running "
                         "mate given for the candidate they are pledged to (amend. XII: a "
                         "distinct ballot)")
        else:
            eligible = eligible_candidates(vp.tallies, year, Office.VICE_PRESIDENT)
            vp_elect, vp_decided, vp_reason = senate(
                eligible, f"no candidate has a majority of the electors appointed "
                          f"({vp.majority})")
    elif p_elect is None:
        vp_reason = "the Vice President is whoever has the most votes after the President is " \
                    "chosen (Art. II s. 1 cl. 3), and no President is chosen"
    elif president.unknown:
        vp_reason = f"{president.unknown} second vote(s) unknown (no running mate given)"
    else:
        # Art. II s. 1 cl. 3: "after the Choice of the President, the Person having the
        # greatest Number of Votes of the Electors shall be the Vice President"; the Senate
        # chooses among any left equal.
        rest = [t for t in president.tallies if t.candidate != p_elect]
        level = [t for t in rest if rest and t.votes == rest[0].votes]
        if len(level) == 1:
            vp_elect, vp_decided = level[0].candidate, "electoral_college"
        elif level:
            eligible = eligible_candidates(tuple(Tally(t.candidate, t.votes) for t in level),
                                           year, Office.VICE_PRESIDENT)
            vp_elect, vp_decided, vp_reason = senate(
                eligible, f"{_names(eligible, names)} are equal after the President")
        else:
            vp_reason = "no other candidate received a vote"
    acting, acting_by = None, ""
    if p_elect is None:
        rule = rule_for(ACTING, year)
        acting_by = f"{rule.citation}: {rule.text}"
        vp_unknown = vice_president is not None and vice_president.unknown and vp_elect is None
        if rule.vice_president_elect_acts and vp_elect is not None:
            acting = vp_elect
        elif vp_unknown:
            acting_by += " (the Vice-President votes are unknown here, so who acts is too)"
        elif vp_elect is None and rule.neither is not None:
            acting = rule.neither
    return Outcome(year, president, vice_president, p_elect, vp_elect, p_decided, vp_decided,
                   tuple(contingent), p_reason, vp_reason, acting, acting_by)
