"""Monte Carlo: simulated elections, vectorised with NumPy, in chunks of bounded memory.

Reproducibility: the random numbers of simulations [b * BLOCK, (b + 1) * BLOCK) come from
their own generator, PCG64(SeedSequence(seed, spawn_key=(b,))), whatever chunk, thread or
Dask worker runs them; every statistic is an integer count, summed exactly. So the same seed
gives the same numbers for any chunk size, any number of threads, locally or on a cluster.
Margins are float32 (points within +-100: float32's 24-bit mantissa resolves 1e-5 points,
far below any error scale); counts are int64.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from electoral.forecasting.errors import Structure
from electoral.forecasting.exact import majority

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
BLOCK = 4096  # simulations per generator: the unit of reproducibility
DEFAULT_CHUNK = 8192  # simulations per pass: about 2 MB of float32 margins, so each pass stays in cache
MAX_CHUNK = 1 << 22  # float32 counts within a pass stay exact (below 2**24)


@dataclass(frozen=True)
class Spec:
    """Everything a worker needs (picklable, for Dask)."""

    mean: F32  # (n,)
    electors: I64  # (n,)
    votes: F32  # (n,) two-party votes weighting the national popular vote
    own: F32 | None  # (n,) factor form
    loadings: F32 | None  # (n, k) factor form
    chol: F32 | None  # (n, n) full form: cov = chol @ chol.T
    df: float | None
    conditions: tuple[tuple[int, bool], ...]
    seed: int
    sims: int
    detail: bool = True  # tipping points, decisiveness, inversions


@dataclass
class Counts:
    """Integer tallies over simulations (those meeting the conditions)."""

    sims: int = 0  # simulated
    kept: int = 0  # meeting the conditions
    ev: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    unit_d: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    d_and_unit: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    r_and_unit: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    decisive: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    tipping: I64 = field(default_factory=lambda: np.zeros(0, np.int64))
    inversions: int = 0

    @staticmethod
    def zero(n: int, total: int) -> Counts:
        z = np.zeros(n, np.int64)
        return Counts(0, 0, np.zeros(total + 1, np.int64), z.copy(), z.copy(), z.copy(),
                      z.copy(), z.copy(), 0)

    def __add__(self, o: Counts) -> Counts:
        return Counts(self.sims + o.sims, self.kept + o.kept, self.ev + o.ev, self.unit_d + o.unit_d,
                      self.d_and_unit + o.d_and_unit, self.r_and_unit + o.r_and_unit,
                      self.decisive + o.decisive, self.tipping + o.tipping,
                      self.inversions + o.inversions)


def make_spec(s: Structure, seed: int, sims: int, conditions: dict[int, bool] | None = None,
              detail: bool = True) -> Spec:
    chol = None
    if s.cov is not None:
        w, v = np.linalg.eigh(s.cov)  # symmetric square root: fine for semi-definite matrices
        chol = ((v * np.sqrt(np.clip(w, 0, None))) @ v.T).astype(np.float32)
    return Spec(s.mean.astype(np.float32), s.electors, s.votes.astype(np.float32),
                None if s.own is None else s.own.astype(np.float32),
                None if s.loadings is None else s.loadings.astype(np.float32),
                chol, s.df, tuple(sorted((conditions or {}).items())), seed, sims, detail)


def _block_rng(seed: int, block: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))


def simulate_margins(spec: Spec, first_block: int, last_block: int) -> F32:
    """(sims, n) simulated margins of blocks [first_block, last_block)."""
    n = len(spec.mean)
    start = first_block * BLOCK
    stop = min(last_block * BLOCK, spec.sims)
    out = np.empty((stop - start, n), np.float32)
    k = 0 if spec.loadings is None else spec.loadings.shape[1]
    for b in range(first_block, last_block):
        lo, hi = b * BLOCK - start, min((b + 1) * BLOCK, spec.sims) - start
        if hi <= lo:
            break
        rng = _block_rng(spec.seed, b)
        view = out[lo:hi]
        rng.standard_normal(out=view, dtype=np.float32)
        scale = None
        if spec.df is not None:
            w = rng.standard_gamma(spec.df / 2, size=hi - lo, dtype=np.float32) * 2
            scale = np.sqrt((spec.df - 2) / w).astype(np.float32)
        if spec.chol is not None:
            view[:] = view @ spec.chol.T
            if scale is not None:
                view *= scale[:, None]
        else:
            assert spec.own is not None and spec.loadings is not None
            view *= spec.own
            if k:
                z = rng.standard_normal((hi - lo, k), dtype=np.float32)
                if scale is not None:
                    z *= scale[:, None]
                # One factor: a broadcast product, much faster than a rank-1 matmul.
                shift = z * spec.loadings[:, 0] if k == 1 else z @ spec.loadings.T
                shift += spec.mean
                view += shift
                continue
        view += spec.mean
    return out


def run_blocks(spec: Spec, first_block: int, last_block: int) -> Counts:
    """Counts over blocks [first_block, last_block), in one vectorised pass."""
    e = spec.electors
    total = int(e.sum())
    maj = majority(total)
    n = len(e)
    m = simulate_margins(spec, first_block, last_block)
    sims = m.shape[0]
    win = m > 0
    if spec.conditions:
        keep = np.ones(sims, bool)
        for i, dem in spec.conditions:
            keep &= win[:, i] if dem else ~win[:, i]
        m, win = m[keep], win[keep]
    c = Counts.zero(n, total)
    c.sims = sims
    c.kept = int(win.shape[0])
    if not c.kept:
        return c
    # Counts by BLAS on 0/1 float32: exact, as every sum stays below 2**24 (MAX_CHUNK).
    wf = win.astype(np.float32)
    ev = (wf @ e.astype(np.float32)).astype(np.int64)
    c.ev = np.bincount(ev, minlength=total + 1).astype(np.int64)
    dwin = ev >= maj
    rwin = ev <= total - maj
    c.unit_d = (np.ones(len(ev), np.float32) @ wf).astype(np.int64)
    c.d_and_unit = (dwin.astype(np.float32) @ wf).astype(np.int64)
    c.r_and_unit = int(rwin.sum()) - (rwin.astype(np.float32) @ wf).astype(np.int64)
    if not spec.detail:
        return c
    others = ev[:, None] - np.where(win, e, 0)
    c.decisive = ((others >= total - maj - e + 1) & (others <= maj - 1)).sum(axis=0,
                                                                             dtype=np.int64)
    national = m @ spec.votes
    c.inversions = int(((dwin & (national < 0)) | (rwin & (national > 0))).sum())
    decided = dwin | rwin
    toward = np.where(dwin[decided, None], m[decided], -m[decided])
    order = np.argsort(-toward, axis=1, kind="stable")
    cum = np.cumsum(e[order], axis=1)
    pos = np.argmax(cum >= maj, axis=1)
    c.tipping = np.bincount(order[np.arange(len(pos)), pos], minlength=n).astype(np.int64)
    return c


def _tasks(sims: int, chunk: int) -> list[tuple[int, int]]:
    blocks = math.ceil(sims / BLOCK)
    per = max(1, math.ceil(min(chunk, MAX_CHUNK) / BLOCK))
    return [(b, min(b + per, blocks)) for b in range(0, blocks, per)]


def run(spec: Spec, chunk: int = DEFAULT_CHUNK, workers: int | None = None,
        scheduler: str | None = None) -> Counts:
    """All simulations: on threads (default: every core), or on a Dask cluster."""
    tasks = _tasks(spec.sims, chunk)
    total = int(spec.electors.sum())
    acc = Counts.zero(len(spec.mean), total)
    if scheduler is not None:
        return acc + _dask(spec, tasks, scheduler)
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(tasks) == 1:
        for a, b in tasks:
            acc = acc + run_blocks(spec, a, b)
        return acc
    with ThreadPoolExecutor(workers) as pool:  # NumPy releases the GIL in the heavy loops
        for c in pool.map(lambda t: run_blocks(spec, *t), tasks):
            acc = acc + c
    return acc


def _dask(spec: Spec, tasks: list[tuple[int, int]], scheduler: str) -> Counts:
    from electoral.errors import InputError

    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - dask is an optional extra
        raise InputError("Dask is not installed (pip install 'electoral[dask]')",
                         "scheduler") from None
    try:
        client = Client(scheduler, timeout="10s",  # type: ignore[no-untyped-call]
                        set_as_default=False)
    except OSError as e:
        raise InputError(f"cannot reach the Dask scheduler: {e}", "scheduler") from None
    try:
        remote = client.scatter(spec, broadcast=True)  # type: ignore[no-untyped-call]
        futures = [client.submit(run_blocks, remote, a, b, pure=False) for a, b in tasks]
        acc = Counts.zero(len(spec.mean), int(spec.electors.sum()))
        for c in client.gather(futures):  # type: ignore[no-untyped-call]
            acc = acc + c
        return acc
    finally:
        client.close()  # type: ignore[no-untyped-call]
