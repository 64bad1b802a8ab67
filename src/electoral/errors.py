"""Errors a user can cause. Each carries a place (file:line, year, state) and a one-line problem."""

from __future__ import annotations


class ElectoralError(Exception):
    """Base class: a clear, one-line message meant for the user, never a traceback."""

    def __init__(self, problem: str, place: str | None = None) -> None:
        self.problem = problem
        self.place = place
        super().__init__(f"{place}: {problem}" if place else problem)


class InputError(ElectoralError):
    """Bad input: a malformed returns file, an unknown state, a negative vote count, ..."""


class NoElectionError(ElectoralError):
    """A year in which no presidential election was held (or that the record does not hold)."""


class RecordError(ElectoralError):
    """The packaged record is inconsistent (reported by `electoral check`)."""
