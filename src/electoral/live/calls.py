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


def recount_guard(year: int, state: str, expected_total: float = 0.0,
                  margin: float = 0.0) -> float | None:
    """The margin (points of the projected vote) inside which `state`'s law orders an
    automatic recount after the `year` election; None when it orders none, or when the
    package has no law for that year (law/certification.py: 2020 and 2024).

    The law measures the margin in votes against the total cast for the office, the two
    leaders' votes or the winner's (each rule's basis); the projected ballots stand for the
    first two and the leader's projected share for the third, and the limit in votes is
    turned into points of the projected ballots."""
    from electoral.law.certification import has_state_law, state_law

    if not has_state_law(year) or expected_total <= 0:
        return None
    rule = state_law(year, state).automatic
    if rule is None or rule.kind == "none":
        return None
    if rule.kind == "any":  # every result is recounted: nothing is called before it
        return 100.0
    total = round(expected_total)
    bases = {"total": total, "top_two": total,
             "winner": round(expected_total * (0.5 + abs(margin) / 200))}
    limit = rule.limit(bases)
    if limit is None:
        return 100.0
    if limit < 0:
        return None
    return 100.0 * limit / expected_total


def call(est: StateEstimate, year: int) -> str | None:
    """"D", "R" or None (not called), by the rule above."""
    guard = recount_guard(year, est.state, est.expected_total, est.margin)
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
