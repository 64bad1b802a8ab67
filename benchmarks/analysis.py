"""Benchmarks of electoral.analysis, as ratios against baselines measured in the same run.

    python benchmarks/analysis.py

- Every analysis (analyze: tipping points, bias, swing curve, the four fewest-votes plans; the
  four counterfactual rules) for every election 1976-2024: target under 2 s in total, from a
  fresh process (the record loaded from disk) and warm. Baselines: `python -c "import
  electoral"` for the fresh process; warm, a plain Python loop that sums every unit's votes of
  the same elections (the least work any analysis of them does).
- Exact Banzhaf and Shapley-Shubik for the 56 units of 2020: target under 100 ms each.
  Baselines: numpy's convolve building the same generating function (56 products, degree
  538), and a plain Python loop doing the same products.
Medians of several runs; the machine is small and noisy, so read the ratios, not the digits.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from timing import median_seconds  # noqa: E402

YEARS = list(range(1976, 2025, 4))
ALL = """
from electoral.analysis import analyze, counterfactual
for y in range(1976, 2025, 4):
    analyze(y).to_dict()
    for rule in ("proportional", "npvic", "popular") + (("district",) if y <= 2020 else ()):
        counterfactual(y, rule).to_dict()
"""




def verdict(seconds: float, limit: float) -> str:
    return "ok" if seconds < limit else "MISSED"


def main() -> int:
    py = sys.executable
    env_run = [py, "-c"]
    base_cold = median_seconds(lambda: subprocess.run([*env_run, "import electoral"],
                                                      check=True, cwd=ROOT), 5)
    all_cold = median_seconds(lambda: subprocess.run([*env_run, ALL], check=True, cwd=ROOT), 5)
    print(f"import electoral (fresh process)      {base_cold * 1000:8.1f} ms   (baseline)")
    print(f"all analyses 1976-2024, fresh process {all_cold * 1000:8.1f} ms   "
          f"{all_cold / base_cold:5.1f}x baseline   target < 2000 ms: "
          f"{verdict(all_cold, 2.0)}  (analysis alone: {(all_cold - base_cold) * 1000:.0f} ms)")

    from electoral.analysis import analyze, counterfactual
    from electoral.units import unit_votes

    def loop() -> int:
        total = 0
        for y in YEARS:
            for per in unit_votes(y).values():
                for n in per.values():
                    total += n
        return total

    def everything() -> None:
        exec(ALL, {"analyze": analyze, "counterfactual": counterfactual})

    everything()
    floor = median_seconds(loop, 10)
    warm = median_seconds(everything, 5)
    print(f"sum of unit votes 1976-2024 (loop)    {floor * 1000:8.2f} ms   (baseline)")
    print(f"all analyses 1976-2024, warm          {warm * 1000:8.1f} ms   "
          f"{warm / floor:5.1f}x baseline   target < 2000 ms: {verdict(warm, 2.0)}")

    import numpy as np

    from electoral.analysis.power import banzhaf_swings, shapley_shubik
    from electoral.units import voting_units

    units = {u.code: u.electors for u in voting_units(2020)}
    weights = list(units.values())

    def convolve() -> None:
        g = np.ones(1, dtype=np.int64)
        for w in weights:
            f = np.zeros(w + 1, dtype=np.int64)
            f[0] = f[w] = 1
            g = np.convolve(g, f)

    def python_loop() -> None:
        g = [1] + [0] * sum(weights)
        for w in weights:
            for k in range(len(g) - 1, w - 1, -1):
                g[k] += g[k - w]

    conv = median_seconds(convolve, 20)
    plain = median_seconds(python_loop, 5)
    bz = median_seconds(lambda: banzhaf_swings(units), 10)
    ss = median_seconds(lambda: shapley_shubik(units), 10)
    print(f"np.convolve, 56 factors (baseline)    {conv * 1000:8.2f} ms")
    print(f"Python loop, 56 factors (baseline)    {plain * 1000:8.2f} ms")
    print(f"Banzhaf, 56 units, exact              {bz * 1000:8.2f} ms   {bz / conv:5.1f}x convolve, "
          f"{bz / plain:5.2f}x loop   target < 100 ms: {verdict(bz, 0.1)}")
    print(f"Shapley-Shubik, 56 units, exact       {ss * 1000:8.2f} ms   {ss / conv:5.1f}x convolve, "
          f"{ss / plain:5.2f}x loop   target < 100 ms: {verdict(ss, 0.1)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
