"""A real `electoral serve` on a free loopback port, for browser tests, screenshots and the
benchmark (started as a subprocess, stopped by its process id)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(db: Path) -> Iterator[str]:
    """Start the app on 127.0.0.1 with its store at `db`; yield its base URL."""
    with serving(db) as (url, _):
        yield url


@contextlib.contextmanager
def serving(db: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start the app (extra: more `electoral serve` options); yield its URL and process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:  # the server's stderr, read if it fails to start
        proc = subprocess.Popen([sys.executable, "-m", "electoral", "serve", "--port",
                                 str(port), "--db", str(db), *extra], stdout=subprocess.DEVNULL,
                                stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/api/years", timeout=2):
                        break
                except OSError as e:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"server did not start: {log.read().decode()}") from e
                    time.sleep(0.2)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
