"""Loading the packaged record (CSV files built by scripts/build_data.py), once per process."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a packaged data file ("reference/x" for a reference table), as
    read-only-by-convention dicts of strings."""
    path = resources.files("electoral").joinpath("data", *f"{name}.csv".split("/"))
    text = path.read_text("utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


# The record's tables (`electoral sql` exposes them, docs/sql.md describes them).
TABLES = (
    "candidates", "parties", "elections", "electors", "appointments", "electoral_votes",
    "popular_votes", "other_ballots", "running_mates", "deviations", "not_counted",
    "contingent_elections", "contingent_delegations", "house_delegations", "objections",
    "calendar_rules",
    "calendar_exceptions", "census_populations", "census_seats", "admission_seats",
    "resolutions", "certification_law", "recount_deadlines", "certification_events",
)
# The independent references `electoral check` compares with (data/reference/).
REFERENCES = ("national_totals", "state_electoral_votes", "state_electors", "popular_votes_1900_2024",
              "popular_votes_historical", "deviations")
