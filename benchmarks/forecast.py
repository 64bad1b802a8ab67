"""Forecast benchmarks, as ratios against baselines measured in the same run.

    python benchmarks/forecast.py [--sims 10000000] [--memory-sims 100000000]

- Monte Carlo, 56 units, against the floor: generating the same count of float32 normal
  random numbers alone (one core, and both cores), and against a naive loop of one
  simulation at a time in Python. Two error models: a shared national error (factor form)
  and a full covariance (the Economist's correlation matrix plus a national error); each
  with core outputs (detail=False) and with all outputs (tipping points, decisiveness,
  inversions: the default).
- Peak memory of runs with all outputs and the full covariance, 1,000,000 simulations and
  --memory-sims (subprocesses; each worker reuses its buffers: flat in the simulations).
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
    """Peak resident memory (MB) of a process running `sims` simulations, all outputs, full
    covariance. Its own high-water mark (VmHWM): on Linux a child's ru_maxrss also counts the
    parent's resident memory at the fork."""
    code = (
        "import resource, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from electoral.forecasting import ErrorModel, forecast, prior\n"
        "inp = prior(2020, 'R+2', sd=3.0, year=2024)\n"
        "errors = ErrorModel(national_sd=3.0, correlation='economist')\n"
        f"forecast(inp, errors=errors, engine='montecarlo', sims={sims})\n"
        "try:\n"
        "    hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')]\n"
        "    print(hwm[0].split()[1])\n"
        "except (OSError, IndexError):\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
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
    national = ErrorModel(national_sd=3.0)
    full_cov = ErrorModel(national_sd=3.0, correlation="economist")  # a full covariance
    sims = args.sims
    for errors in (national, full_cov):  # warm imports and caches
        forecast(inp, errors=errors, engine="montecarlo", sims=100_000)

    f1 = floor(sims, n, 1)
    f2 = floor(sims, n, 2)
    print(f"{sims:,} simulations of {n} units")
    print(f"floor: float32 normals, 1 core          {f1:7.2f} s   (baseline)")
    print(f"floor: float32 normals, 2 cores         {f2:7.2f} s   {f2 / f1:5.2f}x baseline")
    def montecarlo(errors: ErrorModel, detail: bool) -> float:
        return seconds(lambda: forecast(inp, errors=errors, engine="montecarlo", sims=sims,
                                        detail=detail))

    core = 0.0
    for label, errors in (("national error", national), ("full covariance", full_cov)):
        for outputs, detail in (("core outputs", False), ("all outputs", True)):
            t = montecarlo(errors, detail)
            core = core or t
            print(f"montecarlo, {label + ',':16} {outputs:12} {t:7.2f} s   "
                  f"{t / f1:5.2f}x floor(1 core), {t / f2:5.2f}x floor(2 cores)   "
                  f"{sims / t / 1e6:6.2f} M sims/s")
    slow_n = 20_000
    slow = naive(inp, slow_n) * sims / slow_n
    print(f"naive Python loop (extrapolated)        {slow:8.1f} s   {slow / core:7.0f}x the engine"
          " (national error, core outputs)")

    from electoral.forecasting.run import forecast as run

    ex = seconds(lambda: run(inp, engine="exact", tipping=False), 20)
    ext = seconds(lambda: run(inp, engine="exact"), 3)
    qt_tip = seconds(lambda: run(inp, errors=national, tipping=True), 1)
    qn = seconds(lambda: run(inp, errors=national), 10)
    qt = seconds(lambda: run(inp, errors=ErrorModel(national_sd=3.0, df=5)), 5)
    print(f"exact, independent units        {ex * 1000:7.1f} ms")
    print(f"exact, with tipping points      {ext * 1000:7.1f} ms   (integrated, no sampling)")
    print(f"quadrature, with tipping points {qt_tip * 1000:7.1f} ms")
    print(f"quadrature, normal national     {qn * 1000:7.1f} ms")
    print(f"quadrature, Student-t national  {qt * 1000:7.1f} ms")
    regional = ErrorModel(national_sd=3.0, regional_sd=2.0, df=6)
    qr = seconds(lambda: run(inp, errors=regional), 3)
    print(f"quadrature, t national + regions{qr * 1000:7.1f} ms   (the model's default form)")

    import datetime as dt

    from electoral.forecasting.calibrate import calibrate
    from electoral.forecasting.series import forecast_series

    cal = seconds(lambda: (calibrate.cache_clear(), calibrate(2024)), 1)
    start = dt.date(2024, 7, 8)  # 120 days before election day, 5 November 2024
    series = seconds(lambda: forecast_series(2024, "packaged", start), 1)
    eve = seconds(lambda: run(polls="packaged", year=2024), 3)
    print(f"calibration of 2024 (2008-2020)  {cal:7.2f} s   (once per process)")
    print(f"the model's forecast, 2024 eve   {eve:7.2f} s")
    print(f"daily series, 2024, 121 days     {series:7.2f} s   (target < 10 s)")

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    small = min(1_000_000, args.memory_sims)
    for count in (small, args.memory_sims):
        mem = peak_memory(count)
        print(f"peak memory, {count:>11,} simulations, all outputs, full covariance: {mem:5.0f} MB"
              f"   (target < 1024 MB; this benchmark process: {base:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
