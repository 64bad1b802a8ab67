"""Web benchmark: the server under load, each figure against a baseline measured in the same
run.

    python benchmarks/web.py [--seconds 30] [--clients 50] [--no-browser]

Starts `electoral serve` on a free loopback port (one uvicorn process) and drives it with an
asyncio load generator (keep-alive HTTP/1.1 connections) on the same machine:

1. baseline: GET /api/years (a trivial endpoint), the 50 paced clients, 10 s;
2. tally: POST /api/tally with the record's 2020 returns of the two leading candidates (112
   rows), 50 clients, one request per second each (a user at the map), for --seconds;
3. the mix: 50 clients, one request per second each, an even mix of GET /api/results/{year}
   (any recorded year), POST /api/tally with full returns (555 rows) and POST /api/forecast
   (2028, the default engine), for --seconds. Targets: no error; results p99 under 100 ms
   while the mix runs; tally and forecast p50/p99 and the 503 (busy) rate reported;
4. forecasts under concurrency: 1 client, then 50 clients, back to back, 15 s each: the
   throughput (answered forecasts per second) at 50 must be no lower than at 1, the server's
   peak resident memory under 500 MB, and excess load answered 503 with Retry-After (the
   clients wait as it says before they send again);
5. page load: a fresh browser context to the map being interactive (body[data-ready]),
   against loading a static file, Debian's Chromium through Playwright, 7 times each.

Counts and durations are bounded; the machine is small and noisy, so read the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.web_server import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

MAX_REQUESTS = 200_000
# Extra `electoral serve` options for an experiment, e.g. ELECTORAL_SERVE="--workers 1".
EXTRA = tuple(os.environ.get("ELECTORAL_SERVE", "").split())


def tally_body(top: int | None = 2) -> dict[str, Any]:
    """The record's 2020 returns as the app sends them: the two leading candidates (112 rows,
    a scenario's returns), or every candidate (top=None: 555 rows)."""
    from electoral.returns import record_returns

    r = record_returns(2020, top)
    return {"year": 2020, "rows": [{"state": x.state, "district": x.district,
                                    "candidate": r.names[x.candidate], "party": x.party,
                                    "votes": x.votes} for x in r.rows]}


Request = tuple[str, str, bytes]  # method, path, JSON body


def request_of(method: str, path: str, body: Any = None) -> Request:
    return method, path, json.dumps(body).encode() if body is not None else b""


