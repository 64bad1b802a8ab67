"""Ad-hoc SQL over the record with DuckDB (imported lazily: it is a heavy module)."""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any

from electoral.errors import InputError
from electoral.package_data import REFERENCES, TABLES

# SQL table name -> package file: the record's tables, then the independent references
# (national_totals keeps its name; the others take a "reference_" prefix).
FILES: dict[str, str] = {
    **{t: t for t in TABLES}, "national_totals": "reference/national_totals",
    **{f"reference_{r}": f"reference/{r}" for r in REFERENCES if r != "national_totals"},
}

# The record is about 10 MB: a query needing more than this is a runaway (a cross join), and is
# stopped with an error rather than growing until the machine swaps. Nothing spills to disk.
MEMORY_LIMIT = "1GB"
THREADS = 2
TIMEOUT = 30.0  # seconds; the longest query over the record takes well under one

# Column types for the packaged CSV files; anything unlisted is text.
_VOTES = {"year": "INTEGER", "votes": "BIGINT"}
TYPES: dict[str, dict[str, str]] = {
    "electoral_votes": {"year": "INTEGER", "votes": "INTEGER"},
    "popular_votes": {"year": "INTEGER", "district": "INTEGER", "votes": "BIGINT"},
    "other_ballots": {"year": "INTEGER", "district": "INTEGER", "votes": "BIGINT"},
    "electors": {"year": "INTEGER", "appointed": "INTEGER", "voted": "INTEGER"},
    "appointments": {"year": "INTEGER", "electors": "INTEGER"},
    "not_counted": {"year": "INTEGER", "votes": "INTEGER"},
    "resolutions": {"year": "INTEGER"},
    "national_totals": {"year": "INTEGER", "votes": "INTEGER"},
    "reference_state_electoral_votes": _VOTES, "reference_state_electors": _VOTES,
    "reference_popular_votes_1900_2024": _VOTES, "reference_popular_votes_historical": _VOTES,
    "reference_deviations": {"year": "INTEGER", "count": "INTEGER"},
    "elections": {"year": "INTEGER"},
    "parties": {"year": "INTEGER"},
    "running_mates": {"year": "INTEGER"},
    "deviations": {"year": "INTEGER", "count": "INTEGER"},
    "contingent_elections": {"year": "INTEGER", "ballot": "INTEGER", "votes": "INTEGER",
                             "date": "DATE"},
    "contingent_delegations": {"year": "INTEGER", "ballot": "INTEGER"},
    "objections": {"year": "INTEGER", "joint_session_date": "DATE"},
    "calendar_exceptions": {"year": "INTEGER", "date": "DATE"},
    "calendar_rules": {"from_year": "INTEGER", "to_year": "INTEGER"},
    "census_populations": {"census": "INTEGER", "population": "BIGINT"},
    "census_seats": {"census": "INTEGER", "seats": "INTEGER"},
    "admission_seats": {"census": "INTEGER", "from_election": "INTEGER", "seats": "INTEGER"},
}


def connect() -> Any:
    """An in-memory DuckDB connection holding one table per record file. External access is
    then switched off and the configuration locked, so a query can read nothing else and
    write no file."""
    import duckdb

    con = duckdb.connect(":memory:", config={"memory_limit": MEMORY_LIMIT, "threads": THREADS,
                                             "temp_directory": ""})
    root = resources.files("electoral").joinpath("data")
    for name, file in FILES.items():
        # A path is data, not SQL: quotes in it (an install folder named "O'Brien") are doubled.
        path = str(root.joinpath(*f"{file}.csv".split("/"))).replace("'", "''")
        types = TYPES.get(name, {})
        spec = ", ".join(f"'{k}': '{v}'" for k, v in types.items())
        opts = f", types={{{spec}}}" if spec else ""
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header=true, "
                    f"auto_detect=true{opts})")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def sql(query: str, timeout: float = TIMEOUT) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a read-only SQL query over the record; returns (column names, rows). A query
    running longer than `timeout` seconds, or needing more than MEMORY_LIMIT, is stopped."""
    import duckdb

    if not 0 < timeout <= 3600:
        raise InputError(f"timeout must be more than 0 and at most 3600 seconds, got {timeout:g}",
                         "timeout")

    q = query.strip().rstrip(";")
    if not q:
        raise InputError("empty query")
    try:
        statements = len(duckdb.extract_statements(q))
    except duckdb.Error as e:
        raise InputError(f"SQL error: {str(e).splitlines()[0]}") from None
    if statements != 1:
        raise InputError(f"one statement at a time, please (found {statements})")
    head = q.split(None, 1)[0].lower()
    if head not in ("select", "with", "describe", "show", "summarize", "from", "pivot", "explain"):
        raise InputError(f"only read-only queries are allowed (got {head.upper()})")
    con = connect()
    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        cur = con.execute(q)
        cols = [d[0] for d in cur.description]
        return cols, [tuple(r) for r in cur.fetchall()]
    except duckdb.InterruptException:
        raise InputError(f"the query ran longer than {timeout:g} s and was stopped") from None
    except duckdb.Error as e:
        msg = str(e).splitlines()[0]
        raise InputError(f"SQL error: {msg}") from None
    finally:
        timer.cancel()
        con.close()


def frame(name: str) -> Any:
    """A record table as a pandas DataFrame (requires pandas)."""
    if name not in FILES:
        raise InputError(f"no table {name!r}; tables: {', '.join(FILES)}")
    con = connect()
    try:
        return con.execute(f"SELECT * FROM {name}").df()
    finally:
        con.close()
