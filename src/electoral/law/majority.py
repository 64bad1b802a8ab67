"""The majority of the whole number of electors appointed."""

from __future__ import annotations


def majority_of_appointed(electors_appointed: int) -> int:
    """Smallest number of votes that is a majority of the electors appointed.

    12th Amendment: "a majority of the whole number of Electors appointed" (not of votes cast,
    and not a fixed 270): 538 appointed -> 270, 537 -> 269, 261 -> 131.
    """
    if electors_appointed <= 0:
        raise ValueError("electors_appointed must be positive")
    return electors_appointed // 2 + 1
