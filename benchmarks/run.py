"""Benchmarks, reported as ratios against baselines measured in the same run.

    python benchmarks/run.py

- CLI start-up: `electoral --help` against a bare `python -c pass` (target: under 0.5 s).
- results(2020) and tally() of the 2020 returns against reading the same CSV with the csv
  module (the floor for any engine that reads the record).
- check() of the whole record.
Medians of several runs; the machine is small and noisy, so read the ratios, not the digits.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent




def run_process(args: list[str]) -> Callable[[], object]:
    return lambda: subprocess.run(args, capture_output=True, check=True)


def main() -> int:
    py = sys.executable
    base = median_seconds(run_process([py, "-c", "pass"]), 15)
    help_ = median_seconds(run_process([py, "-m", "electoral", "--help"]), 15)
    results_cmd = median_seconds(run_process([py, "-m", "electoral", "results", "2020",
                                              "-f", "json"]), 7)
    print(f"python -c pass          {base * 1000:8.1f} ms   (baseline)")
    print(f"electoral --help        {help_ * 1000:8.1f} ms   {help_ / base:5.1f}x baseline"
          f"   target < 500 ms: {'ok' if help_ < 0.5 else 'MISSED'}")
    print(f"electoral results 2020  {results_cmd * 1000:8.1f} ms   {results_cmd / base:5.1f}x")

    sys.path.insert(0, str(ROOT / "src"))
    import electoral
    from electoral import package_data
    from electoral.record import catalog

    examples = ROOT / "docs" / "examples" / "returns-2020.csv"
    path = ROOT / "src" / "electoral" / "data" / "popular_votes.csv"

    def read_csv() -> None:
        with path.open() as f:
            list(csv.DictReader(f))

    floor = median_seconds(read_csv, 20)
    electoral.results(2020)  # warm the record's caches
    res = median_seconds(lambda: electoral.results(2020), 50)
    tal = median_seconds(lambda: electoral.tally(examples, 2020), 50)
    def cold_check() -> object:
        # check() from a cold record: tables read and every year run through the pipeline.
        package_data.table.cache_clear()
        for f in vars(catalog).values():
            if hasattr(f, "cache_clear"):
                f.cache_clear()
        return electoral.check()

    chk = median_seconds(cold_check, 3)
    print(f"read popular_votes.csv  {floor * 1000:8.2f} ms   (baseline: csv module)")
    print(f"results(2020), warm     {res * 1000:8.2f} ms   {res / floor:5.2f}x baseline")
    print(f"tally(returns-2020.csv) {tal * 1000:8.2f} ms   {tal / floor:5.2f}x baseline")
    print(f"check(), whole record   {chk * 1000:8.1f} ms   {chk / floor:5.1f}x baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