async def load(url: str, requests: list[Request], clients: int, seconds: float,
               pace: float | None) -> dict[str, Any]:
    """Send `requests` round-robin (client k starts at request k): each client holds one
    keep-alive connection and sends one request every `pace` seconds (None: back to back).
    Returns latencies (s) per path kind, statuses counted, and errors (no answer, or an
    answer other than 200 and 503). A minimal HTTP/1.1 client on asyncio streams, so that the
    generator spends little of the machine's two cores."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    latencies: dict[str, list[float]] = {}
    statuses: dict[int, int] = {}
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    def wire(req: Request) -> bytes:
        method, path, payload = req
        return (f"{method} {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                "Content-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload

    prepared = [(req[1].split("/")[2], wire(req)) for req in requests]

    async def one(k: int) -> None:
        nonlocal errors, sent
        if pace:
            await asyncio.sleep(pace * k / clients)  # spread the clients over a period
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        next_at = time.perf_counter()
        i = k
        try:
            while time.perf_counter() < deadline and sent < MAX_REQUESTS:
                kind, data = prepared[i % len(prepared)]
                i += 1
                sent += 1
                t0 = time.perf_counter()
                try:
                    writer.write(data)
                    status = await asyncio.wait_for(_response(reader), 30)
                except (TimeoutError, OSError, ValueError):
                    status = 0
                    writer.close()
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                statuses[status] = statuses.get(status, 0) + 1
                errors += status not in (200, 503)
                if status == 200:
                    latencies.setdefault(kind, []).append(time.perf_counter() - t0)
                if status == 503:  # a polite client: back off as Retry-After says (1 s)
                    await asyncio.sleep(1.0)
                    next_at = time.perf_counter()
                    continue
                if pace:
                    next_at += pace
                    await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        finally:
            writer.close()

    await asyncio.gather(*(one(k) for k in range(clients)))
    return {"latencies": latencies, "statuses": statuses, "errors": errors, "sent": sent}


async def _response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length framed, as uvicorn sends JSON); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(x.split(":", 1)[1]) for x in lines if x.lower().startswith("content-length:"))
    await reader.readexactly(length)
    return status


def quantiles(lat: list[float]) -> tuple[float, float]:
    lat = sorted(lat)
    return statistics.median(lat), lat[min(len(lat) - 1, int(0.99 * len(lat)))]


def summary(name: str, lat: list[float], errors: int, seconds: float,
            base: float | None = None) -> float:
    med, p99 = quantiles(lat)
    ratio = f"   median {med / base:5.1f}x baseline" if base else "   (baseline)"
    print(f"{name:<24} {len(lat):7d} ok  {len(lat) / seconds:7.1f} req/s  median "
          f"{med * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  errors {errors}{ratio}")
    return med


def peak_rss_mb(pid: int) -> float:
    """The server's peak resident memory so far (VmHWM), in MB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def page_loads(base: str, repeat: int = 7) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def timed(url: str, selector: str) -> float:
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(selector, timeout=30_000)
            dt = time.perf_counter() - t0
            ctx.close()
            return dt

        timed(base + "/", "body[data-ready='1']")  # warm the server's caches
        static = statistics.median(timed(base + "/static/style.css", "body")
                                   for _ in range(repeat))
        app = statistics.median(timed(base + "/#year=2024", "body[data-ready='1']")
                                for _ in range(repeat))
        browser.close()
    return static, app


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--no-browser", action="store_true", help="skip the page-load part")
    args = ap.parse_args(argv)
    from electoral.record.catalog import years

    small, full = tally_body(), tally_body(None)
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp) / "b.duckdb", *EXTRA) as (base, proc):
        import httpx

        for y in years():  # the record's documents, as a server that has been up a while
            httpx.get(f"{base}/api/results/{y}", timeout=60).raise_for_status()
        httpx.post(base + "/api/tally", json=small, timeout=30).raise_for_status()
        httpx.post(base + "/api/forecast", json={"year": 2028}, timeout=60).raise_for_status()
        n, secs = args.clients, args.seconds
        print(f"{n} clients, loopback, one uvicorn process")
        r = asyncio.run(load(base, [request_of("GET", "/api/years")], n, 10, 1.0))
        b = summary("GET /api/years", r["latencies"]["years"], r["errors"], 10)
        r = asyncio.run(load(base, [request_of("POST", "/api/tally", small)], n, secs, 1.0))
        summary("tally, 112 rows", r["latencies"]["tally"], r["errors"], secs, b)

        mix = [request_of("GET", f"/api/results/{y}") for y in years()]
        mixed: list[Request] = []
        for i, res in enumerate(mix):  # results, full tally, forecast, in turn
            mixed += [res, request_of("POST", "/api/tally", full),
                      request_of("POST", "/api/forecast", {"year": 2028})][: 3 if i < 20 else 1]
        mixed = mixed[:60]
        r = asyncio.run(load(base, mixed, n, secs, 1.0))
        print(f"the mix (results, full tally, forecast), {n} clients, 1 request/s each, "
              f"{secs:g} s: statuses {dict(sorted(r['statuses'].items()))}")
        for kind in ("results", "tally", "forecast"):
            lat = r["latencies"].get(kind, [])
            if lat:
                summary(f"  {kind}", lat, 0, secs, b)
        busy = r["statuses"].get(503, 0) / max(1, r["sent"])
        res_p99 = quantiles(r["latencies"]["results"])[1]
        print(f"  errors {r['errors']}, 503 rate {busy:.1%}; results p99 "
              f"{res_p99 * 1000:.1f} ms, target < 100 ms: "
              f"{'ok' if r['errors'] == 0 and res_p99 < 0.1 else 'MISSED'}")

        fc = [request_of("POST", "/api/forecast", {"year": 2028})]
        one = asyncio.run(load(base, fc, 1, 15, None))
        many = asyncio.run(load(base, fc, n, 15, None))
        t1 = len(one["latencies"]["forecast"]) / 15
        tn = len(many["latencies"]["forecast"]) / 15
        rss = peak_rss_mb(proc.pid)
        print(f"forecasts back to back: 1 client {t1:.1f}/s, {n} clients {tn:.1f}/s "
              f"({tn / t1:.2f}x), 503s {many['statuses'].get(503, 0)}, errors "
              f"{many['errors']}; server peak RSS {rss:.0f} MB; targets: no lower at {n}, "
              f"RSS < 500 MB: {'ok' if tn >= 0.95 * t1 and rss < 500 else 'MISSED'}")
        if not args.no_browser:
            static, app = page_loads(base)
            print(f"page load, static file  {static * 1000:7.1f} ms   (baseline)")
            print(f"page load, map ready    {app * 1000:7.1f} ms   {app / static:5.1f}x "
                  f"baseline   target < 1 s: {'ok' if app < 1 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
