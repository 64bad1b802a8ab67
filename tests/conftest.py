from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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
