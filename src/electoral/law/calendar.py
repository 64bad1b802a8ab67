"""The statutory calendar of an election: from the appointment of electors to the inauguration.

Rules are data (package file calendar_rules.csv, each row citing its provision, keyed by the
years it governed) plus one-off exceptions set by law (calendar_exceptions.csv), e.g. the count
of 4 January 2013 (H.J.Res. 122, 112th Congress).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from electoral.errors import NoElectionError
from electoral.law.regimes import is_election_year
from electoral.model import Event, Timeline
from electoral.package_data import table

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
ORDER = ("election_day", "safe_harbor", "electors_meet", "joint_session", "inauguration")
EXTRA = ("inauguration_private_oath", "inauguration_ceremony")


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _split(rule: str) -> tuple[str, list[str]]:
    """'weekday_after:tue:[nth_weekday_of_month:1:mon:11:0]' -> ('weekday_after', ['tue', '[..]'])"""
    head, _, rest = rule.partition(":")
    args: list[str] = []
    while rest:
        if rest.startswith("["):
            depth = 0
            for i, ch in enumerate(rest):
                depth += ch == "["
                depth -= ch == "]"
                if depth == 0:
                    args.append(rest[: i + 1])
                    rest = rest[i + 2:]
                    break
        else:
            part, _, rest = rest.partition(":")
            args.append(part)
    return head, args


def evaluate(rule: str, year: int, resolve: Callable[[str], dt.date]) -> tuple[dt.date, dt.date | None]:
    """Evaluate a calendar rule for election year `year`: (date, end of window or None)."""
    head, a = _split(rule.strip())
    if head == "nth_weekday_of_month":
        return nth_weekday(year + int(a[3]), int(a[2]), WEEKDAYS[a[1]], int(a[0])), None
    if head == "fixed":
        return dt.date(year + int(a[2]), int(a[0]), int(a[1])), None
    if head == "weekday_after":
        anchor, _ = evaluate(a[1][1:-1], year, resolve)
        step = (WEEKDAYS[a[0]] - anchor.weekday()) % 7 or 7  # strictly after the anchor
        return anchor + dt.timedelta(days=step), None
    if head == "days_before":
        return resolve(a[1]) - dt.timedelta(days=int(a[0])), None
    if head == "window_before":
        anchor, _ = evaluate(a[1][1:-1], year, resolve)
        return anchor - dt.timedelta(days=int(a[0])), anchor - dt.timedelta(days=1)
    raise ValueError(f"unknown calendar rule {rule!r}")


def timeline(year: int) -> Timeline:
    """The statutory dates of the election held in `year`, each with the provision setting it.

    >>> timeline(2020).date_of("electors_meet")
    datetime.date(2020, 12, 14)
    """
    if not is_election_year(year) or year > 2024 + 4 * 100:
        raise NoElectionError(f"no presidential election was held in {year}", place=str(year))
    exceptions = {(int(r["year"]), r["event"]): r for r in table("calendar_exceptions")}
    rules = {r["event"]: r for r in table("calendar_rules")
             if int(r["from_year"]) <= year and (not r["to_year"] or year <= int(r["to_year"]))}
    cache: dict[str, Event] = {}

    def resolve(event: str) -> dt.date:
        return build(event).date

    def build(event: str) -> Event:
        if event not in cache:
            exc = exceptions.get((year, event))
            if exc is not None:
                cache[event] = Event(event, dt.date.fromisoformat(exc["date"]), exc["authority"])
            else:
                r = rules[event]
                date, end = evaluate(r["rule"], year, resolve)
                note = "appointment window: each state chose its own day" if end else ""
                cache[event] = Event(event, date, r["authority"], note, end)
        return cache[event]

    events = [build(e) for e in ORDER if (year, e) in exceptions or e in rules]
    events += [build(e) for e in EXTRA if (year, e) in exceptions]
    events.sort(key=lambda e: (e.date, ORDER.index(e.event) if e.event in ORDER else 9))
    return Timeline(year, tuple(events))


def short_authority(text: str) -> str:
    """The citation part of an authority text (before the first colon)."""
    return re.split(r":\s", text, maxsplit=1)[0]
