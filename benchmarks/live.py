"""Scaling of one live update (docs/live.md): every county of 2024 reported partly (a share
of its vote from 5% to 95%), read from a CSV file, validated, estimated (DRAWS simulations),
called and counted to the Electoral College distribution. Baseline in the same run: reading
the same file with the csv module. Target: under 1 s.

    python benchmarks/live.py
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from pathlib import Path

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from electoral.live import update  # noqa: E402
from electoral.live.areas import counties  # noqa: E402


def write_partial(path: Path, year: int, seed: int = 1) -> int:
    """Every county of `year` with a random share of its final vote counted."""
    rng = random.Random(seed)
    rows = 0
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["state", "county", "dem", "rep", "other", "counted_share"])
        for c in counties(year).values():
            s = rng.uniform(0.05, 0.95)
            d, r = int(s * c.dem), int(s * c.rep)
            w.writerow([c.state, c.fips, d, r, max(int(s * c.total) - d - r, 0), repr(s)])
            rows += 1
    return rows


def main() -> int:
    path = Path(tempfile.mkdtemp()) / "partial-2024.csv"
    n = write_partial(path, 2024)

    def read_csv() -> None:
        with path.open() as f:
            list(csv.DictReader(f))

    update(path, 2024)  # warm the package's tables and imports
    base = median_seconds(read_csv, 20)
    t = median_seconds(lambda: update(path, 2024), 7)
    print(f"csv.DictReader of {n:,} counties {base * 1000:8.1f} ms   (baseline)")
    print(f"live update, {n:,} counties      {t * 1000:8.1f} ms   {t / base:6.1f}x baseline   "
          f"target < 1 s: {'ok' if t < 1 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
