"""Loading the packaged record (CSV files built by scripts/build_data.py), once per process."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a packaged data file, as read-only-by-convention dicts of strings."""
    text = resources.files("electoral").joinpath("data").joinpath(f"{name}.csv").read_text("utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


TABLES = (
    "candidates", "parties", "elections", "electors", "electoral_votes", "popular_votes",
    "national_totals", "running_mates", "deviations", "contingent_elections",
    "contingent_delegations", "objections", "calendar_rules", "calendar_exceptions",
    "census_populations", "census_seats", "admission_seats",
)
