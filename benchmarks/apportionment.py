"""Apportionment speed, as ratios against a baseline measured in the same run.

    python benchmarks/apportionment.py

Baseline: a float-priority heap (the textbook method, which compares rounded priorities)
for the same populations and House size; ours compares exact fractions of integers.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from electoral.apportionment import apportion, census_populations
from timing import median_seconds


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    return median_seconds(fn, repeat) * 1000


def float_heap(pops: dict[str, int], seats: int) -> dict[str, int]:
    alloc = dict.fromkeys(pops, 1)
    heap = [(-p / math.sqrt(2), s) for s, p in pops.items()]
    heapq.heapify(heap)
    for _ in range(seats - len(pops)):
        _, s = heapq.heappop(heap)
        alloc[s] += 1
        n = alloc[s]
        heapq.heappush(heap, (-pops[s] / math.sqrt(n * (n + 1)), s))
    return alloc


def main() -> int:
    pops = census_populations(2020)
    for seats, target in ((435, 1.0), (10_000, 50.0)):
        base = median_ms(lambda s=seats: float_heap(pops, s), 21)
        ours = median_ms(lambda s=seats: apportion(pops, s, lookahead=0), 21)
        full = median_ms(lambda s=seats: apportion(pops, s), 21)
        print(f"{seats:>6} seats: float heap {base:7.3f} ms | exact {ours:7.3f} ms "
              f"({ours / base:4.2f}x) | with last seats and next in line {full:7.3f} ms "
              f"({full / base:4.2f}x) | target < {target:g} ms: "
              f"{'ok' if ours < target else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
