"""The packaged data is exactly what scripts/build_data.py makes from the raw files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

RAW = ROOT.parent / "shared" / "data"


@pytest.mark.skipif(not RAW.is_dir(), reason="raw data (../shared/data) not present")
def test_rebuild_is_identical() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "--raw",
                           str(RAW), "--check", "--quiet"], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "rebuild identical" in proc.stdout


def test_build_reports_a_missing_raw_folder(tmp_path: object) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "--raw",
                           "/nonexistent/raw", "--out", str(tmp_path)], capture_output=True,
                          text=True)
    assert proc.returncode == 2 and "raw data folder not found" in proc.stderr
