"""Election night: partial county returns, estimates of the vote not yet counted, race calls
and the Electoral College as the count stands (docs/live.md).

    >>> import electoral.live as live
    >>> r = live.replay(2020, at=0.5, seed=7)      # doctest: +SKIP
    >>> r.state("PA").p_dem, r.win_probability["D"]  # doctest: +SKIP
"""

from electoral.live.calls import call, recount_guard
from electoral.live.returns import PartialReturns, read_partial
from electoral.live.run import ORDERS, LiveResult, LiveState, replay, update

__all__ = ["ORDERS", "LiveResult", "LiveState", "PartialReturns", "call", "read_partial",
           "recount_guard", "replay", "update"]
