"""Forecast benchmarks, as ratios against baselines measured in the same run.

    python benchmarks/forecast.py [--sims 10000000] [--memory-sims 100000000]

- Monte Carlo, 56 units with a shared national error (correlated), against the floor:
  generating the same count of float32 normal random numbers alone (one core, and both
  cores), and against a naive loop of one simulation at a time in Python.
- Peak memory of a 100,000,000-simulation run (a subprocess; bounded by the chunk size).
- The exact and quadrature engines, in milliseconds.
The machine is small and shared; read the ratios, not the digits.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from timing import median_seconds as seconds  # noqa: E402


def floor(sims: int, units: int, threads: int) -> float:
    """Seconds to draw sims x units float32 normals in 65,536-row blocks (bounded memory)."""
    import numpy as np

    block = 65536
    starts = list(range(0, sims, block))

    def part(ix: list[int]) -> None:
        rng = np.random.default_rng(ix[0] if ix else 0)
        buf = np.empty((block, units), np.float32)
        for s in ix:
            rng.standard_normal(out=buf[: min(block, sims - s)], dtype=np.float32)

    def run() -> None:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(part, [starts[i::threads] for i in range(threads)]))

    return seconds(run)


def naive(inp: object, sims: int) -> float:
    """One simulated election at a time, in plain Python (random.gauss)."""
    import random

    units = inp.units  # type: ignore[attr-defined]

    def run() -> None:
        rng = random.Random(0)
        for _ in range(sims):
            nat = rng.gauss(0, 3.0)
            ev = 0
            for u in units:
                if u.margin + nat + rng.gauss(0, u.sd) > 0:
                    ev += u.electors
    return seconds(run)


def peak_memory(sims: int) -> float:
    """Peak resident memory (MB) of a process running `sims` simulations."""
    code = (
        "import resource, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from electoral.forecasting import ErrorModel, forecast, prior\n"
        "inp = prior(2020, 'R+2', sd=3.0, year=2024)\n"
        f"forecast(inp, errors=ErrorModel(national_sd=3.0), engine='montecarlo', sims={sims},"
        " detail=False)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sims", type=int, default=10_000_000)
    ap.add_argument("--memory-sims", type=int, default=100_000_000)
    args = ap.parse_args()

    from electoral.forecasting import ErrorModel, forecast, prior

    inp = prior(2020, "R+2", sd=3.0, year=2024)
    n = len(inp.units)
    corr = ErrorModel(national_sd=3.0)
    sims = args.sims
    forecast(inp, errors=corr, engine="montecarlo", sims=100_000)  # warm imports and caches

    f1 = floor(sims, n, 1)
    f2 = floor(sims, n, 2)
    core = seconds(lambda: forecast(inp, errors=corr, engine="montecarlo", sims=sims,
                                    detail=False))
    full = seconds(lambda: forecast(inp, errors=corr, engine="montecarlo", sims=sims))
    slow_n = 20_000
    slow = naive(inp, slow_n) * sims / slow_n
    print(f"{sims:,} simulations of {n} units, national error (correlated)")
    print(f"floor: float32 normals, 1 core  {f1:7.2f} s   (baseline)")
    print(f"floor: float32 normals, 2 cores {f2:7.2f} s   {f2 / f1:5.2f}x baseline")
    print(f"montecarlo, core outputs        {core:7.2f} s   {core / f1:5.2f}x floor(1 core), "
          f"{core / f2:5.2f}x floor(2 cores)   {sims / core / 1e6:6.2f} M sims/s")
    print(f"montecarlo, all outputs         {full:7.2f} s   {full / f1:5.2f}x floor(1 core)"
          f"   {sims / full / 1e6:6.2f} M sims/s   (tipping points sort every simulation)")
    print(f"naive Python loop (extrapolated){slow:8.1f} s   {slow / core:7.0f}x the engine")

    from electoral.forecasting.run import forecast as run

    ex = seconds(lambda: run(inp, engine="exact", tipping=False), 20)
    ext = seconds(lambda: run(inp, engine="exact"), 3)
    qt_tip = seconds(lambda: run(inp, errors=corr, tipping=True), 1)
    qn = seconds(lambda: run(inp, errors=corr), 10)
    qt = seconds(lambda: run(inp, errors=ErrorModel(national_sd=3.0, df=5)), 5)
    print(f"exact, independent units        {ex * 1000:7.1f} ms")
    print(f"exact, with tipping points      {ext * 1000:7.1f} ms   (integrated, no sampling)")
    print(f"quadrature, with tipping points {qt_tip * 1000:7.1f} ms")
    print(f"quadrature, normal national     {qn * 1000:7.1f} ms")
    print(f"quadrature, Student-t national  {qt * 1000:7.1f} ms")

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mem = peak_memory(args.memory_sims)
    print(f"peak memory, {args.memory_sims:,} simulations: {mem:7.0f} MB   (target < 1024 MB;"
          f" this benchmark process: {base:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
