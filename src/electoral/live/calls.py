"""Race calls: when the count and the model together leave no reasonable doubt.

A state is called for the leader when all of these hold:
- its count is complete, or
  - at least MIN_COUNTED of its expected vote is counted (the model's estimate),
  - the leader's probability is at least CALL_PROBABILITY, and
  - the 99% interval of the final two-party margin excludes zero;
- and the margin is outside the state's automatic-recount margin (recount_guard): a state
  whose 99% interval reaches into that margin (or whose complete count lies inside it) is not
  called, whatever the probability.
"""

from __future__ import annotations

from electoral.live.model import StateEstimate

CALL_PROBABILITY = 0.999  # 0.995 called Georgia 2020 wrong once in 400 replays (seed 85, 25%)
MIN_COUNTED = 0.2


def recount_guard(year: int, state: str) -> float | None:
    """The margin (points of the vote) inside which `state`'s law orders an automatic recount
    after the `year` election, or None when it orders none.

    The certification law table (law/certification.py: automatic_recount_threshold, each row
    with its statute) answers this on merge; until it exists, no state has one here."""
    return None


def call(est: StateEstimate, year: int) -> str | None:
    """"D", "R" or None (not called), by the rule above."""
    guard = recount_guard(year, est.state)
    if est.certain:
        if est.margin == 0 or (guard is not None and abs(est.margin) <= guard):
            return None
        return "D" if est.margin > 0 else "R"
    if est.counted_share < MIN_COUNTED:
        return None
    dem = est.p_dem >= 0.5
    if max(est.p_dem, 1.0 - est.p_dem) < CALL_PROBABILITY:
        return None
    nearest = est.low99 if dem else -est.high99  # the 99% bound nearest a loss, signed
    if nearest <= 0 or (guard is not None and nearest <= guard):
        return None
    return "D" if dem else "R"
