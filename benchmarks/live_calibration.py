"""Calibration of the live model by replay (docs/live.md): 2020 (baseline 2016) and 2024
(baseline 2020), SEEDS seeded random reporting orders each (and the small-first order), at
25/50/75/90% of every state's vote counted. Prints, per year and fraction, how often the 90%
interval covered the final two-party margin, how many states were called, and how many
calls went to the candidate who lost the state.

    python benchmarks/live_calibration.py [SEEDS]        # default 100
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from electoral.live.calibrate import calibrate  # noqa: E402


def main() -> int:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print("| year | order | counted | cases | 90% coverage | mean width (pts) | called | "
          "wrong calls |")
    print("|---|---|---|---|---|---|---|---|")
    wrong = 0
    t0 = time.perf_counter()
    for year in (2020, 2024):
        for order, n in (("random", seeds), ("small-first", 1)):
            for r in calibrate(year, range(n), order=order):
                wrong += r.wrong_calls
                print(f"| {year} | {order} | {r.at:.0%} | {r.cases} | {r.coverage:.3f} | "
                      f"{r.mean_width:.2f} | {r.called} | {r.wrong_calls} |")
    print(f"\nwrong calls in all: {wrong}; {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
