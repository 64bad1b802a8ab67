"""An election's cycle: from the day after the previous election to election day. Polls of a
cycle are about its election; a forecast is made on a day within it."""

from __future__ import annotations

import datetime as dt

from electoral.errors import InputError


def cycle_window(year: int) -> tuple[dt.date, dt.date]:
    """(previous election day, election day) of `year` (3 U.S.C. 1); before the first
    election the cycle is open-ended."""
    from electoral.law.calendar import timeline
    from electoral.law.regimes import FIRST_ELECTION

    day = timeline(year).date_of("election_day")
    if year == FIRST_ELECTION:
        return dt.date.min, day
    return timeline(year - 4).date_of("election_day"), day


def check_as_of(year: int, as_of: dt.date | None) -> dt.date:
    """The forecast day: `as_of` (default: election day), which must lie in the cycle."""
    first, day = cycle_window(year)
    as_of = as_of or day
    if not first < as_of <= day:
        raise InputError(f"{as_of} is outside the {year} cycle: give a day after {first} and "
                         f"no later than election day, {day}", "as_of")
    return as_of
