"""The scenario store under stress: concurrent saves, and a server killed (SIGKILL) in the
middle of a burst of saves loses none it acknowledged."""

from __future__ import annotations

import json
import os
import signal
import threading
import urllib.request
from pathlib import Path

import pytest

from electoral.errors import InputError
from electoral.web.store import Store
from tests.web_server import serving


def post(url: str, doc: dict[str, object]) -> str | None:
    """Save a scenario; its id if the server acknowledged it (201), else None."""
    req = urllib.request.Request(url + "/api/scenarios", data=json.dumps(doc).encode(),
                                 headers={"content-type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return str(json.loads(r.read())["id"]) if r.status == 201 else None
    except OSError:
        return None


def test_acknowledged_saves_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    acknowledged: list[str] = []
    lock = threading.Lock()
    with serving(db) as (url, proc):
        stop = threading.Event()

        def saver(k: int) -> None:
            i = 0
            while not stop.is_set():
                sid = post(url, {"year": 2024, "name": f"c{k}-{i}",
                                 "ratings": {"PA": "D3"}})
                if sid is not None:
                    with lock:
                        acknowledged.append(sid)
                i += 1

        threads = [threading.Thread(target=saver, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        while len(acknowledged) < 40:
            threading.Event().wait(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # mid-burst, no chance to clean up
        proc.wait()
        stop.set()
        for t in threads:
            t.join()
    store = Store(db)  # reopens (and verifies) the file the killed server left
    try:
        for sid in acknowledged:
            assert store.get(sid).scenario.ratings == {"PA": "D3"}
        assert store.count() >= len(acknowledged)
    finally:
        store.close()


def test_concurrent_saves_are_all_kept(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    with serving(db) as (url, _):
        ids: list[str | None] = [None] * 50
        threads = [threading.Thread(target=lambda k=k: ids.__setitem__(
            k, post(url, {"year": 2020, "name": f"n{k}"}))) for k in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with urllib.request.urlopen(url + "/api/scenarios?limit=500", timeout=10) as r:
            listed = json.loads(r.read())
    assert all(ids) and len(set(ids)) == 50
    assert listed["total"] == 50 and {s["id"] for s in listed["scenarios"]} == set(ids)


def test_a_full_store_refuses_a_save_and_keeps_what_it_has(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from electoral.web import store as store_module
    from electoral.web.scenario import make_scenario

    monkeypatch.setattr(store_module, "MAX_SCENARIOS", 3)
    store = Store(tmp_path / "f.duckdb")
    try:
        for k in range(3):
            store.create(make_scenario({"year": 2024, "name": f"m{k}"}))
        with pytest.raises(InputError, match="the store is full"):
            store.create(make_scenario({"year": 2024, "name": "one too many"}))
        assert store.count() == 3
        assert sorted(s["name"] for s in store.list(limit=10)) == ["m0", "m1", "m2"]
    finally:
        store.close()


def test_saving_over_a_saved_scenario_keeps_its_id(tmp_path: Path) -> None:
    from electoral.web.scenario import make_scenario
    from electoral.web.store import NotFound

    store = Store(tmp_path / "s.duckdb")
    first = store.create(make_scenario({"year": 2024, "name": "Blue wall",
                                        "ratings": {"PA": "D1"}}))
    again = store.update(first.id, make_scenario({"year": 2024, "name": "Blue wall, v2",
                                                  "ratings": {"PA": "D2", "MI": "D1"}}))
    assert again.id == first.id and again.created == first.created
    assert store.count() == 1  # no duplicate
    got = store.get(first.id).scenario
    assert got.name == "Blue wall, v2" and dict(got.ratings) == {"PA": "D2", "MI": "D1"}
    with pytest.raises(NotFound):
        store.update("nope", got)
    with pytest.raises(InputError, match="needs a name"):
        store.update(first.id, make_scenario({"year": 2024}))
    store.close()
