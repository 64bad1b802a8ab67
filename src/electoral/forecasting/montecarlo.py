"""Monte Carlo: simulated elections, vectorised with NumPy, in reused buffers of bounded size.

Reproducibility: the random numbers of simulations [b * BLOCK, (b + 1) * BLOCK) come from
their own generator, PCG64(SeedSequence(seed, spawn_key=(b,))), whatever chunk, thread or
Dask worker runs them; every statistic is an integer count, summed exactly. So the same seed
gives the same numbers for any chunk size, any number of threads, locally or on a cluster.
Margins are float32 (points within +-100: float32's 24-bit mantissa resolves 1e-5 points,
far below any error scale); counts are int64.

Speed (benchmarks/forecast.py): each worker thread draws a block, then finishes and counts
it STEP simulations at a time, in buffers allocated once (fresh multi-megabyte arrays per
pass cost page faults); matrix products run in slices small enough for BLAS to stay on the
calling thread (the workers already fill the cores); tipping points sort one packed uint32
key per unit (see _tipping) rather than a stable argsort.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from electoral.forecasting.errors import Structure
from electoral.forecasting.exact import majority

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]
RECOUNT = 0.5  # points: a tipping-point margin under this is within recount range
BLOCK = 4096  # simulations per generator: the unit of reproducibility
DEFAULT_CHUNK = 8192  # simulations per task handed to a thread or a Dask worker
MAX_CHUNK = 1 << 22  # simulations per task at most
STEP = 2048  # simulations per counting pass: its buffers stay in a core's cache
# OpenBLAS runs a matrix product on the calling thread when m * n * k is at most 65536 * 4
# (interface/gemm.c); above, it wakes its own threads, which then spin against the workers.
ONE_THREAD_GEMM = 1 << 18
# Tipping-point sort keys (see _tipping): a unit's electors in the low ELECTOR_BITS (wide
# enough for a pair's), the unit above them, the winner's margin in the rest.
ELECTOR_BITS = 7
UNIT_BITS = 6
KEY_BITS = ELECTOR_BITS + UNIT_BITS
ZERO_GROUP = 0x7FFFFFFF >> KEY_BITS  # a key's margin bits from here up: 0, or the loser's


@dataclass(frozen=True)
class Spec:
    """Everything a worker needs (picklable, for Dask)."""

    mean: F32  # (n,)
    electors: I64  # (n,)
    votes: F32  # (n,) two-party votes weighting the national popular vote
    own: F32 | None  # (n,) factor form
    loadings: F32 | None  # (n, k) factor form
    chol: F32 | None  # (n, n) full form: cov = chol @ chol.T
    df: float | None  # Student-t: the national factor's (factor form), or the whole vector's
    conditions: tuple[tuple[int, bool], ...]
    seed: int
    sims: int
    detail: bool = True  # tipping points, decisiveness, inversions
    t_factor: bool = False  # factor form: the first shared factor is the national one


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
    recount: int = 0  # the tipping-point unit's margin under RECOUNT points

    @staticmethod
    def zero(n: int, total: int) -> Counts:
        z = np.zeros(n, np.int64)
        return Counts(0, 0, np.zeros(total + 1, np.int64), z.copy(), z.copy(), z.copy(),
                      z.copy(), z.copy(), 0, 0)

    def __add__(self, o: Counts) -> Counts:
        return Counts(self.sims + o.sims, self.kept + o.kept, self.ev + o.ev, self.unit_d + o.unit_d,
                      self.d_and_unit + o.d_and_unit, self.r_and_unit + o.r_and_unit,
                      self.decisive + o.decisive, self.tipping + o.tipping,
                      self.inversions + o.inversions, self.recount + o.recount)


def make_spec(s: Structure, seed: int, sims: int, conditions: dict[int, bool] | None = None,
              detail: bool = True) -> Spec:
    chol = None
    if s.cov is not None:
        w, v = np.linalg.eigh(s.cov)  # symmetric square root: fine for semi-definite matrices
        chol = ((v * np.sqrt(np.clip(w, 0, None))) @ v.T).astype(np.float32)
    return Spec(s.mean.astype(np.float32), s.electors, s.votes.astype(np.float32),
                None if s.own is None else s.own.astype(np.float32),
                None if s.loadings is None else s.loadings.astype(np.float32),
                chol, s.df, tuple(sorted((conditions or {}).items())), seed, sims, detail,
                s.national is not None and bool(s.national.any()))


def _block_rng(seed: int, block: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))


def _matmul(a: F32, b: F32, out: F32) -> None:
    """out = a @ b, a (h, k), b (k, n), out (h, n), in row slices of at most ONE_THREAD_GEMM
    multiply-adds: each runs on the calling thread (see ONE_THREAD_GEMM)."""
    rows = max(1, ONE_THREAD_GEMM // (b.shape[0] * b.shape[1]))
    for i in range(0, a.shape[0], rows):
        np.matmul(a[i:i + rows], b, out=out[i:i + rows])


class _Work:
    """One worker's buffers, and the spec's per-unit constants, allocated once and reused.

    Shapes: (BLOCK, n) for a block's draws, (STEP, n) for a step's counts, unless noted.
    """

    def __init__(self, spec: Spec) -> None:
        n = len(spec.mean)
        k = 0 if spec.loadings is None else spec.loadings.shape[1]
        e = self.electors = spec.electors
        self.total = int(e.sum())
        self.maj = majority(self.total)
        self.ef = e.astype(np.float32)
        self.normals = np.empty((BLOCK, n), np.float32)  # then margins in the factor form
        # Right-hand sides of the products, contiguous: BLAS packs them faster.
        self.chol_t = None if spec.chol is None else np.ascontiguousarray(spec.chol.T)
        self.loadings_t = None if spec.loadings is None else np.ascontiguousarray(spec.loadings.T)
        self.z = np.empty(BLOCK * k, np.float32)  # (BLOCK * k,) shared factors, flat
        self.step = np.empty((STEP, n), np.float32)  # margins (full form) or shared errors
        self.kept = np.empty((STEP, n), np.float32)  # margins meeting the conditions
        self.wf = np.empty((STEP, n), np.float32)  # wins as 0/1, for sums by BLAS
        self.weights = np.ones((3, STEP), np.float32)  # all, Democratic, Republican wins
        self.unsure: list[tuple[F32, Bool]] = []  # tipping points to settle: margins, dwin
        if not spec.detail:
            return
        # Decisiveness, by the Democrat's electors v = 0 .. total (see _count): whether a unit
        # decides when lost, (total + 1, n), and what winning it changes, (total + 1, n).
        v = np.arange(self.total + 1)[:, None]
        low, high = self.total - self.maj + 1, self.maj - 1
        lost = (low - e <= v) & (v <= high)
        won = (low <= v) & (v <= high + e)
        self.lost = lost.astype(np.int64)
        self.swing = (won.astype(np.int8) - lost).astype(np.float32)
        self.swings = np.empty((STEP, n), np.float32)
        # Tipping points (see _tipping): packed keys while units and a pair's electors fit
        # their bits; an odd unit out is paired with a pad of no electors.
        self.packed = n <= 1 << UNIT_BITS and 2 * int(e.max(initial=0)) < 1 << ELECTOR_BITS
        unit_bits = (1 << KEY_BITS) - 1 - ((np.arange(n) << ELECTOR_BITS) | e)
        # Minus a margin's bits, with their low KEY_BITS cleared, these leave the unit and its
        # electors in the low bits: (2, n) for a Republican, a Democratic winner.
        self.top = np.stack([0xFFFFFFFF - unit_bits, 0x7FFFFFFF - unit_bits]).astype(np.uint32)
        self.tops = np.empty((STEP, n), np.uint32)
        width = n + n % 2
        half = width // 2
        self.keys = np.empty((STEP + 1, width), np.uint32)  # a spare row: see _tipping
        self.pair_sums = np.empty((STEP, half), np.uint32)
        self.pairs = np.empty((STEP, half), np.float32)
        self.running = np.empty((STEP, half + 1), np.float32)
        self.short = np.empty((STEP, half + 1), np.float32)
        # Running sums of pairs as a product, with a first column of zeros; a count of the
        # pairs short of a majority, but that first column, as another.
        self.upper = np.triu(np.ones((half, half + 1), np.float32), 1)
        self.count = np.ones(half + 1, np.float32)
        self.count[0] = 0
        self.running_rows = np.arange(STEP) * (half + 1)
        self.key_rows = np.arange(STEP) * width
        self.around = np.array([-1, 0, 1])


def _draw(spec: Spec, b: int, w: _Work) -> tuple[int, F32 | None, F32 | None]:
    """Block b's random numbers, in the generator's order: normals (h, n) into w.normals,
    then the Student-t scale (h,) and the shared factors (h, k). h = BLOCK but in the last
    block."""
    h = min((b + 1) * BLOCK, spec.sims) - b * BLOCK
    rng = _block_rng(spec.seed, b)
    rng.standard_normal(out=w.normals[:h], dtype=np.float32)
    scale = None
    if spec.df is not None:
        # Student-t with unit scale: a normal over sqrt(chi-squared / df), so the tails widen
        g = rng.standard_gamma(spec.df / 2, size=h, dtype=np.float32) * 2
        scale = np.sqrt(spec.df / g).astype(np.float32)
    z = None
    if spec.chol is None:
        assert spec.loadings is not None
        k = spec.loadings.shape[1]
        if k:
            z = w.z[:h * k].reshape(h, k)
            rng.standard_normal(out=z, dtype=np.float32)
            if scale is not None and spec.t_factor:
                z[:, 0] *= scale  # the national factor only; the regional ones stay normal
        scale = None
    return h, scale, z


def _margins(spec: Spec, w: _Work, lo: int, hi: int, scale: F32 | None, z: F32 | None) -> F32:
    """(hi - lo, n) margins of rows [lo, hi) of the block drawn, hi - lo <= STEP."""
    normals = w.normals[lo:hi]
    if w.chol_t is not None:
        view = w.step[:hi - lo]
        _matmul(normals, w.chol_t, view)
        if scale is not None:
            view *= scale[lo:hi, None]
    else:
        assert spec.own is not None and spec.loadings is not None
        view = normals
        view *= spec.own
        if z is not None:
            shift = w.step[:hi - lo]
            if z.shape[1] == 1:  # a broadcast product, much faster than a rank-1 matmul
                np.multiply(z[lo:hi], spec.loadings[:, 0], out=shift)
            else:
                assert w.loadings_t is not None
                _matmul(z[lo:hi], w.loadings_t, shift)
            shift += spec.mean
            view += shift
            return view
    view += spec.mean
    return view


def _steps(spec: Spec, first_block: int, last_block: int, w: _Work) -> Iterator[F32]:
    """The margins of blocks [first_block, last_block), (h, n) at a time, h <= STEP, in w's
    buffers (each overwritten by the next)."""
    for b in range(first_block, min(last_block, math.ceil(spec.sims / BLOCK))):
        h, scale, z = _draw(spec, b, w)
        for i in range(0, h, STEP):
            yield _margins(spec, w, i, min(i + STEP, h), scale, z)


def simulate_margins(spec: Spec, first_block: int, last_block: int) -> F32:
    """(sims, n) simulated margins of blocks [first_block, last_block)."""
    parts = [m.copy() for m in _steps(spec, first_block, last_block, _Work(spec))]
    return np.concatenate(parts) if parts else np.empty((0, len(spec.mean)), np.float32)


def _count(spec: Spec, m: F32, w: _Work, c: Counts) -> None:
    """Add to c the statistics of margins m (h, n), h <= STEP, but decisiveness's lost-unit
    part (see run_blocks) and the tipping points left in w.unsure."""
    h = m.shape[0]
    # Sums by BLAS on 0/1 float32: exact, as every sum stays below 2**24. (A vector-matrix
    # product, 1-d @ 2-d, wakes BLAS threads at these sizes, a matrix-vector one does not.)
    wf = w.wf[:h]
    np.greater(m, 0, out=wf)
    ev = (wf @ w.ef).astype(np.intp)
    c.ev += np.bincount(ev, minlength=w.total + 1)
    dwin = ev >= w.maj
    rwin = ev <= w.total - w.maj
    weights = w.weights[:, :h]  # all, Democratic wins, Republican wins
    np.copyto(weights[1], dwin)
    np.copyto(weights[2], rwin)
    sums = _product_sum(weights, wf).astype(np.int64)
    c.unit_d += sums[0]
    c.d_and_unit += sums[1]
    c.r_and_unit += int(rwin.sum()) - sums[2]
    if not spec.detail:
        return
    # Decisive: lost[ev, i] (once per task, by the histogram of ev), plus swing[ev, i] if won.
    swing = np.take(w.swing, ev, axis=0, out=w.swings[:h], mode="clip")  # clip: unbuffered
    swing *= wf
    c.decisive += _product_sum(weights[:1], swing)[0].astype(np.int64)
    national = m @ spec.votes
    c.inversions += int(((dwin & (national < 0)) | (rwin & (national > 0))).sum())
    decided = dwin | rwin
    unit, unsure = _tipping(m, dwin, w)
    unsure &= decided
    sure = decided & ~unsure
    c.tipping += np.bincount(unit[sure], minlength=m.shape[1])
    rows = np.flatnonzero(sure)
    c.recount += int((np.abs(m[rows, unit[rows].astype(np.intp)]) < RECOUNT).sum())
    if unsure.any():
        w.unsure.append((m[unsure], dwin[unsure]))
        if sum(len(u[1]) for u in w.unsure) >= STEP:
            _settle(w, c)


def _settle(w: _Work, c: Counts) -> None:
    """Add to c the tipping points of the simulations in w.unsure, by the exact method (a
    few simulations at a time: the call is what costs), and forget them."""
    m = np.concatenate([u[0] for u in w.unsure])
    dwin = np.concatenate([u[1] for u in w.unsure])
    w.unsure.clear()
    unit = _tipping_exact(m, dwin, w.electors, w.maj)
    c.tipping += np.bincount(unit, minlength=m.shape[1])
    c.recount += int((np.abs(m[np.arange(len(unit)), unit]) < RECOUNT).sum())


def _product_sum(a: F32, b: F32) -> F32:
    """a @ b, a (g, h), b (h, n), summed over slices of h small enough for BLAS to stay on
    this thread (see ONE_THREAD_GEMM); exact for integers below 2**24."""
    rows = max(1, ONE_THREAD_GEMM // (a.shape[0] * b.shape[1]))
    out = a[:, :rows] @ b[:rows]
    for i in range(rows, a.shape[1], rows):
        out += a[:, i:i + rows] @ b[i:i + rows]
    return out


def _tipping(m: F32, dwin: Bool, w: _Work) -> tuple[npt.NDArray[np.uint32], Bool]:
    """The tipping-point unit of each simulation of margins m (h, n), (h,), where decided:
    ordering the units from the winner's widest margin down (ties by unit index, as a stable
    sort), the one whose electors carry its running total to a majority; and (h,) the
    simulations this leaves unsure, for _tipping_exact.

    One uint32 key per unit, sorted: w.top less the margin's float bits, their low KEY_BITS
    cleared, so that those bits hold the unit and its electors. Non-negative floats order as
    their bits, negative ones in reverse; from 2**31 - 1 (a Democratic winner) the winner's
    units come first, widest margin first, and the loser's wrap round to keys of 2**31 and
    up; likewise from 2**32 - 1 for a Republican winner, whose margins are negative. Keys of
    equal truncated margins may come out of order, which changes nothing unless the tipping
    point is among them; a margin of exactly 0 may sort among the loser's: those simulations
    are unsure. Running electors by pairs of sorted units (a quarter of a product's work),
    then within the pair.
    """
    h, n = m.shape
    if not w.packed:
        return np.zeros(h, np.uint32), np.ones(h, np.bool_)
    keys = w.keys[:h]
    ours = keys[:, :n]
    np.bitwise_and(m.view(np.uint32), np.uint32(0xFFFFFFFF ^ ((1 << KEY_BITS) - 1)), out=ours)
    top = np.take(w.top, dwin.astype(np.intp), axis=0, out=w.tops[:h], mode="clip")
    np.subtract(top, ours, out=ours)
    keys[:, n:] = 0xFFFFFFFF ^ ((1 << ELECTOR_BITS) - 1)  # an odd unit's pad: no electors
    keys.sort(axis=1)
    pair = np.add(keys[:, 0::2], keys[:, 1::2], out=w.pair_sums[:h])  # low bits: 2 units'
    pairs = np.bitwise_and(pair, np.uint32((1 << ELECTOR_BITS) - 1), out=w.pairs[:h],
                           casting="unsafe")
    running = w.running[:h]  # electors of the first j pairs, j = 0 .. width / 2
    _matmul(pairs, w.upper, running)
    short = np.less(running, np.float32(w.maj), out=w.short[:h])
    k = (short @ w.count).astype(np.intp)  # pairs before the majority
    before = running.reshape(-1)[w.running_rows[:h] + k]
    flat = w.keys.reshape(-1)
    at = w.key_rows[:h] + 2 * k
    at += before + (flat[at] & ((1 << ELECTOR_BITS) - 1)) < w.maj
    # The tipping key and its neighbours (across a row's end: at worst an unsure result).
    trio = flat[at[:, None] + w.around]
    group = trio >> KEY_BITS
    unsure = group[:, 1] >= ZERO_GROUP
    unsure |= group[:, 0] == group[:, 1]
    unsure |= group[:, 2] == group[:, 1]
    return trio[:, 1] >> ELECTOR_BITS & ((1 << UNIT_BITS) - 1), unsure


def _tipping_exact(m: F32, dwin: Bool, electors: I64, maj: int) -> I64:
    """_tipping by a stable argsort of each simulation (slow: for a few simulations)."""
    toward = np.where(dwin[:, None], m, -m)
    order = np.argsort(-toward, axis=1, kind="stable")
    cum = np.cumsum(electors[order], axis=1)
    pos = np.argmax(cum >= maj, axis=1)
    unit: I64 = order[np.arange(len(pos)), pos]
    return unit


def run_blocks(spec: Spec, first_block: int, last_block: int, work: _Work | None = None) -> Counts:
    """Counts over blocks [first_block, last_block), in the buffers of `work` (default:
    fresh ones)."""
    w = work or _Work(spec)
    return count_margins(spec, _steps(spec, first_block, last_block, w), w)


def count_margins(spec: Spec, steps: Iterable[F32], work: _Work | None = None) -> Counts:
    """Counts over simulated margins, given (h, n) at a time, h <= STEP."""
    w = work or _Work(spec)
    c = Counts.zero(len(spec.mean), w.total)
    for m in steps:
        c.sims += m.shape[0]
        if spec.conditions:
            keep = np.ones(m.shape[0], np.bool_)
            for u, dem in spec.conditions:
                keep &= m[:, u] > 0 if dem else m[:, u] <= 0
            m = np.compress(keep, m, axis=0, out=w.kept[:int(np.count_nonzero(keep))])
        c.kept += m.shape[0]
        if m.shape[0]:
            _count(spec, m, w, c)
    if spec.detail:
        c.decisive += c.ev @ w.lost
    if w.unsure:
        _settle(w, c)
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
    workers = min(workers or os.cpu_count() or 1, len(tasks))
    if workers == 1:
        work = _Work(spec)
        for a, b in tasks:
            acc = acc + run_blocks(spec, a, b, work)
        return acc
    queue = iter(tasks)
    lock = threading.Lock()

    def worker() -> Counts:
        """Tasks taken in turn (a shared queue balances a noisy machine), in one set of buffers."""
        work = _Work(spec)
        mine = Counts.zero(len(spec.mean), total)
        while True:
            with lock:
                task = next(queue, None)
            if task is None:
                return mine
            mine = mine + run_blocks(spec, *task, work)

    with ThreadPoolExecutor(workers) as pool:  # NumPy releases the GIL in the heavy loops
        for c in [pool.submit(worker) for _ in range(workers)]:
            acc = acc + c.result()
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
