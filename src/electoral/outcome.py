"""Who is elected, and by whom: the electors, the House or the Senate (count -> outcome)."""

from __future__ import annotations

from collections.abc import Sequence

from electoral.count import runner_up
from electoral.model import ContingentElection, CountResult, DecidedBy, Office, Outcome


def _find(contingent: Sequence[ContingentElection], office: Office) -> ContingentElection | None:
    return next((c for c in contingent if c.office is office), None)


def decide(
    year: int,
    president: CountResult,
    vice_president: CountResult | None,
    contingent: Sequence[ContingentElection] = (),
) -> Outcome:
    """Combine the count with any contingent election into the outcome.

    `contingent` holds the House's (and the Senate's) decision where the electors gave no
    majority: from the record for 1800, 1824 and 1836, or from `contingent_election` for a
    hypothetical. Without one, an office with no majority is reported `undecided`.
    """
    p_decided: DecidedBy = "electoral_college"
    p_elect = president.winner
    if p_elect is None:
        house = _find(contingent, Office.PRESIDENT)
        p_elect = house.winner if house else None
        p_decided = "house" if p_elect else "undecided"
    vp_decided: DecidedBy = "electoral_college"
    if vice_president is None:
        # Art. II s. 1 cl. 3: after the choice of the President, the runner-up is Vice President;
        # if two or more remain equal, the Senate chooses among them.
        rest = runner_up(president, p_elect) if p_elect else []
        vp_elect = rest[0] if len(rest) == 1 else None
        if vp_elect is None and p_elect is not None:
            senate = _find(contingent, Office.VICE_PRESIDENT)
            vp_elect = senate.winner if senate else None
            vp_decided = "senate" if vp_elect else "undecided"
    else:
        vp_elect = vice_president.winner
        if vp_elect is None:
            senate = _find(contingent, Office.VICE_PRESIDENT)
            vp_elect = senate.winner if senate else None
            vp_decided = "senate" if vp_elect else "undecided"
    return Outcome(year, president, vice_president, p_elect, vp_elect, p_decided, vp_decided,
                   tuple(contingent))
