"""The majority of the whole number of electors appointed."""

from __future__ import annotations

from electoral.errors import InputError


def majority_of(whole: int) -> int:
    """The smallest number that is a majority of `whole`: of the electors appointed, of all the
    states (the House, amend. XII), of the whole number of Senators."""
    return whole // 2 + 1


def majority_of_appointed(electors_appointed: int) -> int:
    """Smallest number of votes that is a majority of the electors appointed.

    Art. II s. 1 cl. 3 and amend. XII: "a majority of the whole number of Electors appointed"
    (not of votes cast, and not a fixed 270): 538 appointed -> 270, 537 -> 269, 261 -> 131.
    """
    if electors_appointed <= 0:
        raise InputError(f"no majority of {electors_appointed} electors appointed: at least one "
                         "elector must be appointed")
    return majority_of(electors_appointed)
