"""Saved scenarios in an embedded DuckDB file: name, map, notes and the time created.

The file lives in the user's data directory ($XDG_DATA_HOME/electoral, by default
~/.local/share/electoral) unless a path is given. Each write is one transaction; one
connection per store, used under a lock (the server calls it from its thread pool).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from electoral.errors import InputError
from electoral.web.scenario import Scenario, make_scenario


class NotFound(InputError):
    """No saved scenario has the id asked for."""


MAX_SCENARIOS = 10_000  # a personal store; refuse to grow without bound
PAGE, MAX_PAGE = 100, 500  # scenarios listed per request: by default, and at most
COLUMNS = [("id", "VARCHAR"), ("name", "VARCHAR"), ("created", "TIMESTAMP"),
           ("document", "VARCHAR")]
SCHEMA = """
create table if not exists scenarios (
    id varchar primary key,
    name varchar not null,
    created timestamp not null,
    document varchar not null  -- the scenario JSON (make_scenario's input)
)
"""


def default_path() -> Path:
    """$XDG_DATA_HOME/electoral/scenarios.duckdb (XDG base directory spec), else
    ~/.local/share/electoral/scenarios.duckdb."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "electoral" / "scenarios.duckdb"


@dataclass(frozen=True, slots=True)
class Saved:
    id: str
    created: dt.datetime
    scenario: Scenario

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created.isoformat(timespec="seconds"),
                **self.scenario.to_dict()}

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.scenario.name, "year": self.scenario.year,
                "created": self.created.isoformat(timespec="seconds")}


def _document(s: Scenario) -> str:
    return json.dumps({"year": s.year, "census": s.census, "seats": s.seats,
                       "method": s.method, "name": s.name, "notes": s.notes,
                       "candidates": dict(s.candidates), "colors": dict(s.colors),
                       "delegations": dict(s.delegations) if s.delegations is not None else None,
                       "house": dict(s.house) if s.house is not None else None,
                       "ratings": dict(sorted(s.ratings.items()))}, sort_keys=True)


def _not_duckdb(path: Path) -> str | None:
    """Why `path` cannot be a scenario store, judged before DuckDB opens it (DuckDB would open
    a CSV, JSON or Parquet file as a read-only view, and saves would vanish)."""
    if path.is_dir():
        return "is a folder, not a DuckDB file"
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as f:
        head = f.read(12)
    if head[8:12] != b"DUCK":  # a DuckDB database file's magic bytes
        return "is not a DuckDB database (a scenario store is a DuckDB file)"
    return None


class Store:
    """Create, read, list and delete saved scenarios. Opening verifies the file: a DuckDB
    database this process can write, with no tables but the scenarios table; a file another
    process holds (a second server) is refused."""

    def __init__(self, path: Path | str | None = None) -> None:
        import duckdb

        self.path = Path(path) if path is not None else default_path()
        why = _not_duckdb(self.path)
        if why:
            raise InputError(f"cannot use this scenario store: it {why}", str(self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=False)
        except (OSError, duckdb.Error) as e:
            msg = str(e).splitlines()[0]
            if "lock" in msg.lower():
                msg = "it is in use by another process (another electoral serve?)"
            raise InputError(f"cannot open the scenario store: {msg}", str(self.path)) from None
        self._lock = threading.Lock()
        try:
            with self._lock:
                self._con.execute(SCHEMA)
                tables = {r[0] for r in self._con.execute(
                    "select table_name from information_schema.tables").fetchall()}
                cols = self._con.execute(
                    "select column_name, data_type from information_schema.columns where "
                    "table_name = 'scenarios' order by ordinal_position").fetchall()
        except duckdb.Error as e:
            self._con.close()
            raise InputError(f"cannot use this scenario store: {str(e).splitlines()[0]}",
                             str(self.path)) from None
        if tables != {"scenarios"} or [tuple(c) for c in cols] != COLUMNS:
            self._con.close()
            raise InputError("cannot use this scenario store: it holds other tables or "
                             "columns than a scenario store's", str(self.path))

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def create(self, s: Scenario) -> Saved:
        """Save a scenario under a new random id (unguessable: ids are shared in URLs)."""
        if not s.name.strip():
            raise InputError("a saved scenario needs a name", "name")
        created = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        sid = secrets.token_urlsafe(6)
        with self._lock:
            self._con.execute("begin transaction")
            try:
                row = self._con.execute("select count(*) from scenarios").fetchone()
                n = row[0] if row else 0
                if n >= MAX_SCENARIOS:
                    raise InputError(f"the store is full ({MAX_SCENARIOS} scenarios); delete "
                                     "some first", "scenarios")
                self._con.execute("insert into scenarios values (?, ?, ?, ?)",
                                  [sid, s.name, created, _document(s)])
                self._con.execute("commit")
            except BaseException:
                self._con.execute("rollback")
                raise
        return Saved(sid, created, s)

    def _change(self, sql: str, params: list[Any], sid: str) -> list[Any]:
        """One statement in a transaction, returning its rows; NotFound when it touched
        no saved scenario."""
        with self._lock:
            self._con.execute("begin transaction")
            try:
                found = self._con.execute(sql, params).fetchall()
                self._con.execute("commit")
            except BaseException:
                self._con.execute("rollback")
                raise
        if not found:
            raise NotFound("no saved scenario with this id", sid)
        return found

    def update(self, sid: str, s: Scenario) -> Saved:
        """Replace a saved scenario's name and document (its id and time of creation stay)."""
        if not s.name.strip():
            raise InputError("a saved scenario needs a name", "name")
        found = self._change("update scenarios set name = ?, document = ? where id = ? "
                             "returning created", [s.name, _document(s), sid], sid)
        return Saved(sid, found[0][0], s)

    def get(self, sid: str) -> Saved:
        with self._lock:
            row = self._con.execute("select id, created, document from scenarios where id = ?",
                                    [sid]).fetchone()
        if row is None:
            raise NotFound("no saved scenario with this id", sid)
        return Saved(row[0], row[1], make_scenario(json.loads(row[2]), sid))

    def count(self) -> int:
        with self._lock:
            row = self._con.execute("select count(*) from scenarios").fetchone()
        return int(row[0]) if row else 0

    def list(self, limit: int = PAGE, offset: int = 0) -> list[dict[str, Any]]:
        """Summaries (id, name, year, created), newest first: `limit` of them from `offset`."""
        if not 1 <= limit <= MAX_PAGE or offset < 0:
            raise InputError(f"limit must be 1-{MAX_PAGE} and offset at least 0", "scenarios")
        with self._lock:
            rows = self._con.execute(
                "select id, name, created, json_extract(document, '$.year')::integer from "
                "scenarios order by created desc, id limit ? offset ?", [limit, offset]
            ).fetchall()
        return [{"id": r[0], "name": r[1], "year": r[3],
                 "created": r[2].isoformat(timespec="seconds")} for r in rows]

    def delete(self, sid: str) -> None:
        self._change("delete from scenarios where id = ? returning id", [sid], sid)
