"""Web benchmark: latency of POST /api/tally under 50 concurrent clients, and page load to an
interactive map, each against a baseline measured in the same run.

    python benchmarks/web.py [--seconds 30] [--clients 50]

Starts `electoral serve` on a free loopback port (one uvicorn process) and drives it with an
asyncio load generator (keep-alive HTTP/1.1 connections) on the same machine:

1. baseline: GET /api/years (a trivial endpoint), the same 50 paced clients, 10 s;
2. tally: POST /api/tally with the record's 2020 returns of the two leading candidates (112
   rows), 50 clients, each sending one request per second (a user at the map), for --seconds
   (target: zero errors, p99 under 50 ms); then the same with every candidate (555 rows);
3. saturation: the 50 clients with no pause, 10 s: the throughput ceiling;
4. page load: a fresh browser context to the map being interactive (body[data-ready]),
   against loading a static file, Debian's Chromium through Playwright, 7 times each.

Counts and durations are bounded; the machine is small and noisy, so read the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402

MAX_REQUESTS = 200_000


def tally_body(top: int | None = 2) -> dict[str, Any]:
    """The record's 2020 returns as the app sends them: the two leading candidates (112 rows,
    a scenario's returns), or every candidate (top=None: 555 rows)."""
    from electoral.returns import record_returns

    r = record_returns(2020, top)
    return {"year": 2020, "rows": [{"state": x.state, "district": x.district,
                                    "candidate": r.names[x.candidate], "party": x.party,
                                    "votes": x.votes} for x in r.rows]}


async def load(url: str, method: str, body: Any, clients: int, seconds: float,
               pace: float | None) -> tuple[list[float], int, int]:
    """Latencies (s), errors and requests; each client holds one keep-alive connection and
    sends one request every `pace` seconds (None: back to back). A minimal HTTP/1.1 client on
    asyncio streams, so that the generator spends little of the machine's two cores."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    payload = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n").encode()
    request = head + payload
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    async def one(k: int) -> None:
        nonlocal errors, sent
        if pace:
            await asyncio.sleep(pace * k / clients)  # spread the clients over a period
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        next_at = time.perf_counter()
        try:
            while time.perf_counter() < deadline and sent < MAX_REQUESTS:
                sent += 1
                t0 = time.perf_counter()
                try:
                    writer.write(request)
                    status = await asyncio.wait_for(_response(reader), 10)
                    ok = status == 200
                except (TimeoutError, OSError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                latencies.append(time.perf_counter() - t0)
                errors += not ok
                if pace:
                    next_at += pace
                    await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        finally:
            writer.close()

    await asyncio.gather(*(one(k) for k in range(clients)))
    return latencies, errors, sent


async def _response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length framed, as uvicorn sends JSON); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(x.split(":", 1)[1]) for x in lines if x.lower().startswith("content-length:"))
    await reader.readexactly(length)
    return status


def summary(name: str, lat: list[float], errors: int, seconds: float,
            base: float | None = None) -> float:
    lat = sorted(lat)
    med = statistics.median(lat)
    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
    ratio = f"   median {med / base:5.1f}x baseline" if base else "   (baseline)"
    print(f"{name:<22} {len(lat):7d} req  {len(lat) / seconds:7.1f} req/s  median "
          f"{med * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  errors {errors}{ratio}")
    return med


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
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--clients", type=int, default=50)
    args = ap.parse_args(argv)
    body, full = tally_body(), tally_body(None)
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "b.duckdb") as base:
        import httpx

        httpx.post(base + "/api/tally", json=body, timeout=30).raise_for_status()  # warm up
        n = args.clients
        print(f"{n} clients, loopback, one uvicorn process")
        lat, err, _ = asyncio.run(load(base + "/api/years", "GET", None, n, 10, 1.0))
        b = summary("GET /api/years", lat, err, 10)
        for name, doc in (("tally, 112 rows", body), ("tally, 555 rows", full)):
            lat, err, _ = asyncio.run(load(base + "/api/tally", "POST", doc, n, args.seconds,
                                           1.0))
            summary(name, lat, err, args.seconds, b)
            p99 = sorted(lat)[int(0.99 * len(lat))]
            print(f"  target: zero errors and p99 < 50 ms: "
                  f"{'ok' if err == 0 and p99 < 0.05 else 'MISSED'}")
        lat, err, _ = asyncio.run(load(base + "/api/tally", "POST", body, n, 10, None))
        summary("tally, 112, no pause", lat, err, 10, b)
        static, app = page_loads(base)
        print(f"page load, static file  {static * 1000:7.1f} ms   (baseline)")
        print(f"page load, map ready    {app * 1000:7.1f} ms   {app / static:5.1f}x baseline"
              f"   target < 1 s: {'ok' if app < 1 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
