from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The machine is small and shared: no per-example deadlines, no "too slow" health checks.
settings.register_profile("electoral", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("electoral")

ROOT = Path(__file__).resolve().parent.parent


class Run:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run the real `electoral` command in a subprocess (exit codes, stderr, no traceback)."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        proc = subprocess.run([sys.executable, "-m", "electoral", *args], capture_output=True,
                              text=True, cwd=cwd, timeout=120)
        return Run(proc)

    return run
